import { append } from '../../model/arrays';
import type { KindOf } from '../../model/findings';
import type { IngestResult } from '../../model/ingest-result';
import type { ExtractedCompetency, ExtractedIndicator } from '../../model/extracted';
import { diagnostic, type Diagnostic, type Severity } from '../../model/diagnostic';
import type { Competency, Framework, Indicator, Polarity, SourceRef } from '../../model/schema';
import { REWORDED, wordEditDistance } from '../../model/similarity';
import { slugify } from '../../model/slug';
import { normalizeSpace } from '../../model/text';
import { blockName, levelName } from '../blocks';
import type { Rule } from '../rule';
import { comparable } from '../repeats';
import { applySubstitutions, canonicalWords, compileSubstitutions, type Rewrite, sameLetters } from '../substitutions';
import { describeRef, firstPosition, positionOf, quote, sourcePath, type Position } from '../where';
import { describeChanges, wordChanges, type Change } from '../word-diff';

/**
 * Two captures of the same content agree:
 *  (a) every secondary capture of a framework (IngestResult.captures, e.g. the Power of
 *      connections page) against the same competency in the model: levels, grades, every
 *      indicator's text, and the level notes. Differences are errors, reported in both files.
 *  (b) a framework that adapts another (registry `policy.adaptationOf`, e.g. the MMO's level 5
 *      from the 2012 SMS 1 text) against its original at that level, competency by competency: indicators that
 *      differ beyond the expected substitutions (src/validate/substitutions.ts), or that one has
 *      and the other lacks. Warnings: the MMO adapted the text on purpose, so each difference
 *      needs a person's judgement.
 */
export const crossSourceConsistencyRule: Rule = {
  id: 'cross-source-consistency',
  defaultSeverity: 'error',
  description: 'Two captures of one page agree; an adaptation differs from its original only by the substitutions the registry declares.',
  docs: 'docs/validation-rules.md#cross-source-consistency',
  check({ results }) {
    return [...results.flatMap(checkCaptures), ...checkAdaptations(results)];
  },
};

const RULE = 'cross-source-consistency';
type Kind = KindOf<typeof RULE>;

// ---- matching ---------------------------------------------------------------------------------

interface Item<T> {
  value: T;
  text: string;
  words: string[];
}

interface Matching<A, B> {
  same: [Item<A>, Item<B>][];
  differ: [Item<A>, Item<B>][];
  onlyA: Item<A>[];
  onlyB: Item<B>[];
}

/**
 * Pairs two lists of texts: first those equal under `equal` (in order), then the rest by word
 * similarity, best pair first, down to REWORDED (below it a pair is one text removed and another
 * added, not one text changed).
 */
