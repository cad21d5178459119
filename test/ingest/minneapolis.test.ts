import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ingest, type IngestSummary } from '../../src/ingest/ingest.js';
import { attachCalls, requireStore } from '../../src/store/store.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { CALL_COLUMN_NAMES } from '../../src/store/calls-schema.js';
import { summarizeStore } from '../../src/store/summary.js';
import { printStoreSummary } from '../../src/cli/store.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { inFallBackHour, MINNEAPOLIS_TIME_COLUMNS, minneapolisTimes } from '../helpers/minneapolis-times.js';

const FILE = sharedFile('minneapolis/calls_2022_d.csv');
const TIME_COLUMNS = MINNEAPOLIS_TIME_COLUMNS;

// Independent reading of the raw file: a naive CSV parser and hand-written time rules.
const raw = csvObjects(readFileSync(FILE, 'utf8'));
const distinct = [...new Map(raw.map((r) => [JSON.stringify(r), r])).values()];

describe('ingest of Minneapolis calls_2022_d.csv', () => {
  const store = join(tempDir(), 'store');
  let summary: IngestSummary;
  let rows: (q: string) => Promise<Record<string, unknown>[]>;

  beforeAll(async () => {
    summary = await ingest({ files: [FILE], profile: 'minneapolis-cad', store });
    const conn = await openEngine();
    await attachCalls(conn, requireStore(store));
    rows = (q) => queryRows(conn, q);
  });

  it('reads every row and accounts for each one', () => {
    expect(raw.length).toBe(63_347);
    const f = summary.files[0]!;
    expect(f.rows_read).toBe(63_347);
    expect(f.duplicates).toBe(raw.length - distinct.length);
    expect(f.duplicates).toBe(41);
    expect(f.loaded + f.quarantined + f.duplicates).toBe(63_347);
    expect(summary.committed).toBe(true);
  });

  it('numbers every call by its row in the file, and drops the later copy of a duplicate', async () => {
    // The file has one row per line; raw[i] is row i + 1. An operator that reordered pass 1 (a long IN
    // list rewritten into a join did, in one run out of three) shows up here as rows that do not match.
    const got = await rows('SELECT source_call_id AS id, source_row::INTEGER AS n FROM calls');
    expect(got.length).toBe(63_306);
    const wrong = got.filter((g) => raw[(g.n as number) - 1]?.Master_Incident_Number !== g.id);
    expect(wrong).toEqual([]);
    const firstRowOf = new Map<string, number>();
    raw.forEach((r, i) => {
      const k = JSON.stringify(r);
      if (!firstRowOf.has(k)) firstRowOf.set(k, i + 1);
    });
    const kept = new Set(got.map((g) => g.n as number));
    expect([...firstRowOf.values()].filter((n) => !kept.has(n))).toEqual([]);
  });

  it('loads one call per distinct row, with the counts by final type of the raw file', async () => {
    const expected = new Map<string, number>();
    for (const r of distinct) expected.set(r.Problem!, (expected.get(r.Problem!) ?? 0) + 1);
    const got = await rows('SELECT call_type_final_raw AS t, count(*)::INTEGER AS n FROM calls GROUP BY 1');
    expect(got.length).toBe(expected.size);
    expect(expected.size).toBe(148);
    for (const g of got) expect(g.n).toBe(expected.get(g.t as string));
  });

  it('sends the two behavioural crisis types to the behavioural crisis team: 1,808 calls', async () => {
    const bcr = distinct.filter((r) =>
      ['Behavioral Crisis Response', 'Behavioral Crisis Welfare Ck'].includes(r.Problem!),
    );
    const got = await rows("SELECT count(*)::INTEGER AS n FROM calls WHERE responder = 'behavioural_crisis'");
    expect(got[0]!.n).toBe(bcr.length);
    expect(got[0]!.n).toBe(1_808);
  });

  it('strips discipline and agency suffixes from call types', async () => {
    const got = await rows(
      "SELECT count(*)::INTEGER AS n FROM calls WHERE regexp_matches(call_type_initial, '\\((P|PE|PFE|UM)\\)?$|~') ",
    );
    expect(got[0]!.n).toBe(0);
    const cut = await rows(
      "SELECT DISTINCT call_type_final FROM calls WHERE call_type_final_raw = 'Community Engagement Meeting(P'",
    );
    expect(cut.map((r) => r.call_type_final)).toEqual(['Community Engagement Meeting']);
  });

  it('reads the 2022-11-06 fall-back hour call by call and counts the calls it touched', async () => {
    const touched = distinct.filter((r) => TIME_COLUMNS.some((c) => inFallBackHour(r[c] ?? '')));
    expect(touched.length).toBeGreaterThan(0);
    expect(summary.time.dst_ambiguous_calls).toBe(touched.length);
    const cols = ['received', 'queued', 'assigned', 'enroute', 'arrived', 'cleared', 'closed'];
    const got = await rows(
      `SELECT source_call_id, ${cols.map((c) => `epoch_ms(${c}_at)::BIGINT AS ${c}`).join(', ')}
       FROM calls WHERE list_contains(time_flags, 'dst_ambiguous') ORDER BY source_call_id`,
    );
    expect(got.map((g) => g.source_call_id)).toEqual(touched.map((r) => r.Master_Incident_Number).sort());
    const byId = new Map(touched.map((r) => [r.Master_Incident_Number, minneapolisTimes(r)]));
    for (const g of got)
      expect([g.source_call_id, ...cols.map((c) => (g[c] == null ? null : Number(g[c])))]).toEqual([
        g.source_call_id,
        ...byId.get(g.source_call_id as string)!,
      ]);
  });

  it('reads the repeated hour right for more pickups than the earlier instant alone would', async () => {
    // Incident numbers run in pickup order, so they say which time round each pickup at 01:xx came: the
    // clock turned back at the first call whose minute falls below the one before by more than half an
    // hour. The rule cannot see this; it is the independent truth it is checked against.
    const atOne = distinct
      .filter((r) => inFallBackHour(r.Time_PhonePickUp!))
      .sort((a, b) => a.Master_Incident_Number!.localeCompare(b.Master_Incident_Number!));
    const minute = (r: Record<string, string>) => Number(r.Time_PhonePickUp!.split(':')[1]);
    const turn = atOne.findIndex((r, i) => i > 0 && minute(r) < minute(atOne[i - 1]!) - 30);
    expect(turn).toBeGreaterThan(0);
    const got = new Map(
      (
        await rows(
          `SELECT source_call_id, epoch_ms(received_at)::BIGINT AS ms FROM calls
           WHERE received_local >= '2022-11-06 01:00' AND received_local < '2022-11-06 02:00'`,
        )
      ).map((g) => [g.source_call_id as string, Number(g.ms)]),
    );
    expect(got.size).toBe(atOne.length);
    const wall = (r: Record<string, string>) => {
      const [h, m] = r.Time_PhonePickUp!.split(' ')[1]!.split(':').map(Number);
      return Date.UTC(2022, 10, 6, h!, m!);
    };
    // First time round UTC-5, second UTC-6.
    const truth = atOne.map((r, i) => wall(r) + (i < turn ? 5 : 6) * 3_600_000);
    const right = atOne.filter((r, i) => got.get(r.Master_Incident_Number!) === truth[i]).length;
    // The earlier instant alone is right for exactly the first round.
    expect({ calls: atOne.length, firstRound: turn }).toEqual({ calls: 60, firstRound: 24 });
    expect(right).toBeGreaterThan(turn + 10);
    // Every second-round call with a later time after the repeated hour is read right.
    const after = (s: string | undefined) => !!s && s.startsWith('11/6/2022 ') && !inFallBackHour(s);
    const telling = atOne.filter((r, i) => i >= turn && TIME_COLUMNS.some((c) => after(r[c])));
    expect(telling.length).toBeGreaterThan(10);
    for (const r of telling)
      expect([r.Master_Incident_Number, got.get(r.Master_Incident_Number!)]).toEqual([
        r.Master_Incident_Number,
        truth[atOne.indexOf(r)],
      ]);
  });

  it('converts every received time to the same UTC instant as a hand-written rule', async () => {
    const got = await rows('SELECT source_call_id, epoch_ms(received_at)::BIGINT AS ms FROM calls');
    const expected = new Map(distinct.map((r) => [r.Master_Incident_Number, minneapolisTimes(r)[0]]));
    let mismatches = 0;
    for (const g of got) if (Number(g.ms) !== expected.get(g.source_call_id as string)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('flags, and keeps, calls whose arrival precedes pickup', async () => {
    const negative = distinct.filter((r) => {
      const t = minneapolisTimes(r);
      return t[4] !== null && t[4]! < t[0]!;
    });
    // 6 when the repeated hour was read as the earlier instant throughout.
    expect(negative.length).toBe(3);
    expect(summary.time.response_negative).toBe(negative.length);
    const got = await rows(
      "SELECT count(*)::INTEGER AS n FROM calls WHERE arrived_at < received_at AND list_contains(time_flags, 'negative_interval')",
    );
    expect(got[0]!.n).toBe(negative.length);
    // A call with no flag has an empty list, never NULL (docs/schema.md; tester 254 asked which).
    const lists = await rows(
      'SELECT count(*) FILTER (WHERE time_flags IS NULL)::INTEGER AS nulls, count(*) FILTER (WHERE len(time_flags) = 0)::INTEGER AS empty FROM calls',
    );
    expect(lists[0]!.nulls).toBe(0);
    expect(lists[0]!.empty).toBeGreaterThan(40_000);
    const missing = distinct.filter((r) => !r.Time_First_Unit_Arrived).length;
    expect(summary.time.response_missing).toBe(missing);
  });

  it('keeps only canonical columns and block-level addresses', async () => {
    const cols = await rows('SELECT column_name FROM (DESCRIBE SELECT * FROM calls)');
    expect(cols.map((c) => c.column_name)).toEqual(CALL_COLUMN_NAMES);
    const bad = await rows(
      "SELECT block_address FROM calls WHERE block_address IS NOT NULL AND (regexp_matches(block_address, '^\\d+ ') OR block_address ILIKE '%redacted%')",
    );
    expect(bad).toEqual([]);
    const sample = await rows("SELECT block_address FROM calls WHERE source_call_id = '22-232587'");
    expect(sample[0]!.block_address).toBe('3XX 1ST AVE N');
  });

  it('counts the time flags of the records the store holds, not of every run that loaded them', async () => {
    // The calls of 6 November, ingested twice (the second file one exact duplicate row longer, so it is
    // read again): store info said twice the fall-back calls the store holds.
    const dir = tempDir();
    const lines = readFileSync(FILE, 'utf8').split('\n');
    const day = lines.filter((l, i) => i === 0 || /^[^,]*,[^,]*,11\/6\/2022 /.test(l));
    const once = join(dir, 'nov6.csv');
    const twice = join(dir, 'nov6-again.csv');
    writeFileSync(once, `${day.join('\n')}\n`);
    writeFileSync(twice, `${[...day, day[1]!].join('\n')}\n`);
    const small = join(dir, 'store');
    await ingest({ files: [once], profile: 'minneapolis-cad', store: small });
    await ingest({ files: [twice], profile: 'minneapolis-cad', store: small });
    const conn = await openEngine();
    const s = await summarizeStore(conn, requireStore(small));
    conn.closeSync();
    const dayRows = distinct.filter((r) => r.Response_Date!.startsWith('11/6/2022 '));
    const touched = dayRows.filter((r) => TIME_COLUMNS.some((c) => inFallBackHour(r[c] ?? '')));
    expect(touched.length).toBeGreaterThan(0);
    expect(s.records).toBe(dayRows.length);
    expect(s.quality).toMatchObject({
      runs: 2,
      rows_read: 2 * (day.length - 1) + 1,
      dst_ambiguous_calls: touched.length,
    });
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    printStoreSummary(s);
    vi.restoreAllMocks();
    expect(out.join('\n')).toContain(
      `over its 2 ingest runs, ${(2 * (day.length - 1) + 1).toLocaleString('en-US')} rows read`,
    );
    expect(out.join('\n')).toMatch(
      new RegExp(
        `records it holds, ${touched.length} have a time in a DST fall-back hour, 0 in a spring-forward gap \\(shifted forward\\), \\d+ a negative interval and \\d+ an implausibly long one`,
      ),
    );
  });

  it('says a store of header-only exports holds no calls, rather than printing empty tables', async () => {
    // It printed "calls received - to - local time" above three empty tables.
    const dir = tempDir();
    const file = join(dir, 'header.csv');
    writeFileSync(file, `${readFileSync(FILE, 'utf8').split('\n')[0]}\n`);
    const empty = join(dir, 'store');
    await ingest({ files: [file], profile: 'minneapolis-cad', store: empty });
    const conn = await openEngine();
    const s = await summarizeStore(conn, requireStore(empty));
    conn.closeSync();
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((m: string) => void out.push(m));
    printStoreSummary(s);
    vi.restoreAllMocks();
    expect(out).toEqual([
      expect.stringMatching(
        /^The store holds no calls \(minneapolis_cad; store version v000001\): its ingest run read 0 rows/,
      ),
    ]);
  });

  it('summarises the store as the raw file counts it', async () => {
    const conn = await openEngine();
    const s = await summarizeStore(conn, requireStore(store));
    conn.closeSync();
    expect(s.calls).toBe(distinct.length);
    expect(s.by_responder.find((r) => r.responder === 'behavioural_crisis')?.records).toBe(1_808);
    expect(s.quality).toMatchObject({ rows_read: 63_347, duplicates: 41, quarantined: 0 });
    // Intervals longer than 24 hours (the profile's max_interval_hours), by docs/time.md's table over the
    // columns received, queued, assigned, en route, arrived, cleared, closed: store info gave no count.
    const pairs = [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [0, 4],
      [4, 5],
      [0, 6],
      [2, 5],
    ] as const;
    const long = distinct.filter((r) => {
      const t = minneapolisTimes(r);
      return pairs.some(([a, b]) => t[a] != null && t[b] != null && t[b]! - t[a]! > 24 * 3_600_000);
    }).length;
    expect(long).toBeGreaterThan(100);
    // Q4 has no spring-forward night.
    expect(s.quality).toMatchObject({ implausible_interval_calls: long, dst_gap_calls: 0 });
    const top = [
      ...distinct.reduce(
        (m, r) => m.set(r.Problem!, (m.get(r.Problem!) ?? 0) + 1),
        new Map<string, number>(),
      ),
    ].sort((a, b) => b[1] - a[1])[0]!;
    expect(s.top_final_types[0]!.records).toBe(top[1]);
    expect(s.first_local).toBe('2022-09-30 23:58:00');
  });

  it('counts a call held in two sources once, and says how many records it holds', async () => {
    // A crisis team's own log: two calls the CAD holds too and one it lacks. The store info said calls
    // for records (63,306 + 3).
    const dir = tempDir();
    const both = join(dir, 'store');
    cpSync(store, both, { recursive: true });
    const log = join(dir, 'bcr-log.csv');
    writeFileSync(
      log,
      'Call_Number,Contact_Start,Team\n22-232587,2022-10-05T10:00:00,BCR\n22-236388,2022-10-09T11:00:00,BCR\nBCR-1,2022-10-10T12:00:00,BCR\n',
    );
    const profile = join(dir, 'bcr-log.yaml');
    writeFileSync(
      profile,
      [
        'name: Crisis team log',
        'source: bcr_log',
        'time_zone: America/Chicago',
        "timestamps: { format: '%Y-%m-%dT%H:%M:%S', clock: local }",
        'id: Call_Number',
        'times: { received: Contact_Start }',
        'fields: { call_type_initial: Team }',
        'origin: { default: unknown }',
        'responder: { default: behavioural_crisis }',
        '',
      ].join('\n'),
    );
    await ingest({ files: [log], profile, store: both });
    const conn = await openEngine();
    const s = await summarizeStore(conn, requireStore(both));
    conn.closeSync();
    expect(s.records).toBe(distinct.length + 3);
    expect(s.calls).toBe(distinct.length + 1);
    expect(s.sources.map((x) => x.records)).toEqual([distinct.length, 3]);
    // The span printed is of records (a log may date a call later than the CAD): it says so.
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    printStoreSummary(s);
    spy.mockRestore();
    expect(printed.join('\n')).toMatch(/analyze counts them\), records received 2022-/);
  });

  it('classes a referred call as referred even when its disposition is empty', async () => {
    // An empty disposition made every call `unknown` before the rules ran, so the cancel-reason rules
    // almost never applied: 26 referred, where 90 calls referred to 311 and 189 to another agency lay in
    // `unknown`.
    const referral = new Set(['311-Referred to 311', 'REFER-Refer to Other Agency']);
    const earlier = /^(BKG|ARR|TAG|CIT|RPT)/i;
    const expected = distinct.filter(
      (r) => referral.has(r.Cancel_Reason!.trim()) && !earlier.test(r.Call_Disposition!.trim()),
    ).length;
    expect(expected).toBeGreaterThan(250);
    const [got] = await rows("SELECT count(*)::INTEGER AS n FROM calls WHERE disposition_class = 'referred'");
    expect(got!.n).toBe(expected);
    const [unknown] = await rows(
      "SELECT count(*)::INTEGER AS n FROM calls WHERE disposition_class = 'unknown'",
    );
    expect(unknown!.n).toBe(
      distinct.filter((r) => r.Call_Disposition!.trim() === '' && !referral.has(r.Cancel_Reason!.trim()))
        .length,
    );
  });

  it('maps the 911 flag, alarms and patrol activity to origins', async () => {
    const got = await rows('SELECT origin, count(*)::INTEGER AS n FROM calls GROUP BY 1');
    const n = (o: string) => (got.find((g) => g.origin === o)?.n as number) ?? 0;
    const alarms = distinct.filter((r) => /alarm|^ShotSpotter/i.test(r.initialProblem!)).length;
    expect(n('alarm')).toBe(alarms);
    expect(n('911') + n('alarm') + n('officer_initiated') + n('non_emergency_phone')).toBe(distinct.length);
  });

  it('reads the same calls from a Parquet copy with typed columns', async () => {
    // Typed columns (an INTEGER priority) ended ingest in a binder error: they are read as text. A whole
    // number in a DOUBLE column (pandas' integers with a gap) read `2.0`, another priority, and an id so
    // typed another call; a TIMESTAMP read `2022-10-01 00:01:00`, which the profile's format refused.
    const dir = tempDir();
    const pq = join(dir, 'calls.parquet');
    const conn = await openEngine();
    await conn.run(
      `COPY (SELECT * REPLACE (TRY_CAST(Priority_Number AS DOUBLE) AS Priority_Number,
           try_strptime(Time_PhonePickUp, '%m/%d/%Y %H:%M') AS Time_PhonePickUp)
         FROM read_csv('${FILE}', all_varchar = true)) TO '${pq}' (FORMAT parquet)`,
    );
    const [types] = await queryRows<{ p: string; t: string }>(
      conn,
      `SELECT typeof(Priority_Number) p, typeof(Time_PhonePickUp) t FROM read_parquet('${pq}') LIMIT 1`,
    );
    expect(types).toEqual({ p: 'DOUBLE', t: 'TIMESTAMP' });
    const other = join(dir, 'store');
    const s = await ingest({ files: [pq], profile: 'minneapolis-cad', store: other });
    expect(s.totals).toEqual(summary.totals);
    // A Parquet file has no line end to miss: every complete one was said to be perhaps cut short.
    expect(s.warnings.filter((w) => /line end/.test(w))).toEqual([]);
    const cols =
      'source_call_id, source_row, received_at, priority, call_type_final, responder, block_address';
    const [same] = await queryRows<{ a: number; b: number; both: number }>(
      conn,
      `SELECT (SELECT count(*) FROM read_parquet('${store}/versions/*/calls/*.parquet'))::INTEGER AS a,
         (SELECT count(*) FROM read_parquet('${other}/versions/*/calls/*.parquet'))::INTEGER AS b,
         (SELECT count(*) FROM (SELECT ${cols} FROM read_parquet('${store}/versions/*/calls/*.parquet')
           INTERSECT SELECT ${cols} FROM read_parquet('${other}/versions/*/calls/*.parquet')))::INTEGER AS both`,
    );
    // A copy without a column the profile reads is refused as a CSV would be, naming it.
    const lacking = join(dir, 'lacking.parquet');
    await conn.run(
      `COPY (SELECT * EXCLUDE (Division) FROM read_parquet('${pq}')) TO '${lacking}' (FORMAT parquet)`,
    );
    conn.closeSync();
    expect(same).toEqual({ a: distinct.length, b: distinct.length, both: distinct.length });
    await expect(
      ingest({ files: [lacking], profile: 'minneapolis-cad', store: join(dir, 'store2') }),
    ).rejects.toThrow(/lacking\.parquet lacks column\(s\) the profile minneapolis-cad reads: `Division`/);
  });
});
