/**
 * Street addresses inside the text values ingest stores other than the address itself (a call type, a
 * disposition, a cancel reason): `Check the Welfare 4567 ELM AVE APT 5`, `AOK- All OK at 1234 MAIN ST APT 5`
 * were stored and, at 11 calls or more, published in the public report's pathways (tester 297). They are
 * cut to block level as the address is (block-address.ts: `4567` -> `45XX`), the flat after them dropped.
 *
 * A CAD's own text has numbers before street names that are no house's (tester 301): 10-codes
 * (`10-50 PD Lake St`), routes and exits (`I-394 HOV LN`, `US 169 Service Rd`, `CSAH 152 Brooklyn Blvd`,
 * `Exit 235 Cedar Ave Ramp`), units (`Squad 512 Lake St Detail`) and counts (`2 Officers Lake St`). Cutting
 * them merged call types a city keeps apart. So an address here is a house number of three digits or more,
 * after a space, a bracket, a quote or a mark of punctuation (not a hyphen, a slash, a point or a digit:
 * `10-50`, `N/394 HOV LN`) and not after a route's, a unit's or a code's word, then one to four words that
 * begin with a capital or a digit, then a street type. A house number of one or two digits is kept, as are
 * words in lower case and full-width digits.
 *
 * Tester 330 found three more kept whole in call types: a street written without a type after a direction
 * (`Check Welfare 4567 WEST BROADWAY`: Minneapolis' West Broadway has none, and its `4XX WEST BROADWAY` is the
 * city's second address), a point's latitude and longitude (`44.9778,-93.2650`, `POINT(-93.2650 44.9778)`)
 * and a post office box (`PO BOX 1535`). The first is a house number as above, then a direction and one
 * word that begins with a capital: a route's, a unit's or a code's number is still marked first, and a
 * count or a 10-code is still too short or after a hyphen. A point is two decimals of three fraction digits
 * or more, one a latitude and the other a longitude by their ranges, so a statute (`609.2242`) stays; it
 * says `(location)`, there being no block to keep. A box's number is cut as a house number is.
 *
 * Tester 332: a point as CAD systems write it (`WPH2 LAT 44.977812 LON -93.265011`, `N44.977812 W93.265011`,
 * `44.9778°, -93.2650°`, `44.977812/-93.265011`) was kept, and a box already cut was cut again (`PO BOX 15XX`
 * -> `PO BOX XX`). The pair's words, letters and marks are read now, and a cut box is left as it is.
 */
import { STREET_TYPE } from './block-address.js';
import { WHITE_SPACE } from './white-space.js';

/**
 * Street types a house number and a name come before. Not a highway's, freeway's or expressway's, which a
 * route number follows (`10-50 PI HWY 55`).
 */
export const TYPE = `${STREET_TYPE}|PKWY|PARKWAY|CIR|CIRCLE|TRL|TRAIL|MALL`;
/**
 * White space between an address's words, as a raw value has it (tester 305: a tab, a double space or a
 * no-break space kept `Welfare 1234<TAB>MAIN ST` whole in the raw call type column and the mapping sheet);
 * SPACES_OR_NONE where the words may touch.
 */
const SPACES = `${WHITE_SPACE}+`;
const SPACES_OR_NONE = `${WHITE_SPACE}*`;
/**
 * A direction before a street's name, in capitals or capitalised (`W`, `WEST`, `West`, `NE`): a word in lower
 * case is kept, as elsewhere.
 */
const DIRECTION = `(?:(?:NORTH|SOUTH)(?:EAST|WEST)?|EAST|WEST|(?:North|South)(?:east|west)?|East|West|[NS][EW]|[NSEW])\\.?`;
/**
 * The street: one to four words, each beginning with a capital or a digit, and its type (`MARTIN LUTHER KING
 * JR BLVD`, tester 300), or a direction and one word of letters beginning with a capital, a street with no
 * type (`WEST BROADWAY`, `W Broadway`; tester 330); group kept.
 */
const STREET = `(${SPACES}(?:(?:[A-Z0-9][A-Za-z0-9.'']*${SPACES}){1,4}(?i:${TYPE})\\b\\.?(?:${SPACES}(?:[NS][EW]|[NSEW])\\b)?|${DIRECTION}${SPACES}[A-Z][A-Za-z'']+\\b))`;
/** A flat after the street (`APT 5`, `, UNIT 5B`, `#5`, `STE 200`, `FL 3`; its number marked, below), dropped. */
const FLAT = `(?:,?${SPACES_OR_NONE}(?:(?i:APT|APARTMENT|UNIT|STE|SUITE|RM|ROOM|LOT|TRLR|FL|FLR|FLOOR)\\b\\.?${SPACES_OR_NONE}#?${SPACES_OR_NONE}|#${SPACES_OR_NONE})\\x02?[A-Za-z0-9-]+\\b)?`;
/**
 * A flat written before the house number (`APT 5 1234 MAIN ST`, `#5, 1234 MAIN ST`), dropped as the block
 * level drops it (tester 359: it was stored `APT 5 12XX MAIN ST`): a number, or a letter alone (`APT B`).
 * Its number is marked (NOT_A_HOUSE), so only the house number after it begins an address. A hyphen may
 * stand before the flat's word (a disposition's `INF-APT 5 1234 MAIN ST`), not before a house number alone.
 */
