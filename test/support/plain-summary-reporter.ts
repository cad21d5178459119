import type { Reporter, TestCase, TestModule, TestSuite } from 'vitest/node';

/** A test a failed hook of a suite around it kept from running (a `beforeAll` that timed out). */
function keptFromRunning(t: TestCase): boolean {
  if (t.options.mode !== 'run' || t.result().state !== 'skipped') return false;
  // A suite or module's own errors are its hooks'; a test's failure is the test's.
  for (let p: TestCase['parent'] | undefined = t.parent; p; p = p.type === 'suite' ? p.parent : undefined)
    if (p.errors().length > 0) return true;
  return false;
}

/**
 * Ends a run with one plain line, `tests: N passed, N failed, N skipped`, that CI can read whatever the
 * test runner. Failed are the tests that failed, those a failed hook kept from running (a `beforeAll` that
 * timed out read "0 failed, 177 skipped"), each hook that failed with no test left to blame (an
 * `afterAll`, tester 124), and a module that failed to load; skipped are the tests written to be skipped.
 */
export default class PlainSummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = errors.length;
    let skipped = 0;
    for (const m of modules) {
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed++;
      const kept = new Set<TestCase>();
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else if (keptFromRunning(t)) {
          kept.add(t);
          failed++;
        } else skipped++;
      }
      // A hook that failed and kept no test from running (an afterAll) is a failure of its own.
      const holders: (TestModule | TestSuite)[] = [m, ...m.children.allSuites()];
      for (const h of holders)
        if (h.errors().length > 0 && ![...h.children.allTests()].some((t) => kept.has(t))) failed++;
    }
    console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
