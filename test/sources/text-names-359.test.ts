/**
 * Names and flats kept in the text values ingest stores (tester 359): a caller's name after `CALLER`, `RP`,
 * `MR`... in a call type, a disposition or a response plan (`Check Welfare CALLER ZORBA QUIXOTE (P)`,
 * `INF-RP ZORBA QUIXOTE`, `P3 CALLER ZORBA QUIXOTE`), and a flat written before the house number (`APT 5 1234
 * MAIN ST` was stored `APT 5 12XX MAIN ST`). Expectations are worked by hand from docs/schema.md ("What is
 * never loaded"): the name, one to three words in capitals, written `X` with its word kept; the flat dropped
 * and the house number at block level. A call type's own words after such a word stay, and so does every
 * real export's value that holds one.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { literal } from '../../src/util/sql.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';
import { stored, textValues } from '../helpers/text-values.js';

const NAMES: [string, string][] = [
  ['Check Welfare CALLER ZORBA QUIXOTE (P)', 'Check Welfare CALLER X (P)'],
  ['Check Welfare RP ZORBA QUIXOTE (P)', 'Check Welfare RP X (P)'],
  ['Check Welfare MR QUIXOTE (P)', 'Check Welfare MR X (P)'],
  ['INF-RP ZORBA QUIXOTE', 'INF-RP X'],
  ['P3 CALLER ZORBA QUIXOTE', 'P3 CALLER X'],
  // The telephone number's mask after the name is one with it.
  ['Welfare Check RP ZORBA QUIXOTE 802-555-0142', 'Welfare Check RP X'],
  ['Check Welfare ATTN ZORBA QUIXOTE', 'Check Welfare ATTN X'],
  // Phrases of words a call type uses too (tester 366).
  ['Check Welfare REPORTED BY ZORBA QUIXOTE', 'Check Welfare REPORTED BY X'],
  ['Check Welfare CALLED BY ZORBA QUIXOTE', 'Check Welfare CALLED BY X'],
  ['Check Welfare CALLED IN BY ZORBA QUIXOTE', 'Check Welfare CALLED IN BY X'],
  ['Check Welfare CARE OF ZORBA QUIXOTE', 'Check Welfare CARE OF X'],
  ['REPORTED BY ZORBA QUIXOTE', 'REPORTED BY X'],
  ['Welfare Check per JOHN SMITH (P)', 'Welfare Check per X (P)'],
  ['MR. SMITH', 'MR. X'],
  ["RP: JOHN O'BRIEN, 1234 MAIN ST", 'RP: X, 12XX MAIN ST'],
  ['Check Welfare C/O MRS SMITH-JONES', 'Check Welfare C/O MRS X'],
  ['Check Welfare CALLER JOHN SMITH at 1234 MAIN ST', 'Check Welfare CALLER X at 12XX MAIN ST'],
  // Full-width letters are read as their ASCII; what is kept is as written.
  [
    '\uFF23\uFF21\uFF2C\uFF2C\uFF25\uFF32 \uFF3A\uFF2F\uFF32\uFF22\uFF21 (P)',
    '\uFF23\uFF21\uFF2C\uFF2C\uFF25\uFF32 X (P)',
  ],
  // Masked once, it stays.
  ['Check Welfare CALLER X (P)', 'Check Welfare CALLER X (P)'],
];
const FLATS: [string, string][] = [
  ['APT 5 1234 MAIN ST', '12XX MAIN ST'],
  ['Check Welfare APT 5 1234 MAIN ST (P)', 'Check Welfare 12XX MAIN ST (P)'],
  ['#5, 1234 MAIN ST', '12XX MAIN ST'],
  ['Welfare UNIT 5B 4567 ELM AVE', 'Welfare 45XX ELM AVE'],
  ['Welfare APT B 4567 ELM AVE', 'Welfare 45XX ELM AVE'],
  // A disposition's code and hyphen before the flat's word; a hyphen alone before a house number stays.
  ['INF-APT 5 1234 MAIN ST', 'INF-12XX MAIN ST'],
  ['10-500 MAIN ST', '10-500 MAIN ST'],
];
/** A call type's own words after a caller's word or a title, and numbers that are no house's: kept. */
const KEPT: [string, string][] = [
  ['CALLER HUNG UP', 'CALLER HUNG UP'],
  ['RP REQUEST', 'RP REQUEST'],
  ['MISC RP CONTACT', 'MISC RP CONTACT'],
  ['RP REQUESTS CONTACT BY PHONE', 'RP REQUESTS CONTACT BY PHONE'],
  ['PER ALARM COMPANY', 'PER ALARM COMPANY'],
  ['CLR-Per Caller', 'CLR-Per Caller'],
  ['CLR-PER CALLER', 'CLR-PER CALLER'],
  ['CALLER CANCELLED', 'CALLER CANCELLED'],
  ['RP UTL', 'RP UTL'],
  ['Sex Offender Comp Check (P)', 'Sex Offender Comp Check (P)'],
  ['UNABLE TO LOCATE INCIDENT OR COMPLAINANT', 'UNABLE TO LOCATE INCIDENT OR COMPLAINANT'],
  ['Check 1234 CALLER AVE S', 'Check 12XX CALLER AVE S'],
  ['MS 84.872/85.205 Violation', 'MS (location) Violation'],
  ['MR# 00123456', 'MR# X'],
  ['APT 5 12 MAIN ST', 'APT 5 12 MAIN ST'],
  ['Squad 512 Lake St Detail', 'Squad 512 Lake St Detail'],
];