const FLAT_BEFORE = `(?:(?i:APT|APARTMENT|UNIT|STE|SUITE|RM|ROOM|LOT|TRLR|FL|FLR|FLOOR)\\b\\.?${SPACES_OR_NONE}#?${SPACES_OR_NONE}|#${SPACES_OR_NONE})\\x02?(?:[A-Za-z0-9-]*[0-9][A-Za-z0-9-]*|[A-Za-z])\\b,?${SPACES}`;
/** What may stand before a house number (a quote: the quarantine file's values are JSON); group kept. */
const BEFORE = `(^|[(\\[,;:@&"]|${WHITE_SPACE})`;
/**
 * Words whose number is no house's: routes, exits and mile markers, units and vehicles, codes and
 * sections, places numbered in a site. A number after one is marked (chr(2)) so that no address begins
 * there, and the mark taken out after.
 */
const NOT_A_HOUSE =
  'HWY|HIGHWAY|FWY|FREEWAY|EXPY|US|USH|I|IH|SR|STH|TH|CR|CSAH|CTH|CTY|COUNTY|RTE|ROUTE|RT|EXIT|MM|MP|MILE|' +
  'SQUAD|CAR|UNIT|UNITS|BUS|LINE|TRAIN|ENGINE|MEDIC|LADDER|TRUCK|RESCUE|BATTALION|BADGE|SHIFT|PLATOON|' +
  'CODE|SEC|SECTION|SUBD|STATUTE|ORD|ORDINANCE|CASE|FILE|CALL|PERMIT|LIC|LICENSE|TAG|' +
  'GATE|POLE|BUILDING|BLDG|PIER|DOCK|LOT|STATION|SECTOR|BEAT|PRECINCT|DISTRICT|ZONE|WARD|ROOM|RM|FLOOR|FL|' +
  'CHANNEL|CH|TAC|STE|SUITE|APT|PLATFORM|STALL|SPACE|LEVEL|RAMP|' +
  // Tester 305: a precinct, a grid, a signal, a box, a post, an area, a team, a priority; a county road.
  'PCT|GRID|SIGNAL|BOX|POST|AREA|TEAM|PRIORITY|PRI|RD|ROAD';

/** A post office box's words (`PO BOX`, `P.O. Box`, `POST OFFICE BOX`) and the marks before its number. */
const PO_BOX = `\\b(?i:P\\.?${SPACES_OR_NONE}O\\.?${SPACES_OR_NONE}BOX|POST${SPACES}OFFICE${SPACES}BOX)${SPACES_OR_NONE}#?${SPACES_OR_NONE}`;

/**
 * A point's latitude and longitude, in either order (`44.9778,-93.2650`, `44.977812, -93.265011`, a WKT
 * `-93.2650 44.9778`): two decimals of three fraction digits or more, apart by a comma, a semicolon, a slash
 * or spaces, one within -90..90 and the other within -180..180. Three fraction digits place a call within
 * about a hundred metres; fewer, and a number with a point is more often something else. Tester 332: CAD
 * systems also write each with its word (`WPH2 LAT 44.977812 LON -93.265011`, `LAT: 44.977812 LONG:
 * -93.265011`), a hemisphere's letter before or after it (`N44.977812 W93.265011`, `44.9778N 93.2650W`), a
 * degree sign (`44.9778°, -93.2650°`) or zeros padding it to three digits (`044.977812 -093.265011`): the
 * words and letters go with the pair, the ranges being the same.
 */
const LATITUDE = `[-+]?0?(?:[0-8]?[0-9]\\.[0-9]{3,}|90\\.0{3,})`;
const LONGITUDE = `[-+]?0?(?:(?:1[0-7][0-9]|[0-9]?[0-9])\\.[0-9]{3,}|180\\.0{3,})`;
/** A coordinate's word and its colon (`LAT`, `Lon.`, `LONG:`, `LATITUDE=`), either word before either number. */
const COORDINATE_WORD = `(?:\\b(?i:LAT(?:ITUDE)?|LONG?(?:ITUDE)?|LNG)\\.?${SPACES_OR_NONE}[:=]?${SPACES_OR_NONE})?`;
/** A degree sign (or the ordinal sign typed for it). */
const DEGREE = '[\u00B0\u00BA]?';
// A hemisphere's letter begins a word (tester 334: the S of `MS 84.872/85.205` went with the pair) and may
// follow the number after a space (`44.9778° N, 93.2650° W`, the usual published form).
const LATITUDE_SIDE = `${COORDINATE_WORD}(?:\\b[NS]${SPACES_OR_NONE})?${LATITUDE}${DEGREE}(?:${SPACES_OR_NONE}[NS]\\b)?`;
const LONGITUDE_SIDE = `${COORDINATE_WORD}(?:\\b[EW]${SPACES_OR_NONE})?${LONGITUDE}${DEGREE}(?:${SPACES_OR_NONE}[EW]\\b)?`;
const PAIR_APART = `(?:${SPACES_OR_NONE}[,;/]${SPACES_OR_NONE}|${SPACES})`;
const PAIR = `(?:${LATITUDE_SIDE}${PAIR_APART}${LONGITUDE_SIDE}|${LONGITUDE_SIDE}${PAIR_APART}${LATITUDE_SIDE})`;
/**
 * The pair, not after a digit or a point (`609.2242` is a statute's, `1.2345` inside `101.2345` no
 * latitude), alone or in brackets, `POINT` before them at most: the brackets go with it. The character
 * before it is group 1, kept.
 */
