/**
 * Telephone numbers, as DuckDB regular expressions: one definition for the address's block level
 * (block-address.ts) and for every other text value ingest stores (docs/schema.md, "What is never loaded").
 */

/** Words before a telephone number (`TEL`, `CB`: call back, `C/B`, `TÉL`, `TELEFONO`). */
export const PHONE_WORD =
  '(?:TELEPHONE|TELEFONO|TELEF|TEL|TÉL|PHONE|PHN|PH|CBN|CB|C/B|CALL ?BACK|MOBILE|MOB|CELLPHONE|CELL)';

/** Ten digits in threes and four (`802-555-1234`, `612 555 1234`, `(612) 555-1234`, `612.555.1234`). */
export const PHONE_TEN_DIGITS = '(?:\\(\\d{3}\\)\\s*|\\b\\d{3}[-. ])\\d{3}[-. ]?\\d{4}\\b';

/**
 * Seven digits after a telephone word anywhere (`TEL 555-1234`, `CBN: 555 1234`, `PH NBR 555-12-34`,
 * `TEL (555)1234`); the word and what follows it up to the number are group 1, kept.
 */
export const PHONE_AFTER_WORD = `(?i)(\\b${PHONE_WORD}\\b\\.?(?:\\s*(?:NO|NBR|NUM|NUMBER)\\b\\.?)?\\s*[#:]?\\s*)(?:\\(\\d{3}\\)\\s*\\d{4}|\\d{3}\\s?[-. ]?\\s?\\d{4}|\\d{3}[-. ]\\d{2}[-. ]\\d{2})\\b`;

/** SQL: the text `s` (named once) with every telephone number of those shapes written `X`. */
export function phonesMaskedSql(s: string): string {
  return `regexp_replace(regexp_replace(${s}, '${PHONE_TEN_DIGITS}', 'X', 'g'), '${PHONE_AFTER_WORD}', '\\1X', 'g')`;
}

/**
 * SQL: whether any of the text `columns` of a row may hold a telephone number of the shapes above: seven
 * digits or more, in the groups they are written in (`555-1234`, `555 - 12 34`, `(612) 555 1234`), within
 * one column. One test of the row's columns joined, not one per column: the text columns are many and the
 * rows millions (a test per column of a million calls' 15 took 1.5 s more than reading them, a third of
 * that joined), and a value with no such run is left as it is. Postal codes, house numbers and beats have
 * fewer digits in a run.
 */
export function phonesGateSql(columns: readonly string[]): string {
  return `regexp_matches(concat_ws(chr(10), ${columns.join(', ')}), '\\d{3}[^\\d\\n]{0,3}\\d{2}[^\\d\\n]?\\d{2}|\\(\\d{3}\\)\\s*\\d{4}')`;
}
