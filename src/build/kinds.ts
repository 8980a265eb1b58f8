import type { OutputKind } from './plan';

/** Every kind of output a build produces. */
export const outputKinds: OutputKind[] = [];
