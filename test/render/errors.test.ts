import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GradepackError } from '../../src/model/errors';
import { BrowserPool } from '../../src/render/browser/pool';
import { renderPdf } from '../../src/render/pdf';

async function caught(work: () => Promise<unknown>): Promise<GradepackError> {
  const error = await work().then(
    () => new Error('expected a GradepackError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GradepackError);
  return error as GradepackError;
}

describe('a missing Chromium', () => {
  const saved = process.env.PUPPETEER_EXECUTABLE_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.PUPPETEER_EXECUTABLE_PATH;
    else process.env.PUPPETEER_EXECUTABLE_PATH = saved;
  });

  it('is one BrowserMissing error naming the path, with a hint', async () => {
    process.env.PUPPETEER_EXECUTABLE_PATH = '/nonexistent';
    const error = await caught(() => BrowserPool.launch(2));
    expect(error.code).toBe('BrowserMissing');
    expect(error.location.file).toBe('/nonexistent');
    expect(error.format()).toContain('/nonexistent');
    expect(error.hint).toMatch(/PUPPETEER_EXECUTABLE_PATH/);
  });

  it('is BrowserMissing too when the file is there but is not a browser', async () => {
    process.env.PUPPETEER_EXECUTABLE_PATH = '/bin/false';
    const error = await caught(() => BrowserPool.launch(1));
    expect(error.code).toBe('BrowserMissing');
    expect(error.location.file).toBe('/bin/false');
  });
});

describe('a PDF that would not be accessible', () => {
  let pool: BrowserPool;
  beforeAll(async () => {
    pool = await BrowserPool.launch(1);
  });
  afterAll(async () => {
    await pool?.close();
  });

  it('is refused when the HTML sets no language or title', async () => {
    const error = await caught(() =>
      renderPdf(pool, '<!doctype html><html><body><h1>No lang, no title</h1></body></html>', { title: 'Untitled', lang: 'en-GB', date: new Date(0) }),
    );
    expect(error.code).toBe('RenderFailed');
    expect(error.message).toMatch(/its title is (null|"about:blank"), not "Untitled"/);
    expect(error.message).toMatch(/its language is "[^"]*", not "en-GB"/);
  });

  it('is refused when the HTML declares another language than the one asked for', async () => {
    const html = '<!doctype html><html lang="fr"><head><title>Titre</title></head><body><h1>Bonjour</h1></body></html>';
    const error = await caught(() => renderPdf(pool, html, { title: 'Titre', lang: 'en-GB', date: new Date(0) }));
    expect(error.code).toBe('RenderFailed');
    expect(error.message).toContain('its language is "fr", not "en-GB"');
    expect(error.message).not.toContain('title');
  });
});
