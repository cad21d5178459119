/**
 * Warnings about the analysis period, from the monthly series: a period of days scaled to a year, a first
 * or last month far quieter than the rest (an export that starts with a few calls of the day before, or a
 * stray old record), and months with no calls at all. Per-year and per-week figures divide by every day of
 * the period, so either one dilutes them; the warning names the month and the flag that fixes it. Nothing
 * is changed: the period stays the one asked for (docs/metrics.md, "Period").
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/duckdb.js';
import { literal } from '../util/sql.js';
import type { Period } from './context.js';
import type { MonthlyRow } from './demand.js';
import { listInWords } from '../util/words.js';
import { addDays, daysInclusive } from '../util/dates.js';

/** A first or last month is "quiet" below this share of the period's calls per day. */
export const QUIET_SHARE = 0.1;

/**
 * A first or last day is "quiet" below this share: single days swing more than months, but a whole day
 * under a quarter of the usual calls is a day the export covers only part of (Burlington's last, 15%).
 */
export const QUIET_DAY_SHARE = 0.25;

/** The months YYYY-MM from the one of `from` to the one of `to` (days YYYY-MM-DD), both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** The last day of a month, YYYY-MM-DD. */
function lastDayOf(month: string): string {
  const [y, m] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** A period shorter than this many days gets a warning that its per-year figures are a day's scaled up. */
export const SHORT_DAYS = 28;

/** Share of a period's days below which days without a call are worth a warning. */
export const SPARSE_DAYS = 0.5;

/**
 * Days in a row without a call worth a note, where a period has this many calls a day or more; at the
 * start or end of a period of a week or more, one day is. Where it has fewer, the days it takes for as
 * many calls to be missing: a stretch is worth a note when the calls the period's rate gives it are
 * `GAP_CALLS_A_DAY` times its least days or more (a chance under e^-30 inside the period, e^-10 at its
 * edge). Tester 271: a crime file's 6.4 a day, 21 days without a call read as -59% year over year, unsaid.
 */
export const GAP_DAYS = 3;
export const GAP_CALLS_A_DAY = 10;

/** A stretch of the period's days without a call (from and to included). */
export interface DayGap {
  from: string;
  to: string;
  days: number;
}

/** A day of the period with calls. */
export interface DayCalls {
  day: string;
  calls: number;
}

/**
 * Local days of the period on which the store has a call (the `calls` view), the calls of its first and
 * last day, and its stretches of `GAP_DAYS` days or more without a call (at its edges, of one day or more),
 * from one scan grouped by day: an
 * export that begins or ends part-way through a day leaves it nearly empty, which the monthly series cannot
 * see (Burlington's last day held 9 calls against 60 a day, and diluted June by 3%); a weekly export not
 * yet ingested left six days empty inside the period without a word (tester 160).
 */
export async function periodDayCounts(
  conn: DuckDBConnection,
  period: Period,
): Promise<{
  withCalls: number;
  first: number;
  last: number;
  firstDay: string | null;
  lastDay: string | null;
  firstAt: string | null;
  lastAt: string | null;
  gaps: DayGap[];
  /** The period's days with a call, in order: a stray record's day is one of them. */
  days: DayCalls[];
}> {
  const days = await queryRows<{ d: string; n: number; lo: string; hi: string }>(
    conn,
    `SELECT CAST(CAST(received_local AS DATE) AS VARCHAR) AS d, count(*)::INTEGER AS n,
       strftime(min(received_local), '%Y-%m-%d %H:%M:%S') AS lo, strftime(max(received_local), '%Y-%m-%d %H:%M:%S') AS hi FROM calls
     WHERE received_local >= ${literal(period.from)}::TIMESTAMP AND received_local < ${literal(period.from)}::TIMESTAMP + INTERVAL (${period.days}) DAY
     GROUP BY 1 ORDER BY 1`,
  );
  const gaps: DayGap[] = [];
  let previous = addDays(period.from, -1);
  const after = addDays(period.to, 1);
  for (const d of [...days.map((r) => r.d), after]) {
    const missing = Math.round((Date.parse(d) - Date.parse(previous)) / 86_400_000) - 1;
    // A day or two without a call at the period's start or end is the export's edge, not chance (tester
    // 252: a week whose first day was empty counted it, unsaid). Under a week, partDayWarnings says it.
    const atEdge = previous === addDays(period.from, -1) || d === after;
    if (missing >= (atEdge && period.days >= 7 ? 1 : GAP_DAYS))
      gaps.push({ from: addDays(previous, 1), to: addDays(d, -1), days: missing });
    previous = d;
  }
  return {
    withCalls: days.length,
    first: days.find((r) => r.d === period.from)?.n ?? 0,
    last: days.find((r) => r.d === period.to)?.n ?? 0,
    firstDay: days[0]?.d ?? null,
    lastDay: days.at(-1)?.d ?? null,
    firstAt: days[0]?.lo ?? null,
    lastAt: days.at(-1)?.hi ?? null,
    gaps,
    days: days.map((r) => ({ day: r.d, calls: r.n })),
  };
}

const maxOf = (a: string, b: string) => (a > b ? a : b);
const minOf = (a: string, b: string) => (a < b ? a : b);

/** Calls a day with one decimal, or two significant digits below 1: a month of 1 call read 0.0. */
const callsPerDay = (n: number) => (n >= 1 ? n.toFixed(1) : n.toPrecision(2));

const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7));

