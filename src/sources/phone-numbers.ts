/**
 * Telephone numbers, as DuckDB regular expressions: one definition for the address's block level
 * (block-address.ts) and for every other text value ingest stores (docs/schema.md, "What is never loaded").
 */

/**
 * Words before a telephone number (`TEL`, `CB`: call back, `C/B`, `TÉL`, `TELEFONO`; tester 231: `TELE`, `TLF`,
 * `CEL`, `CELULAR`, `TELÉFONO`, `CALL-BACK`).
 */
export const PHONE_WORD =
  '(?:TELEPHONE|TELÉFONO|TELEFONO|TELEF|TELE|TEL|TÉL|TLF|PHONE|PHN|PH|CBN|CB|C/B|CALL[- ]?BACK|MOBILE|MOB|CELLPHONE|CELLULAR|CELULAR|CELL|CEL)';

/**
 * Between two digits of a number: a space, a mark (`-`, `.`, `/`, `_`) or both (tester 231: `555_1234`,
 * `555 - 12 - 34`, `612/555-1234` kept digits).
 */
const GAP = '\\s?[-./_ ]?\\s?';

/**
 * Ten digits in threes and four (`802-555-1234`, `612 555 1234`, `(612) 555-1234`, `612.555.1234`,
 * `612/555-1234`, `(612)-555-1234`).
 */
export const PHONE_TEN_DIGITS = `(?:\\(\\d{3}\\)\\s*[-./_]?\\s*|\\b\\d{3}\\s?[-./_ ]\\s?)\\d{3}${GAP}\\d{4}\\b`;

/**
 * Seven digits (or ten) after a telephone word anywhere, in any grouping (`TEL 555-1234`, `CBN: 555 1234`,
 * `PH NBR 555-12-34`, `TEL (555)1234`, `PH 55 51 234`), or glued to it (tester 231: `CB555-1234`, `PHONE555
 * 1234`); the word and what follows it up to the number are group 1, kept.
 */
export const PHONE_AFTER_WORD = `(?i)(\\b${PHONE_WORD}(?:\\b\\.?(?:\\s*(?:NO|NBR|NUM|NUMBER)\\b\\.?)?\\s*[#:]?\\s*)?)(?:\\(\\d{3}\\)\\s*[-./_]?\\s*\\d{4}|\\d(?:${GAP}\\d){6}(?:(?:${GAP}\\d){3})?)\\b`;

/**
 * SQL: the text `s` (named once) with every telephone number of those shapes written `mask` (`X`; the block
 * level marks them apart first, to drop a name after one).
 */
export function phonesMaskedSql(s: string, mask = 'X'): string {
  return `regexp_replace(regexp_replace(${s}, '${PHONE_TEN_DIGITS}', '${mask}', 'g'), '${PHONE_AFTER_WORD}', '\\1${mask}', 'g')`;
}

/**
 * SQL: whether any of the text `columns` of a row may hold a telephone number of the shapes above: seven
 * digits or more, each at most three characters from the last (`555-1234`, `555 - 12 - 34`, `55 51 234`,
 * `(612) 555 1234`), or `(555)` and four digits, within one column. One test of the row's columns joined,
 * not one per column: the text columns are many and the rows millions (a test per column of ten million
 * rows' 12 took 12.5 s, joined 4.5 s, on this project's 2 cores), and a value with no such run is left as
 * it is. Postal codes, house numbers and beats have fewer digits in a run.
 */
export function phonesGateSql(columns: readonly string[]): string {
  return `regexp_matches(concat_ws(chr(10), ${columns.join(', ')}), '\\d(?:[^\\d\\n]{0,3}\\d){6}|\\(\\d{3}\\)\\s*[-./_]?\\s*\\d{4}')`;
}
