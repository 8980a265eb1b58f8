import { join } from 'node:path';
import Handlebars from 'handlebars';
import { GradepackError } from '../../model/errors';
import { mergeShapes, shapeOf, type Shape } from '../html/template-check';
import { checkStylesheet } from '../stylesheet-check';
import { compileChecked, readTemplate } from '../template-files';
import { CAMPAIGN_LAYOUTS, STYLESHEETS, type CampaignLayout, type CampaignTemplates } from './layouts';
import { specimenCampaignData } from './specimen';

/**
 * The templates of campaign documents, in templates/campaign/ (see its README), with the shared
 * stylesheet templates/css/gradepack.css. As for packs: every file is read, checked against
 * specimen data (a field the data lacks is an error with its file and line, even in a branch
 * rarely taken) and compiled once; Handlebars runs in strict mode; output is always escaped; the
 * only raw text is a stylesheet, which may load nothing.
 */
const HINT = 'Campaign documents need the files listed in templates/campaign/README.md.';
const FIELDS_HINT = 'templates/campaign/README.md lists the fields each campaign template can use.';

export async function loadCampaignTemplates(templatesDir: string): Promise<CampaignTemplates> {
  const hb = Handlebars.create();
  const css = new Map<string, string>();
  for (const [name, path] of Object.entries(STYLESHEETS))
    css.set(name, checkStylesheet(join(templatesDir, path), await readTemplate(templatesDir, path, HINT)));
  hb.registerHelper('stylesheet', (name: unknown) => {
    const text = typeof name === 'string' ? css.get(name) : undefined;
    if (text === undefined) {
      throw new GradepackError(
        'TemplateField',
        `{{stylesheet ${typeof name === 'string' ? `"${name}"` : ''}}} names no stylesheet campaign documents have.`,
        {},
        `Stylesheets: ${[...css.keys()].map((n) => `"${n}"`).join(', ')}.`,
      );
    }
    return new hb.SafeString(text);
  });
  const roots = rootShapes();
  const compiled = new Map<CampaignLayout, (data: unknown) => string>();
  for (const [layout, path] of Object.entries(CAMPAIGN_LAYOUTS) as [CampaignLayout, string][]) {
    compiled.set(layout, compileChecked(hb, join(templatesDir, path), await readTemplate(templatesDir, path, HINT), roots[layout], FIELDS_HINT));
  }
  return { render: (layout, data) => compiled.get(layout)!(data) };
}

function rootShapes(): Record<CampaignLayout, Shape> {
  const merged = (values: unknown[]) => values.map(shapeOf).reduce(mergeShapes);
  const specimen = specimenCampaignData();
  return {
    vacancyPack: merged(specimen.packs),
    runningHeader: merged(specimen.running),
    runningFooter: merged(specimen.running),
    assessmentForm: merged(specimen.forms),
    assessmentFooter: merged(specimen.forms),
  };
}
