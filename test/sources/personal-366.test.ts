/**
 * Personal data testers 366 and 367 found stored in the address and the text values (docs/schema.md, "What is
 * never loaded"): a name after a caller's word before a call type's word, of four words, glued by `-` or `/`,
 * or written `LAST, FIRST`; a title and a name before the house number or after a comma in the address; seven
 * digits ending an address, and a callback word with a number and a name as a block; an e-mail address written
 * `at ... dot com` or with a spaced `@`; `555 0179` after a caller's word. Every expectation is written by hand
 * from the documented rules: a name or a number in a text value is `X` with its word kept, in the address it
 * goes, and what is left of the address is its block (`1234` -> `12XX`), or nothing where no place is left.
 */
import { describe, expect, it } from 'vitest';
import { blockLevels } from '../helpers/block-levels.js';
import { textValues } from '../helpers/text-values.js';

const TEXT: [string, string][] = [
  // A name before a call type's word.
  ['RP JOHN SMITH REQUEST', 'RP X REQUEST'],
  ['Check Welfare RP JOHN SMITH REQUEST', 'Check Welfare RP X REQUEST'],
  ['CALLER JOHN SMITH REQUESTS CONTACT', 'CALLER X REQUESTS CONTACT'],
  // Four words.
  ['RP JOHN PAUL VAN SMITH', 'RP X'],
  ['Check Welfare RP JOHN PAUL VAN SMITH', 'Check Welfare RP X'],
  // Glued to the word by `-` or `/`.
  ['RP-JOHN SMITH', 'RP-X'],
  ['RP/JOHN SMITH', 'RP/X'],
  ['Check Welfare RP-JOHN SMITH', 'Check Welfare RP-X'],
  // `LAST, FIRST`: the first name goes too.
  ['CALLER SMITH, JOHN', 'CALLER X'],
  ['Check Welfare RP SMITH, JOHN', 'Check Welfare RP X'],
  ['RP SMITH, JOHN Q', 'RP X'],
  // E-mail addresses written out or with a spaced `@`.
  ['john at gmail dot com', 'X'],
  ['Check Welfare john at gmail dot com', 'Check Welfare X'],
  ['Check Welfare john @ gmail.com', 'Check Welfare X'],
  // Seven digits after a caller's word.
  ['CALLER 555 0179', 'CALLER X'],
  ['Check Welfare RP 555 0179', 'Check Welfare RP X'],
  ['Check Welfare CB 555 0179', 'Check Welfare CB X'],
];
/** A call type's own words, and an `at` before a place: kept. */
const KEPT: [string, string][] = [
  ['RP REQUEST', 'RP REQUEST'],
  ['CALLER HUNG UP', 'CALLER HUNG UP'],
  ['PER ALARM COMPANY', 'PER ALARM COMPANY'],
  ['Welfare Check at 1234 MAIN ST', 'Welfare Check at 12XX MAIN ST'],
  ['Meet at Lake and Nicollet', 'Meet at Lake and Nicollet'],
  ['RP REQUESTS CONTACT BY PHONE', 'RP REQUESTS CONTACT BY PHONE'],
];

describe('names, e-mail addresses and numbers in text values (testers 366 and 367)', () => {
  const { maskedAll } = textValues();

  it('are masked, the word kept', async () => {
    expect(await maskedAll(TEXT)).toEqual(TEXT.map(([, m]) => m));
  });

  it("leave a call type's own words", async () => {
    expect(await maskedAll(KEPT)).toEqual(KEPT.map(([, m]) => m));
  });
});

describe('names, numbers and e-mail addresses in the address (testers 366 and 367)', () => {
  const { expectBlocks } = blockLevels();

  it('a title and a name before the house number or after a comma go', async () => {
    await expectBlocks([
      ['MR JOHN SMITH 1234 MAIN ST', '12XX MAIN ST'],
      ['MRS JONES 1234 MAIN ST', '12XX MAIN ST'],
      ['1234 MAIN ST, MR SMITH', '12XX MAIN ST'],
      ['1234 MAIN ST, MRS JONES', '12XX MAIN ST'],
      ['1234 MAIN ST, MR JOHN SMITH', '12XX MAIN ST'],
    ]);
  });

  it('seven digits ending an address go with no trace; a callback word and a number are no place', async () => {
    await expectBlocks([
      ['1234 MAIN ST 5550179', '12XX MAIN ST'],
      ['1234 MAIN ST 555-0179', '12XX MAIN ST'],
      ['1234 MAIN ST CB 555 0179', '12XX MAIN ST'],
      ['CB 555-1234 JOHN', ''],
      ['TEL 555-1234', ''],
      ['CB 555 1234 JOHN SMITH', ''],
      ['CALLER 555 0179', ''],
      // A flat's number so written still goes with its word.
      ['1234 MAIN ST APT 555-1234', '12XX MAIN ST'],
    ]);
  });

  it("a caller's word and a name alone are no place", async () => {
    await expectBlocks([
      ['RP JOHN SMITH REQUEST', ''],
      ['RP-JOHN SMITH', ''],
      ['RP/JOHN SMITH', ''],
      ['CALLER SMITH, JOHN', ''],
      // A street named after such a word stays.
      ['1234 RP ST', '12XX RP ST'],
    ]);
  });

  it('an e-mail address with a spaced `@` goes', async () => {
    await expectBlocks([
      ['john @ gmail.com', ''],
      ['1234 MAIN ST john @ gmail.com', '12XX MAIN ST'],
      ['1234 MAIN ST john at gmail dot com', '12XX MAIN ST'],
      // An intersection written with `@` stays.
      ['MAIN ST @ CHURCH ST', 'MAIN ST @ CHURCH ST'],
    ]);
  });
});
