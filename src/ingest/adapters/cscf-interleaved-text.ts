import { pending } from './pending';

export const cscfInterleavedText = pending('cscf-interleaved-text');
