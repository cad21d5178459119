/**
 * A spreadsheet runs a cell that begins with = + - @ (or a tab or CR) as a formula: Seattle's
 * `--ALARM-RESIDENTIAL BURG` came back `#NAME?` (tester 99), and a hostile `=HYPERLINK(...)` call type
 * would run (tester 269). Such a cell is written after a `'`, which a spreadsheet keeps as text and the
 * reader takes off again. One definition for the mapping file and the export sheet alike.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** What a spreadsheet writes for a formula it could not compute. */
export const EXCEL_ERROR = /^#(NAME\?|VALUE!|REF!|DIV\/0!|N\/A|NUM!|NULL!)$/;

/**
 * Whether `v` is written after a `'`: it begins with a formula start after any `'`s, so that a value
 * itself beginning `'=` gets a `'` of its own and reads back whole (without it, `'=1` came back `=1`).
 */
const quoted = (v: string) => FORMULA_START.test(v.replace(/^'+/, ''));

export const excelSafe = (v: string) => (quoted(v) ? `'${v}` : v);

/** The value `excelSafe` wrote as `v`; a value written before, with no `'`, is as written. */
export const unExcelSafe = (v: string) => (v.startsWith("'") && quoted(v.slice(1)) ? v.slice(1) : v);
