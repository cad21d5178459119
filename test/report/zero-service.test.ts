/**
 * A city whose every call is cleared the moment a unit is assigned: service times of 0, no load for the
 * queue model. The report said so, and then that taking more calls would keep the units busier (tester 218).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { tempDir } from '../helpers/shared-data.js';

const CLI = resolve(import.meta.dirname, '../../bin/safegap.js');

describe('a report of calls cleared as soon as assigned', () => {
  it('says the plan has no load, and not that more calls would keep the units busier', async () => {
    const dir = tempDir('safegap-zero-service-');
    const csv = join(dir, 'city.csv');
    const made = spawnSync('node', [CLI, 'synth', '--calls', '3000', '--years', '0.5', '--out', csv], {
      encoding: 'utf8',
    });
    expect(made.status).toBe(0);
    // `cleared` set to `dispatched` on every row.
    const rows = csvObjects(readFileSync(csv, 'utf8'));
    const header = Object.keys(rows[0]!);
    expect(header).toEqual(expect.arrayContaining(['dispatched', 'cleared']));
    writeRows(
      csv,
      header,
      {},
      rows.map((r) => ({ ...r, cleared: r.dispatched! })),
    );
    const store = join(dir, 'store');
    await ingest({ files: [csv], profile: 'synthetic-city', store });
    const r = await buildReport({
      store,
      out: join(dir, 'report'),
      capacity: { schedule: [{ units: 2, from: 7, to: 23 }] },
    });
    const text = readFileSync(r.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toMatch(
      /calls with a service time \(from a unit being assigned to it being cleared\) took 0 min/,
    );
    // Its own calls were measured: busy 0.0% of the hours staffed, and nothing more to add.
    expect(text).toContain('its units would be busy 0.0% of the hours they are staffed.');
    expect(text).not.toContain('would keep them busier');
    // Nothing is planned, yet the fixed part of reaching a call is measured: its median and sample come
    // with their source, which read null beside them (tester 218); only an assumed zero is null.
    const plan = (await analyze({ store, writeStore: false })).tables.capacity_summary.rows[0]!;
    expect(plan).toMatchObject({ service_minutes: null, reach_clock: 'pickup', travel_source: 'own_calls' });
    expect(plan.travel_minutes).toBeGreaterThan(0);
    expect(plan.travel_sample).toBeGreaterThanOrEqual(30);
  });
});
