import { printable } from './text';

/**
 * The catalogue of user-facing errors. Each has a stable name, says what happened and why,
 * names the file (and line or page) where there is one, and hints at the fix.
 */
export const ERRORS = {
  SourceMissing: 'The source file does not exist.',
  SourceEmpty: 'The source file is empty.',
  SourceEncoding: 'The text source is not valid UTF-8.',
  SourceCorrupt: 'The PDF source cannot be read: it is damaged or truncated.',
  SourceEncrypted: 'The PDF source is encrypted.',
  SourceUnrecognised: 'The source does not have the layout its adapter reads; it may be another document.',
  SourceIncomplete: 'Fewer competencies or levels were found than the framework has; the source may be truncated.',
  SpreadsheetUnreadable: 'The spreadsheet source is not an XLSX workbook that can be read.',
  SpreadsheetInvalid: 'A spreadsheet source does not have the columns or values a framework table needs.',
  CaseInvalid: 'The CASE source is not a CASE 1.1 CFPackage laid out as competencies, levels and indicators.',
  RegistryInvalid: 'sources/registry.json does not match its schema.',
  ProjectMissing: 'No gradepack project here (no sources/registry.json).',
  ErrataInvalid: 'An errata file does not match its schema, or one of its entries cannot be applied.',
  ConfigInvalid: 'The configuration file does not match its schema.',
  UnknownFramework: 'No framework has that id.',
  UnknownGrade: 'The framework does not define that grade or level.',
  UnknownFormat: 'No output format has that name.',
  ModelInvalid: 'A model file does not match the published schema.',
  ValidationFailed: 'Validation found errors that are neither fixed nor accepted.',
  ModelMissing: 'A model file does not exist; run `gradepack ingest` first.',
  TemplateSyntax: 'A template has a syntax error.',
  TemplateField: 'A template names a field that the data does not have.',
  BrowserMissing: 'No Chromium executable was found, or it did not start.',
  FontMissing: 'A font package that documents embed is not installed.',
  CharacterUnsupported: 'A document has characters that none of its embedded fonts can show.',
  OutlineMismatch: "The PDF's bookmarks do not match the headings of the document, and cannot be repaired.",
  RenderFailed: 'Rendering a document failed.',
  BuildLocked: 'Another build is running in this folder.',
  OutputUnwritable: 'The output folder, or a file in it, cannot be written.',
  CampaignMissing: 'The campaign file does not exist.',
  CampaignSyntax: 'The campaign file is not valid YAML.',
  CampaignInvalid: 'The campaign file does not match the campaign format.',
  UnknownBehaviour: 'The framework has no behaviour with that title or id.',
  CandidatesMissing: 'The candidates file a vacancy names does not exist.',
  CandidatesInvalid: 'The candidates file is not a CSV of candidate numbers and names.',
  UsageError: 'The command line is not valid.',
  EnvironmentInvalid: 'An environment variable gradepack reads has a value it cannot use.',
  InputTooLarge: 'An input file is larger than gradepack reads.',
  InputNotAFile: 'An input path is not a regular file.',
  InputUnreadable: 'An input file cannot be read.',
  PathOutsideProject: 'A path in a project file leads outside the folder it must stay in.',
} as const;

export type ErrorName = keyof typeof ERRORS;

export interface ErrorLocation {
  file?: string;
  line?: number;
  page?: number;
  /** A spreadsheet cell or row, in Excel's notation: `Behaviours!C12`, `'By level'!1:1`. */
  cell?: string;
}

export class GradepackError extends Error {
  readonly code: ErrorName;
  readonly location: ErrorLocation;
  readonly hint: string | undefined;

  constructor(code: ErrorName, detail: string, location: ErrorLocation = {}, hint?: string) {
    super(detail);
    this.name = 'GradepackError';
    this.code = code;
    this.location = location;
    this.hint = hint;
  }

  /** One line naming where, then what and why, then the hint; text from inputs is made printable. */
  format(): string {
    const { file, line, page, cell } = this.location;
    const where = file ? `${printable(file)}${cell ? `:${printable(cell)}` : line ? `:${line}` : page ? `:p.${page}` : ''}: ` : '';
    const hint = this.hint ? `\n  hint: ${printable(this.hint)}` : '';
    return `${where}error ${this.code}: ${ERRORS[this.code]} ${printable(this.message)}${hint}`;
  }
}

export function isGradepackError(e: unknown): e is GradepackError {
  return e instanceof GradepackError;
}
