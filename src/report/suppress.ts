/**
 * Small-cell suppression for the public report (docs/report.md, "Public and internal editions").
 *
 * Every hidden cell reads `x`, whatever hid it: marking the small ones `<11` told a reader that the others
 * were 11 or more, and a pair of one each adding up to a published 12 gave both away (11 and 1).
 *
 * Primary: a count from 1 to 10 is hidden. Zero is shown: it is a structural fact of the call-type
 * scheme more often than a fact about a person, and hiding it would make every sparse table unreadable.
 * A zero the edition states elsewhere (`knownZero`) is never withheld by any rule below: it hides nothing.
 *
 * Secondary (complementary): cells that add up to a total published somewhere (a column of parts of the
 * period's calls, `additive`; the parts of one row, `rowSums`: calls = valid + missing + negative +
 * implausible) would give a single hidden cell away by subtraction. Whenever such a set of cells has exactly
 * one hidden cell, the smallest other non-zero part is withheld too, until
 * no set has exactly one: hiding a cell for one set can leave another with one. In a funnel, a step 1-10
 * below the one before is withheld (`steps`).
 *
 * Derived values: a share, median, rate or label whose `basis` count is suppressed, or is itself below
 * the threshold, is withheld with it, so a small count can never be recovered from a share times its denominator. A
 * running total (`cumulative`: the share if this row and all above it were diverted) is hidden from the
 * first row whose count is hidden on, since the step between two running totals is the count.
 *
 * Audit: where sums, orders and linear facts (`facts`, src/report/facts.ts) cross, two linear programs per
 * hidden count give the range a reader can narrow it to, and cells are withheld until no count from 1 to
 * 10, nor any count another table hid, has a range narrower than ten values. Counts no table publishes
 * (`unpublished`: the cells of a cross-table two tables publish the margins of) are unknowns from the start.
 */

import highs from 'highs';

// The package's types describe its CommonJS build, whose default is the module; Node's import of its ES
// build gives the loader itself.
const highsLoader = highs as unknown as (typeof highs)['default'];

export const THRESHOLD = 11;

/** A count from 1 to 10, hidden. Rendered `x` in HTML and CSV; charts leave it out. */
export const SUPPRESSED = Object.freeze({ suppressed: true as const });
/**
 * A cell hidden so that a suppressed count cannot be worked out from it (complementary), or computed from a
 * hidden count. Rendered `x`, as a small count is: the two must not be told apart.
 */
export const WITHHELD = Object.freeze({ suppressed: true as const, withheld: true as const });
export type Suppressed = typeof SUPPRESSED | typeof WITHHELD;

/** How a hidden cell, or a small count in text, reads in the public edition. */
export const HIDDEN_TEXT = 'x';

export type CellValue = string | number | null;
export type Cell = CellValue | Suppressed;

export function isSuppressed(v: unknown): v is Suppressed {
  return v === SUPPRESSED || v === WITHHELD;
}

/** A label as text: a hidden one reads as every hidden cell does. */
export const labelText = (v: unknown): string => (isSuppressed(v) ? HIDDEN_TEXT : String(v));

/**
 * A chart's row labels: hidden ones read `x`, each made distinct by zero-width spaces, since a chart draws
 * rows of one label as one (three hidden postal codes were one bar).
 */
export function chartLabels(values: readonly unknown[]): string[] {
  let hidden = 0;
  // One at least: a bare `x` is the mark of a hidden value, which a reader (and a test) counts.
  return values.map((v) => (isSuppressed(v) ? HIDDEN_TEXT + '\u200b'.repeat(++hidden) : String(v)));
}

export const isSmall = (n: unknown): boolean => typeof n === 'number' && n >= 1 && n < THRESHOLD;

export interface SuppressionColumn {
  key: string;
  /** `rate`: a count over a time (calls a day, an hour of the week, a year), printed as docs/report.md says. */
  kind: 'text' | 'count' | 'share' | 'minutes' | 'number' | 'rate';
  /** For a derived value: the count column it was computed from (numerator or number of values). */
  basis?: string;
  /** Extra count columns whose small values also hide this one (a share's denominator). */
  alsoBasis?: string[];
  /** A running total over the rows above of its basis: hidden from the first row whose basis is hidden. */
  cumulative?: boolean;
  /**
   * Whether the count is zero is public (a reason calls fell out is listed only when some did): to a reader
   * a hidden one is at least 1, and a zero hides nothing, so none is withheld as a complement.
   */
  zeroKnown?: boolean;
  /**
   * Rows whose count here is 0 and stated so by the edition itself (a responder no source records, whose
   * handled counts a note calls 0; a category whose listed call types give all its calls, none diverted):
   * shown, since the reader knows it whatever the cell reads, and never withheld, as cover or for another
   * table, since an `x` a note or a table fills in protects nothing (tester 351: traffic control's handled
   * calls and Unclassified's diverted ones, hidden as cover, were 0 to any reader). The audit takes such a
   * cell as the 0 it is. A row whose count is not 0 is not affected.
   */
  knownZero?: (row: Record<string, CellValue>) => boolean;
  /**
   * A count carried from another table that publishes it whatever this one does (the calls of the
   * pathways list's call types, the denominator): the audit knows it and never withholds it here, since
   * withholding it here would hide nothing.
   */
  fixed?: boolean;
  /**
   * Rows whose count the edition publishes elsewhere whatever this table does, worked out from other
   * tables' figures (an origin whose every call one responder handled, that responder's every call; the
   * calls the denominator leaves out, the period's less the denominator's): the audit knows it and never
   * withholds it as cover, which would hide nothing (tester 365: Burlington's online calls, hidden as cover
   * for origin Other's 3, were 311's 26). A count from 1 to 10 is still hidden.
   */
  published?: (row: Record<string, CellValue>) => boolean;
  /**
   * Counts no table publishes, carried for the audit only (the cells of a cross-table whose margins two
   * tables publish: calls by origin and responder, tester 365): unknowns to the reader from the start, each
   * one from 1 to 10 a count to protect. A zero is taken as known (a profile rule that makes one origin one
   * responder makes it public; the cautious reading where none does) and never withheld.
   */
  unpublished?: boolean;
  /**
   * An empty value here depends on no count (the handled share of a responder no source records): it stays
   * empty beside a hidden basis, where `x` said a figure was hidden that a note calls empty (tester 98).
   */
  emptyKnown?: boolean;
  /**
   * For a label (`text` with a `basis`): rows whose label is public whatever its count, such as a boundary
   * file's area names and the row of calls without one. Any other label is a value of the export, typed
   * by whoever took the calls, and goes with its hidden count: a beat or priority seen on 1 to 10 calls
   * was printed word for word beside its `x` (tester 235: a caller's telephone number as a beat).
   */
  publicLabel?: (row: Record<string, CellValue>) => boolean;
}

