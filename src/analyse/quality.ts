/**
 * Interval quality, shared by every figure that uses a time interval. An interval is judged per call as
 * missing (either end absent), negative (end before start) or implausible (longer than the source
 * profile's `max_interval_hours`), the same three tests ingest counts (docs/time.md). A figure leaves those
 * values out and reports how many it left out, beside the figure.
 */
import {
  INTERVALS,
  intervalMicrosSql,
  intervalSecondsSql,
  intervalStages,
  type IntervalName,
} from '../time/intervals.js';

/** Column of the analysis relation holding an interval in seconds (null when either end is missing). */
export const ivColumn = (name: IntervalName) => `iv_${name}`;

/** Codes the per-call table stores for an interval that is not valid (see codedIntervalColumnsSql). */
export const CODES = { missing: -1, negative: -2, implausible: -3 } as const;

/**
 * Every interval as it is stored per call: the valid value in seconds, or the code of why it is not valid
 * (CODES). A figure needs nothing else (it counts the invalid and uses the valid), and a coded column
 * keeps the statistics of a plain one, so DuckDB can group by it with an array instead of a hash table.
 * When every time stamp is a whole second (as CAD exports write them) the values are INTEGER seconds, half
 * the memory of DOUBLE and quicker to group, else DOUBLE seconds. `max` is the SQL of the call's
 * max_interval_s, which must be below 2^31 for INTEGER.
 */
export function codedIntervalColumnsSql(
  wholeSeconds: boolean,
  max: string,
  receivedIsQueue = 'false',
): string {
  return INTERVALS.map((i) => {
    const at = intervalStages(i, receivedIsQueue);
    const s = wholeSeconds
      ? `(${intervalMicrosSql(i, at)} // 1000000)`
      : `${intervalSecondsSql(i, at)}::DOUBLE`;
    return `CAST(CASE WHEN ${s} IS NULL THEN ${CODES.missing} WHEN ${s} < 0 THEN ${CODES.negative}
      WHEN ${s} > ${max} THEN ${CODES.implausible} ELSE ${s} END AS ${wholeSeconds ? 'INTEGER' : 'DOUBLE'})
      AS ${ivColumn(i.name)}`;
  }).join(', ');
}

/** A coded interval column as the analysis view shows it: NULL when missing, a stand-in when not valid. */
export function decodedSql(coded: string, max: string): string {
  // Only the judgement of an invalid value is ever used, so -1 and max + 1 stand for negative and
  // implausible ones.
  return `CASE WHEN ${coded} >= 0 THEN ${coded}::DOUBLE WHEN ${coded} = ${CODES.negative} THEN -1::DOUBLE
    WHEN ${coded} = ${CODES.implausible} THEN ${max} + 1 END`;
}

/** The valid value of a coded interval column, else NULL. */
export function codedValidSql(coded: string): string {
  return `CASE WHEN ${coded} >= 0 THEN ${coded} END`;
}

/** The four counts (DOUBLE) of a coded interval column as SQL aggregates, each named by `as` (valid, missing...). */
export function codedQualitySql(coded: string, as: (kind: string) => string): string {
  return [
    `count(*) FILTER (WHERE ${coded} >= 0)::DOUBLE AS ${as('valid')}`,
    ...(['missing', 'negative', 'implausible'] as const).map(
      (k) => `count(*) FILTER (WHERE ${coded} = ${CODES[k]})::DOUBLE AS ${as(k)}`,
    ),
  ].join(', ');
}

/** The seconds expression when valid, else NULL. */
export function validSql(seconds: string): string {
  return `CASE WHEN ${seconds} >= 0 AND ${seconds} <= max_interval_s THEN ${seconds} END`;
}
