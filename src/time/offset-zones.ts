/**
 * What a column of times written with UTC offsets says of the city's time zone. A value such as
 * `2023-11-04T18:51:06-08:00` is an instant and its offset, and a zone has one offset at each instant:
 * a profile whose `time_zone` has another offset at most of them is probably wrong, and every interval
 * from a local time of the export to such a time is then off by whole hours (tester 120: New York for
 * Seattle's -08:00 and -07:00 put 3 hours on every response time, without a word).
 *
 * Values in UTC (`Z`, `+00:00`) say nothing of the zone: an export may write every instant in UTC.
 */

/** US zones, in the order a fitting one is named when several fit. */
export const US_ZONES = [
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'Pacific/Honolulu',
  'America/Puerto_Rico',
] as const;

const OFFSET_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)? ?([+-])(\d{2}):?(\d{2})?$/i;

/**
 * A value's instant (ms since the epoch) and its offset in minutes, or null for UTC, another shape, or a
 * time ingest quarantines (the hour 24, an offset no zone has: docs/time.md). Those were counted and
 * named, `+00:60` as `+01:00`, in a warning about the rows that load (tester 161).
 */
function readOffsetTime(value: string): { instant: number; offset: number } | null {
  const m = OFFSET_TIME.exec(value.trim());
  if (!m || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59 || Number(m[9] ?? 0) > 59)
    return null;
  const offset = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9] ?? 0));
  if (offset === 0 || offset < -12 * 60 || offset > 14 * 60) return null;
  const local = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  // Date.UTC rolls 30 February over to March: a date that does not exist is quarantined, not read (tester
  // 167), and so is a year outside 1970-2099 (docs/time.md).
  const d = new Date(local);
  if (d.getUTCDate() !== +m[3]! || d.getUTCMonth() !== +m[2]! - 1 || +m[1]! < 1970 || +m[1]! > 2099)
    return null;
  return { instant: local - offset * 60_000, offset };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in minutes at an instant (Intl's `longOffset`: `GMT-08:00`, or `GMT`). */
export function zoneOffset(zone: string, instant: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const name = f.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** `-08:00` for -480. */
export function offsetText(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The share of values a zone may misfit and still fit them: a few rows' own faults. */
const FIT_TOLERANCE = 0.05;

export interface OffsetFit {
  /** Values with an offset other than UTC's. */
  sampled: number;
  /** Of those, the values whose offset `zone` does not have at their instant. */
  misfits: number;
  /** The distinct offsets written, in order. */
  offsets: string[];
  /** The US zones that have the offset of every sampled value but a few (FIT_TOLERANCE) at its instant. */
  fitting: string[];
}

/** How the offsets written in `values` fit `zone` (and which US zones they fit). */
export function offsetFit(values: readonly string[], zone?: string): OffsetFit {
  const read = values.map(readOffsetTime).filter((v) => v !== null);
  const misfits = (z: string) => read.filter((v) => zoneOffset(z, v.instant) !== v.offset).length;
  // A few odd rows do not rule a zone out (tester 121: 3 New York rows among 800 Los Angeles ones).
  const fits = (z: string) => misfits(z) <= read.length * FIT_TOLERANCE;
  return {
    sampled: read.length,
    misfits: zone ? misfits(zone) : 0,
    offsets: [...new Set(read.map((v) => v.offset))].sort((a, b) => a - b).map(offsetText),
    fitting: read.length ? US_ZONES.filter(fits) : [],
  };
}

/** Whether the offsets contradict the zone: most of the values sampled, and at least 3, have another. */
export function contradicts(fit: OffsetFit): boolean {
  return fit.misfits >= 3 && fit.misfits > fit.sampled / 2;
}
