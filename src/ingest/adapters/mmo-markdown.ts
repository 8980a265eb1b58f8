import { pending } from './pending';

export const mmoMarkdown = pending('mmo-markdown');