/** Which cells of a table add up to a published figure. */
export interface SuppressionRules {
  /**
   * The work the audit of this table may do (AUDIT_BUDGET), past which every count is withheld: given only
   * by tables that can be left out whole (an area table of hundreds of areas, tester 359). None for the
   * others, whose audit always finishes: a budget hit there withheld Burlington's funnel and eligible demand
   * whole (found by the lead's comparison of the editions before and after).
   */
  auditBudget?: number;
  /**
   * Count columns whose cells are parts of a published whole: the whole column, or each group of rows with
   * the same values in `groupBy` (the reasons calls fell out at one step of one responder's funnel).
   */
  additive?: (string | { column: string; groupBy: string[] })[];
  /** Within each row, `total` = the sum of `parts`. */
  rowSums?: { total: string; parts: string[] }[];
  /**
   * Count columns of a row that can only fall, step by step (a funnel: eligible, assigned, arrived...): the
   * drop between two shown cells is itself a count, so a cell is withheld when it is 1-10 below the last
   * shown one.
   */
  steps?: string[];
  /**
   * Cells that are the same count as a cell of another table (the calls a responder handled, in the
   * diverted-share and eligible-demand tables), named by a key shared across tables: hidden in one, they
   * are hidden in every other (see `forced`). A key of null links nothing.
   */
  links?: { column: string; key: (row: Record<string, CellValue>) => string | null }[];
  /**
   * Groups of rows whose cells of `column` add up to a count of another table, named by its key (the
   * sectors of a precinct add up to the precinct's calls): while that count is hidden, a group with none
   * of its own hidden gives it away, and one hidden part with the count shown gives the part away.
   */
  groupTotals?: {
    column: string;
    groupBy: string[];
    key: (row: Record<string, CellValue>) => string | null;
  }[];
  /**
   * A count of another table (`from`, computed from the row) that a cell differs from by calls no table
   * shows: the cell is withheld when the difference is 1-10, since both being published would publish it
   * (eligible calls police handled, of every origin, less the eligible-demand table's eligible calls not
   * handled by the responder, of the denominator, gave 4 officer-initiated eligible calls).
   */
  apart?: { column: string; from: (row: Record<string, CellValue>) => number | null }[];
  /**
   * Counts that can only grow from one cell to the next, as a reader knows from what they count: within a
   * row, `column` is at most `than` (the eligible calls a responder handled, of its eligible calls); or
   * across rows of one group, `column` grows along `by` in `order` (eligible calls, phase by phase, the
   * phases being cumulative). A hidden count between two shown ones a few apart is bounded by them.
   */
  orders?: (
    { column: string; than: string } | { column: string; groupBy: string[]; by: string; order: CellValue[] }
  )[];
  /** Linear facts about the rows' cells (see Fact), built from the rows as given. */
  facts?: (rows: readonly Record<string, CellValue>[]) => Fact[];
}

/**
 * A linear fact a reader knows about a table's cells beyond its sums and orders: the sum of each cell
 * times its coefficient is at most 0, or exactly 0 when `equal` (calls eligible for any alternative
 * responder are at most the sum of each one's, and exactly it when their eligible calls are disjoint).
 * Only the audit's linear programs weigh facts. A fact the table's own values break is no fact, and is
 * dropped.
 */
export interface Fact {
  terms: [CellRef, number][];
  equal?: boolean;
}

export interface SuppressionResult {
  rows: Record<string, Cell>[];
  primary: number;
  secondary: number;
  /** Keys (links and group totals) this table hides, for the other tables to hide too. */
  hiddenKeys: Set<string>;
  /**
   * Counts from 1 to 10 that the table's sums, orders and facts still narrow to fewer than ten values
   * when no cell left to withhold widens them: the table cannot protect them, and a report names them to
   * the person publishing (report.ts, exposedCounts).
   */
  exposed: CellRef[];
}

export type CellRef = { row: number; key: string };

