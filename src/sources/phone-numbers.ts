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
 * A digit, ASCII or full-width (tester 238: `６１２-555-0131` was stored whole). A number's first and last
 * digits stand apart from letters and digits; DuckDB's `\b` knows only ASCII, so beside a full-width digit
 * the test is `\B` (no ASCII letter, digit or `_` next to it).
 */
export const D = '[0-9\uFF10-\uFF19]';
// A letter or `_` glued to either end is taken with the number (tester 244: `612-555-0113x12`,
// `6125550113a`, `A123-45-6789` were kept whole, `\b` finding no edge between a digit and a letter).
export const FIRST = '(?:\\b[0-9]|[A-Za-z_][0-9]|\\B[\uFF10-\uFF19])';
export const LAST = '(?:[0-9](?:\\b|[A-Za-z_]+)|[\uFF10-\uFF19]\\B)';
/** The first digit of a North American area code or exchange, 2 to 9. */
const NANP = '[2-9\uFF12-\uFF19]';
/**
 * Before a number written without its marks: the start, or a character that is no digit, `_`, nor a decimal
 * point or comma (tester 238's shapes made `44.4849202925`, a latitude, and `-73.19827647529`, a longitude,
 * numbers), nor a letter; group 1, kept. A number glued to a letter (tester 244: `CALLER6125550113`) has no
 * country code (`S1 612-555-0118` is a sector and a number), the letter group 2, kept. It is taken, not tested: no number of this shape begins where the
 * last one ended, whose end is tested, not taken.
 */
const BEFORE_BARE = '(^|[^0-9A-Za-z_.,\uFF10-\uFF19])';

/**
 * A mark between two digits: `-`, `.`, `/`, `_`, a space, a no-break space, a thin space, or the other
 * hyphens and dashes editors write (tester 238: `612‐555‐0114` with U+2010, and U+2011 to U+2015, U+2212,
 * U+FF0D; tester 244: `612 555 0113` with U+2009 or U+202F was kept, DuckDB's `\s` knowing only ASCII).
 */
export const MARK = '[-./_ \u00A0\u2009\u202F\u2010-\u2015\u2212\uFF0D]';

/**
 * Between two digits of a number: a space, a mark or both (tester 231: `555_1234`, `555 - 12 - 34`,
 * `612/555-1234` kept digits).
 */
export const GAP = `\\s?${MARK}?\\s?`;

/**
 * A country code before a North American number, which goes with it (tester 238: `+1 612 555 0113` was
 * stored as `+1 X`, `1-612-555-0113` as `1-X`): `+1`, or a `1` standing apart, and a gap. An extension after
 * the number (`x12`, `EXT 12`) stays: alone it names no one.
 */
const COUNTRY = `(?:\\+\\s?1|\\b1)${GAP}`;

/**
 * Ten digits in threes and four (`802-555-1234`, `612 555 1234`, `(612) 555-1234`, `612.555.1234`,
 * `612/555-1234`, `(612)-555-1234`, `612‐555‐0114`, `６１２-555-0131`); where the area code and exchange
 * begin with 2 to 9, as North America's do, with any mark left out too (tester 238: `6125550103`,
 * `612555-0139`, `612-5550139`); after a country code or not (`+16125550113`, `+1 612 555 0113`,
 * `1-612-555-0113`, `+1 (612) 555-0113`). A longer run of digits is none (`20221001123456`), nor a ZIP+4
 * (`55413-1234`), a date or a case number (`2022-10-01`, `2022-123456`), nor the decimals of a coordinate.
 * Group 1 is the character before a number without marks, group 2 a letter glued to it; both kept.
 */
export const PHONE_TEN_DIGITS =
  `(?:${COUNTRY})?\\(${D}{3}\\)\\s*${MARK}?\\s*${D}{3}${GAP}${D}{3}${LAST}` +
  `|(?:${COUNTRY}${D}|${FIRST})${D}{2}\\s?${MARK}\\s?${D}{3}${GAP}${D}{3}${LAST}` +
  `|(?:${BEFORE_BARE}(?:(?:\\+\\s?)?1${GAP})?|([A-Za-z]))${NANP}${D}{2}${GAP}${NANP}${D}{2}${GAP}${D}{3}${LAST}`;

/**
 * Seven digits (or ten) after a telephone word anywhere, in any grouping (`TEL 555-1234`, `CBN: 555 1234`,
 * `PH NBR 555-12-34`, `TEL (555)1234`, `PH 55 51 234`), or glued to it (tester 231: `CB555-1234`, `PHONE555
 * 1234`); the word and what follows it up to the number are group 1, kept.
 */
