/** Text from a user's file as the terminal shows it (src/cli/format.ts). */
import { describe, expect, it } from 'vitest';
import { terminalSafe } from '../../src/cli/format.js';

describe('terminalSafe', () => {
  it('writes control, bidirectional and invisible characters as escapes (testers 158, 159, 161, 167)', () => {
    expect(terminalSafe('a\u001b[2Jb\u0007\n\t')).toBe('a\\x1b[2Jb\\x07\\x0a\\x09');
    expect(terminalSafe('T\u202eX\u200bY\u00adZ\u061cW')).toBe('T\\u202eX\\u200bY\\xadZ\\u061cW');
    // Tag characters, outside the 16-bit range, with the braces JavaScript writes them with.
    expect(terminalSafe('THEFT\u{e0041}')).toBe('THEFT\\u{e0041}');
    expect(terminalSafe('\u206a\ufff9\u180e\ufeff')).toBe('\\u206a\\ufff9\\u180e\\ufeff');
    // Every default-ignorable one (tester 169): a grapheme joiner, a variation selector, a Hangul filler,
    // a Khmer vowel, a musical symbol's format character, a supplementary variation selector.
    expect(terminalSafe('T\u034fT\ufe0fT\u3164T\u17b4T\u{1d173}T\u{e0100}')).toBe(
      'T\\u034fT\\ufe0fT\\u3164T\\u17b4T\\u{1d173}T\\u{e0100}',
    );
    // A line break a message means is kept where asked; letters and accents are left alone.
    expect(terminalSafe('one\ntwo', '\n')).toBe('one\ntwo');
    expect(terminalSafe('Café – Łódź 東京')).toBe('Café – Łódź 東京');
  });
});
