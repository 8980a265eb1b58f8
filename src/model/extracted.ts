import type { GradeId, Intro, Polarity, SourceRef } from './schema';

/** What an adapter reads from a source, before ids, errata and the schema: also the shape of a second capture. */
export interface ExtractedIndicator {
  /** Set when the source itself gives the id (a spreadsheet's or CASE package's id column). */
  id?: string;
  text: string;
  polarity: Polarity;
  grade: GradeId | null;
  source: SourceRef;
}

export interface ExtractedLevel {
  level: string;
  note: string | null;
  intro: Intro | null;
  indicators: ExtractedIndicator[];
}

export interface ExtractedCompetency {
  /** Set when the source itself gives the id; else the slug of the title. */
  id?: string;
  title: string;
  cluster: string | null;
  description: string | null;
  source: SourceRef | null;
  levels: ExtractedLevel[];
}
