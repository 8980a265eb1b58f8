import type { KindOf } from '../../model/findings';
import { diagnostic, type Diagnostic, type Severity } from '../../model/diagnostic';
import type { Competency, CompetencyLevel, Framework, GradeId, Indicator } from '../../model/schema';
import { blockName, blocksOf, gradeName, levelName, type Block } from '../blocks';
import { mentions, nameTable, type Mentions } from '../intro-names';
import { comparable, relate, RELATION_STRENGTH, type Comparable, type Relatedness } from '../repeats';
import type { Rule } from '../rule';
import { describeRef, firstPosition, positionOf, quote } from '../where';
import { describeChanges, wordChanges } from '../word-diff';

/**
 * Levels build on each other, so nothing is said twice within a competency: no indicator is
 * repeated verbatim or nearly so at another level or grade (or twice in one); no two levels (or,
 * for ODP SCS, grade blocks) are identical; every intro sentence names the competency and the
 * level or grades it stands under.
 */
export const cumulativeConsistencyRule: Rule = {
  id: 'cumulative-consistency',
  defaultSeverity: 'error',
  description: 'No indicator repeated (verbatim or nearly) across levels or grades; no identical levels; intros name their competency and grade.',
  docs: 'docs/validation-rules.md#cumulative-consistency',
  check({ results }) {
    return results.flatMap((r) => checkFramework(r.framework));
  },
};

const RULE = 'cumulative-consistency';
type Kind = KindOf<typeof RULE>;

export function checkFramework(framework: Framework): Diagnostic[] {
  return [...framework.competencies.flatMap((c) => repeatsIn(framework, c)), ...introFindings(framework)];
}

interface Entry {
  indicator: Indicator;
  block: number;
  text: Comparable;
}

const signature = (block: Block, texts: Map<Indicator, Comparable>) =>
  block.indicators
    .map((i) => `${i.polarity}:${texts.get(i)!.key}`)
    .sort()
    .join('\n');

function repeatsIn(framework: Framework, competency: Competency): Diagnostic[] {
  const out: Diagnostic[] = [];
  const blocks = blocksOf(competency);
  const texts = new Map<Indicator, Comparable>(blocks.flatMap((b) => b.indicators.map((i) => [i, comparable(i.text)] as const)));
  const name = (b: Block) => blockName(framework, b.level.level, b.grade);
  const report = (kind: Kind, severity: Severity, message: string, indicator: Indicator, level: string) =>
    out.push(
      diagnostic({ severity, code: `${RULE}/${kind}`, message, framework: framework.id, competency: competency.id, level, ...positionOf(indicator.source)! }),
    );

  // Identical blocks: reported once, as a block.
  const identicalTo = new Map<number, number>();
  const bySignature = new Map<string, number>();
  blocks.forEach((block, b) => {
    const sig = signature(block, texts);
    const earlier = bySignature.get(sig);
    if (earlier === undefined) {
      bySignature.set(sig, b);
      return;
    }
    identicalTo.set(b, earlier);
    const first = block.indicators[0]!;
    const other = blocks[earlier]!;
    const n = block.indicators.length;
    report(
      'level-repeated',
      'error',
      `${name(block)} of "${competency.title}" repeats ${name(other)} word for word (${n} indicator${n === 1 ? '' : 's'}, from ${describeRef(other.indicators[0]!.source, positionOf(first.source))})`,
      first,
      block.level.level,
    );
  });

  const entries: Entry[] = blocks.flatMap((block, b) => block.indicators.map((indicator) => ({ indicator, block: b, text: texts.get(indicator)! })));
  entries.forEach((later, j) => {
    if (identicalTo.has(later.block)) return;
    let best: { earlier: Entry; relation: Relatedness } | null = null;
    for (let i = 0; i < j; i++) {
      const earlier = entries[i]!;
      const samePolarity = earlier.indicator.polarity === later.indicator.polarity;
      if (earlier.block === later.block || !samePolarity) {
        // Within one level only a word-for-word repeat is a defect; across polarities likewise.
        if (earlier.text.key !== later.text.key || later.text.words.length === 0) continue;
        if (!best) best = { earlier, relation: { relation: 'verbatim', score: 1 } };
        continue;
      }
      const relation = relate(earlier.text, later.text);
      if (relation && (!best || RELATION_STRENGTH[relation.relation] > RELATION_STRENGTH[best.relation.relation])) best = { earlier, relation };
    }
    if (!best) return;
    const { kind, severity, message } = describeRepeat(framework, blocks, best.earlier, later, best.relation);
    report(kind, severity, message, later.indicator, blocks[later.block]!.level.level);
  });
  return out;
}

