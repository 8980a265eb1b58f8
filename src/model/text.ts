/** Collapses runs of white space (including NBSP and tabs) to one space and trims. */
export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
