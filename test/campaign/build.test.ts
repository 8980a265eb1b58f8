import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { decodePDFRawStream, PDFCheckBox, PDFDict, PDFDocument, PDFName, PDFRadioGroup, type PDFRawStream, PDFTextField } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIVIL_SERVICE_SCALE } from '../../src/config/config';
import { readModel } from '../../src/model/io';
import { prepareStamp, stampCandidate } from '../../src/render/campaign';
import { findTarget, packView } from '../../src/model/pack-view';
import type { Framework } from '../../src/model/schema';
import { docxParts, findAll, paragraphTexts, parseXml } from '../fixtures/render-docx/xml';
import { readWithPdfJs, walk } from '../fixtures/render-forms/pdfjs';
import { campaignProject, EXAMPLE_FILE } from '../helpers/campaign';
import { ROOT } from '../helpers/ingest';
import { normalizeText, pdfInfo, pdfOutline, pdfToText } from '../helpers/pdf-text';
import { runCli } from '../helpers/project';

/**
 * The text a field's appearance draws, read back through each font's ToUnicode map: what a
 * printout of the form shows in the box.
 */
function appearanceText(doc: PDFDocument, field: string): { text: string; fonts: string[] } {
  const widget = doc.getForm().getTextField(field).acroField.getWidgets()[0]!;
  const ap = doc.context.lookup(widget.getNormalAppearance()) as PDFRawStream;
  const fonts = ap.dict.lookup(PDFName.of('Resources'), PDFDict).lookup(PDFName.of('Font'), PDFDict);
  const maps = new Map<string, { name: string; map: Map<string, string> }>();
  for (const [key, ref] of fonts.entries()) {
    const font = doc.context.lookup(ref, PDFDict);
    const cmap = strFromU8(decodePDFRawStream(font.lookup(PDFName.of('ToUnicode')) as PDFRawStream).decode());
    const map = new Map<string, string>();
    for (const m of cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]+)>/g)) {
      map.set(m[1]!, String.fromCharCode(...(m[2]!.match(/.{4}/g) ?? []).map((h) => Number.parseInt(h, 16))));
    }
    maps.set(key.decodeText(), { name: font.lookup(PDFName.of('BaseFont'))!.toString(), map });
  }
  let text = '';
  const used: string[] = [];
  for (const m of strFromU8(ap.contents).matchAll(/\/(\w+) [\d.]+ Tf <([0-9A-F]*)> Tj/g)) {
    const font = maps.get(m[1]!)!;
    used.push(font.name);
    for (const code of m[2]!.match(/.{4}/g) ?? []) text += font.map.get(code) ?? '?';
  }
  return { text, fonts: [...new Set(used)] };
}

/** The fictional example campaign, built through the CLI as a user would, and read back. */
const NAMES = ['Zoë Adeyemi', 'Siân Pritchard', 'Ó Briain', 'Łukasz Wiśniewski', 'Gwenllïan Ŵyn', 'Amara Okafor', 'Smith, Jordan'];

