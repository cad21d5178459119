/**
 * The report's tables: one typed spec per table, rendered as an accessible HTML table and written as a CSV
 * file beside the report (csv/<id>.csv), both after the same suppression, so the two always agree.
 */
import { noNoise } from '../util/float-noise.js';
import { excelSafe } from '../util/excel-safe.js';
import { count, days, minutes, percent, quantity, rate, tenthsOfMinutes } from './format.js';
import { cutText } from '../util/words.js';
import { html, type Html } from './html.js';
import {
  THRESHOLD,
  HIDDEN_TEXT,
  publicCount,
  isSuppressed,
  suppressRows,
  type Cell,
  type CellRef,
  type CellValue,
  type SuppressionColumn,
  type SuppressionRules,
  type Suppressed,
} from './suppress.js';

export type ColumnKind = SuppressionColumn['kind'];

export interface Column extends SuppressionColumn {
  label: string;
  /**
   * A count published in another table, carried here only so that suppression sees a sum that crosses
   * tables (eligible calls = those police handled + those the responder handled + ...): never shown.
   */
  hidden?: boolean;
  /** How the table prints this column's numbers, where not as its kind does (the CSV keeps the value). */
  format?: (v: number) => string;
  /**
   * Rows whose cell is shown empty (`-`, an empty CSV field) though the audit weighs its value: a funnel step
   * no source of the responder's calls records is 0 calls seen to the audit (sections/eligible.ts), and
   * printed so it said that no call got a unit (tester 389).
   */
  emptyWhen?: (row: Record<string, CellValue>) => boolean;
}

const shownColumns = (spec: TableSpec) => spec.columns.filter((c) => !c.hidden);

/** What every figure states beside it: the period, the denominator and the data-quality counts. */
export interface FigureMeta {
  period: { from: string; to: string; days: number };
  /** What the shares are of, and how many calls that is. */
  denominator?: { label: string; calls?: number };
  /** Data-quality counts that bear on the figure: values left out, quarantined rows... */
  quality: { label: string; value: number | Suppressed }[];
  /** Said instead of "no values left out" when there are no counts here because the table holds them. */
  qualityInTable?: string;
  note?: string;
  /**
   * The x cells of the figure's table (prepareTable): said beside the data quality, where "no values left
   * out" alone under a table of x read as nothing hidden (tester 343). Counted when the line is written,
   * since a section may withhold more of the table's cells after it is prepared (the severity tiers' shares
   * of classified calls).
   */
  suppressedCells?: () => number;
}

/** A table, and the sums its cells are parts of (suppress.ts: complementary suppression). */
export interface TableSpec extends SuppressionRules {
  /** File name of the CSV (csv/<id>.csv) and the anchor of the table. */
  id: string;
  title: string;
  columns: Column[];
  rows: Record<string, CellValue>[];
  meta: FigureMeta;
  /**
   * The name of the denominator the table's shares are of (`cfs_excl_officer_initiated`): its CSV ends with
   * a `denominator` column holding it, so that a file downloaded away from its page still says (tester
   * 295: three runs' `diverted_by_month.csv` read alike with three different shares).
   */
  csvDenominator?: string;
  /** Names places below the aggregate level (block addresses): left out of the public report. */
  restricted?: boolean;
  /** Rows shown in the HTML table; the CSV always has every row. */
  maxRows?: number;
  /**
   * How many leading columns name a row (its header cells), 1 by default. A row named by Phase and
   * Responder had only Phase as its header, so a screen reader read "Current practice, Eligible calls,
   * 7,058" for each responder (tester 242).
   */
  rowHeaders?: number;
}

export interface PreparedTable {
  spec: TableSpec;
  rows: Record<string, Cell>[];
  /** Keys of counts shared with other tables that this one hides (suppress.ts, links). */
  hiddenKeys: Set<string>;
  /** Counts from 1 to 10 the table cannot protect (suppress.ts, `exposed`). */
  exposed: CellRef[];
}

/** `forced`: keys of shared counts other tables hide (suppress.ts). */
export function prepareTable(
  spec: TableSpec,
  isPublic: boolean,
  forced: ReadonlySet<string> = new Set(),
): PreparedTable {
  if (!isPublic) return { spec, rows: emptied(spec, spec.rows), hiddenKeys: new Set(), exposed: [] };
  const r = suppressRows(spec.rows, spec.columns, spec, forced);
  const suppressedCells = () => countSuppressed(spec, r.rows);
  return {
    spec: { ...spec, meta: { ...spec.meta, suppressedCells } },
    rows: emptied(spec, r.rows),
    hiddenKeys: r.hiddenKeys,
    exposed: r.exposed,
  };
}

