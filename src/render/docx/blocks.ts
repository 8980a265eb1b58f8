import { HeadingLevel, Paragraph, TextRun } from 'docx';
import type { IndicatorView } from '../../model/pack-view';
import type { EvidenceForm } from '../forms/form-model';
import { STRONG_STYLE } from './document-style';

/** Paragraph builders shared by the Word template and the Word form. */

export function title(text: string): Paragraph {
  return new Paragraph({ text, heading: HeadingLevel.TITLE });
}

export function heading(text: string, level: 1 | 2 | 3): Paragraph {
  const style = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3;
  return new Paragraph({ text, heading: style });
}

export function para(text: string): Paragraph {
  return new Paragraph({ text });
}

/** Text in Word's Strong character style (bold), rather than bold set on the text itself. */
export function strong(text: string): TextRun {
  return new TextRun({ text, style: STRONG_STYLE });
}

/** A paragraph that starts with a strong lead-in: "Situation: Set the scene ...". */
export function leadIn(lead: string, rest: string): Paragraph {
  return new Paragraph({ children: [strong(lead), ...(rest ? [new TextRun(rest)] : [])] });
}

export function bullet(text: string): Paragraph {
  return new Paragraph({ text, bullet: { level: 0 } });
}

export function indicatorBullets(indicators: IndicatorView[]): Paragraph[] {
  return indicators.map((i) => bullet(i.text));
}

/** "Success Profiles: Civil Service behaviours, Updated 14 October 2024. Published by Cabinet Office." */
export function sourceLine(form: Pick<EvidenceForm, 'frameworkTitle' | 'edition' | 'publisher'>): Paragraph {
  return para(`${form.frameworkTitle}, ${form.edition}. Published by ${form.publisher}.`);
}
