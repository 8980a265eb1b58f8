import type { z } from 'zod';
import { jsonLine, jsonSyntaxErrorLine } from './document-lines';
import { GradepackError, type ErrorName } from './errors';

/**
 * A refinement's issue may name the catalogue error it stands for, with its hint (a registry
 * path that leads outside sources/ is PathOutsideProject, not RegistryInvalid):
 * `ctx.addIssue({ code: 'custom', message, params: namedIssue('PathOutsideProject', hint) })`.
 */
export const namedIssue = (error: ErrorName, hint: string) => ({ error, hint });

/**
 * Parses JSON text and checks it against a zod schema; any failure is one GradepackError of the
 * given name, naming the file, the line and the first problem's path.
 */
export function parseJsonFile<T extends z.ZodType>(schema: T, raw: string, file: string, code: ErrorName, hint?: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    const message = (e as Error).message;
    const line = jsonSyntaxErrorLine(raw, message);
    throw new GradepackError(code, `It is not valid JSON (${message}).`, { file, ...(line ? { line } : {}) }, hint);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const named = issue.code === 'custom' ? (issue.params as Partial<ReturnType<typeof namedIssue>> | undefined) : undefined;
    throw new GradepackError(
      named?.error ?? code,
      `${path.join('.') || '(top level)'}: ${issue.message}.`,
      { file, line: jsonLine(raw, key === undefined ? path : [...path, key]) },
      named?.hint ?? hint,
    );
  }
  return parsed.data;
}
