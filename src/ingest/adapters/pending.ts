import { GradepackError } from '../../model/errors';
import type { Adapter } from '../types';

/** Placeholder for an adapter still being written: fails loudly rather than producing an empty model. */
export const pending = (name: string): Adapter => ({ sources }) => {
  throw new GradepackError('SourceUnrecognised', `The ${name} adapter is not available yet.`, { file: `sources/${sources[0]!.file}` });
};
