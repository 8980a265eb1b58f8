import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer-core';
import { GradepackError } from '../model/errors';

/**
 * One Chromium per build, a small pool of pages reused in parallel. Pages run with JavaScript off
 * and refuse every request: documents are self-contained HTML set as page content, so nothing
 * from a source can reach a file or the network while rendering.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumPath(): string {
  const configured = process.env.PUPPETEER_EXECUTABLE_PATH;
  const candidates = configured ? [configured] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new GradepackError(
      'BrowserMissing',
      `Looked for ${candidates.join(', ')}.`,
      configured ? { file: configured } : {},
      'Install Debian\'s chromium (apt-get install chromium), or set PUPPETEER_EXECUTABLE_PATH to a Chromium binary.',
    );
  }
  return found;
}

export interface BlockedRequest {
  url: string;
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
  ) {}

  static async launch(size = 2): Promise<BrowserPool> {
    const executablePath = chromiumPath();
    const userDataDir = mkdtempSync(join(tmpdir(), 'gradepack-chromium-'));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        args: [...CHROMIUM_ARGS, `--user-data-dir=${userDataDir}`],
        timeout: 30_000,
      });
    } catch (e) {
      rmSync(userDataDir, { recursive: true, force: true });
      throw new GradepackError('BrowserMissing', `Chromium at ${executablePath} did not start: ${(e as Error).message}`, { file: executablePath });
    }
    return new BrowserPool(browser, userDataDir, Math.max(1, size));
  }

  private async newPage(): Promise<Page> {
    const page = await this.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => {
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
      await page.setContent(html, { waitUntil: 'load', timeout: 60_000 });
      return await work(page);
    } finally {
      this.release(page);
    }
  }

  async pdf(html: string, options: PDFOptions): Promise<Uint8Array> {
    return this.withPage(html, async (page) => new Uint8Array(await page.pdf({ timeout: 120_000, ...options })));
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}
