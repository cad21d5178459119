import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A test that builds three reports or spawns a dozen commands passed 120 s on a machine shared with
    // other work (124 s each, stop 35): the limit is for a hang, not a speed check (benchmarks are).
    testTimeout: 300_000,
    // The public-disclosure suite builds a dozen reports in one beforeAll: 300 s was passed on a busy machine.
    hookTimeout: 600_000,
    // DuckDB uses both cores per query; running files in parallel only thrashes on a 2-core machine.
    fileParallelism: false,
    globalSetup: ['./test/support/temp-root.ts'],
    reporters: ['default', './test/support/plain-summary-reporter.ts'],
  },
});
