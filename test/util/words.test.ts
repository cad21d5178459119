/** Notes that quote a value of the user's file, cut where a word is longer than any word is. */
import { describe, expect, it } from 'vitest';
import { cutLongWords } from '../../src/util/words.js';

describe('cutLongWords', () => {
  it('cuts a word over 200 characters to 199 and …, and leaves the rest as it was', () => {
    const long = 'L'.repeat(100_000);
    const note = `Types such as \`${long}\` (3 calls) are unmapped; see /a/b.csv.`;
    // The word is the backquoted value with its backquote: 100,001 characters, cut to 199 and the ellipsis.
    expect(cutLongWords(note)).toBe(
      `Types such as \`${'L'.repeat(198)}… (3 calls) are unmapped; see /a/b.csv.`,
    );
    const edge = 'x'.repeat(200);
    expect(cutLongWords(`${edge} ${edge}y`)).toBe(`${edge} ${'x'.repeat(199)}…`);
  });
});