/**
 * Cells that add up to a figure: the figure itself is `total` when it is a cell of the table, or
 * `external` when it is a count of another table, known by its key.
 */
type CellSet = { parts: CellRef[]; total?: CellRef; external?: string };

/** A set's parts and, when it is a cell of the table, its total. */
const cellsOf = (set: CellSet): CellRef[] => (set.total ? [...set.parts, set.total] : set.parts);
const id = (c: CellRef) => `${c.row}\u0000${c.key}`;

/** Pairs of cells, the first at most the second (`orders`). */
type Order = [CellRef, CellRef];

function orderPairs(rows: readonly Record<string, CellValue>[], rules: SuppressionRules): Order[] {
  const out: Order[] = [];
  for (const o of rules.orders ?? []) {
    // Only counts are ordered: a cell with no count (null) bounds nothing.
    const counts = (a: number, b: number, keyA: string, keyB: string) =>
      typeof rows[a]![keyA] === 'number' && typeof rows[b]![keyB] === 'number';
    if ('than' in o) {
      rows.forEach((_, row) => {
        if (counts(row, row, o.column, o.than))
          out.push([
            { row, key: o.column },
            { row, key: o.than },
          ]);
      });
      continue;
    }
    const groups = new Map<string, number[]>();
    rows.forEach((r, row) => {
      if (!o.order.includes(r[o.by]!)) return;
      const g = JSON.stringify(o.groupBy.map((k) => r[k]));
      groups.set(g, [...(groups.get(g) ?? []), row]);
    });
    const rank = (row: number) => o.order.indexOf(rows[row]![o.by]!);
    for (const members of groups.values()) {
      members.sort((a, b) => rank(a) - rank(b));
      for (let i = 1; i < members.length; i++) {
        const [a, b] = [members[i - 1]!, members[i]!];
        // Two rows of one phase are not ordered against each other.
        if (rank(a) < rank(b) && counts(a, b, o.column, o.column))
          out.push([
            { row: a, key: o.column },
            { row: b, key: o.column },
          ]);
      }
    }
  }
  return out;
}

function relations(rows: readonly Record<string, CellValue>[], rules: SuppressionRules): CellSet[] {
  const out: CellSet[] = [];
  for (const a of rules.additive ?? []) {
    const column = typeof a === 'string' ? a : a.column;
    const groupBy = typeof a === 'string' ? [] : a.groupBy;
    const groups = new Map<string, CellRef[]>();
    rows.forEach((r, row) => {
      const g = JSON.stringify(groupBy.map((k) => r[k]));
      const parts = groups.get(g) ?? [];
      parts.push({ row, key: column });
      groups.set(g, parts);
    });
    for (const parts of groups.values()) out.push({ parts });
  }
  // A row whose cells of the sum are not all counts states no sum (the workload table's calls of every
  // origin against the denominator's eligible calls, whose rest is no count and left null).
  for (const s of rules.rowSums ?? [])
    rows.forEach((r, row) => {
      if ([s.total, ...s.parts].some((k) => typeof r[k] !== 'number')) return;
      out.push({ parts: s.parts.map((key) => ({ row, key })), total: { row, key: s.total } });
    });
  for (const g of rules.groupTotals ?? []) {
    const groups = new Map<string, { parts: CellRef[]; external: string | null }>();
    rows.forEach((r, row) => {
      const groupKey = JSON.stringify(g.groupBy.map((k) => r[k]));
      const group = groups.get(groupKey) ?? { parts: [], external: g.key(r) };
      group.parts.push({ row, key: g.column });
      groups.set(groupKey, group);
    });
    for (const { parts, external } of groups.values()) if (external) out.push({ parts, external });
  }
  return out;
}

/**
 * Suppress a table's rows under the public edition's rules. `forced`: keys other tables hide (links, group totals); a linked cell with such a key is withheld here
 * too. A report builds its tables again with the keys they hid until no table hides a new one.
 */
