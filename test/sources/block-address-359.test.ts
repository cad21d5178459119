/**
 * Personal data that survived the block level (tester 359, docs/schema.md "What is never loaded" and
 * docs/metrics.md "Repeat locations"): words after a block's street, an e-mail address written out and a
 * house number in words. Each expectation is worked by hand from the documented rules, run through DuckDB as
 * ingest runs them and again on their own output (the block level of a block changes nothing).
 */
import { describe, it } from 'vitest';
import { blockLevels } from '../helpers/block-levels.js';

const { expectBlocks } = blockLevels();

describe('words after a block street type (tester 359)', () => {
  it('go, whatever they are, after a direction or a bound too', async () => {
    await expectBlocks([
      // The cheap branch's shape (a house number, then words) and a stored block, as repeat locations read it.
      ['1234 MAIN ST ZORBA QUIXOTE', '12XX MAIN ST'],
      ['12XX MAIN ST ZORBA QUIXOTE', '12XX MAIN ST'],
      ['0031XX CHOWEN AVE S ZORBA QUIXOTE', '31XX CHOWEN AVE S'],
      ['1234 MAIN ST N ZORBA QUIXOTE', '12XX MAIN ST N'],
      ['1234 MAIN ST EB ZORBA', '12XX MAIN ST EB'],
      ['1234 MAIN ST ZQ', '12XX MAIN ST'],
      ['1234 MAIN ST J SMITH', '12XX MAIN ST'],
      ['1234 MAIN ST ZORBA QUIXOTE X', '12XX MAIN ST'],
      ['1234 MAIN ST ZOË QUIXOTE', '12XX MAIN ST'],
      // After the last street type: a saint's `ST` is no street's end.
      ['1234 ST PAUL AVE ZORBA', '12XX ST PAUL AVE'],
      ['1234 ST. PAUL AVE. N. ZORBA', '12XX ST PAUL AVE N'],
      ['1234 MAIN PKWY ZORBA QUIXOTE', '12XX MAIN PKWY'],
      // A city alone, with no state's letters, cannot be told from a name.
      ['1234 MAIN ST MINNEAPOLIS', '12XX MAIN ST'],
    ]);
  });

  it('stay when they are a direction, a bound, a road word, a ramp, a letter or a city and its state', async () => {
    await expectBlocks([
      ['1234 MAIN ST', '12XX MAIN ST'],
      ['1234 MAIN ST N', '12XX MAIN ST N'],
      ['1234 MAIN ST NE', '12XX MAIN ST NE'],
      ['1234 MAIN ST NORTH', '12XX MAIN ST NORTH'],
      ['1234 MAIN ST EB', '12XX MAIN ST EB'],
      ['1234 HWY 55 EB', '12XX HWY 55 EB'],
      ['HWY 55 EB', 'HWY 55 EB'],
      ['N1234 COUNTY RD K', '12XX COUNTY RD K'],
      ['1234 ST PAUL AVE', '12XX ST PAUL AVE'],
      ['1234 RIVER TERRACE CT', '12XX RIVER TERRACE CT'],
      ['1234 MAIN ST EXT', '12XX MAIN ST EXT'],
      ['1234 WASHINGTON AVE SE INTERCHANGE', '12XX WASHINGTON AVE SE INTERCHANGE'],
      ['1234 LAKE ST E TO WB HIAWATHA AVE', '12XX LAKE ST E TO WB HIAWATHA AVE'],
      ['1234 31ST ST W TO MIDTOWN GRNWY W', '12XX 31ST ST W TO MIDTOWN GRNWY W'],
      ['1234 MAIN ST BURLINGTON VT', '12XX MAIN ST BURLINGTON VT'],
      ['1234 MAIN ST, Burlington, VT', '12XX MAIN ST, Burlington, VT'],
      ['Burlington, VT', 'Burlington, VT'],
      ['1234 MAIN ST U.S.A.', '12XX MAIN ST U.S.A.'],
      ['1234 LYNDALE AVE S/LAKE ST W', '12XX LYNDALE AVE S/LAKE ST W'],
      ['LYNDALE AVE S/LAKE ST W', 'LAKE ST W/LYNDALE AVE S'],
      ['MAIN ST N', 'MAIN ST N'],
      // No word before the type: a saint's name, not a street's end.
      ['5 ST TOWNSEND', '0XX ST TOWNSEND'],
    ]);
  });
});

describe('an e-mail address written out (tester 359)', () => {
  it('goes as one written with @ does', async () => {
    await expectBlocks([
      ['ZQ@EXAMPLE.COM', ''],
      ['ZQ AT EXAMPLE DOT COM', ''],
      ['zq(at)example(dot)com', ''],
      ['zq [at] mail dot example dot net', ''],
      ['ZQ AT EXAMPLE.COM', ''],
      ['1234 MAIN ST zq(at)example(dot)co(dot)uk', '12XX MAIN ST'],
      ['56 Pine St jane.doe(at)example.org', '0XX Pine St'],
      // A crossing written with `AT` has no domain's ending.
      ['LAKE ST AT NICOLLET AVE', 'LAKE ST AT NICOLLET AVE'],
    ]);
  });
});

describe('a house number in words (tester 359)', () => {
  it('goes, two number words or more before a street, and one alone stays a name', async () => {
    await expectBlocks([
      ['TWELVE THIRTY FOUR MAIN ST', 'MAIN ST'],
      ['ONE HUNDRED TWENTY-THREE ELM AVE S', 'ELM AVE S'],
      ['TWENTY-ONE ELM ST APT 5', 'ELM ST'],
      ['One North Ave', 'One North Ave'],
      ['SEVEN OAKS DR', 'SEVEN OAKS DR'],
      // Number words and a type, no name: a numbered street's.
      ['TWENTY NINE ST', 'TWENTY NINE ST'],
    ]);
  });
});