/** Stray calls at one end of the period: their days, and where the bulk of the calls begins (ends). */
export interface StrayCalls {
  days: DayCalls[];
  calls: number;
  /** The first (last) day with a call of the rest. */
  cut: string;
  /**
   * The day to start (end) at: `cut`, or the first (last) day of the month after (before) the rest's
   * first (last) month where that month is itself quiet from `cut` on, as its own note would say next.
   */
  fix: string;
  /** That quiet month and its calls, where `fix` steps past it. */
  quietMonth?: { month: string; calls: number };
  /** Whole months without a call between the stray calls and the rest. */
  emptyMonths: number;
  /** Days without a call between the stray calls and the rest. */
  emptyDays: number;
  /** Calls from `cut` onward (up to it). */
  rest: number;
}

/**
 * A few calls before (after) a stretch without a call and the bulk of the calls: a record re-dated years
 * or weeks off, which stretches the period over days without a call (tester 329: one call of 2021-06-15
 * before a December made every per-year figure 18 times too small, and the notes said only "check the
 * export"; tester 336: one of 2022-08-01 before 2022-09-30 was no whole month away, and went unnamed).
 * The days split into runs at each whole month without a call, and at each stretch of `GAP_DAYS` days or
 * more whose calls at the period's rate would be `GAP_CALLS_A_DAY` times `GAP_DAYS` (as a stretch's note);
 * the run of the most calls is the bulk, and must be an export (half its days or more with a call), not a
 * sample spread thin. From each end, runs with under `QUIET_SHARE` of the bulk's calls a day, over their
 * months' days in the period (as a quiet month's), and under `QUIET_DAY_SHARE` of them over their own
 * days (a few calls, not whole days of an export before an outage), are stray, up to the first that is not.
 */
export function strayCalls(
  period: Period,
  days: readonly DayCalls[],
): { lead: StrayCalls | null; trail: StrayCalls | null } {
  const none = { lead: null, trail: null };
  const callsOf = (run: readonly DayCalls[]) => run.reduce((a, d) => a + d.calls, 0);
  const total = callsOf(days);
  const perDay = total / period.days;
  const between = (a: string, b: string) => daysInclusive(a, b) - 2;
  const runs: DayCalls[][] = [];
  for (const d of days) {
    const run = runs.at(-1);
    const prev = run?.at(-1)?.day;
    const missing = prev ? between(prev, d.day) : 0;
    const apart =
      !prev ||
      monthIndex(d.day) - monthIndex(prev) >= 2 ||
      (missing >= GAP_DAYS && missing * perDay >= GAP_CALLS_A_DAY * GAP_DAYS);
    if (run && !apart) run.push(d);
    else runs.push([d]);
  }
  if (runs.length < 2) return none;
  const rate = (run: DayCalls[]) =>
    callsOf(run) /
    daysInclusive(
      maxOf(`${run[0]!.day.slice(0, 7)}-01`, period.from),
      minOf(lastDayOf(run.at(-1)!.day.slice(0, 7)), period.to),
    );
  const spanRate = (run: DayCalls[]) => callsOf(run) / daysInclusive(run[0]!.day, run.at(-1)!.day);
  const bulk = runs.reduce((best, r, i) => (callsOf(r) > callsOf(runs[best]!) ? i : best), 0);
  const main = runs[bulk]!;
  if (main.length < SPARSE_DAYS * daysInclusive(main[0]!.day, main.at(-1)!.day)) return none;
  const few = (run: DayCalls[]) =>
    rate(run) < QUIET_SHARE * rate(main) && spanRate(run) < QUIET_DAY_SHARE * spanRate(main);
  let i = 0;
  while (i < bulk && few(runs[i]!)) i++;
  let j = runs.length - 1;
  while (j > bulk && few(runs[j]!)) j--;
  // The period the advice leaves, from the rest's first day to its last.
  const [restFrom, restTo] = [
    i > 0 ? runs[i]![0]!.day : period.from,
    j < runs.length - 1 ? runs[j]!.at(-1)!.day : period.to,
  ];
  const kept = days.filter((d) => d.day >= restFrom && d.day <= restTo);
  const keptRate = callsOf(kept) / daysInclusive(restFrom, restTo);
  // The rest's first (last) month, quiet over its days in that period, with calls in a later (earlier)
  // one: the quiet-month note of the run the advice leads to (tester 336: --from 2022-09-30, then "2022-09
  // has 2.0 calls a day ... Consider --from 2022-10-01").
  const quietEnd = (before: boolean) => {
    const m = (before ? restFrom : restTo).slice(0, 7);
    const inMonth = kept.filter((d) => d.day.startsWith(m));
    if (inMonth.length === kept.length) return null;
    const monthDays = daysInclusive(maxOf(`${m}-01`, restFrom), minOf(lastDayOf(m), restTo));
    if (callsOf(inMonth) / monthDays >= QUIET_SHARE * keptRate) return null;
    const other = before
      ? kept.find((d) => !d.day.startsWith(m))!
      : kept.findLast((d) => !d.day.startsWith(m))!;
    return {
      month: m,
      calls: callsOf(inMonth),
      fix: before ? `${other.day.slice(0, 7)}-01` : lastDayOf(other.day.slice(0, 7)),
    };
  };
  const stray = (taken: DayCalls[][], next: DayCalls[], before: boolean): StrayCalls | null => {
    if (!taken.length) return null;
    const strayDays = taken.flat().sort((a, b) => a.day.localeCompare(b.day));
    const calls = callsOf(strayDays);
    const [a, b] = before ? [strayDays.at(-1)!.day, next[0]!.day] : [next.at(-1)!.day, strayDays[0]!.day];
    const cut = before ? next[0]!.day : next.at(-1)!.day;
    const quiet = quietEnd(before);
    return {
      days: strayDays,
      calls,
      cut,
      fix: quiet?.fix ?? cut,
      ...(quiet ? { quietMonth: { month: quiet.month, calls: quiet.calls } } : {}),
      emptyMonths: monthIndex(b) - monthIndex(a) - 1,
      emptyDays: between(a, b),
      rest: total - calls,
    };
  };
  return {
    lead: stray(runs.slice(0, i), runs[i]!, true),
    trail: stray(runs.slice(j + 1), runs[j]!, false),
  };
}

