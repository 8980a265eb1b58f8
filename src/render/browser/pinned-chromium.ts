import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { GradepackError } from '../../model/errors';

/**
 * Which Chromium prints our PDFs. By default the one pinned in package-lock.json: the npm package
 * @sparticuz/chromium carries a headless Chromium build (brotli-compressed) inside it, so every
 * machine that installs the lock file prints with the same browser, without apt and without a
 * download at run time. PUPPETEER_EXECUTABLE_PATH overrides it. Only the binary is used: the
 * package's launch flags (which turn web security off) and its fonts are not.
 */
export const PINNED_PACKAGE = '@sparticuz/chromium';

export interface BrowserSpec {
  executablePath: string;
  /** How the browser was chosen, for messages: the pinned package or the environment variable. */
  origin: 'pinned' | 'PUPPETEER_EXECUTABLE_PATH';
  /** What identifies the browser's output, without starting it: enters every PDF's input hash. */
  identity: string;
}

interface PinnedPackage {
  version: string;
  binDir: string;
}

function pinnedPackage(): PinnedPackage {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(PINNED_PACKAGE);
  } catch {
    throw new GradepackError(
      'BrowserMissing',
      `The npm package ${PINNED_PACKAGE} is not installed.`,
      {},
      "Run `npm ci` (the README's commands do), or set PUPPETEER_EXECUTABLE_PATH to a Chromium binary.",
    );
  }
  const root = join(dirname(entry), '..');
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { version, binDir: join(root, 'bin') };
}

/** Where gradepack keeps what it unpacks (the browser, the font configuration): safe to delete. */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.GRADEPACK_CACHE_DIR) return env.GRADEPACK_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'gradepack');
}

/** The browser's identity for fingerprints, cheap enough for `check` (no launch, no unpacking). */
export function browserIdentity(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) return `${configuredVersion(configured)} (PUPPETEER_EXECUTABLE_PATH)`;
  return `${PINNED_PACKAGE} ${pinnedPackage().version}`;
}

const versions = new Map<string, string>();

/** `chromium --version` of a configured browser; the path alone when it cannot say. */
function configuredVersion(path: string): string {
  let version = versions.get(path);
  if (version === undefined) {
    const run = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    version = run.status === 0 && run.stdout.trim() ? run.stdout.trim() : path;
    versions.set(path, version);
  }
  return version;
}

/** The browser to launch: PUPPETEER_EXECUTABLE_PATH, else the pinned build, unpacked once. */
export async function resolveBrowser(env: NodeJS.ProcessEnv = process.env): Promise<BrowserSpec> {
  const configured = env.PUPPETEER_EXECUTABLE_PATH;
  if (configured) {
    if (!existsSync(configured)) {
      throw new GradepackError(
        'BrowserMissing',
        `PUPPETEER_EXECUTABLE_PATH names ${configured}, which does not exist.`,
        { file: configured },
        `Unset PUPPETEER_EXECUTABLE_PATH to use the pinned ${PINNED_PACKAGE}, or point it at a Chromium binary.`,
      );
    }
    return { executablePath: configured, origin: 'PUPPETEER_EXECUTABLE_PATH', identity: browserIdentity(env) };
  }
  const pinned = pinnedPackage();
  const executablePath = await unpackPinned(pinned, cacheRoot(env));
  return { executablePath, origin: 'pinned', identity: `${PINNED_PACKAGE} ${pinned.version}` };
}

/**
 * Unpacks the package's chromium.br into <cache>/chromium-<version>/chromium, once: it is written
 * aside and renamed into place, so that concurrent builds and a killed one never leave half a
 * binary where the next build looks.
 */
async function unpackPinned(pinned: PinnedPackage, cache: string): Promise<string> {
  const dir = join(cache, `chromium-${pinned.version}`);
  const binary = join(dir, 'chromium');
  if (existsSync(binary)) return binary;
  const archive = join(pinned.binDir, 'chromium.br');
  if (!existsSync(archive)) {
    throw new GradepackError(
      'BrowserMissing',
      `${archive} is missing from the installed ${PINNED_PACKAGE}.`,
      { file: archive },
      'Reinstall the npm packages (rm -rf node_modules && npm ci).',
    );
  }
  mkdirSync(dir, { recursive: true });
  const aside = `${binary}.${process.pid}.tmp`;
  try {
    await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(aside, { mode: 0o755 }));
    renameSync(aside, binary);
  } catch (e) {
    rmSync(aside, { force: true });
    throw new GradepackError(
      'BrowserMissing',
      `Could not unpack ${archive} into ${dir}: ${(e as Error).message}`,
      { file: dir },
      'Check that the cache folder is writable (GRADEPACK_CACHE_DIR chooses another).',
    );
  }
  return binary;
}

/**
 * A fontconfig file that offers the browser no fonts at all: documents carry their own (embedded
 * from npm packages, src/render/fonts.ts), so nothing installed on the machine can change a line
 * break. Set as FONTCONFIG_FILE for the browser process.
 */
export function isolatedFontconfig(env: NodeJS.ProcessEnv = process.env): string {
  const dir = join(cacheRoot(env), 'fontconfig');
  const file = join(dir, 'fonts.conf');
  const text = `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`;
  if (!existsSync(file) || readFileSync(file, 'utf8') !== text) {
    mkdirSync(dir, { recursive: true });
    const aside = `${file}.${process.pid}.tmp`;
    writeFileSync(aside, text);
    renameSync(aside, file);
  }
  return file;
}
