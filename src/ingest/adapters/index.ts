import { GradepackError } from '../../model/errors';
import type { Adapter } from '../types';
import { ADAPTER_NAMES, type AdapterName } from './names';

/** Adapter name (as in sources/registry.json) to module; loaded on demand, so pdf.js loads only when a PDF is read. */
const ADAPTERS: Record<AdapterName, () => Promise<Adapter>> = {
  'govuk-behaviours-page': async () => (await import('./govuk-behaviours-page')).govukBehavioursPage,
  'behaviours-pdf-2018': async () => (await import('./behaviours-pdf-2018')).behavioursPdf2018,
  'cscf-interleaved-text': async () => (await import('./cscf-interleaved-text')).cscfInterleavedText,
  'mmo-markdown': async () => (await import('./mmo-markdown')).mmoMarkdown,
  'odp-core-skills': async () => (await import('./odp')).odpCoreSkills,
  'odp-scs-capabilities': async () => (await import('./odp')).odpScsCapabilities,
  spreadsheet: async () => (await import('./spreadsheet')).spreadsheet,
  'case-json': async () => (await import('./case-json')).caseJson,
};

/** The registry's schema refuses other names; this is for entries made in code. */
export async function adapterFor(name: string): Promise<Adapter> {
  // Own names only: "constructor" or "__proto__" are names every object has.
  const load = Object.hasOwn(ADAPTERS, name) ? ADAPTERS[name as AdapterName] : undefined;
  if (!load) {
    throw new GradepackError('RegistryInvalid', `Unknown adapter "${name}".`, { file: 'sources/registry.json' }, `Adapters: ${ADAPTER_NAMES.join(', ')}.`);
  }
  return load();
}
