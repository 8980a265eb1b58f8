import { append } from './arrays';
import type { Competency, Framework, Indicator } from './schema';
import { REWORDED, isVerbatim, similarity } from './similarity';
import { printable } from './text';

/**
 * What changed between two models of a framework (or two editions of one), per competency and
 * level: indicators added, removed and reworded. Indicators are paired within a competency, level,
 * grade and polarity: first identical texts, then the same id if still similar (a reworded
 * indicator keeps its id), then the most similar remaining pair above REWORDED.
 */
export interface IndicatorChange {
  /** "restyled": the same words, differing only in capitals, punctuation or quotes. */
  kind: 'added' | 'removed' | 'reworded' | 'restyled';
  competency: string;
  competencyTitle: string;
  level: string;
  grade: string | null;
  polarity: Indicator['polarity'];
  before: string | null;
  after: string | null;
  id: string;
}

export interface FrameworkDiff {
  before: string;
  after: string;
  competenciesAdded: string[];
  competenciesRemoved: string[];
  changes: IndicatorChange[];
}

export function diffFrameworks(before: Framework, after: Framework): FrameworkDiff {
  const changes: IndicatorChange[] = [];
  const beforeById = new Map(before.competencies.map((c) => [c.id, c]));
  const afterById = new Map(after.competencies.map((c) => [c.id, c]));
  for (const competency of after.competencies) {
    const old = beforeById.get(competency.id);
    if (old) append(changes, diffCompetency(old, competency));
  }
  return {
    before: before.id,
    after: after.id,
    competenciesAdded: after.competencies.filter((c) => !beforeById.has(c.id)).map((c) => c.title),
    competenciesRemoved: before.competencies.filter((c) => !afterById.has(c.id)).map((c) => c.title),
    changes,
  };
}

export type IndicatorGroup = { level: string; grade: string | null; polarity: Indicator['polarity']; indicators: Indicator[] };

/** A competency's indicators by level, grade and polarity: the groups within which indicators are paired. */
export function indicatorGroups(c: Competency): Map<string, IndicatorGroup> {
  const out = new Map<string, IndicatorGroup>();
  for (const level of c.levels) {
    for (const indicator of level.indicators) {
      const key = `${level.level}|${indicator.grade ?? ''}|${indicator.polarity}`;
      let group = out.get(key);
      if (!group) {
        group = { level: level.level, grade: indicator.grade, polarity: indicator.polarity, indicators: [] };
        out.set(key, group);
      }
      group.indicators.push(indicator);
    }
  }
  return out;
}

function diffCompetency(before: Competency, after: Competency): IndicatorChange[] {
  const oldGroups = indicatorGroups(before);
  const newGroups = indicatorGroups(after);
  const keys = [...new Set([...newGroups.keys(), ...oldGroups.keys()])];
  const empty = (g: IndicatorGroup): IndicatorGroup => ({ ...g, indicators: [] });
  return keys.flatMap((key) => {
    const oldGroup = oldGroups.get(key) ?? empty(newGroups.get(key)!);
    const newGroup = newGroups.get(key) ?? empty(oldGroup);
    const base = { competency: after.id, competencyTitle: after.title, level: newGroup.level, grade: newGroup.grade, polarity: newGroup.polarity };
    return describeMatch(oldGroup.indicators, newGroup.indicators, matchIndicators(oldGroup.indicators, newGroup.indicators)).map((p) => ({ ...base, ...p }));
  });
}

/** How two lists of indicators pair up, by index: `changed` when the texts differ. */
export interface IndicatorMatch {
  pairs: { o: number; n: number; changed: boolean }[];
  added: number[];
  removed: number[];
}

/**
 * Pairs the indicators of one group before and after: first identical texts, then (with `byId`)
 * the same id if still similar, then the most similar remaining pair above REWORDED. Without
 * `byId` the pairing looks at the texts only, as when the new ids are not yet meaningful.
 */
export function matchIndicators(before: Indicator[], after: Indicator[], { byId = true } = {}): IndicatorMatch {
  const unmatchedOld = new Set(before.map((_, i) => i));
  const unmatchedNew = new Set(after.map((_, i) => i));
  const pairs: IndicatorMatch['pairs'] = [];
  const take = (o: number, n: number, changed: boolean) => {
    unmatchedOld.delete(o);
    unmatchedNew.delete(n);
    pairs.push({ o, n, changed });
  };
  for (const n of [...unmatchedNew]) {
    const o = [...unmatchedOld].find((i) => before[i]!.text === after[n]!.text);
    if (o !== undefined) take(o, n, false);
  }
  if (byId) {
    for (const n of [...unmatchedNew]) {
      const o = [...unmatchedOld].find((i) => before[i]!.id === after[n]!.id);
      if (o !== undefined && similarity(before[o]!.text, after[n]!.text) >= REWORDED) take(o, n, true);
    }
  }
  const candidates = [...unmatchedNew]
    .flatMap((n) => [...unmatchedOld].map((o) => ({ o, n, score: similarity(before[o]!.text, after[n]!.text) })))
    .filter((c) => c.score >= REWORDED)
    .sort((a, b) => b.score - a.score || a.n - b.n || a.o - b.o);
  for (const { o, n } of candidates) {
    if (unmatchedOld.has(o) && unmatchedNew.has(n)) take(o, n, true);
  }
  return { pairs, added: [...unmatchedNew], removed: [...unmatchedOld] };
}

