/**
 * The period warnings, on monthly series made by hand; each expected figure is worked out in a comment.
 */
import { describe, expect, it } from 'vitest';
import { makePeriod } from '../../src/analyse/context.js';
import { periodDayCounts, periodWarnings } from '../../src/analyse/period-check.js';
import { fixtureCalls, memoryConn, month } from './helpers.js';

describe('a period of days that an export covers in part', () => {
  const rows = [month('2024-01', 1_000, 4)];
  const period = makePeriod('2024-01-01', '2024-01-04');
  const notes = (firstAt: string, lastAt: string, publishable = false) =>
    periodWarnings(period, rows, 4, {
      edges: { first: 50, last: 300, firstAt, lastAt },
      ...(publishable ? { hiddenBelow: 11 } : {}),
    }).filter((w) => w.includes('part-way'));

  it('is said from the first and last calls, when the hours without one are too many for chance', () => {
    // 1,000 calls from 20:00 on the 1st to 12:00 on the 4th, 64 hours: 15.6 an hour, a third of it 5.2. The
    // 20 hours before the first call: e^(-5.2 x 20) is far under 0.001; the 12 after the last too.
    expect(notes('2024-01-01 20:00:00', '2024-01-04 12:00:00')).toEqual([
      'The export starts and ends part-way through its first and last days (its first call at 20:00 on 2024-01-01, its last at 12:00 on 2024-01-04, 15.6 calls an hour between), which the period counts whole: figures a day, a week or a year, and the calls in an hour of the week, divide by hours with no call exported, and the hours it does not cover read as the quietest. Consider --from 2024-01-02 and --to 2024-01-03, or an export of whole days.',
    ]);
    // The public edition gives no call's time.
    expect(notes('2024-01-01 20:00:00', '2024-01-04 12:00:00', true)[0]).toBe(
      'The export starts and ends part-way through its first and last days, which the period counts whole: figures a day, a week or a year, and the calls in an hour of the week, divide by hours with no call exported, and the hours it does not cover read as the quietest. Consider --from 2024-01-02 and --to 2024-01-03, or an export of whole days.',
    );
  });

  it('is not said of hours a quiet export may well pass without a call', () => {
    // From 00:30 on the 1st to 23:50 on the 4th: 95.3 hours, 10.5 calls an hour, a third 3.5; e^(-3.5 x 0.5)
    // is 0.17, e^(-3.5 x 0.17) 0.56: both likely by chance.
    expect(notes('2024-01-01 00:30:00', '2024-01-04 23:50:00')).toEqual([]);
    // The start alone: 1,000 calls in 93.8 hours, 10.66 an hour (a third 3.55); 2 hours: e^(-7.1), 0.0008,
    // under 0.001.
    expect(notes('2024-01-01 02:00:00', '2024-01-04 23:50:00')[0]).toMatch(
      /^The export starts part-way through its first day, 2024-01-01 \(.*\)[^]*Consider --from 2024-01-02, or/,
    );
    // Days after the export's last call (tester 250: a period two days past it was not said). 1,000 calls
    // from 00:10 on the 1st to 12:00 on the 4th, 83.8 hours: 11.9 an hour, a third 4.0; the 60 hours from
    // the last call to the period's end, and the 12 to the end of its own day, are far too many for chance.
    const past = periodWarnings(makePeriod('2024-01-01', '2024-01-06'), [month('2024-01', 1_000, 6)], 4, {
      edges: { first: 300, last: 0, firstAt: '2024-01-01 00:10:00', lastAt: '2024-01-04 12:00:00' },
    }).filter((w) => w.startsWith('The export'));
    expect(past).toEqual([
      'The export ends before the period does, on 2024-01-04 (its first call at 00:10 on 2024-01-01, its last at 12:00 on 2024-01-04, 11.9 calls an hour between), which the period counts whole: figures a day, a week or a year, and the calls in an hour of the week, divide by hours with no call exported, and the hours it does not cover read as the quietest. Consider --to 2024-01-03, or an export of whole days.',
    ]);
    // Nor of a week or more, whose first and last days' counts tell (the notes below).
    const week = periodWarnings(makePeriod('2024-01-01', '2024-01-07'), [month('2024-01', 1_000, 7)], 7, {
      edges: { first: 50, last: 300, firstAt: '2024-01-01 20:00:00', lastAt: '2024-01-07 23:00:00' },
    });
    expect(week.filter((w) => w.includes('part-way through its first'))).toEqual([]);
  });
});

