/** Collapses runs of white space (including NBSP and tabs) to one space and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

/**
 * Control characters (C0 and C1, line breaks included) and the bidirectional overrides that can
 * disguise text: ESC in a source must not rewrite the terminal of whoever reads a message.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Text safe to print on one line of a terminal or a text report: such characters as `\u001b`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Control characters HTML has no use for (all of C0 and C1 but tab, line feed and carriage return), removed. */
export function withoutControlCharacters(html: string): string {
  return html.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}
