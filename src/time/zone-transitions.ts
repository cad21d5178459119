/**
 * Local wall-clock -> UTC for an IANA zone, done in SQL so ten million rows never pass through JavaScript.
 *
 * Node's Intl (full ICU) gives the zone's UTC offset at any instant; from it we find the transitions in the
 * span the data covers and cut local time into segments, each with one offset and a kind:
 *   - normal: the local time exists once;
 *   - ambiguous: the fall-back hour, which happens twice. Policy: the EARLIER instant (still daylight time),
 *     unless the call's other times say otherwise (ingest's per-call reading, docs/time.md);
 *   - gap: the spring-forward hour, which never happens. Policy: shift FORWARD by the gap (02:30 -> 03:30).
 * Alone, this is the "compatible" disambiguation of TC39 Temporal and java.time. The segments become a balanced
 * CASE tree (log n comparisons per value), so a span of decades costs no more than a few years.
 */

export type SegmentKind = 'normal' | 'ambiguous' | 'gap';
export const SEGMENT_KIND_CODE: Record<SegmentKind, number> = { normal: 0, ambiguous: 1, gap: 2 };

export interface LocalSegment {
  /** Start of the segment as local wall-clock, in ms since 1970-01-01T00:00 local (null = open start). */
  startLocal: number | null;
  /** The zone's UTC offset in the segment, in minutes (UTC-5 = -300): UTC = local wall-clock - offset. */
  offsetMinutes: number;
  kind: SegmentKind;
  /** An ambiguous segment's offset the second time round (standard time), in minutes. */
  laterOffsetMinutes?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset', year: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/**
 * A zone written as an abbreviation: CST and PST are accepted by some runtimes, and IANA's EST and MST are
 * fixed offsets, none with a city's daylight-saving rules (an EST profile put New York's summer an hour off).
 * UTC, GMT and the European zones IANA names so (CET, EET, WET, MET) are zones; so are the POSIX-style
 * names with their rules (EST5EDT, CST6CDT; tester 104) and the other names IANA keeps (Cuba; tester 108).
 */
function isAbbreviation(zone: string): boolean {
  return (
    (/^[A-Z]{2,5}$/.test(zone) && !['UTC', 'UCT', 'GMT', 'CET', 'EET', 'WET', 'MET'].includes(zone)) ||
    // IANA's Etc/GMT+8 is a fixed offset too, with POSIX's sign: 8 hours behind UTC, so Etc/GMT-8 written for
    // Pacific time moved every time by 16 hours (tester 163). Etc/GMT+0 is UTC.
    /^(Etc\/)?GMT[+-]0*[1-9]\d*$/i.test(zone)
  );
}

/** Why a zone is refused, as a sentence's predicate: an abbreviation, or no zone at all. */
export function zoneRefusal(zone: string): string {
  return isAbbreviation(zone)
    ? "is an abbreviation or a fixed offset, not a city's zone with its daylight-saving rules"
    : 'is not an IANA time zone';
}

export function isValidTimeZone(zone: string): boolean {
  if (isAbbreviation(zone)) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** A zone's canonical IANA name (`US/Eastern` is `America/New_York`), or the name itself if none is known. */
export function canonicalZone(zone: string): string {
  try {
    return formatter(zone).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/** The zone's UTC offset in minutes at a UTC instant (UTC-5 -> -300). */
export function offsetMinutesAt(zone: string, utcMs: number): number {
  const part = formatter(zone)
    .formatToParts(utcMs)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = part?.match(/GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?/);
  if (!m) throw new Error(`cannot read the UTC offset of ${zone} from ${String(part)}`);
  if (!m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3]) + Number(m[4] ?? 0) / 60;
  return m[1] === '-' ? -minutes : minutes;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface Transition {
  utcMs: number;
  before: number;
  after: number;
}

/** Offset changes between two UTC instants, to the minute. */
export function transitionsBetween(zone: string, fromUtc: number, toUtc: number): Transition[] {
  const out: Transition[] = [];
  // Start on a whole minute: the bisection below steps in minutes from here, so a start with seconds
  // would put every transition those seconds late (03:00:01 read as inside the spring-forward gap).
  let t = Math.floor(fromUtc / MINUTE) * MINUTE;
  let off = offsetMinutesAt(zone, t);
  while (t < toUtc) {
    const next = Math.min(t + DAY, toUtc);
    const nextOff = offsetMinutesAt(zone, next);
    if (nextOff !== off) {
      // Zones change offset at most once a day, so bisect to the first minute of the new offset.
      let lo = t;
      let hi = next;
      while (hi - lo > MINUTE) {
        const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
        if (offsetMinutesAt(zone, mid) === off) lo = mid;
        else hi = mid;
      }
      out.push({ utcMs: hi, before: off, after: nextOff });
      off = nextOff;
    }
    t = next;
  }
  return out;
}

/**
 * Segments of local wall-clock time between two local times (ms, local epoch), with margin, for the zone.
 * For a transition at UTC instant T from offset a to offset b, the local boundary where the new offset takes
 * over is T + max(a, b); the stretch between T + min(a, b) and T + max(a, b) is ambiguous (b < a) or a gap.
 */
export function localSegments(zone: string, fromLocal: number, toLocal: number): LocalSegment[] {
  const from = fromLocal - 3 * DAY;
  const to = toLocal + 3 * DAY;
  const first = offsetMinutesAt(zone, from);
  const segments: LocalSegment[] = [{ startLocal: null, offsetMinutes: first, kind: 'normal' }];
  for (const tr of transitionsBetween(zone, from, to)) {
    const lo = tr.utcMs + Math.min(tr.before, tr.after) * MINUTE;
    const hi = tr.utcMs + Math.max(tr.before, tr.after) * MINUTE;
    segments.push({
      startLocal: lo,
      offsetMinutes: tr.before,
      kind: tr.after < tr.before ? 'ambiguous' : 'gap',
      ...(tr.after < tr.before ? { laterOffsetMinutes: tr.after } : {}),
    });
    segments.push({ startLocal: hi, offsetMinutes: tr.after, kind: 'normal' });
  }
  return segments;
}

/** Resolve one local wall-clock time the way the SQL does; used by tests and small conversions. */
export function localToUtc(segments: LocalSegment[], local: number): { utc: number; kind: SegmentKind } {
  let seg = segments[0]!;
  for (const s of segments) if (s.startLocal === null || s.startLocal <= local) seg = s;
  return { utc: local - seg.offsetMinutes * MINUTE, kind: seg.kind };
}

function sqlTimestamp(localMs: number): string {
  return `TIMESTAMP '${new Date(localMs).toISOString().slice(0, 19).replace('T', ' ')}'`;
}

/** A CASE tree over `expr` (a local TIMESTAMP) returning pick(segment) for the segment it falls in. */
export function segmentCaseSql(
  segments: LocalSegment[],
  expr: string,
  pick: (s: LocalSegment) => number,
): string {
  const build = (lo: number, hi: number): string => {
    if (lo === hi) return String(pick(segments[lo]!));
    const mid = Math.ceil((lo + hi) / 2);
    return `CASE WHEN ${expr} < ${sqlTimestamp(segments[mid]!.startLocal!)} THEN ${build(lo, mid - 1)} ELSE ${build(mid, hi)} END`;
  };
  return build(0, segments.length - 1);
}
