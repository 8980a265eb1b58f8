import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/project';

const FILE = 'success-profiles-behaviours-2024.txt';

describe('gradepack ingest on bad input', () => {
  let root: string;
  let model: string;
  let good: string;
  beforeEach(async () => {
    root = tempProject(['success-profiles-2024']);
    const first = await runCli(['ingest', '--root', root, '--quiet']);
    expect(first.code).toBe(0);
    model = join(root, 'output', 'model', 'success-profiles-2024.json');
    good = readFileSync(model, 'utf8');
  });

  const source = () => join(root, 'sources', FILE);

  async function expectFailure(pattern: RegExp): Promise<void> {
    const run = await runCli(['ingest', '--root', root, '--quiet']);
    expect(run.code).toBe(3);
    const lines = run.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('  hint:'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(readFileSync(model, 'utf8')).toBe(good);
  }

  it('a missing source', async () => {
    rmSync(source());
    await expectFailure(/^sources\/success-profiles-behaviours-2024\.txt: error SourceMissing: /);
  });

  it('an empty source', async () => {
    writeFileSync(source(), '');
    await expectFailure(/^sources\/success-profiles-behaviours-2024\.txt: error SourceEmpty: /);
  });

  it('a source that is not UTF-8 names the line', async () => {
    const text = readFileSync(source(), 'utf8');
    const at = text.indexOf('’');
    const line = text.slice(0, at).split('\n').length;
    writeFileSync(source(), Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0x92]), Buffer.from(text.slice(at + 1))]));
    const run = await runCli(['ingest', '--root', root, '--quiet']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(new RegExp(`^sources/success-profiles-behaviours-2024\\.txt:${line}: error SourceEncoding: `));
    expect(readFileSync(model, 'utf8')).toBe(good);
  });

  it('a truncated source', async () => {
    writeFileSync(source(), readFileSync(source(), 'utf8').slice(0, 5000));
    await expectFailure(/^sources\/success-profiles-behaviours-2024\.txt: error SourceIncomplete: /);
  });

  it('another document in place of the source', async () => {
    writeFileSync(source(), 'Minutes of the meeting\n- apologies\n- any other business\n');
    await expectFailure(/^sources\/success-profiles-behaviours-2024\.txt: error SourceUnrecognised: /);
  });

  it('an unknown framework is a usage error naming the registry and listing the known ones', async () => {
    const run = await runCli(['ingest', '--root', root, '--framework', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/UnknownFramework: .*"nope" is not in sources\/registry\.json/);
    expect(run.stderr).toContain('Known frameworks: success-profiles-2024.');
  });

  it('an unknown option is a usage error', async () => {
    const run = await runCli(['ingest', '--root', root, '--bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/UsageError/);
  });
});

describe('model ids', () => {
  it('are the same across two ingests, and a reworded indicator keeps its id', async () => {
    const root = tempProject(['success-profiles-2024']);
    await runCli(['ingest', '--root', root, '--quiet']);
    const file = join(root, 'output', 'model', 'success-profiles-2024.json');
    const first = readFileSync(file, 'utf8');
    await runCli(['ingest', '--root', root, '--quiet']);
    expect(readFileSync(file, 'utf8')).toBe(first);
    const source = join(root, 'sources', FILE);
    writeFileSync(
      source,
      readFileSync(source, 'utf8').replace(
        '- learn new procedures and help colleagues to do the same',
        '- learn new procedures and help others to do the same',
      ),
    );
    await runCli(['ingest', '--root', root, '--quiet']);
    const before = JSON.parse(first);
    const after = JSON.parse(readFileSync(file, 'utf8'));
    const find = (m: typeof before, text: string) =>
      m.competencies
        .flatMap((c: { levels: { indicators: { id: string; text: string }[] }[] }) => c.levels.flatMap((l) => l.indicators))
        .find((i: { text: string }) => i.text.startsWith(text));
    expect(find(after, 'learn new procedures and help others').id).toBe(find(before, 'learn new procedures and help colleagues').id);
    expect(find(after, 'learn new procedures').id).toBe('changing-and-improving.1.e2');
  });
});
