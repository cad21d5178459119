/**
 * Street addresses and seven-digit numbers inside text values other than the address (tester 297): a call
 * type `Check the Welfare 4567 ELM AVE APT 5`, a disposition `AOK- All OK at 1234 MAIN ST APT 5` and a call
 * type `Check the Welfare 555-0134` were stored whole and, at 11 calls or more, published in the public
 * report's pathways. Expectations are worked by hand from docs/schema.md ("What is never loaded"): the house
 * number at block level as the address has it (`4567` -> `45XX`, `12` -> `0XX`), the flat dropped, and the
 * number written `X`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

/** A value planted in the final and initial call type, and what the store should hold. */
const TYPES: [string, string][] = [
  ['Check the Welfare 4567 ELM AVE APT 5', 'Check the Welfare 45XX ELM AVE'],
  ['Check the Welfare at 1234 MAIN ST', 'Check the Welfare at 12XX MAIN ST'],
  ['Check the Welfare at 1234 Main St #4', 'Check the Welfare at 12XX Main St'],
  ['Welfare 1234-1236 MAIN ST, UNIT 5B', 'Welfare 12XX MAIN ST'],
  ['Welfare 1234 1/2 OAK AVE S', 'Welfare 12XX OAK AVE S'],
  ['Welfare 98765 LONG RD', 'Welfare 987XX LONG RD'],
  ['10-50 PD 1234 Main St', '10-50 PD 12XX Main St'],
  // Tester 300: a mall, four words before the type, a letter after a hyphen, a floor.
  ['Welfare 1234 NICOLLET MALL', 'Welfare 12XX NICOLLET MALL'],
  ['Welfare 1234 MARTIN LUTHER KING JR BLVD', 'Welfare 12XX MARTIN LUTHER KING JR BLVD'],
  ['Welfare 1234-A ELM AVE FL 3', 'Welfare 12XX ELM AVE'],
  ['Check the Welfare 555-0134', 'Check the Welfare X'],
  // Kept: an intersection, a house number of one or two digits, words in lower case, and numbers before a
  // street that are no house's (tester 301: 10-codes, routes, exits, units, counts), numbers that are no
  // telephone's (a statute, clock times, a case number).
  ['Disturbance MAIN ST & 1ST AVE', 'Disturbance MAIN ST & 1ST AVE'],
  ['Welfare 12 N 5TH ST', 'Welfare 12 N 5TH ST'],
  ['Transport 2 people to ct', 'Transport 2 people to ct'],
  ['10-50 PI HWY 55', '10-50 PI HWY 55'],
  ['10-50 PD Lake St', '10-50 PD Lake St'],
  ['I-394 HOV LN', 'I-394 HOV LN'],
  ['US 169 Service Rd', 'US 169 Service Rd'],
  ['CSAH 152 Brooklyn Blvd', 'CSAH 152 Brooklyn Blvd'],
  ['Exit 235 Cedar Ave Ramp', 'Exit 235 Cedar Ave Ramp'],
  ['Squad 512 Lake St Detail', 'Squad 512 Lake St Detail'],
  ['Detail 2 Officers Lake St', 'Detail 2 Officers Lake St'],
  ['Domestic Assault 609.2242', 'Domestic Assault 609.2242'],
  ['No Parking 700-1800', 'No Parking 700-1800'],
  ['Case 22-555-0134', 'Case 22-555-0134'],
  ['P3 2 Officer Response', 'P3 2 Officer Response'],
];

/** A raw call type with a tab, a double space, a no-break space or a leading BOM, and its raw column stored. */
const SPACED: [string, string][] = [
  ['Welfare 1234 MAIN\tST', 'Welfare 12XX MAIN\tST'],
  ['Welfare  4567  ELM  AVE  APT 5', 'Welfare  45XX  ELM  AVE'],
  ['Welfare\u00A01234\u00A0MAIN ST', 'Welfare\u00A012XX\u00A0MAIN ST'],
  ['\uFEFF4567 ELM AVE Welfare', '\uFEFF45XX ELM AVE Welfare'],
];

