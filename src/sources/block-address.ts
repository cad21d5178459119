/**
 * An address at block level (docs/schema.md, "What is never loaded"): every house number becomes its hundred
 * block, wherever it stands, and unit numbers go. `1234 MAIN ST` -> `12XX MAIN ST`; `0003XX 1ST AVE N` ->
 * `3XX 1ST AVE N`; `MAIN ST 1234` -> `MAIN ST 12XX`; `CVS 35 CHURCH ST` -> `CVS 0XX CHURCH ST`;
 * `APT 5 1234 MAIN ST`, `1234 MAIN ST APT 5B` -> `12XX MAIN ST`; `N1234 COUNTY RD K` -> `12XX COUNTY RD K`;
 * `1,234 MAIN ST` -> `12XX MAIN ST`; `1234 1/2 MAIN ST` -> `12XX MAIN ST`; `1234MAIN ST` -> `12XXMAIN ST`;
 * full-width, Arabic-Indic and Devanagari digits as ASCII ones, those of other scripts masked (`XXXX`). Route numbers stay (`HWY 55`, `COUNTY RD 42`, `I 35W`), as do fractional street names
 * (`29 1/2 ST E`), ordinals (`1ST`) and intersections (`A & B`).
 */

/** Full-width, Arabic-Indic, Persian and Devanagari digits, each set in order from zero. */
const OTHER_DIGITS = '０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९';

const UNIT = '(#|APT|APARTMENT|UNIT|STE|SUITE|RM|ROOM|LOT|FL|FLOOR|BLDG|SPC|SPACE)';
const ROUTE =
  '(HWY|HIGHWAY|ROUTE|RTE|RT|US|SR|CSAH|CR|INTERSTATE|I|(?:COUNTY|CO|CTY|STATE)\\s+(?:RD|ROAD|HWY|HIGHWAY|ROUTE))';

/** Street types a fractional street name comes before (`29 1/2 ST`). */
const STREET_TYPE = 'ST|STREET|AVE|AVENUE|AV|PL|PLACE|RD|ROAD|DR|DRIVE|LN|LANE|CT|COURT|TER|TERRACE|WAY|BLVD';

/** After the number: words without digits, or ordinals (`7TH AVE`), one space apart. */
const WORDS = '(?: (?:\\d+(?:ST|ND|RD|TH)|[^\\p{Nd}#\\s]+))*';

/**
 * SQL of the block-level form of the text value `v` (which it names more than once: give it a column).
 * The common shapes (a number or hundred block, then a street of words and ordinals) take the cheap branch;
 * the rest go through the whole chain, where `v` appears once.
 */
export function blockLevelSql(v: string): string {
  // Digits of other scripts as ASCII ones; any script not listed is masked whole.
  let s = `CASE WHEN strlen(${v}) <> length(${v}) THEN regexp_replace(translate(${v}, '${OTHER_DIGITS}', '${'0123456789'.repeat(OTHER_DIGITS.length / 10)}'), '[^\\P{Nd}0-9]', 'X', 'g') ELSE ${v} END`;
  // A unit designator and the number after it (`APT 5B`, `#12`).
  s = `regexp_replace(${s}, '(?i)(^|\\s)${UNIT}\\.?\\s*#?\\s*[A-Z0-9-]*\\d[A-Z0-9-]*\\b', ' ', 'g')`;
  s = `regexp_replace(${s}, '(\\d),(\\d{3})\\b', '\\1\\2', 'g')`;
  // Route numbers are marked (~R) so that the house-number rules pass them by.
  s = `regexp_replace(${s}, '(?i)\\b${ROUTE}[\\s-]*(\\d+)', '\\1 ~R\\2', 'g')`;
  // A fraction before a street type that ends the street (a direction at most after it) is the street's
  // name (`29 1/2 ST E`, Minneapolis' half streets), marked so; any other is part of a house number
  // (`1234 1/2 MAIN ST`; `12 1/2 ST PAUL AVE`, where ST is a saint) and goes with it.
  s = `regexp_replace(${s}, '(?i)\\b(\\d+) (\\d)/(\\d) (${STREET_TYPE})((?: (?:NORTHEAST|NORTHWEST|SOUTHEAST|SOUTHWEST|NORTH|SOUTH|EAST|WEST|[NS][EW]|[NSEW]))?(?:\\s*$|\\s*[&,]))', '~R\\1 ~R\\2/~R\\3 \\4\\5', 'g')`;
  s = `regexp_replace(${s}, '(~R\\d+|\\b\\d+(?:XX)?) \\d/\\d\\b', '\\1', 'g')`;
  // Numbers of three digits or more keep their hundreds, with an optional grid prefix (N1234) or letter
  // (1234A); those of one or two are block 0. Ordinals (1ST) are neither.
  s = `regexp_replace(${s}, '(?i)\\b[NSEW]?0*(\\d+)\\d\\d[A-Z]?\\b', '\\1XX', 'g')`;
  s = `regexp_replace(${s}, '(?i)\\b[NSEW]?\\d{1,2}[A-Z]?\\b', '0XX', 'g')`;
  s = `regexp_replace(${s}, '\\b0+(\\d+XX)\\b', '\\1', 'g')`;
  // A number glued to letters (`1234MAIN`, `A1234`, `MAIN ST1234`, `1234_MAIN`) has no word boundary for
  // the rules above. Every digit left, but route numbers (~R), blocks (12XX) and ordinals (1ST), goes the
  // same way: the hundreds of three digits or more, block 0 for one or two.
  s = `regexp_replace(replace(${s}, '~R', '~'), '(\\d+XX|(?i)\\d+(?:ST|ND|RD|TH)\\b)', '~\\1', 'g')`;
  s = `regexp_replace(${s}, '(^|[^~0-9])0*(\\d*\\d)\\d\\d', '\\1~\\2XX', 'g')`;
  s = `regexp_replace(${s}, '(^|[^~0-9])\\d{1,2}', '\\1~0XX', 'g')`;
  s = `regexp_replace(regexp_replace(replace(${s}, '~', ''), '\\s+', ' ', 'g'), '^[\\s,-]+|\\s+$', '', 'g')`;
  return `CASE WHEN regexp_full_match(${v}, '0*\\d+XX${WORDS}') THEN regexp_replace(${v}, '^0*(\\d+XX)', '\\1')
    WHEN regexp_full_match(${v}, '\\d+${WORDS}') THEN
      CAST(CAST(regexp_extract(${v}, '^(\\d+)', 1) AS HUGEINT) // 100 AS VARCHAR) || 'XX' || regexp_replace(${v}, '^\\d+', '')
    ELSE ${s} END`;
}