function match<A, B>(as: Item<A>[], bs: Item<B>[], equal: (a: Item<A>, b: Item<B>) => boolean): Matching<A, B> {
  const same: [Item<A>, Item<B>][] = [];
  const restB = [...bs];
  const restA: Item<A>[] = [];
  for (const a of as) {
    const k = restB.findIndex((b) => equal(a, b));
    if (k >= 0) same.push([a, restB.splice(k, 1)[0]!]);
    else restA.push(a);
  }
  const candidates: { a: number; b: number; score: number }[] = [];
  for (const [i, a] of restA.entries()) {
    for (const [j, b] of restB.entries()) {
      const longest = Math.max(a.words.length, b.words.length);
      const score = longest === 0 ? 1 : 1 - wordEditDistance(a.words, b.words) / longest;
      if (score >= REWORDED) candidates.push({ a: i, b: j, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const differ: [Item<A>, Item<B>][] = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    differ.push([restA[c.a]!, restB[c.b]!]);
  }
  return { same, differ, onlyA: restA.filter((_, i) => !usedA.has(i)), onlyB: restB.filter((_, j) => !usedB.has(j)) };
}

const rawWords = (text: string) => normalizeSpace(text).split(' ').filter(Boolean);

// ---- (a) captures -----------------------------------------------------------------------------

function checkCaptures(result: IngestResult): Diagnostic[] {
  const framework = result.framework;
  const out: Diagnostic[] = [];
  for (const [file, competencies] of Object.entries(result.captures ?? {})) {
    for (const captured of competencies) append(out, compareCapture(framework, file, captured));
  }
  return out;
}

function compareCapture(framework: Framework, file: string, captured: ExtractedCompetency): Diagnostic[] {
  const out: Diagnostic[] = [];
  const id = slugify(captured.title);
  const model = framework.competencies.find((c) => c.id === id);
  const capturePosition = (ref: SourceRef | null | undefined): Position => positionOf(ref) ?? { file: sourcePath(file), line: null, page: null };
  const report = (kind: Kind, message: string, at: Position, level: string | null = null) =>
    out.push(diagnostic({ severity: 'error', code: `${RULE}/${kind}`, message, framework: framework.id, competency: model?.id ?? id, level, ...at }));
  const primary = framework.sources[0]?.file ?? framework.id;
  if (!model) {
    report(
      'capture-missing',
      `the capture has "${captured.title}", which ${framework.id} does not`,
      capturePosition(captured.source ?? captured.levels[0]?.indicators[0]?.source),
    );
    return out;
  }
  const modelFirst = (level: string) => {
    const l = model.levels.find((x) => x.level === level);
    return firstPosition(framework, l?.intro?.source, l?.indicators[0]?.source, model.source);
  };

  for (const capturedLevel of captured.levels) {
    const level = capturedLevel.level;
    const modelLevel = model.levels.find((l) => l.level === level);
    const captureAt = capturePosition(capturedLevel.intro?.source ?? capturedLevel.indicators[0]?.source ?? captured.source);
    if (!modelLevel) {
      report('capture-missing', `"${model.title}" ${levelName(framework, level)} is in the capture but not in ${primary}`, captureAt, level);
      continue;
    }
    if (normalizeSpace(capturedLevel.note ?? '') !== normalizeSpace(modelLevel.note ?? '')) {
      const what = `the note of "${model.title}" ${levelName(framework, level)}`;
      report(
        'capture-differs',
        `${what} differs from ${primary}: ${quote(capturedLevel.note ?? '(none)')} here, ${quote(modelLevel.note ?? '(none)')} there`,
        captureAt,
        level,
      );
      report(
        'capture-differs',
        `${what} differs from the capture ${sourcePath(file)}: ${quote(modelLevel.note ?? '(none)')} here, ${quote(capturedLevel.note ?? '(none)')} there`,
        modelFirst(level),
        level,
      );
    }
    const items = <T extends { text: string }>(xs: T[]) => xs.map((value) => ({ value, text: value.text, words: comparable(value.text).words }));
    const m = match<ExtractedIndicator, Indicator>(
      items(capturedLevel.indicators),
      items(modelLevel.indicators),
      (a, b) => a.value.grade === b.value.grade && normalizeSpace(a.text) === normalizeSpace(b.text),
    );
    for (const [a, b] of m.differ) {
      const captureSide = { name: blockName(framework, level, a.value.grade), text: a.text, ref: a.value.source };
      const modelSide = { name: blockName(framework, level, b.value.grade), text: b.text, ref: b.value.source };
      report('capture-differs', `"${model.title}" ${difference(captureSide, modelSide, '')}`, capturePosition(a.value.source), level);
      report('capture-differs', `"${model.title}" ${difference(modelSide, captureSide, 'the capture ')}`, positionOf(b.value.source)!, level);
    }
    for (const a of m.onlyA) {
      report(
        'capture-missing',
        `"${model.title}" ${blockName(framework, level, a.value.grade)}: ${quote(a.text)} is in the capture but not in ${primary}`,
        capturePosition(a.value.source),
        level,
      );
    }
    for (const b of m.onlyB) {
      report(
        'capture-missing',
        `"${model.title}" ${blockName(framework, level, b.value.grade)}: ${quote(b.text)} is not in the capture ${sourcePath(file)}`,
        positionOf(b.value.source)!,
        level,
      );
    }
  }
  for (const modelLevel of model.levels) {
    if (!captured.levels.some((l) => l.level === modelLevel.level)) {
      report(
        'capture-missing',
        `"${model.title}" ${levelName(framework, modelLevel.level)} is not in the capture ${sourcePath(file)}`,
        modelFirst(modelLevel.level),
        modelLevel.level,
      );
    }
  }
  return out;
}

interface Side {
  name: string;
  text: string;
  ref: SourceRef;
}

/** `Working SCS3 differs from <there> (here "adequate" / there "effective"; under Working SCS3 here but Working SCS2 there)`. */
function difference(here: Side, there: Side, thereLabel: string): string {
  const details: string[] = [];
  if (normalizeSpace(here.text) !== normalizeSpace(there.text)) {
    details.push(describeChanges(wordChanges(rawWords(here.text), rawWords(there.text)), 4, { from: 'here', to: 'there' }));
  }
  if (here.name !== there.name) details.push(`under ${here.name} here but ${there.name} there`);
  return `${here.name} differs from ${thereLabel}${describeRef(there.ref, positionOf(here.ref))} (${details.join('; ')})`;
}

// ---- (b) adaptations --------------------------------------------------------------------------

function checkAdaptations(results: IngestResult[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { framework: b } of results) {
    const adaptation = b.policy.adaptationOf;
    const a = adaptation && results.find((r) => r.framework.id === adaptation.framework)?.framework;
    if (!adaptation || !a) continue;
    const { level } = adaptation;
    const rewrites = compileSubstitutions(adaptation.substitutions);
    for (const competency of a.competencies) {
      out.push(
        ...compareAdaptation(
          a,
          b,
          competency,
          b.competencies.find((c) => c.id === competency.id),
          level,
          rewrites,
        ),
      );
    }
    for (const competency of b.competencies) {
      if (!a.competencies.some((c) => c.id === competency.id)) {
        out.push(warning('adaptation-missing', b, competency, level, `"${competency.title}" is not in ${a.id}`, firstPosition(b, competency.source)));
      }
    }
  }
  return out;
}

function warning(
  kind: Kind,
  framework: Framework,
  competency: Competency,
  level: string,
  message: string,
  at: Position,
  severity: Severity = 'warning',
): Diagnostic {
  return diagnostic({ severity, code: `${RULE}/${kind}`, message, framework: framework.id, competency: competency.id, level, ...at });
}

/**
 * The changes from the original's words to the adaptation's, in each text's own words, leaving
 * out those that are expected substitutions ("Department" → "Organisation"). A change that mixes
 * a substitution with a real change ("Department," → "Organisation and") is narrowed to the real
 * part ("+ and") when that part is in the texts' own words.
 */
export function changesBeyondSubstitutions(original: string, adapted: string, rewrites: readonly Rewrite[]): Change[] {
  const raw = wordChanges(comparable(original).words, comparable(adapted).words);
  const out: Change[] = [];
  for (const change of raw) {
    const from = applySubstitutions(change.from, rewrites);
    const to = applySubstitutions(change.to, rewrites);
    if (sameLetters(from, to)) continue;
    const narrowed = wordChanges(from, to);
    const ownWords = narrowed.every((c) => c.from.every((w) => change.from.includes(w)) && c.to.every((w) => change.to.includes(w)));
    append(out, ownWords ? narrowed : [change]);
  }
  return out.length > 0 ? out : wordChanges(canonicalWords(original, rewrites), canonicalWords(adapted, rewrites));
}

function compareAdaptation(
  original: Framework,
  adapted: Framework,
  competency: Competency,
  other: Competency | undefined,
  levelId: string,
  rewrites: readonly Rewrite[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const from = competency.levels.find((l) => l.level === levelId);
  if (!from) return out; // level completeness reports it
  if (!other) {
    out.push(
      warning('adaptation-missing', original, competency, levelId, `"${competency.title}" is not in ${adapted.id}`, firstPosition(original, competency.source)),
    );
    return out;
  }
  const to = other.levels.find((l) => l.level === levelId);
  if (!to) return out;
  for (const polarity of ['effective', 'ineffective', 'neutral'] as Polarity[]) {
    const items = (xs: Indicator[]) =>
      xs.filter((i) => i.polarity === polarity).map((value) => ({ value, text: value.text, words: canonicalWords(value.text, rewrites) }));
    const m = match(items(from.indicators), items(to.indicators), (x, y) => sameLetters(x.words, y.words));
    for (const [x, y] of m.differ) {
      const at = positionOf(y.value.source)!;
      // Described in each text's own words, leaving out the changes that are expected substitutions.
      const changes = describeChanges(changesBeyondSubstitutions(x.text, y.text, rewrites), 4, { from: original.id, to: 'here' });
      out.push(
        warning(
          'adaptation-differs',
          adapted,
          other,
          levelId,
          `${polarity} indicator of "${other.title}" ${levelName(adapted, levelId)} differs from ${original.id} (${describeRef(x.value.source, at)}) beyond the expected substitutions: ${changes}`,
          at,
        ),
      );
    }
    for (const x of m.onlyA) {
      const at = positionOf(x.value.source)!;
      out.push(
        warning(
          'adaptation-missing',
          original,
          competency,
          levelId,
          `${polarity} indicator ${quote(x.text)} of "${competency.title}" is not in ${adapted.id} ${levelName(adapted, levelId)}`,
          at,
        ),
      );
    }
    for (const y of m.onlyB) {
      const at = positionOf(y.value.source)!;
      out.push(
        warning(
          'adaptation-missing',
          adapted,
          other,
          levelId,
          `${polarity} indicator ${quote(y.text)} of "${other.title}" ${levelName(adapted, levelId)} is not in ${original.id}`,
          at,
        ),
      );
    }
  }
  return out;
}