describe('gradepack campaign (the example campaign)', () => {
  let root: string;
  let out: string;
  let first: Awaited<ReturnType<typeof runCli>>;
  let sp2024: Framework;
  const read = (path: string) => new Uint8Array(readFileSync(join(out, path)));
  const indicators = (framework: Framework, grade: string, id: string) =>
    packView(framework, findTarget(framework, grade))
      .competencies.find((c) => c.id === id)!
      .sections.flatMap((s) => s.indicators.map((i) => i.text));

  beforeAll(async () => {
    root = campaignProject(['success-profiles-2024', 'odp-core-skills']);
    out = join(root, 'output', 'campaigns', 'policy-spring-2027');
    first = await runCli(['campaign', join(root, 'campaigns', EXAMPLE_FILE), '--root', root]);
    expect(first.code, first.stderr).toBe(0);
    sp2024 = await readModel(join(ROOT, 'output', 'model', 'success-profiles-2024.json'));
  });

  it('makes every output of every vacancy, and the forms of every candidate', () => {
    expect(first.stdout).toMatch(/campaign policy-spring-2027: 3 vacancies, 9 candidates; 45 rendered \(18 candidate forms\), 0 unchanged, 0 removed/);
    for (const ref of ['401234', '401240', 'OPS-77']) {
      for (const f of [
        'behaviours.pdf',
        'behaviours.html',
        'sift.pdf',
        'sift.docx',
        'interview.pdf',
        'interview.docx',
        'statement.docx',
        'scores.xlsx',
        'scores.csv',
      ]) {
        expect(existsSync(join(out, ref, f)), `${ref}/${f}`).toBe(true);
      }
    }
    for (const n of ['100201', '100202', '100203', '100204', '100205', '100206', '200301', '200302', '200303']) {
      const ref = n.startsWith('1') ? '401234' : '401240';
      expect(existsSync(join(out, ref, 'candidates', n, 'sift.pdf'))).toBe(true);
      expect(existsSync(join(out, ref, 'candidates', n, 'interview.pdf'))).toBe(true);
    }
  });

  it("the candidate's pack: the chosen behaviours' indicators at the grade, the lead marked, stages, the scale; nothing of the others", async () => {
    const pdf = read('401234/behaviours.pdf');
    const text = normalizeText(await pdfToText(pdf));
    for (const id of ['communicating-and-influencing', 'seeing-the-big-picture', 'working-together', 'delivering-at-pace']) {
      for (const t of indicators(sp2024, 'heo', id)) expect(text, t).toContain(normalizeText(t));
    }
    for (const id of ['leadership', 'making-effective-decisions', 'changing-and-improving', 'developing-self-and-others', 'managing-a-quality-service']) {
      for (const t of indicators(sp2024, 'heo', id)) expect(text, t).not.toContain(normalizeText(t));
    }
    // Not another grade's indicators either.
    expect(text).not.toContain(normalizeText(indicators(sp2024, 'g7', 'seeing-the-big-picture')[0]!));
    for (const l of CIVIL_SERVICE_SCALE) expect(text).toContain(normalizeText(`${l.value} ${l.label} ${l.description}`));
    expect(text).toContain(normalizeText('Lead behaviour · Assessed at application and interview Communicating and influencing'));
    expect(text).toContain(normalizeText('Assessed at interview Working together'));
    expect(text).toContain(normalizeText('about 250 words'));
    const info = await pdfInfo(pdf);
    expect(info.tagged).toBe(true);
    expect(info.pageSize).toBe('A4 portrait');
    expect(info.title).toBe('Policy Adviser (401234) – behaviours for candidates');
    expect((await pdfOutline(pdf)).map((o) => o.title)).toEqual(
      expect.arrayContaining([
        'Policy Adviser',
        'Contents',
        'The behaviours for this vacancy',
        'Communicating and influencing',
        'Working together',
        'How you will be assessed',
      ]),
    );
    // Contents with real page numbers.
    expect(await pdfToText(pdf)).toMatch(/Communicating and influencing\s+3\b/);
    const html = readFileSync(join(out, '401234', 'behaviours.html'), 'utf8');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('Communicating and influencing <strong class="gp-tag">Lead</strong>');
    expect(html).not.toContain('Developing self and others');
  });

  it('the statement template has a section for each application behaviour only, with its indicators, STAR and the word limit', () => {
    const body = docxParts(read('401234/statement.docx')).xml('word/document.xml');
    const texts = paragraphTexts(body);
    expect(texts.filter((t) => /^(Communicating and influencing|Seeing the big picture|Delivering at pace|Working together)/.test(t))).toEqual([
      'Communicating and influencing (lead behaviour)',
      'Seeing the big picture',
      'Delivering at pace',
    ]);
    for (const t of indicators(sp2024, 'heo', 'delivering-at-pace')) expect(texts).toContain(t);
    expect(texts).toContain('Up to 250 words.');
    expect(texts.some((t) => t.startsWith('Situation: '))).toBe(true);
    const tags = findAll(body, 'w:tag').map((t) => t.attrs['w:val']);
    expect(tags).toEqual(['communicating-and-influencing.statement', 'seeing-the-big-picture.statement', 'delivering-at-pace.statement']);
  });

  it('the blank sift and interview forms: the stage’s behaviours with their indicators, comments and a score on the scale, then total, lead score, outcome, assessors, date and declaration', async () => {
    for (const [stage, behaviours] of [
      ['sift', ['communicating-and-influencing', 'seeing-the-big-picture', 'delivering-at-pace']],
      ['interview', ['communicating-and-influencing', 'seeing-the-big-picture', 'working-together', 'delivering-at-pace']],
    ] as const) {
      const pdf = read(`401234/${stage}.pdf`);
      const form = (await PDFDocument.load(pdf)).getForm();
      expect(form.getFields().map((f) => f.getName())).toEqual([
        'candidate.number',
        'candidate.name',
        ...behaviours.flatMap((b) => [`${b}.comments`, `${b}.score`]),
        'total',
        'lead-score',
        'outcome',
        'assessors',
        'date',
        'declaration',
      ]);
      for (const b of behaviours) {
        expect(form.getRadioGroup(`${b}.score`).getOptions()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
        expect(form.getTextField(`${b}.comments`).isMultiline()).toBe(true);
      }
      expect(form.getField('declaration')).toBeInstanceOf(PDFCheckBox);
      expect(form.getTextField('candidate.number').getText()).toBeUndefined();
      const text = normalizeText(await pdfToText(pdf));
      for (const b of behaviours) for (const t of indicators(sp2024, 'heo', b)) expect(text).toContain(normalizeText(t));
      if (stage === 'sift') expect(text).not.toContain(normalizeText(indicators(sp2024, 'heo', 'working-together')[0]!));
      expect(text).toContain(normalizeText('Vacancy reference 401234'));
      expect((await pdfInfo(pdf)).tagged).toBe(true);
      // Every widget is tagged as a Form element in the reading order, and named.
      const viewer = await readWithPdfJs(pdf);
      let tagged = 0;
      for (const tree of viewer.structTrees) walk(tree, (node) => void (node.role === 'Form' && tagged++));
      expect(tagged).toBe(viewer.widgetIds.flat().length);
      for (const f of viewer.fields) expect(f.alternativeText, f.name).toBeTruthy();
    }
    const outcome = (await PDFDocument.load(read('401234/sift.pdf'))).getForm().getRadioGroup('outcome');
    expect(outcome.getOptions()).toEqual(['progress', 'do-not-progress']);
  });

  it("each candidate's forms are the blank with the number and name filled in, read-only, in the document's font; no name, an anonymous form", async () => {
    const blank = read('401234/sift.pdf');
    for (const [n, name] of [
      ['100201', 'Zoë Adeyemi'],
      ['100204', 'Łukasz Wiśniewski'],
      ['100206', 'Gwenllïan Ŵyn'],
      ['100205', 'Anonymous'],
    ]) {
      const copy = read(`401234/candidates/${n}/sift.pdf`);
      expect(Buffer.from(copy.subarray(0, blank.length)).equals(Buffer.from(blank))).toBe(true);
      const form = (await PDFDocument.load(copy)).getForm();
      expect(form.getTextField('candidate.number').getText()).toBe(n);
      expect(form.getTextField('candidate.name').getText()).toBe(name);
      expect(form.getTextField('candidate.name').isReadOnly()).toBe(true);
      expect(form.getTextField('total').isReadOnly()).toBe(false);
      const viewer = await readWithPdfJs(copy);
      expect(viewer.fields.find((f) => f.name === 'candidate.name')!.value).toBe(name);
      expect(viewer.fields.find((f) => f.name === 'candidate.number')!.value).toBe(n);
      // The appearance draws the name and the number in the document's font (Noto Sans for Ŵ, which Atkinson lacks).
      const doc = await PDFDocument.load(copy);
      const drawn = appearanceText(doc, 'candidate.name');
      expect(drawn.text).toBe(name);
      expect(drawn.fonts[0]).toMatch(/^\/[A-Z]{6}\+AtkinsonHyperlegible-Regular$/);
      if (name.includes('Ŵ')) expect(drawn.fonts).toContainEqual(expect.stringMatching(/NotoSans-Regular$/));
      expect(appearanceText(doc, 'candidate.number').text).toBe(n);
      expect((await pdfInfo(copy)).title).toBe(`Sift form: Policy Adviser (401234), candidate ${n}`);
    }
    const interview = (await PDFDocument.load(read('401240/candidates/200303/interview.pdf'))).getForm();
    expect(interview.getTextField('candidate.name').getText()).toBe('Smith, Jordan');
    expect(interview.getRadioGroup('outcome')).toBeInstanceOf(PDFRadioGroup);
    expect(interview.getField('candidate.number')).toBeInstanceOf(PDFTextField);
  });

  it("a candidate's copy depends on that candidate only: stamped alone, onto a freshly read blank, it is the same bytes", async () => {
    for (const [n, name] of [
      ['100206', 'Gwenllïan Ŵyn'],
      ['100204', 'Łukasz Wiśniewski'],
      ['100205', null],
    ] as const) {
      const base = await prepareStamp(read('401234/interview.pdf'));
      const alone = await stampCandidate(base, { number: n, name });
      expect(Buffer.from(alone).equals(Buffer.from(read(`401234/candidates/${n}/interview.pdf`))), n).toBe(true);
    }
  });

  it('the score sheet: a row per candidate, a column per behaviour and stage, scores 1-7, totals and the lead score as formulas, outcomes as lists, filters', () => {
    const parts = unzipSync(read('401234/scores.xlsx'));
    const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
    const shared = findAll(parseXml(strFromU8(parts['xl/sharedStrings.xml']!)), 't').map((t) => t.children.join(''));
    for (const header of [
      'Candidate number',
      'Name',
      'Communicating and influencing (sift)',
      'Delivering at pace (sift)',
      'Sift total',
      'Working together (interview)',
      'Interview total',
      'Lead behaviour: Communicating and influencing (sift)',
      'Sift outcome',
      'Interview outcome',
    ]) {
      expect(shared).toContain(header);
    }
    expect(shared).toEqual(expect.arrayContaining(['100201', 'Zoë Adeyemi', '100206']));
    const validations = findAll(parseXml(sheet), 'dataValidation');
    const whole = validations.filter((v) => v.attrs.type === 'whole');
    expect(whole.map((v) => v.attrs.sqref)).toEqual(['C2:C107', 'D2:D107', 'E2:E107', 'G2:G107', 'H2:H107', 'I2:I107', 'J2:J107']);
    for (const v of whole) expect(findAll(v, 'formula1')[0]!.children.join('') + findAll(v, 'formula2')[0]!.children.join('')).toBe('17');
    expect(validations.filter((v) => v.attrs.type === 'list').map((v) => findAll(v, 'formula1')[0]!.children.join(''))).toEqual([
      '"Progress to interview,Do not progress"',
      '"Appointable,Not appointable"',
    ]);
    const formulas = findAll(parseXml(sheet), 'f').map((f) => f.children.join(''));
    expect(formulas).toContain('IF(COUNT(C2,D2,E2)=0,"",SUM(C2,D2,E2))');
    expect(formulas).toContain('IF(COUNT(G2,H2,I2,J2)=0,"",SUM(G2,H2,I2,J2))');
    expect(formulas).toContain('IF(C7="","",C7)');
    expect(sheet).toContain('<autoFilter ref="A1:N1"/>');
    const csv = readFileSync(join(out, '401234', 'scores.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^Candidate number,Name,Communicating and influencing \(sift\),/);
    expect(csv.slice(1, 7).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '100201,Zoë Adeyemi',
      '100202,Siân Pritchard',
      '100203,Ó Briain',
      '100204,Łukasz Wiśniewski',
      '100205,',
      '100206,Gwenllïan Ŵyn',
    ]);
  });

  it('no candidate name in the manifest or in any line the build printed', () => {
    const manifest = readFileSync(join(out, 'manifest.json'), 'utf8');
    for (const name of NAMES) {
      for (const part of name.split(/[ ,]+/)) {
        expect(manifest).not.toContain(part);
        expect(first.stdout + first.stderr).not.toContain(part);
      }
    }
    expect(Object.keys(JSON.parse(manifest).outputs)).toContain('401234/candidates/100201/sift.pdf');
  });

  it("a candidate's form changed by hand to the same size, its time put back, is made again", async () => {
    const file = join(root, 'campaigns', EXAMPLE_FILE);
    const form = join(out, '401240', 'candidates', '200301', 'sift.pdf');
    const good = readFileSync(form);
    const info = statSync(form);
    const altered = Buffer.from(good);
    altered[altered.length - 100] ^= 1;
    writeFileSync(form, altered);
    utimesSync(form, info.atime, info.mtime);
    const again = await runCli(['campaign', file, '--root', root, '--quiet']);
    expect(again.stdout).toMatch(/1 rendered \(1 candidate forms\), 44 unchanged, 0 removed/);
    expect(readFileSync(form).equals(good)).toBe(true);
  });

  it('rebuilds only what changed: nothing; then a new candidate’s forms and the score sheets; a removed candidate’s forms are removed', async () => {
    const file = join(root, 'campaigns', EXAMPLE_FILE);
    const again = await runCli(['campaign', file, '--root', root, '--quiet']);
    expect(again.stdout).toMatch(/0 rendered \(0 candidate forms\), 45 unchanged, 0 removed/);
    const csv = join(root, 'campaigns', 'candidates-401240.csv');
    const before = readFileSync(csv, 'utf8');
    writeFileSync(csv, `${before}200304,Nadia Haddad\n`);
    const added = await runCli(['campaign', file, '--root', root, '--quiet']);
    expect(added.stdout).toMatch(/4 rendered \(2 candidate forms\), 43 unchanged, 0 removed/);
    expect(existsSync(join(out, '401240', 'candidates', '200304', 'interview.pdf'))).toBe(true);
    writeFileSync(csv, before.replace('200302,\n', ''));
    const removed = await runCli(['campaign', file, '--root', root, '--quiet']);
    expect(removed.stdout).toMatch(/2 rendered \(0 candidate forms\), 41 unchanged, 4 removed/);
    expect(existsSync(join(out, '401240', 'candidates', '200302'))).toBe(false);
    expect(existsSync(join(out, '401240', 'candidates', '200304'))).toBe(false);
  });
});
