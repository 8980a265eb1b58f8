import { readInputText } from './input-file';
import { GradepackError } from './errors';
import { parseJsonFile } from './parse-json';
import { Framework, modelJsonSchema } from './schema';

/** Pretty-printed, keys in schema order (zod rebuilds objects in shape order), newline at the end. */
export function serializeModel(framework: Framework): string {
  return `${JSON.stringify(Framework.parse(framework), null, 2)}\n`;
}

export function serializeSchema(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}

export function parseModel(raw: string, file: string): Framework {
  return parseJsonFile(Framework, raw, file, 'ModelInvalid', 'Run `gradepack ingest` to regenerate it.');
}

async function readModelText(file: string, hint: string): Promise<string> {
  const raw = await readInputText(file, file, 'model');
  if (raw === null) throw new GradepackError('ModelMissing', `${file} was not found.`, { file }, hint);
  return raw;
}

/** A model file's JSON, not yet checked against the schema (validation reports what is wrong with it). */
export async function readModelJson(file: string): Promise<unknown> {
  const raw = await readModelText(file, 'Give the path of a model file, e.g. output/model/success-profiles-2024.json.');
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new GradepackError(
      'ModelInvalid',
      `It is not valid JSON (${(e as Error).message}).`,
      { file },
      'Restore it from git, or regenerate it with `gradepack ingest`.',
    );
  }
}

export async function readModel(file: string): Promise<Framework> {
  const raw = await readModelText(file, 'Give the path of a model file; `gradepack ingest` writes them into output/model/.');
  return parseModel(raw, file);
}