export function suppressRows(
  rows: readonly Record<string, CellValue>[],
  columns: readonly SuppressionColumn[],
  rules: SuppressionRules = {},
  forced: ReadonlySet<string> = new Set(),
): SuppressionResult {
  const out: Record<string, Cell>[] = rows.map((r) => ({ ...r }));
  // Zeros the edition states elsewhere (`knownZero`): no rule below withholds them.
  const stated = new Set<string>();
  for (const c of columns)
    if (c.kind === 'count' && c.knownZero)
      rows.forEach((r, row) => {
        if (r[c.key] === 0 && c.knownZero!(r)) stated.add(id({ row, key: c.key }));
      });
  // Counts no table publishes: a zero is known, any other count unknown to the reader from the start.
  for (const c of columns)
    if (c.kind === 'count' && c.unpublished)
      rows.forEach((r, row) => {
        if (r[c.key] === 0) stated.add(id({ row, key: c.key }));
      });
  const isStated = (row: number, key: string) => stated.has(id({ row, key }));
  let primary = 0;
  let secondary = 0;
  for (const c of columns.filter((c) => c.kind === 'count'))
    for (const r of out)
      if (isSmall(r[c.key])) {
        r[c.key] = SUPPRESSED;
        if (!c.unpublished) primary++;
      } else if (c.unpublished && typeof r[c.key] === 'number' && r[c.key] !== 0) r[c.key] = WITHHELD;
  // Cells another table hid: there, often as cover for a small count, which fails if this table gives
  // them back (Police and the denominator, both shown, gave a day's withheld 16 diverted calls, and with
  // them 11 sectors' hidden diverted calls at 1 or 2 each): the audit protects them as it does small ones.
  const forcedCells = new Set<string>();
  for (const l of rules.links ?? [])
    rows.forEach((r, i) => {
      const k = l.key(r);
      if (!k || !forced.has(k) || isStated(i, l.column)) return;
      forcedCells.add(id({ row: i, key: l.column }));
      if (!isSuppressed(out[i]![l.column])) {
        out[i]![l.column] = WITHHELD;
        secondary++;
      }
    });
  for (const a of rules.apart ?? [])
    rows.forEach((r, i) => {
      const v = r[a.column];
      const other = a.from(r);
      if (typeof v !== 'number' || other === null || isSuppressed(out[i]![a.column]) || isStated(i, a.column))
        return;
      if (isSmall(Math.abs(v - other))) {
        out[i]![a.column] = WITHHELD;
        secondary++;
      }
    });
  const sets = relations(rows, rules);
  const orders = orderPairs(rows, rules);
  const facts = (rules.facts?.(rows) ?? []).filter((f) => holds(rows, f));
  const zeroKnown = new Set(columns.filter((c) => c.zeroKnown).map((c) => c.key));
  // A cell that can hide something: a zero the reader knows to be zero cannot.
  const fixed = new Set(columns.filter((c) => c.fixed).map((c) => c.key));
  const published = new Map(columns.filter((c) => c.published).map((c) => [c.key, c.published!]));
  const cover = (c: CellRef) => {
    const v = out[c.row]![c.key];
    return (
      typeof v === 'number' &&
      (v > 0 || !zeroKnown.has(c.key)) &&
      !fixed.has(c.key) &&
      !isStated(c.row, c.key) &&
      !published.get(c.key)?.(rows[c.row]!)
    );
  };
  // Totals of other tables this one hides: while building, a group may have to hide its total.
  const hiddenExternal = new Set<string>();
  const externalHidden = (set: CellSet) =>
    set.external !== undefined && (forced.has(set.external) || hiddenExternal.has(set.external));
  const hopeless = new Map<string, CellRef>();
  const work = { left: rules.auditBudget ?? Infinity };
  let settled = true;
  try {
    for (let changed = true; changed;) {
      changed = false;
      for (const set of sets) {
        const value = (c: CellRef) => out[c.row]![c.key];
        const cells = cellsOf(set);
        const hiddenCells = cells.filter((c) => isSuppressed(value(c)));
        const externalIsHidden = externalHidden(set);
        // An external total counts as a cell of the set: hidden, it is one more unknown.
        const unknowns = hiddenCells.length + (externalIsHidden ? 1 : 0);
        // Hidden parts whose sum is known pin each other down when it is small: five cells known to sum to
        // 6 are each 1 or 2. A reader takes a hidden count to be at least 1, since zero is shown, so each of
        // n such parts adding up to m is at most m - (n - 1); a set is left alone only when it hides no cell,
        // or at least two and that bound leaves each free to be anything from 1 to 10: m >= n + 9, which for
        // two parts is the threshold, 11 (ten categories adding up to 19 left the smallest at 1). A zero
        // withheld as a complement breaks the reader's premise rather than adding a part. With a hidden
        // total the parts' sum is not published, and two suffice.
        const hiddenParts = hiddenCells.filter((c) => c !== set.total);
        const mass = hiddenParts.reduce((a, c) => a + (Number(rows[c.row]![c.key]) || 0), 0);
        const nonZero = hiddenParts.filter((c) => Number(rows[c.row]![c.key]) > 0).length;
        const zeroHidden = hiddenParts.length > nonZero;
        const totalHidden = externalIsHidden || (set.total !== undefined && hiddenCells.includes(set.total));
        // A zero withheld as cover misleads a reader who takes every hidden count to be at least 1 only
        // where the bound that premise gives (the sum less one for each other hidden part) falls below a
        // part's count; where the parts are many and small it informs (13 months of 1 or 2 diverted calls
        // and one of 0, adding up to 16, put each at 1 to 3), so the zero counts as a part like the others.
        const bound = mass - (hiddenParts.length - 1);
        const misled =
          zeroHidden &&
          mass >= THRESHOLD &&
          hiddenParts.every((c) => {
            const v = Number(rows[c.row]![c.key]) || 0;
            return v === 0 || v > bound;
          });
        const enough =
          (mass >= THRESHOLD - 2 + Math.max(2, nonZero) &&
            (!zeroHidden || mass >= THRESHOLD - 2 + hiddenParts.length)) ||
          misled;
        if (unknowns === 0 || (unknowns >= 2 && (totalHidden || enough))) continue;
        // The smallest non-zero part, else a zero part (which still leaves the reader two unknowns, and
        // breaks the premise that every hidden count is at least 1: one is enough, more add nothing), and a
        // row's total only when no part is left: totals are often published elsewhere as well.
        const open = set.parts.filter(cover);
        const pick =
          open
            .filter((c) => (value(c) as number) > 0)
            .sort((a, b) => (value(a) as number) - (value(b) as number))[0] ??
          (unknowns < 2 || !zeroHidden ? open[0] : undefined) ??
          (set.total && typeof value(set.total) === 'number' && !isStated(set.total.row, set.total.key)
            ? set.total
            : undefined);
        if (!pick) {
          // Every part is hidden and still too few: the other table's total must go.
          if (set.external !== undefined && !externalIsHidden) {
            hiddenExternal.add(set.external);
            changed = true;
            continue;
          }
          // With no total to hide, every zero part goes too, so that no reader can take each hidden part
          // to be at least 1 (the Seattle sample's 31 hidden hours of 2019 adding up to 34 were each 1 to 4
          // to one who did, tester 87). Below 11 the sum itself is a small count, which one zero already
          // leaves 0 to it.
          if (mass >= THRESHOLD)
            for (const c of open.filter((c) => value(c) === 0)) {
              out[c.row]![c.key] = WITHHELD;
              secondary++;
              changed = true;
            }
          continue;
        }
        out[pick.row]![pick.key] = WITHHELD;
        secondary++;
        changed = true;
      }
      if (rules.steps)
        for (const [i, r] of out.entries()) {
          let last: number | null = null;
          for (const k of rules.steps) {
            const v = r[k];
            if (typeof v !== 'number') continue;
            if (last !== null && isSmall(last - v) && !isStated(i, k)) {
              r[k] = WITHHELD;
              secondary++;
              changed = true;
            } else last = v;
          }
        }
      if (!changed) {
        // Each set is safe on its own; where sets cross (a row and a column of the same table) they can
        // still bound a hidden count between them (969 = P0 + P3 valid, and P3 valid + negative = 961, gave
        // P0 valid 8 to 11): withhold one more cell next to the count least protected, until none is narrow.
        for (const pick of crossingComplement(
          rows,
          out,
          sets,
          orders,
          facts,
          cover,
          externalHidden,
          hopeless,
          forcedCells,
          work,
        )) {
          out[pick.row]![pick.key] = WITHHELD;
          secondary++;
          changed = true;
        }
      }
    }
  } catch (e) {
    if (e !== OUT_OF_BUDGET) throw e;
    // The audit cannot settle the table within its budget: every count that can hide anything is
    // withheld, which no sum, order or fact can then give away, and the table is marked (auditUnsettled)
    // for its section to leave out, saying so (tester 359: 874 beats ran for 14 minutes).
    settled = false;
    out.forEach((r, row) => {
      for (const c of columns)
        if (c.kind === 'count' && cover({ row, key: c.key }) && !isSuppressed(r[c.key])) {
          r[c.key] = WITHHELD;
          secondary++;
        }
    });
  }
  for (const c of columns.filter((c) => c.kind !== 'count' && (c.basis || c.alsoBasis))) {
    const bases = [c.basis, ...(c.alsoBasis ?? [])].filter((b): b is string => !!b);
    let hiding = false;
    rows.forEach((orig, i) => {
      const r = out[i]!;
      const hidden = bases.some((b) => isSuppressed(r[b]) || isSmall(orig[b]));
      hiding = c.cumulative ? hiding || hidden : hidden;
      if (hiding && !(c.emptyKnown && orig[c.key] === null) && !c.publicLabel?.(orig)) r[c.key] = WITHHELD;
    });
  }
  const hiddenKeys = new Set(hiddenExternal);
  for (const l of rules.links ?? [])
    rows.forEach((r, i) => {
      const k = l.key(r);
      if (k && isSuppressed(out[i]![l.column])) hiddenKeys.add(k);
    });
  // The counts the audit gave up on, as the cells finally withheld leave them: a cell withheld after one
  // was given up on (for another count, or in a later build with another table's keys) can widen it.
  const smallGivenUp = [...hopeless.values()].filter((c) => isSmall(rows[c.row]![c.key]));
  // An unsettled table names every count it gave up on, unchecked: checking is what ran out.
  const final =
    smallGivenUp.length && settled
      ? readerBounds(rows, out, sets, orders, facts, externalHidden, { left: rules.auditBudget ?? Infinity })
      : () => [0, 0] as [number, number];
  let exposed: CellRef[];
  try {
    exposed = smallGivenUp.filter((c) => {
      const [lo, hi] = final(c);
      return hi - lo < THRESHOLD - 2;
    });
  } catch (e) {
    if (e !== OUT_OF_BUDGET) throw e;
    exposed = smallGivenUp;
  }
  if (!settled) unsettled.add(out);
  return { rows: out, primary, secondary, hiddenKeys, exposed };
}