/** `rows` (the spec's, suppressed or not) with the cells of columns' emptyWhen empty, an x left as it is. */
function emptied(spec: TableSpec, rows: readonly Record<string, Cell>[]): Record<string, Cell>[] {
  const cols = spec.columns.filter((c) => c.emptyWhen);
  if (!cols.length) return rows as Record<string, Cell>[];
  return rows.map((r, i) => {
    const empty = cols.filter((c) => c.emptyWhen!(spec.rows[i]!) && !isSuppressed(r[c.key]));
    return empty.length ? { ...r, ...Object.fromEntries(empty.map((c) => [c.key, null])) } : r;
  });
}

/**
 * The x cells a reader sees, in every row (the CSV's): the audit's own count took in hidden columns and
 * left out shares, and read "3 cells suppressed" under a table with none (tester 118).
 */
function countSuppressed(spec: TableSpec, rows: readonly Record<string, Cell>[]): number {
  return rows.reduce((n, r) => n + shownColumns(spec).filter((c) => isSuppressed(r[c.key])).length, 0);
}

/** What an x stands for, in the words of the note under every table that has one. */
const X_MEANS = `a count from 1 to ${THRESHOLD - 1}, or a cell withheld so that one cannot be worked out`;

/** Longest name a table shows whole; the CSV beside it has every name whole. */
export const NAME_CHARACTERS = 80;

export function formatCell(v: Cell, kind: ColumnKind): string {
  if (isSuppressed(v)) return HIDDEN_TEXT;
  if (v === null || v === undefined) return '-';
  // A 100 kB area name, wrapped, made a cell two million pixels tall and printed its row's figures a digit
  // a line (tester 159); unwrapped, it had made the table 800,000 px wide (tester 158).
  if (typeof v === 'string') return cutText(v, NAME_CHARACTERS);
  switch (kind) {
    case 'count':
      return count(v);
    case 'share':
      return percent(v);
    case 'minutes':
      return minutes(v);
    case 'rate':
      // One decimal from 1 to 10 whole or not: September's 2 calls a day read "2" beside its caption's "2.0"
      // (tester 117).
      return rate(v);
    case 'number':
      // As a rate: a rate under 0.05 (an hour of the week with a call or two in a year) read 0.0 beside a 0
      // for none, and one decimal for all others put 0.056 units at 0.1 beside 0.043 (tester 96).
      return quantity(v);
    default:
      return String(v);
  }
}

/**
 * ` long` for a text with a word longer than any name's, which alone may wrap anywhere: every text cell
 * wrapping anywhere split "No postal code" over lines in the PDF.
 */
const longWord = (v: Cell) => (typeof v === 'string' && /\S{31,}/.test(v) ? ' long' : '');

/**
 * A cell as a table prints it: a time keeps its unit on its line (the print stylesheet lets numbers wrap so
 * that wide tables fit the page, and "16.0 min" broke as "16.0 / min", tester 117).
 */
const tableCell = (v: Cell, c: Column) =>
  c.format && typeof v === 'number'
    ? c.format(v)
    : c.kind === 'minutes'
      ? formatCell(v, c.kind).replace(' min', '\u00a0min')
      : formatCell(v, c.kind);

/** The sentence under a figure: period, denominator, data quality. Counts here are never small cells. */
export function metaLine(meta: FigureMeta, isPublic = false): Html {
  // In the cover's words (`30 Sep 2022 to 31 Dec 2022`), not ISO dates beside it (tester 117).
  const period = `${days(meta.period.from, meta.period.to)} (${count(meta.period.days)} ${meta.period.days === 1 ? 'day' : 'days'}, local time)`;
  const q = meta.quality.map(
    (x) => `${x.label}: ${isSuppressed(x.value) ? HIDDEN_TEXT : publicCount(x.value, isPublic, count)}`,
  );
  // A chart of x bars, its caption reading "suppressed", said "Data quality: no values left out" and no
  // more, which read as nothing hidden (tester 343): the line says what was, and what an x is.
  const cells = meta.suppressedCells?.() ?? 0;
  const xQuality = meta.quality.some((x) => isSuppressed(x.value));
  // Both: the count said the table's x cells alone beside an x here (tester 344).
  const suppressed = cells
    ? `${count(cells)} ${cells === 1 ? 'cell' : 'cells'}${xQuality ? ' and the counts shown as x here' : ''}, to protect small counts (x: ${X_MEANS})`
    : xQuality
      ? `the counts shown as x, to protect small counts (x: ${X_MEANS})`
      : '';
  return html`<p class="meta">
    <span><strong>Period:</strong> ${period}.</span>
    ${
      meta.denominator
        ? html`<span
            ><strong>Denominator:</strong> ${meta.denominator.label}${
              meta.denominator.calls !== undefined
                ? ` (${publicCount(meta.denominator.calls, isPublic, count)} calls)`
                : ''
            }.</span
          >`
        : ''
    }
    <span
      ><strong>Data quality:</strong> ${
        q.length ? q.join('; ') : (meta.qualityInTable ?? 'no values left out')
      }.</span
    >
    ${suppressed ? html`<span><strong>Suppressed:</strong> ${suppressed}.</span>` : ''}
    ${meta.note ? html`<span>${meta.note}</span>` : ''}
  </p>`;
}

