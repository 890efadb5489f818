import { defineConfig } from 'vitest/config';

// Three projects, as in Outline: fast pure unit tests, integration tests through the real app
// (SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set) and browser journeys in Chromium.
// `isolate: false`: each worker loads the app's ~380 modules once and runs its files in turn, instead
// of loading them again for every file (the integration run went from 346 s to 80 s on this 2-core
// host). Tests share no module state by design: every file builds its own app, database and clock.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', 'node_modules/**'], environment: 'node', isolate: false } },
      { test: { name: 'integration', include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000, isolate: false } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.e2e.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false, isolate: false } },
    ],
  },
});
