import { CASE_ITEM_TYPES, CFPackage, type CFPckgItem } from '../../model/case';
import { jsonSyntaxErrorLine } from '../../model/document-lines';
import { GradepackError } from '../../model/errors';
import type { ExtractedCompetency, ExtractedIndicator, ExtractedLevel } from '../../model/extracted';
import type { Polarity } from '../../model/schema';
import { slugify } from '../../model/slug';
import type { FrameworkEntry } from '../registry';
import type { Adapter } from '../types';

const COMPETENCY_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const POLARITY_OF_TYPE = new Map<string, Polarity>([
  [CASE_ITEM_TYPES.effective, 'effective'],
  [CASE_ITEM_TYPES.ineffective, 'ineffective'],
  [CASE_ITEM_TYPES.neutral, 'neutral'],
]);

/**
 * A 1EdTech CASE 1.1 CFPackage (JSON): the CFDocument's children (`isChildOf`, in
 * `sequenceNumber` order) are competencies, theirs are levels, theirs indicators, as gradepack
 * exports them. Levels are the registry's, found by the level item's code (`<competency>.<level>`)
 * or its label; ids are the items' `humanCodingScheme` where they are gradepack ids; polarity from
 * CFItemType, a per-grade indicator's grade from its `educationLevel`. Each item's source line is
 * where its identifier stands in the file.
 */
export const caseJson: Adapter = ({ framework, sources }) => {
  const source = sources.find((s) => s.role === 'primary') ?? sources[0]!;
  const display = `sources/${source.file}`;
  const text = source.text ?? '';
  const fail = (detail: string, hint?: string, line?: number): never => {
    throw new GradepackError('CaseInvalid', detail, { file: display, ...(line ? { line } : {}) }, hint);
  };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    fail(
      `It is not valid JSON (${message}).`,
      'Export the package again from the CASE tool; it must be one JSON object, a CASE 1.1 CFPackage.',
      jsonSyntaxErrorLine(text, message),
    );
  }
  const parsed = CFPackage.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    fail(`${issue.path.join('.') || '(top level)'}: ${issue.message}.`, 'It must validate against the CASE 1.1 CFPackage JSON Schema.');
  }
  const pkg = parsed.data!;
  const items = new Map((pkg.CFItems ?? []).map((i) => [i.identifier, i]));
  const itemsStart = Math.max(0, text.indexOf('"CFItems"'));
  const lineOf = (item: CFPckgItem) => {
    const at = text.indexOf(`"${item.identifier}"`, itemsStart);
    return at < 0 ? 1 : text.slice(0, at).split('\n').length;
  };
  const children = new Map<string, { item: CFPckgItem; sequence: number; order: number }[]>();
  (pkg.CFAssociations ?? []).forEach((a, order) => {
    if (a.associationType !== 'isChildOf') return;
    const child = items.get(a.originNodeURI.identifier);
    if (!child) return;
    const list = children.get(a.destinationNodeURI.identifier) ?? [];
    list.push({ item: child, sequence: a.sequenceNumber ?? Number.MAX_SAFE_INTEGER, order });
    children.set(a.destinationNodeURI.identifier, list);
  });
  const childrenOf = (identifier: string) => (children.get(identifier) ?? []).sort((a, b) => a.sequence - b.sequence || a.order - b.order).map((c) => c.item);

  const competencies = childrenOf(pkg.CFDocument.identifier).map((item): ExtractedCompetency => {
    const title = item.fullStatement.trim();
    const id = item.humanCodingScheme && COMPETENCY_ID.test(item.humanCodingScheme) ? item.humanCodingScheme : slugify(title);
    const levels = childrenOf(item.identifier).map((levelItem): ExtractedLevel => {
      const level = levelOf(levelItem, id, framework);
      if (!level) {
        fail(
          `The item "${levelItem.humanCodingScheme ?? levelItem.fullStatement}" under "${title}" is not a level of ${framework.id}.`,
          `Levels in sources/registry.json: ${framework.levels.map((l) => `${l.id} (${l.label})`).join(', ')}.`,
          lineOf(levelItem),
        );
      }
      const label = levelItem.abbreviatedStatement ?? level!.label;
      const intro = levelItem.fullStatement.trim() !== label.trim() && levelItem.fullStatement.trim() !== level!.label ? levelItem.fullStatement.trim() : null;
      return {
        level: level!.id,
        note: levelItem.notes ?? null,
        intro: intro ? { text: intro, source: { file: source.file, line: lineOf(levelItem), page: null } } : null,
        indicators: childrenOf(levelItem.identifier).map((i): ExtractedIndicator => {
          const code = i.humanCodingScheme;
          const grade = i.educationLevel?.length === 1 ? i.educationLevel[0]! : null;
          return {
            ...(code?.startsWith(`${id}.${level!.id}.`) ? { id: code } : {}),
            text: i.fullStatement.trim(),
            polarity: POLARITY_OF_TYPE.get(i.CFItemType ?? '') ?? 'neutral',
            grade: grade && level!.grades.includes(grade) ? grade : null,
            source: { file: source.file, line: lineOf(i), page: null },
          };
        }),
      };
    });
    return {
      id,
      title,
      cluster: item.conceptKeywords?.[0] ?? null,
      description: item.notes ?? null,
      source: { file: source.file, line: lineOf(item), page: null },
      levels,
    };
  });
  if (competencies.length === 0) {
    fail('The CFDocument has no child items (isChildOf associations to it).', 'Competencies are the CFItems that are children of the CFDocument.');
  }
  return { competencies, diagnostics: [] };
};

function levelOf(item: CFPckgItem, competencyId: string, framework: FrameworkEntry) {
  const code = item.humanCodingScheme;
  if (code?.startsWith(`${competencyId}.`)) {
    const byCode = framework.levels.find((l) => l.id === code.slice(competencyId.length + 1));
    if (byCode) return byCode;
  }
  const labels = [item.abbreviatedStatement, item.fullStatement].filter(Boolean).map((t) => t!.trim().toLowerCase());
  return framework.levels.find((l) => labels.includes(l.label.toLowerCase()) || labels.includes(l.id.toLowerCase()));
}
