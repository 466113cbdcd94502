import { defineConfig } from 'vitest/config';

// Workspace packages export a "source" condition pointing at src/index.ts.
// Resolving it here lets every package's tests run against sources, with no build first.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