describe('names after a caller word and flats before the house number in text values (tester 359)', () => {
  const { maskedAll } = textValues();

  it('writes the name X and keeps its word', async () => {
    expect(await maskedAll(NAMES)).toEqual(NAMES.map(([, m]) => m));
  });

  it('drops a flat before the house number', async () => {
    expect(await maskedAll(FLATS)).toEqual(FLATS.map(([, m]) => m));
  });

  it("keeps a call type's own words after a caller's word", async () => {
    expect(await maskedAll(KEPT)).toEqual(KEPT.map(([, m]) => m));
  });
});

describe('ingest masks them in each text value (tester 359)', () => {
  const dir = tempDir();
  const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 3);
  const real = csvObjects(`${lines.join('\n')}\n`);
  let call: Record<string, string | null>;

  beforeAll(async () => {
    const planted = {
      ...real[0]!,
      Master_Incident_Number: 'T359-1',
      Problem: 'Check Welfare RP ZORBA QUIXOTE (P)',
      initialProblem: 'Check Welfare MR QUIXOTE (P)',
      Call_Disposition: 'INF-RP ZORBA QUIXOTE',
      Cancel_Reason: 'REFER APT 5 1234 MAIN ST',
      Response_Plan: 'P3 CALLER ZORBA QUIXOTE',
      Battalion: 'APT 5 1234 MAIN ST',
    };
    const file = writeRows(join(dir, 'calls.csv'), Object.keys(real[0]!), {}, [...real, planted]);
    await ingest({ files: [file], profile: 'minneapolis-cad', store: join(dir, 'store') });
    const rows = await storeRows<Record<string, string | null>>(
      join(dir, 'store'),
      "SELECT call_type_initial_raw, call_type_final_raw, disposition_raw, cancel_reason, response_plan, sector FROM calls WHERE source_call_id = 'T359-1'",
    );
    call = rows[0]!;
  });

  it('in call types, a disposition, a cancel reason, a response plan and a sector', () => {
    expect(call).toEqual({
      call_type_initial_raw: 'Check Welfare MR X (P)',
      call_type_final_raw: 'Check Welfare RP X (P)',
      disposition_raw: 'INF-RP X',
      cancel_reason: 'REFER 12XX MAIN ST',
      response_plan: 'P3 CALLER X',
      sector: '12XX MAIN ST',
    });
  });
});

/** The real exports' columns ingest may read as text, but the address's (cut by block-address.ts). */
const REAL: [string, string[]][] = [
  ['minneapolis/calls_2022_d.csv', ['Street Display', 'crossStreet']],
  ['seattle/call_data_sample_2018-2023.csv', []],
  ['seattle/spd_dispatch_2024-01-01_to_04.csv', []],
  ['burlington_vt/police-incidents-2022.csv', ['Street']],
];

describe("the real exports' values with a caller's word or a title (tester 359)", () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openEngine();
  });
  afterAll(() => conn.closeSync());

  // `CLR-Per Caller`, `Sex Offender Comp Check (P)`, `UNABLE TO LOCATE INCIDENT OR COMPLAINANT`...: none
  // holds a name, nor any other number or address to mask.
  it.each(REAL)('leaves every one of %s as it is', async (rel, addresses) => {
    const from = `read_csv(${literal(sharedFile(rel))}, all_varchar = true)`;
    const columns = (await queryRows<{ column_name: string }>(conn, `DESCRIBE SELECT * FROM ${from}`))
      .map((c) => c.column_name)
      .filter((c) => !addresses.includes(c));
    const values = columns
      .map((c) => `SELECT DISTINCT "${c.replace(/"/g, '""')}" AS v FROM ${from}`)
      .join(' UNION ');
    const words =
      '(?i)\\b(RP|R/P|CALLER|CALLED|REPORTED|CLR|COMP|COMPL|COMPLT|COMPLAINANT|INFORMANT|ATTN|ATTENTION|C/O|CARE|MRS?|MS|MISS|PER)\\b';
    const rows = await queryRows<{ v: string; m: string }>(
      conn,
      `SELECT v, ${stored('v')} AS m FROM (${values}) WHERE regexp_matches(v, '${words}')`,
    );
    expect(rows.filter((r) => r.m !== r.v)).toEqual([]);
  });
});
