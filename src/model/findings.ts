/**
 * The catalogue of findings: every kind of defect gradepack reports in a source or a model, with a
 * stable code `rule/kind`, a one-line hint at the fix, and where the docs explain it. Codes are
 * what errata `accept` entries and the configuration name, so a finding's message can be reworded
 * without un-accepting it. Each code has a row (and anchor) in the table of codes in
 * docs/validation-rules.md, which a test keeps equal to this catalogue.
 */
export const FINDINGS = {
  'schema/invalid': 'Regenerate the model with `gradepack ingest`; if it was edited by hand, restore it from git.',
  'schema/unknown-source': "The reference must name one of the framework's files in sources/registry.json.",
  'schema/missing-location': 'Every indicator needs its line (text sources) or page (PDF sources).',
  'schema/unknown-level': "Add the level to the framework's levels in sources/registry.json, or fix the source.",
  'schema/level-twice': 'The source has the level twice under one competency: correct it with an errata entry.',
  'schema/grade-outside-level': "Give the level that grade in sources/registry.json, or correct the text's grade.",
  'schema/unknown-grade': "A level names a grade the framework's ladder lacks: add it to `grades` in sources/registry.json.",
  'schema/id-prefix': 'Indicator ids start with their competency and level: regenerate the model.',
  'schema/id-twice': 'Indicator ids are unique within a framework: regenerate the model.',

  'level-completeness/missing-level': 'Restore the level from the published document, with an errata `add` entry if the extraction lost it.',
  'level-completeness/empty-level': "Add the level's indicators (errata `add`), or a note saying why it has none.",
  'level-completeness/missing-grade': "Add the grade's text at this level (errata `add`), or accept the finding if the document lacks it.",
  'level-completeness/missing-side': 'Add the missing effective or ineffective indicators (errata `add`), or accept the finding.',

  'cumulative-consistency/level-repeated': 'A level copied from another: check the published document; accept the finding if it really says so.',
  'cumulative-consistency/indicator-twice': 'Remove the repeat with an errata entry, or accept it if the document prints it twice.',
  'cumulative-consistency/repeated': 'Levels build on each other: check the document; accept the finding if it repeats the words on purpose.',
  'cumulative-consistency/near-repeat': 'Nearly the same words at another level: check which one the document means, then fix or accept.',
  'cumulative-consistency/similar': 'Close to an indicator at another level: usually deliberate; accept it if so.',
  'cumulative-consistency/extended': 'Repeats an indicator with words added: usually deliberate; accept it if so.',
  'cumulative-consistency/mostly-repeated': 'Repeats most of an indicator at another level: check the document; accept it if deliberate.',
  'cumulative-consistency/shared-sentence': 'Shares a sentence with an indicator at another level: accept it if deliberate.',
  'cumulative-consistency/intro-names-other': 'The intro sentence names another competency: a copy-paste slip; correct it with an errata `replace` entry.',
  'cumulative-consistency/intro-unnamed': 'The intro sentence does not name its competency: correct it with an errata `replace` entry.',
  'cumulative-consistency/intro-wrong-grade': 'The intro names grades of another level: correct it with an errata `replace` entry.',
  'cumulative-consistency/intro-no-level': 'The intro does not name its level or grade: correct it with an errata `replace` entry, or accept it.',
  'cumulative-consistency/intro-some-grades': "The intro names only some of its level's grades: accept it if the document says so.",

  'cross-source-consistency/capture-differs': 'Two captures of one page disagree: find which is right, then correct the other with an errata entry.',
  'cross-source-consistency/capture-missing': 'One capture has what the other lacks: recapture the page, or correct it with an errata entry.',
  'cross-source-consistency/adaptation-differs': 'The adaptation reworded the original: accept the finding if the change was deliberate.',
  'cross-source-consistency/adaptation-missing': 'The adaptation dropped or added text: accept the finding if the change was deliberate.',

  'extraction-health/garbled': "The source's text is garbled here: correct it with an errata `replace` or `add` entry from the published document.",
  'extraction-health/truncated': 'Text is cut off here: restore the missing words with an errata `replace` entry, or accept it if the document is cut off too.',
  'extraction-health/unreadable-region': 'These lines could not be read: restore what they held with errata `add` entries, then accept the finding.',
  'extraction-health/missing-part': 'A part the layout needs was not found: check that the source is complete and has the expected layout.',
  'extraction-health/misplaced-text': 'Text stands outside the structure the adapter reads: check the source around this line.',
  'extraction-health/ambiguous-boundary': 'Where one indicator ends and the next begins is a guess here: check it against the document.',
  'extraction-health/read-twice': 'The conversion read this text twice; the repeat was left out. Check that nothing else was lost.',
  'extraction-health/inconsistent-summary': "The document's summary and its section disagree: check which is right.",
  'extraction-health/misread-label': 'A level label was misread (OCR): check that the text stands under the right level.',
  'extraction-health/duplicate-competency': 'A competency appears twice: remove the repeat from the source or correct its title.',
  'extraction-health/suspect-text': "The indicator's text looks damaged: compare it with the published document and correct it with an errata entry.",

  'errata/unmatched-correction': "The entry's text or location no longer matches the source: update the entry, or remove it if the defect is gone.",
  'errata/stale-accept': 'Nothing is accepted by this entry any more: remove it if the defect is gone, or update its code and location.',
} as const;

export type FindingCode = keyof typeof FINDINGS;

export const FINDING_CODES = Object.keys(FINDINGS) as FindingCode[];

/** The rule a code belongs to: `level-completeness` for `level-completeness/missing-level`. */
export const ruleOf = (code: string): string => code.slice(0, code.indexOf('/'));

export const isFindingCode = (code: string): code is FindingCode => Object.hasOwn(FINDINGS, code);

/** Where the docs explain a finding: its row in the table of codes in docs/validation-rules.md. */
export const docsOf = (code: FindingCode): string => `docs/validation-rules.md#${code.replace('/', '--')}`;

/** The kinds of one rule: `KindOf<'extraction-health'>` is `'garbled' | 'truncated' | ...`. */
export type KindOf<Rule extends string> = FindingCode extends infer C ? (C extends `${Rule}/${infer K}` ? K : never) : never;

/** What ingest adapters report about a source they could not read cleanly. */
export type ExtractionKind = KindOf<'extraction-health'>;
