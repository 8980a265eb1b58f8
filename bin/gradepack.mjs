#!/usr/bin/env node
// The package's bin: the bundled CLI when it is built (npm run build makes it), else the
// TypeScript sources through tsx's loader.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/gradepack.mjs', import.meta.url);
if (existsSync(bundle)) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
