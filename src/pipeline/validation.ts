import { CONFIG_FILE, type Config } from '../config/config';
import type { Diagnostic } from '../model/diagnostic';
import { validate } from '../validate/validate';
import { codeFingerprint } from './code-fingerprint';
import { hashJson } from './fingerprint';
import type { CachedIngest } from './ingest-cache';
import { memo } from './memo-cache';
import type { ProjectPaths } from './paths';

/**
 * The project's validation, as `validate` and `build` both run it, kept in .cache/gradepack with
 * the keys of the ingest results it read, the configuration and the validation code: a build
 * whose sources did not change does not run the rules again.
 */
export async function validateProject(paths: ProjectPaths, ingested: CachedIngest[], config: Config, complete: boolean): Promise<Diagnostic[]> {
  const key = hashJson({ ingested: ingested.map((i) => i.key), rules: config.rules, complete, code: await codeFingerprint('validate') });
  const name = complete ? 'all' : ingested.map((i) => i.result.framework.id).join('+');
  return memo(paths, 'validation', name, key, () => validate({ results: ingested.map((i) => i.result) }, config, { complete, configFile: CONFIG_FILE }));
}
