import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer-core';
import { GradepackError } from '../../model/errors';
import { PROFILE_PREFIX, removeStaleProfiles } from './profiles';
import { withoutControlCharacters } from '../../model/text';
import { isolatedFontconfig, resolveBrowser, type BrowserSpec } from './pinned-chromium';

/**
 * One Chromium per build, a small pool of pages reused in parallel. Pages run with JavaScript off
 * and refuse every request but data: URLs (the embedded fonts): documents are self-contained HTML
 * set as page content, so nothing from a source can reach a file or the network while rendering.
 * The browser talks to us over a pipe, so it exits when this process does, however it ends.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-dev-shm-usage',
  '--disable-domain-reliability',
  '--no-pings',
  '--font-render-hinting=none',
  '--lang=en-GB',
];

/** A heading as the page has it: what the PDF's outline entry for it must say. */
export interface PageHeading {
  level: number;
  text: string;
}

export interface BlockedRequest {
  url: string;
}

/**
 * Sets the page's content and waits until every font face it uses has loaded: text whose face is
 * still loading prints invisibly. (The first document on a new page with JavaScript off can fail
 * to load its data: fonts at all; it is set again.)
 */
async function setContentWithFonts(page: Page, html: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
    const failed = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((face) => face.status === 'error' || face.status === 'loading').map((face) => `${face.family} ${face.weight}`);
    });
    if (failed.length === 0) return;
    if (attempt === 3) {
      throw new GradepackError(
        'RenderFailed',
        `The page's fonts did not load: ${failed.join(', ')}.`,
        {},
        'The embedded fonts may be damaged: reinstall the npm packages (npm ci).',
      );
    }
  }
}

export class BrowserPool {
  /** Every request a page tried to make, all refused. Empty after a clean render. */
  readonly blocked: BlockedRequest[] = [];
  private readonly idle: Page[] = [];
  private readonly waiting: ((page: Page) => void)[] = [];
  private created = 0;

  private constructor(
    private readonly browser: Browser,
    private readonly userDataDir: string,
    readonly size: number,
    /** Which browser this is and how it was chosen. */
    readonly spec: BrowserSpec,
    /** The version the browser reports, e.g. "HeadlessChrome/153.0.8010.0". */
    readonly version: string,
  ) {}

  static async launch(size = 2, env: NodeJS.ProcessEnv = process.env): Promise<BrowserPool> {
    const spec = await resolveBrowser(env);
    removeStaleProfiles();
    const userDataDir = mkdtempSync(join(tmpdir(), `${PROFILE_PREFIX}${process.pid}-`));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath: spec.executablePath,
        headless: true,
        pipe: true,
        args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`],
        env: { ...env, FONTCONFIG_FILE: isolatedFontconfig(env) },
        timeout: 30_000,
      });
    } catch (e) {
      rmSync(userDataDir, { recursive: true, force: true });
      throw new GradepackError(
        'BrowserMissing',
        `Chromium at ${spec.executablePath} did not start: ${(e as Error).message}`,
        { file: spec.executablePath },
        spec.origin === 'pinned'
          ? 'Remove the unpacked browser from the cache folder (GRADEPACK_CACHE_DIR, or ~/.cache/gradepack) so that it is unpacked again; run `npm ci` if that fails.'
          : 'Point PUPPETEER_EXECUTABLE_PATH at a Chromium binary, or unset it to use the pinned one.',
      );
    }
    return new BrowserPool(browser, userDataDir, Math.max(1, size), spec, await browser.version());
  }

  /** "HeadlessChrome/153.0.8010.0 (@sparticuz/chromium 153.0.0)": for the build's log. */
  get description(): string {
    return `${this.version} (${this.spec.origin === 'pinned' ? `pinned: ${this.spec.identity}` : `${this.spec.executablePath}, from PUPPETEER_EXECUTABLE_PATH`})`;
  }

  private async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('data:')) {
        void request.continue();
        return;
      }
      this.blocked.push({ url: request.url() });
      void request.abort('blockedbyclient');
    });
    // Chromium refuses file:// loads from set content before interception sees them; the
    // network domain still reports the attempt, so record it too.
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', (event) => {
      const url = event.request.url;
      if (/^(about|data):/.test(url) || this.blocked.some((b) => b.url === url)) return;
      this.blocked.push({ url });
    });
    return page;
  }

  private async acquire(): Promise<Page> {
    const page = this.idle.pop();
    if (page) return page;
    if (this.created < this.size) {
      this.created++;
      return this.newPage();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }

  /** Runs `work` on a pooled page holding `html`. */
  async withPage<T>(html: string, work: (page: Page) => Promise<T>): Promise<T> {
    const page = await this.acquire();
    try {
      await setContentWithFonts(page, html);
      return await work(page);
    } finally {
      this.release(page);
    }
  }

  /** Prints `html`; with the headings the page has (for checking the PDF's outline against). */
  async print(html: string, options: PDFOptions): Promise<{ bytes: Uint8Array; headings: PageHeading[] }> {
    // Whatever made the HTML, control characters from its text never reach the printed page.
    const clean = (text: string | undefined) => (text === undefined ? undefined : withoutControlCharacters(text));
    const printOptions = { ...options, headerTemplate: clean(options.headerTemplate), footerTemplate: clean(options.footerTemplate) };
    return this.withPage(withoutControlCharacters(html), async (page) => {
      // Headings that are laid out (display: none ones get no bookmark), as the reader sees them.
      const headings = await page.$$eval('h1, h2, h3, h4, h5, h6', (elements) =>
        elements.filter((e) => e.getClientRects().length > 0).map((e) => ({ level: Number(e.tagName.slice(1)), text: (e as HTMLElement).textContent })),
      );
      return { bytes: new Uint8Array(await page.pdf({ timeout: 120_000, ...printOptions })), headings };
    });
  }

  async pdf(html: string, options: PDFOptions): Promise<Uint8Array> {
    return (await this.print(html, options)).bytes;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