export const PHONE_AFTER_WORD = `(?i)(\\b${PHONE_WORD}(?:\\b\\.?(?:\\s*(?:NO|NBR|NUM|NUMBER)\\b\\.?)?\\s*[#:]?\\s*)?)(?:\\(${D}{3}\\)\\s*${MARK}?\\s*${D}{3}|${D}(?:${GAP}${D}){5}${GAP}(?:${D}(?:${GAP}${D}){2}${GAP})?)${LAST}`;

/**
 * SQL: the text `s` (named once) with every telephone number of those shapes written `mask` (`X`; the block
 * level marks them apart first, to drop a name after one).
 */
export function phonesMaskedSql(s: string, mask = 'X'): string {
  return `regexp_replace(regexp_replace(${s}, '${PHONE_TEN_DIGITS}', '\\1\\2${mask}', 'g'), '${PHONE_AFTER_WORD}', '\\1${mask}', 'g')`;
}

/**
 * An international number (tester 241: `+44 20 7946 0958` and `tel +33 1 42 68 53 00` were stored whole):
 * `+` (or a full-width `＋`, tester 244), a country code and 6 to 12 more digits, 15 at most as E.164
 * allows, in groups apart by spaces, hyphens, slashes or brackets (`+44 (0)20 7946 0958`), or by dots in
 * groups of at most four (`+33.1.42.68.53.00`); not a point's `+44.4849202925`, whose decimals are one
 * group. Or dialled with `00` or, from North America, `011` in place of the `+` (tester 244: `0044 20 7946
 * 0958`, `011 44 20 7946 0958` were kept): a country code beginning with 1 to 9 and a gap after it, which a
 * beat or an id of zeros and digits has not (`0044`, `011`, `00123456`).
 */
const INTL_SPACES = '[-/ \u00A0\u2009\u202F\u2010-\u2015\u2212\uFF0D()]';
const INTL_GAP = `${INTL_SPACES}{0,3}`;
/** After `00` or `011`, dots part the groups too (tester 250: `011.44.20.7946.0958`, `011-44-20-7946-0958`). */
const INTL_DOTS = '[-/. \u00A0\u2009\u202F\u2010-\u2015\u2212\uFF0D()]';
/**
 * The prefix and country code in brackets go with the number, the `(` too (tester 252: `(0044) 20 7946 0958`
 * and `(+44) 20 7946 0958` were stored as `(X`), as `(612) 555-0179` goes whole; a `(` whose `)` comes after
 * the number stays with its `)` (`CALLER (0044 20 7946 0958)` -> `CALLER (X)`).
 */
const DIALLED_CODE = `(?:00|011)[-. \u00A0\u2009\u202F]?[1-9]${D}{0,2}`;
/**
 * The bracketed prefix needs no gap after it (tester 258: `(0044)2079460958` was stored as `(X`); nor do
 * `[+44]` and `+(44)`, which were kept (tester 258: `[+44] 20 7946 0958`, `+(44) 20 7946 0958`).
 */
const DIALLED = `(?:\\(${DIALLED_CODE}\\)${INTL_DOTS}{0,3}|\\b${DIALLED_CODE}${INTL_DOTS}{1,3})`;
export const PHONE_INTERNATIONAL =
  `(?:\\([+\uFF0B]\\s?${D}{1,3}\\)|\\[[+\uFF0B]\\s?${D}{1,3}\\]|[+\uFF0B]\\s?\\(?${D})(?:${INTL_GAP}${D}){6,14}${LAST}` +
  `|${DIALLED}${D}(?:${INTL_DOTS}{0,3}${D}){5,13}${LAST}` +
  `|[+\uFF0B]${D}{1,3}(?:\\.${D}{1,4}){2,6}${LAST}`;

/**
 * Ten digits as three, three, two and two (tester 241: `612 555 01 79`), a mark between each group and the
 * area code and exchange beginning with 2 to 9; a `1` before it goes with it. A date and time
 * (`2022-10-01 12:34:56`) has no such groups.
 */
const FIRST_NANP = '(?:\\b[2-9]|\\B[\uFF12-\uFF19])';
const SEP = `\\s?${MARK}\\s?`;
export const PHONE_TWO_PAIRS = `(?:\\b1${GAP})?(?:\\(${NANP}${D}{2}\\)\\s?|${FIRST_NANP}${D}{2}${SEP})${NANP}${D}{2}${SEP}${D}{2}${SEP}${D}${LAST}`;

/**
 * Numbers with nothing before them to tell them from an id, taken only where a number without marks may
 * begin (BEFORE_NO_PREFIX, group 1, kept: a point's `45.0026837652539` has `00` and digits after its point).
 * Dialled with `00` or `011` and no mark at all, 10 to 15 digits after it, the first 1 to 9 (tester 250:
 * `00442079460958`, `011442079460958` were kept; `0044`, `011` alone and `00123456` are too short). Or a
 * national number with its trunk `0`, as Europe and Australia write them, in three groups apart by marks,
 * 10 or 11 digits (tester 250: `0612 555 0199` after NFKC, and `020 7946 0958`, `0412 345 678`, `02 9876
 * 5432`), which the ten digits above do not take, their first group being four.
 */
