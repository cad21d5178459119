/**
 * What every metric returns: typed rows plus the definition they were computed by (period, denominator,
 * data-quality counts), so a figure is never shown without what it means and what it left out.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../store/duckdb.js';
import type { Denominator, Period } from './context.js';
import { DENOMINATORS } from './context.js';
import { noNoise } from '../util/float-noise.js';

export type ColumnType = 'VARCHAR' | 'DOUBLE' | 'INTEGER' | 'BOOLEAN';

export interface Definition {
  metric: string;
  /** Section of docs/metrics.md that defines it. */
  doc: string;
  period: Period;
  denominator?: { name: Denominator; label: string };
  /** Parameters that change the figures (target, service goal, minimum count...). */
  parameters?: Record<string, string | number | boolean | null>;
  /** Data-quality counts: calls or values left out, and why. */
  quality: Record<string, number>;
}

export interface TableResult<R extends object = Record<string, unknown>> {
  /** Name of the result table (store/analysis/<table>.parquet). */
  table: string;
  columns: Record<keyof R & string, ColumnType>;
  rows: R[];
  definition: Definition;
}

export function denominatorOf(name: Denominator): { name: Denominator; label: string } {
  return { name, label: DENOMINATORS[name].label };
}

/** Rows of a query; numbers must be cast to DOUBLE or INTEGER in SQL so they arrive as JS numbers. */
export function rowsOf<T>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  return queryRows<T>(conn, sql);
}

export const ratio = (n: number, d: number): number | null => (d > 0 ? n / d : null);

/** A period with its years and weeks, fractions, rounded as every figure of the tables is. */
export function roundedPeriod(p: Period): Period {
  return { ...p, years: noNoise(p.years), weeks: noNoise(p.weeks) };
}

/**
 * The table with every DOUBLE value rounded to 15 significant digits, the most a double holds exactly:
 * arithmetic's last-bit noise (a mean of whole minutes printed 34.99999999999999, a seasonal index of
 * exactly 0.8 as 0.7999999999999999) goes, and nothing a figure means is lost.
 */
export function withoutFloatNoise<R extends object>(t: TableResult<R>): TableResult<R> {
  const doubles = Object.entries(t.columns)
    .filter(([, type]) => type === 'DOUBLE')
    .map(([c]) => c);
  const rows = t.rows.map((r) => {
    const out = { ...r } as Record<string, unknown>;
    for (const c of doubles) {
      const v = out[c];
      if (typeof v === 'number') out[c] = noNoise(v);
    }
    return out as R;
  });
  return { ...t, rows, definition: { ...t.definition, period: roundedPeriod(t.definition.period) } };
}
