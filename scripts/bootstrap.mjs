#!/usr/bin/env node
// Entry point of the README's commands. Uses only Node built-ins, because it runs before
// `npm ci` has installed anything: it installs npm packages and the Debian tools a command
// needs, then hands over to the TypeScript code.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command, ...rest] = process.argv.slice(2);

// The browser that prints PDFs and the fonts are npm packages pinned by the lock file; the only
// system tools are LibreOffice (tests open every .docx in it) and GNU time (the benchmark).
const systemTools = {
  soffice: { package: 'libreoffice-writer-nogui', found: () => onPath('soffice') },
  time: { package: 'time', found: () => existsSync('/usr/bin/time') },
};
const needs = {
  build: [],
  gradepack: [],
  bench: ['time'],
  fuzz: [],
  test: ['soffice'],
};

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** Runs each command in turn, stopping at the first that fails; its exit status. */
function runAll(commands) {
  for (const [cmd, args] of commands) {
    const status = run(cmd, args);
    if (status !== 0) return status;
  }
  return 0;
}

function onPath(name) {
  const result = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

function ensureNpmPackages() {
  const lock = join(root, 'package-lock.json');
  const stampFile = join(root, 'node_modules', '.gradepack-lock-sha256');
  const want = createHash('sha256').update(readFileSync(lock)).digest('hex');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) return;
  log('installing npm packages (npm ci)');
  const status = run('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error']);
  if (status !== 0) fail(`npm ci failed with exit code ${status}`);
  writeFileSync(stampFile, want);
}

function sourceHash() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) hash.update(full).update(readFileSync(full));
    }
  };
  walk(join(root, 'src'));
  hash.update(readFileSync(join(root, 'package-lock.json')));
  return hash.digest('hex');
}

/**
 * Bundles the CLI into dist/gradepack.mjs (dependencies left external) when src/ changed. Plain
 * node then runs it: under tsx's loader, loading pdf.js alone costs about 1.5 s more. Code
 * splitting keeps what a command loads lazily (renderers, the browser) in chunks of their own, so
 * `check` or `validate` never reads them.
 */
async function ensureBundle() {
  const stampFile = join(root, 'dist', '.source-sha256');
  const want = sourceHash();
  if (existsSync(join(root, 'dist', 'gradepack.mjs')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want) return;
  const esbuild = await import('esbuild');
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  await esbuild.build({
    entryPoints: { gradepack: join(root, 'src', 'cli', 'main.ts') },
    outdir: join(root, 'dist'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'error',
  });
  writeFileSync(stampFile, want);
}

function ensureSystemTools(names) {
  const missing = names.filter((name) => !systemTools[name].found());
  if (missing.length === 0) return;
  const packages = missing.map((name) => systemTools[name].package);
  const canApt = onPath('apt-get') && (process.getuid?.() === 0 || onPath('sudo'));
  if (!canApt) {
    fail(`missing ${missing.join(', ')}; install the Debian packages ${packages.join(' ')} ` + '(apt-get is not available to this user)');
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  log(`installing ${packages.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let status = run(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'update', '-qq'], { env });
  if (status === 0) {
    status = run(
      sudo[0] ?? 'apt-get',
      [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), 'install', '-y', '-qq', '--no-install-recommends', ...packages],
      { env },
    );
  }
  const stillMissing = names.filter((name) => !systemTools[name].found());
  if (status !== 0 || stillMissing.length > 0) {
    fail(`apt-get could not install ${packages.join(' ')}; still missing: ${stillMissing.join(', ') || 'none'}`);
  }
}

function log(message) {
  process.stderr.write(`gradepack setup: ${message}\n`);
}

function fail(message) {
  process.stderr.write(`gradepack setup error: ${message}\n`);
  process.exit(1);
}

if (!(command in needs)) fail(`unknown command "${command}"; expected one of ${Object.keys(needs).join(', ')}`);
ensureNpmPackages();
ensureSystemTools(needs[command]);

const bin = (name) => join(root, 'node_modules', '.bin', name);
const cli = join(root, 'dist', 'gradepack.mjs');
let status;
switch (command) {
  case 'build':
    await ensureBundle();
    status = run(process.execPath, ['--enable-source-maps', cli, 'build', ...rest]);
    break;
  case 'gradepack':
    await ensureBundle();
    status = run(process.execPath, ['--enable-source-maps', cli, ...rest]);
    break;
  case 'bench':
    await ensureBundle();
    status = run(bin('tsx'), ['bench/run.ts', ...rest]);
    break;
  case 'fuzz':
    status = run(bin('tsx'), ['test/fuzz/run.ts', ...rest]);
    break;
  case 'test':
    // Static checks first (types, layer rules, lint and format, unused code), then the tests.
    status = runAll([
      [bin('tsc'), ['--noEmit']],
      [bin('depcruise'), ['src', '--config', '.dependency-cruiser.cjs']],
      [bin('biome'), ['check', '.']],
      [bin('knip'), []],
      [bin('vitest'), ['run', ...rest]],
    ]);
    break;
}
process.exit(status);
