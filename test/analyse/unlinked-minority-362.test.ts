/**
 * Tester 362: a crisis team's log linked to the CAD by `id: ["CAD Ref", "Contact ID"]`, most of its CAD
 * numbers written and a fifth left blank. The blank ones were counted as calls of their own with nothing
 * said (the note spoke only when fewer than half linked), though each is a CAD call counted twice: the
 * diverted share rose silently. On the first 3,000 Minneapolis calls with a log built here from their
 * crisis team's calls.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, linkWarnings, type AnalyzeResult } from '../../src/analyse/analyze.js';
import { prepareAnalysis } from '../../src/analyse/context.js';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { fixtureCalls, memoryConn } from './helpers.js';

const dir = tempDir('safegap-362-');
const store = join(dir, 'store');

/**
 * Minutes of a Minneapolis wall-clock time (`10/3/2022 9:05`), counted as if UTC: these days (30 September
 * to 5 October) hold no clock change.
 */
const minutes = (s: string) => {
  const [, mo, d, h, mi] = /^(\d+)\/(\d+)\/2022 (\d+):(\d+)$/.exec(s)!.map(Number) as number[];
  return Date.UTC(2022, mo! - 1, d, h, mi) / 60_000;
};
/** `YYYY-MM-DD HH:MM` of such minutes. */
const stamp = (m: number) => new Date(m * 60_000).toISOString().slice(0, 16).replace('T', ' ');

// The built-in profile's crisis team types (profiles/minneapolis-cad.yaml, responder rules), as the
// export writes them, with no suffix.
const CRISIS = ['Behavioral Crisis Response', 'Behavioral Crisis Welfare Ck'];

interface LogRow {
  id: string;
  ref: string;
  at: number;
  address: string;
}

let cad: Record<string, string>[] = [];
let log: LogRow[] = [];
let result: AnalyzeResult;

beforeAll(async () => {
  const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split(/\r?\n/);
  const head = `${lines.slice(0, 3_001).join('\n')}\n`;
  writeFileSync(join(dir, 'cad.csv'), head);
  cad = csvObjects(head);
  const crisis = cad.filter((r) => CRISIS.includes(r.Problem!));
  // The team's log: one contact per crisis call, received 3 minutes after the CAD's pickup at the CAD's
  // block, arriving 20 minutes after and clearing 40 after that. Every fifth leaves `CAD Ref` blank
  // (k = 0, 5, ..., 90); the second writes a number the CAD lacks.
  log = crisis.map((r, k) => ({
    id: `BCR-${k}`,
    ref: k % 5 === 0 ? '' : k === 1 ? '22-999001' : r.Master_Incident_Number!,
    at: minutes(r.Time_PhonePickUp!) + 3,
    address: r['Street Display']!,
  }));
  // A call of the team's own, at a block the CAD never names; and a second contact at the fourth call
  // (linked) with no CAD number: the CAD call beside it is the linked record's already.
  log.push({ id: 'BCR-own', ref: '', at: log[2]!.at, address: '0000XX NOWHERE ST' });
  log.push({ id: 'BCR-again', ref: '', at: log[3]!.at + 1, address: log[3]!.address });
  const rows = log.map((l) =>
    [l.id, l.ref, stamp(l.at), stamp(l.at + 20), stamp(l.at + 60), `"${l.address}"`].join(','),
  );
  writeFileSync(
    join(dir, 'team.csv'),
    `Contact ID,CAD Ref,Request Time,Arrived,Team Clear,Address\n${rows.join('\n')}\n`,
  );
  writeFileSync(
    join(dir, 'team.yaml'),
    [
      'name: Crisis team log',
      'source: bcr_log',
      'time_zone: America/Chicago',
      "timestamps: { format: '%Y-%m-%d %H:%M', clock: local }",
      "id: ['CAD Ref', 'Contact ID']",
      'times: { received: Request Time, arrived: Arrived, cleared: Team Clear }',
      'fields: { block_address: Address }',
      'origin: { default: unknown }',
      'responder: { default: behavioural_crisis }',
      '',
    ].join('\n'),
  );
  await ingest({ files: [join(dir, 'cad.csv')], profile: 'minneapolis-cad', store });
  await ingest({ files: [join(dir, 'team.csv')], profile: join(dir, 'team.yaml'), store });
  result = await analyze({ store, writeStore: false });
}, 120_000);

