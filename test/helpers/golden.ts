import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares `actual` with the golden file at `path`. With UPDATE=1 in the environment the file is
 * (re)written instead; review the diff like code.
 */
export function expectGolden(actual: unknown, path: string): void {
  const text = typeof actual === 'string' ? actual : `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE === '1' || !existsSync(path)) {
    if (process.env.UPDATE !== '1' && process.env.CI) {
      throw new Error(`golden file ${path} is missing; run with UPDATE=1 and commit it`);
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    return;
  }
  expect(text).toBe(readFileSync(path, 'utf8'));
}
