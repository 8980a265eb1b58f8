import type { DocumentDate } from '../../src/model/document-date';
import { join } from 'node:path';
import axe from 'axe-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIVIL_SERVICE_SCALE } from '../../src/config/config';
import { readModel } from '../../src/model/io';
import { findTarget } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { vacancyView, type VacancyView } from '../../src/model/vacancy-view';
import { BrowserPool } from '../../src/render/browser/pool';
import { assessmentForm, loadCampaignTemplates, renderVacancyPackHtml, type CampaignTemplates } from '../../src/render/campaign';
import { assessmentPageData } from '../../src/render/campaign/assessment-pdf';
import { vacancyDocument } from '../../src/render/campaign/vacancy-pack';
import { ROOT } from '../helpers/ingest';

/** axe-core audits of the campaign pages (the pack on screen and as printed, the forms as printed), and escaping of campaign text. */
let pool: BrowserPool;
let audit: Page;
let templates: CampaignTemplates;
let sp2024: Framework;
let odp: Framework;
const DATE: DocumentDate = { instant: new Date(Date.UTC(2024, 9, 14)), iso: '2024-10-14', basis: 'published' };
const HOSTILE = '<script>alert(1)</script> & {{title}}';

beforeAll(async () => {
  [pool, templates, sp2024, odp] = await Promise.all([
    BrowserPool.launch(1),
    loadCampaignTemplates(join(ROOT, 'templates')),
    readModel(join(ROOT, 'output', 'model', 'success-profiles-2024.json')),
    readModel(join(ROOT, 'output', 'model', 'odp-core-skills.json')),
  ]);
  const browser = await pool.withPage('<!doctype html><title>x</title>', async (p) => p.browser());
  audit = await browser.newPage();
  await audit.setRequestInterception(true);
  audit.on('request', (request) => void request.abort('blockedbyclient'));
});

afterAll(async () => {
  await audit?.close();
  await pool?.close();
});

async function violations(html: string, media: 'screen' | 'print'): Promise<string[]> {
  await audit.emulateMediaType(media);
  await audit.setContent(html, { waitUntil: 'load' });
  await audit.addScriptTag({ content: axe.source });
  return audit.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 100)).join(' | ')}`);
  });
}

function views(title = 'Policy Adviser'): VacancyView[] {
  return [
    vacancyView(sp2024, findTarget(sp2024, 'heo'), {
      campaign: 'Test campaign',
      reference: '401234',
      title,
      words: 250,
      behaviours: [
        { id: 'communicating-and-influencing', lead: true, stages: ['application', 'interview'] },
        { id: 'working-together', lead: false, stages: ['interview'] },
      ],
    }),
    vacancyView(odp, findTarget(odp, 'practitioner'), {
      campaign: 'Test campaign',
      reference: 'OPS-1',
      title,
      words: 300,
      behaviours: [{ id: 'data-and-insight', lead: true, stages: ['application'] }],
    }),
  ];
}

describe('campaign pages', () => {
  it('axe-core finds no violations in the vacancy packs, on screen and as printed, nor in the forms', async () => {
    for (const view of views()) {
      expect(await violations(renderVacancyPackHtml(view, CIVIL_SERVICE_SCALE, templates, { date: DATE }), 'screen'), view.reference).toEqual([]);
      expect(await violations(vacancyDocument(view, CIVIL_SERVICE_SCALE, templates, { date: DATE, print: true }).html, 'print'), view.reference).toEqual([]);
      for (const stage of ['application', 'interview'] as const) {
        const form = assessmentForm(view, stage, CIVIL_SERVICE_SCALE);
        if (form) expect(await violations(templates.render('assessmentForm', assessmentPageData(form)), 'print'), `${view.reference} ${stage}`).toEqual([]);
      }
    }
  });

  it('write campaign text as text: markup and template syntax in a title print as they are', () => {
    const [view] = views(HOSTILE);
    const html = renderVacancyPackHtml(view!, CIVIL_SERVICE_SCALE, templates, { date: DATE });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{title}}');
    const form = templates.render('assessmentForm', assessmentPageData(assessmentForm(view!, 'application', CIVIL_SERVICE_SCALE)!));
    expect(form).not.toContain('<script>');
  });
});
