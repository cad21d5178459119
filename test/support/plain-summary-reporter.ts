import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** A test skipped because a hook of a suite around it failed (a `beforeAll` that timed out). */
function notRunForFailure(t: TestCase): boolean {
  // A suite or module's own errors are its hooks'; a test's failure is the test's.
  for (let p: TestCase['parent'] | undefined = t.parent; p; p = p.type === 'suite' ? p.parent : undefined)
    if (p.errors().length > 0) return true;
  return false;
}

/**
 * Ends a run with one plain line, `tests: N passed, N failed, N skipped`, that CI can read whatever the
 * test runner; a module that failed to load counts as a failure, and so does each test a failed hook kept
 * from running (a `beforeAll` that timed out read "0 failed, 177 skipped").
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = errors.length;
    let skipped = 0;
    for (const m of modules) {
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed++;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed' || notRunForFailure(t)) failed++;
        else skipped++;
      }
    }
    console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
