/**
 * A call held in two sources is one call in the report's quality counts too: a crisis team's log beside
 * the CAD made "calls of the period with a negative interval" count records (an outside tester's find:
 * 2,700 for 2,676 calls).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { printStoreSummary } from '../../src/cli/store.js';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { openEngine } from '../../src/store/duckdb.js';
import { requireStore } from '../../src/store/store.js';
import { summarizeStore } from '../../src/store/summary.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const CAD = sharedFile('minneapolis/calls_2022_d.csv');

/** The report's count of calls with a negative interval, from its data-quality table. */
function negativeCalls(html: string): number {
  const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  const m = /Calls of the period with a negative interval \(kept, left out of that interval\) ([\d,]+)/.exec(
    text,
  );
  return Number(m?.[1]?.replaceAll(',', '') ?? NaN);
}

describe('quality counts of a store whose calls are in two sources', () => {
  const dir = tempDir('safegap-linked-quality-');
  const [cadOnly, both] = [join(dir, 'cad'), join(dir, 'both')];
  beforeAll(async () => {
    // A CAD call with an arrival: the team's times for it are not used, the CAD's record stands for it.
    const row = csvObjects(readFileSync(CAD, 'utf8')).find((r) => r.Time_First_Unit_Arrived)!;
    const log = join(dir, 'team.csv');
    // The team's own arrival an hour before its contact: a negative interval of that record only.
    writeFileSync(
      log,
      `Call_Number,Contact_Start,Team_Arrived\n${row.Master_Incident_Number},2022-10-15T12:00:00,2022-10-15T11:00:00\n`,
    );
    const profile = join(dir, 'team.yaml');
    writeFileSync(
      profile,
      [
        'name: Crisis team log',
        'source: team_log',
        'time_zone: America/Chicago',
        "timestamps: { format: '%Y-%m-%dT%H:%M:%S', clock: local }",
        'id: Call_Number',
        'times: { received: Contact_Start, arrived: Team_Arrived }',
        'origin: { default: unknown }',
        'responder: { default: behavioural_crisis }',
        '',
      ].join('\n'),
    );
    await ingest({ files: [CAD], profile: 'minneapolis-cad', store: cadOnly });
    await ingest({ files: [CAD], profile: 'minneapolis-cad', store: both });
    await ingest({ files: [log], profile, store: both });
  }, 180_000);

  it('counts calls, not records, with a negative interval', async () => {
    const conn = await openEngine();
    const [a, b] = [
      await summarizeStore(conn, requireStore(cadOnly)),
      await summarizeStore(conn, requireStore(both)),
    ];
    conn.closeSync();
    // The store's records: one more flagged, the team's.
    expect(b.quality.negative_interval_calls).toBe(a.quality.negative_interval_calls + 1);
    // Who answered: a share of records would count the linked call under the team and under police (a
    // tester quoted the team's 5.3% of records for 2.9% of calls); it is given only where records are calls.
    const team = (x: typeof a) => x.by_responder.find((r) => r.responder === 'behavioural_crisis')!;
    expect(team(b).records).toBe(team(a).records + 1);
    expect(b.by_responder.every((r) => r.share === null)).toBe(true);
    // To 15 significant digits, as analyze's shares are (tester 240: store info --json gave 16).
    expect(team(a).share).toBe(Number((team(a).records / a.records).toPrecision(15)));
    expect(String(team(a).share).replace(/^0\.0*/, '').length).toBeLessThanOrEqual(15);
    const printed = (x: typeof a) => {
      const out: string[] = [];
      vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
      printStoreSummary(x);
      vi.restoreAllMocks();
      return out.join('\n');
    };
    expect(printed(a)).toMatch(/responder +calls +share/);
    expect(printed(b)).toMatch(/responder +records\n/);
    expect(printed(b)).not.toMatch(/%/);
    const reportOf = async (store: string) =>
      readFileSync(
        (await buildReport({ store, out: join(dir, `report-${store === both ? 'both' : 'cad'}`) })).html,
        'utf8',
      );
    const [ra, rb] = [await reportOf(cadOnly), await reportOf(both)];
    // The calls: the same as the CAD's alone, whose call is the one the team's record joins.
    expect(negativeCalls(ra)).toBe(a.quality.negative_interval_calls);
    expect(negativeCalls(rb)).toBe(negativeCalls(ra));
  }, 180_000);
});
