import { basename, dirname, extname, resolve } from 'node:path';
import { GradepackError } from '../model/errors';
import { packTargets, targetNamed } from '../model/pack-view';
import type { Framework } from '../model/schema';
import type { Campaign, ChosenBehaviour, Vacancy } from './campaign';
import { closest } from '../model/closest';
import type { RawCampaign, RawVacancy } from './read-campaign';

/** The framework each vacancy uses, with the line that names it. */
export function campaignFrameworks(raw: RawCampaign): { id: string; line: number }[] {
  return raw.vacancies.map((v) => (v.framework ? { id: v.framework, line: v.lines.framework! } : { id: raw.framework!, line: raw.frameworkLine! }));
}

/** Every framework the campaign names must be registered. */
export function checkFrameworkIds(raw: RawCampaign, known: string[]): string[] {
  const ids: string[] = [];
  for (const { id, line } of campaignFrameworks(raw)) {
    if (!known.includes(id)) {
      const near = closest(id, known);
      throw new GradepackError(
        'UnknownFramework',
        `"${id}" is not a framework gradepack has${near ? `; did you mean "${near}"?` : '.'}`,
        { file: raw.file, line },
        `Frameworks: ${known.join(', ')}.`,
      );
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

export interface CampaignDefaults {
  /** Word limit per statement when a vacancy gives none (gradepack.config.json's wordsPerExample). */
  words: number;
}

/**
 * The campaign with every grade and behaviour checked against its framework. Candidates are read
 * afterwards, from `candidatesFile` (absolute, resolved against the campaign file's folder).
 */
export function resolveCampaign(raw: RawCampaign, frameworks: Framework[], defaults: CampaignDefaults): Campaign {
  const byId = new Map(frameworks.map((f) => [f.id, f]));
  const frameworkOf = campaignFrameworks(raw);
  const name = basename(raw.file, extname(raw.file));
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(name)) {
    throw new GradepackError(
      'CampaignInvalid',
      `The campaign's outputs go into a folder named after the file, and "${name}" cannot be one.`,
      { file: raw.file },
      'Name the file with letters, digits, spaces, dots, - and _, starting with a letter or digit, e.g. spring-2027.yaml.',
    );
  }
  return {
    name,
    title: raw.title,
    file: raw.file,
    vacancies: raw.vacancies.map((v, i) => resolveVacancy(raw.file, v, byId.get(frameworkOf[i]!.id)!, defaults)),
  };
}

function resolveVacancy(file: string, v: RawVacancy, framework: Framework, defaults: CampaignDefaults): Vacancy {
  // A grade by its id, its label or any of the ladder's names for it ("HEO", "Grade 7", "SCS 1").
  const target = targetNamed(framework, v.grade);
  if (!target) {
    const keys = packTargets(framework).map((t) => t.key);
    const near = closest(v.grade, keys);
    throw new GradepackError(
      'UnknownGrade',
      `${framework.id} has no grade or level "${v.grade}"${near ? `; did you mean "${near}"?` : '.'}`,
      { file, line: v.lines.grade },
      `It has: ${keys.join(', ')}.`,
    );
  }
  const chosen: ChosenBehaviour[] = [];
  v.behaviours.forEach((b, index) => {
    const wanted = b.name.toLowerCase();
    const competency = framework.competencies.find((c) => c.id === wanted || c.title.toLowerCase() === wanted);
    if (!competency) {
      const near = closest(
        b.name,
        framework.competencies.map((c) => c.title),
      );
      throw new GradepackError(
        'UnknownBehaviour',
        `${framework.title} has no behaviour "${b.name}"${near ? `; did you mean "${near}"?` : '.'}`,
        { file, line: b.line },
        `Name a behaviour by its title (in any case) or its id: ${framework.competencies.map((c) => c.title).join('; ')}.`,
      );
    }
    const twice = chosen.find((c) => c.id === competency.id);
    if (twice) {
      throw new GradepackError(
        'CampaignInvalid',
        `Vacancy ${v.reference} names ${competency.title} twice (first on line ${twice.line}).`,
        { file, line: b.line },
        'Name each behaviour once; to assess it at both stages, give it without `assessed` (or with `assessed: [application, interview]`).',
      );
    }
    chosen.push({ id: competency.id, title: competency.title, lead: index === 0, stages: b.stages, line: b.line });
  });
  return {
    reference: v.reference,
    title: v.title,
    framework: framework.id,
    grade: target.key,
    behaviours: chosen,
    words: v.words ?? defaults.words,
    candidatesFile: v.candidates ? resolve(dirname(file), v.candidates) : null,
    candidates: [],
    line: v.line,
  };
}
