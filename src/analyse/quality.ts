/**
 * Interval quality, shared by every figure that uses a time interval. An interval is judged per call as
 * missing (either end absent), negative (end before start) or implausible (longer than the source
 * profile's `max_interval_hours`), the same three tests ingest counts (docs/time.md). A figure leaves those
 * values out and reports how many it left out, beside the figure.
 */
import { INTERVALS, intervalSecondsSql } from '../time/intervals.js';

/**
 * The first unit's commitment to a call, from assignment to clearing (dispatch + travel + on scene). It is
 * not one of the CAD intervals of src/time/intervals.ts but spans three of them; the capacity planner uses
 * it as the service time, because a unit is unavailable for other calls from the moment it is assigned.
 */
export const COMMITTED = {
  name: 'committed',
  from: 'assigned',
  to: 'cleared',
  label: 'Committed (first unit assigned to cleared)',
} as const;

export const ANALYSIS_INTERVALS = [...INTERVALS, COMMITTED] as const;
export type AnalysisIntervalName = (typeof ANALYSIS_INTERVALS)[number]['name'];

/** Column of the analysis relation holding an interval in seconds (null when either end is missing). */
export const ivColumn = (name: AnalysisIntervalName) => `iv_${name}`;

/** Seconds between two stages, by the same rule as the CAD intervals (src/time/intervals.ts). */
function secondsSql(i: { from: string; to: string }): string {
  return intervalSecondsSql(i as (typeof INTERVALS)[number]);
}

/** Largest magnitude an INTEGER interval holds; longer ones are clamped to it (see intervalColumnsSql). */
export const INTEGER_SECONDS_LIMIT = 2 ** 31 - 1;

/**
 * Every interval as a column. When every time stamp is a whole second (as CAD exports write them) the
 * values are INTEGER seconds, half the memory of DOUBLE and quicker to group; beyond about 68 years
 * (negative or positive) they are clamped to INTEGER_SECONDS_LIMIT, which only ever lands in the negative
 * or implausible counts (max_interval_s is kept below it). Otherwise DOUBLE seconds.
 */
export function intervalColumnsSql(wholeSeconds = false): string {
  return ANALYSIS_INTERVALS.map((i) =>
    wholeSeconds
      ? // least and greatest skip NULLs, so a missing end is tested first.
        `CAST(CASE WHEN ${i.to}_at IS NOT NULL AND ${i.from}_at IS NOT NULL THEN least(greatest(
          (epoch_ms(${i.to}_at) - epoch_ms(${i.from}_at)) // 1000, -${INTEGER_SECONDS_LIMIT}), ${INTEGER_SECONDS_LIMIT})
          END AS INTEGER) AS ${ivColumn(i.name)}`
      : `${secondsSql(i)}::DOUBLE AS ${ivColumn(i.name)}`,
  ).join(', ');
}

/** 'missing' | 'negative' | 'implausible' | NULL (valid) for a seconds expression; `max_interval_s` is a column. */
export function statusSql(seconds: string): string {
  return `CASE WHEN ${seconds} IS NULL THEN 'missing' WHEN ${seconds} < 0 THEN 'negative'
    WHEN ${seconds} > max_interval_s THEN 'implausible' END`;
}

/** The same judgement as a small integer: 0 valid, 1 missing, 2 negative, 3 implausible. */
export function statusCodeSql(seconds: string): string {
  return `CASE WHEN ${seconds} IS NULL THEN 1 WHEN ${seconds} < 0 THEN 2 WHEN ${seconds} > max_interval_s THEN 3 ELSE 0 END`;
}

/** The seconds expression when valid, else NULL. */
export function validSql(seconds: string): string {
  return `CASE WHEN ${seconds} >= 0 AND ${seconds} <= max_interval_s THEN ${seconds} END`;
}

export interface IntervalQuality {
  /** Values used. */
  valid: number;
  missing: number;
  negative: number;
  implausible: number;
}

/** The four counts as SQL aggregates over `seconds`, named `<prefix>valid` etc. */
export function qualityAggregatesSql(seconds: string, prefix = ''): string {
  return [
    `count(*) FILTER (WHERE ${seconds} >= 0 AND ${seconds} <= max_interval_s) AS ${prefix}valid`,
    `count(*) FILTER (WHERE ${seconds} IS NULL) AS ${prefix}missing`,
    `count(*) FILTER (WHERE ${seconds} < 0) AS ${prefix}negative`,
    `count(*) FILTER (WHERE ${seconds} > max_interval_s) AS ${prefix}implausible`,
  ].join(', ');
}
