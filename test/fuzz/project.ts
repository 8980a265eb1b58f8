import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/config/config';
import { parseModel } from '../../src/model/io';
import { renderCasePackage } from '../../src/render/exports/case-package';
import { renderFrameworkCsv } from '../../src/render/exports/csv';
import { renderFrameworkXlsx } from '../../src/render/exports/xlsx';
import { ROOT } from '../helpers/ingest';
import { tempProject } from '../helpers/temp-project';

/**
 * The project a fuzz worker mutates: every real source with its errata, three more frameworks read
 * by the spreadsheet and CASE adapters (CSV, XLSX and CASE exports of cscf-2012-sms1), a complete
 * configuration, a small campaign, a model file for `validate` and `diff`, and the templates.
 */
export const FUZZ_FILES = {
  registry: 'sources/registry.json',
  config: 'gradepack.config.json',
  campaign: 'campaigns/fuzz.yaml',
  candidates: 'campaigns/fuzz-candidates.csv',
  csv: 'sources/fuzz-table.csv',
  xlsx: 'sources/fuzz-table.xlsx',
  case: 'sources/fuzz-case.json',
  model: 'fuzz/model.json',
  modelOriginal: 'fuzz/model-original.json',
} as const;

/** Text sources, each with a framework that reads it. */
export const TEXT_SOURCES: [file: string, framework: string][] = [
  ['sources/success-profiles-behaviours-2024.txt', 'success-profiles-2024'],
  ['sources/cs-competency-framework-2012-sms1.txt', 'cscf-2012-sms1'],
  ['sources/mmo-competency-framework-2014-15.md', 'mmo-2014'],
  ['sources/odp-core-skills.txt', 'odp-core-skills'],
  ['sources/odp-scs-power-of-connections.txt', 'odp-scs-capabilities'],
];

export const ERRATA_FILES: [file: string, framework: string][] = [
  ['sources/success-profiles-behaviours-2024.txt.errata.json', 'success-profiles-2024'],
  ['sources/cs-competency-framework-2012-sms1.txt.errata.json', 'cscf-2012-sms1'],
  ['sources/mmo-competency-framework-2014-15.md.errata.json', 'mmo-2014'],
  ['sources/odp-core-skills.txt.errata.json', 'odp-core-skills'],
];

export const PDF_SOURCE: [file: string, framework: string] = ['sources/success-profiles-behaviours-2018.pdf', 'success-profiles-2018'];

const CAMPAIGN = `campaign: Fuzz campaign
framework: cscf-2012-sms1
vacancies:
  - reference: "F-1"
    title: Deputy Director, Policy
    grade: scs1
    behaviours:
      - Leading and communicating
      - { behaviour: Delivering at pace, assessed: [interview] }
    words: 250
    candidates: fuzz-candidates.csv
`;

const CANDIDATES = 'number,name\n100001,Test Person\n100002,\n';

export async function createFuzzProject(): Promise<string> {
  const root = tempProject();
  const registryFile = join(root, FUZZ_FILES.registry);
  const registry = JSON.parse(readFileSync(registryFile, 'utf8'));
  const cscf = registry.frameworks.find((f: { id: string }) => f.id === 'cscf-2012-sms1');
  const modelFile = join(ROOT, 'output', 'model', 'cscf-2012-sms1.json');
  const model = parseModel(readFileSync(modelFile, 'utf8'), modelFile);
  const date = new Date(Date.UTC(2012, 6, 1));
  writeFileSync(join(root, FUZZ_FILES.csv), renderFrameworkCsv(model));
  writeFileSync(join(root, FUZZ_FILES.xlsx), await renderFrameworkXlsx(model, { date }));
  writeFileSync(join(root, FUZZ_FILES.case), renderCasePackage(model, { date, ratingScale: DEFAULT_CONFIG.ratingScale }));
  const copy = (id: string, adapter: string, file: string, format: string) => ({
    ...cscf,
    id,
    adapter,
    sources: [{ file: file.slice('sources/'.length), format }],
  });
  registry.frameworks.push(
    copy('fuzz-csv', 'spreadsheet', FUZZ_FILES.csv, 'csv'),
    copy('fuzz-xlsx', 'spreadsheet', FUZZ_FILES.xlsx, 'xlsx'),
    copy('fuzz-case', 'case-json', FUZZ_FILES.case, 'json'),
  );
  writeFileSync(registryFile, `${JSON.stringify(registry, null, 2)}\n`);
  writeFileSync(join(root, FUZZ_FILES.config), `${JSON.stringify(DEFAULT_CONFIG, null, 2)}\n`);
  mkdirSync(join(root, 'campaigns'));
  writeFileSync(join(root, FUZZ_FILES.campaign), CAMPAIGN);
  writeFileSync(join(root, FUZZ_FILES.candidates), CANDIDATES);
  mkdirSync(join(root, 'fuzz'));
  cpSync(modelFile, join(root, FUZZ_FILES.model));
  cpSync(modelFile, join(root, FUZZ_FILES.modelOriginal));
  return root;
}

/** A file outside every project, for symbolic links that lead out. */
export function outsideFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gradepack-fuzz-outside-'));
  const file = join(dir, 'outside.txt');
  writeFileSync(file, 'A file outside the project.\n');
  return file;
}
