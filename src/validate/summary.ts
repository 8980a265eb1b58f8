import type { Diagnostic } from '../model/diagnostic';
import type { FindingCode } from '../model/findings';
import type { Framework } from '../model/schema';

/**
 * What each finding is, in words a reader without the rule's name understands: one and many.
 * Keyed by every code, so that a new code cannot be left out of the summary.
 */
const IN_WORDS: Record<FindingCode, [string, string]> = {
  'schema/invalid': ['model file not in the published format', 'model files not in the published format'],
  'schema/unknown-source': ['indicator pointing to a file the framework does not list', 'indicators pointing to files the framework does not list'],
  'schema/missing-location': ['indicator without its place in the document', 'indicators without their place in the document'],
  'schema/unknown-level': ['level the framework does not define', 'levels the framework does not define'],
  'schema/level-twice': ['level given twice under one competency', 'levels given twice under one competency'],
  'schema/grade-outside-level': ['grade written under a level that does not cover it', 'grades written under levels that do not cover them'],
  'schema/unknown-grade': ['grade missing from the grade ladder', 'grades missing from the grade ladder'],
  'schema/id-prefix': ['indicator id out of pattern', 'indicator ids out of pattern'],
  'schema/id-twice': ['indicator id used twice', 'indicator ids used twice'],

  'level-completeness/missing-level': ['missing level', 'missing levels'],
  'level-completeness/empty-level': ['level with no indicators', 'levels with no indicators'],
  'level-completeness/missing-grade': ['grade with no text at a level', 'grades with no text at a level'],
  'level-completeness/missing-side': ['level missing its effective or ineffective side', 'levels missing their effective or ineffective side'],

  'cumulative-consistency/level-repeated': ['level copied word for word from another', 'levels copied word for word from others'],
  'cumulative-consistency/indicator-twice': ['indicator printed twice', 'indicators printed twice'],
  'cumulative-consistency/repeated': ['indicator repeated word for word at another level', 'indicators repeated word for word at other levels'],
  'cumulative-consistency/near-repeat': ['indicator nearly repeated at another level', 'indicators nearly repeated at other levels'],
  'cumulative-consistency/similar': ['indicator close to one at another level', 'indicators close to ones at other levels'],
  'cumulative-consistency/extended': ['indicator repeated at another level with words added', 'indicators repeated at other levels with words added'],
  'cumulative-consistency/mostly-repeated': ['indicator mostly repeated at another level', 'indicators mostly repeated at other levels'],
  'cumulative-consistency/shared-sentence': ['sentence shared with an indicator at another level', 'sentences shared with indicators at other levels'],
  'cumulative-consistency/intro-names-other': ['introduction naming the wrong competency', 'introductions naming the wrong competency'],
  'cumulative-consistency/intro-unnamed': ['introduction not naming its competency', 'introductions not naming their competency'],
  'cumulative-consistency/intro-wrong-grade': ['introduction naming the wrong grade', 'introductions naming the wrong grade'],
  'cumulative-consistency/intro-no-level': ['introduction not naming its level or grade', 'introductions not naming their level or grade'],
  'cumulative-consistency/intro-some-grades': ['introduction naming only some of its grades', 'introductions naming only some of their grades'],

  'cross-source-consistency/capture-differs': ['difference between two copies of the same page', 'differences between two copies of the same page'],
  'cross-source-consistency/capture-missing': ['passage in one copy of a page but not the other', 'passages in one copy of a page but not the other'],
  'cross-source-consistency/adaptation-differs': ['unexpected difference from the framework it adapts', 'unexpected differences from the framework it adapts'],
  'cross-source-consistency/adaptation-missing': [
    'passage dropped or added in adapting another framework',
    'passages dropped or added in adapting another framework',
  ],

  'extraction-health/garbled': ['garbled passage', 'garbled passages'],
  'extraction-health/truncated': ['passage that may be cut off', 'passages that may be cut off'],
  'extraction-health/unreadable-region': ['unreadable stretch whose text is lost', 'unreadable stretches whose text is lost'],
  'extraction-health/missing-part': ['place where a part may be missing', 'places where a part may be missing'],
  'extraction-health/misplaced-text': ['passage outside the structure of the document', 'passages outside the structure of the document'],
  'extraction-health/ambiguous-boundary': [
    'place where indicators ran together and were split by a guess',
    'places where indicators ran together and were split by a guess',
  ],
  'extraction-health/read-twice': ['passage the conversion read twice (the repeat left out)', 'passages the conversion read twice (the repeats left out)'],
  'extraction-health/inconsistent-summary': [
    "competency description that differs from the document's summary of it",
    "competency descriptions that differ from the document's summary of them",
  ],
  'extraction-health/misread-label': ['level heading misread by text recognition', 'level headings misread by text recognition'],
  'extraction-health/duplicate-competency': ['competency that appears twice', 'competencies that appear twice'],
  'extraction-health/suspect-text': ['indicator whose text looks damaged', 'indicators whose text looks damaged'],

  'errata/unmatched-correction': ['errata correction that no longer matches the document', 'errata corrections that no longer match the document'],
  'errata/stale-accept': ['errata acceptance that no longer matches a finding', 'errata acceptances that no longer match a finding'],
};