describe("a team's log most of whose records link to the CAD (tester 362)", () => {
  it('says how many records link to no CAD call, and how many lie where and when a CAD call does', () => {
    expect(log).toHaveLength(96);
    // Every contact falls within the CAD's first and last pickups.
    const pickups = cad.map((r) => minutes(r.Time_PhonePickUp!));
    expect(log.every((l) => l.at >= Math.min(...pickups) && l.at <= Math.max(...pickups))).toBe(true);
    // By construction: 19 blank (k = 0, 5, ..., 90), the unknown number, the team's own and the second
    // contact share no id: 22; the other 74 link.
    const numbers = new Set(cad.map((r) => r.Master_Incident_Number));
    const unlinked = log.filter((l) => !numbers.has(l.ref));
    expect(unlinked).toHaveLength(22);
    // By scan of the CAD's rows: an unlinked contact with a CAD call picked up within 10 minutes at the
    // same block (the CAD's redacted blocks are none), not one a linked contact names. The 19 blank and
    // the unknown number each have their own call; the team's own and the second contact have none.
    const claimed = new Set(log.map((l) => l.ref));
    const near = unlinked.filter((l) =>
      cad.some(
        (r) =>
          r['Street Display'] === l.address &&
          !/redacted/i.test(l.address) &&
          Math.abs(minutes(r.Time_PhonePickUp!) - l.at) <= 10 &&
          !claimed.has(r.Master_Incident_Number!),
      ),
    );
    expect(near.map((l) => l.id).filter((id) => !/^BCR-\d+$/.test(id))).toEqual([]);
    expect(near).toHaveLength(20);

    expect(result.quality.unlinked_sources).toEqual([
      { source: 'bcr_log', records: 96, linked: 74, arrived: 96, with_place: 22, near_main: 20 },
    ]);
    const notes = result.warnings.filter((w) => w.includes('share no id'));
    expect(notes).toEqual([
      expect.stringMatching(
        /^22 of the 96 records of source bcr_log received within the span of minneapolis_cad share no id with another source: they are counted as calls of their own, apart from minneapolis_cad's\. 20 of them have a call of minneapolis_cad received within 10 minutes at the same block address, or within 100 m, that no linked record of bcr_log claims: most likely the same calls, counted twice\. Write minneapolis_cad's number in the column/,
      ),
    ]);
    // Most link: no word of ids written otherwise.
    expect(notes[0]).not.toContain('written otherwise');
  });

  it('says it in the report too', async () => {
    const report = await buildReport({ store, out: join(dir, 'report') });
    const text = readFileSync(report.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/\s+/g, ' ');
    expect(text).toContain(
      '22 of the 96 records of source bcr_log received within the span of minneapolis_cad share no id with another source',
    );
    expect(text).toContain('20 of them have a call of minneapolis_cad received within 10 minutes');
  }, 120_000);
});

describe('records of another source near a CAD call (tester 362)', () => {
  it('counts those at the same block, or within 100 m, within 10 minutes, of a call no linked record claims', async () => {
    const conn = await memoryConn();
    const cad = (id: string, at: string, place: object) => ({
      id,
      source: 'cad',
      at,
      origin: '911',
      ...place,
    });
    // A 311 export (no arrivals): not a responder's log, said because some of its records lie near CAD calls.
    const r311 = (id: string, at: string, place: object = {}) => ({
      id,
      source: 'r311',
      at,
      origin: '311',
      ...place,
    });
    const main = { block_address: '12XX MAIN ST' };
    const elm = { block_address: '34XX ELM AVE' };
    await fixtureCalls(conn, [
      cad('1', '2022-10-03 10:00', main),
      cad('2', '2022-10-03 12:00', { lat: 44.98, lon: -93.27 }),
      cad('3', '2022-10-03 14:00', elm),
      cad('4', '2022-10-04 10:00', {}),
      // Linked to call 3, which it claims.
      r311('3', '2022-10-03 14:05', elm),
      // 9 minutes after call 1 at its block: near. 11 minutes after: not.
      r311('A', '2022-10-03 10:09', main),
      r311('B', '2022-10-03 10:11', main),
      // 0.0005 degrees of latitude north of call 2, 5 minutes after: 55.7 m, near; 0.002: 222 m, not.
      r311('C', '2022-10-03 12:05', { lat: 44.9805, lon: -93.27 }),
      r311('D', '2022-10-03 12:05', { lat: 44.982, lon: -93.27 }),
      // At call 3's block 3 minutes after it, but call 3 is the linked record's: not near.
      r311('E', '2022-10-03 14:03', elm),
      // No place.
      r311('F', '2022-10-03 10:30'),
    ]);
    const { quality, period } = await prepareAnalysis(conn, { classes: null });
    // By hand: 7 records in the CAD's span, 1 linked, none timing an arrival; of the 6 unlinked, 5 have a
    // place (A to E) and 2 lie near a call no linked record claims (A, C).
    expect(quality.unlinked_sources).toEqual([
      { source: 'r311', records: 7, linked: 1, arrived: 0, with_place: 5, near_main: 2 },
    ]);
    expect(linkWarnings(quality, period)).toEqual([
      expect.stringMatching(
        /^6 of the 7 records of source r311 received within the span of cad share no id with another source: they are counted as calls of their own, apart from cad's\. 2 of the 5 with a block address or point have a call of cad received within 10 minutes/,
      ),
    ]);
  });
});
