/**
 * Text in a CSV cell that starts with = + - @ (or a tab or carriage return) is run as a formula
 * by spreadsheet programs ("CSV injection"). Such text, and text that already starts with an
 * apostrophe, is written with one apostrophe in front, which spreadsheets show as text; reading
 * removes it again, so the round trip is exact.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

export function protectCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function unprotectCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
