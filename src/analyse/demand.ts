/**
 * Demand profiles (docs/metrics.md, "Demand profiles"): when and where calls arise. Hour of week by
 * category and by responder eligibility, the monthly series with seasonality and year-over-year change,
 * and calls by area (profile area fields and polygon joins alike).
 */
import {
  alternativeResponders,
  eligibleColumn,
  monthLabelSql,
  PHASES,
  type AnalysisContext,
} from './context.js';
import { combosSql, counted } from './counted.js';
import { periodHoursOfWeek } from './capacity.js';
import { monthsBetween } from './period-check.js';
import { ratio, rowsOf, type TableResult } from './result.js';
import { ident, literal } from '../util/sql.js';

export interface HourOfWeekRow {
  hour_of_week: number;
  dow: number;
  hour: number;
  /** 'all', 'category' or 'eligible' (`<phase>:<responder>`). */
  group_by: string;
  group_value: string;
  calls: number;
  /**
   * Mean calls in this hour of the week: calls / times the hour occurs in the period. Null for an hour the
   * period's clock lacks that has calls all the same, from a source in another zone (tester 189).
   */
  calls_per_hour: number | null;
}

export async function hourOfWeek(ctx: AnalysisContext): Promise<TableResult<HourOfWeekRow>> {
  const alts = alternativeResponders(ctx.responders).map((a) => literal(a.id));
  // One row per call and eligibility label: phase:responder for every alternative responder eligible.
  const eligible = PHASES.map(
    (p) =>
      `list_transform(list_filter(${eligibleColumn(p)}, x -> list_contains([${alts.join(', ')}]::VARCHAR[], x)), x -> ${literal(`${p}:`)} || x)`,
  ).join(', ');
  const raw = await rowsOf<{ hour_of_week: number; group_by: string; group_value: string; calls: number }>(
    ctx.conn,
    `WITH k AS (
       -- The few distinct (category, eligibility) classes, numbered: calls are counted per class and hour.
       SELECT combo_id, dense_rank() OVER (ORDER BY category, eligible_current, eligible_near_term,
         eligible_potential) AS kid, category, eligible_current, eligible_near_term, eligible_potential
       FROM ${combosSql(ctx)}
     ), c AS (
       SELECT kid, hour_of_week, count(*) AS n
       FROM ${ctx.parts.calls} JOIN (SELECT combo_id, kid FROM k) USING (combo_id) GROUP BY ALL
     ), h AS (
       SELECT CAST(hour_of_week AS INTEGER) AS hour_of_week, coalesce(category, '(unclassified)') AS category,
         list_concat(${eligible}) AS labels, sum(n)::DOUBLE AS n
       FROM c JOIN (SELECT DISTINCT kid, category, eligible_current, eligible_near_term, eligible_potential FROM k)
         USING (kid)
       GROUP BY ALL
     )
     SELECT hour_of_week, 'all' AS group_by, 'all' AS group_value, sum(n)::DOUBLE AS calls FROM h GROUP BY 1
     UNION ALL
     SELECT hour_of_week, 'category', category, sum(n)::DOUBLE FROM h GROUP BY 1, 3
     UNION ALL
     SELECT hour_of_week, 'eligible', label, sum(n)::DOUBLE
     FROM (SELECT hour_of_week, unnest(labels) AS label, n FROM h) GROUP BY 1, 3`,
  );
  const occ = periodHoursOfWeek(ctx);
  // Every hour the period has, for every group: an hour without a call is a row of 0, not a gap.
  const counts = new Map(raw.map((r) => [`${r.group_by}|${r.group_value}|${r.hour_of_week}`, r.calls]));
  const groups = [...new Map(raw.map((r) => [`${r.group_by}|${r.group_value}`, r])).values()];
  const full = groups.flatMap((g) =>
    occ.flatMap((n, h) => {
      const calls = counts.get(`${g.group_by}|${g.group_value}|${h}`);
      return n > 0 || calls !== undefined
        ? [{ hour_of_week: h, group_by: g.group_by, group_value: g.group_value, calls: calls ?? 0 }]
        : [];
    }),
  );
  const rows = full
    .map((r) => ({
      hour_of_week: r.hour_of_week,
      dow: Math.floor(r.hour_of_week / 24) + 1,
      hour: r.hour_of_week % 24,
      group_by: r.group_by,
      group_value: r.group_value,
      calls: r.calls,
      calls_per_hour: occ[r.hour_of_week]! > 0 ? r.calls / occ[r.hour_of_week]! : null,
    }))
    .sort(
      (a, b) =>
        a.group_by.localeCompare(b.group_by, 'en') ||
        a.group_value.localeCompare(b.group_value, 'en') ||
        a.hour_of_week - b.hour_of_week,
    );
  return {
    table: 'demand_hour_of_week',
    columns: {
      hour_of_week: 'INTEGER',
      dow: 'INTEGER',
      hour: 'INTEGER',
      group_by: 'VARCHAR',
      group_value: 'VARCHAR',
      calls: 'INTEGER',
      calls_per_hour: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'demand_hour_of_week',
      doc: 'docs/metrics.md#demand-profiles',
      period: ctx.period,
      parameters: { clock: 'local time of receipt; hour_of_week = (ISO day - 1) x 24 + hour' },
      quality: { calls: ctx.quality.calls_in_period, unclassified: ctx.quality.unclassified },
    },
  };
}

