/**
 * Tester 383: a middle initial between a caller's first and last name ended the name (`CALLER JOHN A SMITH`
 * kept `SMITH`), a title's name was kept (`DR SMITH`), and seven digits without a hyphen and without a
 * telephone word were kept (`Welfare Check 5551234`, `RP AT 5551234`); while a verb after a caller's word was
 * read as a name (`CALLER HAS A GUN` -> `CALLER X A GUN`). Expectations written by hand from docs/schema.md
 * ("What is never loaded"): a name or a number is `X`, its word kept; a call type's own words stay.
 * Then: a pronoun or `WHO` after a name was read as a word of it (`rp mary jones who is worried` -> `rp X is
 * worried`), or made the words after a caller's word five or more and the name was kept (`CALLER MARY JONES
 * WHO LIVES NEXT DOOR`); and `1234 MAIN ST, JONES, GEORGIA` kept the name, `GEORGIA` read as a state.
 */
import { describe, expect, it } from 'vitest';
import { blockLevels } from '../helpers/block-levels.js';
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
  // Tester 383's values (pii2.csv): the name ends at a verb, whatever follows, in either case.
  ['Check Welfare caller mary jones says she is fine', 'Check Welfare caller X says she is fine'],
  ['caller mary jones says she saw a man', 'caller X says she saw a man'],
  ['CALLER MARY JONES SAYS SHE IS FINE', 'CALLER X SAYS SHE IS FINE'],
  ['caller mary jones reports loud music', 'caller X reports loud music'],
  // A pronoun or `WHO` ends it too, the word kept, however many words follow.
  ['Check Welfare per rp mary jones who is worried', 'Check Welfare per rp X who is worried'],
  ['CALLER MARY JONES WHO LIVES NEXT DOOR', 'CALLER X WHO LIVES NEXT DOOR'],
  ['caller mary jones she lives next door', 'caller X she lives next door'],
  // A possessive does not end a name: it comes before one as often, and the name goes with it.
  ['CALLER MARY JONES HER SON IS MISSING', 'CALLER X IS MISSING'],
  ['RP HER SON JOHN SMITH', 'RP X'],
  ['RP JOHN SMITH THEY LEFT THE AREA', 'RP X THEY LEFT THE AREA'],
  // `I` is a middle initial still.
  ['CALLER JOHN I SMITH', 'CALLER X'],
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
  // A pronoun after a caller's word is no name.
  'CALLER HE SAYS',
  'caller she is fine',
  'RP WHO CALLED IS GONE',
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

describe('a state that is also a first name after `LAST,` in the address (tester 383)', () => {
  const { expectBlocks } = blockLevels();

  it('is a name after one word between the commas, a city of one word with it', async () => {
    await expectBlocks([
      ['1234 MAIN ST, JONES, GEORGIA', '12XX MAIN ST'],
      ['1234 Main St, Jones, Virginia', '12XX Main St'],
      ['1234 MAIN ST, APT 5, SMITH, FLORIDA', '12XX MAIN ST'],
      ['1234 MAIN ST, ATLANTA, GEORGIA', '12XX MAIN ST'],
    ]);
  });

  it('is a state after two words, and other states stay', async () => {
    await expectBlocks([
      ['1234 MAIN ST, WEST POINT, GEORGIA', '12XX MAIN ST, WEST POINT, GEORGIA'],
      ['1234 MAIN ST, MINNEAPOLIS, MN', '12XX MAIN ST, MINNEAPOLIS, MN'],
      ['1234 MAIN ST, BURLINGTON, VERMONT', '12XX MAIN ST, BURLINGTON, VERMONT'],
      ['1234 MAIN ST, SOUTH BURLINGTON, VERMONT', '12XX MAIN ST, SOUTH BURLINGTON, VERMONT'],
    ]);
  });
});

describe('a name written `LAST, FIRST` after an address in a text value (tester 389)', () => {
  const { maskedAll } = textValues();
  // By hand: the house at block level (docs/schema.md), and the two parts after the street's type gone,
  // a remark in brackets after them kept; a call type's own commas, with no address before them, stay.
  const CASES: [string, string][] = [
    ['Check Welfare 1234 MAIN ST, JONES, MARY', 'Check Welfare 12XX MAIN ST'],
    ['1234 MAIN ST, JONES, GEORGIA', '12XX MAIN ST'],
    ['Check Welfare 1234 MAIN ST, SMITH, JOHN A (P)', 'Check Welfare 12XX MAIN ST (P)'],
    ['Welfare 1234 5TH AVE S, Jones, Mary', 'Welfare 12XX 5TH AVE S'],
    ['THEFT, FROM VEHICLE, REPORT', 'THEFT, FROM VEHICLE, REPORT'],
  ];
  it('is taken off with the house number', async () => {
    expect(await maskedAll(CASES)).toEqual(CASES.map(([, m]) => m));
  });
});
