/**
 * Ingest judges every interval the analysis uses, `committed` (first unit assigned to cleared) included: it
 * was the analysis's alone, so a call cleared before its unit was assigned, with no other interval
 * negative, went unflagged (78 Minneapolis calls, an outside tester's find). Worked by hand below.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

describe('the committed interval at ingest', () => {
  const dir = tempDir();

  it('flags a call cleared before its unit was assigned, and counts committed times like the others', async () => {
    const file = join(dir, 'calls.csv');
    writeFileSync(
      file,
      [
        'Incident,Received,Assigned,Cleared,Closed',
        // Assigned 10:05, cleared 10:01: committed -4 min; every other interval is valid (total 30 min).
        '1,10/03/2022 10:00,10/03/2022 10:05,10/03/2022 10:01,10/03/2022 10:30',
        // In order: committed 15 min.
        '2,10/03/2022 11:00,10/03/2022 11:05,10/03/2022 11:20,10/03/2022 11:30',
        // No clearing: committed missing, nothing negative.
        '3,10/03/2022 12:00,10/03/2022 12:05,,10/03/2022 12:30',
        // Cleared 30 hours after assignment: longer than max_interval_hours (24), and so is the total.
        '4,10/03/2022 13:00,10/03/2022 13:05,10/04/2022 19:05,10/04/2022 19:10',
      ].join('\n'),
    );
    const profile = join(dir, 'p.yaml');
    writeFileSync(
      profile,
      [
        'name: committed',
        'source: cm',
        'time_zone: America/Chicago',
        "timestamps: { format: '%m/%d/%Y %H:%M' }",
        'id: Incident',
        'times: { received: Received, assigned: Assigned, cleared: Cleared, closed: Closed }',
        'origin: { default: unknown }',
        'responder: { default: police }',
        '',
      ].join('\n'),
    );
    const store = join(dir, 'store');
    const s = await ingest({ files: [file], profile, store });
    expect(s.time).toMatchObject({
      negative_interval_calls: 1,
      implausible_interval_calls: 1,
      committed_negative: 1,
      committed_implausible: 1,
      committed_missing: 1,
      on_scene_missing: 4,
      total_negative: 0,
    });
    const flags = await storeRows<{ id: string; flags: string }>(
      store,
      "SELECT source_call_id id, array_to_string(time_flags, ' ') flags FROM calls ORDER BY 1",
    );
    expect(flags).toEqual([
      { id: '1', flags: 'negative_interval' },
      { id: '2', flags: '' },
      { id: '3', flags: '' },
      { id: '4', flags: 'implausible_interval' },
    ]);
  });
});
