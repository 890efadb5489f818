import { defineConfig } from 'vitest/config';

// Three projects, as in Outline: fast pure unit tests, integration tests through the real app
// (SQLite in memory, or PostgreSQL when TEST_DATABASE_URL is set) and browser journeys in Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', 'node_modules/**'], environment: 'node' } },
      { test: { name: 'integration', include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'e2e', include: ['test/e2e/**/*.e2e.test.ts'], environment: 'node', testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false } },
    ],
  },
});
