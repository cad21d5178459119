/**
 * Tester 336's periods: a stray record weeks (not whole months) before the bulk of the calls, the advice
 * that steps past the bulk's own quiet first month at once, and the stretch round an empty month inside
 * the period. By hand (each figure worked out in a comment), then on real Minneapolis rows
 * (calls_2022_d.csv, profile minneapolis-cad).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePeriod } from '../../src/analyse/context.js';
import { analyze } from '../../src/analyse/analyze.js';
import { periodWarnings, type DayCalls } from '../../src/analyse/period-check.js';
import { ingest } from '../../src/ingest/ingest.js';
import { addDays } from '../../src/util/dates.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { month } from './helpers.js';

const divided =
  'per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period';

/** Every day from `from` to `to`, each with `calls`. */
const run = (from: string, to: string, calls: number): DayCalls[] => {
  const out: DayCalls[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push({ day: d, calls });
  return out;
};

describe('a stray record under a whole month before the bulk of the calls (tester 336)', () => {
  // 2022-08-01's call, none from 2022-08-02 to 2022-09-29 (59 days), 2 on 2022-09-30 (the evening before
  // the export), then 500 a day from 2022-10-01 to 2022-11-07 (38 days, 19,000 calls).
  const days = [
    { day: '2022-08-01', calls: 1 },
    { day: '2022-09-30', calls: 2 },
    ...run('2022-10-01', '2022-11-07', 500),
  ];

  it('names it, in a sparse period, with the day past the quiet September', () => {
    // 2022-08-01 to 2022-11-07 is 99 days, 40 with a call: sparse. The old notes said only "check that the
    // export covers it": August and September touch, so no whole month split the stray from the rest.
    const period = makePeriod('2022-08-01', '2022-11-07');
    const rows = [
      month('2022-08', 1, 31),
      month('2022-09', 2, 30),
      month('2022-10', 15_500, 31),
      month('2022-11', 3_500, 7),
    ];
    const edges = {
      first: 1,
      last: 500,
      firstDay: '2022-08-01',
      lastDay: '2022-11-07',
      gaps: [{ from: '2022-08-02', to: '2022-09-29', days: 59 }],
      days,
    };
    const w = periodWarnings(period, rows, 40, { edges });
    // The rest: 19,002 calls from 2022-09-30; September's 2 calls over its 1 day there (2.0 a day) against
    // 19,002 / 39 = 487 a day is under a tenth: a run from 2022-09-30 would name it next.
    expect(w).toEqual([
      `Only 40 of the period's 99 days have calls: ${divided}, so the period probably takes in stray calls before the bulk of its calls, which fall on 2022-09-30 to 2022-11-07; consider --from 2022-10-01.`,
      "1 call falls on 2022-08-01, 59 days without a call before the rest (2022-09-30 onward, 19,002 calls): probably a stray record, whose empty days every figure that divides by the period's days counts. Consider --from 2022-10-01, past 2022-09's 2 calls too, under a tenth of the rest's calls a day.",
    ]);
  });

  it('says the stray note alone where the period is not sparse, not the quiet month nor the stretch', () => {
    // 2022-08-20 to 2022-11-07: 80 days, 40 with a call. The old notes: "No call falls on 2022-08-21 to
    // 2022-09-29 (40 days) ... check that no export is missing", and "The first month, 2022-08 ... Consider
    // --from 2022-09-01", a start 29 days before the calls.
    const period = makePeriod('2022-08-20', '2022-11-07');
    const rows = [
      month('2022-08', 1, 12),
      month('2022-09', 2, 30),
      month('2022-10', 15_500, 31),
      month('2022-11', 3_500, 7),
    ];
    const edges = {
      first: 1,
      last: 500,
      firstDay: '2022-08-20',
      lastDay: '2022-11-07',
      gaps: [{ from: '2022-08-21', to: '2022-09-29', days: 40 }],
      days: [{ day: '2022-08-20', calls: 1 }, ...days.slice(1)],
    };
    expect(periodWarnings(period, rows, 40, { edges })).toEqual([
      "1 call falls on 2022-08-20, 40 days without a call before the rest (2022-09-30 onward, 19,002 calls): probably a stray record, whose empty days every figure that divides by the period's days counts. Consider --from 2022-10-01, past 2022-09's 2 calls too, under a tenth of the rest's calls a day.",
    ]);
  });

  it('leaves whole days of an export before an outage to the stretch note', () => {
    // 500 calls a day on 1-2 January, none on 3-6, then every day to 31 March. January's calls over its
    // days are under a tenth of the rest's (2 days of 31 and the outage), but its 2 days hold 500 each: an
    // export's days, not a few stray calls.
    const period = makePeriod('2022-01-01', '2022-03-31');
    const rows = [month('2022-01', 13_500, 31), month('2022-02', 14_000, 28), month('2022-03', 15_500, 31)];
    const edges = {
      first: 500,
      last: 500,
      firstDay: '2022-01-01',
      lastDay: '2022-03-31',
      gaps: [{ from: '2022-01-03', to: '2022-01-06', days: 4 }],
      days: [...run('2022-01-01', '2022-01-02', 500), ...run('2022-01-07', '2022-03-31', 500)],
    };
    const w = periodWarnings(period, rows, 86, { edges });
    expect(w.join(' ')).not.toMatch(/stray/);
    expect(w).toEqual([
      `No call falls on 2022-01-03 to 2022-01-06 (4 days), in a period with calls on its other days: ${divided}, so check that no export is missing (ingest it), or choose --from and --to.`,
    ]);
  });
});

describe("the stray note's advice steps past the rest's quiet first (last) month (tester 336)", () => {
  // The quiet-month note's own advice (tester 220's "--from 2022-10-01" past an empty August and
  // September's 2 calls), given at once: --from 2022-09-30 led to "The first month, 2022-09, has 2.0 calls
  // a day ... Consider --from 2022-10-01".
  it('before the rest, in both editions', () => {
    // 2021-06-15's call, then 2022-09-30's 2 and 500 a day to 2022-11-07.
    const period = makePeriod('2021-06-15', '2022-11-07');
    const rows = [
      month('2021-06', 1, 16),
      month('2022-09', 2, 30),
      month('2022-10', 15_500, 31),
      month('2022-11', 3_500, 7),
    ];
    const days = [
      { day: '2021-06-15', calls: 1 },
      { day: '2022-09-30', calls: 2 },
      ...run('2022-10-01', '2022-11-07', 500),
    ];
    const edges = { first: 1, last: 500, firstDay: '2021-06-15', lastDay: '2022-11-07', days };
    const w = periodWarnings(period, rows, 40, { edges });
    expect(w).toContain(
      "1 call falls on 2021-06-15, 14 months without a call before the rest (2022-09-30 onward, 19,002 calls): probably a stray record, whose empty months every figure that divides by the period's days counts. Consider --from 2022-10-01, past 2022-09's 2 calls too, under a tenth of the rest's calls a day.",
    );
    // The empty months' and sparse days' notes give the same day.
    expect(w.filter((x) => x.includes('--from')).every((x) => /--from 2022-10-01[,.]/.test(x))).toBe(true);
    expect(w.filter((x) => x.includes('--from'))).toHaveLength(3);
    expect(periodWarnings(period, rows, 40, { edges, hiddenBelow: 11 })).toContain(
      "Calls on 2021-06-15 lie 14 months without a call before the rest (2022-09-30 onward): probably stray records, whose empty months every figure that divides by the period's days counts. Consider --from 2022-10-01, past 2022-09's few calls too.",
    );
    // A rest whose first month is not quiet: its first day, as before.
    const busy = days.map((d) => (d.day === '2022-09-30' ? { ...d, calls: 500 } : d));
    const busyRows = rows.map((r) => (r.month === '2022-09' ? month('2022-09', 500, 30) : r));
    expect(
      periodWarnings(period, busyRows, 40, { edges: { ...edges, days: busy } }).filter((x) =>
        x.startsWith('1 call falls'),
      )[0],
    ).toMatch(/Consider --from 2022-09-30\.$/);
  });

  it('after the rest', () => {
    // 500 a day from 2022-10-01 to 2022-11-30 (61 days, 30,500 calls), 3 calls on 2022-12-01 (the export's
    // last minutes), and 2023-03-15's call. Up to 2022-12-01, December's 3 calls over its 1 day against
    // 30,503 / 62 = 492 a day: a run to 2022-12-01 would be told "--to 2022-11-30" next.
    const period = makePeriod('2022-10-01', '2023-03-15');
    const rows = [
      month('2022-10', 15_500, 31),
      month('2022-11', 15_000, 30),
      month('2022-12', 3, 31),
      month('2023-03', 1, 15),
    ];
    const days = [
      ...run('2022-10-01', '2022-11-30', 500),
      { day: '2022-12-01', calls: 3 },
      { day: '2023-03-15', calls: 1 },
    ];
    const edges = { first: 500, last: 1, firstDay: '2022-10-01', lastDay: '2023-03-15', days };
    const w = periodWarnings(period, rows, 63, { edges });
    expect(w).toContain(
      "1 call falls on 2023-03-15, 2 months without a call after the rest (up to 2022-12-01, 30,503 calls): probably a stray record, whose empty months every figure that divides by the period's days counts. Consider --to 2022-11-30, past 2022-12's 3 calls too, under a tenth of the rest's calls a day.",
    );
    expect(w.filter((x) => x.includes('--to')).every((x) => /--to 2022-11-30[,.]/.test(x))).toBe(true);
  });
});

describe('an empty month inside a longer stretch without a call (tester 336)', () => {
  it('names the stretch, not only the month', () => {
    // 2022-09-30 to 2022-12-31: calls to 2022-10-10 and from 2022-12-20; none on 2022-10-11 to 2022-12-19,
    // 70 days. The old note named "2022-11" alone, 30 of the 70.
    const period = makePeriod('2022-09-30', '2022-12-31');
    const rows = [
      month('2022-09', 500, 1),
      month('2022-10', 5_000, 31),
      month('2022-11', 0, 30),
      month('2022-12', 6_000, 31),
    ];
    const edges = {
      first: 500,
      last: 500,
      firstDay: '2022-09-30',
      lastDay: '2022-12-31',
      gaps: [{ from: '2022-10-11', to: '2022-12-19', days: 70 }],
      days: [...run('2022-09-30', '2022-10-10', 500), ...run('2022-12-20', '2022-12-31', 500)],
    };
    expect(periodWarnings(period, rows, 23, { edges })[0]).toBe(
      `1 of the period's 4 months has no calls (2022-11), in a stretch of 70 days without one (2022-10-11 to 2022-12-19): ${divided}, so check that the export covers it, or choose --from and --to.`,
    );
    // A stretch that is the month's own days adds nothing to its name.
    const whole = {
      ...edges,
      gaps: [{ from: '2022-11-01', to: '2022-11-30', days: 30 }],
      days: [...run('2022-09-30', '2022-10-31', 160), ...run('2022-12-01', '2022-12-31', 190)],
    };
    expect(periodWarnings(period, rows, 63, { edges: whole })[0]).toMatch(
      /^1 of the period's 4 months has no calls \(2022-11\): /,
    );
  });
});

describe("tester 336's stores, on real Minneapolis rows", () => {
  const dir = tempDir();
  const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const [header, ...all] = parseCsv(
    readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').replace(/\r?\n$/, ''),
  );
  const picked = header!.indexOf('Time_PhonePickUp');
  const [monthOf, dayOf] = [0, 1].map((k) => (r: string[]) => Number(r[picked]!.split('/')[k]));
  // Every third row keeps each day busy (about 220 calls a day) and the ingests quick.
  const september = all.filter((r) => monthOf!(r) === 9);
  const october = all.filter((r, i) => monthOf!(r) === 10 && i % 3 === 0);
  const december = all.filter((r, i) => monthOf!(r) === 12 && i % 3 === 0);
  // An October call moved to 2022-08-01: its times all on that day.
  const [moved, ...rest] = october;
  const stray = moved!.map((v) => v.replace(/^10\/\d+\/2022(?= )/, '8/1/2022'));
  const stores = { stray: join(dir, 'stray'), gap: join(dir, 'gap') };

  beforeAll(async () => {
    const runs: [string, string[][]][] = [
      [stores.stray, [stray, ...september, ...rest]],
      [stores.gap, [...october.filter((r) => dayOf!(r) <= 10), ...december.filter((r) => dayOf!(r) >= 20)]],
    ];
    for (const [store, rows] of runs) {
      const file = join(dir, `${store.split('/').at(-1)}.csv`);
      writeFileSync(file, `${[header!, ...rows].map((r) => r.map(quote).join(',')).join('\n')}\n`);
      await ingest({ files: [file], profile: 'minneapolis-cad', store });
    }
  }, 180_000);

  const notes = async (store: string) => (await analyze({ store, writeStore: false })).warnings;

  it('names a stray record 59 days before the export, with the day past its quiet first evening', async () => {
    // 2022-08-01 to 2022-10-31: 92 days, 33 with a call. The old notes: "Only 33 of the period's 92 days
    // have calls ... check that the export covers it, or choose --from and --to", with no day.
    const w = await notes(stores.stray);
    expect(w).toContainEqual(
      expect.stringMatching(
        /^1 call falls on 2022-08-01, 59 days without a call before the rest \(2022-09-30 onward, [\d,]+ calls\): probably a stray record, whose empty days every figure that divides by the period's days counts\. Consider --from 2022-10-01, past 2022-09's 2 calls too, under a tenth of the rest's calls a day\.$/,
      ),
    );
    expect(w).toContain(
      `Only 33 of the period's 92 days have calls: ${divided}, so the period probably takes in stray calls before the bulk of its calls, which fall on 2022-09-30 to 2022-10-31; consider --from 2022-10-01.`,
    );
    expect(w.join(' ')).not.toMatch(/check that the export covers it/);
  }, 60_000);

  it('names the 70 days without a call round an empty November', async () => {
    const w = await notes(stores.gap);
    expect(w).toContain(
      `1 of the period's 3 months has no calls (2022-11), in a stretch of 70 days without one (2022-10-11 to 2022-12-19): ${divided}, so check that the export covers it, or choose --from and --to.`,
    );
  }, 60_000);
});
