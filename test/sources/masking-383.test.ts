/**
 * Tester 383: a middle initial between a caller's first and last name ended the name (`CALLER JOHN A SMITH`
 * kept `SMITH`), a title's name was kept (`DR SMITH`), and seven digits without a hyphen and without a
 * telephone word were kept (`Welfare Check 5551234`, `RP AT 5551234`); while a verb after a caller's word was
 * read as a name (`CALLER HAS A GUN` -> `CALLER X A GUN`). Expectations written by hand from docs/schema.md
 * ("What is never loaded"): a name or a number is `X`, its word kept; a call type's own words stay.
 */
import { describe, expect, it } from 'vitest';
import { textValues } from '../helpers/text-values.js';

const MASKED: [string, string][] = [
  // A middle initial between two words of a name goes with it, `A` too (a call type's word).
  ['CALLER JOHN A SMITH', 'CALLER X'],
  ['Welfare Check RP JOHN Q. PUBLIC (P)', 'Welfare Check RP X (P)'],
  ['CALLER JOHN A SMITH REQUEST', 'CALLER X REQUEST'],
  ['welfare check rp john a smith', 'welfare check rp X'],
  // A doctor's title, at the start, after a mark, a word in lower case or a caller's word.
  ['DR SMITH', 'DR X'],
  ['Welfare Check DR SMITH', 'Welfare Check DR X'],
  ['Check Welfare (DR JONES)', 'Check Welfare (DR X)'],
  ['CALLER DR SMITH', 'CALLER DR X'],
  // Seven digits, no hyphen and no telephone word.
  ['Welfare Check 5551234', 'Welfare Check X'],
  ['RP AT 5551234', 'RP AT X'],
  // Seven digits in groups after a caller's word and `AT` or `@`.
  ['RP AT 555 1234', 'RP AT X'],
  ['CALLER @ 555 1234', 'CALLER @ X'],
  // A name before a verb: the verb stays.
  ['RP JOHN SMITH HAS A GUN', 'RP X HAS A GUN'],
];

const KEPT: string[] = [
  'CALLER HAS A GUN',
  'CALLER IS INTOXICATED',
  'CALLER WAS ASSAULTED',
  'CALLER STATES SOMEONE BROKE IN',
  'CALLER SAYS HE IS OK',
  'CALLER REPORTS SHOTS',
  'RP ADVISES NO INJURIES',
  'CALLER WANTS TO SPEAK TO OFFICER',
  'CALLER NOT ON SCENE',
  'caller has a gun',
  'rp says male is gone',
  // `DR` as a street type, after a street's name.
  '0036XX TECHNOLOGY DR NE',
  'EAST RIVER RD NE/TECHNOLOGY DR NE',
  // Seven digits within a longer run, a value that is a seven-digit code, and clock times.
  'CASE 55512345',
  '2345678',
  'Quiet Hours 900-0700',
];

describe('names after a caller word or a title, and seven digits (tester 383)', () => {
  const { maskedAll } = textValues();
  it('are masked', async () => {
    expect(await maskedAll(MASKED)).toEqual(MASKED.map(([, m]) => m));
  });
  it("leave verbs after a caller's word, a street's DR and other numbers", async () => {
    expect(await maskedAll(KEPT.map((v) => [v, v]))).toEqual(KEPT);
  });
});
