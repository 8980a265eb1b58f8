/**
 * The layer rules of src/ (README, "Layout"): data flows one way,
 *   model, config  <-  ingest, validate, render, campaign  <-  pipeline  <-  cli
 * so a stage never reaches into a sibling or into what runs it. Checked in `npm test`.
 * campaign reads recruitment campaign files (YAML and candidates CSV) into a checked campaign: a
 * kind of input of its own, beside the sources that ingest reads; it needs only the model (to match
 * behaviours and grades) and the configuration (defaults).
 */
const layers = {
  model: ['model'],
  config: ['model', 'config'],
  ingest: ['model', 'config', 'ingest'],
  validate: ['model', 'config', 'validate'],
  render: ['model', 'config', 'render'],
  campaign: ['model', 'config', 'campaign'],
  pipeline: ['model', 'config', 'ingest', 'validate', 'render', 'campaign', 'pipeline'],
};

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Modules must not import each other in a cycle.', from: {}, to: { circular: true } },
    ...Object.entries(layers).map(([layer, allowed]) => ({
      name: `layer-${layer}`,
      severity: 'error',
      comment: `src/${layer} may import only from src/{${allowed.join(',')}}.`,
      from: { path: `^src/${layer}/` },
      to: { path: '^src/', pathNot: `^src/(${allowed.join('|')})/` },
    })),
    {
      name: 'no-src-to-test',
      severity: 'error',
      comment: 'Product code never imports tests, benchmarks or scripts.',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'known-folders',
      severity: 'error',
      comment: 'Every module of src/ sits in one of the layers (a new folder needs a rule here).',
      from: { path: '^src/', pathNot: '^src/(model|config|ingest|validate|render|campaign|pipeline|cli)/' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
