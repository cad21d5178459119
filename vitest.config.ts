import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // DuckDB uses both cores per query; running files in parallel only thrashes on a 2-core machine.
    fileParallelism: false,
    globalSetup: ['./test/support/temp-root.ts'],
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
