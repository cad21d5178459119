/**
 * Tester 329's periods, on real Minneapolis rows (calls_2022_d.csv, profile minneapolis-cad): a stray
 * record before (after) empty months and the bulk of the calls, and a window whose empty end is a month
 * missing from the middle of the store, not the store's end.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePeriod } from '../../src/analyse/context.js';
import { analyze } from '../../src/analyse/analyze.js';
import type { MonthlyRow } from '../../src/analyse/demand.js';
import { periodWarnings } from '../../src/analyse/period-check.js';
import { ingest } from '../../src/ingest/ingest.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { month } from './helpers.js';

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const divided =
  'per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period';

describe('tester 329: stray records and a window over a missing month', () => {
  const dir = tempDir();
  const [header, ...all] = parseCsv(
    readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').replace(/\r?\n$/, ''),
  );
  const [picked, id] = ['Time_PhonePickUp', 'Master_Incident_Number'].map((c) => header!.indexOf(c));
  const month = (r: string[]) => r[picked!]!.split('/')[0];
  // Every third row keeps each day of a month busy (about 220 calls a day) and the ingests quick.
  const december = all.filter((r, i) => month(r) === '12' && i % 3 === 0);
  const october = all.filter((r, i) => month(r) === '10' && i % 3 === 0);
  const september = all.filter((r) => month(r) === '9');
  // A December call of an id the file holds once, every one of its times moved to another day.
  const ids = new Map<string, number>();
  for (const r of december) ids.set(r[id!]!, (ids.get(r[id!]!) ?? 0) + 1);
  const moved = december.find((r) => ids.get(r[id!]!) === 1 && /^12\/\d+\/2022 /.test(r[picked!]!))!;
  const redate = (day: string) => moved.map((v) => v.replace(/^12\/\d+\/2022(?= )/, day));
  const rest = december.filter((r) => r !== moved);
  const write = (name: string, rows: string[][]) => {
    const file = join(dir, `${name}.csv`);
    writeFileSync(file, `${[header!, ...rows].map((r) => r.map(quote).join(',')).join('\n')}\n`);
    return file;
  };
  const stores = {
    stray: join(dir, 'stray'),
    strayEnd: join(dir, 'stray-end'),
    september: join(dir, 'september'),
    gap: join(dir, 'gap'),
  };

  beforeAll(async () => {
    const runs: [string, string[][]][] = [
      [stores.stray, [redate('6/15/2021'), ...rest]],
      [stores.strayEnd, [...rest, redate('3/15/2023')]],
      [stores.september, [...september, ...december]],
      [stores.gap, [...october, ...december]],
    ];
    for (const [store, rows] of runs)
      await ingest({ files: [write(store.split('/').at(-1)!, rows)], profile: 'minneapolis-cad', store });
  }, 180_000);

  const notes = async (store: string, from?: string, to?: string) =>
    (await analyze({ store, writeStore: false, ...(from ? { from } : {}), ...(to ? { to } : {}) })).warnings;

  it('names a stray record years before the export, and where the rest begins', async () => {
    // 2021-06-15 to 2022-12-31: one call, then July 2021 to November 2022 (17 months) without one. The old
    // notes said only "check that the export covers it", and the quiet-month note gave way to the sparse one.
    const w = await notes(stores.stray);
    expect(w).toContainEqual(
      expect.stringMatching(
        /^1 call falls on 2021-06-15, 17 months without a call before the rest \(2022-12-01 onward, [\d,]+ calls\): probably a stray record, whose empty months every figure that divides by the period's days counts\. Consider --from 2022-12-01\.$/,
      ),
    );
    expect(w).toContain(
      `17 of the period's 19 months have no calls (2021-07, 2021-08, 2021-09 and 14 more): ${divided}, so the period probably takes in stray calls before the bulk of its calls; consider --from 2022-12-01.`,
    );
    // 31 December days and the stray one of 565: sparse, but only for the stray's months.
    expect(w).toContain(
      `Only 32 of the period's 565 days have calls: ${divided}, so the period probably takes in stray calls before the bulk of its calls, which fall on 2022-12-01 to 2022-12-31; consider --from 2022-12-01.`,
    );
    expect(w.join(' ')).not.toMatch(/check that the export covers it/);
  }, 60_000);

  it('names a stray record after the export, and where the rest ends', async () => {
    // 2022-12-01 to 2023-03-15: January and February 2023 without a call before 15 March's one.
    const w = await notes(stores.strayEnd);
    expect(w).toContainEqual(
      expect.stringMatching(
        /^1 call falls on 2023-03-15, 2 months without a call after the rest \(up to 2022-12-31, [\d,]+ calls\): probably a stray record, .* Consider --to 2022-12-31\.$/,
      ),
    );
    expect(w).toContainEqual(
      expect.stringMatching(
        /^2 of the period's 4 months have no calls \(2023-01 and 2023-02\): .*; consider --to 2022-12-31\.$/,
      ),
    );
    expect(w.join(' ')).not.toMatch(/check that the export covers it/);
  }, 60_000);

  it("names the evening before October's calls when October and November are missing", async () => {
    // The file's two calls of 30 September (23:58 and 23:59), then December: 2 months between.
    const w = await notes(stores.september);
    expect(w).toContainEqual(
      expect.stringMatching(
        /^2 calls fall on 2022-09-30, 2 months without a call before the rest \(2022-12-01 onward, [\d,]+ calls\): probably stray records, .* Consider --from 2022-12-01\.$/,
      ),
    );
    expect(w.filter((x) => x.startsWith('The first month'))).toEqual([]);
  }, 60_000);

  it('calls a month missing from the middle of the store a gap, not the end of the export', async () => {
    // The store holds October and December: 2022-10-20 to 2022-11-20 ends in November's gap. The old notes
    // said "runs past the export; consider --to 2022-10-31", the export's calls "on 2022-10-20 to
    // 2022-10-31" (the window's --from).
    const w = await notes(stores.gap, '2022-10-20', '2022-11-20');
    const gap =
      'an export may be missing, as no call falls on 2022-11-01 to 2022-11-20 although the store has calls up to 2022-12-31; ingest it, or choose another period.';
    expect(w).toContain(`1 of the period's 2 months has no calls (2022-11): ${divided}, so ${gap}`);
    expect(w).toContain(`Only 12 of the period's 32 days have calls: ${divided}, so ${gap}`);
    expect(w.join(' ')).not.toMatch(/runs past/);
    // And at the start: 2022-11-10 to 2022-12-05, with the store's calls back to 2022-10-01.
    const start = await notes(stores.gap, '2022-11-10', '2022-12-05');
    expect(start).toContain(
      `1 of the period's 2 months has no calls (2022-11): ${divided}, so an export may be missing, as no call falls on 2022-11-10 to 2022-11-30 although the store has calls back to 2022-10-01; ingest it, or choose another period.`,
    );
  }, 60_000);

  it("gives the store's own first and last days where the window runs past its end", async () => {
    // 2022-12-25 to 2023-01-31: 7 days with calls of 38. The old note gave the window's 2022-12-25 as the
    // first day of the export's calls.
    const w = await notes(stores.gap, '2022-12-25', '2023-01-31');
    expect(w).toContain(
      `Only 7 of the period's 38 days have calls: ${divided}, so the period probably runs past the export, whose calls fall on 2022-10-01 to 2022-12-31; consider --to 2022-12-31.`,
    );
  }, 60_000);
});

describe('stray records, by hand', () => {
  const m = month;

  it('keeps the public edition to days and flags, and leaves a sample spread thin alone', () => {
    // Public: no count of the stray calls nor of the rest (the total would give them away).
    const period = makePeriod('2021-06-15', '2022-12-31');
    const days = [
      { day: '2021-06-15', calls: 1 },
      ...Array.from({ length: 31 }, (_, i) => ({
        day: `2022-12-${String(i + 1).padStart(2, '0')}`,
        calls: 600,
      })),
    ];
    const rows = [m('2021-06', 1, 16), m('2022-12', 18_600, 31)];
    const edges = { first: 1, last: 600, firstDay: '2021-06-15', lastDay: '2022-12-31', days };
    expect(periodWarnings(period, rows, 32, { edges, hiddenBelow: 11 })).toContain(
      "Calls on 2021-06-15 lie 17 months without a call before the rest (2022-12-01 onward): probably stray records, whose empty months every figure that divides by the period's days counts. Consider --from 2022-12-01.",
    );
    // A sample of a call every few days, with a month or two without one: no run is an export, so no stray.
    const thin = [
      { day: '2018-01-20', calls: 1 },
      { day: '2018-04-02', calls: 1 },
      { day: '2018-04-20', calls: 2 },
      { day: '2018-05-11', calls: 1 },
    ];
    const w = periodWarnings(
      makePeriod('2018-01-20', '2018-05-11'),
      [
        m('2018-01', 1, 12),
        m('2018-02', 0, 28),
        m('2018-03', 0, 31),
        m('2018-04', 3, 30),
        m('2018-05', 1, 11),
      ],
      4,
      { edges: { first: 1, last: 1, firstDay: '2018-01-20', lastDay: '2018-05-11', days: thin } },
    );
    expect(w.join(' ')).not.toMatch(/stray/);
  });
});

describe("a stretch without a call at a window's end, where the store goes on", () => {
  it('is a gap in the exports, not their end', () => {
    // 2022-10-01 to 2022-10-20, 700 calls a day on 1-14 October, none on 15-20; the store has calls up to
    // 2022-12-31. The old note: "runs past the export; consider --to 2022-10-14".
    const period = makePeriod('2022-10-01', '2022-10-20');
    const rows: MonthlyRow[] = [
      {
        month: '2022-10',
        category: 'all',
        calls: 9_800,
        days: 20,
        calls_per_day: 490,
        seasonal_index: null,
        yoy_change: null,
      },
    ];
    const edges = {
      first: 700,
      last: 0,
      firstDay: '2022-10-01',
      lastDay: '2022-10-14',
      gaps: [{ from: '2022-10-15', to: '2022-10-20', days: 6 }],
      storeFirstDay: '2022-10-01',
      storeLastDay: '2022-12-31',
    };
    expect(periodWarnings(period, rows, 14, { edges })).toContain(
      `No call falls on 2022-10-15 to 2022-10-20 (6 days), in a period with calls on its other days: ${divided}, so an export may be missing, as the store has calls up to 2022-12-31; ingest it, or choose another period.`,
    );
    // Where the store ends with the period's calls, the export does.
    expect(
      periodWarnings(period, rows, 14, { edges: { ...edges, storeLastDay: '2022-10-14' } }).filter((w) =>
        w.startsWith('No call falls'),
      )[0],
    ).toMatch(/so the period probably runs past the export; consider --to 2022-10-14\.$/);
  });
});
