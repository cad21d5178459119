/** Notes that quote a value of the user's file, cut where a word is longer than any word is. */
import { describe, expect, it } from 'vitest';
import { cutLongWords, shellWord } from '../../src/util/words.js';
import { execFileSync } from 'node:child_process';

describe('cutLongWords', () => {
  it('cuts a word over 200 characters to 199 and …, and leaves the rest as it was', () => {
    const long = 'L'.repeat(100_000);
    const note = `Types such as \`${long}\` (3 calls) are unmapped; see /a/b.csv.`;
    // The word is the backquoted value with its backquotes: 100,002 characters, cut to 199 and the
    // ellipsis, the closing backquote kept (tester 161), and so is the punctuation after a word.
    expect(cutLongWords(note)).toBe(
      `Types such as \`${'L'.repeat(198)}…\` (3 calls) are unmapped; see /a/b.csv.`,
    );
    expect(cutLongWords(`(most: Traffic ${long}, 16)`)).toBe(`(most: Traffic ${'L'.repeat(199)}…, 16)`);
    expect(cutLongWords(`row 17: \`${long}\`.`)).toBe(`row 17: \`${'L'.repeat(198)}…\`.`);
    const edge = 'x'.repeat(200);
    expect(cutLongWords(`${edge} ${edge}y`)).toBe(`${edge} ${'x'.repeat(199)}…`);
  });
});

describe('shellWord', () => {
  it('quotes a path a shell would split or read, so a printed command runs as pasted (tester 207)', () => {
    expect(shellWord('/tmp/safegap-demo/store')).toBe('/tmp/safegap-demo/store');
    // Each read back by a real shell as one word, the same path.
    for (const path of ['/tmp/dm ü/store', "/tmp/it's/$HOME/*", '/tmp/a;b&c|d`e`']) {
      expect(shellWord(path)).not.toBe(path);
      expect(execFileSync('sh', ['-c', `printf %s ${shellWord(path)}`], { encoding: 'utf8' })).toBe(path);
    }
  });
});
