import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest, type IngestSummary } from '../../src/ingest/ingest.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';
import { loadProfile } from '../../src/sources/load-profile.js';

/** Burlington's `Hour` column: `12 am` is 0, `1 am` is 1, `12 pm` is 12, `1 pm` is 13. */
function hourOf(label: string): number {
  const m = /^(\d+) (am|pm)$/.exec(label.trim());
  if (!m) throw new Error(`unexpected Hour ${label}`);
  return (Number(m[1]) % 12) + (m[2] === 'pm' ? 12 : 0);
}

describe('Burlington VT: call_time written 4-5 hours early', () => {
  const file = sharedFile('burlington_vt/police-incidents-2022.csv');
  const raw = csvObjects(readFileSync(file, 'utf8'));
  let summary: IngestSummary;
  let got: { id: string; hour: number; dow: string; local: string; origin: string }[];

  beforeAll(async () => {
    const store = join(tempDir(), 'store');
    summary = await ingest({ files: [file], profile: 'burlington-vt', store });
    got = await storeRows(
      store,
      `SELECT source_call_id id, hour(received_local)::INTEGER AS "hour", dayname(received_local) AS dow,
        CAST(received_local AS VARCHAR) AS "local", origin FROM calls`,
    );
  });

  it('loads every row', () => {
    expect(summary.files[0]!.rows_read).toBe(raw.length);
    expect(summary.files[0]!.loaded).toBe(10_830);
  });

  it("corrects every call's local hour and weekday to the file's own Hour and DayOfWeek columns", () => {
    const byId = new Map(raw.map((r) => [r.incident_number, r]));
    let hourMismatch = 0;
    let dayMismatch = 0;
    for (const g of got) {
      const r = byId.get(g.id)!;
      if (g.hour !== hourOf(r.Hour!)) hourMismatch++;
      if (g.dow !== r.DayOfWeek) dayMismatch++;
    }
    expect(got.length).toBe(raw.length);
    expect(hourMismatch).toBe(0);
    expect(dayMismatch).toBe(0);
  });

  it('counts police activity logged by phone as officer-initiated, and a 911 call as 911 whatever its type', () => {
    // Foot Patrol was 259 Phone and 221 Officer/Radio: 553 such entries sat in the default denominator.
    const activity = ['Foot Patrol', 'Community Outreach', 'Operations', 'Background Investigation'];
    const expected = (r: Record<string, string>) =>
      r.call_origin === '911'
        ? '911'
        : activity.includes(r.call_type!) || r.call_origin === 'Officer/Radio'
          ? 'officer_initiated'
          : r.call_origin === 'Phone'
            ? 'non_emergency_phone'
            : r.call_origin === 'Online Report'
              ? 'online'
              : r.call_origin === 'In Person'
                ? 'other'
                : 'unknown';
    const byId = new Map(raw.map((r) => [r.incident_number, r]));
    expect(got.filter((g) => g.origin !== expected(byId.get(g.id)!))).toEqual([]);
    expect(raw.filter((r) => activity.includes(r.call_type!) && r.call_origin === 'Phone').length).toBe(534);
  });

  it('quarantines a time without the offset every other value was converted to, and a priority with no digit', async () => {
    // Read as the local time itself, it landed five hours from its neighbours, in silence; `Priority X`
    // became no priority, with no trace (tester 76).
    const dir = tempDir();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain(',2021-12-31T20:08:55-05:00,');
    expect(text).toContain(',East,Priority 1,January,2022');
    const f = join(dir, 'no-offset.csv');
    writeFileSync(
      f,
      text
        .replace(',2021-12-31T20:08:55-05:00,', ',2021-12-31T20:08:55,')
        .replace(',East,Priority 1,January,2022', ',East,Priority X,January,2022'),
    );
    const s = await ingest({ files: [f], profile: 'burlington-vt', store: join(dir, 'store') });
    expect(s.totals.quarantined).toBe(2);
    const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
    const changed = text.split('\n').findIndex((l) => l.includes(',East,Priority 1,January,2022'));
    expect(q.map((r) => [r.row, r.reason])).toEqual([
      [
        '1',
        'received time: 2021-12-31T20:08:55 does not match an ISO-8601 time with offset (column call_time)',
      ],
      [
        String(changed),
        "priority: Priority X has no digit for digits_only to keep (column priority; a value that means none goes in the profile's nulls)",
      ],
    ]);
  });

  it('says when latitude and longitude are mapped the wrong way round (tester 247), and not otherwise', async () => {
    // The Americas, loosely: west of 10 degrees W, north of 60 S (point-check.ts). Counted here from the raw file.
    const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? NaN : Number(v));
    const points = raw
      .map((r) => [num(r.Latitude), num(r.Longitude)] as const)
      .filter(([lat, lon]) => !Number.isNaN(lat) && !Number.isNaN(lon) && !(lat === 0 && lon === 0));
    const outsideSwapped = points.filter(([lat, lon]) => !(lat < -10 && lon > -60)).length;
    expect(points.length).toBeGreaterThan(9_000);
    expect(summary.warnings.join(' ')).not.toContain('outside the Americas');
    const base = loadProfile('burlington-vt');
    const swapped = { ...base, fields: { ...base.fields, lat: base.fields.lon!, lon: base.fields.lat! } };
    const s = await ingest({ files: [file], profile: swapped, store: join(tempDir(), 'store') });
    expect(s.totals.loaded).toBe(10_830);
    expect(s.warnings).toContain(
      `${outsideSwapped.toLocaleString('en-US')} of the ${points.length.toLocaleString('en-US')} calls with a point lie outside the Americas, though the profile's time zone is America/New_York: the columns mapped as \`lat\` and \`lon\` are most likely the wrong way round (read the other way, every one of them would lie there): swap them in the profile and ingest the file again. Maps, and areas joined from boundaries, place calls by these points.`,
    );
  });

  it('worked example: 2021-12-31T20:08:55-05:00 is 2022-01-01 01:08:55 local', () => {
    expect(raw[0]!.call_time).toBe('2021-12-31T20:08:55-05:00');
    expect(got.find((g) => g.id === raw[0]!.incident_number)!.local).toBe('2022-01-01 01:08:55');
  });
});

