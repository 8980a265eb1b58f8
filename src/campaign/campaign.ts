/**
 * A recruitment campaign as gradepack builds it: the campaign file (YAML) read, checked against the
 * frameworks, with each vacancy's chosen behaviours resolved to competencies and its candidates read
 * from their CSV. Every part remembers the line it came from, so that a later problem (a name no font
 * can print) can still name its file and line.
 */

import type { Stage } from '../model/vacancy-view';

export { STAGES, type Stage } from '../model/vacancy-view';

/** The most behaviours a Civil Service Jobs vacancy can pick. */
export const MAX_BEHAVIOURS = 8;

/** A vacancy reference and a candidate number become folder names: letters, digits, - and _ only. */
export const FOLDER_NAME = /^[A-Za-z0-9_-]+$/;

export interface ChosenBehaviour {
  /** The competency's id in its framework. */
  id: string;
  title: string;
  /** The first behaviour of the advert: large fields are often sifted on it alone, and it breaks ties. */
  lead: boolean;
  stages: Stage[];
  line: number;
}

export interface Candidate {
  /** The candidate number, as written in the CSV: also the folder of the candidate's forms. */
  number: string;
  /** Personal data: never logged, never in a manifest. Null for an anonymous candidate. */
  name: string | null;
  line: number;
}

export interface Vacancy {
  reference: string;
  title: string;
  framework: string;
  /** A grade id (`heo`) or, for a framework without grades, a proficiency level id. */
  grade: string;
  behaviours: ChosenBehaviour[];
  /** Word limit per application statement. */
  words: number;
  /** The candidates CSV (absolute path), or null when the vacancy names none. */
  candidatesFile: string | null;
  candidates: Candidate[];
  line: number;
}

export interface Campaign {
  /** The file's name without its extension: the folder under output/campaigns/. */
  name: string;
  /** The campaign's title, printed on every document. */
  title: string;
  file: string;
  vacancies: Vacancy[];
}
