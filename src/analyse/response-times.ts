/**
 * Response times (docs/metrics.md, "Response times"): for each CAD interval, the median and 90th
 * percentile over the calls where it is valid, overall and by priority, responder, area and hour of day,
 * with the counts of missing, negative and implausible values left out beside every figure.
 *
 * Quantiles are exact, type 7 (linear interpolation between the closest ranks, as R, NumPy and DuckDB's
 * `quantile_cont` compute by default), read off exact counts per value (see intervalSql).
 */
import {
  ANALYSIS_INTERVALS,
  ivColumn,
  statusCodeSql,
  validSql,
  type AnalysisIntervalName,
} from './quality.js';
import type { AnalysisContext } from './context.js';
import { literal } from '../util/sql.js';
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

/** Quantiles reported, with the column each goes to. */
const QUANTILES = [
  { p: 0.5, column: 'median_s' },
  { p: 0.9, column: 'p90_s' },
] as const;

/**
 * The SQL of one interval's rows. Exact quantiles without holding every value per group: the calls are
 * counted per (key, status, value) in one pass (the key being the call's priority, responder, hour or area, all
 * small integers), the counts are rolled up to priority, responder, area and hour through the small
 * tables, and each quantile is read off the cumulative counts: the value at 0-based rank r is the
 * smallest value whose cumulative count exceeds r. Type 7 then interpolates between ranks floor(h) and
 * ceil(h), h = (n - 1) p, as `quantile_cont` does.
 */
function intervalSql(ctx: AnalysisContext, interval: AnalysisIntervalName, area: string | null): string {
  const { calls, combos, places, placeColumn } = ctx.parts;
  const areaCol = area === null ? null : placeColumn[area];
  if (area !== null && !areaCol) throw new Error(`response times: ${area} is not an area of the analysis`);
  // The first area has a small number per call; another one is reached through the call's place.
  const areaKey = area === ctx.areas[0] ? 'area_id' : 'place_id';
  const s = ivColumn(interval);
  const label = (key: string, table: string, value: string) =>
    `(SELECT DISTINCT ${key} AS k, coalesce(CAST(${value} AS VARCHAR), '(none)') AS gv FROM ${table})`;
  const cells = [
    `SELECT 'all' AS group_by, 'all' AS group_value, st, v, sum(c) AS c FROM h WHERE hr IS NOT NULL GROUP BY ALL`,
    `SELECT 'priority', gv, st, v, sum(c) FROM h JOIN ${label('priority_id', combos, 'priority')} ON k = pid GROUP BY ALL`,
    `SELECT 'responder', gv, st, v, sum(c) FROM h JOIN ${label('responder_id', combos, '_responder')} ON k = rid GROUP BY ALL`,
    `SELECT 'hour', lpad(CAST(hr AS VARCHAR), 2, '0'), st, v, c FROM h WHERE hr IS NOT NULL`,
    ...(areaCol
      ? [
          `SELECT ${literal(area!)}, gv, st, v, sum(c) FROM h JOIN ${label(areaKey === 'area_id' ? '_area_id' : 'place_id', places, `${areaCol}`)} ON k = aid GROUP BY ALL`,
        ]
      : []),
  ];
  const rank = (p: number, f: 'floor' | 'ceil') => `${f}((valid - 1) * ${p}::DOUBLE)`;
  return `
    WITH h AS (
      SELECT pid, rid, hr, ${areaCol ? 'aid' : 'NULL::INTEGER AS aid'}, st, v, count(*)::DOUBLE AS c
      FROM (
        SELECT priority_id AS pid, responder_id AS rid, (hour_of_week % 24)::INTEGER AS hr, ${areaKey} AS aid,
          ${statusCodeSql(s)} AS st, ${validSql(s)} AS v
        FROM ${calls})
      GROUP BY GROUPING SETS ((pid, st, v), (rid, st, v), (hr, st, v)${areaCol ? ', (aid, st, v)' : ''})
    ),
    cells AS (${cells.join('\n      UNION ALL ')}),
    stats AS (
      SELECT group_by, group_value, sum(c) AS calls,
        coalesce(sum(c) FILTER (WHERE st = 0), 0) AS valid, coalesce(sum(c) FILTER (WHERE st = 1), 0) AS missing,
        coalesce(sum(c) FILTER (WHERE st = 2), 0) AS negative, coalesce(sum(c) FILTER (WHERE st = 3), 0) AS implausible,
        sum(v * c) FILTER (WHERE st = 0) / sum(c) FILTER (WHERE st = 0) AS mean_s
      FROM cells GROUP BY 1, 2
    ),
    ranked AS (
      SELECT group_by, group_value, v, sum(c) OVER (
        PARTITION BY group_by, group_value ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto
      FROM cells WHERE st = 0
    ),
    q AS (
      SELECT group_by, group_value,
        ${QUANTILES.map(
          ({ p }, i) => `min(v) FILTER (WHERE upto > ${rank(p, 'floor')}) AS lo${i},
        min(v) FILTER (WHERE upto > ${rank(p, 'ceil')}) AS hi${i}`,
        ).join(',\n        ')}
      FROM ranked JOIN stats USING (group_by, group_value) GROUP BY 1, 2
    )
    SELECT group_by, group_value, calls, valid, missing, negative, implausible,
      ${QUANTILES.map(
        ({ p, column }, i) =>
          `lo${i} + ((valid - 1) * ${p}::DOUBLE - ${rank(p, 'floor')}) * (hi${i} - lo${i}) AS ${column}`,
      ).join(', ')},
      mean_s
    FROM stats LEFT JOIN q USING (group_by, group_value)
    ORDER BY group_by, group_value`;
}

export async function responseTimes(
  ctx: AnalysisContext,
  options: ResponseTimeOptions = {},
): Promise<TableResult<ResponseTimeRow>> {
  const intervals = ANALYSIS_INTERVALS.filter(
    (i) => !options.intervals || options.intervals.includes(i.name),
  );
  const area = options.area === undefined ? (ctx.areas[0] ?? null) : options.area;
  const rows: ResponseTimeRow[] = [];
  for (const i of intervals) {
    const got = await rowsOf<Omit<ResponseTimeRow, 'interval'>>(ctx.conn, intervalSql(ctx, i.name, area));
    for (const r of got) rows.push({ interval: i.name, ...r });
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
