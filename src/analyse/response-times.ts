/**
 * Response times (docs/metrics.md, "Response times"): for each CAD interval, the median and 90th
 * percentile over the calls where it is valid, overall and by priority, responder, area and hour of day,
 * with the counts of missing, negative and implausible values left out beside every figure.
 *
 * Quantiles are DuckDB's exact `quantile_cont`: type 7, linear interpolation between the closest ranks, as
 * R and NumPy compute by default.
 */
import {
  ANALYSIS_INTERVALS,
  ivColumn,
  qualityAggregatesSql,
  validSql,
  type AnalysisIntervalName,
} from './quality.js';
import type { AnalysisContext } from './context.js';
import { ident, literal } from '../util/sql.js';
import { rowsOf, type TableResult } from './result.js';

export interface ResponseTimeRow {
  interval: AnalysisIntervalName;
  /** 'all', 'priority', 'responder', 'hour' or an area column ('precinct'...). */
  group_by: string;
  /** The group's value ('all' for the overall row, '(none)' when the call has no value). */
  group_value: string;
  calls: number;
  valid: number;
  missing: number;
  negative: number;
  implausible: number;
  median_s: number | null;
  p90_s: number | null;
  mean_s: number | null;
}

export interface ResponseTimeOptions {
  /** Intervals to report; all by default. */
  intervals?: AnalysisIntervalName[];
  /** Area column to break down by; the context's first area by default (none when it has none). */
  area?: string | null;
}

export async function responseTimes(
  ctx: AnalysisContext,
  options: ResponseTimeOptions = {},
): Promise<TableResult<ResponseTimeRow>> {
  const intervals = ANALYSIS_INTERVALS.filter(
    (i) => !options.intervals || options.intervals.includes(i.name),
  );
  const area = options.area === undefined ? (ctx.areas[0] ?? null) : options.area;
  const dims: { name: string; expr: string }[] = [
    { name: 'priority', expr: 'priority' },
    { name: 'responder', expr: 'responder' },
    { name: 'hour', expr: `lpad(CAST(hour AS VARCHAR), 2, '0')` },
    ...(area ? [{ name: area, expr: ident(area) }] : []),
  ];
  const dimCols = dims.map((d, i) => `coalesce(CAST(${d.expr} AS VARCHAR), '(none)') AS d${i}`).join(', ');
  const sets = ['()', ...dims.map((_, i) => `(d${i})`)].join(', ');
  // GROUPING(d0..dn) is a bit mask, highest bit first; a set with only d_i leaves every other bit set.
  const full = (1 << dims.length) - 1;
  const groupBy = `CASE GROUPING(${dims.map((_, i) => `d${i}`).join(', ')}) WHEN ${full} THEN 'all' ${dims
    .map((d, i) => `WHEN ${full ^ (1 << (dims.length - 1 - i))} THEN ${literal(d.name)}`)
    .join(' ')} END`;
  const groupValue = `coalesce(${dims.map((_, i) => `CASE WHEN GROUPING(d${i}) = 0 THEN d${i} END`).join(', ')}, 'all')`;

  // One query per interval: DuckDB's exact quantile keeps every value of a group, so taking the intervals
  // one at a time bounds memory at (grouping sets x calls) values.
  const rows: ResponseTimeRow[] = [];
  for (const i of intervals) {
    const s = ivColumn(i.name);
    const got = await rowsOf<
      Omit<ResponseTimeRow, 'interval' | 'median_s' | 'p90_s'> & { q: (number | null)[] | null }
    >(
      ctx.conn,
      `SELECT ${groupBy} AS group_by, ${groupValue} AS group_value, count(*)::DOUBLE AS calls,
         ${qualityAggregatesSql('s')},
         quantile_cont(v, [0.5, 0.9]) AS q, avg(v)::DOUBLE AS mean_s
       FROM (SELECT ${dimCols}, ${s} AS s, max_interval_s, ${validSql(s)} AS v FROM ${ctx.relation})
       GROUP BY GROUPING SETS (${sets})
       ORDER BY group_by, group_value`,
    );
    for (const { q, ...r } of got)
      rows.push({
        interval: i.name,
        ...r,
        valid: Number(r.valid),
        missing: Number(r.missing),
        negative: Number(r.negative),
        implausible: Number(r.implausible),
        median_s: q?.[0] ?? null,
        p90_s: q?.[1] ?? null,
      });
  }
  const overall = rows.filter((r) => r.group_by === 'all');
  return {
    table: 'response_times',
    columns: {
      interval: 'VARCHAR',
      group_by: 'VARCHAR',
      group_value: 'VARCHAR',
      calls: 'DOUBLE',
      valid: 'DOUBLE',
      missing: 'DOUBLE',
      negative: 'DOUBLE',
      implausible: 'DOUBLE',
      median_s: 'DOUBLE',
      p90_s: 'DOUBLE',
      mean_s: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'response_times',
      doc: 'docs/metrics.md#response-times',
      period: ctx.period,
      parameters: { area, quantiles: 'type 7 (linear interpolation between closest ranks)' },
      quality: Object.fromEntries(
        overall.flatMap((r) => [
          [`${r.interval}_missing`, r.missing],
          [`${r.interval}_negative`, r.negative],
          [`${r.interval}_implausible`, r.implausible],
        ]),
      ),
    },
  };
}
