import { defineConfig } from 'vitest/config';

// Workspace packages export a "source" condition pointing at src/index.ts.
// Resolving it here lets every package's tests run against sources, with no build first.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Set-up hooks clone repositories and render fleets; with every package's tests running at once
    // on two cores, they need the time a test gets.
    hookTimeout: 60_000,
  },
});
