import type { DocumentDate } from '../../model/document-date';
import { CIVIL_SERVICE_GRADES } from '../../model/grades';
import { packTargets, packView } from '../../model/pack-view';
import { Framework } from '../../model/schema';
import { packData, type PackData } from './pack-data';
import { referenceData, type ReferenceData } from './reference-data';
import { runningData, type RunningData } from './running-data';

/**
 * A small framework in which every optional field is filled in, so that the template data built
 * from it has every field a layout can name. Templates are checked against it when they are
 * loaded, before anything is rendered.
 */
const SOURCE = { file: 'specimen.txt', line: 1, page: null };

function indicator(id: string, text: string, polarity: 'effective' | 'ineffective' | 'neutral', corrected = false) {
  return {
    id,
    text,
    polarity,
    grade: null,
    source: SOURCE,
    ...(corrected ? { corrected: { kind: 'replace' as const, original: 'teh same', reason: 'Typing error in the source.' } } : {}),
  };
}

export const SPECIMEN_FRAMEWORK: Framework = Framework.parse({
  id: 'specimen',
  title: 'Specimen framework',
  publisher: 'Specimen publisher',
  edition: 'Specimen edition',
  date: '2024-01-01',
  licence: 'Open Government Licence v3.0',
  url: 'https://www.gov.uk/',
  sources: [{ file: 'specimen.txt', sha256: '0'.repeat(64), format: 'text' }],
  grades: CIVIL_SERVICE_GRADES.filter((g) => g.id === 'eo' || g.id === 'heo'),
  levels: [
    { id: '1', label: 'Level 1', order: 1, grades: ['eo'] },
    { id: '2', label: 'Level 2', order: 2, grades: ['heo'] },
  ],
  competencies: [
    {
      id: 'specimen-competency',
      title: 'Specimen competency',
      cluster: 'Specimen cluster',
      description: 'What the competency is about.',
      source: SOURCE,
      levels: [
        {
          level: '1',
          note: 'A note about level 1.',
          intro: { text: 'At level 1 you:', source: SOURCE },
          indicators: [indicator('s.1.e1', 'do the same thing at both levels', 'effective'), indicator('s.1.i1', 'ignore the same thing', 'ineffective')],
        },
        {
          level: '2',
          note: 'A note about level 2.',
          intro: { text: 'At level 2 you:', source: SOURCE },
          indicators: [
            indicator('s.2.e1', 'do the same thing at both levels', 'effective'),
            indicator('s.2.e2', 'do something new', 'effective', true),
            indicator('s.2.i1', 'ignore the same thing', 'ineffective'),
            indicator('s.2.i2', 'ignore something new', 'ineffective'),
            indicator('s.2.n1', 'a neutral statement', 'neutral'),
          ],
        },
      ],
    },
  ],
});

export const SPECIMEN_DATE: DocumentDate = { instant: new Date(Date.UTC(2024, 0, 1)), iso: '2024-01-01', basis: 'published' };

export function specimenPackData(): PackData[] {
  const target = packTargets(SPECIMEN_FRAMEWORK).find((t) => t.key === 'heo')!;
  const view = packView(SPECIMEN_FRAMEWORK, target);
  const pages = new Map([['competency-specimen-competency', 3]]);
  return [packData(view, { date: SPECIMEN_DATE, print: true, pages }), packData(view, { date: SPECIMEN_DATE, print: false })];
}

export function specimenReferenceData(): ReferenceData[] {
  return [referenceData(SPECIMEN_FRAMEWORK, { date: SPECIMEN_DATE, print: true }), referenceData(SPECIMEN_FRAMEWORK, { date: SPECIMEN_DATE, print: false })];
}

export function specimenRunningData(): RunningData[] {
  return specimenPackData().map(runningData);
}
