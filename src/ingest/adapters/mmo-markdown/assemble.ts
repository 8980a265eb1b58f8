import { POLARITIES, type Fragment, type Polarity, type SectionEvent, type SectionStream } from './events';
import { quote, type Finding } from './findings';
import { sameWordShapes, similarity, words } from './garble';
import { joinFragments } from './wording';

/*
 * Joins a section's fragments into indicators, column by column: a fragment that starts a new
 * indicator closes the one above; the others continue it, across page breaks. Level labels and
 * unreadable pages close both columns. Text the conversion doubled or mangled is left out, each
 * time with a finding that says what and where.
 */

/** An indicator being assembled: its fragments, in order, and the level it started under. */
export interface Draft {
  polarity: Polarity;
  level: string | null;
  fragments: Fragment[];
  /** Set when the indicator ran into an unreadable page: its end may be lost. */
  cutOffBy: { line: number; endLine: number } | null;
}

export interface AssembledSection {
  drafts: Draft[];
  labels: { level: string; line: number }[];
  findings: Finding[];
  /** Lines where text was read twice: the conversion overlaid a second reading of the page there. */
  doubledLines: number[];
}

const other = (p: Polarity): Polarity => (p === 'effective' ? 'ineffective' : 'effective');
export const draftText = (d: Draft) => joinFragments(d.fragments.map((f) => f.text));

/** A ghost copy this close to its neighbour is the same text read twice. */
const GHOST_SIMILARITY = 0.7;
const REPEAT_SIMILARITY = 0.85;
/** How far from doubled text a second reading can stray. */
const OVERLAY_REACH = 3;

/**
 * Where the page was read twice, a second reading can also come out garbled beyond recognition
 * ("camoionaly carry" under "sufficiently early"): OCR misreads letters but keeps word breaks, so
 * a fragment there with the word shapes of the line above it is taken as that line read again.
 * (Elsewhere two lines of like shape are just two lines.) So the section is read once to find the
 * doubled lines, then again.
 */
export function assembleSection(stream: SectionStream): AssembledSection {
  const first = assemble(stream, () => false);
  const overlaid = new Set(first.doubledLines.flatMap((line) => Array.from({ length: 2 * OVERLAY_REACH + 1 }, (_, k) => line - OVERLAY_REACH + k)));
  if (!overlaid.size) return first;
  return assemble(stream, (fragment, previous) => overlaid.has(fragment.line) && sameWordShapes(fragment.text, previous.text));
}

