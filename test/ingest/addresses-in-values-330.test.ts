/**
 * Addresses and points kept whole in call types (tester 330), which the public report publishes at 11 calls
 * or more: a street with no type after a direction (`Check Welfare 4567 WEST BROADWAY`; Minneapolis' West
 * Broadway has none), a point's latitude and longitude (`Check Welfare 44.9778,-93.2650`) and a post office
 * box (`Check Welfare PO BOX 1535`). Expectations are worked by hand from docs/schema.md ("What is never
 * loaded"): the house or box number at block level, `4567` -> `45XX`, and a point `(location)`. The real
 * exports' text values must come out as they went in: none of them holds such an address.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { pointsReplacedSql, textAddressesBlockedSql } from '../../src/sources/text-addresses.js';

/** The points and addresses of a text value as ingest masks them, without its other masking. */
const blocked = (v: string) => textAddressesBlockedSql(pointsReplacedSql(v));
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { literal } from '../../src/util/sql.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

/** Values planted in the final and initial call type, and what the store should hold, by the rule they test. */
const STREETS: [string, string][] = [
  ['Check Welfare 4567 WEST BROADWAY', 'Check Welfare 45XX WEST BROADWAY'],
  ['Check Welfare 1234 W BROADWAY', 'Check Welfare 12XX W BROADWAY'],
  ['Welfare Check at 4567 W Broadway #5', 'Welfare Check at 45XX W Broadway'],
];
const POINTS: [string, string][] = [
  ['Check Welfare 44.9778,-93.2650', 'Check Welfare (location)'],
  ['Check Welfare 44.977812, -93.265011', 'Check Welfare (location)'],
  ['Check Welfare POINT(-93.2650 44.9778)', 'Check Welfare (location)'],
  // Spaces around the comma: no run of seven digits a telephone number's gate lets through.
  ['Check Welfare 44.978 , -93.265', 'Check Welfare (location)'],
  // Tester 332: the forms CAD systems write, words, hemisphere letters and degree signs going with the pair.
  ['WPH2 LAT 44.977812 LON -93.265011', 'WPH2 (location)'],
  ['Check Welfare LAT: 44.977812 LONG: -93.265011', 'Check Welfare (location)'],
  ['Check Welfare 44.977812/-93.265011', 'Check Welfare (location)'],
  ['Check Welfare 44.977812;-93.265011', 'Check Welfare (location)'],
  ['Check Welfare N44.977812 W93.265011', 'Check Welfare (location)'],
  ['Check Welfare 44.9778\u00B0, -93.2650\u00B0', 'Check Welfare (location)'],
  ['Check Welfare 044.977812 -093.265011', 'Check Welfare (location)'],
  ['Intox 44.9778N 93.2650W', 'Intox (location)'],
  ['Check Welfare LON -93.265011 LAT 44.977812', 'Check Welfare (location)'],
  // Seven fraction digits: a telephone number's to that masking, which ran first and kept the latitude.
  ['Check Welfare 47.6062095, -122.2891907', 'Check Welfare (location)'],
  ['Check Welfare POINT(-122.2891907 47.6062095)', 'Check Welfare (location)'],
  // Tester 334: a hemisphere's letter after a space, and one that ends a word is the word's.
  ['Check Welfare 44.9778\u00B0 N, 93.2650\u00B0 W', 'Check Welfare (location)'],
  ['Check Welfare 44.9778 N 93.2650 W', 'Check Welfare (location)'],
  ['MS 84.872/85.205 Violation', 'MS (location) Violation'],
  ['TOWN 12.345,67.890', 'TOWN (location)'],
];
const BOXES: [string, string][] = [
  ['Check Welfare PO BOX 1535', 'Check Welfare PO BOX 15XX'],
  ['Check Welfare P.O. Box 35', 'Check Welfare P.O. Box XX'],
  ['Check Welfare P O BOX 1535', 'Check Welfare P O BOX 15XX'],
  // Tester 332: a box already cut stays as it is (`15XX` was cut again to `XX`).
  ['Mail PO BOX 15XX', 'Mail PO BOX 15XX'],
  ['Check Welfare P O BOX 15XX', 'Check Welfare P O BOX 15XX'],
  ['Mail PO BOX XX', 'Mail PO BOX XX'],
];
/**
 * Kept: a house number of one or two digits, a direction in lower case, a route's, a unit's or a code's
 * number before a direction, decimals that are no point (a statute's; fewer than three fraction digits; a
 * latitude beyond 90 and a longitude beyond 180), a fire alarm box.
 */
const KEPT: [string, string][] = [
  ['Welfare 12 W BROADWAY', 'Welfare 12 W BROADWAY'],
  ['Welfare 4567 west broadway', 'Welfare 4567 west broadway'],
  ['I-394 W Ramp', 'I-394 W Ramp'],
  ['Crash HWY 100 N Ramp', 'Crash HWY 100 N Ramp'],
  ['Squad 512 N Precinct', 'Squad 512 N Precinct'],
  ['10-50 PD 2 W Officers', '10-50 PD 2 W Officers'],
  ['Domestic Assault 609.2242, 609.2243', 'Domestic Assault 609.2242, 609.2243'],
  ['Welfare 44.97,-93.26', 'Welfare 44.97,-93.26'],
  ['Welfare 94.9778,-193.2650', 'Welfare 94.9778,-193.2650'],
  // Tester 332: the new marks, words and letters change neither the ranges nor the fraction digits.
  ['Domestic Assault 609.2242/609.2243', 'Domestic Assault 609.2242/609.2243'],
  ['Domestic Assault 609.2242;609.2243', 'Domestic Assault 609.2242;609.2243'],
  ['Welfare LAT 44.97 LON -93.26', 'Welfare LAT 44.97 LON -93.26'],
  ['Welfare N94.9778 W193.2650', 'Welfare N94.9778 W193.2650'],
  ['Fire Alarm Box 1535', 'Fire Alarm Box 1535'],
];
const TYPES = { STREETS, POINTS, BOXES, KEPT };