describe('period warnings', () => {
  it('a quarter whose export begins with a few calls of the evening before (Minneapolis 2022 Q4)', () => {
    // 2022-09-30 to 2022-12-31 is 93 days. 63,002 calls / 93 = 677.4 a day; 2022-09 has 2 in its 1 day,
    // under a tenth of that (67.7).
    const rows = [
      month('2022-09', 2, 1),
      month('2022-10', 21_000, 31),
      month('2022-11', 20_000, 30),
      month('2022-12', 22_000, 31),
      // Categories other than 'all' are ignored.
      { ...month('2022-09', 2, 1), category: 'behavioural' },
    ];
    expect(periodWarnings(makePeriod('2022-09-30', '2022-12-31'), rows)).toEqual([
      'The first month, 2022-09, has 2.0 calls a day against 677.4 over the period: probably a few calls from before the export starts. Consider --from 2022-10-01.',
    ]);
  });

  it('a period from before the export: the quiet month says where to start, and its empty days say nothing else', () => {
    // 2022-09-01 to 2022-12-31 is 122 days; 63,002 / 122 = 516.4 a day; 2022-09 has 2 calls in 30 days
    // (0.067 a day), all on its 30th, so 1 to 29 September have none. The stretch's note advised
    // --from 2022-09-30 beside the month's --from 2022-10-01 (tester 212).
    const rows = [
      month('2022-09', 2, 30),
      month('2022-10', 21_000, 31),
      month('2022-11', 20_000, 30),
      month('2022-12', 22_000, 31),
    ];
    const edges = {
      first: 0,
      last: 700,
      firstDay: '2022-09-30',
      lastDay: '2022-12-31',
      gaps: [{ from: '2022-09-01', to: '2022-09-29', days: 29 }],
    };
    expect(periodWarnings(makePeriod('2022-09-01', '2022-12-31'), rows, 93, { edges })).toEqual([
      'The first month, 2022-09, has 0.067 calls a day against 516.4 over the period: probably a few calls from before the export starts. Consider --from 2022-10-01.',
    ]);
    // A stretch outside the quiet month is still said.
    const across = { ...edges, gaps: [{ from: '2022-10-05', to: '2022-10-09', days: 5 }] };
    expect(
      periodWarnings(makePeriod('2022-09-01', '2022-12-31'), rows, 93, { edges: across }).filter((w) =>
        w.startsWith('No call falls on 2022-10-05 to 2022-10-09 (5 days)'),
      ),
    ).toHaveLength(1);
  });

  it('an empty month before a quiet one: the advice starts past both at once', () => {
    // 2022-08-01 to 2022-12-31 is 153 days; 63,002 / 153 = 411.8 a day. August has no call, September 2 on
    // its 30th (0.067 a day, under a tenth): "--from 2022-09-30" led to a second note, "--from 2022-10-01"
    // (tester 220).
    const rows = [
      month('2022-08', 0, 31),
      month('2022-09', 2, 30),
      month('2022-10', 21_000, 31),
      month('2022-11', 20_000, 30),
      month('2022-12', 22_000, 31),
    ];
    const edges = { first: 0, last: 700, firstDay: '2022-09-30', lastDay: '2022-12-31', gaps: [] };
    const notes = periodWarnings(makePeriod('2022-08-01', '2022-12-31'), rows, 93, { edges });
    expect(notes.filter((w) => w.includes('--from'))).toEqual([
      "1 of the period's 5 months has no calls (2022-08): per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so the period probably starts before the export; consider --from 2022-10-01.",
    ]);
  });

  it('a period from the middle of an empty month: one note, with one start (tester 224)', () => {
    // 2022-08-15 to 2022-12-31 is 139 days. August's 17 days have no call, September 2 on its 30th: the
    // stretch 2022-08-15 to 2022-09-29 (46 days) advised --from 2022-09-30 beside the month's 2022-10-01.
    const rows = [
      month('2022-08', 0, 17),
      month('2022-09', 2, 30),
      month('2022-10', 21_000, 31),
      month('2022-11', 20_000, 30),
      month('2022-12', 22_000, 31),
    ];
    const edges = {
      first: 0,
      last: 700,
      firstDay: '2022-09-30',
      lastDay: '2022-12-31',
      gaps: [{ from: '2022-08-15', to: '2022-09-29', days: 46 }],
    };
    const notes = periodWarnings(makePeriod('2022-08-15', '2022-12-31'), rows, 93, { edges });
    expect(notes.filter((w) => w.includes('--from'))).toEqual([
      "1 of the period's 5 months has no calls (2022-08): per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so the period probably starts before the export; consider --from 2022-10-01.",
    ]);
    // A stretch that does not cover the empty month's days in the period is still said.
    const inside = { ...edges, gaps: [{ from: '2022-10-05', to: '2022-10-09', days: 5 }] };
    expect(
      periodWarnings(makePeriod('2022-08-15', '2022-12-31'), rows, 93, { edges: inside }).filter((w) =>
        w.startsWith('No call falls on 2022-10-05 to 2022-10-09'),
      ),
    ).toHaveLength(1);
  });

  it('a stray record years before the export: empty months, and a quiet first month', () => {
    // 2019-01-15 to 2022-02-28: 1,141 days, 38 months; calls in 2019-01 (1), 2022-01 and 2022-02 only.
    const rows = [month('2019-01', 1, 17), month('2022-01', 31_000, 31), month('2022-02', 28_000, 28)];
    const w = periodWarnings(makePeriod('2019-01-15', '2022-02-28'), rows);
    expect(w).toEqual([
      "35 of the period's 38 months have no calls (2019-02, 2019-03, 2019-04 and 32 more): per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so check that the export covers it, or choose --from and --to.",
      // 59,001 / 1,141 = 51.7 a day; 2019-01 has 1 / 17 = 0.0588, two significant digits 0.059.
      'The first month, 2019-01, has 0.059 calls a day against 51.7 over the period: probably a few calls from before the export starts. Consider --from 2022-01-01.',
    ]);
  });

  it('says a period of days is scaled to a year', () => {
    // By 365.25 / 5 = 73.05, which one decimal printed 73.0 (tester 221).
    expect(periodWarnings(makePeriod('2022-03-10', '2022-03-14'), [month('2022-03', 500, 5)])[0]).toMatch(
      /per-year figures multiply it by 73\.05 and per-week figures by 1\.4,/,
    );
    // A tester's find: one Sunday gave "15,888 more diverted calls a year" without a word.
    const day = makePeriod('2022-03-13', '2022-03-13');
    expect(periodWarnings(day, [month('2022-03', 300, 1)])).toEqual([
      // 365.25 / 1 and 7 / 1.
      'The period is only 1 day long: per-year figures multiply it by 365.3 and per-week figures by 7.0, so its days of the week and its season stand for a whole year. Analyse a year or more for yearly figures.',
    ]);
    // 27 days: 365.25 / 27 = 13.53; a week or more needs no word on per-week figures.
    expect(periodWarnings(makePeriod('2022-03-01', '2022-03-27'), [month('2022-03', 2_700, 27)])[0]).toMatch(
      /^The period is only 27 days long: per-year figures multiply it by 13\.53, so/,
    );
    expect(periodWarnings(makePeriod('2022-03-01', '2022-03-28'), [month('2022-03', 2_800, 28)])).toEqual([]);
  });

  it('leaves the counts out of the notes for a public report', () => {
    const rows = [month('2022-09', 2, 1), month('2022-10', 21_000, 31)];
    expect(periodWarnings(makePeriod('2022-09-30', '2022-10-31'), rows, 32, { hiddenBelow: 11 })).toEqual([
      'The first month, 2022-09, has under a tenth of the calls a day over the period: probably a few calls from before the export starts. Consider --from 2022-10-01.',
    ]);
    // 3 days with calls of 90: fewer than half, said without the 3.
    const sparse = periodWarnings(makePeriod('2018-01-01', '2018-03-31'), [month('2018-01', 5, 31)], 3, {
      hiddenBelow: 11,
    });
    expect(sparse).toContain(
      "Fewer than half of the period's 90 days have calls: per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so check that the export covers it, or choose --from and --to.",
    );
  });

  it('says when the first or last day holds under a quarter of the calls a day', () => {
    // Tester 76: Burlington's export ends at 02:08 on its last day, which held 9 calls against 59.8 a day
    // and diluted June by 3%; no month was quiet, so nothing was said. Six months of 10,830 calls over 181
    // days: 59.834 a day, a quarter of it 14.958. No first and last day with a call given: the export's days
    // are the period's (tester 393).
    const period = makePeriod('2022-01-01', '2022-06-30');
    const rows = ['01', '02', '03', '04', '05', '06'].map((m, i) =>
      month(`2022-${m}`, i === 5 ? 1_830 : 1_800, [31, 28, 31, 30, 31, 30][i]!),
    );
    const notes = (first: number, last: number, hiddenBelow?: number) =>
      periodWarnings(period, rows, 181, {
        edges: { first, last },
        ...(hiddenBelow !== undefined ? { hiddenBelow } : {}),
      });
    expect(notes(60, 9)).toEqual([
      "The last day, 2022-06-30, has 9 calls against 59.8 a day over the export's days: the export probably ends part-way through it. Consider --to 2022-06-29.",
    ]);
    expect(notes(14, 60)).toEqual([
      "The first day, 2022-01-01, has 14 calls against 59.8 a day over the export's days: the export probably starts part-way through it. Consider --from 2022-01-02.",
    ]);
    expect(notes(15, 15)).toEqual([]);
    // Public: the bound (under 14.96) is no count from 1 to 10, so the note stays, without the 9.
    expect(notes(60, 9, 11)).toEqual([
      "The last day, 2022-06-30, has under a quarter of the calls a day over the export's days: the export probably ends part-way through it. Consider --to 2022-06-29.",
    ]);
    // A bound under the threshold would give the day's count away: no note.
    expect(notes(60, 9, 15)).toEqual([]);
  });

  it('names the whole run of quiet days at an edge, not one day a run (tester 358)', () => {
    // Minneapolis' export thins out over its last four days: each run said "Consider --to" one day earlier,
    // four runs to a quiet period. Here 181 days of 10,830 calls (59.834 a day, a quarter 14.958): the
    // last three days hold 5, 12 and 9, the day before them 40, the first two 3 and 14, the third 15.
    const period = makePeriod('2022-01-01', '2022-06-30');
    const rows = ['01', '02', '03', '04', '05', '06'].map((m, i) =>
      month(`2022-${m}`, i === 5 ? 1_830 : 1_800, [31, 28, 31, 30, 31, 30][i]!),
    );
    const days = [
      { day: '2022-01-01', calls: 3 },
      { day: '2022-01-02', calls: 14 },
      { day: '2022-01-03', calls: 15 },
      { day: '2022-06-27', calls: 40 },
      { day: '2022-06-28', calls: 5 },
      { day: '2022-06-29', calls: 12 },
      { day: '2022-06-30', calls: 9 },
    ];
    const notes = (hiddenBelow?: number) =>
      periodWarnings(period, rows, 181, {
        edges: { first: 3, last: 9, days },
        ...(hiddenBelow !== undefined ? { hiddenBelow } : {}),
      });
    expect(notes()).toEqual([
      "The first 2 days, 2022-01-01 to 2022-01-02, have 3 and 14 calls against 59.8 a day over the export's days: the export probably covers them only in part. Consider --from 2022-01-03.",
      "The last 3 days, 2022-06-28 to 2022-06-30, have 5, 12 and 9 calls against 59.8 a day over the export's days: the export probably covers them only in part. Consider --to 2022-06-27.",
    ]);
    // No "Publish that edition instead": `report` says it once to the analyst, not on the page (tester 384).
    expect(notes(11)).toEqual([
      "The first 2 days, 2022-01-01 to 2022-01-02, have under a quarter of the calls a day each over the export's days: the export probably covers them only in part. Consider --from 2022-01-03.",
      "The last 3 days, 2022-06-28 to 2022-06-30, have under a quarter of the calls a day each over the export's days: the export probably covers them only in part. Consider --to 2022-06-27.",
    ]);
  });

  it('says nothing of a quiet month whose bound would give its hidden count away', () => {
    // A reviewer's find: 517 calls over 32 days is 16.2 a day; "under a tenth of the calls a day" over
    // September's 1 day bounds its calls below 1.6: the hidden count is 1. The internal note stays.
    const rows = [month('2022-09', 1, 1), month('2022-10', 516, 31)];
    const period = makePeriod('2022-09-30', '2022-10-31');
    expect(periodWarnings(period, rows, 32, { hiddenBelow: 11 })).toEqual([]);
    expect(periodWarnings(period, rows, 32)[0]).toMatch(
      /^The first month, 2022-09, has 1\.0 calls a day against 16\.2/,
    );
  });

  it('names four empty months, rather than three "and 1 more"', () => {
    // 2021-11-15 to 2022-08-10 (a tester's period over Burlington's export): ten months, calls in six.
    const rows = ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'].map((m) =>
      month(m, 1_800, 30),
    );
    expect(periodWarnings(makePeriod('2021-11-15', '2022-08-10'), rows)[0]).toMatch(
      /^4 of the period's 10 months have no calls \(2021-11, 2021-12, 2022-07 and 2022-08\):/,
    );
  });

  it('gives both days of an export a period starts before and runs past (tester 271)', () => {
    const rows = ['2022-01', '2022-02', '2022-03'].map((m) => month(m, 1_800, m === '2022-02' ? 28 : 31));
    const w = periodWarnings(makePeriod('2021-11-01', '2022-05-31'), rows, undefined, {
      edges: { first: 0, last: 0, firstDay: '2022-01-01', lastDay: '2022-03-31' },
    });
    expect(w[0]).toMatch(
      /^4 of the period's 7 months have no calls \(2021-11, 2021-12, 2022-04 and 2022-05\): .*, so the period probably starts before and runs past the export; consider --from 2022-01-01 and --to 2022-03-31\.$/,
    );
  });

  it('says a period running past the export ends, and where it does', () => {
    // A tester's period: 2024-12-10 to 2025-01-31 over an export ending 2024-12-31. January has no calls;
    // December's seasonal index read 2.4, every figure dividing by the 53 days as if January had been quiet.
    const edges = { first: 200, last: 0, firstDay: '2024-12-10', lastDay: '2024-12-31' };
    const after = periodWarnings(makePeriod('2024-12-10', '2025-01-31'), [month('2024-12', 6_000, 22)], 22, {
      edges,
    });
    expect(after).toContain(
      "1 of the period's 2 months has no calls (2025-01): per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so the period probably runs past the export; consider --to 2024-12-31.",
    );
    // The last day with a call, not the end of its month (tester 98: "--to 2022-11-30" for an export
    // ending 14 November).
    const mid = periodWarnings(makePeriod('2022-11-01', '2023-01-31'), [month('2022-11', 1_400, 30)], 14, {
      edges: { first: 100, last: 0, firstDay: '2022-11-01', lastDay: '2022-11-14' },
    });
    expect(mid[0]).toMatch(/\(2022-12 and 2023-01\): .*; consider --to 2022-11-14\.$/);
    // Without the days with calls, no day is suggested.
    expect(periodWarnings(makePeriod('2021-11-15', '2022-01-10'), [month('2022-01', 3_000, 10)])[0]).toMatch(
      /so check that the export covers it, or choose --from and --to\.$/,
    );
    // And before it: 2021-11-15 to 2022-01-10 over an export from 2022-01-03.
    const before = periodWarnings(makePeriod('2021-11-15', '2022-01-10'), [month('2022-01', 3_000, 10)], 8, {
      edges: { first: 0, last: 375, firstDay: '2022-01-03', lastDay: '2022-01-10' },
    });
    expect(before[0]).toMatch(
      /^2 of the period's 3 months have no calls \(2021-11 and 2021-12\): .*; consider --from 2022-01-03\.$/,
    );
  });

  it('a quiet last month, and nothing to say about a steady series', () => {
    // 2022-01-01 to 2022-03-02: 61 days; 3,000 + 2,800 + 4 calls = 5,804, 95.1 a day; March has 2 a day.
    const rows = [month('2022-01', 3_000, 31), month('2022-02', 2_800, 28), month('2022-03', 4, 2)];
    expect(periodWarnings(makePeriod('2022-01-01', '2022-03-02'), rows)).toEqual([
      'The last month, 2022-03, has 2.0 calls a day against 95.1 over the period: probably a few calls from after the export ends. Consider --to 2022-02-28.',
    ]);
    // A sample spread thin (Seattle's 222 calls over six years): its quiet first month is the sample's, and
    // the sparse-days warning says what there is to say. 2018-01-01 to 2018-03-31 is 90 days; 81 calls, 0.9 a
    // day; January's 1 / 31 = 0.032 is under a tenth of it.
    const thin = [month('2018-01', 1, 31), month('2018-02', 40, 28), month('2018-03', 40, 31)];
    const q = makePeriod('2018-01-01', '2018-03-31');
    expect(periodWarnings(q, thin)).toEqual([
      'The first month, 2018-01, has 0.032 calls a day against 0.90 over the period: probably a few calls from before the export starts. Consider --from 2018-02-01.',
    ]);
    expect(periodWarnings(q, thin, 30).filter((w) => w.startsWith('The first month'))).toEqual([]);
    const steady = [month('2022-01', 3_000, 31), month('2022-02', 2_800, 28)];
    expect(periodWarnings(makePeriod('2022-01-01', '2022-02-28'), steady)).toEqual([]);
  });
});