describe('Seattle call data', () => {
  const file = sharedFile('seattle/call_data_sample_2018-2023.csv');
  const raw = csvObjects(readFileSync(file, 'utf8'));
  let rows: Record<string, unknown>[];

  beforeAll(async () => {
    const store = join(tempDir(), 'store');
    await ingest({ files: [file], profile: 'seattle-call-data', store });
    rows = await storeRows(
      store,
      "SELECT source_call_id, call_type_final, call_type_final_raw, origin, responder, disposition_class, strftime(received_local, '%m/%d/%Y %-I:%M:%S %p') AS local FROM calls",
    );
  });

  it('strips the leading dashes of final types and keeps local times as exported', () => {
    expect(rows.length).toBe(raw.length);
    const byId = new Map(raw.map((r) => [r['CAD Event Number'], r]));
    for (const r of rows) {
      const src = byId.get(r.source_call_id as string)!;
      expect(r.call_type_final).toBe(src['Final Call Type']!.replace(/^-+\s*/, '').trim());
      expect(r.local).toBe(src['Original Time Queued']);
    }
    expect(rows.filter((r) => String(r.call_type_final_raw).startsWith('--')).length).toBeGreaterThan(0);
  });

  it('takes origin from the Call Type column', () => {
    const count = (pred: (r: Record<string, string>) => boolean) => raw.filter(pred).length;
    const n = (o: string) => rows.filter((r) => r.origin === o).length;
    expect(n('911')).toBe(count((r) => r['Call Type'] === '911'));
    expect(n('officer_initiated')).toBe(count((r) => r['Call Type'] === 'ONVIEW'));
    expect(n('alarm')).toBe(count((r) => r['Call Type']!.startsWith('ALARM')));
  });

  it('takes a report written with no arrest for a report, not an arrest (tester 291)', () => {
    const said = (d: string) => raw.filter((r) => r['Event Clearance Description'] === d).length;
    expect(said('REPORT WRITTEN (NO ARREST)')).toBeGreaterThan(0);
    expect(rows.filter((r) => r.disposition_class === 'arrest').length).toBe(said('PHYSICAL ARREST MADE'));
  });

  it("knows the full export's other sources: proactive and scheduled calls, and the VARDA alarm", async () => {
    const text = readFileSync(file, 'utf8');
    const onview = raw.filter((r) => r['Call Type'] === 'ONVIEW').map((r) => r['CAD Event Number']!);
    expect(onview.length).toBeGreaterThanOrEqual(3);
    const relabel: Record<string, string> = {
      [onview[0]!]: 'PROACTIVE (OFFICER INITIATED)',
      [onview[1]!]: 'SCHEDULED EVENT (RECURRING)',
      [onview[2]!]: 'POLICE (VARDA) ALARM',
    };
    const header = text.split('\n', 1)[0]!;
    const lines = text
      .split('\n')
      .slice(1)
      .map((l) => {
        const id = Object.keys(relabel).find((k) => l.includes(k));
        return id ? l.replace(',ONVIEW,', `,${relabel[id]},`) : l;
      });
    const dir = tempDir();
    const copy = join(dir, 'relabelled.csv');
    writeFileSync(copy, [header, ...lines].join('\n'));
    const store = join(dir, 'store');
    await ingest({ files: [copy], profile: 'seattle-call-data', store });
    const got = new Map(
      (
        await storeRows<{ id: string; origin: string }>(
          store,
          'SELECT source_call_id AS id, origin FROM calls',
        )
      ).map((r) => [r.id, r.origin]),
    );
    expect([onview[0], onview[1], onview[2]].map((id) => got.get(id!))).toEqual([
      'officer_initiated',
      'officer_initiated',
      'alarm',
    ]);
  });

  it('gives calls the Telephone Reporting Unit took to the telephone-report responder, not to police', () => {
    // They were listed as police on scene, and ranked as calls still to divert to that very responder.
    const tru = new Set(
      raw.filter((r) => r['Initial Call Type']!.startsWith('TRU -')).map((r) => r['CAD Event Number']),
    );
    expect(tru.size).toBeGreaterThan(10);
    for (const r of rows)
      expect(r.responder, String(r.source_call_id)).toBe(
        tru.has(r.source_call_id as string) ? 'online_311' : 'police',
      );
  });
});