function describeMatch(
  before: Indicator[],
  after: Indicator[],
  match: IndicatorMatch,
): Omit<IndicatorChange, 'competency' | 'competencyTitle' | 'level' | 'grade' | 'polarity'>[] {
  return [
    ...match.pairs
      .filter((p) => p.changed)
      .map(({ o, n }) => ({
        kind: isVerbatim(before[o]!.text, after[n]!.text) ? ('restyled' as const) : ('reworded' as const),
        before: before[o]!.text,
        after: after[n]!.text,
        id: after[n]!.id,
      })),
    ...match.added.map((n) => ({ kind: 'added' as const, before: null, after: after[n]!.text, id: after[n]!.id })),
    ...match.removed.map((o) => ({ kind: 'removed' as const, before: before[o]!.text, after: null, id: before[o]!.id })),
  ].sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}

export function diffIsEmpty(d: FrameworkDiff): boolean {
  return d.changes.length === 0 && d.competenciesAdded.length === 0 && d.competenciesRemoved.length === 0;
}

const quote = (text: string) => `“${text.replace(/([\\`*_[\]<>|])/g, '\\$1')}”`;

/** "Leadership, level 4, effective"; "Delivery, working SCS2" where a level is written per grade. */
const whereIs = (c: IndicatorChange) =>
  `${c.competencyTitle}, ${/^\d+$/.test(c.level) ? `level ${c.level}` : c.level}${c.grade ? ` ${c.grade.toUpperCase()}` : ''}${c.polarity === 'neutral' ? '' : `, ${c.polarity}`}`;

/**
 * What the report does with indicators only restyled (same words; capitals, punctuation or quotes):
 * `count` gives their number only, `list` lists them after the changes in meaning, `fold` lists
 * them in a collapsed <details> block (for Markdown read on GitHub, as CHANGES.md is).
 */
export type RestyledInReport = 'count' | 'list' | 'fold';

const RESTYLED = 'same words; only capitals, punctuation or quotes differ';

/**
 * The change report as Markdown, per framework: first what changed in meaning (competencies,
 * then indicators removed, added and reworded, each with its competency and level), then the
 * indicators only restyled, as a count or a list. `gradepack diff` prints it to a terminal and CI
 * publishes it: control characters in source text are shown escaped (`\u001b`), never written raw.
 */
export function formatDiffMarkdown(diffs: FrameworkDiff[], title = 'Changes', restyled: RestyledInReport = 'count'): string {
  const lines = [`# ${title}`, ''];
  const changed = diffs.filter((d) => !diffIsEmpty(d));
  if (changed.length === 0) {
    lines.push('No indicator was added, removed or reworded.', '');
    return lines.map(printable).join('\n');
  }
  for (const d of changed) {
    const of = (k: IndicatorChange['kind']) => d.changes.filter((c) => c.kind === k);
    const [removed, added, reworded, restyledOnly] = [of('removed'), of('added'), of('reworded'), of('restyled')];
    lines.push(`## ${d.before === d.after ? d.after : `${d.before} → ${d.after}`}`, '');
    const meaning = removed.length + added.length + reworded.length + d.competenciesAdded.length + d.competenciesRemoved.length;
    lines.push(
      `${meaning === 0 ? 'No change in meaning: ' : 'Changed in meaning: '}${removed.length} removed, ${added.length} added, ${reworded.length} reworded.`,
    );
    if (restyledOnly.length > 0) {
      const where = { count: 'not listed (`gradepack diff` lists them with `--restyled`)', list: 'listed at the end', fold: 'listed at the end, folded' }[
        restyled
      ];
      lines.push(`Restyled only (${RESTYLED}): ${restyledOnly.length}, ${where}.`);
    }
    lines.push('');
    for (const t of d.competenciesRemoved) lines.push(`- Competency removed: ${t}`);
    for (const t of d.competenciesAdded) lines.push(`- Competency added: ${t}`);
    if (d.competenciesAdded.length || d.competenciesRemoved.length) lines.push('');
    const section = (heading: string, changes: IndicatorChange[], line: (c: IndicatorChange) => string[]) => {
      if (changes.length === 0) return;
      lines.push(`### ${heading} (${changes.length})`, '', ...changes.flatMap(line), '');
    };
    section('Removed', removed, (c) => [`- ${whereIs(c)}: ${quote(c.before!)}`]);
    section('Added', added, (c) => [`- ${whereIs(c)}: ${quote(c.after!)}`]);
    section('Reworded', reworded, (c) => [`- ${whereIs(c)}: ${quote(c.before!)}`, `  → ${quote(c.after!)}`]);
    if (restyledOnly.length > 0 && restyled !== 'count') {
      const items = restyledOnly.map((c) => `- ${whereIs(c)}: ${quote(c.before!)} → ${quote(c.after!)}`);
      if (restyled === 'list') lines.push(`### Restyled only (${restyledOnly.length})`, '', ...items, '');
      else lines.push('<details>', `<summary>Restyled only (${restyledOnly.length}): ${RESTYLED}</summary>`, '', ...items, '', '</details>', '');
    }
  }
  return lines.map(printable).join('\n');
}
