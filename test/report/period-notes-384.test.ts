/**
 * Tester 384's period notes: the public edition's notes lost the analyst's advice by its wording
 * (readerNote), and a quarter edition running past the export's last day judged the period's empty last
 * day, not the export's part one, and said nothing of it. Expected words by hand.
 */
import { describe, expect, it } from 'vitest';
import { makePeriod } from '../../src/analyse/context.js';
import { noteText, periodNotes, periodWarnings } from '../../src/analyse/period-check.js';
import { month } from '../analyse/helpers.js';

const DIVIDED =
  'per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period';

describe("the period notes' finding and advice apart (tester 384)", () => {
  it('prints the finding alone in the public edition, the advice after it in the internal one', () => {
    // 7,900 calls over 92 days, none from 2022-12-19 on: 13 days at 85.9 a day, far over 10 calls.
    const args = [
      makePeriod('2022-10-01', '2022-12-31'),
      [month('2022-10', 3_100, 31), month('2022-11', 3_000, 30), month('2022-12', 1_800, 31)],
      79,
    ] as const;
    const edges = {
      first: 100,
      last: 0,
      firstDay: '2022-10-01',
      lastDay: '2022-12-18',
      gaps: [{ from: '2022-12-19', to: '2022-12-31', days: 13 }],
    };
    const finding = `No call falls on 2022-12-19 to 2022-12-31 (13 days), in a period with calls on its other days: ${DIVIDED}, so the period probably runs past the export`;
    expect(periodNotes(...args, { edges, hiddenBelow: 11 }).map((n) => noteText(n, false))).toEqual([
      `${finding}.`,
    ]);
    expect(periodNotes(...args, { edges, hiddenBelow: 11 }).map((n) => noteText(n))).toEqual([
      `${finding}; consider --to 2022-12-18.`,
    ]);
    expect(periodWarnings(...args, { edges })).toEqual([`${finding}; consider --to 2022-12-18.`]);
  });
});

describe('a period running past the export, judged at its last day (tester 384)', () => {
  // 2022-10-01 to 2023-01-01, 93 days; 3,100 calls in October, 3,000 in November, 1,910 in December up to
  // the 20th (100 a day to the 19th, 10 on the 20th): 8,010 calls. The export's days, 2022-10-01 to
  // 2022-12-20, are 31 + 30 + 20 = 81: 98.9 a day, a quarter of it 24.7 (tester 393: not the period's 93
  // days' 86.1, which the 12 empty days after the export dilute).
  const period = makePeriod('2022-10-01', '2023-01-01');
  const rows = [month('2022-10', 3_100, 31), month('2022-11', 3_000, 30), month('2022-12', 1_910, 31)];
  const edges = {
    first: 90,
    last: 0,
    firstDay: '2022-10-01',
    lastDay: '2022-12-20',
    gaps: [{ from: '2022-12-21', to: '2023-01-01', days: 12 }],
    days: [
      { day: '2022-12-18', calls: 100 },
      { day: '2022-12-19', calls: 100 },
      { day: '2022-12-20', calls: 10 },
    ],
  };
  const empty = `1 of the period's 4 months has no calls (2023-01): ${DIVIDED}, so the period probably runs past the export`;

  it("says the export's last day is part of one, 12 days before the period ends", () => {
    // 2022-12-21 to 2023-01-01: 11 days of December and 1 of January.
    expect(periodWarnings(period, rows, 81, { edges })).toEqual([
      `${empty}; consider --to 2022-12-19.`,
      "The export ends on 2022-12-20, 12 days before the period does (2023-01-01), and its last day has 10 calls against 98.9 a day over the export's days: the export probably ends part-way through it. Consider --to 2022-12-19.",
    ]);
  });

  it('says so in the public edition too, without the count or the advice', () => {
    expect(periodNotes(period, rows, 81, { edges, hiddenBelow: 11 }).map((n) => noteText(n, false))).toEqual([
      `${empty}.`,
      "The export ends on 2022-12-20, 12 days before the period does (2023-01-01), and its last day has under a quarter of the calls a day over the export's days: the export probably ends part-way through it.",
    ]);
  });
});