/** Whether a fact holds on the table's own values (every cell a count, the sum within a rounding). */
function holds(rows: readonly Record<string, CellValue>[], f: Fact): boolean {
  let sum = 0;
  for (const [c, coef] of f.terms) {
    const v = rows[c.row]?.[c.key];
    if (typeof v !== 'number') return false;
    sum += coef * v;
  }
  return f.equal ? Math.abs(sum) < 1e-9 : sum < 1e-9;
}

/**
 * How much work the audit of one table may do: each pair of linear programs costs its model's variables
 * and terms, each search for a count's neighbours the relations it scans. About ten seconds on a
 * small machine; a table of tens of rows uses a hundredth of it. Counted rather than timed, so that a store
 * gives the same edition on any machine.
 */
export const AUDIT_BUDGET = 2_000_000;

/** The most cells smallerCover (crossingComplement) weighs against one larger cell. */
const SMALLER_COVER_CELLS = 64;

const OUT_OF_BUDGET = new Error('the disclosure audit ran out of its budget');

function spend(work: { left: number }, cost: number): void {
  work.left -= cost;
  if (work.left < 0) throw OUT_OF_BUDGET;
}

/** Tables whose audit ran out of its budget (suppressRows), by their suppressed rows. */
const unsettled = new WeakSet<object>();

