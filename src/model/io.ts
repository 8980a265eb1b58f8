import { readFile } from 'node:fs/promises';
import { GradepackError } from './errors';
import { Framework, modelJsonSchema } from './schema';

/** Pretty-printed, keys in schema order (zod rebuilds objects in shape order), newline at the end. */
export function serializeModel(framework: Framework): string {
  return `${JSON.stringify(Framework.parse(framework), null, 2)}\n`;
}

export function serializeSchema(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}

export function parseModel(raw: string, file: string): Framework {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new GradepackError('ModelInvalid', `It is not valid JSON (${(e as Error).message}).`, { file });
  }
  const parsed = Framework.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GradepackError('ModelInvalid', `${issue.path.join('.')}: ${issue.message}.`, { file }, 'Run `gradepack ingest` to regenerate it.');
  }
  return parsed.data;
}

export async function readModel(file: string): Promise<Framework> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new GradepackError('ModelMissing', `${file} was not found.`, { file }, 'Run `gradepack ingest` first.');
    }
    throw e;
  }
  return parseModel(raw, file);
}
