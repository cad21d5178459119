/**
 * UTC instants to local wall-clock text, fast. The generator works on instants (whole seconds since the
 * clock's origin), so DST comes out right by construction: the fall-back hour is written twice and the
 * spring-forward hour never. Intl is asked once per day of the span (plus a bisection on the few days
 * whose offset changes); each row then costs two array lookups and one string concatenation per time.
 *
 * Offsets are resolved per UTC hour, which is exact for zones whose transitions fall on whole UTC hours
 * (all of the United States, including America/Chicago).
 */

import { offsetMinutesAt } from '../time/zone-transitions.js';

const HOUR = 3600;
const DAY = 86_400;

export interface Transition {
  /** Seconds since the clock's origin of the first hour with the new offset. */
  at: number;
  /** UTC offsets in seconds before and after (America/Chicago: -21600 / -18000). */
  before: number;
  after: number;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** "HH:MM:SS" for every second of a day: 86,400 short strings (about 3 MB), built once per process. */
let clockStrings: string[] | undefined;
function clockOfDay(): string[] {
  if (!clockStrings) {
    clockStrings = new Array<string>(DAY);
    for (let h = 0; h < 24; h++)
      for (let m = 0; m < 60; m++) {
        const hm = `${pad2(h)}:${pad2(m)}:`;
        for (let s = 0; s < 60; s++) clockStrings[h * HOUR + m * 60 + s] = hm + pad2(s);
      }
  }
  return clockStrings;
}

export class LocalClock {
  /** UTC instant (ms since the epoch) that second 0 of this clock stands for. */
  readonly originUtcMs: number;
  /** Number of whole hours the table covers from the origin. */
  readonly hours: number;
  /** UTC offset in seconds for each UTC hour from the origin. */
  private readonly offsets: Int32Array;
  /**
   * Local midnight of the table's first local day, as (local epoch seconds) minus (origin epoch seconds):
   * localSeconds(t) = t + offset - firstLocalDaySec counts local seconds from that midnight.
   */
  private readonly firstLocalDaySec: number;
  private readonly dayStrings: string[];
  private readonly clock: string[];
  readonly transitions: Transition[];

  /**
   * @param zone IANA zone
   * @param originUtcMs instant of second 0; should be a whole UTC hour
   * @param hours how many hours the table must cover (times outside are clamped to the nearest offset)
   */
  constructor(
    readonly zone: string,
    originUtcMs: number,
    hours: number,
  ) {
    this.originUtcMs = originUtcMs;
    this.hours = hours;
    this.offsets = new Int32Array(hours + 1);
    this.transitions = [];
    const read = (utcMs: number) => Math.round(offsetMinutesAt(zone, utcMs) * 60);
    let prev = read(originUtcMs);
    this.offsets[0] = prev;
    for (let day = 0; day * 24 < hours; day++) {
      const from = day * 24;
      const to = Math.min(from + 24, hours);
      const endOffset = read(originUtcMs + to * HOUR * 1000);
      if (endOffset === prev) {
        this.offsets.fill(prev, from + 1, to + 1);
        continue;
      }
      // At most one transition a day: find its hour, then fill either side.
      let lo = from;
      let hi = to;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (read(originUtcMs + mid * HOUR * 1000) === prev) lo = mid;
        else hi = mid;
      }
      this.offsets.fill(prev, from + 1, hi);
      this.offsets.fill(endOffset, hi, to + 1);
      this.transitions.push({ at: hi * HOUR, before: prev, after: endOffset });
      prev = endOffset;
    }
    // Local day strings from the local day of the origin (minus one for stray earlier instants) on.
    // A loop, not Math.min(...): spreading 14 years of hours overflowed the call stack.
    let [minOffset, maxOffset] = [Infinity, -Infinity];
    for (const o of this.offsets) [minOffset, maxOffset] = [Math.min(minOffset, o), Math.max(maxOffset, o)];
    const firstLocalMs = originUtcMs + minOffset * 1000 - DAY * 1000;
    const firstDay = Math.floor(firstLocalMs / (DAY * 1000));
    const lastDay = Math.floor((originUtcMs + (hours * HOUR + maxOffset + DAY) * 1000) / (DAY * 1000));
    this.firstLocalDaySec = firstDay * DAY - originUtcMs / 1000;
    this.dayStrings = [];
    for (let d = firstDay; d <= lastDay; d++)
      this.dayStrings.push(`${new Date(d * DAY * 1000).toISOString().slice(0, 10)} `);
    this.clock = clockOfDay();
  }

  /** UTC offset in seconds at an instant (seconds since the origin). */
  offsetAt(t: number): number {
    let h = Math.floor(t / HOUR);
    if (h < 0) h = 0;
    else if (h > this.hours) h = this.hours;
    return this.offsets[h]!;
  }

  /** Local seconds since the first local day of the table (day index * 86400 + second of day). */
  localSeconds(t: number): number {
    return t + this.offsetAt(t) - this.firstLocalDaySec;
  }

  /** "YYYY-MM-DD HH:MM:SS" in local wall-clock time. */
  format(t: number): string {
    return this.formatLocal(this.localSeconds(t));
  }

  /** Format local seconds as returned by localSeconds (lets a caller write a deliberately wrong clock). */
  formatLocal(local: number): string {
    const day = Math.floor(local / DAY);
    return this.dayStrings[day]! + this.clock[local - day * DAY]!;
  }

  /** Local hour of day (0-23) and day of week (0 = Sunday) of an instant. */
  localHour(t: number): number {
    const local = this.localSeconds(t);
    return Math.floor((local - Math.floor(local / DAY) * DAY) / HOUR);
  }

  /** Index of the local calendar day of an instant, for per-day lookups; 0 is the table's first local day. */
  localDay(t: number): number {
    return Math.floor(this.localSeconds(t) / DAY);
  }

  /** Day of week of a local day index (0 = Sunday). */
  weekdayOfDay(day: number): number {
    return new Date((this.firstLocalDaySec + day * DAY) * 1000 + this.originUtcMs).getUTCDay();
  }

  /** The "YYYY-MM-DD" of a local day index. */
  dateOfDay(day: number): string {
    return this.dayStrings[day]!.slice(0, 10);
  }

  /** Local day index of a "YYYY-MM-DD" date. */
  dayOfDate(date: string): number {
    return Math.round(
      (Date.parse(`${date}T00:00:00Z`) / 1000 - this.originUtcMs / 1000 - this.firstLocalDaySec) / DAY,
    );
  }

  /** Seconds since the origin of a local wall-clock time that exists once (the earlier one if twice). */
  instantOfLocal(date: string, secondOfDay = 0): number {
    const local = this.dayOfDate(date) * DAY + secondOfDay;
    // Try each offset in use; the first that maps back to the same local time wins (earlier instant first).
    const candidates = [...new Set(this.offsets)].sort((a, b) => b - a);
    for (const off of candidates) {
      const t = local + this.firstLocalDaySec - off;
      if (this.localSeconds(t) === local) return t;
    }
    throw new Error(`${date} +${secondOfDay}s does not exist in ${this.zone}`);
  }
}
