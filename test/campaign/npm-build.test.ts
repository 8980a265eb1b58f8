import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempProject } from '../helpers/project';
import { treeBytes } from '../helpers/tree';

/** `npm run build` (gradepack build) also builds every campaigns/*.yaml of the project, the same bytes on every build. */
function projectWithCampaign(): string {
  const root = tempProject(['cscf-2012-sms1']);
  mkdirSync(join(root, 'campaigns'));
  writeFileSync(
    join(root, 'campaigns', 'sms-2027.yaml'),
    [
      'campaign: Senior recruitment 2027',
      'framework: cscf-2012-sms1',
      'vacancies:',
      '  - reference: D-1',
      '    title: Deputy Director, Digital',
      '    grade: scs1',
      '    behaviours: [Leading and Communicating, { behaviour: Delivering at Pace, assessed: [interview] }]',
      '    candidates: d1.csv',
      '',
    ].join('\n'),
  );
  writeFileSync(join(root, 'campaigns', 'd1.csv'), 'number,name\nA-1,Siân Evans\nA-2,\n');
  writeFileSync(join(root, 'campaigns', 'notes.txt'), 'not a campaign\n');
  return root;
}

describe('gradepack build with campaigns/', () => {
  it('builds the campaigns after the framework outputs; two projects give byte-identical campaign outputs', async () => {
    const [a, b] = [projectWithCampaign(), projectWithCampaign()];
    const first = await runCli(['build', '--root', a, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^built: \d+ rendered, 0 unchanged/m);
    expect(first.stdout).toMatch(/^campaign sms-2027: 1 vacancies, 2 candidates; 13 rendered \(4 candidate forms\)/m);
    const tree = treeBytes(join(a, 'output', 'campaigns'));
    expect(Object.keys(tree).sort()).toEqual(
      [
        'manifest.json',
        'D-1/behaviours.html',
        'D-1/behaviours.pdf',
        'D-1/statement.docx',
        'D-1/sift.pdf',
        'D-1/sift.docx',
        'D-1/interview.pdf',
        'D-1/interview.docx',
        'D-1/scores.xlsx',
        'D-1/scores.csv',
        'D-1/candidates/A-1/sift.pdf',
        'D-1/candidates/A-1/interview.pdf',
        'D-1/candidates/A-2/sift.pdf',
        'D-1/candidates/A-2/interview.pdf',
      ]
        .map((p) => `sms-2027/${p}`)
        .sort(),
    );
    expect((await runCli(['build', '--root', b, '--quiet'])).code).toBe(0);
    expect(treeBytes(join(b, 'output', 'campaigns'))).toEqual(tree);
    // check knows the campaign: up to date, then stale once a candidate is added (one line, no name).
    expect((await runCli(['check', '--root', a])).stdout).toContain('up to date');
    writeFileSync(join(a, 'campaigns', 'd1.csv'), 'number,name\nA-1,Siân Evans\nA-2,\nA-3,Rhys Morgan\n');
    const stale = await runCli(['check', '--root', a]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/^stale output: output\/campaigns\/sms-2027: 4 of 15 outputs to render, 0 to remove \(D-1\/candidates\/A-3\/sift\.pdf, /m);
    expect(stale.stdout).not.toMatch(/Rhys|Siân/);
    // A narrowed build is about the frameworks' outputs only.
    const narrowed = await runCli(['build', '--root', a, '--quiet', '--format', 'html']);
    expect(narrowed.stdout).not.toMatch(/campaign/);
  });
});
