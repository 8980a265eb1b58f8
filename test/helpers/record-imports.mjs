// Loaded with `node --import`: records every module the process resolves, one URL a line, in the
// file GRADEPACK_RECORD_IMPORTS names (module hooks run in a thread of their own, so they write
// to a file rather than to the process's output).
import { register } from 'node:module';

const hooks = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.GRADEPACK_RECORD_IMPORTS, resolved.url + '\\n');
  return resolved;
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
