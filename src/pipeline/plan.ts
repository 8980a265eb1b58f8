import type { Config } from '../config/config';
import type { BrowserPool } from '../render/browser/pool';
import type { DocumentDate } from '../model/document-date';
import type { Framework } from '../model/schema';
import type { PackTarget } from '../model/pack-view';

/** Everything an output kind may need to render; expensive parts are created on first use. */
export interface RenderContext {
  browser(): Promise<BrowserPool>;
  config: Config;
  templatesDir: string;
}

export interface OutputJob {
  /** Relative to output/, POSIX separators. */
  path: string;
  kind: string;
  framework: string;
  target: string | null;
  /** Hash of every input of this output: of `parts`. */
  inputs: string;
  /**
   * Each input by name (model, templates, renderer, date, browser, fonts, ...), as a hash or, for
   * the browser and fonts, as readable versions: `check` names the ones that changed.
   */
  parts: Record<string, string>;
  /** Relative rendering cost; the costliest start first, so that no long job is left to the end. */
  cost: number;
  render(context: RenderContext): Promise<Uint8Array>;
}

export interface PlanContext {
  config: Config;
  /** Template files (relative path to hash). */
  templates: Map<string, string>;
  /** Hash of the renderer code, so that a renderer change re-renders its outputs. */
  renderer: string;
  /** The date to write into documents (src/pipeline/document-date.ts). */
  date(framework: Framework): DocumentDate;
  /**
   * The fingerprint of a pack target's view, or with WHOLE_FRAMEWORK of the model a reference
   * shows, when planning has it (else the kind computes it).
   */
  viewHash(framework: Framework, targetKey: string): string | null;
  /** The browser that prints PDFs, e.g. "@sparticuz/chromium 153.0.0" (computed on first use). */
  browser(): string;
  /** The embedded fonts' packages and versions. */
  fonts(): string;
}

/**
 * A kind of output (the HTML pack, the PDF form, ...): which --format names select it, and the
 * jobs it makes for one framework.
 */
export interface OutputKind {
  id: string;
  formats: string[];
  /** What the output is made with: PDFs depend on the browser and fonts, HTML on the fonts. */
  medium: 'pdf' | 'html' | 'docx' | 'data';
  jobs(framework: Framework, targets: PackTarget[], context: PlanContext): OutputJob[];
}

/** The key viewHash takes for a whole framework's reference document (the model without source hashes). */
export const WHOLE_FRAMEWORK = '*';

/** The key viewHash takes for the whole model, as exports write it. */
export const WHOLE_MODEL = '**';

/** The model as a reference document uses it: without source hashes, which change with every edit. */
export function referenceModel(framework: Framework): Framework {
  return { ...framework, sources: framework.sources.map((s) => ({ ...s, sha256: '' })) };
}