const POINT = `(^|[^0-9.])(?:(?:(?i:POINT)${SPACES_OR_NONE})?\\(${SPACES_OR_NONE}${PAIR}${SPACES_OR_NONE}\\)|\\[${SPACES_OR_NONE}${PAIR}${SPACES_OR_NONE}\\]|${PAIR})`;

/**
 * Whether a text may hold such an address: three digits or more and, within four words, a street type, or
 * a direction and a capital; a point's pair of decimals, up to twenty other characters apart (its words,
 * letters, degree signs and marks); a post office box's number.
 */
export const TEXT_ADDRESS_GATE =
  `[0-9]{3}(?:-[0-9A-Za-z]+)?(?:${SPACES}1/2)?[A-Za-z]?${SPACES}(?:(?:[A-Z0-9][A-Za-z0-9.'']*${SPACES}){1,4}(?i:${TYPE})\\b|${DIRECTION}${SPACES}[A-Z])` +
  `|[0-9]\\.[0-9]{3,}[^0-9]{1,20}[0-9]{1,3}\\.[0-9]{3}|${PO_BOX}[0-9]`;

/**
 * SQL: the text `s` with each point's pair `(location)`. Run before telephone numbers are masked, which read
 * a longitude of seven fraction digits as one (`47.6062095, -122.2891907` kept its latitude as
 * `47.6062095, -X`; helper D49).
 */
export function pointsReplacedSql(s: string): string {
  return `regexp_replace(${s}, '${POINT}', '\\1(location)', 'g')`;
}

/** Words without a digit, one to three, and the spaces after them: a part of a name, a city or a state. */
const PART = `[A-Z\\x27.-]+(?:\\s+[A-Z\\x27.-]+){0,2}\\s*`;

/**
 * SQL: the text `s` (named once) with each address's house number at block level and its flat dropped, and
 * a box's number so cut too (the second alternative, its groups 5 and 6; a box of one or two digits is `XX`,
 * one already cut stays). Run twice, it gives what it gave once; points are pointsReplacedSql's.
 */
export function textAddressesBlockedSql(s: string): string {
  const marked = `regexp_replace(${s}, '(?i)\\b(${NOT_A_HOUSE})(\\s?[-#]?\\s?)([0-9])', '\\1\\2' || chr(2) || '\\3', 'g')`;
  // BOX is a site's word (NOT_A_HOUSE: a fire alarm box), so a post office box's number is marked here.
  const house = `(?:(^|[(\\[,;:@&"-]|${WHITE_SPACE})${FLAT_BEFORE}|${BEFORE})([0-9]{1,4})[0-9]{2}(?:-[0-9]+|-[A-Za-z])?(?:${SPACES}1/2)?[A-Za-z]?${STREET}${FLAT}`;
  // A box already cut (`15XX`, `XX`) is matched too and written back as it was: cutting `15XX` again as
  // `15` made `PO BOX XX` (tester 332), and an export that publishes block addresses may hold it so.
  const box = `(${PO_BOX}\\x02?)(?:([0-9]*)(?:[0-9]{2}|XX\\b)|[0-9]{1,2})[A-Za-z0-9-]*`;
  // Groups: the house's 1 or 2 (what stands before it, after a flat or not), 3 and 4; the box's 5 and 6.
  const blocked = `regexp_replace(${marked}, '${house}|${box}', '\\1\\2\\5\\3\\6XX\\4', 'g')`;
  // Tester 389: a name written `LAST, FIRST` after a text's address at its end (`Check Welfare 12XX MAIN ST,
  // JONES, MARY`) was kept: block-address.ts's rule (tester 373) reads a whole address only. Here two
  // parts without a digit, apart by commas, are taken only right after a blocked house's street and its
  // type, so that a call type's own commas (`THEFT, FROM VEHICLE, REPORT`) stay; a remark in brackets
  // after them stays. A city and a state so written go too (`, MINNEAPOLIS, MN`), which the block keeps
  // without: the street and its hundred.
  const nameAfter = `(?i)([0-9]XX\\b[^,]*?\\b(?:${TYPE})\\b\\.?(?:\\s+${DIRECTION})?)\\s*,\\s*${PART},\\s*${PART}(\\s\\([^)]*\\))?\\s*$`;
  return `regexp_replace(replace(${blocked}, chr(2), ''), '${nameAfter}', '\\1\\2')`;
}
