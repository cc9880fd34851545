import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two cores on CI: forks keep memory isolated and the suite inside the time budget.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
