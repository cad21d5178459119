/**
 * Minneapolis 2022 Q4 times read by hand, so tests do not lean on the product's conversion: `M/D/YYYY
 * H:MM` wall-clock, CDT (UTC-5) until 2022-11-06 02:00 and CST (UTC-6) after, with the repeated 01:00-01:59
 * read call by call as docs/time.md says.
 */

/** The export's seven time columns, in stage order (pickup to closed). */
export const MINNEAPOLIS_TIME_COLUMNS = [
  'Time_PhonePickUp',
  'Time_CallEnteredQueue',
  'Time_First_Unit_Assigned',
  'Time_First_Unit_Enroute',
  'Time_First_Unit_Arrived',
  'timeFirstCallCleared',
  'Time_CallClosed',
] as const;

const HOUR = 3_600_000;

function wallMs(s: string): number {
  const [d, t] = s.split(' ');
  const [mo, da, yr] = d!.split('/').map(Number);
  const [h, mi] = t!.split(':').map(Number);
  return Date.UTC(yr!, mo! - 1, da!, h!, mi!);
}

/** A time in the hour that happened twice. */
export const inFallBackHour = (s: string) => /^11\/6\/2022 1:\d\d$/.test(s);

/** One time as UTC ms, the repeated hour read the first time round (daylight time). */
export function minneapolisUtc(s: string): number {
  const wall = wallMs(s);
  return wall + (wall < Date.UTC(2022, 10, 6, 2, 0) ? 5 : 6) * HOUR;
}

/**
 * A call's seven times as UTC ms (null where missing). The clock turned back once, so the call's times in
 * the repeated hour read the first time round up to some stage and the second from it on; each place the
 * turn could be is tried, and the one where the call's times, stage to stage, move least in all wins, the
 * latest of equals (no turn at all before any turn).
 */
export function minneapolisTimes(row: Record<string, string | undefined>): (number | null)[] {
  const raw = MINNEAPOLIS_TIME_COLUMNS.map((c) => row[c]?.trim() || null);
  let best: { moved: number; times: (number | null)[] } | null = null;
  for (let turn = raw.length; turn >= 0; turn--) {
    const times = raw.map((s, i) =>
      s === null ? null : minneapolisUtc(s) + (i >= turn && inFallBackHour(s) ? HOUR : 0),
    );
    const present = times.filter((t): t is number => t !== null);
    let moved = 0;
    for (let i = 1; i < present.length; i++) moved += Math.abs(present[i]! - present[i - 1]!);
    if (!best || moved < best.moved) best = { moved, times };
  }
  return best!.times;
}
