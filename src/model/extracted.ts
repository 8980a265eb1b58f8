import type { GradeId, Intro, Polarity, SourceRef } from './schema';

/** What an adapter reads from a source, before ids, errata and the schema: also the shape of a second capture. */
export interface ExtractedIndicator {
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
  title: string;
  cluster: string | null;
  description: string | null;
  source: SourceRef | null;
  levels: ExtractedLevel[];
}
