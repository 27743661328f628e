/**
 * Layer and module boundaries (docs/architecture.md):
 * - dependencies point inwards: adapters -> application -> domain;
 * - a module (identity, catalog, ...) never reaches into another module's folders; `shared` is the
 *   shared kernel every module may use.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain imports nothing outside src/domain (no framework, no driver, no node: modules).',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'application-uses-only-domain',
      comment: 'Use cases see only the domain, their own ports and zod (for event schemas).',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { pathNot: ['^src/(domain|application)/', '^node_modules/zod/'] },
    },
    {
      name: 'inner-layers-never-import-adapters',
      severity: 'error',
      from: { path: '^src/(domain|application)/' },
      to: { path: '^src/(adapters|composition)/|^src/(container|main|config)\\.ts$' },
    },
    {
      name: 'modules-stay-in-their-lane',
      comment: 'A module of domain or application uses only its own folders and shared/.',
      severity: 'error',
      from: { path: '^src/(domain|application)/([^/]+)/' },
      to: { path: '^src/(domain|application)/([^/]+)/', pathNot: ['^src/(domain|application)/$2/', '^src/(domain|application)/shared/'] },
    },
    {
      name: 'module-adapters-stay-in-their-lane',
      comment: 'An adapter of module X (src/adapters/<tech>/X/) reaches only X and shared in the inner layers.',
      severity: 'error',
      from: { path: '^src/adapters/[^/]+/([^/]+)/' },
      to: { path: '^src/(domain|application)/([^/]+)/', pathNot: ['^src/(domain|application)/$1/', '^src/(domain|application)/shared/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
