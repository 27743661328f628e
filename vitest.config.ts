import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  oxc: { decorator: { legacy: true, emitDecoratorMetadata: true } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/response-conformance-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    // One module graph per worker, reused by the files it runs (no per-file re-import of the app: most of the
    // suite's time went there). Test files must not rely on fresh module state: the app is built per test by
    // createTestApp, and nothing in src keeps state at module level. Most files wait (timers, sockets, child
    // processes) more than they compute: two workers per core locally; one per core under CI=true, where the real
    // servers' suites (outage timings among them) share the machine with them.
    pool: 'threads',
    isolate: false,
    maxWorkers: availableParallelism() * (process.env.CI === 'true' ? 1 : 2),
    // Transformed modules kept on disk (node_modules/.experimental-vitest-cache, keyed on each file's content and the
    // Vite configuration; the default from Vitest 5): a second `npm test` transforms only what changed. Measured here:
    // 28-30 s -> 25-26 s wall, 52 -> 46 s CPU. No plugin of ours reads other files, the case the cache cannot track.
    experimental: { fsModuleCache: true },
  },
});
