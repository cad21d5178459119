/** Fields of a rejected CSV record, counted by hand in each case. */
import { describe, expect, it } from 'vitest';
import { countFields, splitFields } from '../../src/util/csv-fields.js';

describe('countFields', () => {
  it('counts delimiters outside quoted values only', () => {
    expect(countFields('a,b,c', ',')).toBe(3);
    expect(countFields('a,"b,c",d\r\n', ',')).toBe(3); // a quoted delimiter; CRLF
    expect(countFields('a,"say ""hi"", then go",d', ',')).toBe(3); // doubled quotes inside a quoted value
    expect(countFields('a,"b\nc",d', ',')).toBe(3); // a line end inside a quoted value
    expect(countFields('a\tb\t"c\td"', '\t')).toBe(3);
    expect(countFields(',,', ',')).toBe(3); // empty fields count
  });

  it('takes a quote inside an unquoted value as a character (an inch mark)', () => {
    // It opened a quoted value and swallowed the next delimiters: 2 fields for 4.
    expect(countFields('a,5" pipe,c,d', ',')).toBe(4);
  });
});

describe('splitFields', () => {
  it('gives each value with its quotes removed and doubled quotes as one', () => {
    expect(splitFields('a,"b,c",d\r\n', ',')).toEqual(['a', 'b,c', 'd']);
    expect(splitFields('a,"say ""hi"", then go",5" pipe', ',')).toEqual([
      'a',
      'say "hi", then go',
      '5" pipe',
    ]);
    expect(splitFields('a\t"b\nc"\t', '\t')).toEqual(['a', 'b\nc', '']);
    expect(splitFields('', ',')).toEqual(['']);
  });
});
