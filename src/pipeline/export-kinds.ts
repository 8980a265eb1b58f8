import { describeDocumentDate } from '../model/document-date';
import { hashJson, viewFingerprint } from './fingerprint';
import { type OutputJob, type OutputKind, type PlanContext, type RenderContext, WHOLE_MODEL } from './plan';
import type { Framework } from '../model/schema';

type Render = (framework: Framework, date: Date, context: RenderContext) => Promise<Uint8Array>;

/**
 * A data export, one per framework: `exports/<framework><suffix>`. Its inputs are the whole model
 * (every field may be exported), what `settings` picks from the configuration, the renderer's
 * code and the document date; no browser or fonts. Renderers load on first use.
 */
function exportKind(id: string, suffix: string, formats: string[], settings: (context: PlanContext) => unknown, render: Render): OutputKind {
  return {
    id,
    formats,
    medium: 'data',
    jobs(framework, _targets, planContext): OutputJob[] {
      const date = planContext.date(framework);
      const parts = {
        kind: id,
        model: planContext.viewHash(framework, WHOLE_MODEL) ?? viewFingerprint(framework),
        templatesAndSettings: hashJson(settings(planContext) ?? null),
        renderer: planContext.renderer,
        date: describeDocumentDate(date),
      };
      return [
        {
          path: `exports/${framework.id}${suffix}`,
          kind: id,
          framework: framework.id,
          target: null,
          cost: 1,
          parts,
          inputs: hashJson(parts),
          render: (context) => render(framework, date.instant, context),
        },
      ];
    },
  };
}

/** CASE 1.1 package, CSV and XLSX of every framework (`--format export` selects all three). */
export const exportKinds: OutputKind[] = [
  exportKind(
    'export-case',
    '.case.json',
    ['case', 'export'],
    (c) => c.config.ratingScale,
    async (framework, date, context) =>
      (await import('../render/exports/case-package')).renderCasePackage(framework, { date, ratingScale: context.config.ratingScale }),
  ),
  exportKind(
    'export-csv',
    '.csv',
    ['csv', 'export'],
    () => null,
    async (framework) => (await import('../render/exports/csv')).renderFrameworkCsv(framework),
  ),
  exportKind(
    'export-xlsx',
    '.xlsx',
    ['xlsx', 'export'],
    () => null,
    async (framework, date) => (await import('../render/exports/xlsx')).renderFrameworkXlsx(framework, { date }),
  ),
];