/** `rereads` tells whether a fragment is a second reading of the fragment before it in its column. */
function assemble(stream: SectionStream, rereads: (fragment: Fragment, previous: Fragment) => boolean): AssembledSection {
  const { events } = stream;
  const drafts: Draft[] = [];
  const labels: { level: string; line: number }[] = [];
  const findings: Finding[] = [];
  const doubledLines: number[] = [];
  const open: Record<Polarity, Draft | null> = { effective: null, ineffective: null };
  let level: string | null = null;

  const close = (p: Polarity) => {
    if (open[p]) drafts.push(open[p]!);
    open[p] = null;
  };

  events.forEach((event, index) => {
    if (event.kind === 'label') {
      POLARITIES.forEach(close);
      const previous = level;
      level = event.label.level;
      labels.push({ level, line: event.line });
      if (event.label.problem) {
        findings.push({
          kind: 'misread-label',
          severity: 'warning',
          line: event.line,
          level,
          message: `level label ${quote(event.label.text)} read as level ${level}: ${event.label.problem}`,
        });
      }
      const expected = previous === null ? '6' : String(Number(previous) - 1);
      if (level !== expected) {
        findings.push({
          kind: 'misread-label',
          severity: 'warning',
          line: event.line,
          level,
          message: `level ${level} follows ${previous === null ? 'the start of the competency' : `level ${previous}`}; level ${expected} was expected`,
        });
      }
      return;
    }
    if (event.kind === 'gap') {
      findings.push({
        kind: 'unreadable-region',
        severity: 'error',
        line: event.line,
        level,
        message: `lines ${event.line}-${event.endLine} are cut off or garbled (a table whose header reads ${quote(event.header, 60)}); no text is read from them, and the indicators there are lost`,
      });
      for (const p of POLARITIES) {
        if (open[p]) open[p]!.cutOffBy = { line: event.line, endLine: event.endLine };
        close(p);
      }
      return;
    }
    for (const p of POLARITIES) {
      event.fragments[p].forEach((fragment, k) => {
        const where = { line: fragment.line, level };
        if (fragment.startsNew) {
          if (k === 0 && continuesInOtherColumn(event, p, open)) {
            const finding = misplacedStart(fragment, nextFragment(events, index, p), p, level);
            if (finding.severity === 'warning') doubledLines.push(fragment.line);
            findings.push(finding);
            return;
          }
          close(p);
          open[p] = { polarity: p, level, fragments: [fragment], cutOffBy: null };
          return;
        }
        const current = open[p];
        if (!current) {
          findings.push({
            ...where,
            kind: 'truncated',
            severity: 'error',
            message: `${p} text ${quote(fragment.text)} continues an indicator whose start is lost; left out`,
          });
          return;
        }
        if (repeatsEnd(draftText(current), fragment.text)) {
          doubledLines.push(fragment.line);
          findings.push({
            ...where,
            kind: 'read-twice',
            severity: 'warning',
            message: `${p} text ${quote(fragment.text)} repeats the end of the indicator at line ${current.fragments[0]!.line} (text read twice); left out`,
          });
          return;
        }
        const previous = current.fragments.at(-1)!;
        if (rereads(fragment, previous)) {
          findings.push({
            ...where,
            kind: 'garbled',
            severity: 'error',
            message: `garbled ${p} text ${quote(fragment.text)} left out: next to text read twice, it has the word shapes of line ${previous.line} (${quote(previous.text)}) and is taken for a garbled second reading of it`,
          });
          return;
        }
        current.fragments.push(fragment);
      });
    }
  });
  POLARITIES.forEach(close);
  return { drafts, labels, findings, doubledLines };
}

/**
 * In the PDF an effective indicator and its ineffective counterpart start on the same row, so a
 * fragment that starts an indicator while the other column continues one is out of place: a
 * second reading of nearby text.
 */
function continuesInOtherColumn(event: Extract<SectionEvent, { kind: 'row' }>, p: Polarity, open: Record<Polarity, Draft | null>): boolean {
  const first = event.fragments[other(p)][0];
  return first !== undefined && !first.startsNew && open[other(p)] !== null;
}

function nextFragment(events: SectionEvent[], index: number, p: Polarity): Fragment | null {
  for (let i = index + 1; i < events.length; i++) {
    const event = events[i]!;
    if (event.kind !== 'row') return null;
    const first = event.fragments[p][0];
    if (first) return first;
  }
  return null;
}

function misplacedStart(fragment: Fragment, next: Fragment | null, p: Polarity, level: string | null): Finding {
  const where = { line: fragment.line, level };
  if (next?.text.startsWith(fragment.text)) {
    return {
      ...where,
      kind: 'read-twice',
      severity: 'warning',
      message: `${p} text ${quote(fragment.text)} repeats the start of line ${next.line} (text read twice); left out`,
    };
  }
  if (next && similarity(fragment.text, next.text.slice(0, fragment.text.length)) >= GHOST_SIMILARITY) {
    return {
      ...where,
      kind: 'read-twice',
      severity: 'warning',
      message: `${p} text ${quote(fragment.text)} is a garbled second reading of the start of line ${next.line} (${quote(next.text.slice(0, fragment.text.length))}); left out`,
    };
  }
  return {
    ...where,
    kind: 'garbled',
    severity: 'error',
    message: `garbled ${p} text ${quote(fragment.text)} left out: it starts an indicator on a row where the other column continues one, and matches no neighbouring text`,
  };
}

/** A fragment of three or more words that (nearly) equals the end of the indicator it would continue. */
function repeatsEnd(text: string, fragment: string): boolean {
  const repeated = words(fragment);
  if (repeated.length < 3 || text.length < fragment.length || words(text).at(-1) !== repeated.at(-1)) return false;
  return similarity(text.slice(-fragment.length), fragment) >= REPEAT_SIMILARITY;
}
