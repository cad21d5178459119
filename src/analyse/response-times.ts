/**
 * Response times (docs/metrics.md, "Response times"): for each CAD interval, the median and 90th
 * percentile over the calls where it is valid, overall and by priority, responder, area and hour of day,
 * with the counts of missing, negative and implausible values left out beside every figure. The calls are
 * the denominator's: by default officer-initiated calls are left out, since an officer who starts a call
 * is there when it starts, and their zero-minute "responses" would pull every median down (a quarter of
 * Minneapolis' priority-4 calls).
 *
 * Quantiles are exact, type 7 (linear interpolation between the closest ranks, as R, NumPy and DuckDB's
 * `quantile_cont` compute by default), read off exact counts per value (see intervalSql).
 */
import { ivColumn, CODES } from './quality.js';
import { INTERVALS, type IntervalName } from '../time/intervals.js';
import { DEFAULT_DENOMINATOR, DENOMINATORS, type AnalysisContext, type Denominator } from './context.js';
import { literal } from '../util/sql.js';
import { rowsOf, type TableResult } from './result.js';

export interface ResponseTimeRow {
  interval: IntervalName;
  /** 'all', 'priority', 'responder', 'hour' or an area column ('precinct'...). */
  group_by: string;
  /** The group's value ('all' for the overall row, '(none)' when the call has no value). */
  group_value: string;
  calls: number;
  valid: number;
  missing: number;
  negative: number;
  implausible: number;
  /**
   * Calls of a responder that sends no unit (NO_UNIT_RESPONDERS), for an interval that ends or starts at
   * the arrival (NO_UNIT_INTERVALS); 0 for the others. Neither valid nor missing: the interval does not
   * apply. calls = valid + missing + negative + implausible + no_unit_sent.
   */
  no_unit_sent: number;
  median_s: number | null;
  p90_s: number | null;
  mean_s: number | null;
}

/**
 * Whether no call of the period has any unit time, valid or not (queued, assigned, en route, arrived,
 * cleared): the export records none (Burlington's has no such column), or its profile maps none. Then
 * there is no response time because there is nothing to measure, not because calls went unanswered.
 *
 * Calls of a responder that sends no unit (no_unit_sent) do not count: a telephone report's "arrival" is
 * a report-taker's time, not a unit's (tester 384), and no_unit_sent counts such calls whether or not they
 * have a time at all, so counting it would tell an export with no unit time column (Burlington's) that it
 * has one as soon as one call went to 311. A store whose only arrivals are reports' has no unit time to
 * measure through an arrival; its reports' queue or assignment times, which it does record, still count
 * through queue, dispatch and committed, as response_times keeps them.
 */
export function recordsNoUnitTime(rows: readonly ResponseTimeRow[]): boolean {
  const unitStages = ['queue', 'dispatch', 'travel', 'response', 'on_scene', 'committed'];
  return rows
    .filter((r) => r.group_by === 'all' && unitStages.includes(r.interval))
    .every((r) => r.valid + r.negative + r.implausible === 0);
}

/**
 * Responders that send no unit (the taxonomy's 311 / online / telephone report): a call they handle has no
 * arrival on scene, whatever its export puts in the arrival column. Seattle's call data gives its
 * Telephone Reporting Unit's calls (`TRU - ...`) an `Arrived Time`, when the report was taken by phone, and
 * those 16 "responses" went into the headline median (tester 384).
 */
export const NO_UNIT_RESPONDERS = ['online_311'] as const;

/**
 * The intervals that end or start at the arrival, which a call with no unit sent does not have: travel,
 * response, on scene. Call-taking, queue and dispatch end before it (a report-taker's queue is still a
 * queue); total (pickup to closed) and committed (assigned to cleared) do not run through it, and are the
 * time the call was held, by a unit or a report-taker.
 */
export const NO_UNIT_INTERVALS: readonly IntervalName[] = ['travel', 'response', 'on_scene'];

/** Code of a call that sends no unit, beside quality.ts's CODES (only here: the interval does not apply). */
const NO_UNIT_CODE = -4;

