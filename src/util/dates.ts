/**
 * Whether `v` is a calendar day written YYYY-MM-DD. Date.parse alone takes 2022-11-31 for 1 December and
 * 2026-02-30 for 2 March, so the day must also read back as itself.
 */
export function isCalendarDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

/**
 * What is wrong with a day that is not a calendar day YYYY-MM-DD, in words (isCalendarDay): the days of a
 * month were blamed for `2022-13-01` and `11/01/2022` (tester 149), year order for `2022-1-5` (tester 152).
 */
export function dayProblem(v: string): string {
  // A space around a day of the right shape was blamed on its order (tester 260: ` 2022-03-01`).
  if (v !== v.trim() && isCalendarDay(v.trim())) return 'remove the spaces around it';
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  if (!m) return 'write it as YYYY-MM-DD, year first';
  if (m[2]!.length < 2 || m[3]!.length < 2)
    return `write the month and the day with two digits each (${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')})`;
  if (Number(m[2]) < 1 || Number(m[2]) > 12) return `month ${m[2]} does not exist (months are 01 to 12)`;
  return `${m[1]}-${m[2]} has no day ${m[3]}`;
}

/** The days from `from` to `to` (days YYYY-MM-DD), both counted. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The day `n` days after a day YYYY-MM-DD (before it for a negative `n`). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
