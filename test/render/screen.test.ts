import type { Page, SerializedAXNode } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packTargets, packView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { documentDate } from '../../src/pipeline/document-date';
import { BrowserPool } from '../../src/render/browser/pool';
import { loadPackTemplates, renderPackHtml, renderReferenceHtml, type PackTemplates } from '../../src/render/html';
import { ingestWith, realSource } from '../helpers/ingest';
import { effectiveIneffectiveLike } from './fixtures';
import { TEMPLATES } from './template-helpers';

/**
 * The HTML pages as people use them on screen: what a screen reader hears (Chromium's
 * accessibility tree), and whether the reference's tables fit a desktop window.
 */
let pool: BrowserPool;
let templates: PackTemplates;
const frameworks = new Map<string, Framework>();

beforeAll(async () => {
  [pool, templates] = await Promise.all([BrowserPool.launch(1), loadPackTemplates(TEMPLATES)]);
  const ingested = await Promise.all([
    ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]),
    ingestWith('mmo-2014', [realSource('mmo-competency-framework-2014-15.md', 'markdown')]),
    ingestWith('odp-scs-capabilities', [realSource('odp-core-skills.txt'), realSource('odp-scs-power-of-connections.txt', 'text', 'capture')]),
  ]);
  for (const { framework } of ingested) frameworks.set(framework.id, framework);
});

afterAll(async () => {
  await pool?.close();
});

/** The text a screen reader reads, leaf by leaf, in reading order. */
async function spokenText(page: Page): Promise<string> {
  const snapshot = await page.accessibility.snapshot({ interestingOnly: false });
  const words: string[] = [];
  const visit = (node: SerializedAXNode) => {
    if (node.role === 'StaticText') words.push(node.name ?? '');
    else node.children?.forEach(visit);
  };
  if (snapshot) visit(snapshot);
  return words.join(' ').replace(/\s+/g, ' ');
}

describe('what a screen reader hears', () => {
  it('each list label once: "New at this level", "Carried over from the level below"', async () => {
    const framework = effectiveIneffectiveLike();
    const html = renderPackHtml(packView(framework, packTargets(framework).find((t) => t.key === 'eo')!), templates, {
      date: documentDate(framework, {}),
    });
    const spoken = await pool.withPage(html, spokenText);
    expect(spoken).toContain('New at this level');
    expect(spoken).toContain('Carried over from the level below');
    expect(spoken).not.toMatch(/New New|Carried over Carried over/);
  });
});

describe('the reference on a desktop screen', () => {
  /** Per table: how much wider it is than its region, and how far its last column reaches past the window. */
  async function overflow(html: string, width: number): Promise<{ table: string; hidden: number; pastWindow: number }[]> {
    return pool.withPage(html, async (page) => {
      await page.setViewport({ width, height: 900 });
      return page.$$eval('.gp-table-wrapper', (regions) =>
        regions.map((region) => {
          const headers = region.querySelectorAll('thead th');
          const last = headers[headers.length - 1]!.getBoundingClientRect();
          return {
            table: region.getAttribute('aria-label') ?? '',
            hidden: region.scrollWidth - region.clientWidth,
            pastWindow: Math.max(0, Math.ceil(last.right - document.documentElement.clientWidth)),
          };
        }),
      );
    });
  }

  it.each(['success-profiles-2024', 'mmo-2014', 'odp-scs-capabilities'])('%s: every level column is in view at 1400 px, nothing scrolled out', async (id) => {
    const framework = frameworks.get(id)!;
    const tables = await overflow(renderReferenceHtml(framework, templates, { date: documentDate(framework, {}) }), 1400);
    expect(tables).toHaveLength(framework.competencies.length);
    for (const t of tables) expect(t, t.table).toMatchObject({ hidden: 0, pastWindow: 0 });
  });

  it('on a narrow screen the table scrolls in its own region instead of being cut off', async () => {
    const framework = frameworks.get('success-profiles-2024')!;
    const tables = await overflow(renderReferenceHtml(framework, templates, { date: documentDate(framework, {}) }), 800);
    for (const t of tables) expect(t.hidden, t.table).toBeGreaterThan(0);
  });
});
