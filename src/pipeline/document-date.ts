/**
 * The date written into generated documents (PDF and docx metadata, covers): SOURCE_DATE_EPOCH
 * when set, so that builds are reproducible across machines, else the source's own publication
 * date, else the Unix epoch. Never the clock.
 */
export function documentDate(sourceDate: string | null, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  if (sourceDate) {
    const [y, m, d] = sourceDate.split('-').map(Number);
    return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
  }
  return new Date(0);
}