/**
 * Whether the audit could not settle the table whose suppressed rows these are within its budget: every
 * count that could hide anything is then withheld, and a section leaves the table out, saying so.
 */
export function auditUnsettled(rows: readonly unknown[]): boolean {
  return unsettled.has(rows);
}

/** The linear-programming solver the audit runs (HiGHS, compiled to WebAssembly); see loadDisclosureAudit. */
let solver: Awaited<ReturnType<typeof highsLoader>> | null = null;

/** Loads the solver suppressRows audits with: once per process, before the first public table. */
export async function loadDisclosureAudit(): Promise<void> {
  solver ??= await highsLoader();
}

/**
 * The range a reader can narrow a hidden cell to from every sum and order of the table at once (each sum's
 * total shown, published elsewhere, or hidden; every hidden count at least 1, as zero is shown, but a zero
 * withheld as cover): its least and greatest value under those equations and inequalities, two linear
 * programs. A reader combining sums (two rows, and the columns they cross) learns exactly this much and
 * no more, by any arithmetic.
 */
function readerBounds(
  rows: readonly Record<string, CellValue>[],
  out: Record<string, Cell>[],
  sets: CellSet[],
  orders: Order[],
  facts: Fact[],
  externalHidden: (set: CellSet) => boolean,
  work: { left: number },
): (c: CellRef) => [number, number] {
  if (!solver) throw new Error('loadDisclosureAudit() must be awaited before suppressing tables');
  const lp = solver;
  const names = new Map<string, string>();
  const name = (c: CellRef) => {
    let n = names.get(id(c));
    if (!n) names.set(id(c), (n = `x${names.size}`));
    return n;
  };
  const hidden = (c: CellRef) => isSuppressed(out[c.row]![c.key]);
  const shownValue = (c: CellRef) => Number(out[c.row]![c.key]) || 0;
  const constraints: string[] = [];
  // Each constraint as numbers too, for the cheap bound below (`spread`): its hidden cells' coefficients
  // (by cell id), its relation and right-hand side.
  const structured: { coef: Map<string, number>; equal: boolean; rhs: number }[] = [];
  const add = (terms: [CellRef, number][], equal: boolean, rhs: number) => {
    if (!terms.length) return;
    const coef = new Map<string, number>();
    for (const [c, k] of terms) coef.set(id(c), (coef.get(id(c)) ?? 0) + k);
    const text = terms.map(
      ([c, k]) => `${k < 0 ? '-' : '+'} ${Math.abs(k) === 1 ? '' : `${Math.abs(k)} `}${name(c)}`,
    );
    constraints.push(` c${constraints.length}: ${text.join(' ')} ${equal ? '=' : '<='} ${rhs}`);
    structured.push({ coef, equal, rhs });
  };
  for (const set of sets) {
    let rhs: number;
    const terms: [CellRef, number][] = [];
    if (set.total) {
      if (hidden(set.total)) {
        terms.push([set.total, -1]);
        rhs = 0;
      } else rhs = shownValue(set.total);
    } else if (externalHidden(set)) continue;
    else rhs = set.parts.reduce((a, c) => a + (Number(rows[c.row]![c.key]) || 0), 0);
    for (const c of set.parts) {
      if (hidden(c)) terms.push([c, 1]);
      else rhs -= shownValue(c);
    }
    add(terms, true, rhs);
  }
  for (const [small, large] of orders) {
    if (!hidden(small) && !hidden(large)) continue;
    const terms: [CellRef, number][] = [];
    if (hidden(small)) terms.push([small, 1]);
    if (hidden(large)) terms.push([large, -1]);
    const rhs = (hidden(large) ? 0 : shownValue(large)) - (hidden(small) ? 0 : shownValue(small));
    add(terms, false, rhs);
  }
  for (const f of facts) {
    let rhs = 0;
    const terms: [CellRef, number][] = [];
    for (const [c, coef] of f.terms) {
      if (hidden(c)) terms.push([c, coef]);
      else rhs -= coef * shownValue(c);
    }
    add(terms, !!f.equal, rhs);
  }
  // A reader takes a hidden count to be at least 1, since zero is shown: so does the audit, for every
  // hidden count that is not zero (three hidden cells that crossing sums made add up to 11 were each 1 to
  // 9, and the programs, at 0 or more, gave 0 to 11). A zero withheld as cover is at least 0: the reader's
  // premise is wrong there, which misleads rather than informs.
  const atLeastOne = [...names.entries()]
    .filter(([key]) => {
      const [row, column] = key.split('\u0000') as [string, string];
      return Number(rows[Number(row)]![column]) > 0;
    })
    .map(([, n]) => ` ${n} >= 1`);
  const model = (sense: string, v: string) =>
    `${sense}\n obj: ${v}\nSubject To\n${constraints.join('\n')}\n${atLeastOne.length ? `Bounds\n${atLeastOne.join('\n')}\n` : ''}End`;
  const spread = spreads(rows, names, structured);
  const size = names.size + structured.reduce((a, x) => a + x.coef.size, 0);
  return (c) => {
    if (!hidden(c) || !names.has(id(c))) return hidden(c) ? [0, Infinity] : [shownValue(c), shownValue(c)];
    const wide = spread.get(id(c));
    if (wide) return wide;
    const v = name(c);
    // Two programs, each as costly as its model is large.
    spend(work, 2 * size);
    const solve = (sense: string) => lp.solve(model(sense, v), { output_flag: false });
    const lo = solve('Minimize');
    const hi = solve('Maximize');
    // No solution means the table's sums and orders contradict its own values, which the rules above
    // should never let happen: the count is then taken as exposed (withheld beside) rather than safe.
    if (lo.Status === 'Infeasible' || hi.Status === 'Infeasible') return [0, 0];
    return [
      lo.Status === 'Optimal' ? lo.ObjectiveValue : 0,
      hi.Status === 'Optimal' ? hi.ObjectiveValue : Infinity,
    ];
  };
}