export interface ResponseTimeOptions {
  /** Intervals to report; all by default. */
  intervals?: IntervalName[];
  /** Area column to break down by; the context's first area by default (none when it has none). */
  area?: string | null;
  /** The calls timed: the denominator's (cfs_excl_officer_initiated by default). */
  denominator?: Denominator;
}

/** Quantiles reported, with the column each goes to. */
const QUANTILES = [
  { p: 0.5, column: 'median_s' },
  { p: 0.9, column: 'p90_s' },
] as const;

/**
 * The SQL of one interval's rows. Exact quantiles without holding every value per group: the calls are
 * counted per (key, coded value) with one plain GROUP BY per breakdown, the key being the call's priority,
 * responder, hour or area number (small integers stored per call; the coded value carries why an invalid
 * value is left out, quality.ts); "all" is the sum over hours. Each quantile is read off the cumulative
 * counts of the valid values: the value at 0-based rank r is the smallest whose cumulative count exceeds
 * r, and type 7 interpolates between ranks floor(h) and ceil(h), h = (n - 1) p, as lo + d (hi - lo) in
 * DECIMAL, then rounded once to DOUBLE (`quantile_cont`, which computes lo (1 - d) + hi d in DOUBLE, can
 * differ in the last place).
 */
function intervalSql(
  ctx: AnalysisContext,
  interval: IntervalName,
  area: string | null,
  timed: string,
  noUnitIds: readonly number[],
): string {
  const { combos, places, areaColumns } = ctx.parts;
  const calls = timed === 'true' ? ctx.parts.calls : `(SELECT * FROM ${ctx.parts.calls} WHERE ${timed})`;
  const areaCol = area === null ? null : areaColumns[area];
  if (area !== null && !areaCol) throw new Error(`response times: ${area} is not an area of the analysis`);
  const s = ivColumn(interval);
  // Breakdowns are numbered: 0 all, 1 priority, 2 responder, 3 hour, 4 area; `key` is the group's number
  // within its breakdown, and the labels are joined to the few result rows at the end.
  const labels = [
    `SELECT 0 AS g, 0 AS key, 'all' AS group_by, 'all' AS group_value`,
    `SELECT DISTINCT 1, priority_id, 'priority', coalesce(CAST(priority AS VARCHAR), '(none)') FROM ${combos}`,
    `SELECT DISTINCT 2, responder_id, 'responder', coalesce(_responder, '(none)') FROM ${combos}`,
    `SELECT 3, CAST(range AS INTEGER), 'hour', lpad(CAST(range AS VARCHAR), 2, '0') FROM range(24)`,
    ...(areaCol
      ? [
          `SELECT DISTINCT 4, ${areaCol.rank}, ${literal(area!)}, coalesce(CAST(${areaCol.value} AS VARCHAR), '(none)') FROM ${places}`,
        ]
      : []),
  ];
  // In DECIMAL, so that h = (n - 1) p and the interpolation are exact: in DOUBLE, p = 0.9 is not, and a
  // 90th percentile of 6162 s came out as 6161.999999999989. Values are whole microseconds (quality.ts).
  const h = (p: number) => `(CAST(valid AS BIGINT) - 1) * ${p}::DECIMAL(4, 3)`;
  const rank = (p: number, f: 'floor' | 'ceil') => `${f}(${h(p)})`;
  // The mean's sum too, of fractional seconds: a sum of DOUBLEs drifted into the 15th digit (tester 181).
  // Whole seconds times a count are whole numbers, summed exactly in a DOUBLE (below 2^53), and faster.
  const dec = (v: string) => `CAST(${v} AS DECIMAL(38, 6))`;
  // One plain GROUP BY per breakdown on the stored columns (not GROUPING SETS, not expressions): with
  // their value ranges known, DuckDB counts into an array instead of a hash table.
  // For an interval through the arrival, a call of a responder that sends no unit is counted apart under
  // its own code, whatever value it has (tester 384): a filter on the stored responder number, so that
  // the grouping stays on stored columns, and on the numbers themselves, looked up once (a subquery here
  // cost about 2 s of 23 over ten million calls); none in the store, no second scan.
  const noUnit =
    NO_UNIT_INTERVALS.includes(interval) && noUnitIds.length > 0
      ? `responder_id IN (${noUnitIds.join(', ')})`
      : null;
  const count = (g: number, key: string, from = calls) =>
    noUnit === null
      ? `SELECT ${g} AS g, ${key} AS key, ${s} AS v, count(*)::DOUBLE AS c FROM ${from} GROUP BY ${key}, ${s}`
      : `SELECT ${g} AS g, ${key} AS key, ${s} AS v, count(*)::DOUBLE AS c FROM ${from} WHERE NOT (${noUnit}) GROUP BY ${key}, ${s}
      UNION ALL SELECT ${g}, ${key}, ${NO_UNIT_CODE}, count(*)::DOUBLE FROM ${from} WHERE ${noUnit} GROUP BY ${key}`;
  // The first area's number is stored per call (area_id); another area's is reached through the place.
  const byArea = !areaCol
    ? []
    : area === ctx.areas[0]
      ? [count(4, 'area_id')]
      : [
          count(
            4,
            'aid',
            `${calls} JOIN (SELECT place_id, ${areaCol.rank} AS aid FROM ${places}) USING (place_id)`,
          ),
        ];
  const counts = [count(1, 'priority_id'), count(2, 'responder_id'), count(3, 'hour'), ...byArea];
  return `
    WITH h AS (${counts.join('\n      UNION ALL ')}),
    cells AS (
      SELECT g, CAST(key AS INTEGER) AS key, v, c FROM h
      UNION ALL SELECT 0, 0, v, sum(c) FROM h WHERE g = 3 GROUP BY v
    ),
    stats AS (
      SELECT g, key, sum(c) AS calls, coalesce(sum(c) FILTER (WHERE v >= 0), 0) AS valid,
        coalesce(sum(c) FILTER (WHERE v = ${CODES.missing}), 0) AS missing,
        coalesce(sum(c) FILTER (WHERE v = ${CODES.negative}), 0) AS negative,
        coalesce(sum(c) FILTER (WHERE v = ${CODES.implausible}), 0) AS implausible,
        coalesce(sum(c) FILTER (WHERE v = ${NO_UNIT_CODE}), 0) AS no_unit_sent,
        ${ctx.parts.wholeSeconds ? 'sum(v * c) FILTER (WHERE v >= 0)' : `CAST(sum(${dec('v')} * CAST(c AS BIGINT)) FILTER (WHERE v >= 0) AS DOUBLE)`} / sum(c) FILTER (WHERE v >= 0) AS mean_s
      FROM cells GROUP BY 1, 2
    ),
    ranked AS (
      SELECT g, key, v, sum(c) OVER (PARTITION BY g, key ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS upto
      FROM cells WHERE v >= 0
    ),
    q AS (
      SELECT g, key,
        ${QUANTILES.map(
          ({ p }, i) => `min(v) FILTER (WHERE upto > ${rank(p, 'floor')}) AS lo${i},
        min(v) FILTER (WHERE upto > ${rank(p, 'ceil')}) AS hi${i}`,
        ).join(',\n        ')}
      FROM ranked JOIN stats USING (g, key) GROUP BY 1, 2
    )
    SELECT group_by, group_value, calls, valid, missing, negative, implausible, no_unit_sent,
      ${QUANTILES.map(
        ({ p, column }, i) =>
          `CAST(${dec(`lo${i}`)} + (${h(p)} - ${rank(p, 'floor')}) * (${dec(`hi${i}`)} - ${dec(`lo${i}`)}) AS DOUBLE) AS ${column}`,
      ).join(', ')},
      mean_s
    FROM stats JOIN (${labels.join(' UNION ALL ')}) USING (g, key) LEFT JOIN q USING (g, key)
    ORDER BY group_by, group_value`;
}