export interface MonthlyRow {
  month: string;
  /** 'all' or a category. */
  category: string;
  calls: number;
  /** Days of this month inside the period (a partial first or last month is scaled, not compared raw). */
  days: number;
  calls_per_day: number;
  /** Calls per day in this calendar month over all years / calls per day over the whole period. */
  seasonal_index: number | null;
  /** Calls per day against the same month a year before, when the period holds it. */
  yoy_change: number | null;
}

function daysInPeriod(month: string, from: string, to: string): number {
  const [y, m] = month.split('-').map(Number);
  const first = Date.UTC(y!, m! - 1, 1);
  const last = Date.UTC(y!, m!, 0);
  const lo = Math.max(first, Date.parse(`${from}T00:00:00Z`));
  const hi = Math.min(last, Date.parse(`${to}T00:00:00Z`));
  return hi < lo ? 0 : Math.round((hi - lo) / 86_400_000) + 1;
}

export async function monthlySeries(ctx: AnalysisContext): Promise<TableResult<MonthlyRow>> {
  const raw = await rowsOf<{ month: string; category: string; calls: number }>(
    ctx.conn,
    `SELECT month, coalesce(category, 'all') AS category, sum(_n)::DOUBLE AS calls
     FROM (SELECT ${monthLabelSql('month_index')} AS month, coalesce(category, '(unclassified)') AS category, _n
       FROM ${await counted(ctx, ['month_index'])})
     GROUP BY GROUPING SETS ((month, category), (month))`,
  );
  const key = (m: string, c: string) => `${m}|${c}`;
  const found = new Map(raw.map((r) => [key(r.month, r.category), r.calls]));
  // Every month of the period for every category: a month without a call is a row of 0, not a gap.
  const months = monthsBetween(ctx.period.from, ctx.period.to);
  const grid = [...new Set(raw.map((r) => r.category))].flatMap((category) =>
    months.map((month) => ({ month, category, calls: found.get(key(month, category)) ?? 0 })),
  );
  const byKey = new Map(grid.map((r) => [key(r.month, r.category), r]));
  // Sums each row needs, made in one pass over the grid: a category's calls, and its calls in each
  // calendar month over all years.
  const ofCategory = new Map<string, number>();
  const ofCalendarMonth = new Map<string, number>();
  for (const x of grid) {
    ofCategory.set(x.category, (ofCategory.get(x.category) ?? 0) + x.calls);
    const k = key(x.month.slice(5), x.category);
    ofCalendarMonth.set(k, (ofCalendarMonth.get(k) ?? 0) + x.calls);
  }
  // Every day of each calendar month in the period, whether or not it had a call of the category: a
  // month without one lowers the index, it is not left out of it.
  const daysOfCalendarMonth = new Map<string, number>();
  for (const month of months) {
    const m = month.slice(5);
    daysOfCalendarMonth.set(
      m,
      (daysOfCalendarMonth.get(m) ?? 0) + daysInPeriod(month, ctx.period.from, ctx.period.to),
    );
  }
  // A month of fewer days in the period than a week has no change from a year before: the mix of its days
  // of the week is the change (tester 271: February 2025 against 29 February 2024 alone, -19%).
  const YOY_DAYS = 7;
  // A month without a single call of any kind is a month the exports do not cover (a --to past the last
  // export), not a fall of 100%: tester 294's 2024 months read -1 in every category.
  const withCalls = new Set(grid.filter((r) => r.calls > 0).map((r) => r.month));
  const rows: MonthlyRow[] = grid.map((r) => {
    const days = daysInPeriod(r.month, ctx.period.from, ctx.period.to);
    const perDay = days > 0 ? r.calls / days : 0;
    const [y, m] = r.month.split('-');
    const prevMonth = `${Number(y) - 1}-${m}`;
    const prev = byKey.get(key(prevMonth, r.category));
    const prevDays = daysInPeriod(prevMonth, ctx.period.from, ctx.period.to);
    const sameDays = daysOfCalendarMonth.get(m!) ?? 0;
    const overall = (ofCategory.get(r.category) ?? 0) / ctx.period.days;
    return {
      month: r.month,
      category: r.category,
      calls: r.calls,
      days,
      calls_per_day: perDay,
      seasonal_index:
        overall > 0 && sameDays > 0
          ? (ofCalendarMonth.get(key(m!, r.category)) ?? 0) / sameDays / overall
          : null,
      yoy_change:
        prev && days >= YOY_DAYS && prevDays >= YOY_DAYS && prev.calls > 0 && withCalls.has(r.month)
          ? perDay / (prev.calls / prevDays) - 1
          : null,
    };
  });
  rows.sort((a, b) => a.category.localeCompare(b.category, 'en') || a.month.localeCompare(b.month, 'en'));
  return {
    table: 'demand_monthly',
    columns: {
      month: 'VARCHAR',
      category: 'VARCHAR',
      calls: 'INTEGER',
      days: 'INTEGER',
      calls_per_day: 'DOUBLE',
      seasonal_index: 'DOUBLE',
      yoy_change: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'demand_monthly',
      doc: 'docs/metrics.md#demand-profiles',
      period: ctx.period,
      quality: { calls: ctx.quality.calls_in_period, unclassified: ctx.quality.unclassified },
    },
  };
}

