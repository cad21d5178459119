/**
 * Names on one side of an intersection (tester 330, docs/schema.md, "What is never loaded"): a side that is
 * a name alone (`SMITH RESIDENCE/MAIN ST`, `MAIN ST/DOE, JANE`) was kept, sorted to the end, and lost only
 * when the block level ran again on its own output; a name after ` - ` was sorted into the middle of the
 * crossing, where its rule no longer applied. Each expectation is worked by hand from the documented rules;
 * the block level runs through DuckDB as ingest runs it, and again on its own output, which it must not change.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { queryRows } from '../../src/store/duckdb.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { blockLevels } from '../helpers/block-levels.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

const levels = blockLevels();
const { blocks, expectBlocks } = levels;

/** A side of an intersection that is a name alone, and the street left. */
const NAME_SIDES: [string, string][] = [
  ['SMITH RESIDENCE/MAIN ST', 'MAIN ST'],
  ['SMITH RES/MAIN ST', 'MAIN ST'],
  ['MAIN ST/SMITH RESIDENCE', 'MAIN ST'],
  ['MAIN ST & SMITH RESIDENCE', 'MAIN ST'],
  ['JONES HOME/ELM ST', 'ELM ST'],
  ['MAIN ST/SMITH HOUSE', 'MAIN ST'],
  ['MAIN ST/SMITH FAMILY', 'MAIN ST'],
  ['THE SMITH FAMILY HOME/LAKE ST', 'LAKE ST'],
  ['SMITH RESIDENCE - REAR/MAIN ST', 'MAIN ST'],
  ['SMITH, JOHN/MAIN ST', 'MAIN ST'],
  ['MAIN ST/DOE, JANE', 'MAIN ST'],
  ['MAIN ST/SMITH, JOHN A', 'MAIN ST'],
  ['MAIN ST & SMITH, JOHN', 'MAIN ST'],
  ['MAIN ST/MR SMITH', 'MAIN ST'],
  ['MRS JANE SMITH & LAKE ST', 'LAKE ST'],
  ['MS SMITH/MN-62', 'MN-62'],
  ['smith residence/main st', 'main st'],
  ['SMITH RESIDENCE/1234 MAIN ST', '12XX MAIN ST'],
  // Two names leave nothing, as `SMITH RESIDENCE` alone does.
  ['SMITH RES/JONES HOME', ''],
];

/**
 * Tester 332: `LAST, FIRST` with an initial for the first name, with or without a point, or a last name of
 * more than one word, a saint's `ST` first among them, was kept as written.
 */
const NAME_SIDES_332: [string, string][] = [
  ['DOE, J/MAIN ST', 'MAIN ST'],
  ['SMITH, J/MAIN ST', 'MAIN ST'],
  ['MAIN ST/SMITH, J.', 'MAIN ST'],
  ['ALLEN, W/ELM ST', 'ELM ST'],
  ['MAIN ST/VAN DER BERG, ANNA', 'MAIN ST'],
  ['MAIN ST/ST. JOHN, MARY', 'MAIN ST'],
  ['MAIN ST/ST JOHN, MARY', 'MAIN ST'],
  ['SMITH, J. A./MAIN ST', 'MAIN ST'],
  ['SMITH, J.A./MAIN ST', 'MAIN ST'],
  ['MAIN ST/SMITH, MARY ANN', 'MAIN ST'],
  ['MAIN ST & DOE, J', 'MAIN ST'],
  ['smith, j/main st', 'main st'],
  ['VAN DER BERG, A. B./1234 MAIN ST', '12XX MAIN ST'],
];

/**
 * Tester 334: after a house number the name side was kept (a value of a number and words took the cheap
 * branch whole, while `MR SMITH/0031XX CHOWEN AVE S` went), and so were `MISS`, a couple, a middle initial and
 * an initial with a point after `MRS`.
 */
