/** Fields of a rejected CSV record, counted by hand in each case. */
import { describe, expect, it } from 'vitest';
import { countFields } from '../../src/util/csv-fields.js';

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
