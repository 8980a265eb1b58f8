import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtProject, editFramework, ERRATA, expectRefused, lineOf, SOURCE } from '../helpers/hostile';
import { runCli } from '../helpers/project';

/**
 * Issue 14, item 2: the registry could read outside sources/ (`"file": "../../somewhere/else.txt"`
 * was ingested, `"../../../../etc/passwd"` read). A path from the registry, or a link in sources/,
 * that leads outside is PathOutsideProject, and the file it names is never read: its text appears
 * nowhere, not in the messages, the outputs or the cache.
 */
const DOCX = ['build', '--format', 'docx'];
const SECRET = 'CANARY-4f1d9a: a file outside the project';

/** Every file under `dir` (recursively) that contains `text`. */
function filesContaining(dir: string, text: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && readFileSync(full).includes(text)) found.push(full);
    }
  };
  walk(dir);
  return found;
}

describe('issue 14, item 2: the registry cannot read outside sources/', () => {
  let built: string;
  beforeAll(async () => {
    built = await builtProject();
  });

  /** A folder holding the secret file and a copy of the built project, as `outside/project`. */
  function projectBesideSecret(): { root: string; outside: string } {
    const outside = mkdtempSync(join(tmpdir(), 'gradepack-outside-'));
    writeFileSync(join(outside, 'secret.txt'), `${SECRET}\n`);
    mkdirSync(join(outside, 'somewhere'));
    writeFileSync(join(outside, 'somewhere', 'else.txt'), `${SECRET}\n`);
    const root = join(outside, 'project');
    cpSync(built, root, { recursive: true });
    return { root, outside };
  }

  function expectNotRead(root: string, outside: string, run: { stdout: string; stderr: string }): void {
    expect(run.stdout + run.stderr).not.toContain('CANARY');
    expect(filesContaining(root, 'CANARY')).toEqual([]);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe(`${SECRET}\n`);
  }

  for (const path of ['../../somewhere/else.txt', '../../secret.txt', '../../../../etc/passwd', '/etc/passwd', `${tmpdir()}/x.txt`, 'sub/../../secret.txt']) {
    it(`item 2: "file": "${path}" is PathOutsideProject at its line in the registry, and nothing is read`, async () => {
      const { root, outside } = projectBesideSecret();
      editFramework(root, (f) => {
        f.sources = [{ file: path, format: 'text' }];
      });
      const run = await expectRefused(
        root,
        DOCX,
        'PathOutsideProject',
        `sources/registry.json:${lineOf(root, 'sources/registry.json', `"file": "${path}"`)}: `,
        /leads outside sources\//,
      );
      expectNotRead(root, outside, run);
      expect(run.stderr).not.toContain('root:');
    });
  }

  it('item 2: a source in sources/ that is a symbolic link to a file outside is PathOutsideProject naming the link, and nothing is read', async () => {
    const { root, outside } = projectBesideSecret();
    rmSync(join(root, 'sources', SOURCE));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'sources', SOURCE));
    const run = await expectRefused(root, DOCX, 'PathOutsideProject', `sources/${SOURCE}: `, /symbolic link to .*secret\.txt, outside sources\//);
    expectNotRead(root, outside, run);
  });

  it('item 2: a folder in sources/ that is a link outside cannot be used as a way out either', async () => {
    const { root, outside } = projectBesideSecret();
    symlinkSync(outside, join(root, 'sources', 'elsewhere'));
    editFramework(root, (f) => {
      f.sources = [{ file: 'elsewhere/secret.txt', format: 'text' }];
    });
    const run = await expectRefused(root, DOCX, 'PathOutsideProject', 'sources/elsewhere/secret.txt: ', /outside sources\//);
    expectNotRead(root, outside, run);
  });

  it('item 2: an errata file in sources/ that is a symbolic link outside is PathOutsideProject, and nothing is read', async () => {
    const { root, outside } = projectBesideSecret();
    writeFileSync(join(outside, 'errata.json'), JSON.stringify({ source: SOURCE, entries: [], note: SECRET }));
    rmSync(join(root, 'sources', ERRATA));
    symlinkSync(join(outside, 'errata.json'), join(root, 'sources', ERRATA));
    const run = await expectRefused(root, DOCX, 'PathOutsideProject', `sources/${ERRATA}: `, /symbolic link to .*errata\.json, outside sources\//);
    expectNotRead(root, outside, run);
  });

  it('a symbolic link that stays inside sources/ is read as usual (the check refuses only the way out)', async () => {
    const { root } = projectBesideSecret();
    mkdirSync(join(root, 'sources', 'originals'));
    writeFileSync(join(root, 'sources', 'originals', SOURCE), readFileSync(join(root, 'sources', SOURCE)));
    rmSync(join(root, 'sources', SOURCE));
    symlinkSync(join('originals', SOURCE), join(root, 'sources', SOURCE));
    const run = await runCli([...DOCX, '--root', root, '--quiet']);
    expect(run.code, run.stderr).toBe(0);
  });
});
