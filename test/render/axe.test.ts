import axe from 'axe-core';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentDate } from '../../src/pipeline/document-date';
import { packTargets, packView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { BrowserPool } from '../../src/render/browser/pool';
import { loadPackTemplates, packDocument, renderPackHtml, renderReferenceHtml, type PackTemplates } from '../../src/render/html';
import { ingestWith, realSource } from '../helpers/ingest';
import { effectiveIneffectiveLike, hostileFramework, odpCoreSkillsLike, odpScsLike, singleLevelLike } from './fixtures';
import { TEMPLATES } from './template-helpers';

/**
 * axe-core audits of the HTML pages in headless Chromium. The audit needs JavaScript, so it runs
 * in a page of its own (the pool's pages keep JavaScript off), opened in the pool's one browser;
 * that page still refuses every request, and axe is injected as inline script.
 */
let pool: BrowserPool;
let audit: Page;
let templates: PackTemplates;
let successProfiles: Framework;

beforeAll(async () => {
  [pool, templates, successProfiles] = await Promise.all([
    BrowserPool.launch(1),
    loadPackTemplates(TEMPLATES),
    ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]).then((r) => r.framework),
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

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

async function violations(html: string, media: 'screen' | 'print' = 'screen'): Promise<Violation[]> {
  await audit.emulateMediaType(media);
  await audit.setContent(html, { waitUntil: 'load' });
  await audit.addScriptTag({ content: axe.source });
  return audit.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? null, help: v.help, nodes: v.nodes.map((n) => n.html.slice(0, 160)) }));
  });
}

const date = (f: Framework) => documentDate(f, {});

describe('axe-core finds no violations', () => {
  it('in success-profiles-2024 grade packs', async () => {
    for (const key of ['aa', 'eo', 'scs3']) {
      const view = packView(successProfiles, packTargets(successProfiles).find((t) => t.key === key)!);
      expect(await violations(renderPackHtml(view, templates, { date: date(successProfiles) })), key).toEqual([]);
    }
  });

  it('in the success-profiles-2024 reference (tables with row and column headers)', async () => {
    expect(await violations(renderReferenceHtml(successProfiles, templates, { date: date(successProfiles) }))).toEqual([]);
  });

  it('in packs with new and carried indicators, effective and ineffective, notes, proficiency levels and per-grade text', async () => {
    const cases: [Framework, string][] = [
      [effectiveIneffectiveLike(), 'eo'], // both polarities, new and carried
      [odpCoreSkillsLike(), 'practitioner'], // a proficiency level, carried
      [odpScsLike(), 'scs1'], // per-grade text, the Awareness note, carried
      [singleLevelLike(), 'scs1'], // no description
      [hostileFramework(), 'eo'],
    ];
    for (const [framework, key] of cases) {
      const html = renderPackHtml(packView(framework, packTargets(framework).find((t) => t.key === key)!), templates, { date: date(framework) });
      expect(await violations(html), `${framework.id} ${key}`).toEqual([]);
    }
    for (const framework of [effectiveIneffectiveLike(), odpScsLike()]) {
      expect(await violations(renderReferenceHtml(framework, templates, { date: date(framework) })), `${framework.id} reference`).toEqual([]);
    }
  });

  it('in the print version the PDF is made from, as printed', async () => {
    const view = packView(successProfiles, packTargets(successProfiles).find((t) => t.key === 'g6')!);
    const doc = packDocument(view, templates, { date: date(successProfiles), print: true });
    expect(await violations(doc.html, 'print')).toEqual([]);
  });

  it('and does find a violation in a page built to have one (the audit works)', async () => {
    const found = await violations('<!doctype html><html><head><title>x</title></head><body><main><img src="x.png"><h3>Skipped</h3></main></body></html>');
    expect(found.map((v) => v.id)).toEqual(expect.arrayContaining(['html-has-lang', 'image-alt']));
  });
});
