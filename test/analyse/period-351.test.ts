/**
 * The period notes of a store of Seattle's two sources, which share no month (tester 351): the sample of
 * 2018-2023, the main source (call types, 911 origins), and the dispatch file of 2024-01-01 to 04.
 * Expected days are computed here from the CSVs, whose times are local, not from the store.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { makePeriod } from '../../src/analyse/context.js';
import { periodWarnings } from '../../src/analyse/period-check.js';
import { ingest } from '../../src/ingest/ingest.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { month } from './helpers.js';

const SAMPLE = sharedFile('seattle/call_data_sample_2018-2023.csv');
const DISPATCH = sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv');

/** The fields of one CSV line, quoted fields holding commas. */
function fields(line: string): string[] {
  return [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1]!.replace(/^"|"$/g, ''));
}

/** Each row's local day, YYYY-MM-DD, from the named column, read by `day`. */
function daysOf(file: string, column: string, day: (v: string) => string): string[] {
  const [head, ...rows] = readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean);
  const at = fields(head!).indexOf(column);
  return rows.map((r) => day(fields(r)[at]!));
}

// "11/04/2023 6:08:26 PM" and "2024-01-01 20:24:01".
const sampleDays = daysOf(
  SAMPLE,
  'Original Time Queued',
  (v) => `${v.slice(6, 10)}-${v.slice(0, 2)}-${v.slice(3, 5)}`,
);
const dispatchDays = daysOf(DISPATCH, 'CAD_Event_Original_Time_Queued', (v) => v.slice(0, 10));
const distinct = (days: string[], from: string, to: string) =>
  new Set(days.filter((d) => d >= from && d <= to)).size;
const daysFrom = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

const divided =
  'per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period';

describe('period notes of two sources sharing no month (tester 351)', () => {
  const dir = tempDir('safegap-period-351-');
  const store = join(dir, 'A');
  const warnings = (from: string, to: string) =>
    analyze({ store, from, to, writeStore: false }).then((r) => r.warnings);
  beforeAll(async () => {
    await ingest({ files: [SAMPLE], profile: 'seattle-call-data', store });
    await ingest({ files: [DISPATCH], profile: 'seattle-spd-dispatch', store });
  }, 300_000);

  const dispatchLast = [...dispatchDays].sort().at(-1)!;
  const sampleLast = [...sampleDays].sort().at(-1)!;

  it('checks its own reading of the files', () => {
    expect([sampleDays.length, dispatchDays.length]).toEqual([222, 1_000]);
    expect(dispatchLast).toBe('2024-01-04');
    expect(sampleLast < '2024-01-01').toBe(true);
  });

  it('says a period running past the dispatch file runs past the export, with the day to end at', async () => {
    const [from, to] = ['2023-07-01', '2024-01-31'];
    const n = distinct([...sampleDays, ...dispatchDays], from, to);
    const w = await warnings(from, to);
    // The period's first day holds a sample call, so the days with calls run from it.
    expect(sampleDays).toContain(from);
    expect(w).toContain(
      `Only ${n} of the period's ${daysFrom(from, to)} days have calls: ${divided}, so the period probably runs past the export; consider --to ${dispatchLast}, though from ${from} to ${dispatchLast} only ${n} of the ${daysFrom(from, dispatchLast)} days have calls too: check that the export covers them, or choose --from and --to.`,
    );
  }, 120_000);

  it("gives no main-source caveat for a period of the other source's calls alone", async () => {
    const w = await warnings('2024-01-01', '2024-01-04');
    expect(w.join(' ')).not.toMatch(/the main source|No month holds records/);
    // A period holding the main source's records and the other's keeps it.
    expect(await warnings('2023-07-01', '2024-01-31')).toContainEqual(
      expect.stringMatching(
        /^seattle_calls, the main source .* in 2024-01, .* No month holds records of seattle_calls/,
      ),
    );
  }, 120_000);

  it("calls no main source's calls stray records, nor advises a --from that drops them all", async () => {
    const [from, to] = ['2023-07-01', '2024-01-04'];
    const n = distinct([...sampleDays, ...dispatchDays], from, to);
    const w = await warnings(from, to);
    // The sample's calls in the period, none of them on the dispatch file's days: every one would go.
    expect(sampleDays.filter((d) => d >= from && d <= to).length).toBeGreaterThan(0);
    expect(w.join(' ')).not.toMatch(/stray|--from 2024-01-01/);
    expect(w).toContain(
      `Only ${n} of the period's ${daysFrom(from, to)} days have calls: ${divided}, so check that the export covers it, or choose --from and --to.`,
    );
    // The caveat on pooled sources says what the stray note got wrong.
    expect(w).toContainEqual(
      expect.stringMatching(/No month holds records of seattle_calls and of another source/),
    );
  }, 120_000);
});

