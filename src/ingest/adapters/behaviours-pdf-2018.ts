import type { Adapter } from '../types';
import { readBehaviours } from './behaviours-pdf-2018/read-behaviours';
import { readPdfText } from './behaviours-pdf-2018/pdf-text';

/**
 * "Success Profiles - Civil Service Behaviours", May 2018, the published PDF: front matter with a
 * definition of each behaviour, then one to three pages per level ("Level 1 - AA and AO or
 * equivalent"), each behaviour a heading (white on a coloured banner) over a paragraph whose
 * sentences are the indicators. Read from pdf.js text runs and their positions.
 */
export const behavioursPdf2018: Adapter = async ({ framework, sources }) => {
  const source = sources[0]!;
  const pages = await readPdfText(source.bytes, `sources/${source.file}`);
  return readBehaviours(pages, source.file, framework);
};
