import type { z } from 'zod';
import { GradepackError, type ErrorName } from './errors';

/**
 * Parses JSON text and checks it against a zod schema; any failure is one GradepackError of the
 * given name, naming the file and the first problem's path.
 */
export function parseJsonFile<T extends z.ZodType>(schema: T, raw: string, file: string, code: ErrorName, hint?: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    throw new GradepackError(code, `It is not valid JSON (${(e as Error).message}).`, { file }, hint);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GradepackError(code, `${issue.path.join('.') || '(top level)'}: ${issue.message}.`, { file }, hint);
  }
  return parsed.data;
}