/**
 * A range each hidden count is known to reach without a linear program, where it is at least ten values
 * wide: the programs' own range holds it, so a count found so needs none. Hidden counts that every
 * constraint weighs alike (the same coefficient in each: beats of the same precincts and sectors, in the
 * same column) can trade calls with each other and leave every sum, order and fact as it is, so one can be
 * anything from its least (1, or 0 for a zero withheld as cover) to their total less the others' least.
 * An area column of 874 beats took two programs of 25 ms for each of its 1,284 hidden counts, for every cell
 * the audit withheld, and the report never ended (tester 359). Only where the table's own values meet every
 * constraint (they should; the programs are left to say so where they do not).
 */
function spreads(
  rows: readonly Record<string, CellValue>[],
  names: ReadonlyMap<string, string>,
  structured: readonly { coef: Map<string, number>; equal: boolean; rhs: number }[],
): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const valueOf = (key: string) => {
    const [row, column] = key.split('\u0000') as [string, string];
    return Number(rows[Number(row)]![column]) || 0;
  };
  for (const { coef, equal, rhs } of structured) {
    let lhs = 0;
    for (const [k, a] of coef) lhs += a * valueOf(k);
    if (equal ? Math.abs(lhs - rhs) > 1e-6 : lhs > rhs + 1e-6) return out;
  }
  const signature = new Map<string, string[]>();
  structured.forEach(({ coef }, i) => {
    for (const [k, a] of coef)
      if (a !== 0) (signature.get(k) ?? signature.set(k, []).get(k)!).push(`${i}:${a}`);
  });
  const classes = new Map<string, string[]>();
  for (const k of names.keys()) {
    const sig = (signature.get(k) ?? []).join(' ');
    (classes.get(sig) ?? classes.set(sig, []).get(sig)!).push(k);
  }
  for (const members of classes.values()) {
    if (members.length < 2) continue;
    const least = (k: string) => (valueOf(k) > 0 ? 1 : 0);
    const total = members.reduce((a, k) => a + valueOf(k), 0);
    const leastAll = members.reduce((a, k) => a + least(k), 0);
    if (total - leastAll < THRESHOLD - 2) continue;
    for (const k of members) out.set(k, [least(k), total - leastAll + least(k)]);
  }
  return out;
}

/**
 * Where sums cross, a count each sum protects on its own can still be bounded by them together: the cell
 * to withhold next, next to the least protected count from 1 to 10 (a range narrower than the threshold)
 * whose range that widens; undefined when none is narrow or nothing withheld would widen one (a count
 * whose own sum is small stays as narrow as that sum). `hopeless`: counts found so, not tried again.
 */
