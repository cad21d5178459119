/**
 * Calls an export replaces in the store: how many changed, and the warning when the export looks older than
 * the records it replaced (docs/architecture.md, "Replaced calls"). Every figure is worked by hand from
 * the rows below.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { CSV_COLUMNS } from '../../src/synth/synth.js';
import { writeRows } from '../helpers/csv.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

type Row = Partial<Record<(typeof CSV_COLUMNS)[number], string>>;
const DAY = '2022-06-01';
const BASE: Row = {
  call_received: `${DAY} 12:00:00`,
  call_source: '911',
  initial_type: 'Welfare Check (P)',
  final_type: 'Welfare Check (P)',
  priority: '2',
  disposition: 'AOK',
  responder_type: 'POLICE',
  arrived: `${DAY} 12:10:00`,
  cleared: `${DAY} 12:40:00`,
  closed: `${DAY} 12:45:00`,
  block_address: '1234 MAIN ST',
  latitude: '45.0',
  longitude: '-93.2',
};

const writeCalls = (file: string, rows: Row[]) => writeRows(file, CSV_COLUMNS, BASE, rows);

/** The newer export: four calls, call 4 the last closed (13:30 local). */
const NEWER: Row[] = [
  { incident_id: '1' },
  { incident_id: '2' },
  { incident_id: '3' },
  { incident_id: '4', closed: `${DAY} 13:30:00` },
];

const closedTimes = (store: string) =>
  storeRows<{ id: string; closed: string }>(
    store,
    `SELECT source_call_id AS id, strftime(timezone('America/Chicago', closed_at), '%H:%M') AS closed FROM calls ORDER BY 1`,
  );

describe('an older export over a newer one', () => {
  it('counts the calls it changed, warns with figures, and the newer export loads again to restore them', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    const newer = writeCalls(join(dir, 'newer.csv'), NEWER);
    // The same calls as exported before the CAD revised their closing times: none lost, every one earlier.
    const older = writeCalls(join(dir, 'older.csv'), [
      { incident_id: '1', closed: `${DAY} 12:42:00` },
      { incident_id: '2', closed: `${DAY} 12:42:00` },
      { incident_id: '3', closed: `${DAY} 12:42:00` },
      { incident_id: '4', closed: `${DAY} 13:20:00` },
    ]);
    await ingest({ files: [newer], profile: 'synthetic-city', store });
    const s = await ingest({ files: [older], profile: 'synthetic-city', store });
    expect(s).toMatchObject({ inserted: 0, replaced: 4, changed: { calls: 4, times: 4, values: 0 } });
    // By hand: the file's latest time is call 4's closing, 13:20; the stored records' latest is 13:30. Each
    // call's latest time (its closing) is earlier than the store's, none later.
    expect(s.warnings).toEqual([
      'This export looks older than the records it replaced: its latest time, 2022-06-01 13:20, is earlier than the latest of the stored records it replaced, 2022-06-01 13:30, and 4 of the 4 calls replaced went back (their latest time is earlier) against 0 that went forward. The last file ingested wins, so if this export is older than the one already loaded, it has overwritten newer records: ingest the newer export again to restore them.',
    ]);
    expect(await closedTimes(store)).toEqual([
      { id: '1', closed: '12:42' },
      { id: '2', closed: '12:42' },
      { id: '3', closed: '12:42' },
      { id: '4', closed: '13:20' },
    ]);
    // Doing as the warning says: the newer export, already ingested once, is loaded again, not skipped.
    const again = await ingest({ files: [newer], profile: 'synthetic-city', store });
    expect(again.files[0]!.skipped).toBeUndefined();
    expect(again).toMatchObject({ replaced: 4, changed: { calls: 4, times: 4, values: 0 }, warnings: [] });
    expect(await closedTimes(store)).toEqual([
      { id: '1', closed: '12:45' },
      { id: '2', closed: '12:45' },
      { id: '3', closed: '12:45' },
      { id: '4', closed: '13:30' },
    ]);
  });

  it('says it in one warning when calls lost times too', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    await ingest({ files: [writeCalls(join(dir, 'newer.csv'), NEWER)], profile: 'synthetic-city', store });
    // Taken at 13:00: call 4 was not closed yet (a time lost); calls 1-3 were closed at 12:42 then.
    const s = await ingest({
      files: [
        writeCalls(join(dir, 'older.csv'), [
          { incident_id: '1', closed: `${DAY} 12:42:00` },
          { incident_id: '2', closed: `${DAY} 12:42:00` },
          { incident_id: '3' },
          { incident_id: '4', closed: '' },
        ]),
      ],
      profile: 'synthetic-city',
      store,
    });
    // By hand: the file's latest time is calls 1-3's 12:45 (call 3) and 12:40 (call 4's clearance): 12:45.
    // Back: calls 1 and 2 (12:42 against 12:45) and call 4 (closing lost); call 3 is as it was.
    expect(s).toMatchObject({ replaced: 4, changed: { calls: 3, times: 3, values: 0 } });
    expect(s.warnings).toEqual([
      "This export looks older than the records it replaced: its latest time, 2022-06-01 12:45, is earlier than the latest of the stored records it replaced, 2022-06-01 13:30, and 3 of the 4 calls replaced went back (1 lost a time the store had, an arrival, a clearance..., the others' latest time is earlier) against 0 that went forward. The last file ingested wins, so if this export is older than the one already loaded, it has overwritten newer records: ingest the newer export again to restore them.",
    ]);
  });
});

describe('a corrected re-export of the same calls', () => {
  it('counts the calls it changed and warns of nothing, though a far-off typo it mends was the latest time', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    // The first export has a typo: call 4 closed eight days late (implausible, more than 24 hours on).
    const first = writeCalls(join(dir, 'first.csv'), [
      ...NEWER.slice(0, 3),
      { incident_id: '4', closed: '2022-06-09 13:30:00' },
    ]);
    // The corrected export: call 1 closed earlier, call 2 another disposition, call 3 arrived later, call
    // 4's typo mended. Going by every time, call 4 and call 1 went back and the file's latest time (13:30)
    // is earlier than the store's (9 June): an older export, by a rule that counted the typo.
    const corrected = writeCalls(join(dir, 'corrected.csv'), [
      { incident_id: '1', closed: `${DAY} 12:41:00` },
      { incident_id: '2', disposition: 'RPT' },
      { incident_id: '3', arrived: `${DAY} 12:12:00` },
      { incident_id: '4', closed: `${DAY} 13:30:00` },
    ]);
    await ingest({ files: [first], profile: 'synthetic-city', store });
    const s = await ingest({ files: [corrected], profile: 'synthetic-city', store });
    expect(s).toMatchObject({ replaced: 4, changed: { calls: 4, times: 3, values: 1 }, warnings: [] });
  });

  it('the same records again change none', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    await ingest({ files: [writeCalls(join(dir, 'a.csv'), NEWER)], profile: 'synthetic-city', store });
    // The same records in a byte-different file (CRLF line ends) replace themselves.
    const crlf = join(dir, 'b.csv');
    writeCalls(crlf, NEWER);
    writeFileSync(crlf, readFileSync(crlf, 'utf8').replace(/\n/g, '\r\n'));
    const s = await ingest({ files: [crlf], profile: 'synthetic-city', store });
    expect(s).toMatchObject({ replaced: 4, changed: { calls: 0, times: 0, values: 0 }, warnings: [] });
  });
});
