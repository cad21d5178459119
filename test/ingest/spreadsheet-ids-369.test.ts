/**
 * Tester 369: two defects of ingest with a spreadsheet's damage to an export. An id a spreadsheet wrote in
 * scientific notation (`2.02300031982E+12` for `2023000319821`) loaded without a word, its last digit lost;
 * and a row quarantined for a conflicting id showed the profile's fields as ingest read them (a time
 * parsed, `{"received":"2018-06-24 15:41:46"}`) where every other row shows the export's own columns and
 * text. Every expectation below is worked by hand from the rows written here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { openEngine } from '../../src/store/duckdb.js';
import { csvObjects } from '../helpers/csv.js';
import { tempDir } from '../helpers/shared-data.js';

const dir = tempDir('safegap-369-ids-');

const HEADER = ['Event No', 'Queued At', 'Nature', 'Street', 'Pct'];

/** A profile for HEADER, with `more` fields: `Pct` is not read. */
function writeProfile(more: string[] = []): string {
  const profile = join(dir, `sea${more.length}.yaml`);
  writeFileSync(
    profile,
    [
      'name: Spreadsheet ids',
      'source: sheet',
      'time_zone: America/Los_Angeles',
      "timestamps: { format: '%m/%d/%Y %I:%M:%S %p' }",
      'id: Event No',
      'times: { received: Queued At }',
      'fields:',
      '  call_type_final: Nature',
      '  block_address: Street',
      ...more,
      'origin: { default: unknown, rules: [] }',
      'responder: { default: police, rules: [] }',
      '',
    ].join('\n'),
  );
  return profile;
}

