import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on CI: forks keep memory isolated and the suite inside the time budget.
    pool: 'forks',
    testTimeout: 60_000,
    // A beforeAll that runs a compare gets the same budget as a test (the default 10 s is too
    // short on a busy 2-core machine).
    hookTimeout: 60_000,
  },
});
