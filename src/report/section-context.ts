/**
 * What every section builder gets: the gathered data, whether this is the public edition, and helpers
 * that apply the edition's rules (suppression, restricted tables) in one place, so no section can forget.
 */
import type { ReportData } from './data.js';
import { count, humanise } from './format.js';
import { isSmall, isSuppressed, publicCount } from './suppress.js';
import { formatCell, prepareTable, type FigureMeta, type PreparedTable, type TableSpec } from './tables.js';
import { inSentence } from '../util/words.js';

export interface SectionContext {
  data: ReportData;
  isPublic: boolean;
  /** Suppress (public edition) and register a table for CSV output; null when the edition leaves it out. */
  table(spec: TableSpec): PreparedTable | null;
  /** A count for running text: `x` for 1-10 in the public edition, as its table cell reads. */
  count(n: number): string;
  /**
   * A share, time or rate for running text, already formatted: `suppressed` in the public edition when a
   * count it was computed from is 1-10 (the same rule as a table's `basis`).
   */
  derived(text: string, ...counts: number[]): string;
  /**
   * Whether a count shared across tables (suppress.ts, links) is hidden in some table of the public
   * edition: running text built from it must say `suppressed`, as the table does, whatever hid it.
   */
  hiddenElsewhere(key: string): boolean;
  /** A cell of a prepared table for running text, as the table shows it after suppression. */
  cellText(t: PreparedTable, row: number, key: string, format?: (v: number) => string): string;
  /** The period of the report, with the given denominator and quality counts. */
  meta(parts?: Partial<Omit<FigureMeta, 'period'>>): FigureMeta;
  /** Display name of a store responder value or a taxonomy responder id. */
  responder(value: string): string;
  category(id: string | null): string;
  /** The same name inside a sentence: first letter lower-cased unless it starts an acronym (EMS). */
  responderInText(value: string): string;
  /**
   * Rows in the order a table of counts lists them: most calls first, then by name; in the public edition
   * by name only, since an order by size bounds a hidden count by its neighbours (ten categories shown as
   * `x` in order, adding up to 16, made the last four 1 each).
   */
  ranked<T>(rows: readonly T[], calls: (r: T) => number, name: (r: T) => string): T[];
  /**
   * The rows of a prepared table to draw or name as "the largest": in the public edition only those whose
   * count is shown, largest first; otherwise every row, in the table's order. Row numbers are the table's.
   */
  largest(t: PreparedTable, key: string): number[];
}

/**
 * `forced`: keys of counts shared across tables that the previous build hid (suppress.ts, links); the keys
 * this build's tables hide are added to `hidden`.
 */
export function sectionContext(
  data: ReportData,
  isPublic: boolean,
  tables: PreparedTable[],
  shared: { forced: ReadonlySet<string>; hidden: Set<string> } = { forced: new Set(), hidden: new Set() },
): SectionContext {
  // Store values (who did the work) first; then the taxonomy's ids (fire_ems, community, police_clinician).
  const STORE_NAMES: Record<string, string> = {
    police: 'Police',
    fire: 'Fire',
    ems: 'EMS (medical)',
    fire_ems: 'Fire / EMS',
    behavioural_crisis: 'Behavioural crisis team',
    traffic_control: 'Traffic control',
    animal_control: 'Animal care and control',
    online_311: '311 / online / telephone report',
    other_civilian: 'Mediation or community responders',
    unknown: 'Unknown',
    all_diverted: 'All non-police responders',
    any_alternative: 'Any alternative responder',
  };
  const responder = (v: string) => STORE_NAMES[v] ?? data.responderNames.get(v) ?? humanise(v);
  return {
    data,
    isPublic,
    table(spec) {
      if (isPublic && spec.restricted) return null;
      const t = prepareTable(spec, isPublic, shared.forced);
      for (const k of t.hiddenKeys) shared.hidden.add(k);
      tables.push(t);
      return t;
    },
    count: (n) => publicCount(n, isPublic, count),
    derived: (text, ...counts) => (isPublic && counts.some(isSmall) ? 'suppressed' : text),
    hiddenElsewhere: (key) => isPublic && (shared.forced.has(key) || shared.hidden.has(key)),
    cellText(t, row, key, format) {
      const v = t.rows[row]?.[key] ?? null;
      if (isSuppressed(v)) return 'suppressed';
      // A caption is read without the table's note on "-" (tester 118: "Dec 2019: -").
      if (v === null) return 'no value';
      const column = t.spec.columns.find((c) => c.key === key);
      if (typeof v === 'number' && (format ?? column?.format)) return (format ?? column!.format!)(v);
      return formatCell(v, column?.kind ?? 'text');
    },
    meta: (parts = {}) => ({ period: data.period, quality: [], ...parts }),
    responder,
    responderInText: (v) => inSentence(responder(v)),
    category: (id) => (id === null ? 'Unclassified' : (data.categoryNames.get(id) ?? humanise(id))),
    ranked: (rows, calls, name) =>
      [...rows].sort((a, b) => (isPublic ? 0 : calls(b) - calls(a)) || name(a).localeCompare(name(b), 'en')),
    largest(t, key) {
      const rows = t.rows.map((r, i) => ({ v: r[key], i }));
      if (!isPublic) return rows.map((r) => r.i);
      return rows
        .filter((r): r is { v: number; i: number } => typeof r.v === 'number')
        .sort((a, b) => b.v - a.v || a.i - b.i)
        .map((r) => r.i);
    },
  };
}
