/**
 * Small-cell suppression for the public report (docs/report.md, "Publishing safely").
 *
 * Primary: a count from 1 to 10 is shown as `<11`. Zero is shown: it is a structural fact of the call-type
 * scheme more often than a fact about a person, and hiding it would make every sparse table unreadable.
 *
 * Secondary (complementary): a column of counts whose cells add up to a total published elsewhere
 * (`additive`) would give a single hidden cell away by subtraction, so when a column has exactly one
 * suppressed cell, the smallest other non-zero cell of that column is suppressed too.
 *
 * Derived values: a share, median or rate whose `basis` count is suppressed, or is itself below the
 * threshold, is suppressed with it, so `<11` can never be recovered from a share times its denominator.
 */

export const THRESHOLD = 11;

/** A cell hidden by suppression. Rendered `<11` in HTML and CSV; charts leave it out. */
export const SUPPRESSED = Object.freeze({ suppressed: true as const });
export type Suppressed = typeof SUPPRESSED;

export type CellValue = string | number | null;
export type Cell = CellValue | Suppressed;

export function isSuppressed(v: unknown): v is Suppressed {
  return v === SUPPRESSED;
}

export const isSmall = (n: unknown): boolean => typeof n === 'number' && n >= 1 && n < THRESHOLD;

export interface SuppressionColumn {
  key: string;
  kind: 'text' | 'count' | 'share' | 'minutes' | 'number';
  /** For a derived value: the count column it was computed from (numerator or number of values). */
  basis?: string;
  /** Extra count columns whose small values also hide this one (a share's denominator). */
  alsoBasis?: string[];
}

export interface SuppressionResult {
  rows: Record<string, Cell>[];
  primary: number;
  secondary: number;
}

/**
 * Suppress a table's rows. `additive` names the count columns whose cells are parts of a published whole
 * (they get complementary suppression); every other count column gets primary suppression only.
 */
export function suppressRows(
  rows: readonly Record<string, CellValue>[],
  columns: readonly SuppressionColumn[],
  additive: readonly string[] = [],
): SuppressionResult {
  const out: Record<string, Cell>[] = rows.map((r) => ({ ...r }));
  let primary = 0;
  let secondary = 0;
  for (const c of columns.filter((c) => c.kind === 'count')) {
    for (const r of out) {
      if (isSmall(r[c.key])) {
        r[c.key] = SUPPRESSED;
        primary++;
      }
    }
    if (additive.includes(c.key)) {
      const hidden = out.filter((r) => isSuppressed(r[c.key]));
      if (hidden.length === 1) {
        let smallest: Record<string, Cell> | undefined;
        for (const r of out) {
          const v = r[c.key];
          if (typeof v === 'number' && v > 0 && (!smallest || v < (smallest[c.key] as number))) smallest = r;
        }
        if (smallest) {
          smallest[c.key] = SUPPRESSED;
          secondary++;
        }
      }
    }
  }
  for (const c of columns.filter((c) => c.kind !== 'count' && (c.basis || c.alsoBasis))) {
    const bases = [c.basis, ...(c.alsoBasis ?? [])].filter((b): b is string => !!b);
    rows.forEach((orig, i) => {
      const r = out[i]!;
      if (bases.some((b) => isSuppressed(r[b]) || isSmall(orig[b]))) r[c.key] = SUPPRESSED;
    });
  }
  return { rows: out, primary, secondary };
}

/** A count for running text: `<11` when publishing and small. */
export function publicCount(n: number, isPublic: boolean, format: (n: number) => string): string {
  return isPublic && isSmall(n) ? `<${THRESHOLD}` : format(n);
}
