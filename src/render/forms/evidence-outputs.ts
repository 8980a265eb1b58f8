import { join } from 'node:path';
import { writeFileAtomic } from '../../build/atomic-write';
import type { Config } from '../../build/config';
import { documentDate } from '../../build/document-date';
import { GradepackError } from '../../model/errors';
import { findTarget, packTargets, packView, type PackTarget } from '../../model/pack-view';
import type { Framework } from '../../model/schema';
import type { BrowserPool } from '../browser';
import { renderEvidenceFormDocx } from '../docx/evidence-form';
import { renderEvidenceTemplate, wordsPerExample } from '../docx/evidence-template';
import { renderEvidenceFormPdf } from './evidence-form-pdf';
import { ratingScale } from './form-model';
import { loadFormLayout, type FormLayout } from './layout';

/**
 * Every Word template and evidence form of a selection of frameworks and grades, rendered in
 * memory and written only once all of them have rendered: bad configuration, an unknown framework
 * or grade, or a failed render leaves the output folder as it was.
 */

export type EvidenceKind = 'template' | 'form-docx' | 'form-pdf';
export const EVIDENCE_KINDS: EvidenceKind[] = ['template', 'form-docx', 'form-pdf'];

export interface EvidenceOutput {
  kind: EvidenceKind;
  framework: string;
  /** The grade, or the proficiency level for ODP core skills. */
  target: string;
  /** Relative to the output folder: templates/eo/success-profiles-2024.docx. */
  path: string;
  bytes: Uint8Array;
}

export function evidenceOutputPath(kind: EvidenceKind, framework: string, target: string): string {
  switch (kind) {
    case 'template':
      return join('templates', target, `${framework}.docx`);
    case 'form-docx':
      return join('forms', target, `${framework}.docx`);
    case 'form-pdf':
      return join('forms', target, `${framework}.pdf`);
  }
}

export interface EvidenceSelection {
  /** Only this framework id. */
  framework?: string;
  /** Only this grade or proficiency level. */
  grade?: string;
  /** Which documents; all three when not given. */
  kinds?: EvidenceKind[];
}

/** The (framework, target) pairs a selection covers; an unknown framework or grade is a GradepackError. */
export function selectEvidenceTargets(frameworks: Framework[], selection: Pick<EvidenceSelection, 'framework' | 'grade'>): { framework: Framework; target: PackTarget }[] {
  let chosen = frameworks;
  if (selection.framework !== undefined) {
    const found = frameworks.find((f) => f.id === selection.framework);
    if (!found) {
      throw new GradepackError('UnknownFramework', `There is no framework "${selection.framework}".`, {}, `Frameworks: ${frameworks.map((f) => f.id).join(', ')}.`);
    }
    chosen = [found];
  }
  if (selection.grade === undefined) return chosen.flatMap((framework) => packTargets(framework).map((target) => ({ framework, target })));
  if (selection.framework !== undefined) return [{ framework: chosen[0]!, target: findTarget(chosen[0]!, selection.grade) }];
  const pairs = chosen.flatMap((framework) => packTargets(framework).filter((t) => t.key === selection.grade).map((target) => ({ framework, target })));
  if (pairs.length === 0) {
    const known = [...new Set(chosen.flatMap((f) => packTargets(f).map((t) => t.key)))];
    throw new GradepackError('UnknownGrade', `No framework has a grade or level "${selection.grade}".`, {}, `Grades and levels: ${known.join(', ')}.`);
  }
  return pairs;
}

export interface RenderEvidenceOptions extends EvidenceSelection {
  /** Needed for PDF forms only. */
  pool?: BrowserPool;
  layout?: FormLayout;
  /** The document date of a framework; documentDate(framework.date) when not given. */
  date?: (framework: Framework) => Date;
}

export async function renderEvidenceOutputs(frameworks: Framework[], config: Pick<Config, 'ratingScale' | 'wordsPerExample'>, options: RenderEvidenceOptions = {}): Promise<EvidenceOutput[]> {
  const kinds = options.kinds ?? EVIDENCE_KINDS;
  // Configuration and selection are checked before anything renders.
  if (kinds.includes('template')) wordsPerExample(config);
  if (kinds.includes('form-docx') || kinds.includes('form-pdf')) ratingScale(config);
  const pairs = selectEvidenceTargets(frameworks, options);
  if (kinds.includes('form-pdf') && !options.pool) throw new GradepackError('RenderFailed', 'PDF evidence forms need a browser pool.');
  const layout = kinds.includes('form-pdf') ? (options.layout ?? (await loadFormLayout())) : undefined;
  const dateOf = options.date ?? ((f: Framework) => documentDate(f.date));

  const jobs = pairs.flatMap(({ framework, target }) => {
    const view = packView(framework, target);
    const date = dateOf(framework);
    return kinds.map(async (kind): Promise<EvidenceOutput> => {
      const bytes =
        kind === 'template'
          ? await renderEvidenceTemplate(view, config, { date })
          : kind === 'form-docx'
            ? await renderEvidenceFormDocx(view, config, { date })
            : await renderEvidenceFormPdf(options.pool!, view, config, { date, layout });
      return { kind, framework: framework.id, target: target.key, path: evidenceOutputPath(kind, framework.id, target.key), bytes };
    });
  });
  // Settled, not raced: nothing is still rendering when this returns or throws.
  const settled = await Promise.allSettled(jobs);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<EvidenceOutput>).value);
}

/** Writes each output beside its place and renames it there, so no reader sees half a file. */
export async function writeEvidenceOutputs(outputDir: string, outputs: EvidenceOutput[]): Promise<string[]> {
  const written: string[] = [];
  for (const output of outputs) {
    const path = join(outputDir, output.path);
    await writeFileAtomic(path, output.bytes);
    written.push(path);
  }
  return written;
}
