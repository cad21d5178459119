/**
 * Calls of a responder that sends no unit (311 / online / telephone report) have no arrival on scene,
 * whatever the export puts in its arrival column (tester 384: Seattle's Telephone Reporting Unit calls,
 * `TRU - ...`, have an `Arrived Time`, when the report was taken, and their 16 "responses" went into the
 * headline median, 33.5 minutes against police's 34.7). Their travel, response and time on scene are neither
 * valid nor missing: counted apart as `no_unit_sent`. Every expected figure is worked out here by hand, or
 * from the raw CSV read a second way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareAnalysis } from '../../src/analyse/context.js';
import { responseTimes, type ResponseTimeRow } from '../../src/analyse/response-times.js';
import { analyze } from '../../src/analyse/analyze.js';
import { timeOnTask, type TimeOnTaskRow } from '../../src/analyse/time-on-task.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { fixtureCalls, memoryConn, quantile } from './helpers.js';

const at = '2022-10-03 10:00';

describe('calls with no unit sent, on hand-made calls', () => {
  let rows: ResponseTimeRow[];
  let task: TimeOnTaskRow[];
  const row = (interval: string, groupBy = 'all', value = 'all') =>
    rows.find((r) => r.interval === interval && r.group_by === groupBy && r.group_value === value)!;
  beforeAll(async () => {
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      // Police, minutes after receipt.
      { id: 'p1', at, stages: { queued: 1, assigned: 2, enroute: 3, arrived: 5, cleared: 25 } },
      { id: 'p2', at, stages: { queued: 1, assigned: 2, enroute: 4, arrived: 9, cleared: 39 } },
      { id: 'p3', at, stages: { queued: 2, assigned: 4, enroute: 5, arrived: 13, cleared: 53 } },
      { id: 'p4', at, stages: { queued: 1 } },
      // Telephone reports: an "arrival" when the report was taken, or none.
      { id: 'o1', at, responder: 'online_311', stages: { queued: 1, assigned: 2, arrived: 60, cleared: 70 } },
      { id: 'o2', at, responder: 'online_311', stages: { queued: 3, arrived: 120, cleared: 125 } },
      { id: 'o3', at, responder: 'online_311', stages: { queued: 2 } },
    ]);
    const ctx = await prepareAnalysis(conn, { classes: null });
    rows = (await responseTimes(ctx)).rows;
    task = (await timeOnTask(ctx)).rows;
  });

  it('leaves the reports out of the response time, counted as no unit sent, not missing', () => {
    // Police responses 5, 9, 13 minutes (p4 has none: missing); median 9; 90th: h = 2 x 0.9 = 1.8,
    // 9 + 0.8 x (13 - 9) = 12.2 minutes. With the reports' 60 and 120 it was 13.
    expect(row('response')).toMatchObject({
      calls: 7,
      valid: 3,
      missing: 1,
      negative: 0,
      implausible: 0,
      no_unit_sent: 3,
      median_s: 9 * 60,
    });
    expect(row('response').p90_s).toBeCloseTo(12.2 * 60, 9);
    expect(row('response', 'responder', 'online_311')).toMatchObject({
      calls: 3,
      valid: 0,
      missing: 0,
      no_unit_sent: 3,
      median_s: null,
    });
    expect(row('response', 'responder', 'police')).toMatchObject({ calls: 4, valid: 3, no_unit_sent: 0 });
  });

  it('does the same for travel and time on scene', () => {
    // Travel: 2, 5, 8 minutes (p4 missing); on scene: 20, 30, 40 (p4 missing).
    expect(row('travel')).toMatchObject({ valid: 3, missing: 1, no_unit_sent: 3, median_s: 5 * 60 });
    expect(row('on_scene')).toMatchObject({ valid: 3, missing: 1, no_unit_sent: 3, median_s: 30 * 60 });
  });

  it('keeps the reports in call-taking, queue and committed, which do not run through an arrival', () => {
    // Call-taking: 1, 1, 2, 1 (police), 1, 3, 2 (reports): median 1 minute over 7.
    expect(row('call_taking')).toMatchObject({ valid: 7, missing: 0, no_unit_sent: 0, median_s: 60 });
    // Queue: 1, 1, 2 (police) and o1's 1; p4, o2, o3 have no assignment.
    expect(row('queue')).toMatchObject({ valid: 4, missing: 3, no_unit_sent: 0, median_s: 60 });
    // Committed: 23, 37, 49 (police) and o1's 68.
    expect(row('committed')).toMatchObject({ valid: 4, missing: 3, no_unit_sent: 0 });
  });

  it('gives time on task no on-scene hours for the reports, and keeps their committed time', () => {
    const t = (measure: string, responder: string) =>
      task.find((r) => r.measure === measure && r.category === 'all' && r.responder === responder)!;
    // On scene: police's 20 + 30 + 40 = 90 minutes, 1.5 unit-hours (with the reports' 10 and 5, 1.75).
    expect(t('on_scene', 'all')).toMatchObject({ calls: 7, valid: 3, missing: 1, no_unit_sent: 3 });
    expect(t('on_scene', 'all').unit_hours).toBeCloseTo(1.5, 12);
    // No unit went: 0 unit-hours, not an unmeasured null.
    expect(t('on_scene', 'online_311')).toMatchObject({ calls: 3, valid: 0, missing: 0, no_unit_sent: 3 });
    expect(t('on_scene', 'online_311').unit_hours).toBe(0);
    // Committed: 23 + 37 + 49 (police) + o1's 68 = 177 minutes.
    expect(t('committed', 'all')).toMatchObject({ valid: 4, missing: 3, no_unit_sent: 0 });
    expect(t('committed', 'all').unit_hours).toBeCloseTo(177 / 60, 12);
    for (const r of task)
      expect(r.valid + r.missing + r.negative + r.implausible + r.no_unit_sent, JSON.stringify(r)).toBe(
        r.calls,
      );
  });

  it('accounts for every call of every row', () => {
    for (const r of rows)
      expect(r.valid + r.missing + r.negative + r.implausible + r.no_unit_sent, JSON.stringify(r)).toBe(
        r.calls,
      );
  });
});

/** Epoch milliseconds of a Seattle wall-clock time `MM/DD/YYYY h:mm:ss AM`, by Intl's time zone rules. */
function seattleTime(text: string): number {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}) (\d{1,2}):(\d\d):(\d\d) (AM|PM)$/.exec(text.trim());
  if (!m) throw new Error(`not a Seattle time: ${text}`);
  const hour = (Number(m[4]) % 12) + (m[7] === 'PM' ? 12 : 0);
  const wall = Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]), hour, Number(m[5]), Number(m[6]));
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const wallOf = (t: number) => {
    const p = Object.fromEntries(fmt.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  };
  // The offset at a first guess, then at the time it gives (right on either side of a change).
  let t = wall - (wallOf(wall) - wall);
  t = wall - (wallOf(t) - t);
  return t;
}