describe('days without a call', () => {
  it('counts the days of the period with a call, and warns when most have none', async () => {
    // An export of three days spread over a quarter: every month had calls, so nothing was said, and
    // per-week figures came out about 30 times too low.
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      { id: 'a', at: '2022-10-01 23:59' },
      { id: 'b', at: '2022-10-01 08:00' },
      { id: 'c', at: '2022-11-15 00:00' },
      { id: 'd', at: '2022-12-31 12:00' },
      { id: 'e', at: '2023-01-01 00:00' }, // the day after the period
    ]);
    const period = makePeriod('2022-10-01', '2022-12-31');
    expect(period.days).toBe(92);
    // And the first and last days' calls: a and b on 1 October, d on 31 December (e is after the period).
    expect(await periodDayCounts(conn, period)).toEqual({
      withCalls: 3,
      first: 2,
      last: 1,
      firstDay: '2022-10-01',
      lastDay: '2022-12-31',
      // The first call of the first day (b, not a) and the last of the period (d, not e).
      firstAt: '2022-10-01 08:00:00',
      lastAt: '2022-12-31 12:00:00',
      // 2 October to 14 November: 30 + 14 days; 16 November to 30 December: 15 + 30.
      gaps: [
        { from: '2022-10-02', to: '2022-11-14', days: 44 },
        { from: '2022-11-16', to: '2022-12-30', days: 45 },
      ],
      days: [
        { day: '2022-10-01', calls: 2 },
        { day: '2022-11-15', calls: 1 },
        { day: '2022-12-31', calls: 1 },
      ],
    });
    const rows = [month('2022-10', 2, 31), month('2022-11', 1, 30), month('2022-12', 1, 31)];
    expect(periodWarnings(period, rows, 3)).toContain(
      "Only 3 of the period's 92 days have calls: per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so check that the export covers it, or choose --from and --to.",
    );
    // Days in thousands are written so: 1970-01-01 to 2021-12-31 is 18,993 days (52 years, 13 of them leap).
    expect(periodWarnings(makePeriod('1970-01-01', '2021-12-31'), [month('2021-12', 4, 31)], 3)).toContain(
      "Only 3 of the period's 18,993 days have calls: per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so check that the export covers it, or choose --from and --to.",
    );
    // Half the days or more: nothing to say.
    expect(periodWarnings(period, rows, 46).filter((w) => w.startsWith('Only'))).toEqual([]);
    // Tester 260: "November" of an export of 1 to 10 November: sparse only for the days after its last
    // call (10 days with calls of the 10 from the first to the last), so the note gives the day to end at.
    const november = makePeriod('2022-11-01', '2022-11-30');
    const edges = { first: 700, last: 0, firstDay: '2022-11-01', lastDay: '2022-11-10' };
    expect(periodWarnings(november, [month('2022-11', 7_100, 30)], 10, { edges })).toContain(
      "Only 10 of the period's 30 days have calls: per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so the period probably runs past the export, whose calls fall on 2022-11-01 to 2022-11-10; consider --to 2022-11-10.",
    );
    // From 15 October too (47 days): both ends.
    const wider = makePeriod('2022-10-15', '2022-11-30');
    const both = periodWarnings(wider, [month('2022-10', 0, 17), month('2022-11', 7_100, 30)], 10, { edges });
    expect(both).toContainEqual(
      expect.stringMatching(
        /^Only 10 of the period's 47 days .* so the period probably starts before and runs past the export, whose calls fall on 2022-11-01 to 2022-11-10; consider --from 2022-11-01 and --to 2022-11-10\.$/,
      ),
    );
    // Calls on 4 of the 10 days from the first to the last: sparse within the export too, as before.
    expect(periodWarnings(november, [month('2022-11', 7_100, 30)], 4, { edges })).toContainEqual(
      expect.stringMatching(
        /^Only 4 of the period's 30 days .* so check that the export covers it, or choose/,
      ),
    );
  });
});

