import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ErrataFile } from '../../src/model/errata';
import { toCompetency } from '../../src/ingest/ingest';
import type { IngestResult } from '../../src/model/ingest-result';
import type { ExtractedCompetency } from '../../src/ingest/types';
import { diagnostic, type DiagnosticInit, type Severity } from '../../src/model/diagnostic';
import type { FindingCode } from '../../src/model/findings';
import type { z } from 'zod';
import { CIVIL_SERVICE_GRADES } from '../../src/model/grades';
import { type Framework, FrameworkPolicy, type GradeId, type Polarity } from '../../src/model/schema';

/**
 * Validation fixtures: test/fixtures/validate/<rule-id>/{ok,not-ok}/<case>.json. Each case is a
 * small input written compactly (a framework in a few lines), and for not-ok the findings the
 * rule must report, no more and no fewer.
 *
 * An indicator is [line, text] or [line, text, { polarity, grade, page }]; lines are in the
 * framework's `file` (default "<id>.txt"). `model` gives a whole framework as-is instead (for
 * schema cases that must stay malformed).
 */
export interface IndicatorSpec extends Array<unknown> {
  0: number;
  1: string;
  2?: { polarity?: Polarity; grade?: GradeId | null; page?: number; file?: string };
}

export interface LevelSpec {
  level: string;
  note?: string | null;
  intro?: [number, string];
  indicators?: IndicatorSpec[];
}

export interface CompetencySpec {
  title: string;
  line?: number;
  levels: LevelSpec[];
}

export interface FrameworkSpec {
  id: string;
  file?: string;
  format?: 'text' | 'markdown' | 'pdf';
  /** Extra source files (captures). */
  sources?: { file: string; format?: 'text' | 'markdown' | 'pdf' }[];
  levels: { id: string; label?: string; grades?: GradeId[] }[];
  competencies: CompetencySpec[];
  captures?: Record<string, CompetencySpec[]>;
  diagnostics?: DiagnosticInit[];
  errata?: ErrataFile[];
  /** As sources/registry.json declares it; none by default. */
  policy?: z.input<typeof FrameworkPolicy>;
}

export interface ExpectedFinding {
  severity: Severity;
  /** The finding's code, `rule/kind`; its rule is the folder's (errata findings are reported by extraction-health). */
  code: FindingCode;
  file?: string;
  line?: number | null;
  page?: number | null;
  competency?: string;
  level?: string;
  /** A part of the message. */
  message: string;
}

export interface FixtureCase {
  description: string;
  frameworks?: FrameworkSpec[];
  /** Whole frameworks, used as they are (malformed ones included). */
  models?: unknown[];
  expected?: ExpectedFinding[];
}

const GRADES_BY_LEVEL: Record<string, GradeId[]> = {
  '1': ['aa', 'ao'],
  '2': ['eo'],
  '3': ['heo', 'seo'],
  '4': ['g7', 'g6'],
  '5': ['scs1'],
  '6': ['scs2', 'scs3'],
};

function extracted(spec: CompetencySpec, file: string): ExtractedCompetency {
  return {
    title: spec.title,
    cluster: null,
    description: null,
    source: spec.line ? { file, line: spec.line, page: null } : null,
    levels: spec.levels.map((l) => ({
      level: l.level,
      note: l.note ?? null,
      intro: l.intro ? { text: l.intro[1], source: { file, line: l.intro[0], page: null } } : null,
      indicators: (l.indicators ?? []).map(([line, text, extra]) => ({
        text,
        polarity: extra?.polarity ?? 'effective',
        grade: extra?.grade ?? null,
        source: extra?.page ? { file: extra.file ?? file, line: null, page: extra.page } : { file: extra?.file ?? file, line, page: null },
      })),
    })),
  };
}

export function buildFramework(spec: FrameworkSpec): Framework {
  const file = spec.file ?? `${spec.id}.txt`;
  const format = spec.format ?? 'text';
  const sources = [{ file, format }, ...(spec.sources ?? []).map((s) => ({ file: s.file, format: s.format ?? 'text' }))];
  return {
    id: spec.id,
    title: `Fixture ${spec.id}`,
    publisher: 'Fixture',
    edition: 'Fixture',
    date: null,
    licence: 'Open Government Licence v3.0',
    url: null,
    sources: sources.map((s) => ({ ...s, sha256: '0'.repeat(64) })),
    grades: CIVIL_SERVICE_GRADES,
    policy: FrameworkPolicy.parse(spec.policy ?? {}),
    levels: spec.levels.map((l, i) => ({
      id: l.id,
      label: l.label ?? (/^\d+$/.test(l.id) ? `Level ${l.id}` : l.id[0]!.toUpperCase() + l.id.slice(1)),
      order: i + 1,
      grades: l.grades ?? GRADES_BY_LEVEL[l.id] ?? [],
    })),
    competencies: spec.competencies.map((c) => toCompetency(extracted(c, file))),
    retired: [],
  };
}

export function buildResult(spec: FrameworkSpec): IngestResult {
  const file = spec.file ?? `${spec.id}.txt`;
  return {
    framework: buildFramework(spec),
    // Written in fixtures as { severity, code, message, ... }; hint and docs come from the catalogue.
    diagnostics: (spec.diagnostics ?? []).map((d) => diagnostic(d)),
    captures: Object.fromEntries(Object.entries(spec.captures ?? {}).map(([capture, cs]) => [capture, cs.map((c) => extracted(c, capture))])),
    errata: spec.errata ?? [{ source: file, entries: [] }],
  };
}

export function fixtureResults(c: FixtureCase): IngestResult[] {
  return [
    ...(c.frameworks ?? []).map(buildResult),
    ...(c.models ?? []).map((framework) => ({ framework: framework as Framework, diagnostics: [], captures: {}, errata: [] })),
  ];
}

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'validate');

export interface LoadedCase {
  rule: string;
  kind: 'ok' | 'not-ok';
  name: string;
  fixture: FixtureCase;
}

export function loadCases(): LoadedCase[] {
  const cases: LoadedCase[] = [];
  for (const rule of readdirSync(FIXTURES).sort()) {
    for (const kind of ['ok', 'not-ok'] as const) {
      let files: string[] = [];
      try {
        files = readdirSync(join(FIXTURES, rule, kind))
          .filter((f) => f.endsWith('.json'))
          .sort();
      } catch {
        files = [];
      }
      for (const name of files) {
        cases.push({
          rule,
          kind,
          name: name.replace(/\.json$/, ''),
          fixture: JSON.parse(readFileSync(join(FIXTURES, rule, kind, name), 'utf8')) as FixtureCase,
        });
      }
    }
  }
  return cases;
}
