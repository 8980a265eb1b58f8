import type { CDPSession, Page } from 'puppeteer-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentDate } from '../../src/model/document-date';
import { packTargets, packView } from '../../src/model/pack-view';
import { BrowserPool } from '../../src/render/browser/pool';
import { loadPackTemplates, packDocument, type PackTemplates } from '../../src/render/html';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { renderEvidenceFormPdf } from '../../src/render/forms';
import { renderPackPdf, renderPdf, renderReferencePdf } from '../../src/render/pdf';
import { pdfInfo, pdfToText } from '../helpers/pdf-text';
import { HOSTILE_TEXTS, hostileFramework } from './fixtures';
import { TEMPLATES } from './template-helpers';

/**
 * Source text is data: markup, file URLs and template syntax in it come out as text, and nothing
 * is fetched while rendering. Requests are watched three ways: BrowserPool.blocked (request
 * interception, which refuses http(s) and the like), the page's CDP Network events (which also
 * see file:// loads, which Chromium refuses itself before interception), and console messages.
 * A positive control shows each watcher does see an attempted load.
 */
let pool: BrowserPool;
let templates: PackTemplates;
let page: Page;
let cdp: CDPSession;
const network: string[] = [];
const consoleMessages: string[] = [];
const DATE = new Date(Date.UTC(2023, 5, 1));
const DOCUMENT_DATE: DocumentDate = { instant: DATE, iso: '2023-06', basis: 'published' };

beforeAll(async () => {
  [pool, templates] = await Promise.all([BrowserPool.launch(1), loadPackTemplates(TEMPLATES)]);
  // A pool of one page: every render below runs on this page, which we watch.
  page = await pool.withPage('<!doctype html><title>x</title>', async (p) => p);
  cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  // The documents' own fonts are data: URLs (src/render/fonts.ts); anything else is a request.
  cdp.on('Network.requestWillBeSent', (e) => {
    if (!e.request.url.startsWith('data:font/woff2;base64,')) network.push(e.request.url);
  });
  page.on('console', (m) => consoleMessages.push(m.text()));
});

afterAll(async () => {
  await pool?.close();
});

beforeEach(() => {
  network.length = 0;
  consoleMessages.length = 0;
  pool.blocked.length = 0;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the request watchers', () => {
  it('see a file:// load and a network load when the HTML really asks for them (positive control)', async () => {
    const html =
      '<!doctype html><html lang="en-GB"><head><title>Control</title></head><body><h1>Control</h1>' +
      '<img src="file:///etc/passwd" alt="a"><img src="https://example.invalid/pixel.png" alt="b"><p>Second page</p></body></html>';
    await renderPdf(pool, html, { title: 'Control', lang: 'en-GB', date: DATE });
    await settle();
    expect(network).toContain('file:///etc/passwd');
    expect(network).toContain('https://example.invalid/pixel.png');
    expect(pool.blocked.map((b) => b.url)).toContain('https://example.invalid/pixel.png');
    expect(consoleMessages.join('\n')).toContain('Not allowed to load local resource: file:///etc/passwd');
  });
});