/**
 * An end of the period without calls: stray calls before (after) the bulk, the export's own edge, or a
 * gap in the exports (the store has calls beyond it), with the flag that fixes it or the words that say it.
 */
interface PeriodEnd {
  kind: 'stray' | 'edge' | 'gap';
  fix?: string;
  words?: string;
}

/**
 * What a note says of the period's empty start and end, after "so": a gap first and the export to ingest,
 * then what the period takes in and the flags to use, each advice apart; `span`, the days of the export
 * (of the bulk of its calls, with strays).
 */
function periodEnds(start: PeriodEnd | null, end: PeriodEnd | null, span?: string): NotePart[] | null {
  const gaps = [start, end].filter((e) => e?.kind === 'gap').map((e) => e!.words!);
  const [s, e] = [start?.kind === 'gap' ? null : start, end?.kind === 'gap' ? null : end];
  const fixes = [s?.fix, e?.fix].filter(Boolean).join(' and ');
  // After "so": "divide by every day of the period, so no call falls on ..." read as if one caused the
  // other (tester 342).
  const gapParts: NotePart[] = gaps.length
    ? [
        `an export may be missing, as ${gaps.join(', and ')}`,
        { advice: '; ingest it, or choose another period' },
      ]
    : [];
  if (!s && !e) return gapParts.length ? gapParts : null;
  const stray = s?.kind === 'stray' || e?.kind === 'stray';
  const words = !stray
    ? `${[s ? 'starts before' : '', e ? 'runs past' : ''].filter(Boolean).join(' and ')} the export${span ? `, whose calls fall on ${span}` : ''}`
    : `${
        s?.kind === 'stray' && e?.kind === 'stray'
          ? 'takes in stray calls before and after the bulk of its calls'
          : [
              s
                ? s.kind === 'stray'
                  ? 'takes in stray calls before the bulk of its calls'
                  : 'starts before the export'
                : '',
              e
                ? e.kind === 'stray'
                  ? 'takes in stray calls after the bulk of its calls'
                  : 'runs past the export'
                : '',
            ]
              .filter(Boolean)
              .join(' and ')
      }${span ? `, which fall on ${span}` : ''}`;
  return [
    ...gapParts,
    `${gapParts.length ? '; and ' : ''}the period probably ${words}`,
    { advice: `; consider ${fixes}` },
  ];
}

/**
 * A piece of a period note's text: the finding's words (what is wrong, what it does to the figures), or
 * the advice to the analyst (a flag, an export to ingest), a clause or a sentence with its own leading
 * punctuation or space.
 */
export type NotePart = string | { advice: string };

/**
 * A note on the period, its finding and its advice apart: the internal edition and the terminal print
 * both, the public page the finding alone (noteText). Its readers run no command, and "Consider --from
 * 2022-10-01" told them how to undo its suppression (tester 384); cut out of the text by its wording, the
 * advice came back with each new wording.
 */
export interface PeriodNote {
  parts: NotePart[];
}

/** A note as an edition prints it: with its advice (the internal edition, the terminal), or the finding alone. */
export function noteText(note: PeriodNote, withAdvice = true): string {
  return note.parts.map((p) => (typeof p === 'string' ? p : withAdvice ? p.advice : '')).join('');
}

/** A note of a finding (sentences) and the advice that follows it, a sentence or more; or none. */
const sentences = (finding: string, advice?: string): PeriodNote => ({
  parts: advice ? [finding, { advice: ` ${advice}` }] : [finding],
});

/** A stretch of days as a note names it: one day alone. */
const stretch = (from: string, to: string) => (from === to ? from : `${from} to ${to}`);

/** Days as a note names them: all of up to four, else the first three and how many more. */
const daysInWords = (days: readonly string[]) =>
  listInWords(days.length > 4 ? [...days.slice(0, 3), `${days.length - 3} more days`] : days);

/**
 * `daysWithCalls`, when given, adds a warning for a period most of whose days have no call at all (an
 * export of a few days spread over months), which the monthly series cannot see. `hiddenBelow`: the
 * notes of a public report, whose counts under it may be hidden: without the quiet months' calls a day and
 * the days with calls, which can be such counts, and without a quiet month whose "under a tenth of the
 * calls a day" bounds its calls below `hiddenBelow` (517 calls over 32 days bounded a month of 1 day to 1).
 */
