import type { Diagnostic } from '../model/diagnostic';
import type { AcceptEntry, ErrataFile } from '../model/errata';

/** Marks the findings an accept entry covers; returns new diagnostics. */
export function applyAcceptances(diagnostics: Diagnostic[], errata: ErrataFile[]): Diagnostic[] {
  const accepts = errata.flatMap((e) =>
    e.entries.filter((x): x is AcceptEntry => x.action === 'accept').map((entry) => ({ entry, file: `sources/${e.source}` })),
  );
  return diagnostics.map((d) => {
    const hit = accepts.find(
      ({ entry, file }) =>
        entry.code === d.code &&
        file === d.file &&
        (entry.line === undefined || entry.line === d.line) &&
        (entry.page === undefined || entry.page === d.page) &&
        (entry.competency === undefined || entry.competency === d.competency) &&
        (entry.level === undefined || entry.level === d.level),
    );
    return hit ? { ...d, accepted: hit.entry.reason } : d;
  });
}
