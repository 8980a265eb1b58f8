import { joinWrapped, type NumberedLine } from '../../text';

/** A competency's summary paragraph, joined; null when the heading has none. */
export function summaryDescription(paragraph: NumberedLine[], documentText: string): string | null {
  return (
    joinWrapped(
      paragraph.map((l) => l.text),
      documentText,
    ) || null
  );
}

export const titleKey = (title: string): string => title.toLowerCase().replace(/\s+/g, ' ').trim();