export function periodNotes(
  period: Period,
  monthly: readonly MonthlyRow[],
  daysWithCalls?: number,
  options: {
    hiddenBelow?: number;
    /** Calls of the period's first and last days, and its first and last days with a call. */
    edges?: {
      first: number;
      last: number;
      firstDay?: string | null;
      lastDay?: string | null;
      /** The first and last calls' local times, `YYYY-MM-DD HH:MM:SS`. */
      firstAt?: string | null;
      lastAt?: string | null;
      gaps?: DayGap[];
      /** The period's days with a call (periodDayCounts). */
      days?: readonly DayCalls[];
      /**
       * The store's own first and last days with a call (AnalysisContext.storeDays): a window's empty edge
       * is the export's end only where the store has no call beyond it (tester 329: a November missing
       * between October and December read "runs past the export; consider --to 2022-10-31").
       */
      storeFirstDay?: string | null;
      storeLastDay?: string | null;
    };
    /**
     * The main source's first and last months (YYYY-MM), where the period pools its records with other
     * sources' that share no month with it, as the main-source caveat says (linkWarnings): its calls
     * before (after) the others' are no stray records (tester 351).
     */
    mainSource?: { first: string; last: string };
  } = {},
): PeriodNote[] {
  const publishable = options.hiddenBelow !== undefined;
  const all = new Map(monthly.filter((r) => r.category === 'all').map((r) => [r.month, r]));
  const total = [...all.values()].reduce((a, r) => a + r.calls, 0);
  if (total === 0) return [];
  const perDay = total / period.days;
  const months = monthsBetween(period.from, period.to);
  const hasCalls = (m: string) => (all.get(m)?.calls ?? 0) > 0;
  const warnings: PeriodNote[] = [];
  // A day's calls "a year" read as a plan's figure (15,888 more calls a year, from one Sunday): said. Its
  // last sentence is the reader's as much as the analyst's: both editions print it.
  if (period.days < SHORT_DAYS)
    warnings.push(
      sentences(
        `The period is only ${period.days} day${period.days === 1 ? '' : 's'} long: per-year figures multiply it by ${Number((365.25 / period.days).toPrecision(4))}${period.days < 7 ? ` and per-week figures by ${(7 / period.days).toFixed(1)}` : ''}, so its days of the week and its season stand for a whole year. Analyse a year or more for yearly figures.`,
      ),
    );
  // Every figure that divides by the period's days, not only per year and per week: a period running a
  // month past the export put December's seasonal index at 2.4 and Monday 00:00 at 3.4 calls an hour
  // against 9.7 (tester 96). A month's year-over-year change divides by its days too (tester 289: June with
  // three weeks missing read -78%).
  const divided =
    'per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period';
  const empty = months.filter((m) => !hasCalls(m));
  const withCalls = months.filter(hasCalls);
  // Empty months only after the last month with calls, or only before the first: the period runs past
  // the export, which ends (starts) on its last (first) day with a call, not at the end of that month: an
  // export ending 14 November read "--to 2022-11-30", and 16 days without calls stayed in (tester 98).
  const { lastDay, firstDay, storeFirstDay, storeLastDay } = options.edges ?? {};
  const sparse = daysWithCalls !== undefined && period.days >= 7 && daysWithCalls < SPARSE_DAYS * period.days;
  // In a sample spread thin over years, a quiet first month is the sample's, not an export's edge (Seattle's
  // 222 calls over six years read "2018-01 has 0.0 calls a day: probably calls from before the export").
  const quiet = (m: string) =>
    !sparse &&
    hasCalls(m) &&
    all.get(m)!.calls_per_day < QUIET_SHARE * perDay &&
    // The bound the note gives: fewer than a tenth of the calls a day, over the month's days.
    (!publishable || QUIET_SHARE * perDay * all.get(m)!.days >= options.hiddenBelow!);
  // Stray calls before (after) empty months: the bulk of the calls starts (ends) the period instead, and
  // the notes below say so, a sparse period's too (tester 329: its stray record was sparse and unsaid).
  const found = options.edges?.days ? strayCalls(period, options.edges.days) : { lead: null, trail: null };
  // Calls before (after) the rest whose advice leaves out every month of the main source are that source's
  // own, beside another's that shares no month with it, and the caveat on pooled sources says so (tester
  // 351: 29 of Seattle's sample calls of 2023 before four days of dispatch, "probably stray records ...
  // Consider --from 2024-01-01", which drops the source of the call types and 911 origins).
  const main = options.mainSource;
  const lead = found.lead && !(main && found.lead.fix.slice(0, 7) > main.last) ? found.lead : null;
  const trail = found.trail && !(main && found.trail.fix.slice(0, 7) < main.first) ? found.trail : null;
  // A window's empty start (end) where the store has calls before (after) it is a gap in the exports, not
  // their edge (tester 329: "runs past the export" of a November missing between October and December).
  const gapBefore = !!(storeFirstDay && firstDay && storeFirstDay < period.from && firstDay > period.from);
  const gapAfter = !!(storeLastDay && lastDay && storeLastDay > period.to && lastDay < period.to);
  // The period's start (end) as a note says it: stray calls, a gap, or the export's edge and its fix.
  const side = (start: boolean, empty: boolean, edgeFix: string): PeriodEnd | null => {
    const stray = start ? lead : trail;
    if (stray) return { kind: 'stray', fix: `${start ? '--from' : '--to'} ${stray.fix}` };
    if (!empty) return null;
    if (!(start ? gapBefore : gapAfter)) return { kind: 'edge', fix: edgeFix };
    return {
      kind: 'gap',
      words: start
        ? `no call falls on ${stretch(period.from, firstDay ? addDays(firstDay, -1) : period.from)} although the store has calls back to ${storeFirstDay}`
        : `no call falls on ${stretch(lastDay ? addDays(lastDay, 1) : period.to, period.to)} although the store has calls up to ${storeLastDay}`,
    };
  };
  const firstWith = lead ? lead.cut.slice(0, 7) : withCalls[0];
  const lastWith = trail ? trail.cut.slice(0, 7) : withCalls.at(-1);
  const before = (m: string) => firstWith !== undefined && m < firstWith;
  const after = (m: string) => lastWith !== undefined && m > lastWith;
  // Past a quiet month of stray calls at the edge, as its own note would say next (tester 220: --from
  // 2022-09-30, the day of September's two calls, and then --from 2022-10-01). Before the first and after
  // the last, both (tester 271: a period of 2020-2026 round an export of 2021-2025 was told only to check
  // its export).
  // A first or last day far quieter than the rest, in a month that is not: the export's edge.
  const edges = options.edges;
  // Judged against the calls a day over the export's days (its first to last day with a call in the
  // period, the bulk's past stray calls), not the period's: the period's empty days after the export made
  // Burlington's last day, 9 calls, "against 58.9 a day" to --to 2022-07-03, 51.1 to 2022-07-31, and to
  // 2023-06-30 a sparse period that said nothing of it and advised keeping it (tester 393).
  const [spanFrom, spanTo] = [lead?.cut ?? firstDay ?? period.from, trail?.cut ?? lastDay ?? period.to];
  const spanDays = daysInclusive(spanFrom, spanTo);
  const exportPerDay = (total - (lead?.calls ?? 0) - (trail?.calls ?? 0)) / spanDays;
  // A sample spread thin over its own days has no edge day to judge (a sparse period's note says it); a
  // period sparse only for running past the export still has (tester 393).
  const spanSparse =
    daysWithCalls !== undefined &&
    daysWithCalls - (lead?.days.length ?? 0) - (trail?.days.length ?? 0) < SPARSE_DAYS * spanDays;
  const quietDay = (n: number) =>
    edges !== undefined &&
    !spanSparse &&
    period.days >= 7 &&
    n > 0 &&
    n < QUIET_DAY_SHARE * exportPerDay &&
    (!publishable || QUIET_DAY_SHARE * exportPerDay >= options.hiddenBelow!);
  const dayRate = (n: number) =>
    publishable
      ? 'under a quarter of the calls a day'
      : `${n} call${n === 1 ? '' : 's'} against ${callsPerDay(exportPerDay)} a day`;
  // The whole run of quiet days at an edge, not its outermost day alone: Minneapolis' export thins out over
  // its last four days (60, 92, 87 and 72 calls against 500 a day), and each run named one day more to cut,
  // four runs to a quiet one (tester 358). Days with a call only: a day without one ends the run.
  const quietRun = (edge: string, step: 1 | -1): number[] => {
    const byDay = new Map((edges?.days ?? []).map((d) => [d.day, d.calls]));
    const run: number[] = [];
    for (
      let d = edge, n = byDay.get(d);
      n !== undefined && quietDay(n);
      d = addDays(d, step), n = byDay.get(d)
    )
      run.push(n);
    return run.length ? run : [step === 1 ? edges!.first : edges!.last];
  };
  const runRate = (run: number[]) =>
    run.length === 1
      ? `has ${dayRate(run[0]!)}`
      : publishable
        ? 'have under a quarter of the calls a day each'
        : `have ${listInWords(run.map((n) => n.toLocaleString('en-US')))} calls against ${callsPerDay(exportPerDay)} a day`;
  // Where the export ends before the period does, its last day is judged, not the period's empty one
  // (tester 384: a quarter to 2023-01-01 of calls ending part-way through 2022-12-20 lost the note, and its
  // public edition the day the export ends); not where the store has calls after the window (a gap in the
  // exports) nor after stray calls, whose notes say them.
  const endDay = edges && lastDay && lastDay < period.to && !gapAfter && !trail ? lastDay : period.to;
  const endCalls =
    endDay === period.to ? (edges?.last ?? 0) : (edges?.days?.find((d) => d.day === endDay)?.calls ?? 0);
  const endRun =
    edges && !trail && !quiet(endDay.slice(0, 7)) && quietDay(endCalls)
      ? quietRun(endDay, -1).reverse()
      : null;
  // The day to end at, before the export's quiet last days too, for every note of its end alike.
  const toDay = endRun && endDay === lastDay ? addDays(lastDay, -endRun.length) : lastDay;
  const edge =
    firstDay && lastDay && withCalls.length && empty.every((m) => before(m) || after(m))
      ? periodEnds(
          side(
            true,
            empty.some(before),
            withCalls.length > 1 && quiet(withCalls[0]!)
              ? `--from ${withCalls[1]!}-01`
              : `--from ${firstDay}`,
          ),
          side(
            false,
            empty.some(after),
            withCalls.length > 1 && quiet(withCalls.at(-1)!)
              ? `--to ${lastDayOf(withCalls.at(-2)!)}`
              : `--to ${toDay}`,
          ),
        )
      : null;
  // The stretch without a call round an empty month inside the period, where it runs past the month: the
  // month alone undersaid it (tester 336: "2022-11", of 70 days without a call from 2022-10-11). At the
  // period's edges the flag gives the day, and stray calls' note names their stretch.
  const around = (options.edges?.gaps ?? []).flatMap((g) => {
    const covered = empty.filter((m) => g.from <= `${m}-01` && lastDayOf(m) <= g.to);
    const inside =
      g.from > period.from &&
      g.to < period.to &&
      !(lead && g.to < lead.cut) &&
      !(trail && g.from > trail.cut);
    return inside && covered.length && (g.from < `${covered[0]}-01` || g.to > lastDayOf(covered.at(-1)!))
      ? [g]
      : [];
  });
  const aroundWords = around.length
    ? `, in ${around.length === 1 ? 'a stretch' : 'stretches'} of ${listInWords(around.map((g) => String(g.days)))} days without one (${listInWords(around.map((g) => stretch(g.from, g.to)))})`
    : '';
  if (empty.length)
    warnings.push({
      parts: [
        `${empty.length} of the period's ${months.length} months ${empty.length === 1 ? 'has' : 'have'} no calls (${empty.length > 4 ? `${empty.slice(0, 3).join(', ')} and ${empty.length - 3} more` : listInWords(empty)})${aroundWords}: ${divided}`,
        ...(edge
          ? [', so ', ...edge]
          : [{ advice: ', so check that the export covers it, or choose --from and --to' }]),
        '.',
      ],
    });
  // Sparse only for the days before the first call and after the last: the period runs past the export
  // (tester 260: "November" of an export ending on the 10th was told to check its export, with no date), or
  // only for its stray calls' months. The export's own first and last days, not the window's (tester 329).
  const [bulkFrom, bulkTo] = [lead?.cut ?? firstDay, trail?.cut ?? lastDay];
  const bulkDays = (daysWithCalls ?? 0) - (lead?.days.length ?? 0) - (trail?.days.length ?? 0);
  const trimmed =
    sparse && bulkFrom && bulkTo && bulkDays >= SPARSE_DAYS * daysInclusive(bulkFrom, bulkTo)
      ? periodEnds(
          side(true, firstDay! > period.from, `--from ${firstDay}`),
          side(false, lastDay! < period.to, `--to ${toDay}`),
          lead || trail
            ? `${lead ? lead.cut : bulkFrom} to ${trail ? trail.cut : bulkTo}`
            : `${storeFirstDay ?? firstDay} to ${storeLastDay ?? lastDay}`,
        )
      : null;
  // Sparse from the first call to the last too, yet past the store's last call (before its first): those
  // days are no export's, said as a period of the export's days alone says them, and the rest as before
  // (tester 351: a period running 27 days past Seattle's dispatch file was told only to check its export).
  const pastStore = (start: boolean) =>
    start
      ? !!(storeFirstDay && firstDay && firstDay > period.from && storeFirstDay >= firstDay)
      : !!(storeLastDay && lastDay && lastDay < period.to && storeLastDay <= lastDay);
  const pastEnds =
    sparse && !trimmed && !lead && !trail && firstDay && lastDay && (pastStore(true) || pastStore(false))
      ? periodEnds(
          pastStore(true) ? { kind: 'edge', fix: `--from ${firstDay}` } : null,
          pastStore(false) ? { kind: 'edge', fix: `--to ${toDay}` } : null,
        )
      : null;
  const beyond: NotePart[] | null =
    pastEnds && firstDay && lastDay
      ? [
          ...pastEnds,
          `, though from ${firstDay} to ${lastDay} ${publishable ? 'fewer than half' : `only ${(daysWithCalls ?? 0).toLocaleString('en-US')}`} of the ${daysInclusive(firstDay, lastDay).toLocaleString('en-US')} days have calls too`,
          { advice: ': check that the export covers them, or choose --from and --to' },
        ]
      : null;
  const sparseEnds = trimmed ?? beyond;
  if (sparse)
    warnings.push({
      parts: [
        `${publishable ? 'Fewer than half' : `Only ${daysWithCalls.toLocaleString('en-US')}`} of the period's ${period.days.toLocaleString('en-US')} days have calls: ${divided}`,
        ...(sparseEnds
          ? [', so ', ...sparseEnds]
          : [{ advice: ', so check that the export covers it, or choose --from and --to' }]),
        '.',
      ],
    });
  const first = months[0]!;
  const last = months.at(-1)!;
  const from = months.slice(1).find(hasCalls);
  const to = months.slice(0, -1).reverse().find(hasCalls);
  // A stray call's note names its day and where the rest begins, for the month's (tester 329).
  const quietFirst = !lead && quiet(first) && from !== undefined;
  const quietLast = !trail && quiet(last) && to !== undefined;
  // Days in a row without a call where the period's calls a day make it all but impossible (GAP_CALLS_A_DAY):
  // an export not ingested, or cut short. Whole months without calls are said
  // above; a sparse period's gaps are its own.
  // Nor one within a quiet first or last month, said below with the month to start or end at: the
  // stretch's own advice (the day of the stray calls) contradicted it (tester 212).
  // An empty month is said above by its days in the period: a period from 15 August held a stretch from
  // then to September's stray calls, and its note advised a start the month's did not (tester 224).
  const gaps = (options.edges?.gaps ?? []).filter(
    (g) =>
      !empty.some((m) => g.from <= maxOf(`${m}-01`, period.from) && minOf(lastDayOf(m), period.to) <= g.to) &&
      !(quietFirst && g.from === period.from && g.to <= lastDayOf(first)) &&
      !(quietLast && g.to === period.to && g.from >= `${last}-01`) &&
      !(lead && g.to < lead.cut) &&
      !(trail && g.from > trail.cut) &&
      g.days * perDay >= GAP_CALLS_A_DAY * (g.from === period.from || g.to === period.to ? 1 : GAP_DAYS),
  );
  if (!sparse && gaps.length) {
    const longest = [...gaps].sort((a, b) => b.days - a.days || a.from.localeCompare(b.from));
    const said = longest
      .slice(0, 3)
      .map(
        (g) =>
          `${g.from === g.to ? g.from : `${g.from} to ${g.to}`} (${g.days} day${g.days === 1 ? '' : 's'})`,
      );
    // The stretch at a window's end (start) is a gap where the store has calls beyond it (tester 329).
    const ingest = '; ingest it, or choose another period';
    const [words, advice]: [string | null, string] =
      gaps.length === 1 && gaps[0]!.to === period.to && lastDay
        ? gapAfter
          ? [`an export may be missing, as the store has calls up to ${storeLastDay}`, ingest]
          : ['the period probably runs past the export', `; consider --to ${toDay}`]
        : gaps.length === 1 && gaps[0]!.from === period.from && firstDay
          ? gapBefore
            ? [`an export may be missing, as the store has calls back to ${storeFirstDay}`, ingest]
            : ['the period probably starts before the export', `; consider --from ${firstDay}`]
          : [null, ', so check that no export is missing (ingest it), or choose --from and --to'];
    warnings.push({
      parts: [
        `No call falls on ${listInWords(gaps.length > 3 ? [...said, `${gaps.length - 3} more stretch${gaps.length === 4 ? '' : 'es'}`] : said)}, in a period with calls on its other days: ${divided}${words ? `, so ${words}` : ''}`,
        { advice },
        '.',
      ],
    });
  }
  const rate = (m: string) =>
    publishable
      ? 'under a tenth of the calls a day'
      : `${callsPerDay(all.get(m)!.calls_per_day)} calls a day against ${callsPerDay(perDay)}`;
  // Both editions side by side give away what the first hides (tester 119: September's 2 calls, one of
  // them the crisis team's, came back from the edition of October on). Said once, by `report` to the
  // analyst (src/cli/report.ts), not here: the public page carried it, to readers who run no command, and
  // told them how to undo its suppression (tester 384).
  const strayNote = (s: StrayCalls, at: 'before' | 'after') => {
    const one = s.calls === 1;
    const days = s.days.map((d) => d.day);
    const which = publishable
      ? `Calls ${days.length === 1 ? `on ${days[0]}` : `from ${days[0]} to ${days.at(-1)}`} lie`
      : `${s.calls.toLocaleString('en-US')} call${one ? ' falls' : 's fall'} on ${daysInWords(days)},`;
    const rest =
      at === 'before'
        ? `${s.cut} onward${publishable ? '' : `, ${s.rest.toLocaleString('en-US')} calls`}`
        : `up to ${s.cut}${publishable ? '' : `, ${s.rest.toLocaleString('en-US')} calls`}`;
    // Under a whole month apart, the days between (tester 336: 2022-08-01's call, 59 days before the rest).
    const [n, unit] = s.emptyMonths > 0 ? [s.emptyMonths, 'month'] : [s.emptyDays, 'day'];
    // Past the rest's quiet first (last) month at once, which a run from `cut` would name next.
    const q = s.quietMonth;
    const past = q
      ? publishable
        ? // No bound: a tenth of a small city's calls a day over one day would give the count away.
          `, past ${q.month}'s few calls too`
        : `, past ${q.month}'s ${q.calls.toLocaleString('en-US')} call${q.calls === 1 ? '' : 's'} too, under a tenth of the rest's calls a day`
      : '';
    return sentences(
      `${which} ${n} ${unit}${n === 1 ? '' : 's'} without a call ${at} the rest (${rest}): probably ${one && !publishable ? 'a stray record' : 'stray records'}, whose empty ${unit}s every figure that divides by the period's days counts.`,
      `Consider ${at === 'before' ? '--from' : '--to'} ${s.fix}${past}.`,
    );
  };
  if (lead) warnings.push(strayNote(lead, 'before'));
  if (trail) warnings.push(strayNote(trail, 'after'));
  if (quietFirst)
    warnings.push(
      sentences(
        `The first month, ${first}, has ${rate(first)} over the period: probably a few calls from before the export starts.`,
        `Consider --from ${from}-01.`,
      ),
    );
  if (quietLast)
    warnings.push(
      sentences(
        `The last month, ${last}, has ${rate(last)} over the period: probably a few calls from after the export ends.`,
        `Consider --to ${lastDayOf(to)}.`,
      ),
    );
  if (edges && !lead && !quiet(first) && quietDay(edges.first)) {
    const run = quietRun(period.from, 1);
    const which =
      run.length === 1
        ? `The first day, ${period.from},`
        : `The first ${run.length} days, ${period.from} to ${addDays(period.from, run.length - 1)},`;
    warnings.push(
      sentences(
        `${which} ${runRate(run)} over the export's days: ${run.length === 1 ? 'the export probably starts part-way through it' : 'the export probably covers them only in part'}.`,
        `Consider --from ${addDays(period.from, run.length)}.`,
      ),
    );
  }
  if (endRun) {
    const run = endRun;
    const days = run.length === 1 ? 'day' : `${run.length} days`;
    const missing = daysInclusive(endDay, period.to) - 1;
    const which =
      endDay !== period.to
        ? `The export ends on ${endDay}, ${missing} day${missing === 1 ? '' : 's'} before the period does (${period.to}), and its last ${days}${run.length === 1 ? '' : `, ${addDays(endDay, 1 - run.length)} to ${endDay},`}`
        : run.length === 1
          ? `The last day, ${period.to},`
          : `The last ${run.length} days, ${addDays(period.to, 1 - run.length)} to ${period.to},`;
    warnings.push(
      sentences(
        `${which} ${runRate(run)} over the export's days: ${run.length === 1 ? 'the export probably ends part-way through it' : 'the export probably covers them only in part'}.`,
        `Consider --to ${addDays(endDay, -run.length)}.`,
      ),
    );
  }
  warnings.push(...partDayWarnings(period, total, edges?.firstAt, edges?.lastAt, publishable));
  return warnings;
}

