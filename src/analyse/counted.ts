/**
 * Counting the analysis relation before joining its descriptive columns (docs/metrics.md, "Inputs"):
 * metrics that only count or add read these relations, thousands of rows long, instead of the per-call
 * view, so that lists and strings are evaluated once per combination or place, not once per call.
 */
import { COMBO_COLUMNS, type AnalysisContext } from './context.js';
import { codedQualitySql, codedValidSql, ivColumn } from './quality.js';
import type { IntervalName } from '../time/intervals.js';
import { ident } from '../util/sql.js';

/** The combinations with their columns named as in the relation, and combo_id. */
export function combosSql(ctx: AnalysisContext): string {
  return `(SELECT combo_id, ${COMBO_COLUMNS.join(', ')} FROM ${ctx.parts.combos})`;
}

const countedTables = new WeakMap<AnalysisContext, Map<string, string>>();

/**
 * The analysis relation counted: one row per combination and value of the per-call columns named (of
 * `parts.calls`: month_index, hour_of_week, assigned, arrived), with the combination's columns under the
 * names the relation gives them and `_n`, its number of calls. For each interval named, `_valid_<i>`,
 * `_missing_<i>`, `_negative_<i>`, `_implausible_<i>` count the calls whose value is so (quality.ts) and
 * `_sum_<i>` adds the valid values. A metric that only counts and adds reads this instead of the relation:
 * thousands of rows instead of millions, so its list tests run once per combination, not once per call.
 *
 * The counts are made once per context and kept in a temporary table (several metrics read the same ones:
 * time on task, eligible hours, severity and capacity; eligibility, pathways and the report); the
 * combination's columns are joined on reading, so the table holds numbers only.
 */
export async function counted(
  ctx: AnalysisContext,
  perCall: string[] = [],
  intervals: readonly IntervalName[] = [],
): Promise<string> {
  const made = countedTables.get(ctx) ?? new Map<string, string>();
  countedTables.set(ctx, made);
  const key = JSON.stringify([perCall, intervals]);
  let table = made.get(key);
  if (!table) {
    table = ident(`${ctx.relation.replaceAll('"', '')}_counted_${made.size}`);
    const stats = intervals.map((i) => {
      const s = ivColumn(i);
      return `, ${codedQualitySql(s, (k) => `_${k}_${i}`)}, sum(${codedValidSql(s)})::DOUBLE AS _sum_${i}`;
    });
    await ctx.conn.run(
      `CREATE OR REPLACE TEMP TABLE ${table} AS
       SELECT combo_id${perCall.map((c) => `, ${ident(c)}`).join('')}, count(*)::DOUBLE AS _n${stats.join('')}
       FROM ${ctx.parts.calls} GROUP BY ALL`,
    );
    made.set(key, table);
  }
  return `(SELECT ${COMBO_COLUMNS.map((c) => `d.${c}`).join(', ')}, b.* EXCLUDE (combo_id)
    FROM ${table} b JOIN ${ctx.parts.combos} d USING (combo_id))`;
}

/**
 * The analysis relation counted per place and per value of the expressions given, which read the
 * relation's combination columns (`category`, `responder`, `origin`...): the place's columns under the
 * names the relation gives them (area columns, `lat`, `lon`, `block_address`), each expression under its
 * key, and `_n`, the number of calls. For breakdowns by area or block: the combination's columns are
 * evaluated once per combination and the places joined once per place, not once per call.
 */
export function placeCountedSql(ctx: AnalysisContext, exprs: Record<string, string>): string {
  const keys = Object.keys(exprs).map(ident);
  const flags = `(SELECT combo_id, ${Object.entries(exprs)
    .map(([k, e]) => `${e} AS ${ident(k)}`)
    .join(', ')} FROM ${combosSql(ctx)})`;
  const placeCols = [
    ...Object.entries(ctx.parts.areaColumns).map(([name, col]) => `p.${col.value} AS ${ident(name)}`),
    'p.lat',
    'p.lon',
    'p.block_address',
  ];
  return `(SELECT ${[...placeCols, ...keys.map((k) => `b.${k}`)].join(', ')}, b._n
    FROM (
      SELECT place_id, ${keys.map((k) => `f.${k}`).join(', ')}, count(*)::DOUBLE AS _n
      FROM ${ctx.parts.calls} JOIN ${flags} f USING (combo_id) GROUP BY ALL) b
    JOIN ${ctx.parts.places} p USING (place_id))`;
}
