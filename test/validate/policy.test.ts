import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRegistry } from '../../src/ingest/registry';
import { isGradepackError } from '../../src/model/errors';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { validate } from '../../src/validate/validate';
import { ROOT, SOURCES } from '../helpers/ingest';
import { buildResult } from './fixture';

const registryText = readFileSync(join(SOURCES, 'registry.json'), 'utf8');

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** A registry whose first framework has `change` applied, as text. */
function registryWith(change: (registry: { grades?: unknown[]; frameworks: Record<string, unknown>[] }) => void): string {
  const registry = JSON.parse(registryText);
  change(registry);
  return JSON.stringify(registry);
}

function registryError(text: string): string {
  try {
    parseRegistry(text, 'sources/registry.json');
  } catch (e) {
    if (isGradepackError(e) && e.code === 'RegistryInvalid') return e.message;
    throw e;
  }
  throw new Error('the registry was accepted');
}

describe('framework policy lives in the registry', () => {
  it('no validation rule names a framework', () => {
    const ids = parseRegistry(registryText, 'registry.json').frameworks.map((f) => f.id);
    const named = tsFiles(join(ROOT, 'src', 'validate')).flatMap((file) =>
      ids.filter((id) => readFileSync(file, 'utf8').includes(id)).map((id) => `${file}: ${id}`),
    );
    expect(named).toEqual([]);
  });

  it('a framework on its own grade ladder that pairs effective with ineffective gets those checks', () => {
    const result = buildResult({
      id: 'acme',
      levels: [
        { id: '1', grades: ['band-a'] },
        { id: '2', grades: ['band-b'] },
      ],
      policy: { pairsEffectiveIneffective: true },
      competencies: [
        {
          title: 'Serving customers',
          levels: [
            {
              level: '1',
              indicators: [
                [3, 'listens to customers', { polarity: 'effective' }],
                [4, 'ignores complaints', { polarity: 'ineffective' }],
              ],
            },
            { level: '2', indicators: [[8, 'designs better services', { polarity: 'effective' }]] },
          ],
        },
      ],
    });
    result.framework.grades = [
      { id: 'band-a', label: 'Band A', short: 'A', names: ['band a'] },
      { id: 'band-b', label: 'Band B', short: 'B', names: ['band b'] },
    ];
    const found = validate({ results: [result] }, DEFAULT_CONFIG);
    expect(found.map((d) => [d.code, d.line, d.level])).toEqual([['level-completeness/missing-side', 8, '2']]);
    expect(found[0]!.message).toContain('has no ineffective indicators');
  });

  it('an adaptation is compared with its original at the declared level, minus the declared substitutions', () => {
    const original = buildResult({
      id: 'orig',
      levels: [{ id: '1' }],
      competencies: [
        {
          title: 'Leading',
          levels: [
            {
              level: '1',
              indicators: [
                [5, 'Lead the Ministry with care'],
                [6, 'Set a clear direction'],
              ],
            },
          ],
        },
      ],
    });
    const adaptation = buildResult({
      id: 'copy',
      levels: [{ id: '1' }],
      policy: {
        adaptationOf: { framework: 'orig', level: '1', substitutions: [{ adapted: 'agency', original: 'ministry', reason: 'An agency, not a ministry.' }] },
      },
      competencies: [
        {
          title: 'Leading',
          levels: [
            {
              level: '1',
              indicators: [
                [15, 'Lead the Agency with care'],
                [16, 'Set a clear purpose'],
              ],
            },
          ],
        },
      ],
    });
    const found = validate({ results: [original, adaptation] }, DEFAULT_CONFIG);
    expect(found.map((d) => [d.code, d.file, d.line])).toEqual([['cross-source-consistency/adaptation-differs', 'sources/copy.txt', 16]]);
    expect(found[0]!.message).toContain('orig "direction" / here "purpose"');
  });

  it('the registry refuses a grade off its ladder and an adaptation of a framework it does not have', () => {
    expect(
      registryError(
        registryWith((r) => {
          (r.frameworks[0]!.levels as { grades: string[] }[])[1]!.grades = ['e0'];
        }),
      ),
    ).toMatch(/frameworks\.0\.levels\.1\.grades\.0: "e0" is not a grade of the ladder/);
    expect(
      registryError(
        registryWith((r) => {
          r.frameworks[0]!.policy = { adaptationOf: { framework: 'nowhere', level: '1' } };
        }),
      ),
    ).toMatch(/frameworks\.0\.policy\.adaptationOf\.framework: "nowhere" is not a framework of this registry/);
  });

  it('a registry may bring its own grade ladder', () => {
    const text = registryWith((r) => {
      r.grades = [
        { id: 'band-a', label: 'Band A', short: 'A', names: ['band a'] },
        { id: 'band-b', label: 'Band B', short: 'B', names: ['band b'] },
      ];
      r.frameworks = [{ ...r.frameworks[0]!, levels: [{ id: '1', label: 'Level 1', grades: ['band-a'] }] }];
    });
    expect(parseRegistry(text, 'registry.json').grades.map((g) => g.id)).toEqual(['band-a', 'band-b']);
  });
});
