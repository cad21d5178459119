/**
 * The fall-back hour read call by call (docs/time.md): 01:00-01:59 on 2022-11-06 happened twice in
 * Chicago, first as daylight time (UTC-5), then as standard time (UTC-6). Each expectation below is
 * worked by hand from the documented rule: the clock turns back once, so a call's stages before some
 * stage read the first time round and those from it on the second; of those places, the one under which
 * the call's clock moves least (the steps from stage to stage, forward or back, added up), then the latest.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestSummary } from '../../src/ingest/ingest.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

const DAY = '11/06/2022';
const CASES: [id: string, received: string, arrived: string, cleared: string, closed: string][] = [
  // Arrived after the repeated hour: 20 minutes after a pickup the second time round, not 80 after the first.
  ['1', '01:50', '02:10', '02:30', '02:40'],
  // Cleared "before" arrival: the clock had turned back by then; 15 minutes on scene, not minus 45.
  ['2', '01:50', '01:55', '01:10', '01:12'],
  // Wholly inside the repeated hour and in order: nothing tells the rounds apart, so the first (daylight).
  ['3', '01:10', '01:30', '01:40', '01:45'],
  // Picked up before the repeated hour (00:50 happened once): arrival the first time round, 20 minutes.
  ['4', '00:50', '01:10', '01:20', '01:25'],
  // Cleared before arrival and closed before that. Read all the first time round, the clock moves
  // 10 + 30 + 10 = 50 minutes; turning back at cleared 10 + 30 + 10 too, at received 50, at closed 90,
  // at arrived 110. Of the ties, the latest place: no turn, and the stages stay out of order.
  ['5', '01:40', '01:50', '01:20', '01:10'],
  // Cleared 5 minutes before arrival, a slip: turning back at cleared moves the clock 10 + 55 + 15 = 80
  // minutes against 10 + 5 + 15 = 30, so the slip stays (a turned clock would leave 55 minutes on scene).
  ['7', '01:30', '01:40', '01:35', '01:50'],
  // A call far from the clock change, for contrast: read as always.
  ['6', '01:50', '02:10', '02:30', '02:40'],
];

describe('times in a DST fall-back hour', () => {
  const dir = tempDir();
  let summary: IngestSummary;
  let got: Record<string, string | null>[];

  beforeAll(async () => {
    const file = join(dir, 'calls.csv');
    const rows = CASES.map(([id, r, a, c, x]) => {
      const day = id === '6' ? '06/01/2022' : DAY;
      const at = (t: string) => `${day} ${t}`;
      return [id, at(r), at(a), at(c), at(x), 'X'].join(',');
    });
    writeFileSync(file, ['Incident,Received,Arrived,Cleared,Closed,Type', ...rows].join('\n'));
    const profile = join(dir, 'p.yaml');
    writeFileSync(
      profile,
      [
        'name: fall-back',
        'source: fb',
        'time_zone: America/Chicago',
        "timestamps: { format: '%m/%d/%Y %H:%M' }",
        'id: Incident',
        'times: { received: Received, arrived: Arrived, cleared: Cleared, closed: Closed }',
        'fields: { call_type_initial: Type }',
        'origin: { default: unknown }',
        'responder: { default: police }',
        '',
      ].join('\n'),
    );
    summary = await ingest({ files: [file], profile, store: join(dir, 'store') });
    const z = (c: string) => `strftime(${c}_at, '%H:%M')`;
    got = await storeRows(
      join(dir, 'store'),
      `SELECT source_call_id id, ${z('received')} r, ${z('arrived')} a, ${z('cleared')} c, ${z('closed')} x,
         array_to_string(time_flags, ' ') flags FROM calls ORDER BY 1`,
    );
  });

  it('reads each call the way its stages say, as worked out by hand', () => {
    // UTC: the first round is 06:xx, the second 07:xx; 02:xx is standard time, 08:xx.
    expect(got.map(({ flags: _, ...t }) => t)).toEqual([
      { id: '1', r: '07:50', a: '08:10', c: '08:30', x: '08:40' },
      { id: '2', r: '06:50', a: '06:55', c: '07:10', x: '07:12' },
      { id: '3', r: '06:10', a: '06:30', c: '06:40', x: '06:45' },
      { id: '4', r: '05:50', a: '06:10', c: '06:20', x: '06:25' },
      { id: '5', r: '06:40', a: '06:50', c: '06:20', x: '06:10' },
      { id: '6', r: '06:50', a: '07:10', c: '07:30', x: '07:40' },
      { id: '7', r: '06:30', a: '06:40', c: '06:35', x: '06:50' },
    ]);
  });

  it('flags every call with a time in the repeated hour, and a stage out of order only where the reading leaves one', () => {
    expect(got.map((g) => [g.id, g.flags])).toEqual([
      ['1', 'dst_ambiguous'],
      ['2', 'dst_ambiguous'],
      ['3', 'dst_ambiguous'],
      ['4', 'dst_ambiguous'],
      ['5', 'dst_ambiguous negative_interval'],
      ['6', ''],
      ['7', 'dst_ambiguous negative_interval'],
    ]);
    expect(summary.time).toMatchObject({ dst_ambiguous_calls: 6, negative_interval_calls: 2 });
  });
});

describe('a stage given as seconds after another, in a fall-back hour', () => {
  it('moves with the time it counts from, and a place that moves the clock 0.8 ms less wins', async () => {
    // Assigned 0.0004 s after a pickup at 01:40, closed at 01:10. No turn: 0.0004 + 1800.0004 s; a turn
    // at pickup (the delay moves with it) the same; a turn at closed: 0.0004 + 1799.9996 = 1800 s, least
    // (tester 89: compared to the millisecond, the two tied and closed stayed 30 minutes before pickup).
    // A delay of 0.4 s: no turn 1800.8 s, turn at closed 1799.2 s.
    const dir = tempDir();
    const file = join(dir, 'calls.csv');
    writeFileSync(
      file,
      [
        'Incident,Rec,Asg,Clo,Type',
        '1,2022-11-06 01:40:00,0.0004,2022-11-06 01:10:00,T',
        '2,2022-11-06 01:40:00,0.4,2022-11-06 01:10:00,T',
        '3,2022-11-06 01:50:00,900,2022-11-06 02:20:00,T',
      ].join('\n'),
    );
    const profile = join(dir, 'p.yaml');
    writeFileSync(
      profile,
      [
        'name: delays',
        'source: delays',
        'time_zone: America/Chicago',
        "timestamps: { format: '%Y-%m-%d %H:%M:%S' }",
        'id: Incident',
        'times: { received: Rec, assigned: { column: Asg, seconds_after: received }, closed: Clo }',
        'fields: { call_type_initial: Type }',
        'origin: { default: unknown }',
        'responder: { default: police }',
        '',
      ].join('\n'),
    );
    await ingest({ files: [file], profile, store: join(dir, 'store') });
    const z = (c: string) => `strftime(${c}_at, '%H:%M:%S.%f')`;
    const got = await storeRows(
      join(dir, 'store'),
      `SELECT source_call_id id, ${z('received')} r, ${z('assigned')} a, ${z('closed')} x FROM calls ORDER BY 1`,
    );
    expect(got).toEqual([
      { id: '1', r: '06:40:00.000000', a: '06:40:00.000400', x: '07:10:00.000000' },
      { id: '2', r: '06:40:00.000000', a: '06:40:00.400000', x: '07:10:00.000000' },
      // Picked up the second time round, 15 minutes to assignment, closed at 02:20 standard time: a turn
      // at pickup moves the clock 15 + 15 minutes, no turn 15 + 75.
      { id: '3', r: '07:50:00.000000', a: '08:05:00.000000', x: '08:20:00.000000' },
    ]);
  });
});
