import type { Validator } from './build';

/** Placeholder until the validation rules land: no findings beyond ingest's own. */
export const validateAll: Validator = (results) => results.flatMap((r) => r.diagnostics);
