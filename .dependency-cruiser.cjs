/**
 * Layer and module boundaries (docs/architecture.md):
 * - dependencies point inwards: adapters -> application -> domain;
 * - a module (identity, catalog, ...) never reaches into another module's folders; `shared` is the
 *   shared kernel every module may use;
 * - two modules meet only in a bridge (src/adapters/in-process/), through the serving module's
 *   public API (src/application/<module>/public.ts).
 * test/architecture/dependency-rules.test.ts plants each forbidden import to prove its rule fires.
 */
const { readdirSync } = process.getBuiltinModule('node:fs');

/** The modules: the folders of src/application but shared (read from the working directory, the project root). */
const modules = readdirSync('src/application', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'shared')
  .map((entry) => entry.name)
  .join('|');
/** A bridge's file name: `<serving module>-<consumer module>-<what it serves>.ts`. */
const bridge = `^src/adapters/in-process/(${modules})-(${modules})-[^/]+\\.ts$`;
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
      to: { path: '^src/(adapters|composition)/|^src/(container|main|serve|config)\\.ts$' },
    },
    {
      name: 'modules-stay-in-their-lane',
      comment: 'A module of domain or application uses only its own folders and shared/.',
      severity: 'error',
      from: { path: '^src/(domain|application)/([^/]+)/' },
      to: {
        path: '^src/(domain|application)/([^/]+)/',
        pathNot: ['^src/(domain|application)/$2/', '^src/(domain|application)/shared/'],
      },
    },
    {
      name: 'module-adapters-stay-in-their-lane',
      comment: 'An adapter of module X (src/adapters/<tech>/X/) reaches only X and shared in the inner layers.',
      severity: 'error',
      from: { path: '^src/adapters/[^/]+/([^/]+)/' },
      to: {
        path: '^src/(domain|application)/([^/]+)/',
        pathNot: ['^src/(domain|application)/$1/', '^src/(domain|application)/shared/'],
      },
    },
    {
      name: 'module-adapters-keep-to-their-module',
      comment:
        'An adapter of module X (src/adapters/<tech>/X/) imports no adapter of another module (src/adapters/<any tech>/Y/); ' +
        'shared folders (src/adapters/<tech>/shared/), other non-module folders and top-level adapter files are for everyone.',
      severity: 'error',
      from: { path: `^src/adapters/[^/]+/(${modules})/` },
      to: { path: `^src/adapters/[^/]+/(${modules})/`, pathNot: '^src/adapters/[^/]+/$1/' },
    },
    {
      name: 'bridges-are-named-for-both-modules',
      comment:
        'A file of src/adapters/in-process/ is a bridge named <serving>-<consumer>-<what>.ts (catalog-cart-catalog.ts: the catalog ' +
        "serves the cart's CartCatalog port), so the rule below knows both modules; any other name may import nothing of src.",
      severity: 'error',
      from: { path: '^src/adapters/in-process/', pathNot: bridge },
      to: { path: '^src/' },
    },
    {
      name: 'bridges-meet-through-public-apis',
      comment:
        'A bridge <serving>-<consumer>-<what>.ts implements a port of <consumer> over the public API of <serving>: it imports ' +
        'only src/application/<serving>/public.ts, the ports (except repositories) and domain of <consumer>, and shared; never a ' +
        'repository, a use case or the domain of <serving>, a third module, or an adapter.',
      severity: 'error',
      from: { path: bridge },
      to: {
        path: '^src/',
        pathNot: [
          '^src/application/$1/public\\.ts$',
          '^src/application/$2/ports/(?![^/]*-repository\\.ts$)',
          '^src/domain/$2/',
          '^src/(domain|application)/shared/',
        ],
      },
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
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
