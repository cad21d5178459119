/**
 * Number formats of the report. One place, so a figure reads the same in the summary, a chart's table and
 * the text alternative (and the end-to-end test can read it back).
 */
import { tenthsOfMinutes } from '../util/minutes.js';
import { fixed, goalPercent, percent } from '../util/percent.js';

export { goalPercent, percent, tenthsOfMinutes };

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/**
 * A share printed beside a goal: as `percent` prints it, with at least the goal's decimals, and with more, up
 * to four, where fewer would print a share short of the goal as the goal or more: 9.65% read "9.7%" beside a
 * 9.7% goal (tester 122), and a diverted share of 3.4531% "3.5%" beside a 3.5% goal (tester 123). A share
 * that reaches the goal never prints under it, since the goal is written with the decimals shown.
 */
export function shareTowardGoal(share: number | null | undefined, goal: number): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '-';
  const goalText = goalPercent(goal).slice(0, -1);
  const goalDigits = goalText.replace(/^[^.]*\.?/, '').length;
  // Compared as printed: 0.097 * 100 is 9.700000000000001.
  const reads = (d: number) => Number(fixed(share * 100, d)) >= Number(goalText);
  let digits = Math.max(1, goalDigits);
  while (share < goal && reads(digits) && digits < Math.max(4, goalDigits + 1)) digits++;
  if (share < goal && reads(digits))
    return `${fixed(Math.floor(share * 100 * 10 ** digits) / 10 ** digits, digits)}%`;
  return percent(share, digits);
}

/** Seconds as minutes with one decimal (`7.4 min`), the unit response times are discussed in. */
export function minutes(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '-';
  return `${fixed(tenthsOfMinutes(seconds), 1)} min`;
}

/**
 * A rate (calls a day, an hour of the week, a week): whole from 10, one decimal from 1, two significant
 * digits below, so that a small rate never reads 0 (Seattle's months all read 0 calls a day).
 */
export function rate(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  const a = Math.abs(n);
  if (a >= 10) return count(n);
  if (a >= 1) return fixed(n, 1);
  // Two digits whatever the last one: 0.2 and 0.1 printed beside 0.29 and 0.033 (tester 384). Nothing is 0.
  if (n === 0) return '0';
  const small = n.toLocaleString('en-US', { minimumSignificantDigits: 2, maximumSignificantDigits: 2 });
  // 0.997 rounds to 1: printed `1` where 1.04 prints `1.0` in the same column (tester 164).
  return Math.abs(Number(small)) === 1 ? fixed(n, 1) : small;
}

/**
 * A number that may have a fraction (units busy on average): whole when it is, else as a rate. A chart's
 * label and caption print it so too (tester 182: 0.7 beside the table's 0.66).
 */
export function quantity(n: number | null | undefined): string {
  return n !== null && n !== undefined && Number.isInteger(n) ? decimal(n, 0) : rate(n);
}

/** A rate as `rate` prints it, as a number: what a reader compares with a legend (1.96 prints 2.0). */
export function printedRate(n: number): number {
  return Number(rate(n).replaceAll(',', ''));
}

/** A number as it is, up to six decimals: class breaks, which must print exactly to say which class a value is in. */
export function exact(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function decimal(n: number | null | undefined, digits = 1): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '-';
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2022-10-01` -> `1 Oct 2022`: unambiguous in every English locale. */
/** Whole units in words: "1 unit", "3 units" (tester 226: "at most 1 units on at once"). */
export function unitCount(n: number | null | undefined): string {
  return `${decimal(n, 0)} unit${n === 1 ? '' : 's'}`;
}

export function day(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** A period's days, `1 Oct 2022 to 31 Dec 2022`, or its one day, `4 Jul 2023` (not "4 Jul 2023 to 4 Jul 2023"). */
export function days(from: string, to: string): string {
  return from === to ? day(from) : `${day(from)} to ${day(to)}`;
}

/** `2022-10` -> `Oct 2022`. */
export function month(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  return `${MONTHS[(m ?? 1) - 1]} ${y}`;
}

export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A label for a snake_case value of the store (`behavioural_crisis` -> `Behavioural crisis`). */
export function humanise(value: string): string {
  const s = value.replaceAll('_', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A gap to the goal in percentage points (a share's difference), to one decimal, or to two significant
 * digits when under 0.05: a gap of 0.047 points read "0.0 percentage points" beside 117 calls a year
 * (tester 123).
 */
export function gapInPoints(gap: number): string {
  const points = gap * 100;
  return points >= 0.05
    ? fixed(points, 1)
    : points.toLocaleString('en-US', { minimumSignificantDigits: 2, maximumSignificantDigits: 2 });
}
