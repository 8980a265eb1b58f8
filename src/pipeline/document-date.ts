import { GradepackError } from '../model/errors';
import type { DocumentDate } from '../model/document-date';
import type { Framework } from '../model/schema';

/**
 * The date written into generated documents: SOURCE_DATE_EPOCH when set, so that builds are
 * reproducible across machines; else the source's own publication date, at its precision; else
 * the day the source was captured (sources/registry.json requires one of the two). Never the clock.
 */
export function documentDate(framework: Pick<Framework, 'id' | 'date' | 'captured'>, env: NodeJS.ProcessEnv = process.env): DocumentDate {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    const instant = epochDate(epoch);
    return { instant, iso: instant.toISOString().slice(0, 10), basis: 'build' };
  }
  if (framework.date) return { instant: startOf(framework.date), iso: framework.date, basis: 'published' };
  if (framework.captured) return { instant: startOf(framework.captured), iso: framework.captured, basis: 'captured' };
  throw new GradepackError(
    'RegistryInvalid',
    `${framework.id} has neither a publication date nor a capture date, and documents never print an invented one.`,
    { file: 'sources/registry.json' },
    'Give the framework its "date" or, for an undated source, the day it was "captured" (YYYY-MM-DD); or set SOURCE_DATE_EPOCH.',
  );
}

/** The first instant of "2024-10-14", "2014-04" or "2014", in UTC. */
function startOf(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

/** SOURCE_DATE_EPOCH: whole seconds since 1970, up to the end of year 9999 (what PDF and Word dates can hold). */
function epochDate(epoch: string): Date {
  const date = /^\d{1,12}$/.test(epoch) ? new Date(Number(epoch) * 1000) : null;
  if (!date || Number.isNaN(date.getTime()) || date.getUTCFullYear() > 9999) {
    throw new GradepackError(
      'EnvironmentInvalid',
      `SOURCE_DATE_EPOCH is "${epoch}", which is not a date gradepack can write.`,
      {},
      'Give whole seconds since 1 January 1970 (as `git log -1 --format=%ct` prints), up to the year 9999; or unset it.',
    );
  }
  return date;
}
