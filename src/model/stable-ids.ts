import { indicatorGroups, matchIndicators } from './diff';
import type { Competency, Framework, Indicator, Polarity, RetiredId } from './schema';

/**
 * The place an indicator id names, up to its number: competency, level, grade where the level is
 * written per grade, and polarity: `seeing-the-big-picture.2.e`, `power-of-connections.working.scs1.n`.
 */
export function idPlace(competency: string, level: string, grade: string | null, polarity: Polarity): string {
  return `${competency}.${level}.${grade ? `${grade}.` : ''}${polarity[0]}`;
}

export interface StableIdOptions {
  /** New competency id (the slug of its new title) to the id it keeps: an explicit rename, from the registry. */
  renames?: Record<string, string>;
  /** Ids the source itself gives (a spreadsheet's or CASE package's id column): kept as they are. */
  pinned?: ReadonlySet<string>;
}

/**
 * Ids for life. `fresh` is a model as ingest made it, numbered by position; `previous` is the
 * model committed before (null the first time). Competencies are paired by id, then by an explicit
 * rename, then by content (most of their indicators pair); within a paired competency, indicators
 * are paired as the change report pairs them, group by group (level, grade, polarity), by text
 * alone. A paired indicator keeps its old id however it was reworded or wherever it moved in its
 * list; a new one gets the next number never used at its place (counting retired ids); every id
 * that disappears is added to `retired`, which only grows. Pure.
 */
export function assignStableIds(previous: Framework | null, fresh: Framework, options: StableIdOptions = {}): Framework {
  if (!previous) return { ...fresh, retired: fresh.retired ?? [] };
  const pinned = options.pinned ?? new Set<string>();
  const pairs = pairCompetencies(previous.competencies, fresh.competencies, options.renames ?? {});

  const used = new Set<string>([...previous.retired.map((r) => r.id), ...allIds(previous), ...pinned]);
  const finalIds = new Set<string>();
  const competencyIds = new Map<Competency, string>();
  for (const c of fresh.competencies) {
    const old = pairs.get(c);
    if (old) competencyIds.set(c, old.id);
  }
  const taken = new Set(competencyIds.values());
  for (const c of fresh.competencies) {
    if (competencyIds.has(c)) continue;
    // A new competency's id is its slug; a competency that comes back under a retired title gets its id back.
    let id = c.id;
    for (let n = 2; taken.has(id); n++) id = `${c.id}-${n}`;
    competencyIds.set(c, id);
    taken.add(id);
  }

  const competencies = fresh.competencies.map((c): Competency => {
    const id = competencyIds.get(c)!;
    const old = pairs.get(c);
    const assigned = new Map<Indicator, string>();
    if (old) {
      const oldGroups = indicatorGroups(old);
      for (const [key, group] of indicatorGroups(c)) {
        const free = group.indicators.filter((i) => !pinned.has(i.id));
        const candidates = (oldGroups.get(key)?.indicators ?? []).filter((i) => !pinned.has(i.id));
        for (const { o, n } of matchIndicators(candidates, free, { byId: false }).pairs) assigned.set(free[n]!, candidates[o]!.id);
      }
    }
    const levels = c.levels.map((level) => ({
      ...level,
      indicators: level.indicators.map((indicator): Indicator => {
        const kept = pinned.has(indicator.id) ? indicator.id : assigned.get(indicator);
        const newId = kept ?? nextId(idPlace(id, level.level, indicator.grade, indicator.polarity), used);
        used.add(newId);
        finalIds.add(newId);
        return { ...indicator, id: newId };
      }),
    }));
    finalIds.add(id);
    return { ...c, id, levels };
  });

  const retired: RetiredId[] = previous.retired.filter((r) => !finalIds.has(r.id));
  const retiredIds = new Set(retired.map((r) => r.id));
  const retire = (id: string, text: string) => {
    if (finalIds.has(id) || retiredIds.has(id)) return;
    retired.push({ id, text });
    retiredIds.add(id);
  };
  for (const c of previous.competencies) {
    retire(c.id, c.title);
    for (const level of c.levels) for (const i of level.indicators) retire(i.id, i.text);
  }
  return { ...fresh, competencies, retired };
}

function allIds(framework: Framework): string[] {
  return framework.competencies.flatMap((c) => [c.id, ...c.levels.flatMap((l) => l.indicators.map((i) => i.id))]);
}

/** The next `<place><n>` above every number used at that place. */
function nextId(place: string, used: ReadonlySet<string>): string {
  let max = 0;
  for (const id of used) {
    if (!id.startsWith(place)) continue;
    const rest = id.slice(place.length);
    if (/^\d+$/.test(rest)) max = Math.max(max, Number(rest));
  }
  return `${place}${max + 1}`;
}

/** Fresh competency to the previous competency it continues. */
function pairCompetencies(before: Competency[], after: Competency[], renames: Record<string, string>): Map<Competency, Competency> {
  const pairs = new Map<Competency, Competency>();
  const unpairedOld = new Set(before);
  const take = (n: Competency, o: Competency) => {
    pairs.set(n, o);
    unpairedOld.delete(o);
  };
  for (const c of after) {
    const old = before.find((o) => o.id === c.id);
    if (old) take(c, old);
  }
  for (const c of after) {
    if (pairs.has(c) || !renames[c.id]) continue;
    const old = [...unpairedOld].find((o) => o.id === renames[c.id]);
    if (old) take(c, old);
  }
  // A renamed competency whose indicators mostly carry over (say, a title corrected by errata).
  const candidates = after
    .filter((c) => !pairs.has(c))
    .flatMap((c) => [...unpairedOld].map((o) => ({ c, o, shared: sharedIndicators(o, c) })))
    .filter(({ c, o, shared }) => shared * 2 > Math.min(count(c), count(o)))
    .sort((a, b) => b.shared - a.shared || after.indexOf(a.c) - after.indexOf(b.c) || before.indexOf(a.o) - before.indexOf(b.o));
  for (const { c, o } of candidates) if (!pairs.has(c) && unpairedOld.has(o)) take(c, o);
  return pairs;
}

const count = (c: Competency) => c.levels.reduce((n, l) => n + l.indicators.length, 0);

function sharedIndicators(before: Competency, after: Competency): number {
  const oldGroups = indicatorGroups(before);
  let shared = 0;
  for (const [key, group] of indicatorGroups(after)) {
    shared += matchIndicators(oldGroups.get(key)?.indicators ?? [], group.indicators, { byId: false }).pairs.length;
  }
  return shared;
}
