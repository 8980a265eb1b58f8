/**
 * The layer rules of src/ (README, "Layout"): data flows one way,
 *   model, config  <-  ingest, validate, render  <-  pipeline  <-  cli
 * so a stage never reaches into a sibling or into what runs it. Checked in `npm test`.
 */
const layers = {
  model: ['model'],
  config: ['model', 'config'],
  ingest: ['model', 'config', 'ingest'],
  validate: ['model', 'config', 'validate'],
  render: ['model', 'config', 'render'],
  pipeline: ['model', 'config', 'ingest', 'validate', 'render', 'pipeline'],
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
      from: { path: '^src/', pathNot: '^src/(model|config|ingest|validate|render|pipeline|cli)/' },
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
