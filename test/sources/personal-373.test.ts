/**
 * Tester 373, on the newest version: names and e-mail addresses in call types reached the public edition's
 * pathways list (`Welfare Check CB X JOHN SMITH`, `Welfare Check john at gmail.com`), and a name before a
 * call type's word took that word with it (`RP JOHN SMITH NOISE` -> `RP X`). Then: a middle initial after a
 * name written `LAST, FIRST` was kept (`CALLER SMITH, JOHN A` -> `CALLER X A`), a name in lower case was kept
 * whole (`welfare check rp john smith`), and in the address a name after two commas was read as a city and a
 * state (`1234 MAIN ST, JONES, MARY` -> `12XX MAIN ST, JONES, MARY`). Expectations written by hand from
 * docs/schema.md ("What is never loaded"): a name in a text value is `X` with its word kept, in the address
 * it goes, and what is left is its block (`1234` -> `12XX`).
 */
import { describe, expect, it } from 'vitest';
import { blockLevels } from '../helpers/block-levels.js';
import { textValues } from '../helpers/text-values.js';

const MASKED: [string, string][] = [
  // A name after a telephone word and its number: the number's mask, then the name's.
  ['Welfare Check CB 555-1234 JOHN SMITH', 'Welfare Check CB X X'],
  ['Check Welfare (P) CB 555-1234 JOHN', 'Check Welfare (P) CB X X'],
  // An e-mail address with `at` and a real dot, in any case.
  ['Welfare Check john at gmail.com', 'Welfare Check X'],
  ['Welfare Check JOHN AT GMAIL.COM', 'Welfare Check X'],
  ['Welfare Check jane.doe at yahoo.com', 'Welfare Check X'],
  // A name before a call type's own word keeps the word.
  ['CALLER MARY JONES SUSPICIOUS PERSON', 'CALLER X SUSPICIOUS PERSON'],
  ['Welfare Check RP JOHN SMITH NOISE', 'Welfare Check RP X NOISE'],
  // A middle initial after `LAST, FIRST` goes with the name (`A` is also a call type's word).
  ['CALLER SMITH, JOHN A', 'CALLER X'],
  ['Welfare Check CALLER SMITH, JOHN A.', 'Welfare Check CALLER X'],
  ['Welfare Check RP SMITH, JOHN A NOISE', 'Welfare Check RP X NOISE'],
  ['Check Welfare (P) CALLER SMITH, JOHN Q (P)', 'Check Welfare (P) CALLER X (P)'],
  // A name in lower case, after a caller's word in any case, up to a call type's word in any case.
  ['welfare check rp john smith', 'welfare check rp X'],
  ['Welfare Check RP john smith', 'Welfare Check RP X'],
  ['welfare check caller smith, john a', 'welfare check caller X'],
  ['rp john smith requests contact', 'rp X requests contact'],
  ['welfare check rp-john smith', 'welfare check rp-X'],
  ['welfare check cb 555-1234 john smith', 'welfare check cb X X'],
];

const KEPT: [string, string][] = [
  ['Welfare Check CB 555-1234 REQUEST', 'Welfare Check CB X REQUEST'],
  ['Welfare Check at 1234 MAIN ST', 'Welfare Check at 12XX MAIN ST'],
  ['Meet at Lake and Nicollet', 'Meet at Lake and Nicollet'],
  ['SUSPICIOUS PERSON', 'SUSPICIOUS PERSON'],
  ['Noise Complaint at Park', 'Noise Complaint at Park'],
  // In lower case, a caller's word before a call type's words only; mixed case is a call type's.
  ['welfare check per caller', 'welfare check per caller'],
  ['welfare check rp requests contact', 'welfare check rp requests contact'],
  ['caller hung up', 'caller hung up'],
  ['CLR-Per Caller', 'CLR-Per Caller'],
  ['Sex Offender Comp Check', 'Sex Offender Comp Check'],
];

describe('names and e-mail addresses in call types (tester 373)', () => {
  const { maskedAll } = textValues();
  it('are masked', async () => {
    expect(await maskedAll(MASKED)).toEqual(MASKED.map(([, m]) => m));
  });
  it("leave a call type's own words and places", async () => {
    expect(await maskedAll(KEPT)).toEqual(KEPT.map(([, m]) => m));
  });
});

describe('a name written `LAST, FIRST` after two commas in the address (tester 373)', () => {
  const { expectBlocks } = blockLevels();

  it('goes, a middle initial with it', async () => {
    await expectBlocks([
      ['1234 MAIN ST, JONES, MARY', '12XX MAIN ST'],
      ['1234 MAIN ST, JONES, MARY A', '12XX MAIN ST'],
      ['1234 MAIN ST, VAN DER BERG, ANNA', '12XX MAIN ST'],
      ['1234 Main St, Jones, Mary', '12XX Main St'],
      ['1234 MAIN ST, APT 5, JONES, MARY', '12XX MAIN ST'],
      ['MAIN ST/CHURCH ST, JONES, MARY', 'CHURCH ST/MAIN ST'],
      ['1234 MAIN ST CALLER SMITH, JOHN A', '12XX MAIN ST'],
    ]);
  });

  it('leaves a city and its state, one part after a comma, and a street', async () => {
    await expectBlocks([
      ['1234 MAIN ST, MINNEAPOLIS, MN', '12XX MAIN ST, MINNEAPOLIS, MN'],
      ['1234 MAIN ST, SOUTH BURLINGTON, VERMONT', '12XX MAIN ST, SOUTH BURLINGTON, VERMONT'],
      ['1234 MAIN ST, OMAHA, NE', '12XX MAIN ST, OMAHA, NE'],
      ['1234 MAIN ST, BURLINGTON, USA', '12XX MAIN ST, BURLINGTON, USA'],
      ['1234 MAIN ST, BURLINGTON', '12XX MAIN ST, BURLINGTON'],
      ['1234 MAIN ST, CHURCH ST, BURLINGTON', '12XX MAIN ST, CHURCH ST, BURLINGTON'],
    ]);
  });
});