describe("Seattle's sample, Telephone Reporting Unit calls left out", () => {
  it('gives the headline median of the calls a unit went to, recomputed from the CSV', async () => {
    const file = sharedFile('seattle/call_data_sample_2018-2023.csv');
    const raw = csvObjects(readFileSync(file, 'utf8'));
    // The default denominator leaves officer-initiated calls out (profile: ONVIEW, OFFICER INITIATED,
    // SCHEDULED EVENT); TRU calls are the telephone reports (profile's responder rule).
    const timed = raw.filter(
      (r) => !/^ONVIEW$|OFFICER INITIATED|^SCHEDULED EVENT/.test(r['Call Type']!.trim()),
    );
    const tru = timed.filter((r) => r['Initial Call Type']!.trim().startsWith('TRU -'));
    const seconds = timed
      .filter((r) => !r['Initial Call Type']!.trim().startsWith('TRU -') && r['Arrived Time']!.trim())
      .map((r) => (seattleTime(r['Arrived Time']!) - seattleTime(r['Original Time Queued']!)) / 1000)
      .filter((s) => s >= 0 && s <= 24 * 3600);
    expect(tru.length).toBe(16);
    expect(new Set(raw.map((r) => r['CAD Event Number'])).size).toBe(raw.length);

    const store = join(tempDir(), 'sea');
    await ingest({ files: [file], profile: 'seattle-call-data', store });
    const result = await analyze({ store, writeStore: false });
    const all = result.tables.response_times.rows.find(
      (r) => r.interval === 'response' && r.group_by === 'all',
    )!;
    expect(all.calls).toBe(timed.length);
    // The figures first: the old code gave 173 valid times and a median of 2,010 s with the reports in.
    expect(all.median_s).toBe(quantile(seconds, 0.5));
    expect(all.p90_s).toBeCloseTo(quantile(seconds, 0.9), 6);
    expect(all.valid).toBe(seconds.length);
    expect(all.no_unit_sent).toBe(tru.length);
  });
});