function describeRepeat(
  framework: Framework,
  blocks: Block[],
  earlier: Entry,
  later: Entry,
  { relation, score }: Relatedness,
): { kind: Kind; severity: Severity; message: string } {
  const here = positionOf(later.indicator.source);
  const there = `${blockName(framework, blocks[earlier.block]!.level.level, blocks[earlier.block]!.grade)}, ${describeRef(earlier.indicator.source, here)}`;
  const polarity = earlier.indicator.polarity !== later.indicator.polarity ? `${earlier.indicator.polarity} ` : '';
  const changes = describeChanges(wordChanges(earlier.text.words, later.text.words));
  switch (relation) {
    case 'verbatim':
      if (earlier.block === later.block) {
        return {
          kind: 'indicator-twice',
          severity: 'error',
          message: `${quote(later.indicator.text)} appears twice in ${blockName(framework, blocks[later.block]!.level.level, blocks[later.block]!.grade)} (also ${describeRef(earlier.indicator.source, here)})`,
        };
      }
      return { kind: 'repeated', severity: 'error', message: `repeats word for word the ${polarity}indicator at ${there}: ${quote(later.indicator.text)}` };
    case 'near-verbatim':
      return { kind: 'near-repeat', severity: 'error', message: `nearly repeats the indicator at ${there} (similarity ${score.toFixed(2)}; ${changes})` };
    case 'similar':
      return { kind: 'similar', severity: 'warning', message: `is close to the indicator at ${there} (similarity ${score.toFixed(2)}; ${changes})` };
    case 'contains': {
      const extended = later.text.words.length >= earlier.text.words.length;
      return {
        kind: extended ? 'extended' : 'mostly-repeated',
        severity: 'warning',
        message: extended ? `repeats the indicator at ${there} with words added (${changes})` : `repeats most of the indicator at ${there} (${changes})`,
      };
    }
    case 'shared-sentence': {
      const shared = [...later.text.sentences].find((s) => earlier.text.sentences.has(s)) ?? '';
      return { kind: 'shared-sentence', severity: 'warning', message: `shares the sentence ${quote(shared)} with the indicator at ${there}` };
    }
  }
}

// ---- intros ----------------------------------------------------------------------------------

interface IntroCase {
  competency: Competency;
  level: CompetencyLevel;
  found: Mentions;
}

function levelDisplay(framework: Framework, levelId: string): string {
  const level = framework.levels.find((l) => l.id === levelId);
  const grades = level?.grades ?? [];
  return grades.length > 0 ? `${levelName(framework, levelId)} (${grades.map((g) => gradeName(framework, g)).join(', ')})` : levelName(framework, levelId);
}

/**
 * The framework's own intros set the convention: if any intro names its competency, all must;
 * if any names its level or grades, all must. Naming another competency or another level's
 * grade is always a finding.
 */
function introFindings(framework: Framework): Diagnostic[] {
  const table = nameTable(framework);
  const cases: IntroCase[] = framework.competencies.flatMap((competency) =>
    competency.levels.filter((l) => l.intro).map((level) => ({ competency, level, found: mentions(level.intro!.text, table) })),
  );
  const namesCompetency = cases.some((c) => c.found.competencies.includes(c.competency.id));
  const namesLevel = cases.some((c) => c.found.levels.some((m) => m.level === c.level.level));
  const title = (id: string) => framework.competencies.find((c) => c.id === id)?.title ?? id;
  const out: Diagnostic[] = [];

  for (const { competency, level, found } of cases) {
    const intro = level.intro!;
    const at = firstPosition(framework, intro.source);
    const report = (kind: Kind, severity: Severity, message: string) =>
      out.push(diagnostic({ severity, code: `${RULE}/${kind}`, message, framework: framework.id, competency: competency.id, level: level.level, ...at }));
    const here = `"${competency.title}", ${levelDisplay(framework, level.level)}`;

    const others = found.competencies.filter((id) => id !== competency.id);
    const ownNamed = found.competencies.includes(competency.id);
    if (others.length > 0) {
      report(
        'intro-names-other',
        'error',
        `intro names ${others.map((id) => `"${title(id)}"`).join(' and ')}${ownNamed ? ` as well as "${competency.title}"` : ''} but stands under ${here}: ${quote(intro.text)}`,
      );
    } else if (namesCompetency && !ownNamed) {
      report('intro-unnamed', 'error', `intro does not name "${competency.title}" under which it stands: ${quote(intro.text)}`);
    }

    const own = found.levels.filter((m) => m.level === level.level);
    const wrong = found.levels.filter((m) => m.level !== level.level);
    const shown = (ms: typeof wrong) =>
      [...new Set(ms.map((m) => `${m.grades.length === 1 ? gradeName(framework, m.grades[0]!) : m.name} (${levelName(framework, m.level)})`))].join(', ');
    if (wrong.length > 0) {
      report('intro-wrong-grade', 'error', `intro names ${shown(wrong)} but stands under ${here}: ${quote(intro.text)}`);
    } else if (namesLevel && own.length === 0) {
      report('intro-no-level', 'error', `intro does not name ${levelDisplay(framework, level.level)} under which it stands: ${quote(intro.text)}`);
    } else if (own.length > 0) {
      const grades = framework.levels.find((l) => l.id === level.level)?.grades ?? [];
      const covered = new Set<GradeId>(own.flatMap((m) => m.grades));
      const missing = grades.filter((g) => !covered.has(g));
      if (missing.length > 0) {
        report(
          'intro-some-grades',
          'warning',
          `intro names ${[...covered].map((g) => gradeName(framework, g)).join(', ')} but not ${missing.map((g) => gradeName(framework, g)).join(', ')} of ${levelDisplay(framework, level.level)}: ${quote(intro.text)}`,
        );
      }
    }
  }
  return out;
}
