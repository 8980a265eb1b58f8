import { GradepackError } from '../model/errors';

/**
 * The date written into generated documents (PDF and docx metadata, covers): SOURCE_DATE_EPOCH
 * when set, so that builds are reproducible across machines, else the source's own publication
 * date, else the Unix epoch. Never the clock.
 */
export function documentDate(sourceDate: string | null, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') return epochDate(epoch);
  if (sourceDate) {
    const [y, m, d] = sourceDate.split('-').map(Number);
    return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  }
  return new Date(0);
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
