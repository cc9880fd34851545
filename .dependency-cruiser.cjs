// The layers of src/, each importing only from the layers below it (docs/architecture.md):
//   cli -> calibrate, backtest -> sweep -> report -> simulation, explain -> scenario -> models -> engine
// src/quantities (Kubernetes quantities and durations) is a leaf any layer above engine may use.
// Type-only imports count (tsPreCompilationDeps): a type from a higher layer is still an upward edge.
// A layer may be a group of sibling folders (a regular-expression alternation).
const layers = ['cli', '(calibrate|backtest)', 'sweep', 'report', '(simulation|explain)', 'scenario', 'models', 'engine'];

const upward = layers.slice(1).map((layer, i) => ({
  name: `no-upward-from-${layer}`,
  comment: `src/${layer} may import only from the layers below it: ${layers.slice(i + 2).join(', ') || 'none'} (and src/quantities)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${layers.slice(0, i + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...upward,
    {
      name: 'simulation-and-explain-apart',
      comment: 'explain bounds a change from the configuration alone: it and the simulation share only the layers below',
      severity: 'error',
      from: { path: '^src/(simulation|explain)/' },
      to: { path: '^src/(simulation|explain)/', pathNot: '^src/$1/' },
    },
    {
      name: 'engine-is-self-contained',
      comment: 'src/engine knows no Kubernetes: it imports nothing else from src/',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { path: '^src/', pathNot: '^src/engine/' },
    },
    {
      name: 'quantities-is-a-leaf',
      comment: 'src/quantities (quantities, durations) imports nothing else from src/',
      severity: 'error',
      from: { path: '^src/quantities/' },
      to: { path: '^src/', pathNot: '^src/quantities/' },
    },
    {
      name: 'no-cycles',
      comment: 'no module may reach itself through its runtime imports (cycles of type-only imports vanish at compile time)',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'src-not-to-tests-or-bench',
      comment: 'the shipped code never imports tests or benchmarks',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'src-not-to-dev-deps',
      comment: 'the installed CLI has only the runtime dependencies: src/ must not import a devDependency',
      severity: 'error',
      from: { path: '^src/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves',
      severity: 'error',
      from: { path: '^src/' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
