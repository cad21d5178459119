/**
 * Times written in UTC beside times with no offset (src/ingest/utc-label-check.ts). Tester 284: a pickup
 * time a spreadsheet wrote `2022-10-01T00:04:00Z`, the city's clock labelled UTC, beside arrivals with no
 * offset, put five hours on every Minneapolis response time under `clock: local`, without a word.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const CALLS = sharedFile('minneapolis/calls_2022_d.csv');

/** `10/1/2022 0:06` as its parts: the file's own clock, no offset. */
function clockOf(v: string): Date {
  const [, m, d, y, h, min] = /^(\d+)\/(\d+)\/(\d+) (\d+):(\d+)$/.exec(v)!;
  return new Date(Date.UTC(+y!, +m! - 1, +d!, +h!, +min!));
}
const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;

describe('times labelled UTC beside times with no offset', () => {
  const dir = tempDir();
  const text = readFileSync(CALLS, 'utf8');
  const header = text.slice(0, text.indexOf('\n')).split(',');
  // The first 300 calls (1-2 October 2022, Chicago at -05:00) with a pickup and a queue time.
  const rows = csvObjects(text.slice(0, 200_000))
    .slice(0, 300)
    .filter((r) => r.Time_PhonePickUp && r.Time_CallEnteredQueue);
  // The gap from pickup to queue, worked from the file itself: its median, in minutes.
  const gaps = rows
    .map(
      (r) => (clockOf(r.Time_CallEnteredQueue!).getTime() - clockOf(r.Time_PhonePickUp!).getTime()) / 60_000,
    )
    .sort((a, b) => a - b);
  const median = (gaps[(gaps.length - 1) >> 1]! + gaps[gaps.length >> 1]!) / 2;

  const run = async (name: string, pickup: (clock: Date) => string, clock: 'local' | 'utc_is_local') => {
    const file = writeRows(
      join(dir, `${name}.csv`),
      header,
      {},
      rows.map((r) => ({ ...r, Time_PhonePickUp: pickup(clockOf(r.Time_PhonePickUp!)) })),
    );
    const base = loadProfile('minneapolis-cad');
    const profile = {
      ...base,
      timestamps: { ...base.timestamps, clock },
      times: { ...base.times, received: { column: 'Time_PhonePickUp', format: 'iso8601' } },
    };
    const r = await ingest({ files: [file], profile, store: join(dir, `${name}-${clock}`) });
    expect(r.totals.loaded).toBe(rows.length);
    return r.warnings.filter((w) => / are written in UTC /.test(w));
  };

  it('warns when the UTC times are the local clock labelled UTC, with the gap both ways', async () => {
    expect(rows.length).toBeGreaterThan(250);
    expect(median).toBeLessThan(10);
    const labelled = await run('labelled', iso, 'local');
    expect(labelled).toEqual([
      `labelled.csv: the received times (column Time_PhonePickUp) are written in UTC (\`Z\` or +00:00), the queued times (column Time_CallEnteredQueue) with no offset, which \`clock: local\` reads as the city's clock: read so, queued comes ${(Math.round((5 + median / 60) * 10) / 10).toString()} h after received (the median of ${rows.length} calls), but ${Math.round(median)} min if the UTC times are the city's clock labelled UTC, as open-data portals and spreadsheets often write it. If they are (check one call against a time you know), set \`clock: utc_is_local\` in the profile and ingest again: as read, every interval between these times is off by hours (docs/profiles.md).`,
    ]);
  });

  it('is silent under utc_is_local, and when the UTC times are true instants', async () => {
    expect(await run('told', iso, 'utc_is_local')).toEqual([]);
    // The true instant of a Chicago clock reading in October: five hours later in UTC.
    expect(await run('true', (d) => iso(new Date(d.getTime() + 5 * 3_600_000)), 'local')).toEqual([]);
  });
});
