/**
 * House-style dependency rules (shared/design/house-style.md §2), enforced in CI.
 * A broken boundary fails `npm run lint` instead of waiting for review.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-imports-no-module',
      comment: 'core/ is the shared kernel: it never imports a module or a root.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/(modules|server|web)/' },
    },
    {
      name: 'nothing-imports-roots',
      comment: 'server/ and web/ compose modules; nothing imports them (server/ mounts web/ server-side shell).',
      severity: 'error',
      from: { path: '^src/(core|modules)/' },
      to: { path: '^src/(server|web)/' },
    },
    {
      name: 'modules-talk-through-public-surfaces',
      comment: 'Another module is reached only through its server/index.ts or contract.ts.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/([^/]+)/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/(server/index\\.ts|contract\\.ts)$'] },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ does no I/O: no db, no server, no ui, no Node built-ins, no Fastify or Kysely.',
      severity: 'error',
      from: { path: '^src/(modules/[^/]+/domain|core/calendar)/', pathNot: '^src/core/calendar/(routes|service|store|module)\\.ts$|^src/core/calendar/migrations/' },
      to: { path: ['^src/modules/[^/]+/(db|server|ui)/', '^(node:)?(fs|net|http|https|child_process|worker_threads)$', 'node_modules/(fastify|kysely|better-sqlite3|pg)/'] },
    },
    {
      name: 'contract-is-browser-safe',
      comment: 'contract.ts imports only zod, core/contract and its own domain/.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/contract\\.ts$' },
      to: { pathNot: ['node_modules/zod/', '^src/core/contract/', '^src/modules/$1/domain/', '^src/core/calendar/'] },
    },
    {
      name: 'ui-stays-in-the-browser',
      comment: 'ui/ never imports db/, server/, another module\'s ui/ or Node APIs.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/ui/(backoffice|components)/' },
      to: { path: ['^src/modules/[^/]+/(db|server)/', '^src/core/(db|http|auth/(service|repository))', '^(node:)?(fs|path|crypto|net|http|child_process)$'] },
    },
    {
      name: 'routes-never-touch-the-repository',
      comment: 'routes → service → (domain, repository): only repositories build queries.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/server/.*routes\\.ts$' },
      to: { path: ['^src/modules/[^/]+/db/', 'node_modules/kysely/'] },
    },
    {
      name: 'migrations-are-frozen',
      comment: 'A migration imports nothing from the app but the frozen column helpers.',
      severity: 'error',
      from: { path: '/migrations/[^/]+\\.ts$' },
      to: { path: '^src/', pathNot: '^src/core/db/columns\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(\\.test\\.ts$|\\.int\\.test\\.ts$)' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