/** The period's notes as the internal edition and the terminal print them, advice and all (periodNotes). */
export function periodWarnings(...args: Parameters<typeof periodNotes>): string[] {
  return periodNotes(...args).map((n) => noteText(n));
}

/**
 * Below this chance of the hours before the first call (after the last) passing without one, at a third of
 * the period's calls an hour (nights are quieter than the average), the export starts (ends) part-way
 * through the day.
 */
export const PART_DAY_CHANCE = 0.001;

/**
 * A period of under a week whose export starts or ends part-way through its first or last day, told from
 * the first and last calls' times: the counts of those days cannot (a day's quarter is their test, and in
 * a few days the edges make much of the average). Seattle's dispatch file, from 20:24 on 1 January to the
 * 4th, was counted as 4 days for about 2.7, and the heatmap named the uncovered hours the quietest, at 0
 * calls (tester 243). The public edition gives no time: it is one call's.
 */
function partDayWarnings(
  period: Period,
  calls: number,
  firstAt: string | null | undefined,
  lastAt: string | null | undefined,
  publishable: boolean,
): PeriodNote[] {
  if (period.days >= 7 || !firstAt || !lastAt || calls < 2) return [];
  const hours = (a: string, b: string) =>
    (Date.parse(`${b.replace(' ', 'T')}Z`) - Date.parse(`${a.replace(' ', 'T')}Z`)) / 3_600_000;
  const perHour = calls / Math.max(hours(firstAt, lastAt), 1);
  const unlikely = (h: number) => Math.exp((-perHour / 3) * h) < PART_DAY_CHANCE;
  const [firstDay, lastDay] = [firstAt.slice(0, 10), lastAt.slice(0, 10)];
  const midnightAfter = (d: string) => `${addDays(d, 1)} 00:00:00`;
  // The hours of the period before the first call and after the last, whole days without a call too
  // (tester 250: a period two days past the export's last call was not said).
  const starts = unlikely(hours(`${period.from} 00:00:00`, firstAt));
  const ends = unlikely(hours(lastAt, midnightAfter(period.to)));
  if (!starts && !ends) return [];
  const startWords =
    firstDay === period.from
      ? `starts part-way through its first day, ${period.from}`
      : `starts after the period does, on ${firstDay}`;
  const endWords =
    lastDay === period.to
      ? `ends part-way through its last day, ${period.to}`
      : `ends before the period does, on ${lastDay}`;
  const edge =
    starts && ends && firstDay === period.from && lastDay === period.to
      ? 'starts and ends part-way through its first and last days'
      : [starts ? startWords : '', ends ? endWords : ''].filter(Boolean).join(' and ');
  const when = publishable
    ? ''
    : ` (its first call at ${firstAt.slice(11, 16)} on ${firstDay}, its last at ${lastAt.slice(11, 16)} on ${lastDay}, ${perHour.toFixed(1)} calls an hour between)`;
  // The first and last days the export covers whole.
  const from = starts
    ? unlikely(hours(`${firstDay} 00:00:00`, firstAt))
      ? addDays(firstDay, 1)
      : firstDay
    : period.from;
  const to = ends
    ? unlikely(hours(lastAt, midnightAfter(lastDay)))
      ? addDays(lastDay, -1)
      : lastDay
    : period.to;
  const fix =
    from <= to
      ? `Consider ${[starts ? `--from ${from}` : '', ends ? `--to ${to}` : ''].filter(Boolean).join(' and ')}, or an export of whole days.`
      : 'Analyse an export of whole days.';
  return [
    sentences(
      `The export ${edge}${when}, which the period counts whole: figures a day, a week or a year, and the calls in an hour of the week, divide by hours with no call exported, and the hours it does not cover read as the quietest.`,
      fix,
    ),
  ];
}
