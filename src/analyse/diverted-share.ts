/**
 * Diverted share (docs/metrics.md, "Diverted share"): calls handled by each non-police responder over all
 * calls of a named population, per month and over the whole period, under every denominator at once.
 * One scan groups calls by month, responder and origin class; the shares are arithmetic on that cube.
 */
import {
  DENOMINATORS,
  DENOMINATOR_NAMES,
  isDiverted,
  monthLabelSql,
  type AnalysisContext,
  type Denominator,
} from './context.js';
import { counted } from './counted.js';
import { monthsBetween } from './period-check.js';
import { ratio, rowsOf, type TableResult } from './result.js';

export interface DivertedShareRow {
  denominator: Denominator;
  /** 'all' (the whole period) or a month 'YYYY-MM' (local time). */
  period: string;
  /** A store responder value, or 'all_diverted' (every responder but police and unknown). */
  responder: string;
  diverted: boolean;
  calls: number;
  denominator_calls: number;
  share: number | null;
}

/** How each origin value counts towards each denominator. */
export function originClassSql(): string {
  return `CASE WHEN origin = '911' THEN '911' WHEN origin = 'officer_initiated' THEN 'officer_initiated' ELSE 'other' END`;
}

export function inDenominator(d: Denominator, originClass: string): boolean {
  if (d === 'calls_911') return originClass === '911';
  if (d === 'cfs_excl_officer_initiated') return originClass !== 'officer_initiated';
  return true;
}

export async function divertedShare(ctx: AnalysisContext): Promise<TableResult<DivertedShareRow>> {
  const cube = await rowsOf<{ month: string; responder: string; oc: string; n: number }>(
    ctx.conn,
    `SELECT ${monthLabelSql('month_index')} AS month, responder, ${originClassSql()} AS oc, sum(_n)::DOUBLE AS n
     FROM ${await counted(ctx, ['month_index'])} GROUP BY ALL ORDER BY ALL`,
  );
  // Every month of the period, with calls or not: months without calls were missing, leaving silent gaps
  // in the series (Seattle's sample lacks six of 72) that demand_monthly shows as 0.
  const months = monthsBetween(ctx.period.from, ctx.period.to);
  const responders = [...new Set(cube.map((c) => c.responder))].sort();
  const rows: DivertedShareRow[] = [];
  for (const d of DENOMINATOR_NAMES) {
    for (const period of ['all', ...months]) {
      const inScope = cube.filter((c) => (period === 'all' || c.month === period) && inDenominator(d, c.oc));
      const total = inScope.reduce((a, c) => a + c.n, 0);
      const count = (f: (r: string) => boolean) =>
        inScope.filter((c) => f(c.responder)).reduce((a, c) => a + c.n, 0);
      for (const r of responders) {
        const n = count((x) => x === r);
        rows.push({
          denominator: d,
          period,
          responder: r,
          diverted: isDiverted(r),
          calls: n,
          denominator_calls: total,
          share: ratio(n, total),
        });
      }
      const all = count(isDiverted);
      rows.push({
        denominator: d,
        period,
        responder: 'all_diverted',
        diverted: true,
        calls: all,
        denominator_calls: total,
        share: ratio(all, total),
      });
    }
  }
  const byOrigin = (o: string) => cube.filter((c) => c.oc === o).reduce((a, c) => a + c.n, 0);
  return {
    table: 'diverted_share',
    columns: {
      denominator: 'VARCHAR',
      period: 'VARCHAR',
      responder: 'VARCHAR',
      diverted: 'BOOLEAN',
      calls: 'INTEGER',
      denominator_calls: 'INTEGER',
      share: 'DOUBLE',
    },
    rows,
    definition: {
      metric: 'diverted_share',
      doc: 'docs/metrics.md#diverted-share',
      period: ctx.period,
      parameters: Object.fromEntries(DENOMINATOR_NAMES.map((d) => [d, DENOMINATORS[d].label])),
      quality: {
        calls: cube.reduce((a, c) => a + c.n, 0),
        calls_911: byOrigin('911'),
        officer_initiated: byOrigin('officer_initiated'),
        responder_unknown: cube.filter((c) => c.responder === 'unknown').reduce((a, c) => a + c.n, 0),
        linked_duplicates: ctx.quality.linked_duplicates,
      },
    },
  };
}
