import Handlebars from 'handlebars';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDate } from '../../src/model/document-date';
import { documentDate } from '../../src/pipeline/document-date';
import { packTargets, packView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import {
  loadPackTemplates,
  packData,
  packDocument,
  packOutputPath,
  referenceData,
  referenceOutputPath,
  renderPackHtml,
  renderReferenceHtml,
  type PackTemplates,
} from '../../src/render/html';
import { ingestWith, realSource } from '../helpers/ingest';
import { effectiveIneffectiveLike, HOSTILE_TEXTS, hostileFramework, odpCoreSkillsLike, odpScsLike, singleLevelLike } from './fixtures';
import { TEMPLATES } from './template-helpers';

let templates: PackTemplates;
let successProfiles: Framework;
beforeAll(async () => {
  templates = await loadPackTemplates(TEMPLATES);
  successProfiles = (await ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')])).framework;
});

const DATE: DocumentDate = { instant: new Date(Date.UTC(2024, 9, 14)), iso: '2024-10-14', basis: 'published' };

function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
}

/** How Handlebars writes a text into HTML. */
function text(s: string): string {
  return Handlebars.escapeExpression(s);
}

describe('pack HTML', () => {
  it('is a self-contained page with a language, a title, landmarks and headings in order', () => {
    const view = packView(successProfiles, packTargets(successProfiles).find((t) => t.key === 'eo')!);
    const html = renderPackHtml(view, templates, { date: DATE });
    expect(html).toMatch(/^<!DOCTYPE html>\s*<html lang="en-GB">/);
    expect(html).toContain('<title>Executive Officer (EO) – Success Profiles: Civil Service behaviours</title>');
    for (const landmark of ['<header', '<nav', '<main', '<footer']) expect(html).toContain(landmark);
    const levels = headingLevels(html);
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (const [i, l] of levels.entries()) if (i > 0) expect(l - levels[i - 1]!).toBeLessThanOrEqual(1);
    // Nothing to fetch, nothing to run: the only url() are the embedded fonts, as data.
    const urls = [...html.matchAll(/url\(([^)]{0,40})/gi)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^data:font\/woff2;base64,/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|@import/i);
  });

  it('links every contents entry to a heading that exists, and shows no page numbers on the web', () => {
    const view = packView(successProfiles, packTargets(successProfiles).find((t) => t.key === 'g7')!);
    const html = renderPackHtml(view, templates, { date: DATE });
    const links = [...html.matchAll(/<a href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(links).toContain('main-content');
    for (const c of view.competencies) {
      expect(links).toContain(`competency-${c.id}`);
      expect(html).toContain(`id="competency-${c.id}"`);
    }
    expect(html).not.toContain('<th scope="col" class="gp-table__header--numeric">Page</th>');
  });

  it('has every indicator of the grade, and no indicator only a higher level has', () => {
    for (const target of packTargets(successProfiles)) {
      const view = packView(successProfiles, target);
      const html = renderPackHtml(view, templates, { date: DATE });
      const order = new Map(successProfiles.levels.map((l) => [l.id, l.order]));
      const own = order.get(target.levels[0]!)!;
      for (const c of view.competencies) for (const s of c.sections) for (const i of s.indicators) expect(html).toContain(text(i.text));
      for (const c of successProfiles.competencies) {
        for (const l of c.levels.filter((l) => order.get(l.level)! > own)) {
          for (const i of l.indicators) {
            const shown = view.competencies.some((vc) => vc.sections.some((s) => s.indicators.some((vi) => vi.text === i.text)));
            if (!shown) expect(html, `${target.key} shows ${i.id}`).not.toContain(text(i.text));
          }
        }
      }
    }
  });

  it('puts the pack at the path SPEC.md gives', () => {
    const [eo] = packTargets(successProfiles).filter((t) => t.key === 'eo');
    expect(packOutputPath(eo!, 'pdf')).toBe('packs/eo/success-profiles-2024.pdf');
    expect(packOutputPath(packTargets(odpCoreSkillsLike())[1]!, 'html')).toBe('packs/working/synthetic-odp-core.html');
    expect(referenceOutputPath('success-profiles-2024', 'pdf')).toBe('reference/success-profiles-2024.pdf');
  });

  it('dates the cover with the document date, not the clock', () => {
    const view = packView(successProfiles, packTargets(successProfiles)[0]!);
    const html = renderPackHtml(view, templates, { date: documentDate(successProfiles, {}) });
    expect(html).toContain('<time datetime="2024-10-14">14 October 2024</time>');
    const epoch = renderPackHtml(view, templates, { date: documentDate(successProfiles, { SOURCE_DATE_EPOCH: '1700000000' }) });
    expect(epoch).toContain('<time datetime="2023-11-14">14 November 2023</time>');
  });
});

describe('pack data', () => {
  it('keeps what is new at a level apart from what carries over from the level below, per polarity', () => {
    const framework = effectiveIneffectiveLike();
    const view = packView(framework, packTargets(framework).find((t) => t.key === 'eo')!);
    const data = packData(view, { date: DATE, print: false });
    const groups = data.competencies[0]!.sections[0]!.groups;
    expect(groups.map((g) => [g.polarity, g.heading])).toEqual([
      ['effective', 'Effective behaviours'],
      ['ineffective', 'Ineffective behaviours'],
    ]);
    expect(groups[0]!.carriedIndicators).toHaveLength(1);
    expect(groups[0]!.newIndicators).toHaveLength(3);
    const html = renderPackHtml(view, templates, { date: DATE });
    const carriedText = groups[0]!.carriedIndicators[0]!.text;
    const carriedList = html.slice(html.indexOf('<ul class="gp-list gp-list--bullet gp-indicators gp-indicators--carried">'));
    expect(carriedList.indexOf(text(carriedText))).toBeLessThan(carriedList.indexOf('</ul>'));
    expect(html).toContain('<strong class="gp-tag gp-tag--grey">Carried over</strong> from the level below');
    expect(html).toContain('<strong class="gp-tag">New</strong> at this level');
  });

  it('shows one unlabelled list when nothing carries over and there is one kind of indicator', () => {
    const framework = odpCoreSkillsLike();
    const view = packView(framework, packTargets(framework).find((t) => t.key === 'awareness')!);
    const data = packData(view, { date: DATE, print: false });
    const group = data.competencies[0]!.sections[0]!.groups[0]!;
    expect(group.heading).toBeNull();
    expect(group.hasCarried).toBe(false);
    expect(data.kindLabel).toBe('Proficiency level pack');
    expect(data.heading).toBe('Awareness level');
  });

  it('gives an ODP SCS pack its grade’s text at each proficiency level, Awareness as a note, and nothing of other grades', () => {
    const framework = odpScsLike();
    const view = packView(framework, packTargets(framework).find((t) => t.key === 'scs2')!);
    const html = renderPackHtml(view, templates, { date: DATE });
    const data = packData(view, { date: DATE, print: false });
    expect(data.competencies[0]!.sections.map((s) => s.heading)).toEqual(['Awareness', 'Working', 'Practitioner', 'Expert']);
    expect(data.competencies[0]!.sections[0]!.note).toMatch(/not required/);
    for (const c of framework.competencies) {
      for (const l of c.levels) {
        for (const i of l.indicators) {
          if (i.grade === 'scs2') expect(html).toContain(text(i.text));
          else expect(html).not.toContain(text(i.text));
        }
      }
    }
  });

  it('says so when a competency has no text at the pack’s level, rather than showing an empty heading', () => {
    const full = effectiveIneffectiveLike();
    const framework = { ...full, competencies: full.competencies.map((c, i) => (i === 1 ? { ...c, levels: c.levels.filter((l) => l.level !== '2') } : c)) };
    const html = renderPackHtml(packView(framework, packTargets(framework).find((t) => t.key === 'eo')!), templates, { date: DATE });
    const second = html.slice(
      html.indexOf(`id="competency-${framework.competencies[1]!.id}"`),
      html.indexOf(`id="competency-${framework.competencies[2]!.id}"`),
    );
    expect(second).toContain('The source has no text for this competency at this level.');
    expect(second).not.toContain('<h3');
  });

  it('numbers the contents only in print, with placeholders until the pages are known', () => {
    const framework = singleLevelLike();
    const view = packView(framework, packTargets(framework)[0]!);
    expect(packData(view, { date: DATE, print: false }).contents.map((c) => c.page)).toEqual(['', '']);
    expect(packData(view, { date: DATE, print: true }).contents.map((c) => c.page)).toEqual(['00', '00']);
    const pages = new Map([
      ['competency-seeing-the-big-picture', 3],
      ['competency-making-effective-decisions', 4],
    ]);
    const doc = packDocument(view, templates, { date: DATE, print: true, pages });
    expect(doc.html).toMatch(/seeing-the-big-picture">Seeing the big picture<\/a><\/td><td class="gp-table__cell--numeric">3</);
    expect(doc.anchors).toEqual([...pages.keys()]);
    expect(doc.footer).toContain('class="pageNumber"');
    expect(doc.footer).toContain('class="totalPages"');
  });
});

describe('reference data', () => {
  it('has a column per level and, for ODP SCS, a row per grade', () => {
    const data = referenceData(odpScsLike(), { date: DATE, print: false });
    expect(data.levels.map((l) => l.id)).toEqual(['awareness', 'working', 'practitioner', 'expert']);
    const rows = data.competencies[0]!.rows;
    expect(rows.map((r) => r.heading)).toEqual(['Deputy Director (SCS1)', 'Director (SCS2)', 'Director General (SCS3)']);
    expect(rows[0]!.cells[0]!.note).toMatch(/not required/);
    expect(rows[0]!.cells[2]!.indicators.filter((i) => i.isCarried)).toHaveLength(1);
    expect(rows[1]!.cells[1]!.indicators).toHaveLength(2);
  });

  it('has a row per polarity where a framework pairs effective with ineffective, and one unheaded row otherwise', () => {
    const paired = referenceData(effectiveIneffectiveLike(), { date: DATE, print: false }).competencies[0]!;
    expect(paired.hasRowHeadings).toBe(true);
    expect(paired.rows.map((r) => r.heading)).toEqual(['Effective behaviours', 'Ineffective behaviours']);
    const single = referenceData(odpCoreSkillsLike(), { date: DATE, print: false }).competencies[0]!;
    expect(single.hasRowHeadings).toBe(false);
    expect(single.rows).toHaveLength(1);
    expect(single.rows[0]!.cells).toHaveLength(4);
  });

  it('renders every indicator of every level in a table with column headers', () => {
    const html = renderReferenceHtml(successProfiles, templates, { date: DATE });
    expect(html).toContain('<th scope="col">Level 1: Administrative Assistant (AA) and Administrative Officer (AO)</th>');
    for (const c of successProfiles.competencies) for (const l of c.levels) for (const i of l.indicators) expect(html).toContain(text(i.text));
  });
});

describe('escaping', () => {
  it('writes source text that looks like markup or a template as text', () => {
    const framework = hostileFramework();
    for (const target of packTargets(framework)) {
      const doc = packDocument(packView(framework, target), templates, { date: DATE, print: true });
      expect(doc.html).not.toMatch(/<script|<img|<\/style><style>|<b>bold/i);
      expect(doc.header).not.toMatch(/<img|<script/i);
      expect(doc.header).toContain(text('<img src="file:///etc/hosts">'));
    }
    const html = renderPackHtml(packView(framework, packTargets(framework).find((t) => t.key === 'eo')!), templates, { date: DATE });
    expect(html).toContain(text(HOSTILE_TEXTS.script));
    expect(html).toContain('&lt;script&gt;document.title&#x3D;&quot;owned&quot;&lt;/script&gt;');
    expect(html).toContain('{{x}}');
    expect(html).toContain('{{{y}}}');
    for (const hostile of Object.values(HOSTILE_TEXTS)) expect(html).toContain(text(`${hostile} (level 2)`));
    const reference = renderReferenceHtml(framework, templates, { date: DATE });
    expect(reference).not.toMatch(/<script|<img/i);
  });
});