const DIALLED_BARE = `(?:00|011)[1-9]${D}{8,13}${LAST}`;
/** Marks between a trunk number's groups: not `/` or `_`, which a date and its time write (`10/01/2022 2460`). */
const TRUNK_SEP = `\\s?[-. \u00A0\u2009\u202F\u2010-\u2015\u2212\uFF0D]\\s?`;
/**
 * The trunk number's shapes (tester 258: `07911 123456`, `0612 5550199`, `0612 555 01 99`, `06 12 55 01 99`,
 * `06.12.55.01.99` were kept, and `0 612 555 0199` was stored as `0 X`): 10 or 11 digits in groups of these
 * lengths only, as ids and codes with a leading `0` are written otherwise.
 */
const TRUNK_SHAPES = [
  `[1-9]${D}{2}${TRUNK_SEP}${D}{3}${TRUNK_SEP}${D}{2,3}`, // 0612 555 0199, 0412 345 678
  `[1-9]${D}?${TRUNK_SEP}${D}{4}${TRUNK_SEP}${D}{3}`, // 020 7946 0958, 02 9876 5432
  `[1-9]${D}{3}${TRUNK_SEP}${D}{5}`, // 07911 123456
  `[1-9]${D}{2}${TRUNK_SEP}${D}{6}`, // 0612 5550199
  `[1-9]${D}{2}${TRUNK_SEP}${D}{3}${TRUNK_SEP}${D}{2}${TRUNK_SEP}${D}`, // 0612 555 01 99
  `[1-9](?:${TRUNK_SEP}${D}{2}){3}${TRUNK_SEP}${D}`, // 06 12 55 01 99, 06.12.55.01.99
  `${TRUNK_SEP}[1-9]${D}{2}${TRUNK_SEP}${D}{3}${TRUNK_SEP}${D}{3}`, // 0 612 555 0199
];
const TRUNK = `0(?:${TRUNK_SHAPES.join('|')})${LAST}`;
/**
 * A trunk area code in brackets (tester 258: `(020) 7946 0958`, `(0612) 555 0199` were kept), which may follow
 * a digit and a space, as a number dialled with `00` or `011` may (`UNIT 5 00442079460958`).
 */
const TRUNK_BRACKETED = `\\(0[1-9]${D}{1,2}\\)\\s?(?:${D}{3,4}${TRUNK_SEP}${D}{3})${LAST}`;
/**
 * BEFORE_BARE, and not after `/` or `-`: a date's month and year (`10/01/2022 2460`, `10-01-2022 2460`); nor
 * after a digit and spaces, a date and time written with spaces (tester 258: `10 01 2022 0405` was stored as
 * `10 X`). Spaces are taken with the character before them (kept), as DuckDB has no look-behind.
 */
const NO_PREFIX_SPACE = '[\\s\u00A0\u2009\u202F]';
const BEFORE_NO_PREFIX = `(^|[^0-9A-Za-z_.,/\uFF10-\uFF19\\s\u00A0\u2009\u202F-]|(?:^|[^0-9\uFF10-\uFF19\\s\u00A0\u2009\u202F])${NO_PREFIX_SPACE}+)`;
/** Those two may follow a digit and a space (the space group 2, kept). */
export const PHONE_NO_PREFIX = `${BEFORE_NO_PREFIX}(?:${DIALLED_BARE}|${TRUNK}|${TRUNK_BRACKETED})|(${NO_PREFIX_SPACE})(?:${DIALLED_BARE}|${TRUNK_BRACKETED})`;

/**
 * A local number of seven digits with no word before it, written as one: three digits, the first 2 to 9, a
 * hyphen or a dash, and four (`555-0134`; tester 297: `Check the Welfare 555-0134` was published, where the
 * address's `1234 MAIN ST 555-0134` was masked). Not after a digit, a letter, `/`, `-`, a point or a comma
 * (`22-555-0134`), nor with a point (`609.2242`, a statute; tester 301), nor a range of clock times on the
 * quarter hour (TIME_RANGE). Or the seven digits written without the hyphen, a run of exactly seven after
 * other text (tester 383: `RP AT 5551234`, `Welfare Check 5551234` were kept); at the start only before
 * spaces and a letter (helper D132: `5551234 CALLER SAYS` was kept), since a value that is a seven-digit beat
 * or code (`2345678`) would be one area with all the others. No stored value of the four built-in exports
 * has any of these shapes. Group 1 or 2 is the character before, kept; group 3 the spaces and the letter
 * after, kept.
 */
