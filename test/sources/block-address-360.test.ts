/**
 * One place written several ways is one block (tester 360, docs/schema.md "What is never loaded" and
 * docs/metrics.md "Repeat locations"): a full stop ending a word goes, and `SAINT` before a name is written
 * `ST`. The spellings are worked by hand from the documented rules, run through DuckDB as ingest runs them and
 * again on their own output; Burlington's real file is counted a second way, its Street column read with the
 * tests' naive CSV parser and the spellings folded here, against the store's repeat locations.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { blockLevels } from '../helpers/block-levels.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

const { blocks, expectBlocks } = blockLevels();

describe('a full stop ending a word (tester 360)', () => {
  it('goes, before a space, a mark or the end', async () => {
    await expectBlocks([
      ['ST. PAUL ST', 'ST PAUL ST'],
      ['St Paul St.', 'St Paul St'],
      ['N. Winooski Ave.', 'N Winooski Ave'],
      ['Colchester Ave.', 'Colchester Ave'],
      ['1234 N. MAIN ST.', '12XX N MAIN ST'],
      ['0003XX 1ST AVE. N.', '3XX 1ST AVE N'],
      ['MAIN ST.,', 'MAIN ST'],
      ['MAIN ST..', 'MAIN ST'],
      // An intersection: both sides lose theirs, then are ordered.
      ['CHURCH ST./MAIN ST.', 'CHURCH ST/MAIN ST'],
      ['Church St./Cherry St.', 'Cherry St/Church St'],
      ['MAIN ST. & CHURCH ST.', 'CHURCH ST & MAIN ST'],
    ]);
  });

  it('stays inside a number, in coordinates and in an initialism, and a placeholder is still none', async () => {
    await expectBlocks([
      ['I-89 MM 12.5', 'I 89 MM 12.5'],
      ['44.977812', '0XX'],
      ['44.4759, -73.2121', null],
      ['**Redacted 13.82**', null],
      ['N.A.', null],
      ['1234 MAIN ST 12.5', '12XX MAIN ST 0XX'],
      ['T.H. 55', 'T.H. 55'],
      ['1234 MAIN ST U.S.A.', '12XX MAIN ST U.S.A.'],
      // Before a letter: a word of its own, not an abbreviation's end.
      ['ST.PAUL ST', 'ST.PAUL ST'],
    ]);
  });
});

describe('SAINT before a name (tester 360)', () => {
  it('is written ST, in its own case', async () => {
    await expectBlocks([
      ['SAINT PAUL ST', 'ST PAUL ST'],
      ['Saint Paul St', 'St Paul St'],
      ['saint paul st', 'st paul st'],
      ['1234 SAINT PAUL ST', '12XX ST PAUL ST'],
      ['0003XX SAINT ANTHONY PKWY', '3XX ST ANTHONY PKWY'],
      ['OLD SAINT ANTHONY LN', 'OLD ST ANTHONY LN'],
      // Ordered as stored: `MAIN ST` before `ST PAUL ST`, `SCHOOL ST` before it too.
      ['Saint Paul St / Main St', 'Main St/St Paul St'],
      ['SAINT PAUL ST/SCHOOL ST', 'SCHOOL ST/ST PAUL ST'],
      // A word that only begins with it stays.
      ['1234 SAINTS WAY', '12XX SAINTS WAY'],
      ['SAINTLY LN', 'SAINTLY LN'],
    ]);
  });

  it("makes Burlington's three spellings of St Paul St, and its two of a crossing, one block each", async () => {
    const got = await blocks([
      'ST PAUL ST',
      'SAINT PAUL ST',
      'ST. PAUL ST',
      'St. Paul St',
      'Saint Paul St',
      'St Paul St.',
    ]);
    expect(new Set(got.map((r) => r.b!.toUpperCase()))).toEqual(new Set(['ST PAUL ST']));
    const crossing = await blocks(['CHURCH ST/MAIN ST', 'CHURCH ST./MAIN ST.', 'Main St. / Church St.']);
    expect(new Set(crossing.map((r) => r.b!.toUpperCase()))).toEqual(new Set(['CHURCH ST/MAIN ST']));
  });
});

describe("Burlington's repeat locations (tester 360)", () => {
  const file = sharedFile('burlington_vt/police-incidents-2022.csv');
  const dir = tempDir('safegap-360-');
  let listed: Record<string, string>[];
  beforeAll(async () => {
    await ingest({ files: [file], profile: 'burlington-vt', store: join(dir, 'store') });
    await buildReport({ store: join(dir, 'store'), out: join(dir, 'out'), minCount: 5, top: 400 });
    listed = reportCsv(join(dir, 'out'), 'repeat_locations');
  }, 300_000);

  /**
   * The Street column folded a second way, by words: upper case, a full stop at a word's end dropped,
   * `SAINT` as `ST`; the two sides of a crossing sorted.
   */
  const fold = (street: string): string =>
    street
      .split('/')
      .map((side) =>
        side
          .toUpperCase()
          .split(/\s+/)
          .filter((w) => w !== '')
          .map((w) => w.replace(/\.+$/, ''))
          .map((w) => (w === 'SAINT' ? 'ST' : w))
          .join(' '),
      )
      .sort()
      .join('/');

  it('counts every spelling of St Paul St, and of Church St and Main St, in one block', () => {
    const streets = csvObjects(readFileSync(file, 'utf8')).map((r) => r.Street ?? '');
    const spellings = (place: string) => {
      const m = new Map<string, number>();
      for (const s of streets) if (fold(s) === place) m.set(s, (m.get(s) ?? 0) + 1);
      return m;
    };
    const paul = spellings('ST PAUL ST');
    const crossing = spellings('CHURCH ST/MAIN ST');
    // The tester's spellings are there, so that the block is more than one of them.
    for (const s of ['St Paul St', 'Saint Paul St', 'St. Paul St']) expect(paul.get(s)).toBeGreaterThan(0);
    for (const s of ['Church St/Main St', 'Church St./Main St.']) expect(crossing.get(s)).toBeGreaterThan(0);
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, n) => a + n, 0);

    // The report's table is the list of all calls (block, calls, per_year, share).
    const all = listed;
    const calls = (block: string) => all.filter((r) => r.block === block).map((r) => Number(r.calls));
    expect(calls('ST PAUL ST')).toEqual([total(paul)]);
    expect(calls('CHURCH ST/MAIN ST')).toEqual([total(crossing)]);
    // No other listed block is a spelling of either.
    const others = all.filter(
      (r) => ['ST PAUL ST', 'CHURCH ST/MAIN ST'].includes(fold(r.block!)) && fold(r.block!) !== r.block,
    );
    expect(others).toEqual([]);
  });
});
