/**
 * The summary's sentence on the near-term eligible share, whichever of its two figures the public edition
 * suppresses (tester 333: "suppressed of calls are eligible for an alternative responder ...; the share would
 * be suppressed" read as a typo in a published page).
 */
import { describe, expect, it } from 'vitest';
import { eligibleSentence } from '../../src/report/sections/summary.js';

describe('the near-term eligible sentence', () => {
  it('gives both figures where both are shown', () => {
    expect(eligibleSentence('23.4%', '27.0%')).toBe(
      'By their initial call type, 23.4% of calls are eligible for an alternative responder under the near-term rules; if all of them were diverted, the share would be 27.0%.',
    );
  });

  it('never puts "suppressed" where a figure goes', () => {
    for (const [a, b] of [
      ['suppressed', '27.0%'],
      ['23.4%', 'suppressed'],
      ['suppressed', 'suppressed'],
    ] as const) {
      const s = eligibleSentence(a, b);
      expect(s, `${a} ${b}`).toMatch(/suppressed in this edition/);
      expect(s, `${a} ${b}`).not.toMatch(/suppressed of calls|would be suppressed/);
      // A figure shown is still given.
      for (const v of [a, b]) if (v !== 'suppressed') expect(s).toContain(v);
    }
  });
});