/**
 * SQL over the per-call table: whether a call is of the denominator. Origin is a column of the call's
 * combination, and the combinations are numbered in the order the denominators nest (ORIGIN_ORDER_SQL), so
 * a comparison of the number does; a semi-join on the combinations in it cost a second and a half more
 * over ten million calls. Checked on the combinations, not assumed.
 */
async function timedCalls(ctx: AnalysisContext, denominator: Denominator): Promise<string> {
  const where = DENOMINATORS[denominator].where;
  if (where === 'true') return 'true';
  const [r] = await rowsOf<{ upto: number | null; outside: number }>(
    ctx.conn,
    `SELECT max(combo_id) FILTER (WHERE ${where}) AS upto,
       count(*) FILTER (WHERE combo_id <= coalesce((SELECT max(combo_id) FROM ${ctx.parts.combos} WHERE ${where}), 0)
         AND NOT coalesce(${where}, false))::DOUBLE AS outside
     FROM ${ctx.parts.combos}`,
  );
  if (r!.outside > 0) return `combo_id IN (SELECT combo_id FROM ${ctx.parts.combos} WHERE ${where})`;
  return `combo_id <= ${r!.upto ?? 0}`;
}

export async function responseTimes(
  ctx: AnalysisContext,
  options: ResponseTimeOptions = {},
): Promise<TableResult<ResponseTimeRow>> {
  const intervals = INTERVALS.filter((i) => !options.intervals || options.intervals.includes(i.name));
  const area = options.area === undefined ? (ctx.areas[0] ?? null) : options.area;
  const denominator = options.denominator ?? DEFAULT_DENOMINATOR;
  const timed = await timedCalls(ctx, denominator);
  const noUnitIds = (
    await rowsOf<{ id: number }>(
      ctx.conn,
      `SELECT DISTINCT responder_id AS id FROM ${ctx.parts.combos}
       WHERE _responder IN (${NO_UNIT_RESPONDERS.map(literal).join(', ')}) ORDER BY 1`,
    )
  ).map((r) => Number(r.id));
  const rows: ResponseTimeRow[] = [];
  // Arrays for keys of up to 24 bits (a breakdown's few values times a day of seconds) rather than
  // DuckDB's default of 12: about a third faster at 10M calls, for about 60 MB more peak memory.
  await ctx.conn.run('SET perfect_ht_threshold = 24');
  try {
    for (const i of intervals) {
      const got = await rowsOf<Omit<ResponseTimeRow, 'interval'>>(
        ctx.conn,
        intervalSql(ctx, i.name, area, timed, noUnitIds),
      );
      for (const r of got) rows.push({ interval: i.name, ...r });
    }
  } finally {
    await ctx.conn.run('RESET perfect_ht_threshold');
  }
  const overall = rows.filter((r) => r.group_by === 'all');
  return {
    table: 'response_times',
    columns: {
      interval: 'VARCHAR',
      group_by: 'VARCHAR',
      group_value: 'VARCHAR',
      calls: 'INTEGER',
      valid: 'INTEGER',
      missing: 'INTEGER',
      negative: 'INTEGER',
      implausible: 'INTEGER',
      no_unit_sent: 'INTEGER',
      median_s: 'DOUBLE',
      p90_s: 'DOUBLE',
      mean_s: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'response_times',
      doc: 'docs/metrics.md#response-times',
      period: ctx.period,
      parameters: {
        area,
        denominator,
        quantiles: 'type 7 (linear interpolation between closest ranks)',
        no_unit_sent: `calls of ${NO_UNIT_RESPONDERS.join(', ')} have no ${NO_UNIT_INTERVALS.join(', ')}`,
      },
      quality: Object.fromEntries(
        overall.flatMap((r) => [
          [`${r.interval}_missing`, r.missing],
          [`${r.interval}_negative`, r.negative],
          [`${r.interval}_implausible`, r.implausible],
          ...(NO_UNIT_INTERVALS.includes(r.interval) ? [[`${r.interval}_no_unit_sent`, r.no_unit_sent]] : []),
        ]),
      ),
    },
  };
}