const NAME_SIDES_334: [string, string][] = [
  ['0031XX CHOWEN AVE S/MR SMITH', '31XX CHOWEN AVE S'],
  ['0031XX CHOWEN AVE S/MRS SMITH', '31XX CHOWEN AVE S'],
  ['0031XX CHOWEN AVE S/MS DOE', '31XX CHOWEN AVE S'],
  ['0031XX CHOWEN AVE S/SMITH FAMILY', '31XX CHOWEN AVE S'],
  ['0031XX CHOWEN AVE S/SMITH HOUSE', '31XX CHOWEN AVE S'],
  ['0031XX CHOWEN AVE S & MR SMITH', '31XX CHOWEN AVE S'],
  ['1234 MAIN ST/MR SMITH', '12XX MAIN ST'],
  ['1234 MAIN ST/SMITH FAMILY', '12XX MAIN ST'],
  ['MR SMITH/0031XX CHOWEN AVE S', '31XX CHOWEN AVE S'],
  ['MAIN ST/MR AND MRS SMITH', 'MAIN ST'],
  ['Main St/MR. & MRS. SMITH', 'Main St'],
  ['MR & MRS SMITH/1234 MAIN ST', '12XX MAIN ST'],
  ['MAIN ST/MISS SMITH', 'MAIN ST'],
  ['MAIN ST/MR JOHN Q SMITH', 'MAIN ST'],
  ['MAIN ST/MRS J. SMITH', 'MAIN ST'],
  ['MAIN ST/MRS. J SMITH', 'MAIN ST'],
];

describe('a name alone on one side of an intersection (tester 330)', () => {
  it('goes, and the other street stays', async () => {
    await expectBlocks(NAME_SIDES);
  });

  it('is no street with a street type, nor words alone, which may be a place', async () => {
    await expectBlocks([
      ['JOHN ST/MAIN ST', 'JOHN ST/MAIN ST'],
      ['MARTIN LUTHER KING JR BLVD/LAKE ST', 'LAKE ST/MARTIN LUTHER KING JR BLVD'],
      ['MR SMITH ST/LAKE ST', 'LAKE ST/MR SMITH ST'],
      ['HOME AVE/SMITH FAMILY', 'HOME AVE'],
      ['Home Ave / Shelburne Rd', 'Home Ave/Shelburne Rd'],
      ['Shelburne Rd / 189', '189/Shelburne Rd'],
      ['LAKE ST/WAREHOUSE', 'LAKE ST/WAREHOUSE'],
      // Kept: two words without a street type, as Burlington's `Salmon Hole` and `N Winooski` are.
      ['MAIN ST & JOHN SMITH', 'JOHN SMITH & MAIN ST'],
      ['DR SMITH OFFICE/MAIN ST', 'DR SMITH OFFICE/MAIN ST'],
    ]);
  });
});

describe('a name written LAST, FIRST on one side of an intersection (tester 332)', () => {
  it('goes with an initial for the first name or a last name of several words', async () => {
    await expectBlocks(NAME_SIDES_332);
  });

  it("is no side with a street type, a saint's street among them, nor one of three first names", async () => {
    await expectBlocks([
      ['ST JOHN ST/MAIN ST', 'MAIN ST/ST JOHN ST'],
      // Tester 360: its full stop goes, one block with the street written without it.
      ['ST. JOHN ST/MAIN ST', 'MAIN ST/ST JOHN ST'],
      // A comma keeps a value from the sort, as before.
      ['MAIN ST/ST JOHN ST, MARY', 'MAIN ST/ST JOHN ST, MARY'],
      ['MAIN ST, J/ELM ST', 'MAIN ST, J/ELM ST'],
      ['MAIN ST/ELM ST, MINNEAPOLIS', 'MAIN ST/ELM ST, MINNEAPOLIS'],
      ['MAIN ST/SMITH, MARY ANN B', 'MAIN ST/SMITH, MARY ANN B'],
    ]);
  });
});

describe('a name alone on one side of an intersection, in either order (tester 334)', () => {
  it('goes after a house number too, and after MISS, a couple or an initial', async () => {
    await expectBlocks(NAME_SIDES_334);
  });

  it('is no side with a street type, nor a street of those words with a house number', async () => {
    await expectBlocks([
      ['MS SMITH ST/LAKE ST', 'LAKE ST/MS SMITH ST'],
      ['MR JOHN Q SMITH ST/LAKE ST', 'LAKE ST/MR JOHN Q SMITH ST'],
      ['MISS SMITH AVE & LAKE ST', 'LAKE ST & MISS SMITH AVE'],
      ['1234 MAIN ST/MR SMITH ST', '12XX MAIN ST/MR SMITH ST'],
      ['1234 MISSION ST', '12XX MISSION ST'],
      ['1234 COURT HOUSE RD', '12XX COURT HOUSE RD'],
      ['1234 FAMILY WAY', '12XX FAMILY WAY'],
      ['MAIN ST/MR A B C D', 'MAIN ST/MR A B C D'],
    ]);
  });
});

