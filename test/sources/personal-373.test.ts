/**
 * Tester 373, on the newest version: names and e-mail addresses in call types reached the public edition's
 * pathways list (`Welfare Check CB X JOHN SMITH`, `Welfare Check john at gmail.com`), and a name before a
 * call type's word took that word with it (`RP JOHN SMITH NOISE` -> `RP X`). Expectations written by hand
 * from docs/schema.md ("What is never loaded").
 */
import { describe, expect, it } from 'vitest';
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
];

const KEPT: [string, string][] = [
  ['Welfare Check CB 555-1234 REQUEST', 'Welfare Check CB X REQUEST'],
  ['Welfare Check at 1234 MAIN ST', 'Welfare Check at 12XX MAIN ST'],
  ['Meet at Lake and Nicollet', 'Meet at Lake and Nicollet'],
  ['SUSPICIOUS PERSON', 'SUSPICIOUS PERSON'],
  ['Noise Complaint at Park', 'Noise Complaint at Park'],
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
