import type { ExtractionKind } from '../../../model/findings';

/** An extraction-health finding at a source line, before it becomes a Diagnostic. */
export interface Finding {
  kind: ExtractionKind;
  line: number | null;
  severity: 'error' | 'warning';
  message: string;
  /** Competency id (slug), where the finding belongs to one. */
  competency?: string;
}
