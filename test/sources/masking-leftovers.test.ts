/**
 * Leftovers of the masking of names and telephone numbers in stored values (helper D132): a name after a
 * phrase that names someone (`CALLER HIS NAME IS JOHN SMITH` was stored `CALLER X IS JOHN SMITH`), a doctor's
 * `DR` and name after a street (the address `1234 MAIN ST DR SMITH` was stored `12XX MAIN ST DR`; a text
 * value's `1234 CIRCLE DR NE` was stored `12XX CIRCLE DR X`), and seven digits at a value's start
 * (`5551234 CALLER SAYS` was kept). Expectations written by hand from docs/schema.md ("What is never loaded"):
 * a name or a number is `X`, the words before it kept; an address is at block level, whoever follows it gone.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { literal } from '../../src/util/sql.js';
import { blockLevels } from '../helpers/block-levels.js';
import { sharedFile } from '../helpers/shared-data.js';
import { stored, textValues } from '../helpers/text-values.js';

describe('a name after a phrase that names someone, in a text value', () => {
  const { maskedAll } = textValues();
  const MASKED: [string, string][] = [
    ['CALLER HIS NAME IS JOHN SMITH', 'CALLER HIS NAME IS X'],
    ['Check Welfare HER NAME IS MARY JONES', 'Check Welfare HER NAME IS X'],
    ['NAME IS JOHN SMITH', 'NAME IS X'],
    ['Welfare Check NAMED JOHN SMITH (P)', 'Welfare Check NAMED X (P)'],
    ['RP SON NAMED JOHN SMITH', 'RP SON NAMED X'],
    ['RP HER SON NAMED JOHN SMITH', 'RP HER SON NAMED X'],
    ['CALLER MALE NAMED JOHN SMITH IS INTOXICATED', 'CALLER MALE NAMED X IS INTOXICATED'],
    ['caller his name is john smith', 'caller his name is X'],
  ];
  it('is masked, the phrase kept', async () => {
    expect(await maskedAll(MASKED)).toEqual(MASKED.map(([, m]) => m));
  });
  it('leaves the phrase with no name after it', async () => {
    const kept = ['CALLER HIS NAME IS', 'NAMED PERSON', 'RP HER SON JOHN SMITH'];
    // A possessive before a name after a caller's word still goes with the name (tester 383).
    expect(await maskedAll(kept.map((v) => [v, v]))).toEqual(['CALLER HIS NAME IS', 'NAMED PERSON', 'RP X']);
  });
  it("takes `named` in lower case for prose, not a name's word", async () => {
    // Ingest's own quarantine reason was stored "some columns named X".
    const prose = ['some columns named otherwise (two exports joined into one file?)', 'a file named calls'];
    expect(await maskedAll(prose.map((v) => [v, v]))).toEqual(prose);
  });
});

describe("a doctor's DR after a street", () => {
  const { expectBlocks } = blockLevels();
  it('is a name in the address, and goes with it', async () => {
    await expectBlocks([
      ['1234 MAIN ST DR SMITH', '12XX MAIN ST'],
      ['1234 MAIN ST N DR JOHN SMITH', '12XX MAIN ST N'],
      ['1234 MAIN ST, DR SMITH', '12XX MAIN ST'],
      ['1234 MAIN ST; DR. JOHN SMITH', '12XX MAIN ST'],
    ]);
  });
  it("is the street's type at the end or before a direction, and a street so named stays", async () => {
    await expectBlocks([
      ['12XX MAIN ST DR', '12XX MAIN ST DR'],
      ['1234 MAIN ST DR', '12XX MAIN ST DR'],
      ['1234 PARK CIRCLE DR NE', '12XX PARK CIRCLE DR NE'],
      ['1234 TECHNOLOGY DR NE', '12XX TECHNOLOGY DR NE'],
      ['ELM ST, DR MARTIN LUTHER KING JR BLVD', 'ELM ST, DR MARTIN LUTHER KING JR BLVD'],
    ]);
  });

  const { maskedAll } = textValues();
  it('is a title in a text value, and a direction after a street type and DR is no name', async () => {
    const CASES: [string, string][] = [
      ['Check Welfare 1234 MAIN ST DR SMITH', 'Check Welfare 12XX MAIN ST DR X'],
      ['Welfare 12XX MAIN ST DR', 'Welfare 12XX MAIN ST DR'],
      ['1234 CIRCLE DR NE', '12XX CIRCLE DR NE'],
      ['Check Welfare 1234 CIRCLE DR NE APT 5', 'Check Welfare 12XX CIRCLE DR NE'],
      ['1234 LAKE ST DR NE (P)', '12XX LAKE ST DR NE (P)'],
      ['DR N SMITH', 'DR X'],
    ];
    expect(await maskedAll(CASES)).toEqual(CASES.map(([, m]) => m));
  });
});

describe("seven digits at a value's start", () => {
  const { maskedAll } = textValues();
  it('are a telephone number before spaces and a word', async () => {
    const CASES: [string, string][] = [
      ['5551234 CALLER SAYS', 'X CALLER SAYS'],
      ['5551234 caller says', 'X caller says'],
      ['\uFF15\uFF15\uFF15\uFF11\uFF12\uFF13\uFF14 CALLER SAYS', 'X CALLER SAYS'],
    ];
    expect(await maskedAll(CASES)).toEqual(CASES.map(([, m]) => m));
  });
  it('are a code alone, and a run of another length or with a first digit 0 or 1 stays', async () => {
    const KEPT = ['2345678', '5551234', '1234567 CALLER', '555123 CALLER', '55512345 CALLER'];
    expect(await maskedAll(KEPT.map((v) => [v, v]))).toEqual(KEPT);
  });
});

/**
 * The built-in exports' columns ingest may read as text: not the address's (block-address.ts) nor a point's
 * (read as numbers: a longitude of seven fraction digits reads as a telephone number as text).
 */
const REAL: [string, string[]][] = [
  ['minneapolis/calls_2022_d.csv', ['Street Display', 'crossStreet']],
  ['seattle/call_data_sample_2018-2023.csv', ['Blurred_Longitude', 'Blurred_Latitude']],
  ['seattle/spd_dispatch_2024-01-01_to_04.csv', ['Dispatch_Longitude', 'dispatch_latitude']],
  ['burlington_vt/police-incidents-2022.csv', ['Street']],
];

describe("the built-in exports' text values", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openEngine();
  });
  afterAll(() => conn.closeSync());

  it.each(REAL)(
    'are every one stored as it is in %s',
    async (rel, skipped) => {
      const from = `read_csv(${literal(sharedFile(rel))}, all_varchar = true)`;
      const columns = (await queryRows<{ column_name: string }>(conn, `DESCRIBE SELECT * FROM ${from}`))
        .map((c) => c.column_name)
        .filter((c) => !skipped.includes(c));
      const values = columns
        .map((c) => `SELECT DISTINCT "${c.replace(/"/g, '""')}" AS v FROM ${from}`)
        .join(' UNION ');
      const rows = await queryRows<{ n: bigint; changed: string[] }>(
        conn,
        `SELECT count(*) AS n, coalesce(list(v) FILTER (WHERE ${stored('v')} <> v), [])[1:5] AS changed FROM (${values})`,
      );
      expect(rows[0]).toMatchObject({ changed: [] });
      expect(Number(rows[0]!.n)).toBeGreaterThan(100);
    },
    60_000,
  );
});