describe('rendering hostile source text', () => {
  const framework = hostileFramework();
  const target = packTargets(framework).find((t) => t.key === 'eo')!;
  const view = packView(framework, target);

  it('makes no request of any kind, file or network, for a pack or a reference', async () => {
    await renderPackPdf(pool, view, templates, { date: DOCUMENT_DATE });
    await renderReferencePdf(pool, framework, templates, { date: DOCUMENT_DATE });
    await settle();
    expect(network).toEqual([]);
    expect(pool.blocked).toEqual([]);
    expect(consoleMessages).toEqual([]);
  });

  it('prints markup, file URLs and template syntax from the source as literal text', async () => {
    const pdf = await renderPackPdf(pool, view, templates, { date: DOCUMENT_DATE });
    const text = flat(await pdfToText(pdf.bytes));
    for (const hostile of Object.values(HOSTILE_TEXTS)) expect(text).toContain(flat(`${hostile} (level 2)`));
    expect(text).toContain('<script>document.title="owned"</script>');
    expect(text).toContain('<img src="file:///etc/passwd" alt="passwd">');
    expect(text).toContain('{{x}}');
    expect(text).toContain('Title <b>bold</b> {{x}}');
    // The running header (a Chromium template of its own) escapes too.
    expect(text).toContain('Executive Officer (EO) – Hostile <img src="file:///etc/hosts"> framework {{x}}');
    expect((await pdfInfo(pdf.bytes)).title).toBe('Executive Officer (EO) – Hostile <img src="file:///etc/hosts"> framework {{x}}');
  });

  it('builds a page whose DOM has no element made from source text', async () => {
    const doc = packDocument(view, templates, { date: DOCUMENT_DATE, print: true });
    const found = await pool.withPage(doc.html, async (p) => ({
      elements: await p.$$eval('script, img, iframe, object, embed, link, b', (els) => els.map((e) => e.tagName)),
      styles: await p.$$eval('style', (els) => els.map((e) => e.textContent ?? '')),
      title: await p.title(),
      bodyHidden: await p.$eval('body', (b) => getComputedStyle(b).display === 'none'),
    }));
    expect(found.elements).toEqual([]);
    // The embedded fonts' @font-face rules, then the templates' stylesheet.
    expect(found.styles).toHaveLength(2);
    expect(found.styles[0]).toMatch(/^(@font-face\{[^}]*\}\n)+:root\{font-family:[^}]*\}$/);
    expect(found.title).toBe(doc.title);
    expect(found.bodyHidden).toBe(false);
  });
});

describe('text no page should carry as it is', () => {
  const word = `${'Supercalifragilistic'.repeat(170)}end`; // 3,403 characters, no space
  const base = hostileFramework();
  const framework = {
    ...base,
    competencies: base.competencies.map((c, ci) =>
      ci === 0
        ? {
            ...c,
            description: 'Text with a NUL \u0000, an ESC \u001b[31m sequence and a C1 \u009b control.',
            levels: c.levels.map((l) => ({ ...l, indicators: l.indicators.map((i, ii) => (ii === 0 ? { ...i, text: `Begin ${word} finish` } : i)) })),
          }
        : c,
    ),
  };
  const view = packView(framework, packTargets(framework).find((t) => t.key === 'eo')!);

  it('prints a 3,400-character word whole, broken across lines (and pages), in the pack PDF', async () => {
    const pdf = await renderPackPdf(pool, view, templates, { date: DOCUMENT_DATE });
    // Without the running header and footer that a page break puts in the middle of it.
    const text = (await pdfToText(pdf.bytes)).replace(/\s+/g, '').replace(/ExecutiveOfficer\(EO\)–Hostile.{0,80}?Page\d+of\d+/g, '');
    expect(text).toContain(`Begin${word}finish`);
  });

  it('prints the word whole in the PDF evidence form too, and no control character', async () => {
    const pdf = await renderEvidenceFormPdf(pool, view, DEFAULT_CONFIG, { date: DOCUMENT_DATE.instant });
    // Without the running footer's parts (target, framework, page number) that a page break puts in the middle of it.
    const text = (await pdfToText(pdf))
      .replace(/\s+/g, '')
      .replace(/ExecutiveOfficer\(EO\)·|Hostile<imgsrc="file:\/\/\/etc\/hosts">framework\{\{x\}\}…?|Page\d+of\d+/g, '');
    expect(text).toContain(`Begin${word}finish`);
    expect(text).toContain('TextwithaNUL,anESC[31msequenceandaC1control.');
  });

  it('writes no control characters into the HTML, and prints the rest of the text', async () => {
    const html = packDocument(view, templates, { date: DOCUMENT_DATE, print: false }).html;
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
    expect(html).toContain('Text with a NUL , an ESC [31m sequence and a C1  control.');
  });
});