const count = (n: number, [one, many]: [string, string]) => `${n} ${n === 1 ? one : many}`;

/** "a, b and c". */
const listed = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/** "3 garbled passages, 1 missing level" for the findings given, the commonest first. */
function whatIsWrong(findings: Diagnostic[]): string {
  const byCode = new Map<FindingCode, number>();
  for (const d of findings) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
  return listed([...byCode].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, n]) => count(n, IN_WORDS[code])));
}

/** Indicators and introductions an errata entry corrected, as the model marks them. */
function corrections(framework: Framework): number {
  let n = 0;
  for (const c of framework.competencies) {
    for (const level of c.levels) {
      if (level.intro?.corrected) n++;
      for (const indicator of level.indicators) if (indicator.corrected) n++;
    }
  }
  return n;
}

interface DocumentFindings {
  heading: string;
  findings: Diagnostic[];
  corrected: number;
}

/** The findings per framework (a document), in the order of the frameworks; findings of no framework by their file. */
function byDocument(diagnostics: Diagnostic[], frameworks: Framework[]): DocumentFindings[] {
  const documents = frameworks.map((f) => ({
    id: f.id as string | null,
    heading: `${f.title} (${f.edition}), ${f.sources.map((s) => `sources/${s.file}`).join(' and ')}`,
    findings: [] as Diagnostic[],
    corrected: corrections(f),
  }));
  for (const d of diagnostics) {
    let document = documents.find((x) => x.id !== null && x.id === d.framework);
    if (!document) {
      const heading = d.file ?? d.framework ?? 'The project';
      document = documents.find((x) => x.id === null && x.heading === heading);
      if (!document) {
        document = { id: null, heading, findings: [], corrected: 0 };
        documents.push(document);
      }
    }
    document.findings.push(d);
  }
  return documents;
}

/**
 * The summary that leads the validation report, in plain words: per document, what needs a person
 * (errors first: they stop a build), what errata corrected, and what was accepted as published.
 */
export function validationSummary(diagnostics: Diagnostic[], frameworks: Framework[]): string {
  const open = diagnostics.filter((d) => !d.accepted);
  const errors = open.filter((d) => d.severity === 'error').length;
  const accepted = diagnostics.length - open.length;
  const corrected = frameworks.reduce((n, f) => n + corrections(f), 0);
  const lines = [
    open.length === 0
      ? 'Summary: nothing needs a person.'
      : `Summary: ${count(open.length, ['finding needs', 'findings need'])} a person` +
        (errors > 0 ? ` (${count(errors, ['error stops', 'errors stop'])} a build until fixed or accepted).` : ' (warnings to check: none stops a build).'),
    `Errata corrected ${count(corrected, ['passage', 'passages'])}; ${count(accepted, ['known defect is', 'known defects are'])} accepted as published.`,
  ];
  for (const document of byDocument(diagnostics, frameworks)) {
    const needs = document.findings.filter((d) => !d.accepted);
    const blocking = needs.filter((d) => d.severity === 'error');
    const toCheck = needs.filter((d) => d.severity === 'warning');
    const acceptedHere = document.findings.length - needs.length;
    lines.push('', document.heading);
    if (needs.length === 0) lines.push('  Nothing needs a person.');
    if (blocking.length > 0) lines.push(`  To fix or accept (stops a build): ${whatIsWrong(blocking)}.`);
    if (toCheck.length > 0) lines.push(`  To check against the document: ${whatIsWrong(toCheck)}.`);
    const done = [
      ...(document.corrected > 0 ? [`errata corrected ${count(document.corrected, ['passage', 'passages'])}`] : []),
      ...(acceptedHere > 0
        ? [`${count(acceptedHere, ['known defect is', 'known defects are'])} accepted as published, each with its reason in the errata file`]
        : []),
    ];
    if (done.length > 0) lines.push(`  Already handled: ${listed(done)}.`);
  }
  return lines.join('\n');
}
