import { literal } from './sql.js';

/**
 * A spreadsheet runs a cell that begins with = + - @ (or a tab or CR) as a formula: Seattle's
 * `--ALARM-RESIDENTIAL BURG` came back `#NAME?` (tester 99), and a hostile `=HYPERLINK(...)` call type
 * would run (tester 269). Such a cell is written after a `'`, which a spreadsheet keeps as text and the
 * reader takes off again. One definition for the mapping file and the export sheet alike.
 */
const FORMULA_CHAR = String.raw`[=+\-@\t\r]`;

export const FORMULA_START = new RegExp(`^${FORMULA_CHAR}`);

/** What a spreadsheet writes for a formula it could not compute. */
export const EXCEL_ERROR = /^#(NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NUM!|NULL!)$/;

/**
 * Whether `v` is written after a `'`: it begins with a formula start after any `'`s, so that a value
 * itself beginning `'=` gets a `'` of its own and reads back whole (without it, `'=1` came back `=1`).
 */
const QUOTED = new RegExp(`^'*${FORMULA_CHAR}`);
const quoted = (v: string) => QUOTED.test(v);

export const excelSafe = (v: string) => (quoted(v) ? `'${v}` : v);

/**
 * `excelSafe` of a VARCHAR expression, for a table DuckDB writes as CSV itself (`analyze --out`): the same
 * pattern, which DuckDB's regular expressions read as JavaScript does. A copy of its own had left out the
 * `'`s, so `'=SUM(1)` and `=SUM(1)` were written alike (tester 311).
 */
export const excelSafeSql = (expr: string) =>
  `CASE WHEN regexp_matches(${expr}, ${literal(QUOTED.source)}) THEN '''' || ${expr} ELSE ${expr} END`;

/** The value `excelSafe` wrote as `v`; a value written before, with no `'`, is as written. */
export const unExcelSafe = (v: string) => (v.startsWith("'") && quoted(v.slice(1)) ? v.slice(1) : v);
