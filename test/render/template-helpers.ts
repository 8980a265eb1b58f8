import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/ingest';

export const TEMPLATES = join(ROOT, 'templates');

/** A scratch copy of templates/, edited by `edit`; removed by the returned cleanup. */
export async function editedTemplates(edit: (dir: string) => Promise<void>): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'gradepack-templates-'));
  await cp(TEMPLATES, dir, { recursive: true });
  await edit(dir);
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Replaces `find` (which must occur) in a template file. */
export async function replaceIn(dir: string, file: string, find: string, replacement: string): Promise<void> {
  const path = join(dir, file);
  const text = await readFile(path, 'utf8');
  if (!text.includes(find)) throw new Error(`${file} does not contain ${find}`);
  await writeFile(path, text.replace(find, replacement));
}

/** The 1-based line of the first occurrence of `text` in a template file. */
export async function lineOf(dir: string, file: string, text: string): Promise<number> {
  const source = await readFile(join(dir, file), 'utf8');
  const index = source.indexOf(text);
  if (index < 0) throw new Error(`${file} does not contain ${text}`);
  return source.slice(0, index).split('\n').length;
}