describe('a name after ` - ` on one side of an intersection (tester 330)', () => {
  it('goes before the sides are sorted, as it goes at the end of an address', async () => {
    await expectBlocks([
      ['MAIN ST/ELM ST - JOHN SMITH', 'ELM ST/MAIN ST'],
      ['ELM ST - JOHN SMITH/MAIN ST', 'ELM ST/MAIN ST'],
      ['ELM ST - SMITH, JOHN/MAIN ST', 'ELM ST/MAIN ST'],
      ['ELM ST -- JOHN SMITH/MAIN ST', 'ELM ST/MAIN ST'],
      ['1234 ELM ST - JOHN SMITH', '12XX ELM ST'],
      ['1234 MAIN ST/ELM ST - JOHN SMITH', '12XX MAIN ST/ELM ST'],
    ]);
  });
});

describe('the block level of a block level (tester 330)', () => {
  it("changes nothing for the tester's values or the real Street Display values", async () => {
    const tester = [
      'SMITH RESIDENCE/MAIN ST',
      'MAIN ST/SMITH RESIDENCE',
      'ELM ST - JOHN SMITH/MAIN ST',
      'MAIN ST/ELM ST - JOHN SMITH',
      'MAIN ST/ELM ST JOHN SMITH',
      '12XX MAIN ST 0XX',
      '0XX,-0XX MAIN ST',
      'POINT',
      '12XX MAIN ST SW 0XX',
      'MAIN ST/1234 ELM ST APT 5',
      '1234 MAIN ST/5678 ELM ST',
      'JOHN SMITH & MAIN ST',
      'LAKE ST/APT 5',
    ];
    const real = await queryRows<{ v: string }>(
      levels.conn(),
      `SELECT DISTINCT "Street Display" AS v
       FROM read_csv('${sharedFile('minneapolis/calls_2022_d.csv')}', all_varchar = true) WHERE v IS NOT NULL`,
    );
    expect(real.length).toBeGreaterThan(1000);
    const got = await blocks([
      ...[...NAME_SIDES, ...NAME_SIDES_332, ...NAME_SIDES_334].map(([v]) => v),
      ...tester,
      ...real.map((r) => r.v),
    ]);
    expect(got.filter((r) => r.c !== r.b).map((r) => [r.v, r.b, r.c])).toEqual([]);
  });
});

describe('ingest of intersections with a name on one side (tester 330)', () => {
  const dir = tempDir();
  let stored: Map<string, string | null>;

  beforeAll(async () => {
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 101);
    const real = csvObjects(`${lines.join('\n')}\n`);
    const planted = [...NAME_SIDES, ...NAME_SIDES_332, ...NAME_SIDES_334].map(([v], i) => ({
      ...real[0]!,
      Master_Incident_Number: `T330-${i}`,
      'Street Display': v,
    }));
    const file = writeRows(join(dir, 'calls.csv'), Object.keys(real[0]!), {}, [...real, ...planted]);
    await ingest({ files: [file], profile: 'minneapolis-cad', store: join(dir, 'store') });
    const rows = await storeRows<{ source_call_id: string; block_address: string | null }>(
      join(dir, 'store'),
      'SELECT source_call_id, block_address FROM calls',
    );
    stored = new Map(rows.map((r) => [r.source_call_id, r.block_address]));
  });

  it('stores the street alone, and the block level of what it stores is the same', async () => {
    const sides = [...NAME_SIDES, ...NAME_SIDES_332, ...NAME_SIDES_334];
    const got = sides.map((_, i) => stored.get(`T330-${i}`));
    // An address with nothing left is stored as none.
    expect(got).toEqual(sides.map(([, b]) => (b === '' ? null : b)));
    const again = await blocks([...stored.values()].filter((b): b is string => b !== null));
    expect(again.filter((r) => r.b !== r.v).map((r) => [r.v, r.b])).toEqual([]);
  });
});
