/** The adapters sources/registry.json can name, one per source layout (index.ts loads each on demand). */
export const ADAPTER_NAMES = [
  'govuk-behaviours-page',
  'behaviours-pdf-2018',
  'cscf-interleaved-text',
  'mmo-markdown',
  'odp-core-skills',
  'odp-scs-capabilities',
  'spreadsheet',
  'case-json',
] as const;

export type AdapterName = (typeof ADAPTER_NAMES)[number];