describe('the same notes, by hand', () => {
  // A call on the 3rd of each month from July to December 2023, and 250 calls a day on 1 to 4 January 2024.
  const sample = ['07', '08', '09', '10', '11', '12'].map((m) => ({ day: `2023-${m}-03`, calls: 1 }));
  const dispatch = ['01', '02', '03', '04'].map((d) => ({ day: `2024-01-${d}`, calls: 250 }));
  const rows = [
    ...['07', '08', '09', '10', '11', '12'].map((m) => month(`2023-${m}`, 1, 31)),
    month('2024-01', 1_000, 31),
  ];
  const edges = (from: string, to: string) => {
    const days = [...sample, ...dispatch].filter((d) => d.day >= from && d.day <= to);
    return {
      first: 0,
      last: 0,
      firstDay: days[0]!.day,
      lastDay: days.at(-1)!.day,
      days,
      storeFirstDay: '2018-01-05',
      storeLastDay: '2024-01-04',
    };
  };

  it('says the public edition runs past the export without the count of days', () => {
    // 2023-07-01 to 2024-01-31: 31 + 31 + 30 + 31 + 30 + 31 + 31 = 215 days; from 2023-07-03 to 2024-01-04,
    // 29 + 31 + 30 + 31 + 30 + 31 + 4 = 186.
    const w = periodWarnings(makePeriod('2023-07-01', '2024-01-31'), rows, 10, {
      hiddenBelow: 11,
      edges: edges('2023-07-01', '2024-01-31'),
      // Sparser than Seattle's sample, its calls would read as stray records but for the main source's months.
      mainSource: { first: '2018-01', last: '2023-12' },
    });
    expect(w).toContain(
      `Fewer than half of the period's 215 days have calls: ${divided}, so the period probably runs past the export; consider --to 2024-01-04, though from 2023-07-03 to 2024-01-04 fewer than half of the 186 days have calls too: check that the export covers them, or choose --from and --to.`,
    );
  });

  it('keeps stray records apart from the main source pooled with another', () => {
    // The main source after the other, for the trailing side: 250 calls a day on 1 to 4 January 2023, then
    // the main source's one call on the 3rd of February to July.
    const other = ['01', '02', '03', '04'].map((d) => ({ day: `2023-01-${d}`, calls: 250 }));
    const main = ['02', '03', '04', '05', '06', '07'].map((m) => ({ day: `2023-${m}-03`, calls: 1 }));
    const period = makePeriod('2023-01-01', '2023-07-31');
    const monthly = [
      month('2023-01', 1_000, 31),
      ...['02', '03', '04', '05', '06', '07'].map((m) => month(`2023-${m}`, 1, 30)),
    ];
    const e = {
      first: 250,
      last: 0,
      firstDay: '2023-01-01',
      lastDay: '2023-07-03',
      days: [...other, ...main],
    };
    // Alone, they read as stray records after the rest, to be cut with --to 2023-01-04.
    expect(periodWarnings(period, monthly, 10, { edges: e }).join(' ')).toMatch(
      /stray records.*--to 2023-01-04/,
    );
    const pooled = periodWarnings(period, monthly, 10, {
      edges: e,
      mainSource: { first: '2023-02', last: '2023-07' },
    });
    expect(pooled.join(' ')).not.toMatch(/stray|--to 2023-01-04/);
  });
});