export interface AreaDemandRow {
  /** The area column: a profile field (precinct...) or a polygon layer's name. */
  area_field: string;
  /** The area, or '(none)' for calls without one (no value, no point, or a point on no polygon). */
  area: string;
  /** 'all' or a category. */
  category: string;
  calls: number;
  calls_per_year: number;
  /** Share of the area's calls (category rows) or of all calls (the 'all' row). */
  share: number | null;
}

export async function areaDemand(ctx: AnalysisContext): Promise<TableResult<AreaDemandRow>> {
  const rows: AreaDemandRow[] = [];
  for (const field of ctx.areas) {
    const got = await rowsOf<{ area: string; category: string; calls: number }>(
      ctx.conn,
      `SELECT area, coalesce(category, 'all') AS category, count(*)::DOUBLE AS calls
       FROM (SELECT coalesce(CAST(${ident(field)} AS VARCHAR), '(none)') AS area,
         coalesce(category, '(unclassified)') AS category FROM ${ctx.relation})
       GROUP BY GROUPING SETS ((area, category), (area))`,
    );
    const totals = new Map(got.filter((r) => r.category === 'all').map((r) => [r.area, r.calls]));
    const all = [...totals.values()].reduce((a, n) => a + n, 0);
    for (const r of got)
      rows.push({
        area_field: field,
        area: r.area,
        category: r.category,
        calls: r.calls,
        calls_per_year: r.calls / ctx.period.years,
        share: r.category === 'all' ? ratio(r.calls, all) : ratio(r.calls, totals.get(r.area) ?? 0),
      });
  }
  rows.sort(
    (a, b) =>
      a.area_field.localeCompare(b.area_field, 'en') ||
      a.area.localeCompare(b.area, 'en') ||
      (a.category === 'all' ? -1 : b.category === 'all' ? 1 : b.calls - a.calls) ||
      a.category.localeCompare(b.category, 'en'),
  );
  return {
    table: 'demand_by_area',
    columns: {
      area_field: 'VARCHAR',
      area: 'VARCHAR',
      category: 'VARCHAR',
      calls: 'INTEGER',
      calls_per_year: 'DOUBLE',
      share: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'demand_by_area',
      doc: 'docs/metrics.md#demand-profiles',
      period: ctx.period,
      parameters: { area_fields: ctx.areas.join(', ') },
      quality: { calls: ctx.quality.calls_in_period },
    },
  };
}
