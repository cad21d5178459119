/** Text from a user's file as the terminal shows it (src/cli/format.ts). */
import { describe, expect, it } from 'vitest';
import { fewCalls, terminalSafe } from '../../src/cli/format.js';

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
    // A line break a message means, beginning an indented line, is kept where asked; one in a value it
    // quotes is not (tester 361). Letters and accents are left alone.
    expect(terminalSafe('one\n  two', '\n')).toBe('one\n  two');
    expect(terminalSafe('one\ntwo\n two\r', '\n')).toBe('one\\x0atwo\\x0a two\\x0d');
    expect(terminalSafe('Café – Łódź 東京')).toBe('Café – Łódź 東京');
  });
});

describe('fewCalls', () => {
  it('writes a count a year or a week whole from 10, with two digits below, never in exponent form', () => {
    expect([1234.5, 10, 0, 9.87, 0.134, 0.01].map(fewCalls)).toEqual([
      '1,235',
      '10',
      '0',
      '9.9',
      '0.13',
      '0.01',
    ]);
    // Tester 331: 9.4e-12 more calls a year, of a target a hair above the share.
    expect(fewCalls(9.4e-12)).toBe('under 0.01');
    expect(fewCalls(0.0049)).toBe('under 0.01');
  });
});