function crossingComplement(
  rows: readonly Record<string, CellValue>[],
  out: Record<string, Cell>[],
  sets: CellSet[],
  orders: Order[],
  facts: Fact[],
  shown: (c: CellRef) => boolean,
  externalHidden: (set: CellSet) => boolean,
  hopeless: Map<string, CellRef>,
  forcedCells: ReadonlySet<string>,
  work: { left: number },
): CellRef[] {
  const width = (b: [number, number]) => b[1] - b[0];
  const bounds = () => readerBounds(rows, out, sets, orders, facts, externalHidden, work);
  const now = bounds();
  const factCells = facts.map((f) => f.terms.map(([c]) => c));
  const related = [...sets.flatMap(cellsOf), ...orders.flat(), ...factCells.flat()];
  const exposed = [...new Map(related.map((c) => [id(c), c])).values()]
    // A count from 1 to 10 however it came to be hidden: one another table hid is hidden here too, and
    // this table's relations can bound it where that table's could not (a funnel's reasons, hidden in
    // the reasons table, were 1 to 9 against the funnel's eligible calls); and any count another table
    // hid.
    .filter(
      (c) =>
        isSuppressed(out[c.row]![c.key]) &&
        (isSmall(rows[c.row]![c.key]) || forcedCells.has(id(c))) &&
        !hopeless.has(id(c)),
    )
    .map((c) => ({ c, w: width(now(c)) }))
    // Narrower than 1 to 10, every such count being at least 1 (two hidden counts adding up to 11 are
    // each 1 to 10, which the rule on sums accepts too).
    .filter((x) => x.w < THRESHOLD - 2)
    .sort((a, b) => a.w - b.w);
  const value = (x: CellRef) => out[x.row]![x.key] as number;
  // The shown cells that could widen a count's range once withheld: those of its sums and orders, and of
  // the sums and orders of every hidden cell reached from it through them (a funnel's hidden steps were
  // bounded by a potential phase's 11 three relations away), nearest first; at one distance the parts of
  // sums before their totals (often published elsewhere too), smallest first.
  const neighbours = (c: CellRef): CellRef[] => {
    const found = new Map<string, { x: CellRef; d: number; total: boolean }>();
    const seen = new Set([id(c)]);
    let frontier = [c];
    for (let d = 0; frontier.length; d++) {
      const next: CellRef[] = [];
      // Each cell reached is looked for in every relation: the work grows with both.
      spend(work, frontier.length * (sets.length + orders.length + factCells.length));
      for (const h of frontier) {
        const linked = [
          ...sets
            .filter((set) => cellsOf(set).some((x) => id(x) === id(h)))
            .flatMap((set) => [
              ...set.parts.map((x) => ({ x, total: false })),
              ...(set.total ? [{ x: set.total, total: true }] : []),
            ]),
          ...[...orders, ...factCells]
            .filter((o) => o.some((x) => id(x) === id(h)))
            .flatMap((o) => o.map((x) => ({ x, total: true }))),
        ];
        for (const { x, total } of linked) {
          if (seen.has(id(x))) continue;
          seen.add(id(x));
          if (shown(x)) found.set(id(x), { x, d, total });
          else if (isSuppressed(out[x.row]![x.key])) next.push(x);
        }
      }
      frontier = next;
    }
    return [...found.values()]
      .sort((a, b) => a.d - b.d || Number(a.total) - Number(b.total) || value(a.x) - value(b.x))
      .map((f) => f.x);
  };
  const widens = (c: CellRef, w: number, cells: CellRef[]) => {
    const kept = cells.map((x) => out[x.row]![x.key]!);
    for (const x of cells) out[x.row]![x.key] = WITHHELD;
    const wider = width(bounds()(c)) > w;
    cells.forEach((x, i) => (out[x.row]![x.key] = kept[i]!));
    return wider;
  };
  // The nearest cell that widens a range can be a large count where smaller ones a relation further do
  // too (tester 384: Minneapolis' 311 had 1 call, animal care 184 and the crisis team 1,153 of 1,338 diverted;
  // 184 withheld, the 178 eligible calls animal care handled still bound it, and the crisis team's 1,153
  // went, nearest, where the 178s, withheld anyway by the eligible-demand table, were enough). The shown cells within two relations smaller than it are withheld together, then given back,
  // largest first, while the range stays wider, and taken instead when they withhold fewer calls in all;
  // within SMALLER_COVER_CELLS of them, since each given back costs two programs.
  const smallerCover = (c: CellRef, w: number, x: CellRef, near: CellRef[]): CellRef[] | undefined => {
    const smaller = near
      .filter((y) => id(y) !== id(x) && value(y) < value(x))
      .sort((a, b) => value(b) - value(a));
    if (!smaller.length || smaller.length > SMALLER_COVER_CELLS || !widens(c, w, smaller)) return undefined;
    let keep = smaller;
    for (const y of smaller) {
      const without = keep.filter((z) => z !== y);
      if (without.length && widens(c, w, without)) keep = without;
    }
    return keep.reduce((a, y) => a + value(y), 0) < value(x) ? keep : undefined;
  };
  for (const { c, w } of exposed) {
    const first = neighbours(c);
    const near = () => {
      const m = new Map([...first, ...first.flatMap(neighbours)].map((x) => [id(x), x]));
      m.delete(id(c));
      return [...m.values()];
    };
    const single = first.find((x) => widens(c, w, [x]));
    if (single) return smallerCover(c, w, single, near()) ?? [single];
    // No one cell is enough where a shown one is itself pinned down by its own sums (three reasons in
    // the 11 between 61 eligible and 50 arrived, and the 50 the sum of the reasons at the next step): a
    // neighbour together with one of its own.
    for (const x of first)
      for (const y of neighbours(x))
        if (id(y) !== id(c) && !first.some((f) => id(f) === id(y)) && widens(c, w, [x, y])) return [x, y];
    // Nor two, where facts pin each down by the others (a traffic team's 11 eligible calls: the
    // any-alternative row less the others', and its police-handled calls with the next phase's): three
    // cells, the third a neighbour of either, within a budget of programs, as tables of many rows
    // would otherwise try thousands.
    let budget = 300;
    triples: for (const x of first) {
      const ofX = neighbours(x);
      for (const y of ofX) {
        if (id(y) === id(c) || first.some((f) => id(f) === id(y))) continue;
        const seen = new Set([id(c), id(x), id(y)]);
        for (const z of [...ofX, ...neighbours(y)]) {
          if (seen.has(id(z))) continue;
          seen.add(id(z));
          if (--budget < 0) break triples;
          if (widens(c, w, [x, y, z])) return [x, y, z];
        }
      }
    }
    // Nor three (Burlington's calls without a committed time were every call, so each count of the workload
    // table came twice, and a phase's any-alternative row and the next phase's pinned it): every shown
    // cell within two relations at once, then each given back, largest first, while the range stays wider.
    let keep = near().sort((a, b) => value(b) - value(a));
    if (keep.length && widens(c, w, keep)) {
      for (const x of [...keep]) {
        const without = keep.filter((y) => y !== x);
        if (without.length && widens(c, w, without)) keep = without;
      }
      return keep;
    }
    hopeless.set(id(c), c);
  }
  return [];
}

/** A count for running text: `x` when publishing and small, as the table cell it is shows it. */
export function publicCount(n: number, isPublic: boolean, format: (n: number) => string): string {
  return isPublic && isSmall(n) ? HIDDEN_TEXT : format(n);
}