const PHONE_LOCAL =
  `(^|[^0-9A-Za-z_.,/\uFF10-\uFF19\x02-])${NANP}${D}{2}[-\u2010-\u2015\u2212\uFF0D]${D}{3}${LAST}` +
  `|([^0-9A-Za-z_.,/\uFF10-\uFF19\x02-])${NANP}${D}{5}${LAST}` +
  `|^${NANP}${D}{5}[0-9\uFF10-\uFF19]([\\s\u00A0]+[A-Za-z])`;
/**
 * Hours of a day from one clock time to another, each on the quarter hour (`No Parking 700-1800`, `Quiet
 * Hours 900-0700`: tester 301 found them masked and two ranges made one type). Marked (chr(2) after the
 * dash) while PHONE_LOCAL runs, so that it passes them.
 */
const TIME_RANGE = `\\b([0-2]?[0-9](?:00|15|30|45))([-\u2010-\u2015])((?:[01][0-9]|2[0-4])(?:00|15|30|45))\\b`;

/**
 * SQL: the text value `s` (named once) with the international numbers, the national numbers with a trunk
 * `0` and the two-pair groupings written `mask` (`X`), then the shapes above (phonesMaskedSql), then the local
 * seven-digit ones (PHONE_LOCAL). For the stored text values only (to-canonical.ts); the address keeps its own
 * rules (block-address.ts).
 */
export function valuePhonesMaskedSql(s: string, mask = 'X'): string {
  const numbers = phonesMaskedSql(
    `regexp_replace(${s}, '${PHONE_NO_PREFIX}|${PHONE_INTERNATIONAL}|${PHONE_TWO_PAIRS}', '\\1\\2${mask}', 'g')`,
    mask,
  );
  const ranges = `regexp_replace(${numbers}, '${TIME_RANGE}', '\\1\\2' || chr(2) || '\\3', 'g')`;
  return `replace(regexp_replace(${ranges}, '${PHONE_LOCAL}', '\\1\\2${mask}\\3', 'g'), chr(2), '')`;
}

/**
 * SQL: whether any of the text `columns` of a row may hold a telephone number of the shapes above: seven
 * digits or more, ASCII or full-width, each at most three characters from the last (`555-1234`, `555 - 12 -
 * 34`, `55 51 234`, `(612) 555 1234`, `6125550103`), or `(555)` and four digits, within one column. One test
 * of the row's columns joined, not one per column: the text columns are many and the rows millions (a test
 * per column of ten million rows' 12 took 12.5 s, joined 4.5 s, on this project's 2 cores), and a value with
 * no such run is left as it is. Postal codes, house numbers and beats have fewer digits in a run. The
 * other personal data masked with the numbers (src/sources/personal-values.ts; tester 241) passes too: an
 * `@`, a full-width `＠` (an e-mail address; tester 244) or a small `﹫` (tester 252) or a word that begins one
 * of the words before a social security number, a date of birth or a driver's licence (`SSN`, `SS#`, `SOC
 * SEC`, `DOB`, `D.O.B.`, `B/D`, `BDAY`, `B-DAY` (tester 252), `B.D.`, `B DAY` (tester 258), `BIRTH`, `BORN`, `DL`,
 * `D/L`, `OLN`, `LIC`; `D/O/B`, tester 261), or one of the words before a plate or an id, whole (tester 261:
 * `LP`, `TAG`, `PLATE`, `PLT`, `REG`, `VIN`, `MEDICAID`, `PASSPORT`, `MRN`, `MR`, `VEH`; not `TAGS` or `REGULAR`, which
 * take nothing), or an `at` in brackets, full-width ones too (an e-mail address's `(at)`, `[at]`, `（at）`; tester 261),
 * whose numbers may have fewer than seven digits (`DOB 3/4/87`,
 * `BORN 3/4/87`, `TAG ABC123`), and any full-width letter, as those words may be written so (tester 250: `ＤＯＢ ３/４/８７`;
 * masked as its NFKC form reads, personal-values.ts). `S.S.N.` needs no word of its own: its nine digits pass.
 */
export function phonesGateSql(columns: readonly string[], also?: string): string {
  return `regexp_matches(concat_ws(chr(10), ${columns.join(', ')}), '${also ? `${also}|` : ''}${D}(?:[^0-9\uFF10-\uFF19\\n]{0,3}${D}){6}|\\(${D}{3}\\)\\s*${MARK}?\\s*${D}{4}|[@\uFF20\uFE6B\uFF21-\uFF3A\uFF41-\uFF5A]|(?i:\\b(?:SS|SOC|D[./]?\\s?O[./]?\\s?B|B[-/. ]?D|BIRTH|BORN|DL|D/L|OLN|LIC)|\\b(?:LP|TAG|PLATE|PLT|REG|VIN|MEDICAID|PASSPORT|MRN?|VEH)\\b|[(\\[{<\uFF08\uFF3B\uFE59]\\s?AT\\s?[)\\]}>\uFF09\uFF3D\uFE5A])')`;
}