describe('streets with no type, points and post office boxes in the text values ingest stores (tester 330)', () => {
  const dir = tempDir();
  const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 21);
  const real = csvObjects(`${lines.join('\n')}\n`);
  let calls: Map<string, Record<string, string | null>>;

  beforeAll(async () => {
    const planted = Object.entries(TYPES).flatMap(([set, values]) =>
      values.map(([v], i) => ({
        ...real[0]!,
        Master_Incident_Number: `T330-${set}-${i}`,
        Problem: v,
        initialProblem: v,
      })),
    );
    const other = {
      ...real[0]!,
      Master_Incident_Number: 'T330-o',
      Call_Disposition: 'AOK- All OK at 4567 WEST BROADWAY',
      Cancel_Reason: 'NRR-No Response Required POINT(-93.2650 44.9778) PO BOX 1535',
    };
    const file = writeRows(join(dir, 'calls.csv'), Object.keys(real[0]!), {}, [...real, ...planted, other]);
    await ingest({ files: [file], profile: 'minneapolis-cad', store: join(dir, 'store') });
    const stored = await storeRows<Record<string, string | null>>(
      join(dir, 'store'),
      'SELECT source_call_id, call_type_initial, call_type_final, call_type_final_raw, disposition_raw, cancel_reason FROM calls',
    );
    calls = new Map(stored.map((r) => [r.source_call_id!, r]));
  });

  /** The stored call types (initial, final and raw final) of one set's calls, and what they should be. */
  const storedOf = (set: keyof typeof TYPES) => [
    TYPES[set].map((_, i) => {
      const c = calls.get(`T330-${set}-${i}`)!;
      return [c.call_type_initial, c.call_type_final, c.call_type_final_raw];
    }),
    TYPES[set].map(([, m]) => [m, m, m]),
  ];

  it('stores a house number before a direction and a street with no type at block level, its flat dropped', () => {
    const [stored, expected] = storedOf('STREETS');
    expect(stored).toEqual(expected);
  });

  it("stores a point's latitude and longitude as (location)", () => {
    const [stored, expected] = storedOf('POINTS');
    expect(stored).toEqual(expected);
  });

  it("stores a post office box's number at block level", () => {
    const [stored, expected] = storedOf('BOXES');
    expect(stored).toEqual(expected);
  });

  it('keeps the numbers that are no house, point or box, and a house number of one or two digits', () => {
    const [stored, expected] = storedOf('KEPT');
    expect(stored).toEqual(expected);
  });

  it('does so in a disposition and a cancel reason', () => {
    expect(calls.get('T330-o')).toMatchObject({
      disposition_raw: 'AOK- All OK at 45XX WEST BROADWAY',
      cancel_reason: 'NRR-No Response Required (location) PO BOX 15XX',
    });
  });
});

/**
 * The real exports' columns ingest reads as text, but the address's (cut by block-address.ts, and
 * Burlington's `Street` holds `PO Box 1535`).
 */
const REAL: [string, string[]][] = [
  ['minneapolis/calls_2022_d.csv', ['Street Display', 'crossStreet']],
  ['seattle/call_data_sample_2018-2023.csv', []],
  ['seattle/spd_dispatch_2024-01-01_to_04.csv', []],
  ['burlington_vt/police-incidents-2022.csv', ['Street']],
];

describe('the cut run again (tester 332)', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openEngine();
  });
  afterAll(() => conn.closeSync());

  it('gives what it gave once, for every planted value', async () => {
    const values = Object.values(TYPES).flatMap((set) => set.map(([v]) => v));
    const rows = await queryRows<{ once: string; twice: string }>(
      conn,
      `SELECT ${blocked('v')} AS once, ${blocked(blocked('v'))} AS twice FROM (SELECT unnest([${values.map(literal).join(', ')}]) AS v)`,
    );
    expect(rows.filter((r) => r.once !== r.twice)).toEqual([]);
    expect(rows).toHaveLength(values.length);
  });
});

describe('the real exports text values (tester 330)', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openEngine();
  });
  afterAll(() => conn.closeSync());

  it.each(REAL)('leaves every distinct value of %s as it is', async (rel, addresses) => {
    const from = `read_csv(${literal(sharedFile(rel))}, all_varchar = true)`;
    const columns = (await queryRows<{ column_name: string }>(conn, `DESCRIBE SELECT * FROM ${from}`))
      .map((c) => c.column_name)
      .filter((c) => !addresses.includes(c));
    const values = columns
      .map((c) => `SELECT DISTINCT "${c.replace(/"/g, '""')}" AS v FROM ${from}`)
      .join(' UNION ');
    const rows = await queryRows<{ n: bigint; changed: string[] }>(
      conn,
      `SELECT count(*) AS n, coalesce(list(v) FILTER (WHERE ${blocked('v')} <> v), [])[1:5] AS changed FROM (${values})`,
    );
    expect(rows[0]).toMatchObject({ changed: [] });
    expect(Number(rows[0]!.n)).toBeGreaterThan(100);
  });
});
