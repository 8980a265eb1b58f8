import type { PackTarget } from '../../model/pack-view';

/**
 * Where SPEC.md puts each document, relative to output/: packs at packs/<grade>/<framework>.<ext>
 * (for ODP core skills, <grade> is the proficiency level), references at reference/<framework>.<ext>.
 */
export function packOutputPath(target: Pick<PackTarget, 'framework' | 'key'>, ext: 'pdf' | 'html'): string {
  return `packs/${target.key}/${target.framework}.${ext}`;
}

export function referenceOutputPath(frameworkId: string, ext: 'pdf' | 'html'): string {
  return `reference/${frameworkId}.${ext}`;
}
