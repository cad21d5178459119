/**
 * Tester 387: the CSVs of shares `top_call_types`, `severity_tiers` and `eligible_demand` said nothing of
 * what their shares were of, where `calls_by_category` ends with a `denominator` column. Tester 384: the
 * cover of Seattle's store named no city (no city settings ship for Seattle), where Minneapolis' and
 * Burlington's did.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { builtinProfileNames } from '../../src/sources/load-profile.js';
import { BUILTIN_PROFILE_CITIES } from '../../src/report/data.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

const SHARE_TABLES = [
  'top_call_types',
  'severity_tiers',
  'eligible_demand',
  'calls_by_priority',
  'pathways',
] as const;
const SAMPLE = 'seattle/call_data_sample_2018-2023.csv';

/** The header of a CSV the report wrote, read from the file (a table of no rows has one too). */
const header = (out: string, id: string) =>
  readFileSync(join(out, 'csv', `${id}.csv`), 'utf8')
    .split('\r\n')[0]!
    .split(',');

/** The kicker over the title, as the page prints it. */
const kicker = (r: ReportResult) => /class="kicker">([^<]*)</.exec(readFileSync(r.html, 'utf8'))?.[1];

describe("the share tables' CSVs name their denominator, and Seattle's cover its city", () => {
  const dir = tempDir('safegap-387-');
  const store = join(dir, 'store');
  const out = (name: string) => join(dir, name);
  const r: Record<string, ReportResult> = {};
  // By hand from the export: 222 rows, 13 of Call Type ONVIEW (officer-initiated), the rest 209.
  const text = readFileSync(sharedFile(SAMPLE), 'utf8');
  const onview = text.split(',ONVIEW,').length - 1;

  beforeAll(async () => {
    await ingest({ files: [sharedFile(SAMPLE)], profile: 'seattle-call-data', store });
    r.int = await buildReport({ store, out: out('int') });
    r.pub = await buildReport({ store, out: out('pub'), public: true });
    r.all = await buildReport({ store, out: out('all'), denominator: 'all_calls' });
    // Seattle's two built-in profiles' sources together: one city.
    const both = join(dir, 'both');
    await ingest({ files: [sharedFile(SAMPLE)], profile: 'seattle-call-data', store: both });
    await ingest({
      files: [sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv')],
      profile: 'seattle-spd-dispatch',
      store: both,
    });
    r.both = await buildReport({ store: both, out: out('both-int') });
    // The same export by a profile of one's own (the built-in one renamed): no city to name.
    const own = join(dir, 'own.yaml');
    writeFileSync(
      own,
      readFileSync(join(import.meta.dirname, '../../profiles/seattle-call-data.yaml'), 'utf8').replace(
        'name: Seattle PD call data',
        'name: Our call data',
      ),
    );
    const mine = join(dir, 'mine');
    await ingest({ files: [sharedFile(SAMPLE)], profile: own, store: mine });
    r.own = await buildReport({ store: mine, out: out('own-int') });
  }, 600_000);

  it('ends each share CSV with a denominator column naming it, in both editions', () => {
    expect(onview).toBe(13);
    for (const [name, denominator] of [
      ['int', 'cfs_excl_officer_initiated'],
      ['pub', 'cfs_excl_officer_initiated'],
      ['all', 'all_calls'],
    ] as const)
      for (const id of SHARE_TABLES) {
        expect(header(out(name), id).at(-1), `${name} ${id}`).toBe('denominator');
        for (const row of reportCsv(out(name), id))
          expect(row.denominator, `${name} ${id}`).toBe(denominator);
      }
    // The rows are there to carry it: every type listed, four tiers and the unclassified, 4 phases of 5
    // responders and any alternative.
    expect(reportCsv(out('int'), 'top_call_types').length).toBeGreaterThan(0);
    expect(reportCsv(out('int'), 'severity_tiers').length).toBe(5);
  });

  it('has shares of the calls the column names: 209 excluding officer-initiated, 222 in all', () => {
    const of = (name: string, id: string, part: string, share: string, calls: number) => {
      const rows = reportCsv(out(name), id);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows)
        expect(Number(row[share]), `${name} ${id} ${row[part]}`).toBeCloseTo(Number(row[part]) / calls, 6);
    };
    for (const [name, calls] of [
      ['int', 222 - onview],
      ['all', 222],
    ] as const) {
      of(name, 'top_call_types', 'calls', 'share', calls);
      of(name, 'severity_tiers', 'calls', 'share', calls);
      of(name, 'eligible_demand', 'eligible', 'eligible_share', calls);
      of(name, 'calls_by_priority', 'calls', 'share', calls);
    }
  });

  it("names Seattle on the cover of a store of Seattle's built-in profiles, and no city for one's own", () => {
    expect(kicker(r.int!)).toBe('Seattle: calls for service');
    expect(kicker(r.pub!)).toBe('Seattle: calls for service');
    expect(readFileSync(r.int!.html, 'utf8')).toContain(
      '<title>Community safety asset and gap analysis (Seattle: calls for service; internal edition)</title>',
    );
    expect(kicker(r.both!)).toBe('Seattle: calls for service');
    // The sources' names, as before, where no profile names a city.
    expect(kicker(r.own!)).toBe('Calls for service');
  });

  it("accounts on the summary's quality line for every call its response time is of (tester 394)", () => {
    // By hand from the export: of the 209 calls not ONVIEW, those whose initial type is a telephone report
    // (`TRU -`, responder online_311) have no response time; the line counted missing, negative and
    // implausible ones only, 157 + 36 of 209.
    const rows = text.trim().split('\n').slice(1);
    const tru = rows.filter((l) => !l.includes(',ONVIEW,') && /,"?TRU - /.test(l)).length;
    expect(tru).toBeGreaterThan(0);
    const page = readFileSync(r.int!.html, 'utf8');
    const summary = page.slice(page.indexOf('Executive summary'), page.indexOf('<h3>Findings</h3>'));
    expect(summary).toContain(`no unit sent (311 / online / telephone report): ${tru}`);
    const said = (label: string) => Number(new RegExp(`${label}: (\\d+)`).exec(summary)![1]);
    const valid = Number(/(\d+) calls with a valid time/.exec(summary)?.[1] ?? NaN);
    expect(valid + said('response times missing') + said('negative') + said('implausible') + tru).toBe(
      222 - onview,
    );
  });

  it('knows the city of every built-in profile', () => {
    expect(builtinProfileNames().filter((p) => !BUILTIN_PROFILE_CITIES[p])).toEqual([]);
  });
});