export function renderTable(t: PreparedTable, options: { caption?: boolean } = {}): Html {
  const { spec } = t;
  const shown = spec.maxRows && t.rows.length > spec.maxRows ? t.rows.slice(0, spec.maxRows) : t.rows;
  const numeric = (c: Column) => c.kind !== 'text';
  const hiddenCells = countSuppressed(spec, t.rows);
  const headers = spec.rowHeaders ?? 1;
  // Focusable, as a chart is: a wide table scrolls sideways in its box on a phone, which a keyboard could
  // not reach (tester 242).
  return html`<div class="table-wrap" tabindex="0" role="group" aria-label="${spec.title}">
    <table id="table-${spec.id}">
      ${
        options.caption === false
          ? ''
          : html`<caption>
              ${spec.title}
            </caption>`
      }
      <thead>
        <tr>
          ${shownColumns(spec).map((c) => html`<th scope="col" class="${numeric(c) ? 'num' : ''}">${c.label}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${shown.map(
          (r) =>
            html`<tr>
              ${shownColumns(spec).map((c, i) => {
                const v = r[c.key]!;
                const kind = `${numeric(c) ? 'num' : ''}${longWord(v)}`;
                // A row's name is hidden too where it is a value of the export (suppress.ts, publicLabel).
                const hidden = isSuppressed(v) ? ' suppressed' : '';
                return i < headers
                  ? html`<th scope="row" class="${kind}${hidden}">${tableCell(v, c)}</th>`
                  : html`<td class="${kind}${hidden}">${tableCell(v, c)}</td>`;
              })}
            </tr>`,
        )}
      </tbody>
    </table>
    <p class="table-foot">
      ${shown.length < t.rows.length ? `First ${count(shown.length)} of ${count(t.rows.length)} rows. ` : ''}
      <a class="csv-link" href="csv/${spec.id}.csv" download>Download all rows as CSV (${spec.id}.csv)</a>
      ${
        hiddenCells
          ? ` ${count(hiddenCells)} ${hiddenCells === 1 ? 'cell' : 'cells'} suppressed (x): ${X_MEANS}.`
          : ''
      }
      ${
        // Tester 117 read a public interval table's "-" (a part it does not give) as 0.
        shown.some((r) => shownColumns(spec).some((c) => r[c.key] === null || r[c.key] === undefined))
          ? ' -: no value, which is not 0 (for example not recorded, not given in the public edition, or a share of no calls).'
          : ''
      }
    </p>
  </div>`;
}

function csvField(v: Cell, kind: ColumnKind): string {
  let s: string;
  if (isSuppressed(v)) s = HIDDEN_TEXT;
  else if (v === null || v === undefined) s = '';
  // Rounded as analysis.json is: the capacity table's units, worked out here, read 0.14853009259259295.
  else if (typeof v === 'number')
    s = kind === 'share' ? String(Math.round(v * 1e6) / 1e6) : String(noNoise(v));
  else {
    // A spreadsheet runs a cell that starts with = + - @ as a formula; data must never do that. A value
    // itself beginning `'=` gets a `'` too, or it read as `=` (tester 311).
    s = excelSafe(v);
  }
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV of every row: machine-readable values (shares 0-1, minutes as minutes), one header of column keys. */
export function tableCsv(t: PreparedTable): string {
  const cols = shownColumns(t.spec);
  const header = cols.map((c) => csvField(c.kind === 'minutes' ? `${c.key}_minutes` : c.key, 'text'));
  const denominator = t.spec.csvDenominator;
  const lines = t.rows.map((r) =>
    [
      ...cols.map((c) => {
        const v = r[c.key]!;
        return csvField(c.kind === 'minutes' && typeof v === 'number' ? tenthsOfMinutes(v) : v, c.kind);
      }),
      ...(denominator ? [csvField(denominator, 'text')] : []),
    ].join(','),
  );
  if (denominator) header.push('denominator');
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
