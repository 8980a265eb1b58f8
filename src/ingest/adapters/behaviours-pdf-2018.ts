import { pending } from './pending';

export const behavioursPdf2018 = pending('behaviours-pdf-2018');
