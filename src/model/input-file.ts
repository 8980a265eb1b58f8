import { type FileHandle, open, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { GradepackError } from './errors';

/**
 * Reading what a user gives gradepack (sources, errata, the registry, configuration, templates,
 * campaigns, model files): regular files only, never more than a limit, and, where a path comes
 * from a file of the project, never outside the folder it must be in. A /dev/zero, a folder, a
 * 50 MB "source" or `../../etc/passwd` each gets one named error instead of a hang, a crash or a
 * read of somebody else's file.
 */
const MB = 1024 * 1024;

/** The largest file of each kind gradepack reads; each is far above any real one. */
export const INPUT_LIMITS = {
  /** A PDF, spreadsheet or CASE source: the 2018 PDF is just over 1 MB. */
  source: 25 * MB,
  /**
   * A text or markdown source: the largest real one is 160 KB. The layout adapters need about 200
   * times a text's size in memory (an 8 MB MMO text takes 1.7 GB), so a larger one would exhaust
   * the heap instead of being read.
   */
  textSource: 4 * MB,
  /**
   * A markdown source: the MMO framework's is 160 KB. remark needs about 1 GB per MB of short
   * lines (and more for table cells: see mmo-markdown/markdown.ts), so more would exhaust the heap.
   */
  markdownSource: 1 * MB,
  /** Errata, the registry, the configuration: hand-written JSON. */
  settings: 2 * MB,
  /** A campaign file: hand-written YAML. */
  campaign: 2 * MB,
  /** One template or stylesheet. */
  template: 1 * MB,
  /** A model file (output/model/*.json, or one given to validate or diff). */
  model: 25 * MB,
  /** A campaign's candidates list. */
  candidates: 25 * MB,
} as const;

export type InputKind = keyof typeof INPUT_LIMITS;

const KIND_NAMES: Record<InputKind, string> = {
  source: 'source',
  textSource: 'text source',
  markdownSource: 'markdown source',
  settings: 'settings file',
  campaign: 'campaign file',
  template: 'template',
  model: 'model file',
  candidates: 'candidates list',
};

function describe(size: number): string {
  return size >= MB ? `${(size / MB).toFixed(1)} MB` : `${size} bytes`;
}

/**
 * The bytes of a regular file of at most the kind's limit, or null when it does not exist.
 * `display` names it in errors (a path relative to the project, as the user wrote it).
 */
export async function readInputFile(path: string, display: string, kind: InputKind): Promise<Buffer | null> {
  const limit = INPUT_LIMITS[kind];
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new GradepackError(
      'InputUnreadable',
      `${display} cannot be read (${code ?? (e as Error).message}).`,
      { file: display },
      'Check that the file exists and that you may read it.',
    );
  }
  if (!info.isFile()) {
    const what = info.isDirectory()
      ? 'a folder'
      : info.isCharacterDevice() || info.isBlockDevice()
        ? 'a device'
        : info.isFIFO()
          ? 'a pipe'
          : 'not a regular file';
    throw new GradepackError('InputNotAFile', `${display} is ${what}, not a file.`, { file: display }, `Give the path of the ${KIND_NAMES[kind]} itself.`);
  }
  const tooLarge = (size: string) =>
    new GradepackError(
      'InputTooLarge',
      `${display} is ${size}; a ${KIND_NAMES[kind]} may be at most ${describe(limit)}.`,
      { file: display },
      `Check that it is the right file; gradepack reads no ${KIND_NAMES[kind]} larger than ${describe(limit)}.`,
    );
  if (info.size > limit) throw tooLarge(describe(info.size));
  // Read at most limit + 1 bytes, whatever stat said: some files (under /proc) report no size.
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, 'r');
    let buffer = Buffer.alloc(Math.min(limit + 1, info.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > limit) throw tooLarge(`more than ${describe(limit)}`);
        const grown = Buffer.alloc(Math.min(limit + 1, Math.max(buffer.length * 2, 64 * 1024)));
        buffer.copy(grown);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle?.close();
  }
}

/** readInputFile as UTF-8 text (callers that need to check the encoding read bytes). */
export async function readInputText(path: string, display: string, kind: InputKind): Promise<string | null> {
  const bytes = await readInputFile(path, display, kind);
  return bytes === null ? null : bytes.toString('utf8');
}

/**
 * `relativePath` (as a project file gives it) resolved inside `folder` (which users know as
 * `folderName`, e.g. "sources"), symbolic links included. A path that leads outside is refused with
 * PathOutsideProject, naming `givenIn` (the file that gives the path); a symbolic link in the folder
 * that leads outside is refused naming the link.
 */
export async function containedPath(folder: string, folderName: string, relativePath: string, givenIn: string): Promise<string> {
  const hint = 'Paths in project files are relative to their folder and stay inside it: copy the file into the folder instead.';
  if (leavesFolder(relativePath)) {
    throw new GradepackError('PathOutsideProject', `"${relativePath}" leads outside ${folderName}/.`, { file: givenIn }, hint);
  }
  const base = resolve(folder);
  const target = resolve(base, relativePath);
  // Symbolic links: where the path really leads, when it exists.
  const realBase = await realpath(base).catch(() => base);
  const realTarget = await realpath(target).catch(() => null);
  if (realTarget !== null && !inside(realBase, realTarget)) {
    throw new GradepackError(
      'PathOutsideProject',
      `It is a symbolic link to ${realTarget}, outside ${folderName}/.`,
      { file: `${folderName}/${relativePath}` },
      hint,
    );
  }
  return target;
}

/** Whether `relativePath`, read inside a folder, is absolute or climbs out of it: decided from the text alone. */
export function leavesFolder(relativePath: string): boolean {
  if (isAbsolute(relativePath) || relativePath.includes('\0')) return true;
  const base = resolve(sep, 'folder');
  return !inside(base, resolve(base, relativePath));
}

function inside(base: string, target: string): boolean {
  const rel = relative(base, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
