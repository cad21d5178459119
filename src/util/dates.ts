/**
 * Whether `v` is a calendar day written YYYY-MM-DD. Date.parse alone takes 2022-11-31 for 1 December and
 * 2026-02-30 for 2 March, so the day must also read back as itself.
 */
export function isCalendarDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const t = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
}

/** The day `n` days after a day YYYY-MM-DD (before it for a negative `n`). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