describe('stretches of days without a call', () => {
  // 2022-09-30 to 2022-12-10 is 72 days; about 700 calls a day (a weekly export of Minneapolis not yet
  // ingested left 27 November to 2 December empty, tester 160).
  const period = makePeriod('2022-09-30', '2022-12-10');
  const rows = [
    month('2022-09', 700, 1),
    month('2022-10', 21_700, 31),
    month('2022-11', 18_200, 30),
    month('2022-12', 5_600, 10),
  ];
  const edges = (gaps: { from: string; to: string; days: number }[]) => ({
    first: 700,
    last: 700,
    firstDay: '2022-09-30',
    lastDay: gaps.some((g) => g.to === '2022-12-10') ? '2022-12-04' : '2022-12-10',
    gaps,
  });
  const note = (w: string[]) => w.filter((x) => x.startsWith('No call falls on'));

  it('finds them in the stored days, at the edges too', async () => {
    const conn = await memoryConn();
    // Calls on 1, 2, 6 and 9 October of 1-10 October: 3-5 October (3 days) is a stretch, 7-8 (2) is not,
    // and 10 October, the period's last day, is one at the edge of a period of a week or more (tester 252).
    await fixtureCalls(
      conn,
      ['01', '02', '06', '09'].map((d) => ({ id: d, at: `2022-10-${d} 12:00` })),
    );
    const r = await periodDayCounts(conn, makePeriod('2022-10-01', '2022-10-10'));
    expect(r.gaps).toEqual([
      { from: '2022-10-03', to: '2022-10-05', days: 3 },
      { from: '2022-10-10', to: '2022-10-10', days: 1 },
    ]);
    // From 28 September: 28-30 September (3 days) before the first call is one too.
    const early = await periodDayCounts(conn, makePeriod('2022-09-28', '2022-10-10'));
    expect(early.gaps).toEqual([
      { from: '2022-09-28', to: '2022-09-30', days: 3 },
      { from: '2022-10-03', to: '2022-10-05', days: 3 },
      { from: '2022-10-10', to: '2022-10-10', days: 1 },
    ]);
    // 6-9 October is under a week: its edges are partDayWarnings', and 7-8 October (2 days) no stretch.
    expect((await periodDayCounts(conn, makePeriod('2022-10-05', '2022-10-10'))).gaps).toEqual([]);
  });

  it('names one empty day at the start of a week, with the day to start at (tester 252)', () => {
    // 7 days, 195 calls a day on the six after the first, which has none: the week's figures divide by 7.
    const week = makePeriod('2022-01-20', '2022-01-26');
    const w = periodWarnings(week, [month('2022-01', 1_170, 7)], 6, {
      edges: {
        first: 0,
        last: 195,
        firstDay: '2022-01-21',
        lastDay: '2022-01-26',
        gaps: [{ from: '2022-01-20', to: '2022-01-20', days: 1 }],
      },
    });
    expect(note(w)).toEqual([
      'No call falls on 2022-01-20 (1 day), in a period with calls on its other days: per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so the period probably starts before the export; consider --from 2022-01-21.',
    ]);
  });

  it('names a stretch inside the period, and says how to mend it', () => {
    const w = periodWarnings(period, rows, 66, {
      edges: edges([{ from: '2022-11-27', to: '2022-12-02', days: 6 }]),
    });
    expect(note(w)).toEqual([
      'No call falls on 2022-11-27 to 2022-12-02 (6 days), in a period with calls on its other days: per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so check that no export is missing (ingest it), or choose --from and --to.',
    ]);
  });

  it('points to --to for a stretch at the end, and lists the longest of several first', () => {
    const end = periodWarnings(period, rows, 66, {
      edges: edges([{ from: '2022-12-05', to: '2022-12-10', days: 6 }]),
    });
    expect(note(end)[0]).toMatch(/2022-12-05 to 2022-12-10 \(6 days\), .*consider --to 2022-12-04\.$/);
    const several = periodWarnings(period, rows, 60, {
      edges: edges([
        { from: '2022-10-03', to: '2022-10-05', days: 3 },
        { from: '2022-10-20', to: '2022-10-23', days: 4 },
        { from: '2022-11-01', to: '2022-11-03', days: 3 },
        { from: '2022-11-27', to: '2022-12-02', days: 6 },
      ]),
    });
    expect(note(several)[0]).toMatch(
      /^No call falls on 2022-11-27 to 2022-12-02 \(6 days\), 2022-10-20 to 2022-10-23 \(4 days\), 2022-10-03 to 2022-10-05 \(3 days\) and 1 more stretch, /,
    );
  });

  it('says nothing of a quiet city, a sparse period, or a month without calls said already', () => {
    const gap = [{ from: '2022-11-27', to: '2022-12-02', days: 6 }];
    // 9 calls a day: 3 days without one is no surprise (27 calls missing, a chance of 1 in 530 billion the
    // rule lets pass: under 30, the 3 days of 10 calls a day).
    const quiet = rows.map((r) => ({ ...r, calls: (r.calls / 700) * 9 }));
    const three = [{ from: '2022-11-27', to: '2022-11-29', days: 3 }];
    expect(note(periodWarnings(period, quiet, 69, { edges: edges(three) }))).toEqual([]);
    // Fewer than half the days with calls: the sparse note says it.
    expect(note(periodWarnings(period, rows, 30, { edges: edges(gap) }))).toEqual([]);
    // November empty: the months note names it, not this one.
    const noNovember = rows.map((r) => (r.month === '2022-11' ? { ...r, calls: 0 } : r));
    const w = periodWarnings(period, noNovember, 41, {
      edges: edges([{ from: '2022-11-01', to: '2022-12-02', days: 32 }]),
    });
    expect(note(w)).toEqual([]);
    expect(w.some((x) => x.startsWith('1 of the period'))).toBe(true);
  });

  it('names a stretch in a city of fewer than ten calls a day, when it is as long as the calls it misses are many (tester 271)', () => {
    // 6.4 calls a day (a crime file's): 21 days without a call inside the period miss 134 calls; 4 days
    // miss 25.6, under 30 (3 days of 10 a day), and are no note; at the period's end, 2 days miss 12.8,
    // over 10 (1 day of 10 a day).
    const slow = rows.map((r) => ({ ...r, calls: (r.calls / 700) * 6.4 }));
    const hole = [{ from: '2022-11-05', to: '2022-11-25', days: 21 }];
    expect(note(periodWarnings(period, slow, 51, { edges: edges(hole) }))).toEqual([
      'No call falls on 2022-11-05 to 2022-11-25 (21 days), in a period with calls on its other days: per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period, so check that no export is missing (ingest it), or choose --from and --to.',
    ]);
    const four = [{ from: '2022-11-05', to: '2022-11-08', days: 4 }];
    expect(note(periodWarnings(period, slow, 68, { edges: edges(four) }))).toEqual([]);
    const end = [{ from: '2022-12-09', to: '2022-12-10', days: 2 }];
    expect(note(periodWarnings(period, slow, 70, { edges: edges(end) }))[0]).toMatch(
      /^No call falls on 2022-12-09 to 2022-12-10 \(2 days\), .*consider --to 2022-12-04\.$/,
    );
  });
});