describe('addresses and seven-digit numbers in the text values ingest stores (tester 297)', () => {
  const dir = tempDir();
  const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 201);
  const real = csvObjects(`${lines.join('\n')}\n`);
  let calls: Map<string, Record<string, string | null>>;
  let quarantine: Record<string, string>[];

  beforeAll(async () => {
    const planted = TYPES.map(([v], i) => ({
      ...real[0]!,
      Master_Incident_Number: `T297-${i}`,
      Problem: v,
      initialProblem: v,
    }));
    const other = {
      ...real[0]!,
      Master_Incident_Number: 'T297-o',
      Call_Disposition: 'AOK- All OK at 1234 MAIN ST APT 5',
      Cancel_Reason: 'NRR-No Response Required 1234 MAIN ST 555-0134',
    };
    // White space as a raw value has it (tester 305): the raw call type column keeps it, and is masked too.
    const spaced = SPACED.map(([v], i) => ({
      ...real[0]!,
      Master_Incident_Number: `T305-${i}`,
      Problem: v,
      initialProblem: v,
    }));
    // Quarantined (its pickup time holds an address): the quarantine file's values are masked as stored ones.
    const bad = { ...real[0]!, Master_Incident_Number: 'T297-q', Time_PhonePickUp: '1234 MAIN ST APT 5' };
    const file = writeRows(join(dir, 'calls.csv'), Object.keys(real[0]!), {}, [
      ...real,
      ...planted,
      ...spaced,
      other,
      bad,
    ]);
    const summary = await ingest({ files: [file], profile: 'minneapolis-cad', store: join(dir, 'store') });
    expect(summary.totals.quarantined).toBe(1);
    quarantine = csvObjects(readFileSync(summary.quarantine_file!, 'utf8'));
    const stored = await storeRows<Record<string, string | null>>(
      join(dir, 'store'),
      'SELECT source_call_id, call_type_initial, call_type_final, call_type_final_raw, disposition_raw, cancel_reason FROM calls',
    );
    calls = new Map(stored.map((r) => [r.source_call_id!, r]));
  });

  it('stores a house number in a call type at block level, drops the flat and masks a seven-digit number', () => {
    const stored = TYPES.map((_, i) => {
      const c = calls.get(`T297-${i}`)!;
      return [c.call_type_initial, c.call_type_final];
    });
    expect(stored).toEqual(TYPES.map(([, m]) => [m, m]));
  });

  it('does so in the raw call type column, whatever white space the export wrote (tester 305)', () => {
    // Compared without a leading BOM: DuckDB's client gives JavaScript text without one.
    const stored = SPACED.map((_, i) => calls.get(`T305-${i}`)!.call_type_final_raw);
    expect(stored).toEqual(SPACED.map(([, m]) => m.replace(/^\uFEFF/, '')));
  });

  it('does so in a disposition and a cancel reason', () => {
    expect(calls.get('T297-o')).toMatchObject({
      disposition_raw: 'AOK- All OK at 12XX MAIN ST',
      cancel_reason: 'NRR-No Response Required 12XX MAIN ST X',
    });
  });

  it('writes the quarantine file with the address at block level', () => {
    const row = quarantine.find((q) => q.raw_values?.includes('T297-q'));
    expect(row?.raw_values).toContain('12XX MAIN ST');
    expect(JSON.stringify(quarantine)).not.toMatch(/1234 MAIN|APT 5/);
  });

  it("stores every real call's call types, disposition and cancel reason as the export wrote them", () => {
    // The profile's normalisers: an agency suffix (`~FIRE`), then a discipline suffix (`(P)`).
    const strip = (v: string | undefined) =>
      v === undefined || v === ''
        ? null
        : v
            .replace(/\s*~\s*[A-Za-z]+\s*$/, '')
            .replace(/\s*\((P|PE|PF|PFE|FE|F|E|UM|U|M)?\)?\s*$/, '')
            .trim();
    const changed = real.filter((r) => {
      const c = calls.get(r.Master_Incident_Number!);
      if (!c) return false; // an exact duplicate of the first 200 rows
      return (
        c.call_type_final !== strip(r.Problem) ||
        c.call_type_initial !== strip(r.initialProblem) ||
        c.disposition_raw !== (r.Call_Disposition || null) ||
        c.cancel_reason !== (r.Cancel_Reason || null)
      );
    });
    expect(changed.map((r) => r.Master_Incident_Number)).toEqual([]);
    expect(calls.size).toBeGreaterThan(190);
  });
});