describe('Seattle dispatch data: delays in seconds instead of time stamps', () => {
  const file = sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv');
  const raw = csvObjects(readFileSync(file, 'utf8'));
  const seconds = (v: string | undefined) => (v === undefined || v === 'NULL' || v === '' ? null : Number(v));
  let rows: { id: string; dispatch_s: number | null; response_s: number | null }[];
  let byPriority: Map<
    string,
    { valid: number; missing: number; implausible: number; median: number | null; p90: number | null }
  >[] = [];

  let warnings: string[];
  let untyped: number;
  let callTaking: { valid: number; missing: number };

  beforeAll(async () => {
    const store = join(tempDir(), 'store');
    await ingest({ files: [file], profile: 'seattle-spd-dispatch', store });
    rows = await storeRows(
      store,
      `SELECT source_call_id AS id, (epoch_us(assigned_at) - epoch_us(received_at)) / 1e6 AS dispatch_s,
         (epoch_us(arrived_at) - epoch_us(received_at)) / 1e6 AS response_s FROM calls`,
    );
    const r = await analyze({ store, writeStore: false });
    warnings = r.warnings;
    untyped = r.quality.untyped;
    callTaking = r.tables.response_times.rows.find(
      (x) => x.interval === 'call_taking' && x.group_by === 'all',
    )!;
    byPriority = ['response', 'queue'].map(
      (interval) =>
        new Map(
          r.tables.response_times.rows
            .filter((x) => x.interval === interval && x.group_by === 'priority')
            .map((x) => [
              x.group_value,
              {
                valid: x.valid,
                missing: x.missing,
                implausible: x.implausible,
                median: x.median_s,
                p90: x.p90_s,
              },
            ]),
        ),
    );
  });

  it('leaves call-taking unknown: the export has no pickup time, only the queue time it counts from', () => {
    // The queue interval taken from the received time once made call-taking 0 s for every call.
    expect(callTaking).toMatchObject({ valid: 0, missing: 1_000 });
  });

  it('says that no call has a type, so nothing can be judged eligible', () => {
    // The file has no type column: every eligibility figure read as none and nothing said why.
    expect(untyped).toBe(rows.length);
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^No call of the period has an initial call type: no category or eligibility can be judged/,
      ),
    );
  });

  it('says the export covers its first and last days in part, from the first and last calls (tester 243)', () => {
    // The raw queue times are local; the period is 2024-01-01 to 2024-01-04, counted as 4 whole days.
    const times = raw.map((r) => r.CAD_Event_Original_Time_Queued!).sort();
    const [first, last] = [times[0]!, times.at(-1)!];
    expect(first).toBe('2024-01-01 20:24:01');
    expect(last.startsWith('2024-01-04')).toBe(true);
    // Calls an hour between the first and the last, by hand from the raw times; the minutes cut to HH:MM.
    const hours =
      (Date.parse(`${last.replace(' ', 'T')}Z`) - Date.parse(`${first.replace(' ', 'T')}Z`)) / 3_600_000;
    const perHour = (raw.length / hours).toFixed(1);
    expect(warnings).toContain(
      `The export starts and ends part-way through its first and last days (its first call at 20:24 on 2024-01-01, its last at ${last.slice(11, 16)} on 2024-01-04, ${perHour} calls an hour between), which the period counts whole: figures a day, a week or a year, and the calls in an hour of the week, divide by hours with no call exported, and the hours it does not cover read as the quietest. Consider --from 2024-01-02 and --to 2024-01-03, or an export of whole days.`,
    );
  });

  it('loads every row, each time its delay after the queue time, to the second', () => {
    expect(rows.length).toBe(raw.length);
    expect(raw.length).toBe(1_000);
    const byId = new Map(raw.map((r) => [r.cad_id!, r]));
    for (const r of rows) {
      const src = byId.get(r.id)!;
      expect(r.dispatch_s).toBe(seconds(src.first_dispatch_delay));
      expect(r.response_s).toBe(seconds(src.first_response_time));
    }
  });

  it('quarantines a delay that is not a number, or longer than any call could wait, naming it', async () => {
    const dir = tempDir();
    const lines = readFileSync(file, 'utf8').split('\n');
    // Row 1's dispatch delay (131) becomes 1e300; row 2's missing response (NULL) becomes `soon`.
    // Row 3's dispatch delay written with a thousands separator, as a spreadsheet re-saves it (tester 247).
    const third = lines[3]!.split(',');
    third[7] = '"2,977"';
    const bad = [
      lines[1]!.replace(',131,516,', ',1e300,516,'),
      lines[2]!.replace(',10220,NULL,', ',10220,soon,'),
      third.join(','),
    ];
    expect(bad).not.toContain(lines[1]);
    expect(bad).not.toContain(lines[2]);
    const f = join(dir, 'delays.csv');
    writeFileSync(f, [lines[0], ...bad, ...lines.slice(4, 300)].join('\n'));
    const s = await ingest({
      files: [f],
      profile: 'seattle-spd-dispatch',
      store: join(dir, 'store'),
      maxBadRatio: 0.5,
    });
    expect(s.totals.quarantined).toBe(3);
    const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
    expect(q.map((r) => r.reason)).toEqual([
      'assigned time: 1e300 is not a number of seconds up to 130 years (column first_dispatch_delay)',
      'arrived time: soon is not a number of seconds up to 130 years (column first_response_time)',
      'assigned time: 2,977 is not a number of seconds up to 130 years (column first_dispatch_delay; it is written with thousands separators, as a spreadsheet writes numbers when it re-saves a file: export the file again without opening it in a spreadsheet, or format the column without separators and save it again)',
    ]);
  });

  it.each([
    ['response', 'first_response_time', 0],
    // The queue runs from the received time, which is the queue time in this export: every call read
    // missing, and the one delay the file is published for was lost (tester 76).
    ['queue', 'first_dispatch_delay', 1],
  ] as const)(
    'gives the median and 90th percentile %s by priority that the raw delays give',
    (_, column, k) => {
      const responseByPriority = byPriority[k]!;
      // Type 7 quantiles over the valid delays (not missing, not over the profile's 24 hours), by hand.
      const quantile = (s: number[], p: number) => {
        const h = (s.length - 1) * p;
        const lo = Math.floor(h);
        return s[lo]! + (h - lo) * (s[Math.ceil(h)]! - s[lo]!);
      };
      const priorities = [...new Set(raw.map((r) => r.priority!))];
      expect(priorities.length).toBeGreaterThan(3);
      for (const p of priorities) {
        const all = raw.filter((r) => r.priority === p).map((r) => seconds(r[column]));
        const valid = all
          .filter((v): v is number => v !== null && v >= 0 && v <= 24 * 3600)
          .sort((a, b) => a - b);
        const got = responseByPriority.get(p)!;
        expect(got.valid).toBe(valid.length);
        expect(got.missing).toBe(all.filter((v) => v === null).length);
        expect(got.implausible).toBe(all.filter((v) => v !== null && v > 24 * 3600).length);
        expect(got.median).toBeCloseTo(quantile(valid, 0.5), 9);
        expect(got.p90).toBeCloseTo(quantile(valid, 0.9), 9);
      }
    },
  );
});
