import type { PackTarget } from '../../model/pack-view';
import type { Framework } from '../../model/schema';
import type { OutputJob } from '../../pipeline/plan';
import { EXIT, type Command } from '../command';

export const listCommand: Command = {
  name: 'list',
  summary: 'List the frameworks, their grades or levels (the names --grade takes) and the outputs a build makes for each.',
  usage: 'list',
  options: {},
  async run({ paths, out }) {
    const [{ planBuild }, { outputKinds }, { packTargets }] = await Promise.all([
      import('../../pipeline/plan-build'),
      import('../../pipeline/kinds'),
      import('../../model/pack-view'),
    ]);
    const plan = await planBuild(paths, outputKinds);
    const blocks = plan.frameworks.map((framework) =>
      describeFramework(
        framework,
        packTargets(framework),
        plan.jobs.filter((j) => j.framework === framework.id),
      ),
    );
    out(blocks.join('\n\n'));
    out(`\n${plan.frameworks.length} frameworks, ${plan.jobs.length} outputs. Narrow a build with --framework, --grade and --format.`);
    return EXIT.ok;
  },
};

/** One framework: its id and title, its levels and the grades each covers, then its outputs. */
export function describeFramework(framework: Framework, targets: PackTarget[], jobs: OutputJob[]): string {
  const proficiency = targets.every((t) => t.kind === 'proficiency');
  const levels = [...framework.levels].sort((a, b) => a.order - b.order);
  const per = proficiency ? 'level' : 'grade';
  const perTarget = jobs.filter((j) => j.target !== null);
  const once = jobs.filter((j) => j.target === null);
  const lines = [
    `${framework.id}: ${framework.title} (${framework.edition})`,
    proficiency
      ? `  proficiency levels (no grades): ${levels.map((l) => l.id).join(', ')}`
      : `  levels and their grades: ${levels.map((l) => `${/^\d+$/.test(l.id) ? `level ${l.id}` : l.id}: ${l.grades.join(', ') || 'none'}`).join('; ')}`,
    `  --grade takes: ${targets.map((t) => t.key).join(', ')}${targets.some((t) => t.levels.length > 1) ? ` (each ${per}'s outputs cover every level)` : ''}`,
    `  for each ${per} (${targets.length}): ${groupByStem(perTarget.map((j) => j.path.replace(`/${j.target}/`, `/<${per}>/`))).join('; ')}`,
  ];
  if (once.length > 0) lines.push(`  once: ${groupByStem(once.map((j) => j.path)).join('; ')}`);
  lines.push(`  ${jobs.length} outputs`);
  return lines.join('\n');
}

/** "packs/<grade>/x.html, .pdf": paths that differ only in their extension, on one entry. */
function groupByStem(paths: string[]): string[] {
  const byStem = new Map<string, string[]>();
  for (const path of paths) {
    const slash = path.lastIndexOf('/');
    const dot = path.indexOf('.', slash);
    const stem = dot < 0 ? path : path.slice(0, dot);
    const ext = dot < 0 ? '' : path.slice(dot);
    const exts = byStem.get(stem) ?? [];
    if (!exts.includes(ext)) exts.push(ext);
    byStem.set(stem, exts);
  }
  return [...byStem].map(([stem, exts]) => `${stem}${exts.join(', ')}`);
}