/** Ingests rows (under HEADER, `;`-free values) into a fresh store. */
async function ingestRows(name: string, rows: string[][], maxBadRatio = 0.5) {
  const file = join(dir, name);
  writeFileSync(file, [HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  return ingest({ files: [file], profile: writeProfile(), store: join(dir, `${name}.store`), maxBadRatio });
}

describe('ids a spreadsheet wrote in scientific notation (tester 369)', () => {
  it('are loaded and said so: how many, the first with its row, the digits lost and the fix', async () => {
    const s = await ingestRows('sci.csv', [
      ['2023000319821', '11/04/2023 6:08:26 PM', 'THEFT', '500 Pike St', 'EAST'],
      ['2.02300031982E+12', '11/04/2023 7:08:26 PM', 'THEFT', '500 Pike St', 'EAST'],
      ['2.02300031985e+12', '11/04/2023 8:08:26 PM', 'THEFT', '500 Pike St', 'EAST'],
      // No point in the mantissa, or an exponent under 5: a numbering's own ids, not a spreadsheet's
      // (`2.5E12` without its `+` is one since tester 374).
      ['22E5123', '11/04/2023 9:08:26 PM', 'THEFT', '500 Pike St', 'EAST'],
      ['2.5E3', '11/04/2023 9:18:26 PM', 'THEFT', '500 Pike St', 'EAST'],
    ]);
    // By hand: five calls loaded, rows 2 and 3 in scientific notation, row 2 the first.
    expect(s.totals).toEqual({ rows_read: 5, loaded: 5, quarantined: 0, duplicates: 0 });
    const notes = s.warnings.filter((w) => w.includes('scientific notation'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(
      '2 calls have ids written in scientific notation (such as `2.02300031982E+12`, row 2 of sci.csv)',
    );
    expect(notes[0]).toContain('last digits are lost');
    expect(notes[0]).toMatch(
      /Export the file again from the CAD .* format the id column as a number with no decimals/,
    );
  });

  it('counts one that collides with another once, its earlier row quarantined as a conflicting id', async () => {
    // Two calls 2023000319821 and 2023000319822 both written `2.02300031982E+12`: one id, two values.
    const s = await ingestRows('collide.csv', [
      ['2.02300031982E+12', '11/04/2023 6:08:26 PM', 'THEFT', '500 Pike St', 'EAST'],
      ['2.02300031982E+12', '11/04/2023 7:08:26 PM', 'ASSAULT', '500 Pike St', 'EAST'],
      ['1001', '11/04/2023 8:08:26 PM', 'THEFT', '500 Pike St', 'EAST'],
    ]);
    expect(s.totals).toEqual({ rows_read: 3, loaded: 2, quarantined: 1, duplicates: 0 });
    const notes = s.warnings.filter((w) => w.includes('scientific notation'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(
      '1 call has an id written in scientific notation (such as `2.02300031982E+12`, row 2 of collide.csv)',
    );
  });

  it('says nothing of an export without them', async () => {
    const s = await ingestRows('plain.csv', [
      ['2023000319821', '11/04/2023 6:08:26 PM', 'THEFT', '500 Pike St', 'EAST'],
      ['22E5123', '11/04/2023 7:08:26 PM', 'THEFT', '500 Pike St', 'EAST'],
    ]);
    expect(s.warnings.filter((w) => w.includes('scientific notation'))).toEqual([]);
  });
});

describe("a conflicting id's row in the quarantine file (tester 369)", () => {
  it("shows the export's columns the profile reads and their text as written, as any quarantined row", async () => {
    const s = await ingestRows(
      'conflict.csv',
      [
        ['7', '06/24/2018 3:41:46 PM', 'PARKING', '500 Pike St', 'EAST'],
        ['8', 'not a time', 'THEFT', '1234 Main St', 'EAST'],
        ['7', '10/28/2022 6:49:11 AM', 'TREES DOWN', '500 Pike St', 'WEST'],
        // Padded ids are read without their spaces: row 4 conflicts with row 5.
        [' 9 ', '01/02/2020 1:00:00 AM', 'THEFT', '1234 Main St', 'EAST'],
        ['9', '01/02/2020 1:00:00 AM', 'ASSAULT', '1234 Main St', 'EAST'],
        // Rows 6 and 7 differ only in Pct, which the profile does not read.
        ['10', '01/03/2020 1:00:00 AM', 'THEFT', '1234 Main St', 'EAST'],
        ['10', '01/03/2020 1:00:00 AM', 'THEFT', '1234 Main St', 'WEST'],
      ],
      0.9,
    );
    expect(s.totals).toEqual({ rows_read: 7, loaded: 3, quarantined: 4, duplicates: 0 });
    const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
    expect(q.map((r) => [r.row, r.reason!.split(':')[0]])).toEqual([
      ['1', 'conflicting id'],
      ['2', 'received time'],
      ['4', 'conflicting id'],
      ['6', 'conflicting id'],
    ]);
    // By hand from the rows above: the read columns in the order the profile reads them, the address at
    // block level, `Pct` never; the time as the file wrote it, not as ingest read it.
    const raw = (id: string, at: string, nature: string, street: string) => ({
      'Event No': id,
      'Queued At': at,
      Nature: nature,
      Street: street,
    });
    expect(JSON.parse(q[0]!.raw_values!)).toEqual(
      raw('7', '06/24/2018 3:41:46 PM', 'PARKING', '5XX Pike St'),
    );
    expect(JSON.parse(q[1]!.raw_values!)).toEqual(raw('8', 'not a time', 'THEFT', '12XX Main St'));
    expect(JSON.parse(q[2]!.raw_values!)).toEqual(
      raw(' 9 ', '01/02/2020 1:00:00 AM', 'THEFT', '12XX Main St'),
    );
    expect(JSON.parse(q[3]!.raw_values!)).toEqual(
      raw('10', '01/03/2020 1:00:00 AM', 'THEFT', '12XX Main St'),
    );
    // The reason still names the fields that differ.
    expect(q[0]!.reason).toContain(
      'appears again at row 3 with different values of received, call_type_final;',
    );
  });

  it('shows them so from a Parquet export too, its typed columns as text', async () => {
    const file = join(dir, 'conflict.parquet');
    const conn = await openEngine();
    // `Pri` an integer column: its text is `2`, as a CSV would write it.
    await conn.run(`COPY (SELECT * FROM (VALUES
        ('7', '06/24/2018 3:41:46 PM', 'PARKING', '500 Pike St', 2),
        ('7', '10/28/2022 6:49:11 AM', 'TREES DOWN', '500 Pike St', 3),
        ('8', '10/28/2022 7:49:11 AM', 'THEFT', '500 Pike St', 3))
      v("Event No", "Queued At", "Nature", "Street", "Pri")) TO '${file}' (FORMAT parquet)`);
    conn.closeSync();
    const profile = writeProfile(['  priority: Pri']);
    const s = await ingest({ files: [file], profile, store: join(dir, 'parquet.store'), maxBadRatio: 0.9 });
    const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
    expect(q.map((r) => r.row)).toEqual(['1']);
    expect(JSON.parse(q[0]!.raw_values!)).toEqual({
      'Event No': '7',
      'Queued At': '06/24/2018 3:41:46 PM',
      Nature: 'PARKING',
      Street: '5XX Pike St',
      Pri: '2',
    });
  });
});
