/**
 * Tester 374: two gaps in ingest's note of ids a spreadsheet wrote in scientific notation (tester 369). An
 * id written without the `+` (`2.02300031982E12`) was not noted; and under a profile whose `id` has the
 * `digits_only` normaliser, `2.02300031982E+12` was stored as the id `20230003198212` without a word, since
 * the test saw the normalised id. Every expectation below is worked by hand from the rows written here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { UserError } from '../../src/util/user-error.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

const dir = tempDir('safegap-374-ids-');

const HEADER = ['Event No', 'Queued At', 'Nature', 'Street'];

/** A profile for HEADER; `digits` gives its id the digits_only normaliser. */
function writeProfile(digits: boolean): string {
  const profile = join(dir, digits ? 'digits.yaml' : 'plain.yaml');
  writeFileSync(
    profile,
    [
      'name: Spreadsheet ids',
      'source: sheet',
      'time_zone: America/Los_Angeles',
      "timestamps: { format: '%m/%d/%Y %I:%M:%S %p' }",
      digits ? "id: { column: 'Event No', normalise: [digits_only] }" : 'id: Event No',
      'times: { received: Queued At }',
      'fields:',
      '  call_type_final: Nature',
      '  block_address: Street',
      'origin: { default: unknown, rules: [] }',
      'responder: { default: police, rules: [] }',
      '',
    ].join('\n'),
  );
  return profile;
}

/** Ingests calls with these ids (an hour apart, all else alike) into a fresh store. */
async function ingestIds(name: string, ids: string[], digits = false, maxBadRatio = 0.5) {
  const file = join(dir, name);
  const rows = ids.map((id, i) => [`"${id}"`, `11/04/2023 ${i + 1}:08:26 AM`, 'THEFT', '500 Pike St']);
  writeFileSync(file, [HEADER, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  return ingest({
    files: [file],
    profile: writeProfile(digits),
    store: join(dir, `${name}.store`),
    maxBadRatio,
  });
}

const notesOf = (s: { warnings: string[] }) => s.warnings.filter((w) => w.includes('scientific notation'));

describe('ids a spreadsheet wrote in scientific notation without the `+` (tester 374)', () => {
  it('are noted as those with it, and a numbering of its own is not', async () => {
    const s = await ingestIds('noplus.csv', [
      '2.02300031982E12', // 2023000319820: noted, the first
      '2023000319821',
      '22E5123', // no point in the mantissa: a numbering's own
      '2.5E3', // 2500, but an exponent under 5: a numbering's own
      '1.5E4', // 15000: an exponent of 4, under 5
      '1.23456E5', // 123456: an exponent of 5, the mantissa's 5 digits after the point: noted
      '2.0230003198E9', // 10 digits after the point and an exponent of 9: no whole number
      ' 2.02300031985e12 ', // noted, as read: without its spaces
      '22BU000009',
    ]);
    // By hand: nine calls loaded; rows 1, 6 and 8 noted, row 1 the first.
    expect(s.totals).toEqual({ rows_read: 9, loaded: 9, quarantined: 0, duplicates: 0 });
    const notes = notesOf(s);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(
      '3 calls have ids written in scientific notation (such as `2.02300031982E12`, row 1 of noplus.csv)',
    );
  });
});

describe('ids in scientific notation under an id normalised with digits_only (tester 374)', () => {
  it('are noted as the file wrote them, not as the ids digits_only made of them', async () => {
    const s = await ingestIds(
      'digits.csv',
      ['2023000319821', '2.02300031982E+12', 'CAD-2023000319822', '2.02300031985E12'],
      true,
    );
    // By hand: ids 2023000319821, 20230003198212, 2023000319822 and 20230003198512, all apart, all
    // loaded; rows 2 and 4 noted, row 2 the first, as written.
    expect(s.totals).toEqual({ rows_read: 4, loaded: 4, quarantined: 0, duplicates: 0 });
    const notes = notesOf(s);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(
      '2 calls have ids written in scientific notation (such as `2.02300031982E+12`, row 2 of digits.csv)',
    );
    // The ids are stored as digits_only makes them: the note is what tells of the damage.
    const ids = await storeRows<{ id: string }>(
      join(dir, 'digits.csv.store'),
      'SELECT source_call_id AS id FROM calls ORDER BY 1',
    );
    expect(ids.map((r) => r.id)).toEqual([
      '2023000319821',
      '20230003198212',
      '2023000319822',
      '20230003198512',
    ]);
  });

  it('name them when the file is refused for the calls they made share one id', async () => {
    // 2.023E+12 four times: digits_only makes each `202312`, three rows quarantined as conflicting ids.
    const err = await ingestIds(
      'refused.csv',
      ['2.023E+12', '2.023E+12', '2.023E+12', '2.023E+12'],
      true,
      0.01,
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(String(err)).toMatch(/3 of 4 rows/);
    expect(String(err)).toMatch(/ids are written in scientific notation \(`2\.023E\+12`\)/);
  });

  it('says nothing of ids with a point that are no such number', async () => {
    const s = await ingestIds('points.csv', ['22.300077', '2.5E3', '22E5123', '1.0'], true);
    expect(s.totals.loaded).toBe(4);
    expect(notesOf(s)).toEqual([]);
  });
});
