/**
 * An address at block level (docs/schema.md, "What is never loaded"): every house number becomes its hundred
 * block, wherever it stands, and unit numbers go. `1234 MAIN ST` -> `12XX MAIN ST`; `0003XX 1ST AVE N` ->
 * `3XX 1ST AVE N`; `MAIN ST 1234` -> `MAIN ST 12XX`; `CVS 35 CHURCH ST` -> `CVS 0XX CHURCH ST`;
 * `APT 5 1234 MAIN ST`, `1234 MAIN ST APT 5B` -> `12XX MAIN ST`; `N1234 COUNTY RD K` -> `12XX COUNTY RD K`;
 * `1,234 MAIN ST` -> `12XX MAIN ST`; `1234 1/2 MAIN ST` -> `12XX MAIN ST`; `1234MAIN ST` -> `12XXMAIN ST`;
 * `#1234 MAIN ST`, `1234 MAIN ST TRLR 45`, `1234 MAIN ST (JOHN SMITH RES)` -> `12XX MAIN ST`. Full-width, Arabic-Indic and Devanagari digits count as ASCII ones;
 * any other number character (`²`, `½`) is masked (`X`), as are a run of six digits or more and a decimal
 * fraction (coordinates; `.4` alone goes whole, no block). Route numbers of up to three digits stay (`HWY 55`, `COUNTY RD 42`, `I 35W`,
 * `MN-62`, `Shelburne Rd / 189`, `EXIT 19`, `394 HOV LN`, `8 MILE RD`), as do numbered streets (`29 1/2 ST E`,
 * `5 ST S`, `3 ST N TO WB I94`, `36HALF AVE NE`), ordinals (`1ST`; not `1231ST`) and intersections (`A & B`),
 * written one way (`MAIN ST / CHURCH ST` -> `CHURCH ST/MAIN ST`, `Shelburne Rd / 189` -> `189/Shelburne Rd`),
 * as is a street (`ST. PAUL ST.`, `SAINT PAUL ST` -> `ST PAUL ST`).
 */

import { PHONE_NO_PREFIX, PHONE_WORD, phonesMaskedSql } from './phone-numbers.js';

/** A telephone number masked, until the name after it is gone (a character of Unicode's private use area). */
const PHONE_MARK = '\uE000';
/** A flat's number glued to the street by `-` before a name, until a street type after it is ruled out. */
const FLAT_MARK = '\uE001';
/** A street before a `,` or ` - ` and a house number, until the name rule has passed it by. */
const STREET_MARK = '\uE002';
/** A street type on a side of an intersection, until the rule of a name alone on a side has passed it by. */
const TYPE_MARK = '\uE003';

/** The words after a block's street, until those of a street are told from the rest (tester 359). */
const TAIL_MARK = '\uE004';
/** A state ending the value after a comma, until the rule of a name written `LAST, FIRST` has passed it by. */
const STATE_END_MARK = '\uE005';

/** Full-width, Arabic-Indic, Persian and Devanagari digits, each set in order from zero. */
const OTHER_DIGITS = '０１２３４５６７８９٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९';
/**
 * Full-width letters and marks (`ＲＰ`, `＃`, `：`), each as its ASCII one, for the rules below to read them
 * (tester 238: `ＲＰ JOHN SMITH` kept the name); quotes doubled for SQL.
 */
const FULL_WIDTH = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0xff01 + i)).join('');
/** The division slash and the fraction slash, read as `/` (tester 254), with the full-width letters. */
const OTHER_SLASHES = '\u2215\u2044';
/** The small ampersand and the small plus, read as `&` and `+` as the full-width ones are (tester 258). */
const SMALL_MARKS = '\uFE60\uFE62';

/**
 * The words before whoever a letter is for: `C/O`, `ATTN`, `IN CARE OF` (tester 268), `ATTENTION`, `ICO` and
 * `IN C/O` (tester 277: `1234 MAIN ST ATTENTION JOHN SMITH` was kept whole).
 */
const CARE_WORD = '(C/O|ATTN|ATTENTION|ICO|IN\\s+C/O|(?:IN\\s+)?CARE OF)';
const FULL_WIDTH_ASCII = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i))
  .join('')
  .replaceAll("'", "''");

// A trailer's or a mobile-home space's number (`TRLR 45`, `SP 88`) and a dorm room's narrow a home within
// the block as a flat's does (tester 107).
const UNIT =
  '(#|APT|APARTMENT|UNIT|STE|SUITE|RM|ROOM|LOT|FL|FLR|FLOOR|FLAT|BLDG|SPC|SPACE|SP|TRL|TRLR|TRAILER|MH|DORM|BED|CELL|OFC|OFFICE|HANGAR|HNGR|STALL|BOOTH|BERTH|SLIP|CABIN|STUDIO|PH|PENTHOUSE|BSMT|BSMNT|BASEMENT' +
  // Tester 246: a townhouse's and a condominium's number after the street kept its hundreds (a box's, below).
  '|TOWNHOUSE|TOWNHOME|TWNHS|CONDOMINIUM|CONDO' +
  // Tester 254: a private mailbox's, a villa's, a dock's and a town house written in two words kept theirs.
  '|PMB|MAILBOX|VILLA|DOCK|TOWN HOUSE|TOWN HOME)';
/**
 * A flat named by its place in the house, without a number (`UPPER`, `BSMT`); tester 254: the rear or the
 * front of a house (`REAR 1234 MAIN ST` kept `REAR`).
 */
const FLAT_WORD = 'UPPER|LOWER|UPR|LWR|UPSTAIRS|DOWNSTAIRS|BSMT|BSMNT|BASEMENT|REAR|FRONT';
/** A unit named by a letter alone (`SUITE B`, `#A`), the letter apart from the word (`German Flats Rd`). */
const UNIT_LETTER = `(?:#\\s*|${UNIT}(?:\\.\\s*|\\s+|\\s*[#:/-]\\s*)(?:(?:NO|NUM|NUMBER)\\b\\.?\\s*[#:/]?\\s*)?#?\\s*)[A-Z]`;
const ROUTE =
  '(HWY|HIGHWAY|ROUTE|RTE|RT|US|SR|CSAH|CR|CORD|TH|STH|CTH|T\\.H\\.|INTERSTATE|I|EXIT|(?:COUNTY|CNTY|CO|CTY|STATE)\\s+(?:RD|ROAD|HWY|HIGHWAY|ROUTE))';

/**
 * The words a dispatcher notes another person by, their part or their relation to someone (tester 241:
 * `DRIVER JOHN X`, `PER JANET ...`, `GUARDIAN: ...`, `- WIFE OF DENNIS ...`, `DAUGHTER OF MRS ...` were
 * kept): a street of those words (`PER ST`, `SON AVE`, `MANAGER WAY`) has a street type after them, and stays.
 * `EX` only before a relation (`EX-WIFE`, `EX BF`): `I 89 EX 14` may be an exit.
 */
const PERSON_WORD =
  'DRIVER|PASSENGER|PATIENT|JUVENILE|JUV|NEIGHBOR|NEIGHBOUR|PER|GUARDIAN|SUBJ|SUBJECT|WIFE|HUSBAND|SON|DAUGHTER|BOYFRIEND|GIRLFRIEND|SPOUSE|EX[- ]?(?:WIFE|HUSBAND|BOYFRIEND|GIRLFRIEND|SPOUSE|BF|GF)|ROOMMATE|TENANT|LANDLORD|MANAGER|SISTER|BROTHER|FRIEND|COUSIN|AUNT|UNCLE|GRANDMOTHER|GRANDFATHER|GRANDSON|GRANDDAUGHTER' +
  // Tester 244: plurals, a dispatcher's short forms, steps, family words and those of a home or a job.
  '|VICTIMS|VIC|VICT|SUSP|SUSPECTS|WIT|WITNESSES|STEP[- ]?(?:FATHER|MOTHER|SON|DAUGHTER|DAD|MOM)|BF|GF|MOM|DAD|MOTHERS|NEPHEW|NIECE|RESIDENT|HOMEOWNER|EMPLOYEE|EMPLOYER|COWORKER|CO-WORKER';
/**
 * A word an identifier follows (tester 241: `SSN 123-45-6789`, `PLATE QWZ7781`, `VIN ...`, `DOB 01/02/1980` kept
 * their digits' hundreds, `SSN 1XX-0XX-67XX`): the word and all after it go, glued to it or not (`DOB:`).
 * Tester 268: `REG`, a plate word in the other text values, kept `REG ABC12XX`; a whole word only, not glued
 * to what follows (`REGENT ST`).
 */
const ID_WORD =
  '(?:SSN|SS#|SOC(?:IAL)? SEC(?:URITY)?|PLATE|PLT|LIC|LICENSE|LICENCE|VEH|VEHICLE|TAG|TABS|REG\\b|VIN|DOB|D\\.\\s?O\\.\\s?B\\.?|DL|BIRTHDATE|DATE OF BIRTH)';

/**
 * A reporting party's label before a colon (`RP:`, `R.P.:`, `COMP:`, `CALLER:`). Tester 238: `R. P.:`, `R-P:`,
 * `REPORTED BY:`, `INFORMANT:`, `CLR:` (a caller), and whoever else a dispatcher notes by their part,
 * `WITNESS:`, `VICTIM:`, `OWNER:`, `SUSPECT:`, `MOTHER:`, `FATHER:`; tester 241, the words
 * above (`GUARDIAN:`, `SUBJ:`).
 */
const RP_LABEL = `(?:RP|R/P|R\\.\\s?P\\.?|R-P|CALLER|CONTACT|COMP|COMPL|COMPLAINANT|REPORTED BY|INFORMANT|CLR|WITNESS|VICTIM|OWNER|SUSPECT|MOTHER|FATHER|${PERSON_WORD})`;

/** A common domain's ending, which an e-mail address ends in (`MAIN ST@ST.PAUL AVE` is an intersection). */
const EMAIL_END = 'COM|NET|ORG|EDU|GOV|MIL|US|CO|IO|INFO|BIZ|ME|UK|CA';

/** The words of a number (tester 359: a house number written `TWELVE THIRTY FOUR`). */
const NUMBER_WORD =
  'ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN|ELEVEN|TWELVE|THIRTEEN|FOURTEEN|FIFTEEN|SIXTEEN|SEVENTEEN|EIGHTEEN|NINETEEN|TWENTY|THIRTY|FORTY|FIFTY|SIXTY|SEVENTY|EIGHTY|NINETY|HUNDRED|THOUSAND';

/** Street types a numbered street's name comes before (`29 1/2 ST`, `5 ST S`). */
export const STREET_TYPE =
  'ST|STREET|AVE|AVENUE|AV|PL|PLACE|RD|ROAD|DR|DRIVE|LN|LANE|CT|COURT|TER|TERRACE|WAY|BLVD';
/**
 * Street types a name after the street may follow: those and the types no numbered street is written with
 * here, kept apart so that the numbered-street rules stay as they are (tester 231: `MAIN PKWY RP JOHN`, `MAIN
 * CIR RP JOHN`, `MAIN PKWY APT 5 JOHN SMITH` kept the name).
 */
const ANY_STREET_TYPE = `${STREET_TYPE}|PKWY|PKY|PARKWAY|CIR|CIRCLE|HWY|HIGHWAY|FWY|FREEWAY|EXPY|TRL|TRAIL|SQ|SQUARE|LOOP|ALY|ALLEY|XING|CRES|PIKE|TPKE`;
const DIRECTION = 'NORTHEAST|NORTHWEST|SOUTHEAST|SOUTHWEST|NORTH|SOUTH|EAST|WEST|[NS][EW]|[NSEW]';
/** A direction or bound after a route's number (`I-89 NB`, `HWY 55 NORTHBOUND`), at most one. */
const ROUTE_BOUND = `(?:\\s+(?:${DIRECTION}|[NSEW]B|[NSEW]/B|(?:NORTH|SOUTH|EAST|WEST)BOUND))?`;
/**
 * Where in the house, after `RESIDENCE` (tester 293: `SMITH RESIDENCE - REAR`, `JOHN SMITH RESIDENCE/REAR`
 * and `SMITH RESIDENCE UPPER` kept the name): it goes with the name.
 */
const RES_FLAT = '(?:\\s*[-/]?\\s*(?:REAR|FRONT|UPPER|LOWER|BACK|UPSTAIRS|DOWNSTAIRS)\\b\\.?)?';
/** The word of a mile marker, before its number (`MM 87`, `MILE POST 12.5`). */
const MILE_WORD = '(?:MM|MP|MILE\\s*MARKER|MILE\\s*POST|MILEPOST|MILE|MI\\s*MARKER)\\.?\\s*[#:]?\\s*';
/**
 * Street types a flat's number or letter may be glued to (tester 246: `MAIN ST#A`, `MAIN ST-5`): not a
 * highway's or a road's, whose number after `#` or `-` is a route's (`HWY#55`, `COUNTY RD-42`).
 */
const GLUED_UNIT_TYPE =
  'ST|STREET|AVE|AVENUE|AV|PL|PLACE|DR|DRIVE|LN|LANE|CT|COURT|TER|TERRACE|WAY|BLVD|PKWY|PKY|PARKWAY|CIR|CIRCLE|TRL|TRAIL|SQ|SQUARE|LOOP|ALY|ALLEY|XING|CRES';
/**
 * A state's two letters before a plate (tester 246: `1234 MAIN ST MN PLATE: 123ABC` kept `MN`); not `NE`,
 * which after a street is its direction.
 */
/** The two letters of a US state or the District of Columbia. */
export const STATE =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY';
/** A state's name written out (`VERMONT`, `NEW YORK`), after a city and a comma. */
const STATE_NAME =
  'ALABAMA|ALASKA|ARIZONA|ARKANSAS|CALIFORNIA|COLORADO|CONNECTICUT|DELAWARE|FLORIDA|GEORGIA|HAWAII|IDAHO|' +
  'ILLINOIS|INDIANA|IOWA|KANSAS|KENTUCKY|LOUISIANA|MAINE|MARYLAND|MASSACHUSETTS|MICHIGAN|MINNESOTA|' +
  'MISSISSIPPI|MISSOURI|MONTANA|NEBRASKA|NEVADA|NEW HAMPSHIRE|NEW JERSEY|NEW MEXICO|NEW YORK|NORTH CAROLINA|' +
  'NORTH DAKOTA|OHIO|OKLAHOMA|OREGON|PENNSYLVANIA|RHODE ISLAND|SOUTH CAROLINA|SOUTH DAKOTA|TENNESSEE|TEXAS|UTAH|' +
  'VERMONT|VIRGINIA|WASHINGTON|WEST VIRGINIA|WISCONSIN|WYOMING|DISTRICT OF COLUMBIA';
/** A state's name that is also a first name (`JONES, GEORGIA`; tester 383). */
const FIRST_NAME_STATE = 'GEORGIA|VIRGINIA|FLORIDA|INDIANA|MONTANA|NEVADA|ARIZONA';
/**
 * What may follow a block's street type, all else going (tester 359: `12XX MAIN ST ZORBA QUIXOTE`): a direction
 * or a route's bound, then at most a word of a road (`EXT`, `INTERCHANGE`, real Minneapolis' `WASHINGTON AVE SE
 * INTERCHANGE`), a ramp's `TO` and all after it (`LAKE ST E TO WB HIAWATHA AVE`), a letter (`COUNTY RD K`), a
 * city and its state's letters (`BURLINGTON VT`), or the country, as the ZIP rule reads them.
 */
const STREET_TAIL = `(?:\\s+(?:${DIRECTION}|[NSEW]B|(?:NORTH|SOUTH|EAST|WEST)BOUND)\\b\\.?)?(?:\\s+(?:EXT|EXTENSION|INTERCHANGE|RAMP|BRIDGE|TUNNEL|OVERPASS|UNDERPASS)\\b\\.?|\\s+TO\\b.*|(?:\\s+[A-Z]\\b\\.?|(?:\\s+[A-Z\\x27.-]+){1,3}\\s+(?:${STATE})\\b\\.?|\\s+(?:USA|U\\.S\\.A\\.?|US|U\\.S\\.?))\\s*$)?`;
/**
 * Street types written short, which a state's letters or a driver's licence's `DR` follow (`MAIN ST DR LIC`);
 * after a word a street is named with (`CIRCLE DR`, `OAK DR`), `DR` is the street's type.
 */
const SHORT_STREET_TYPE =
  'ST|AVE|AV|PL|RD|DR|LN|CT|TER|BLVD|PKWY|PKY|CIR|HWY|FWY|EXPY|TRL|SQ|ALY|XING|CRES|TPKE';
/**
 * A reporting party's word after the street (tester 231 added `R P`, `RPT`, `COMP`, `COMPLT`, `CALLED BY`);
 * a word of them glued to the name (`RPJOHN`) or `REP PARTY`, `REPORTING PTY` are in the rule below.
 * Tester 238 added `R. P.`, `R-P`, `REPORTED BY`, `INFORMANT`, `CLR` (a caller) and the words a dispatcher
 * notes another person by, `WITNESS`, `VICTIM`, `OWNER`, `SUSPECT`, `MOTHER`, `FATHER`: a street of those
 * words (`OWNER ST`, `1234 W FATHER CAPODANNO BLVD`) has a street type after them, and stays. Tester 241
 * added the words of PERSON_WORD and `HOME OF` (`, HOME OF GLADYS ...`; `HOME OF THE BRAVE WAY` is a street).
 */
const CALLER_WORD = `(?:RP|RPT|R/P|R\\.\\s?P\\.?|R-P|R P|CALLER|CALLED(?: IN)? BY|REPORTED BY|CONTACT|COMP|COMPL|COMPLT|COMPLAINANT|INFORMANT|CLR|WITNESS|VICTIM|OWNER|SUSPECT|MOTHER|FATHER|${PERSON_WORD}|HOME OF)`;
/**
 * A title before a name (tester 366: `MR JOHN SMITH 1234 MAIN ST`, `1234 MAIN ST, MRS JONES` kept the name):
 * before the house number, or after a comma, it and all after it go, as a reporting party's word does.
 */
const TITLE = '(?:MRS|MR|MS|MISS)\\b';
/**
 * After a street type, the end of a street's name: a direction at most, then the end, a separator, or a
 * ramp's `TO` (Minneapolis' `3 ST N/3 ST N TO WB I94`).
 */
const STREET_END =
  '((?: (?:NORTHEAST|NORTHWEST|SOUTHEAST|SOUTHWEST|NORTH|SOUTH|EAST|WEST|[NS][EW]|[NSEW]))?(?:\\s*$|\\s*[&,/@]|\\s+TO\\b))';
/**
 * A road's name beside a road known by its number (`Shelburne Rd / 189`): one or two words and a road's
 * type, nothing else. A place before it (`RIVERSIDE APTS ELM AVE/305`), or a type a building is named with
 * (`ROYAL COURT / 12`, `PARK PLACE / 305`), makes the number a flat's or a room's (tester 196).
 */
const ROAD_NAME =
  '(?:[A-Z\\x27.]+ ){1,2}(?:ST|STREET|AVE|AVENUE|AV|RD|ROAD|DR|DRIVE|LN|LANE|WAY|BLVD|HWY)\\.?';
/**
 * Or a route and its number, marked below (tester 258: `HWY 7/189` kept `1XX`, where `189/Shelburne Rd` kept
 * its route): ROUTE without its group, so that the rules' groups stay numbered.
 */
const ROAD_OR_ROUTE = `(?:${ROAD_NAME}|${ROUTE.replace(/^\(/, '(?:')} ~R\\d{1,3}[A-Z]?)`;

/** An ordinal of up to three digits whose suffix fits its last digit (`1ST`, `22ND`, `113TH`; not `1231ST`). */
const ORDINAL = '(?:\\d?1[1-3]TH|(?:\\d?[02-9])?(?:1ST|2ND|3RD)|\\d{0,2}[04-9]TH)';

/**
 * After the number: words without digits, brackets or commas, or ordinals (`7TH AVE`), one space apart. A
 * bracket or a comma sends a value down the whole chain, which drops remarks and trailing commas (`12XX W
 * LAKE ST,` was a block of its own, `[JOHN SMITH RES]` kept: tester 108).
 */
const WORDS = `(?: (?:${ORDINAL}|[^\\p{N}#\\s~()\\[\\]{}<>,]+))*`;

/**
 * A value that is only a placeholder for no address (a redaction marker, `No Address`, `UNKNOWN`; tester 287:
 * `N/A`, `NONE`, `UNK`, `TBD`, `?`, `REFUSED`, `NOT PROVIDED`, `NO ADDRESS GIVEN`, and a house number of
 * zeros, alone or before `UNKNOWN`, were blocks, `0` -> `0XX`, ranked as repeat locations; `NA` and `NULL`
 * too, Burlington's `NA` its commonest street value), marks around it at most. The whole value only: `UNK` in a word, `NONE ST`, `0 MAIN ST` stay. Digits may follow the old
 * words (`**Redacted 13.82**`), not the new ones (`N/A 1234 MAIN ST` keeps its block).
 */
const NO_ADDRESS =
  '[\\s*#(\\[]*(?:(?:0+\\s+)?(?:REDACTED|NO ADDRESS|(?:(?:ADDRESS|LOCATION) )?UNKNOWN(?: ADDRESS| LOCATION)?)\\b[^A-Z]*' +
  '|(?:N\\.?\\s*/?\\s*A\\b\\.?(?:\\s+N\\.?\\s*/?\\s*A\\b\\.?)*|NONE|NULL|UNK|TBD|REFUSED|NOT (?:PROVIDED|GIVEN|AVAILABLE)|NO (?:ADDRESS (?:GIVEN|PROVIDED)|LOCATION))\\b[^A-Z0-9]*|0+|\\?+|X+)[\\s*)\\]?.]*';
/**
 * A point's latitude and longitude alone (tester 287: `44.4759, -73.2121`, `LAT 44.4759 LON -73.2121`,
 * `44°28'33"N 73°12'43"W` became `0XX, -0XX` and the like, one block for places apart): two numbers of
 * up to three digits, each with a decimal fraction or a degree sign (and minutes and seconds), a
 * hemisphere's letter after it at most, `LAT` and `LON` before them at most; in brackets too, as a
 * bracketed pair already went whole with the remark rule.
 */
const DEGREES = `[-+]?\\d{1,3}(?:\\.\\d+\\s*°?|(?:\\.\\d+)?\\s*°\\s*(?:\\d{1,2}(?:\\.\\d+)?\\s*[\\x27′]\\s*(?:\\d{1,2}(?:\\.\\d+)?\\s*(?:"|″|\\x27\\x27)\\s*)?)?)\\s*[NSEW]?`;
const COORDINATES = `[\\s(\\[]*(?:(?:GPS|COORDS?|COORDINATES)\\s*[:=]?\\s*)?(?:LAT(?:ITUDE)?\\s*[:=]?\\s*)?[NS]?${DEGREES}[\\s,;/]*(?:(?:LON(?:G(?:ITUDE)?)?|LNG)\\s*[:=]?\\s*)?[EW]?${DEGREES}[\\s)\\]]*`;

/**
 * SQL of the block-level form of the text value `v` (which it names more than once: give it a column).
 * The common shapes (a number or hundred block, then a street of words and ordinals) take the cheap branch;
 * the rest go through the whole chain, where `v` appears once.
 */
export function blockLevelSql(v: string): string {
  // Digits of other scripts as ASCII ones; any other number character (of a script not listed, ², ①, ½)
  // masked; Unicode spaces and dashes as ASCII ones, so that `HWY 55` and `I‑35W` are recognised.
  // Full-width letters and marks as ASCII ones too (tester 238), and the small `﹠` and `﹢` (tester 258).
  let s = `CASE WHEN strlen(${v}) <> length(${v}) THEN regexp_replace(regexp_replace(regexp_replace(translate(translate(${v}, '${OTHER_DIGITS}', '${'0123456789'.repeat(OTHER_DIGITS.length / 10)}'), '${FULL_WIDTH}${OTHER_SLASHES}${SMALL_MARKS}', '${FULL_WIDTH_ASCII}//&+'), '[^\\P{N}0-9]', 'X', 'g'), '\\p{Zs}', ' ', 'g'), '\\p{Pd}', '-', 'g') ELSE ${v} END`;
  // ~ marks the numbers kept below: one typed in the value must not. A backslash is a slash (tester 254:
  // `MAIN ST\CHURCH ST`, like `∕` and `⁄` above, was a crossing apart from `CHURCH ST/MAIN ST`).
  s = `replace(replace(${s}, '~', ''), '\\', '/')`;
  // A line break as a space: the rules' `.` and `$` stop at one, so a bracket or a name on a second line of a
  // quoted field went only when the block level was run again on its one-line output (tester 231).
  s = `regexp_replace(${s}, '[\\r\\n]+', ' ', 'g')`;
  // An e-mail address with its `@` written `at` in brackets, before the brackets go (tester 268: `56 Pine St
  // jane.doe(at)example.org` kept `jane.doe example.org`).
  // Tester 359: one written out, `ZQ AT EXAMPLE DOT COM` or `zq(at)example(dot)com`, was kept whole, a top
  // repeat location: `AT` and `DOT` in brackets or between spaces, where a dot written so ends the address in
  // a common domain's ending (below); `LAKE ST AT NICOLLET AVE` has none, and stays.
  // Tester 366: an `@` with a space on either side (`john @ gmail.com`) was kept whole, the rule below wanting
  // it between two characters; it is read as `AT` is, a domain's ending after it.
  const AT = '(?:\\s?[(\\[{<]\\s?AT\\s?[)\\]}>]\\s?|\\s+AT\\s+|\\s?@\\s?)';
  const DOT = '(?:\\s?[(\\[{<]\\s?DOT\\s?[)\\]}>]\\s?|\\s+DOT\\s+)';
  s = `regexp_replace(${s}, '(?i)[A-Z0-9._%+-]+\\s?[(\\[{<]\\s?AT\\s?[)\\]}>]\\s?[A-Z0-9-]+(\\.[A-Z0-9-]+)*\\.[A-Z]{2,}|[A-Z0-9._%+-]+${AT}[A-Z0-9-]+(?:(?:\\.|${DOT})[A-Z0-9-]+)*(?:\\.|${DOT})(?:${EMAIL_END})\\b', ' ', 'g')`;
  // A city, a state's two letters and a ZIP code at the end go, and a ZIP alone after a comma: read as house
  // numbers, the ZIP became a block of its own and split one block into several spellings (tester 261:
  // `1234 North Ave, Unit 12, Burlington VT 05401` -> `12XX North Ave, , Burlington VT 54XX`, a ZIP+4
  // `54XX-12XX`). After a comma, the city is words without a digit, a comma before the state or none (`ELM
  // ST, Burlington VT 05401` keeps `ELM ST`), and `NE` is Nebraska's; with no comma, the words after the
  // last street type and its direction (`NE` is the direction there). The state's letters may be glued to the
  // ZIP and the country follow it (`VT05401`, `VT 05401, USA`), and the state written out (`Vermont 05401`), a
  // word like the city's. The rules that begin `(.*` have no
  // `^`: the match is the same, from the first character, but RE2 rules a value out with its fast automaton
  // first, which it skips for a pattern anchored at the start (0.05 s where `^(.*` took 0.47 s, for 509,000
  // real street values on one thread; all of them together, 4.5-5.5 s for 5.1-5.8 s over the 369,309
  // distinct real text values, each block level the same).
  const ZIP =
    '\\d{5}(?:\\s*-\\s*\\d{4}|\\d{4})?(?:\\s*,?\\s*(?:USA|U\\.S\\.A\\.|US|U\\.S\\.|UNITED STATES))?\\s*$';
  s = `regexp_replace(${s}, '(?i)(.*\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)(?:\\s+[A-Z\\x27.-]+)*?\\s*,?\\s+(?:${STATE})\\.?,?\\s*${ZIP}', '\\1')`;
  s = `regexp_replace(${s}, '(?i)\\s*,\\s*(?:[A-Z\\x27.-]+\\s+)*(?:[A-Z\\x27.-]+\\s*,\\s*)?(?:(?:${STATE}|NE|[A-Z][A-Z\\x27.-]+)\\.?,?\\s*)?${ZIP}', '')`;
  // A hundred block written in lower case (`42xx`) is one (tester 172: read as the house number 42, it
  // became `0XXxx`, a block apart from its own).
  s = `regexp_replace(${s}, '(\\d)[xX]{2}\\b', '\\1XX', 'g')`;
  // A telephone number goes whole (tester 203: `802-555-1234`, `CB 612 555 1234` and `TEL 555-1234` kept
  // four of their digits as hundreds): ten digits in threes and four, or seven after a telephone word
  // anywhere (tester 222: `TEL 555-0119 JOHN` kept `5XX-1XX`), or at the end (below). Before the brackets
  // (`TEL (555)1234` kept `12XX`) and the units: `PH` is a penthouse's too, and took a number's first three
  // digits with it (`PH 612.555.1234` kept `.5XX`). Tester 224's words and ways of writing seven digits:
  // `TELEPHONE`, `CBN`, `C/B`, `TEL#`, `PH NBR`, `MOBILE`, `TÉL`; `555 1234`, `555 - 1234`, `555-12-34`.
  // The same patterns mask telephone numbers in every other text value ingest stores (phone-numbers.ts).
  // Marked apart first (\uE000), so that words without a digit after one to the end, a name, go too (tester
  // 231: `CB 555-1234 JOHN` kept `JOHN`), unless they end in a street type (`TEL 555-1234 MAIN ST`).
  // Tester 258: a national number with its trunk `0` (`CB 0612 555 0199 JOHN` kept `1XX JOHN`, the seven
  // digits after the word taken from its first groups), first, with the stored text values' pattern.
  s = phonesMaskedSql(`regexp_replace(${s}, '${PHONE_NO_PREFIX}', '\\1${PHONE_MARK}', 'g')`, PHONE_MARK);
  s = `regexp_replace(${s}, '(?i)${PHONE_MARK}((?:\\s+[A-Z\\x27.-]+)*\\s+(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?\\s*)$', 'X\\1')`;
  s = `regexp_replace(${s}, '(?i)${PHONE_MARK}(?:[\\s,]+[A-Z\\x27.-]+)+\\s*$', '${PHONE_MARK}')`;
  // Seven digits at the end too, here, before the units (tester 287: `1234 MAIN ST APT 5 JOHN SMITH 555-1234`
  // kept `JOHN SMITH X` where `... 802-555-1234` kept nothing): masked after the unit rules, the number
  // was no word, so the unit rule did not take the name before it with the flat. Glued too (`5551234`), as
  // `\d{6,}` would mask it below. Not `305-1234 MAIN ST`, a flat and its house: at the end only. Marked as a
  // number after a telephone word is, so that it goes as ten digits do (tester 366: `1234 MAIN ST 5550179`
  // was `12XX MAIN ST X`); after a unit's word it is `X`, which goes with the word as a unit's letter does
  // (`APT 555-1234`).
  s = `regexp_replace(${s}, '([-/&@,\\s]|^)\\d{3}(?:\\s?[-. ]\\s?)?\\d{4}\\s*$', '\\1${PHONE_MARK}')`;
  s = `regexp_replace(${s}, '(?i)(^|[\\s,])${UNIT}\\.?\\s*[#:-]?\\s*${PHONE_MARK}\\s*$', '\\1\\2 X')`;
  // A telephone or caller's word and a number, and nothing else, are no place (tester 366: `CB 555-1234 JOHN`
  // and `TEL 555-1234` were the blocks `CB` and `TEL`, `CALLER 555 0179` the block `CALLER X`): none is left.
  s = `regexp_replace(${s}, '(?i)^\\s*(?:(?:\\b${PHONE_WORD}|${CALLER_WORD})\\.?(?:\\s*(?:NO|NBR|NUM|NUMBER)\\b\\.?)?\\s*[#:=/-]?\\s*)+${PHONE_MARK}\\s*$', '')`;
  // A number ending a place goes with its mark and its telephone word (tester 366: `1234 MAIN ST 612.555.0142`
  // was `12XX MAIN ST X`, a repeat location apart from `12XX MAIN ST`); a value of a number alone stays `X`.
  s = `replace(regexp_replace(${s}, '(?i)(\\S)[\\s,]*(?:\\b${PHONE_WORD}\\.?(?:\\s*(?:NO|NBR|NUM|NUMBER)\\b\\.?)?\\s*[#:]?\\s*)?${PHONE_MARK}\\s*$', '\\1'), '${PHONE_MARK}', 'X')`;
  // A remark in brackets goes whole, from the first opening bracket to the last closing one, or to the end
  // when none closes: a premise note names whoever lives there (`(JOHN SMITH RES)`, `[...]`, nested ones,
  // testers 107 and 108).
  // A reporting party's word alone in brackets is the caller's label, not a remark (tester 231: `1234 MAIN ST
  // (RP) JOHN SMITH` kept the name, the bracket gone): it is written bare, for the caller rule below.
  // Such a word in brackets after words without a digit and before the house number marks them a name (tester
  // 268: `Jane Doe (mother) 56 Pine St` kept `Jane Doe mother`): they go with it.
  s = `regexp_replace(${s}, '(?i)^\\s*[A-Z\\x27.]+(?:(?:\\s+|-)[A-Z\\x27.]+)*\\s*[(\\[{<]\\s*(?:${CALLER_WORD}|REP(?:ORTING|\\.)?\\s*(?:PARTY|PTY|PERSON))\\s*[)\\]}>][\\s,;:-]*([#NSEW]?\\d[0-9A-Z/-]*\\s+\\S)', '\\1')`;
  s = `regexp_replace(${s}, '(?i)[(\\[{<]\\s*(${CALLER_WORD}|REP(?:ORTING|\\.)?\\s*(?:PARTY|PTY|PERSON))\\s*[)\\]}>]', ' \\1 ', 'g')`;
  s = `regexp_replace(regexp_replace(${s}, '\\s*[(\\[{<].*[)\\]}>]', ' '), '\\s*[(\\[{<].*$', '')`;
  // Who lives or is reached there, outside brackets (tester 184), in shapes no street name has (tester 186:
  // `INDIAN RES RD`, `HOME OF THE BRAVE WAY`, `1234 C/O RD`, `MAIN ST;1ST AVE` are streets): a caller after
  // `;`, a quoted part, `C/O` or `ATTN` before the house number, `RES OF` or `RESIDENCE OF` to the
  // end, a name before `RES` and the house number, `LAST, FIRST` after ` - `; names before `RESIDENCE` at the
  // end and anything after ` --` go further down, once units and telephone numbers are gone.
  // Tester 235: `R.P.`, `R/P`, `COMP:` and `COMPL:` too, and a label glued to the street by a slash, a dash or a
  // dot (`MAIN ST/RP:JOHN`).
  // Tester 366: a title after `;` or `,` too (`1234 MAIN ST, MR SMITH`, TITLE).
  s = `regexp_replace(regexp_replace(${s}, '(?i)[;,]\\s*(RP|R/P|R\\.\\s?P|R-P|CALLER|COMP|COMPL|COMPLAINANT|CONTACT|REPORTED BY|INFORMANT|CLR|MRS?|MS|MISS)\\b.*$|[^A-Z0-9]${RP_LABEL}\\s*:.*$|^\\s*${RP_LABEL}\\s*:[^0-9]*', ''), '["“”«»„]+', '"', 'g')`;
  // A doctor's `DR` and words after `;` or `,` to the end are a name too (helper D132: `1234 MAIN ST, DR SMITH`
  // was stored `12XX MAIN ST, DR`); not a street so named, a street type among the words (`ELM ST, DR MARTIN
  // LUTHER KING JR BLVD`), matched first and kept.
  s = `regexp_replace(${s}, '(?i)([;,]\\s*DR\\b\\.?(?:\\s+[A-Z\\x27.-]+)*?\\s+(?:${ANY_STREET_TYPE})\\b.*$)|[;,]\\s*DR\\b\\.?(?:\\s+[A-Z\\x27.-]+)+\\s*$', '\\1')`;
  // A caller named after the street, with no `;` or `,` (`1234 MAIN ST RP JOHN SMITH`): from a reporting
  // party's word after a street type and its direction, to the end. A street named so (`1234 RP ST`) has its
  // type after the word. The word may be written `R.P.` or glued to the name by a dash (tester 235: `12XX
  // ZORBADZ ST RP-JOHN SMITH`, `R.P. JOHN SMITH` kept the name).
  // Tester 231: after a route and its number (`HWY 55 RP`), or a house number and words with no type (`1234
  // MAIN RP`), or a type of the longer list (`PKWY`, `CIR`); after a separator (` - RP`, `/ RP`, `*RP`); the
  // word followed by any mark (`RP/JOHN`, `CALLER=JOHN`, `CALLER'S NAME`), glued to a name of two letters or
  // more (`RPJOHN`; `RPD` stays), `REP PARTY`, `REPORTING PTY`. A reporting party's word followed by a street
  // type is a street's name (`MAIN ST / COMP AVE`, `1234 N RP ST`): marked (~) so that the rule passes it by.
  // An identifier's word too (tester 241: `TAG ST`).
  s = `regexp_replace(${s}, '(?i)\\b(${CALLER_WORD}|${ID_WORD})(\\s+(?:${ANY_STREET_TYPE})\\b)', '\\1~\\2', 'g')`;
  // So is one followed by words and a street type that end the value or come before a separator (tester 238:
  // `1234 W FATHER CAPODANNO BLVD`, `ELM ST, MOTHER GASTON BLVD`), or before a house number (`FATHER
  // CAPODANNO BLVD 1234`, which the name before the house number, below, would have taken: tester 241).
  s = `regexp_replace(${s}, '(?i)\\b(${CALLER_WORD}|${ID_WORD})((?:\\s+[A-Z\\x27.-]+)*?\\s+(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?\\s*(?:$|[&,;/@]|\\s[NSEW]?\\d))', '\\1~\\2', 'g')`;
  // A name before the house number that begins with one of those words (tester 241: `FATHER MARVIN OSTROWSKI
  // 45XX LYNDALE AVE S` kept the name; `COMP: JOHN SMITH 1234 MAIN ST`, with a colon, went above).
  // Or with a title and words of a name only (TITLE, tester 366; `MS SMITH/MN-62` is a crossing).
  s = `regexp_replace(${s}, '(?i)^\\s*${CALLER_WORD}(?:[^A-Z0-9~][^0-9~]*)?[\\s:#-]([NSEW]?\\d)', '\\1')`;
  s = `regexp_replace(${s}, '(?i)^\\s*${TITLE}\\.?(?:\\s+[A-Z\\x27.-]+)+[\\s,:#]+([NSEW]?\\d)', '\\1')`;
  // A reporting party's word and words without a digit, and nothing else, are a caller, no place (tester 366:
  // `RP JOHN SMITH REQUEST`, `RP-JOHN SMITH`, `CALLER SMITH, JOHN` were blocks): none is left. Not the words a
  // person is noted by for their relation (`FATHER`, `OWNER`...), which begin streets' names more often.
  s = `regexp_replace(${s}, '(?i)^\\s*(?:RP|R/P|R\\.\\s?P\\.?|R-P|CALLER|CALLED(?: IN)? BY|REPORTED BY|COMP|COMPL|COMPLT|COMPLAINANT|INFORMANT|CLR)(?:\\s*[-/:=#]\\s*|\\s+)[^0-9~]*$', '')`;
  // An identifier before the address goes with its value, one word with a digit (a plate after its state's
  // letters, `PLATE MN ABC123`), up to the house number (tester 244: `SSN 123-45-6789 1234 MAIN ST`, `PLATE
  // ABC123 ...`, `DOB 01/02/1980 ...` kept the identifier); so does one glued to its value (`PLATEABC123`), and
  // a mark between the value and the house number (tester 254: `PLATE ABC123 - 1234 MAIN ST` kept the plate).
  // A plate written with a space inside it (tester 250: `PLATE ABC 123 1234 MAIN ST` kept `ABC 1XX`): a word
  // of letters before the one with a digit is the value's too, where a house number still follows (not one
  // with a digit: `PLATE ABC123 1234 5TH ST` would lose its house number).
  s = `regexp_replace(${s}, '(?i)^(?:\\s*${ID_WORD}(?:[\\s#:.-]+(?:[A-Z]{2}\\s+)?)?(?:[A-Z/.-]+\\s+)?[A-Z0-9/.-]*\\d[A-Z0-9/.-]*[\\s,;]+(?:[-|*/:]\\s*)?)+([#NSEW]?\\d)', '\\1')`;
  // A state's letters, or a driver's licence's `DR`, before the identifier's word go with it (tester 246:
  // `1234 MAIN ST MN PLATE: 123ABC` kept `MN`, `MAIN ST DR LIC S5301234` kept `DR`), after a short street
  // type and its direction: in `1234 OAK DR LIC S5301234`, `DR` is the street's type.
  s = `regexp_replace(${s}, '(?i)(.*\\b(?:${SHORT_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)[\\s,;:/*|-]+(?:(?:${STATE})\\b\\.?[\\s,;:/*|-]*${ID_WORD}|DR\\.?[\\s,;:/*|-]*(?:LIC|LICENSE|LICENCE|DL)\\b)(?:[^A-Z~].*|[A-Z0-9-]*\\d.*)?$', '\\1')`;
  // So does a plate after a state's letters at the end, without the identifier's word (tester 261: `56 Pine
  // St VT ABC1234` -> `0XX Pine St VT ABC12XX`): one word mixing letters and digits, after a short street type
  // and its direction; not a route glued to its state by `-` (`MN-62`), nor a ZIP (above).
  s = `regexp_replace(${s}, '(?i)(.*\\b(?:${SHORT_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)[\\s,;:/*|-]+(?:${STATE})\\b\\.?[\\s:#]+[A-Z0-9-]*(?:[A-Z][A-Z0-9-]*\\d|\\d[A-Z0-9-]*[A-Z])[A-Z0-9-]*\\s*$', '\\1')`;
  // An identifier after the address goes with all after it (tester 241: `PLATE QWZ7781` -> `PLATE QWZ77XX`),
  // glued to its value too where that has a digit (tester 244: `PLATEQWZ7781`; `TAGS` stays); an
  // identifier's word followed by a street type was marked above.
  s = `regexp_replace(${s}, '(?i)^(\\S.*?)[\\s,;:/*|-]+${ID_WORD}(?:[^A-Z~].*|[A-Z0-9-]*\\d.*)?$', '\\1')`;
  // A licence plate after `LP` goes only with a plate after it, a digit in it (tester 244: `LP QWZ7781`):
  // `LP` alone at the end is a loop's (`1234 CEDAR LP`).
  s = `regexp_replace(${s}, '(?i)^(\\S.*?)[\\s,;:/*|-]+LP[\\s#:]*[A-Z0-9-]*[0-9].*$', '\\1')`;
  // A social security number and a date with its year (a birth date) go whole, wherever they stand: read as
  // house numbers, they kept their hundreds (tester 241: `123-45-6789` -> `1XX-0XX-67XX`, `01/02/1980` ->
  // `0XX/0XX/19XX`), once telephone numbers are masked (`555-12-34` is one) and after the rule above, which
  // takes one after its word (`SS#123-45-6789`).
  s = `regexp_replace(${s}, '\\b(?:\\d{3}-\\d{2}-\\d{4}|\\d{1,2}[-/.]\\d{1,2}[-/.](?:19|20)\\d\\d)\\b', 'X', 'g')`;
  // After `&` or `@` too (tester 244: `1234 MAIN ST & VICTIM JOHN SMITH`): a street of those words across
  // the intersection has a street type after them and was marked above (`MAIN ST & PER ST`). Tester 254: a
  // flat between the street and the mark (`1234 MAIN ST APT 5 & VICTIM ...`, `... UPPER & VICTIM ...`, the
  // flat going below), two marks (`, &`) and `+` kept the name. Tester 258: a flat's letter glued to the
  // street by `#` (`1234 MAIN ST#A & VICTIM ...` kept the name; `ST #5 & VICTIM` did not).
  s = `regexp_replace(${s}, '(?i)^((?:.*\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?|.*\\b(?:${ROUTE}[\\s-]*|[A-Z]{2}-)\\d{1,3}[A-Z]?\\b${ROUTE_BOUND}(?:[\\s,/-]*${MILE_WORD}\\d{1,3}(?:\\.\\d+)?\\b)?)(?:(?:[\\s,]*#|[\\s,]+(?:${UNIT}|${FLAT_WORD})\\b)\\.?(?:\\s*[#:-]?\\s*(?:[A-Z0-9-]*\\d[A-Z0-9-]*|[A-Z]\\b))?)?)(?:(?:\\s*[-/*|,;&@+]\\s*)+|\\s+)(?:${CALLER_WORD}(?:[^A-Z0-9~].*)?|RP[A-Z]{2,}.*|REP(?:ORTING|\\.)?\\s*(?:PARTY|PTY|PERSON).*)$', '\\1')`;
  // A name between the street and a reporting party's word at the end (`1234 MAIN ST JOHN SMITH RP`, and so
  // `JOHN SMITH (RP)`, tester 231), once a direction before the word has been passed by above.
  s = `regexp_replace(${s}, '(?i)(.*\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)(?:\\s+[A-Z\\x27.-]+)+\\s*[-/*]?\\s*${CALLER_WORD}\\.?\\s*$', '\\1')`;
  // Where no street type is written, after a house number and words (`1234 MAIN RP JOHN`).
  s = `regexp_replace(${s}, '(?i)^(\\s*[#NSEW]?\\d[\\dX,]*(?:\\s+[A-Z\\x27.-]+)+?)(?:\\s*[-/*|,;]\\s*|\\s+)(?:${CALLER_WORD}(?:[^A-Z0-9~].*)?|RP[A-Z]{2,}.*|REP(?:ORTING|\\.)?\\s*(?:PARTY|PTY|PERSON).*)$', '\\1')`;
  // A quoted part without a digit goes; a quoted address stays (tester 214: `"1234 MAIN ST"` went whole).
  s = `replace(regexp_replace(${s}, '\\s*"[^"0-9]*("|$)', ' ', 'g'), '"', '')`;
  // So does one in single quotes, straight or curly (tester 235: `'JOHN SMITH'`, `‘JOHN SMITH’`), a word's
  // first character to a word's last: an apostrophe inside a word is no quote (`ST MARY'S RD`, `O'BRIEN ST`).
  s = `regexp_replace(${s}, '(^|\\s)[\\x27‘‛][^0-9]*?[\\x27’](\\s|$)', ' ', 'g')`;
  // So does one between asterisks, a letter in it (tester 261: `56 Pine St ** Jane Doe **` kept the name;
  // `** Redacted 13.37**`, with a digit, stays).
  s = `regexp_replace(${s}, '\\s*\\*+[^*0-9]*\\pL[^*0-9]*\\*+', ' ', 'g')`;
  // An e-mail address ends in a domain's ending: `MAIN ST@ST.PAUL AVE` is an intersection (tester 214).
  s = `regexp_replace(${s}, '(?i)[A-Z0-9._%+-]+@[A-Z0-9-]+(\\.[A-Z0-9-]+)*\\.(${EMAIL_END})\\b', ' ', 'g')`;
  // `IN CARE OF` whole, and a colon after any of the words (`IN CARE OF JOHN SMITH 1234 MAIN ST` kept `IN`,
  // `1234 MAIN ST C/O: JOHN SMITH` the name): after a colon, all to the end goes, a label's value.
  s = `regexp_replace(${s}, '(?i)^[^0-9]*?(^|\\s)${CARE_WORD}(?::\\s*|\\s)[^0-9]*(\\d)', ' \\3')`;
  s = `regexp_replace(${s}, '(?i)(^|\\s)${CARE_WORD}(?::\\s*|\\s)[^0-9]*(\\d)', ' \\3', 'g')`;
  s = `regexp_replace(${s}, '(?i)\\s${CARE_WORD}\\s*:.*$', '')`;
  // After the address, two words or more (`1234 C/O RD` is a street).
  s = `regexp_replace(${s}, '(?i)\\s${CARE_WORD}\\s+[A-Z\\x27-]+(\\s+[A-Z\\x27-]+)+\\s*$', '')`;
  // After a street type and its direction, one word is a name too (tester 261: `56 Pine St c/o Doe` kept it).
  s = `regexp_replace(${s}, '(?i)(.*\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)(?:[\\s,;]+|\\s*[-/*|]\\s*)${CARE_WORD}\\s*[A-Z\\x27.-]+\\s*$', '\\1')`;
  // At the start too (tester 293: `RES OF JOHN SMITH` was kept whole): nothing of it is an address.
  s = `regexp_replace(${s}, '(?i)(?:^|\\s)RES(IDENCE)?\\.?\\s+OF\\s.*$', '')`;
  s = `regexp_replace(${s}, '(?i)^[^0-9]*\\bRES(IDENCE)?[.,]?\\s+(\\d)', '\\2')`;
  // Words without a digit before a `,` or a ` - ` that precede the house number, a name or a business's (tester
  // 261: `Jane Doe, 56 Pine St`, `Doe, Jane - 56 Pine St` kept the name): the block is what matters. A house
  // number, then a street after it: `MAIN ST, 1234` stays. Nor a street, a street type and its direction
  // last before the mark, marked (\uE002) so that the rule passes it by: `ELM ST, 5 ST S` is a crossing. The
  // mark is looked for without `^` (0.07 s, not 0.16 s): one placed after a digit is past any name the rule
  // takes, and goes with the others.
  // Tester 268: after `;` or ` --` too (`Jane Doe; 56 Pine St`, `JOHN SMITH -- 0012XX PENN AVE N`), words
  // apart by more than one space, where a caller's word in brackets was written bare (`Jane Doe (RP), 56 Pine
  // St` kept `Jane Doe RP ,`), and a unit on either side of the mark (`Jane Doe, Unit 5, 56 Pine St`, `Jane
  // Doe Apt 5, 56 Pine St`, `HOLIDAY INN, ROOM 512 1234 MAIN ST`): the unit rules come after this one, since
  // `#1234` is a house number to them only at the start, and left the name before an empty part, which the
  // block level run again took. A street before a unit is marked too (`ELM ST APT 5, 1234 MAIN ST` stays).
  const NAME = '[A-Z\\x27.]+(?:(?:\\s+|-)[A-Z\\x27.]+)*';
  const UNIT_BEFORE = `(?:#|${UNIT.replace(/^\(/, '(?:')}\\b)`;
  const UNIT_NUMBER = `${UNIT_BEFORE}\\.?\\s*[#:-]?\\s*[A-Z]?\\d+[A-Z]?`;
  s = `replace(regexp_replace(regexp_replace(${s}, '(?i)([^0-9]*\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)(\\s*(?:,|;|\\s-)|[\\s,]+${UNIT_BEFORE})', '\\1${STREET_MARK}\\2'), '(?i)^\\s*${NAME}(?:\\s*,\\s*${NAME})*(?:(?:[\\s,]+${UNIT_NUMBER})?\\s*(?:,|;|\\s-+)\\s*|\\s*(?:,|;|\\s-+)\\s*${UNIT_NUMBER}\\s+)([#NSEW]?\\d[0-9A-Z/-]*\\s+\\S)', '\\1'), '${STREET_MARK}', '')`;
  // A space left at the end by a remark in brackets, gone (`- SMITH, JOHN (RES)` kept the name: tester 231).
  s = `regexp_replace(${s}, '(?i)\\s+-\\s*[A-Z\\x27-]+,\\s*[A-Z\\x27-]+( [A-Z]\\.?)?\\s*$', '')`;
  // Tester 373: a name written `LAST, FIRST` after a comma at the end (`1234 MAIN ST, JONES, MARY`) was kept,
  // read as a city and a state. Two parts after the address, apart by commas, words without a digit, are a
  // name where the last is one or two words or initials and no state's (`, MINNEAPOLIS, MN`, `, SAINT PAUL,
  // MINNESOTA`, `, BURLINGTON, USA` stay); neither holds a street type (`, CHURCH ST, ...`: a crossing).
  // Street types are marked (\uE003) and a state ending the value (\uE005), which a name's words exclude
  // (RE2 has no look-ahead). Tester 383: `1234 MAIN ST, JONES, GEORGIA` kept `JONES, GEORGIA`, a state's name
  // that is also a first name read as a state. After one word between the commas such a state is a name's
  // (its mark taken off again): a city of one word before it (`, ATLANTA, GEORGIA`) goes too, which costs the
  // block nothing (the street and its hundred stay, and a source's city is its profile's), where a name kept
  // is published; after two words or more (`, WEST POINT, GEORGIA`) it stays a state.
  s = `replace(replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(${s}, '(?i)\\b(${ANY_STREET_TYPE})\\b', '${TYPE_MARK}\\1', 'g'), '(?i)(,\\s*)((?:${STATE}|NE|${STATE_NAME}|USA|U\\.S\\.A\\.?|US|U\\.S\\.?|UNITED STATES)\\.?\\s*)$', '\\1${STATE_END_MARK}\\2'), '(?i)(,\\s*[A-Z\\x27.-]+\\s*,\\s*)${STATE_END_MARK}((?:${FIRST_NAME_STATE})\\.?\\s*)$', '\\1\\2'), '(?i)(\\S)\\s*,\\s*[A-Z\\x27.-]+(?:\\s+[A-Z\\x27.-]+){0,2}\\s*,\\s*[A-Z\\x27-]+(?:\\.[A-Z\\x27-]+)*\\.?(?:\\s+[A-Z\\x27-]+(?:\\.[A-Z\\x27-]+)*\\.?)?\\s*$', '\\1'), '${TYPE_MARK}', ''), '${STATE_END_MARK}', '')`;
  // Tester 330: words without a digit after a street type, its direction and ` - ` (or ` -- `) are a name
  // too (`ELM ST - JOHN SMITH`), to the end or to the `/` or `&` of an intersection: sorting the two streets
  // put `MAIN ST/ELM ST - JOHN SMITH` as `ELM ST - JOHN SMITH/MAIN ST`, where a rule anchored at the end no
  // longer saw it, and ` -- ` took the other street with the name (`ELM ST -- JOHN SMITH/MAIN ST` -> `ELM ST`).
  s = `regexp_replace(${s}, '(?i)(\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)\\s+-+\\s*[A-Z\\x27.-]+(?:[\\s,]+[A-Z\\x27.-]+)*\\s*($|[/&])', '\\1\\2', 'g')`;
  // A floor (`2ND FL`, `3RD FLOOR`) goes as a unit does, at the end, before a separator or before the house
  // number: `1234 3RD FLOOR RD` is a street.
  s = `regexp_replace(${s}, '(?i)\\b\\d{1,3}(?:ST|ND|RD|TH)\\s*(?:FL|FLR|FLOOR)\\b\\.?(\\s*$|\\s*[,;/&@#-]|\\s+\\d)', ' \\1', 'g')`;
  // A number sign before the first number is the house number's (`#1234 MAIN ST`), not a unit's; where
  // another number follows it, the house's, it is a flat's and goes (tester 254: `#5 1234 MAIN ST` kept `0XX`).
  s = `regexp_replace(${s}, '(?i)^\\s*#\\s*[A-Z]?\\d+[A-Z]?[\\s,;]+([NSEW]?\\d+(?:-\\d+)?[A-Z]?\\s+[^\\s0-9])', '\\1')`;
  s = `regexp_replace(${s}, '^\\s*#\\s*(\\d)', '\\1')`;
  // A basement, or an upper or lower flat, named before the house number (tester 244: `BSMT 1234 MAIN ST` lost
  // its block, `BSMT 1234` read as a unit and its number, and `UPPER 1234 MAIN ST` kept `UPPER`): the word
  // goes and the number is the house's where words, or its fraction, follow it; before another number
  // (`BSMT 2 1234 MAIN ST`), it is the flat's, and goes with the word below. UNIT is a group of its own: the
  // number is the second. Before the range rule below, and a range its house numbers (tester 250: `BSMT
  // 1234-36 MAIN ST` lost its block, `BSMT 1234-36` read as a unit and its number).
  // An upper or lower flat's number, or a box's, before the house number goes with the word (tester 250:
  // `UPPER 2 1234 MAIN ST`, `BOX 12 1234 MAIN ST` kept it; `BSMT 2` and the units go below; tester 254, `REAR`
  // and `FRONT`, with or without a number, `REAR 1234 MAIN ST` kept `REAR`): only where
  // another number follows it, the house's (`PO BOX 1535` alone is the address).
  s = `regexp_replace(${s}, '(?i)^\\s*(?:UPPER|LOWER|UPR|LWR|UPSTAIRS|DOWNSTAIRS|REAR|FRONT|(?:P\\.?\\s*O\\.?\\s*)?BOX)\\b\\.?(?:\\s+(?:LEVEL|LVL|UNIT|FLOOR|FLR|FL)\\b\\.?)?[\\s,:#/-]*[A-Z]?\\d+[A-Z]?[\\s,;]+([#NSEW]?\\d)', '\\1')`;
  s = `regexp_replace(${s}, '(?i)^\\s*(?:${UNIT}\\.?\\s+)?(?:${FLAT_WORD})\\b\\.?(?:\\s+(?:LEVEL|LVL|UNIT|FLOOR|FLR|FL)\\b\\.?)?[\\s,:/-]*([NSEW]?\\d+(?:-\\d+)?(?:-?[A-Z])?(?:\\s+\\d/\\d)?\\s+[^\\s0-9])', '\\2')`;
  // A range of house numbers (`1234-36`, `1234-1236`, `1298-1302`) is the first number's block (tester 246:
  // `12XX-0XX MAIN ST` and `12XX-12XX MAIN ST` were blocks apart from `12XX MAIN ST`): a second number no
  // longer than the first, marked, then dropped. A longer one is a house after a flat (`305-1234 MAIN ST`).
  // Tester 254: a range written with spaces, `/`, `&`, `,`, `TO` or `THRU` (`1234 TO 1236 MAIN ST` -> `12XX TO
  // 12XX MAIN ST`), or with a letter (`1234-36A`), split one house in two blocks; a house number of three
  // digits or more only, and a street after it: `1234/1236` alone stays, as `127/189` would.
  const RANGE = '\\s*(?:-|/|&|,|TO\\b|THRU\\b|THROUGH\\b)\\s*';
  s = `regexp_replace(regexp_replace(${s}, '(?i)^(\\s*[NSEW]?(?:\\d{1,2}-\\d{1,2}|\\d{3}${RANGE}\\d{1,3}|\\d{4}${RANGE}\\d{1,4}|\\d{5}${RANGE}\\d{1,5}))[A-Z]?\\s', '\\1~ '), '(?i)^(\\s*[NSEW]?\\d+)${RANGE}\\d+~', '\\1')`;
  // A hundred block written out after the house number (tester 287: `100 BLOCK PINE ST` -> `1XX BLOCK PINE
  // ST`, a block apart from `123 PINE ST` -> `1XX PINE ST`; `1200 BLK MAIN ST`, `100 BLOCK OF PINE ST`): the
  // word goes, the number is the block's. Once a range is its first number (`1200-1299 BLOCK`). Only after
  // a hundred (`1200`, `0`): `1234 BLOCK ISLAND RD` is a street's name; not after a block (`12XX`), which that
  // street's block level is, so that the block level run again changes nothing. A street named so, the word
  // and a street type that end the street (`1200 BLOCK ST`), is matched first and kept. `BLOCK OF` before the
  // house number goes too (`BLOCK OF 100 MAIN ST`). The groups of the branches that did not match are empty.
  s = `regexp_replace(${s}, '(?i)^(\\s*[NSEW]?(?:\\d*00|0+))\\s+((?:BLOCK|BLK)\\b\\.?\\s+(?:${ANY_STREET_TYPE})\\b\\.?${STREET_END})|^(\\s*[NSEW]?(?:\\d*00|0+))\\s+(?:BLOCK|BLK)\\b\\.?(?:\\s+OF\\b)?\\s+|^\\s*(?:BLOCK|BLK)\\.?\\s+OF\\s+([NSEW]?\\d)', '\\1\\4 \\2\\5')`;
  // A flat's number or letter glued to the street type and its direction by `#` or `:`, or its number by `-`
  // at the end or before a separator, is written apart, `#` before it, for the unit rules below (tester 246:
  // `1234 MAIN ST#A`, `ST NW#210`, `ST:5`, `ST-5` kept it; `MAIN ST-E`, `ST-5 ST S` are not flats).
  // Tester 250: a unit's word between (`ST#APT5`), and a flat's number glued by `-` before words without a
  // digit to the end, a name (`ST-5 JOHN SMITH`), which the unit rule below takes with it; not before a
  // street type or a direction alone (`ST-5 ST S`, `ST-5 N`): marked apart (\uE001), put back where one
  // follows (RE2 has no look-ahead), then written `#`. Tester 254: a space before the `-` (`MAIN ST -5`), and
  // a letter but a direction's (`MAIN ST-A`; `MAIN ST-E` stays). Tester 258: two letters, or a letter and a
  // number, after `#` (`ST#AB`, `ST#A1` -> `ST#A0XX`), and a letter by `-` before a name (`ST-A JOHN SMITH`).
  s = `regexp_replace(${s}, '(?i)(\\b(?:${GLUED_UNIT_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)[#:]\\s*(?:${UNIT}\\.?\\s*[#:-]?\\s*)?([A-Z]{1,2}\\b|[A-Z]?\\d+[A-Z]?\\b)', '\\1 #\\3', 'g')`;
  s = `regexp_replace(${s}, '(?i)(\\b(?:${GLUED_UNIT_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)\\s*-\\s*(\\d+[A-Z]?\\s*(?:$|[,;/&@])|[A-DF-MO-RT-VX-Z]\\s*(?:$|[,;/&@]))', '\\1 #\\2', 'g')`;
  s = `regexp_replace(${s}, '(?i)(\\b(?:${GLUED_UNIT_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)-((?:\\d+[A-Z]?|[A-DF-MO-RT-VX-Z])(?:\\s+[A-Z\\x27.-]+)+\\s*)$', '\\1 ${FLAT_MARK}\\2')`;
  s = `replace(regexp_replace(${s}, '(?i) ${FLAT_MARK}((?:\\d+[A-Z]?|[A-Z])\\s+(?:(?:${STREET_TYPE})\\b|(?:${DIRECTION})\\s*$))', '-\\1'), '${FLAT_MARK}', '#')`;
  // So is a box's number after the street (tester 246: `1234 MAIN ST BOX 12`); a box without a street is the
  // address itself and keeps its hundreds, as before (`PO Box 1535` -> `PO Box 15XX`). `PO BOX` too (tester 250).
  s = `regexp_replace(${s}, '(?i)(\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)[\\s,]+(?:P\\.?\\s*O\\.?\\s*)?BOX\\b\\.?\\s*[#:-]?\\s*(\\d)', '\\1 #\\2', 'g')`;
  // A unit designator and the number after it (`APT 5B`, `#12`, `APT 5 B`), or a letter alone (`SUITE B`,
  // `#A`, `BLDG C`: kept until tester 180).
  // A separator between the two, and a second number after a slash, are the unit's too (tester 192: `APT/12`,
  // `# / 12`, `LOT 5/12` kept the number).
  // So are a `NO`, `#` or `:` between them, and a separator before the unit (tester 196: `APT#/12`,
  // `APT NO/12`, `APT:305`, `MAIN ST/APT 12` kept the flat's floor as its hundreds).
  // A unit after the street and its direction, and words without a digit after it to the end, are a flat
  // and whoever lives there (tester 235: `1234 MAIN ST APT 5 JOHN SMITH` kept the name once the unit went);
  // a unit's letter too (tester 254: `1234 MAIN ST#A JOHN SMITH` kept the name). Tester 258: `#` and two
  // letters (`ST#AB JOHN SMITH`), and a name after `&` or `+` (`APT 5 & JOHN SMITH` kept `& JOHN SMITH`);
  // no unit, no name: `MAIN ST & LAKE ST` is a crossing.
  s = `regexp_replace(${s}, '(?i)(.*\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)[\\s,]+(?:${UNIT}\\.?\\s*(?:(?:NO|NUM|NUMBER)\\b\\.?\\s*)?[#:-]?\\s*(?:[A-Z0-9-]*\\d[A-Z0-9-]*|[A-Z]\\b)|#[A-Z]{2}\\b)(?:[\\s,]+|\\s*[&+]\\s*)[A-Z\\x27.-]+(?:[\\s,]+[A-Z\\x27.-]+)*\\s*$', '\\1')`;
  // A unit word before it goes too (`APT PH 5 1234 MAIN ST` left `APT 12XX MAIN ST`, a flat's number to the
  // block level run again: tester 231). After a `;` too (tester 254: `1234 MAIN ST;APT 5` kept `APT 0XX`).
  s = `regexp_replace(${s}, '(?i)(^|[\\s/&@,;])(?:${UNIT}\\.?\\s+)?(?:${UNIT}|NO|NUM)\\.?\\s*(?:(?:NO|NUM|NUMBER)\\b\\.?\\s*)?[#:-]?\\s*(?:[/&@]\\s*\\d+\\b|[A-Z0-9-]*\\d[A-Z0-9-]*(?:\\s*/\\s*\\d+)?\\b)(\\s[A-Z]\\b)?', ' ', 'g')`;
  // Two letters after `#` too (tester 258: `1234 MAIN ST#AB`, written apart above).
  s = `regexp_replace(${s}, '(?i)(^|[\\s/&@,])(?:${UNIT_LETTER}|#[A-Z]{2})\\b', ' ', 'g')`;
  // A basement, or an upper or lower flat, named without a number goes as a unit does (tester 241: `1234 MAIN
  // ST BSMT`, `1234 MAIN ST UPPER` kept): `BSMT` anywhere, `UPPER` and `LOWER` after the street and its
  // direction, at the end (`UPPER AFTON RD`, `LOWER WELDEN ST` are streets); tester 254, `REAR` and `FRONT`
  // (`1234 MAIN ST REAR`; `REAR 1234 MAIN ST`, above; `FRONT ST` is a street).
  // Words without a digit after the flat's word to the end are whoever lives there, as after a unit's number
  // (tester 244: `1234 MAIN ST UPPER JOHN SMITH`, `1234 MAIN ST BSMT JOHN SMITH` kept the name), so they go
  // first.
  s = `regexp_replace(${s}, '(?i)(.*\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?)[\\s,-]+(?:${FLAT_WORD})\\b\\.?(?:\\s+(?:LEVEL|LVL|UNIT|FLOOR|FLR|FL)\\b\\.?)?(?:[\\s,]+[A-Z\\x27.-]+)*\\s*$', '\\1')`;
  s = `regexp_replace(${s}, '(?i)(^|[\\s,/&@-])(?:BSMT|BSMNT|BASEMENT|UPSTAIRS|DOWNSTAIRS)\\b\\.?', '\\1', 'g')`;
  // A name written `LAST, FIRST` (a middle initial at most) right before the house number, with no mark
  // between (tester 268: `SMITH, JOHN 0012XX MAIN ST` kept it), once units are gone: before, `HOLIDAY INN,
  // ROOM 512 MAIN ST` would read as a name and the room's number as the house's.
  s = `regexp_replace(${s}, '(?i)^\\s*[A-Z\\x27-]+(?:\\s+[A-Z\\x27-]+)?\\s*,\\s*[A-Z\\x27-]{2,}(?:\\s+[A-Z]\\.?)?\\s+([NSEW]?\\d[0-9A-Z/-]*\\s+\\S)', '\\1')`;
  s = `regexp_replace(${s}, '(\\d),(\\d{3})\\b', '\\1\\2', 'g')`;
  // Seven digits at the end (not `305-1234 MAIN ST`, a flat and its house), once units are gone: those that a
  // rule since has left at the end (`555-1234; RP JOHN`).
  s = `regexp_replace(${s}, '([-/&@,\\s]|^)\\d{3}\\s?[-. ]\\s?\\d{4}\\s*$', '\\1X')`;
  // A name before `RESIDENCE` or `RES` at the end, once the units and telephone numbers after it are gone
  // (tester 211: `SMITH RESIDENCE APT 5`; `JOHN SMITH RESIDENCE` kept `JOHN`): every word after the last
  // street type and its direction (tester 214: `ST PAUL AVE SMITH RES` kept only `ST`, `ASH ST N` merged
  // with `ASH ST`), none where no name follows the type (`ASH ST RES`), or one word before `RESIDENCE` or `RES`
  // where no type is written. Tester 287: that rule wanted a word before the name, so `SMITH RESIDENCE` and
  // `JONES RES` alone were kept whole; a value of three words at most and no digit before it is all a name
  // (`JOHN SMITH RESIDENCE` kept `JOHN`), and goes whole: no address is left. A street type and its direction
  // right before `RES` are no name (`ASH ST RES`, `1234 ASH ST RESIDENCE` lost `ST`): the first branch keeps
  // the value. Anything after ` --` without a digit goes too.
  s = `regexp_replace(${s}, '(?i)(.*\\b(?:${ANY_STREET_TYPE})\\b(?:\\s+(?:${DIRECTION}|EXT)\\b)?)[\\s.,;:/]+[A-Z\\x27.-]+([\\s,]+[A-Z\\x27.-]+)*,?\\s+RES(IDENCE)?\\.?${RES_FLAT}(\\s+X)?\\s*$', '\\1')`;
  s = `regexp_replace(regexp_replace(${s}, '(?i)(.*\\b(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b)?\\s+RES(?:IDENCE)?\\.?${RES_FLAT}(?:\\s+X)?)\\s*$|(?:^\\s*(?:[A-Z\\x27.-]+,?\\s+)*|(.*\\S)\\s+)?[A-Z\\x27-]+,?\\s+RES(?:IDENCE)?\\.?${RES_FLAT}(?:\\s+X)?\\s*$', '\\1\\2'), '(?i)\\s+--\\s*[^0-9]*$', '')`;
  // A mile marker after a route and its number, a direction at most between, is a public place, as an exit
  // is (tester 287: `I-89 MM 87` and `I-89 MM 12` were both `I 89 MM 0XX`, one fake hot spot), and one right
  // before them (`MM 87 I-89`): its number, three digits at most and a tenth or a hundredth (`MM 12.5`), is
  // marked (~R) as a route's is below, each run of digits, before the decimal fraction rule would drop the
  // tenth; a longer fraction goes, as that rule drops it. One rule for all: where no fraction is kept, the
  // second mark stands alone and goes with the others, and the groups of the branch that did not match are
  // empty.
  const A_ROUTE = `(?:${ROUTE.replace(/^\(/, '(?:')}|[A-Z]{2}-)[\\s-]*\\d{1,3}[A-Z]?`;
  const MILE = '(\\d{1,3})(?:(\\.)(\\d{1,2})|\\.\\d+)?\\b';
  s = `regexp_replace(${s}, '(?i)(\\b${A_ROUTE}${ROUTE_BOUND}[\\s,/-]*${MILE_WORD})${MILE}|(\\b${MILE_WORD})${MILE}(\\s*[,/-]?\\s*${A_ROUTE}\\b)', '\\1\\5~R\\2\\6\\3\\7~R\\4\\8\\9', 'g')`;
  // A decimal fraction goes (coordinates written in the address: `44.977812` placed a call within 10 m),
  // and a run of six digits or more is masked whole: no house number is that long. One without a digit
  // before its point goes whole (tester 254: Burlington's street `.4` was stored `.0XX`; alone, no block).
  s = `regexp_replace(regexp_replace(regexp_replace(${s}, '(\\d)\\.\\d+', '\\1', 'g'), '(^|[\\s,;/&@(-])\\.\\d+\\b', '\\1', 'g'), '\\d{6,}', 'X', 'g')`;
  // Route numbers (three digits at most, and a letter: `I 35W`) are marked (~R) so that the house-number
  // rules pass them by; so are state routes written `MN-62`.
  s = `regexp_replace(${s}, '(?i)\\b${ROUTE}[\\s-]*(\\d{1,3})([A-Z]?)\\b', '\\1 ~R\\2\\3', 'g')`;
  s = `regexp_replace(${s}, '\\b([A-Z]{2})-(\\d{1,3})([A-Z]?)\\b', '\\1-~R\\2\\3', 'g')`;
  // So are a number alone on one side of an intersection whose other side is a street with no number
  // (`Shelburne Rd / 189`, `127/Manhattan Dr`: roads known by their numbers; after a house number,
  // `1234 MAIN ST/12` may be a flat's, and after a place, `RIVERSIDE APTS / 305` or `HOLIDAY INN @ 214`, a
  // flat's or a room's: tester 192), an HOV lane's (`394 HOV LN`) and a mile road's (`8 MILE RD`; not
  // `123 MILE SQUARE RD`).
  s = `regexp_replace(${s}, '(?i)^(\\s*${ROAD_OR_ROUTE}\\s*[&/]\\s*)(\\d{1,3})\\s*$', '\\1~R\\2')`;
  s = `regexp_replace(${s}, '(?i)^\\s*(\\d{1,3})(\\s*[&/]\\s*${ROAD_OR_ROUTE})\\s*$', '~R\\1\\2')`;
  s = `regexp_replace(${s}, '(?i)\\b(\\d{1,3}) (HOV (?:LN|LANE)|MILE (?:RD|ROAD))\\b', '~R\\1 \\2', 'g')`;
  // A fraction before a street type that ends the street (a direction at most after it) is the street's
  // name (`29 1/2 ST E`, Minneapolis' half streets), marked so; any other is part of a house number
  // (`1234 1/2 MAIN ST`; `12 1/2 ST PAUL AVE`, where ST is a saint) and goes with it. So is a number of
  // three digits at most before such a street type (`5 ST S` is 5th Street), and one written `36HALF`.
  s = `regexp_replace(${s}, '(?i)\\b(\\d{1,3}) (\\d)/(\\d) (${STREET_TYPE})${STREET_END}', '~R\\1 ~R\\2/~R\\3 \\4\\5', 'g')`;
  s = `regexp_replace(${s}, '(~R\\d+|\\b\\d+(?:XX)?) \\d/\\d\\b', '\\1', 'g')`;
  s = `regexp_replace(${s}, '(?i)\\b(\\d{1,3}) (${STREET_TYPE})${STREET_END}', '~R\\1 \\2\\3', 'g')`;
  s = `regexp_replace(${s}, '(?i)\\b(\\d{1,3}HALF)\\b', '~R\\1', 'g')`;
  // Numbers of three digits or more keep their hundreds, with an optional grid prefix (N1234) or letter
  // (1234A), or a letter after a dash (`1234-A`, tester 180); those of one or two are block 0. Ordinals
  // (1ST) are neither.
  s = `regexp_replace(${s}, '(?i)\\b[NSEW]?0*(\\d+)\\d\\d(-?[A-Z])?\\b', '\\1XX', 'g')`;
  s = `regexp_replace(${s}, '(?i)\\b[NSEW]?\\d{1,2}(-?[A-Z])?\\b', '0XX', 'g')`;
  s = `regexp_replace(${s}, '\\b0+(\\d+XX)\\b', '\\1', 'g')`;
  // A number glued to letters (`1234MAIN`, `A1234`, `MAIN ST1234`, `1234_MAIN`, `2508ST PAUL AVE`) has no
  // word boundary for the rules above. Every digit left, but route numbers (~R), blocks (12XX) and
  // ordinals, goes the same way: the hundreds of three digits or more, block 0 for one or two.
  s = `regexp_replace(replace(${s}, '~R', '~'), '(\\d+XX|(?i)\\b${ORDINAL}\\b)', '~\\1', 'g')`;
  s = `regexp_replace(${s}, '(^|[^~0-9])0*(\\d*\\d)\\d\\d', '\\1~\\2XX', 'g')`;
  s = `regexp_replace(${s}, '(^|[^~0-9])\\d{1,2}', '\\1~0XX', 'g')`;
  // An empty part between commas, left where a unit between them went, goes (tester 261: `1234 North Ave,
  // Unit 12, Burlington` -> `12XX North Ave, , Burlington`); a trailing comma goes with the marks at the end.
  s = `regexp_replace(${s}, '\\s*,(?:\\s*,)+', ',', 'g')`;
  s = `regexp_replace(regexp_replace(replace(${s}, '~', ''), '\\s+', ' ', 'g'), '^[\\s,/&@-]+|[\\s,/&@-]+$', '', 'g')`;
  // Tester 359: a house number written in words (`TWELVE THIRTY FOUR MAIN ST`, a repeat location of its
  // own) goes, two number words or more before a street's name and type: no block can be told from them, as
  // from a number masked (`X`). One word alone stays, a street's name as often (`One North Ave`, `SEVEN OAKS
  // DR`).
  s = `regexp_replace(${s}, '(?i)^\\s*(?:(?:${NUMBER_WORD})\\b[\\s-]+){2,}([A-Z\\x27.-]+(?:\\s+[A-Z\\x27.-]+)*\\s+(?:${ANY_STREET_TYPE})\\b)', '\\1')`;
  // Tester 359: words after a block's street (`12XX MAIN ST ZORBA QUIXOTE`, a name kept whole) go. After a
  // hundred block, a word or more and a street type, the words without a digit or a mark to the end are
  // marked (\uE004; the last street type: `ST PAUL AVE`), and only those of a street stay (STREET_TAIL); the
  // rest go. Words after a comma (`12XX North Ave, Burlington`) are not touched, nor a saint's name after a
  // block with no street type (`0XX ST TOWNSEND`).
  // Street types are marked (\uE003) first, so that the words marked, which exclude the mark, never span one
  // (RE2 has no look-ahead: `12XX ST PAUL AVE` lost `PAUL AVE` so).
  // A `DR` right after a street type and its direction, words after it, is a doctor's title, not the street's
  // type (helper D132: `1234 MAIN ST DR SMITH` was stored `12XX MAIN ST DR`, a block of its own, the words
  // after the `DR` read as the tail): its mark is taken off, so that it goes with the name. Not before a
  // direction alone (`12XX PARK CIRCLE DR NE`), matched first and kept, nor at the end (`12XX MAIN ST DR`).
  const TYPED = `(?i)(${TYPE_MARK}(?:${ANY_STREET_TYPE})\\b\\.?(?:\\s+(?:${DIRECTION})\\b\\.?)?\\s+)`;
  const DR_TITLE = `${TYPED}(?:(${TYPE_MARK}DR\\b\\.?\\s+(?:${DIRECTION})\\b\\.?\\s*$)|${TYPE_MARK}(DR\\b\\.?\\s+\\pL))`;
  s = `regexp_replace(regexp_replace(regexp_replace(${s}, '(?i)\\b(${ANY_STREET_TYPE})\\b', '${TYPE_MARK}\\1', 'g'), '${DR_TITLE}', '\\1\\2\\3'), '(?i)^(\\s*\\d+XX\\s+\\S.*\\s${TYPE_MARK}(?:${ANY_STREET_TYPE})\\b\\.?)((?:\\s+[\\pL\\x27.-]+)+)\\s*$', '\\1${TAIL_MARK}\\2')`;
  s = `replace(regexp_replace(${s}, '(?i)${TAIL_MARK}(${STREET_TAIL})(?:\\s.*)?$', '\\1'), '${TYPE_MARK}', '')`;
  // Tester 360: one place written several ways was several repeat locations (Burlington's `ST PAUL ST`,
  // `SAINT PAUL ST` and `ST. PAUL ST`, 188, 103 and 7 calls; `CHURCH ST/MAIN ST` and `CHURCH ST./MAIN ST.`).
  // A full stop ending a word (`ST.`, `AVE.`, `N.`, `12XX.`) goes, before a space, a mark or the end: not one
  // inside a number (`MM 12.5`, `.4`, kept or dropped above) or before a letter (`ST.PAUL`), nor those of an
  // initialism (`T.H. 55`, `U.S.`), matched first and kept. `SAINT` before a name is written `ST`, keeping its
  // case (`Saint` -> `St`): Burlington writes `ST` most (188 calls to 103), Minneapolis `SAINT` (`SAINT
  // ANTHONY PKWY` beside `ST ANTHONY AV`), and the name rules above already read a saint's `ST`. `MT` and
  // `FT` stay: no export here writes `MOUNT` or `FORT` both ways, and `MT` is also Montana. Here, before the
  // two sides of an intersection are ordered, so that they are ordered as stored. The cheap branch sends a
  // value with a `.` or `SAINT` down the chain (`plain`): a hundred block without them pays nothing for it.
  s = `regexp_replace(${s}, '(?i)\\b([A-Z]\\.(?:[A-Z]\\.)+)|\\b(\\d*[A-Z]+)\\.+\\B|\\b(S)AIN(T\\s+)\\b', '\\1\\2\\3\\4', 'g')`;
  // An intersection of two streets is written one way, so that one crossing is one block (tester 246:
  // Burlington's `CHURCH ST/MAIN ST`, `CHURCH ST / MAIN ST`, `MAIN ST/CHURCH ST` and `MAIN ST / CHURCH ST`
  // were four): no space around the `/` (as the real exports write most: 52,700 of the 53,300 Minneapolis and
  // Burlington values with a `/`), a space each side of an `&` (`LAKE ST&MAIN ST` read badly), the two
  // streets in alphabetical order of their upper case (blocks are compared so, docs/metrics.md). Only where no house number is left and the value is two named
  // parts (a letter, not one or two letters alone: `HWY 55 N/B`, `C/O` stay) around one `/` or `&`. A road
  // known by its number, a part of one to three digits alone, is a named part there (tester 250: Burlington
  // wrote `Shelburne Rd / 189`, `Shelburne Rd/189` and `189/Shelburne Rd`, `127/ Plattsburg Ave` and
  // `127/Plattsburg Ave`, each crossing three or two blocks), and so comes first (`189/Shelburne Rd`): only a
  // number the rules above kept is left alone so (`Shelburne Rd / 189` beside a road's name), a house number
  // or a flat's is a block (`12XX MAIN ST/0XX`), and two numbers alone (`29 1/2`) stay. A lambda names the value once. Split, not matched with capture groups, which took seven
  // times as long (3.4 s more for 460,000 real values where this takes 0.5 s more). Only for a value with a
  // `/` or `&`, full-width or small too, or a full-width backslash (below; tester 258: `MAIN ST＼CHURCH ST`
  // was not ordered): a lambda anywhere in the expression had every value pay for it, the
  // cheap branch's too (a million synthetic hundred blocks, one thread: 0.40 s before, 1.87 s with it, 0.43 s
  // gated).
  const sep = `CASE WHEN contains(x, '&') THEN ' & ' ELSE '/' END`;
  // Tester 330: a side of two that is a name alone goes before the sides are sorted, and the other street
  // stays (`SMITH RESIDENCE/MAIN ST` was `MAIN ST/SMITH RESIDENCE`, which run again lost the name: the rule of
  // a name before `RESIDENCE` at the end saw it there). A name is a side with no street type (`JOHN ST`,
  // `MARTIN LUTHER KING JR BLVD`, `HOME AVE`, `ST JOHN ST` are streets) written `LAST, FIRST`, `MR`,
  // `MRS` or `MS` and a word or two (tester 334: more, below), or up to three words before `RESIDENCE`, `RES`, `HOME`, `HOUSE` or
  // `FAMILY` (`THE SMITH FAMILY HOME`). Words alone (`JOHN SMITH`) stay: Burlington's sides without a street
  // type are places (`Beltline`, `Salmon Hole`, `N Winooski`). Two names leave nothing, as `SMITH RESIDENCE`
  // alone does. Street types are marked (\uE003) first, so that a name's words, which exclude the mark, never
  // span one (RE2 has no look-ahead). Regular expressions, not the sorting lambda's split: one inside a lambda
  // cost 3 ms more for each chunk of rows holding an intersection (80,000 real values: 0.28 s, 0.41 s so).
  // Tester 332: `LAST, FIRST` wanted a one-word last name and a first name of two letters, so `DOE, J/MAIN ST`,
  // `MAIN ST/SMITH, J.`, `MAIN ST/VAN DER BERG, ANNA` and `MAIN ST/ST. JOHN, MARY` were kept whole (the comma
  // also kept them from the sort): the last name is one to three words, after a saint's `ST` at most (`ST
  // JOHN ST` ends in a street type, and stays), the first one or two words or initials, a point after each at
  // most (`J.`, `J.A.`). None of the 11,548 distinct Minneapolis and Burlington street values has a comma.
  const LAST_FIRST = `(?:${TYPE_MARK}ST\\.?\\s*)?[A-Z\\x27.-]+(?:\\s+[A-Z\\x27.-]+){0,2}\\s*,\\s*[A-Z\\x27-]+(?:\\.[A-Z\\x27-]+)*\\.?(?:\\s+[A-Z\\x27-]+(?:\\.[A-Z\\x27-]+)*\\.?)?`;
  // Tester 334: `MISS`, a couple (`MR AND MRS SMITH`, `MR. & MRS. SMITH`, whose `&` is no crossing's), a
  // middle initial (`MR JOHN Q SMITH`) and an initial with a point (`MRS J. SMITH`) were kept.
  const HONORIFIC = '(?:MR\\.?\\s*(?:AND|&)\\s*MRS|MRS|MR|MS|MISS)';
  const N = `\\s*(?:${LAST_FIRST}|${HONORIFIC}\\.?(?:\\s+[A-Z\\x27-]+\\.?){1,3}|(?:[A-Z\\x27.-]+\\s+){1,3}(?:RES|RESIDENCE|HOME|HOUSE|FAMILY)\\.?${RES_FLAT})\\s*`;
  const namesGone = `replace(regexp_replace(regexp_replace(${s}, '(?i)\\b(${ANY_STREET_TYPE})\\b', '${TYPE_MARK}\\1', 'g'), '(?i)^${N}[/&]${N}$|^${N}[/&]\\s*([^/&]*[^/&\\s])\\s*$|^\\s*([^/&]*[^/&\\s])\\s*[/&]${N}$', '\\1\\2'), '${TYPE_MARK}', '')`;
  const oneWay = `list_transform([${namesGone}], x -> CASE
    WHEN NOT (contains(x, '/') OR contains(x, '&')) OR regexp_matches(x, '\\dXX|[@,;:#]') THEN x
    ELSE list_transform([string_split_regex(x, '\\s*[/&]\\s*')], p -> CASE
      WHEN len(p) <> 2 OR NOT regexp_matches(x, '\\pL')
        OR NOT regexp_full_match(p[1], '.*\\pL.*|\\d{1,3}') OR NOT regexp_full_match(p[2], '.*\\pL.*|\\d{1,3}')
        OR regexp_full_match(p[1], '\\pL{1,2}') OR regexp_full_match(p[2], '\\pL{1,2}') THEN x
      WHEN upper(p[1]) > upper(p[2]) THEN p[2] || ${sep} || p[1]
      ELSE p[1] || ${sep} || p[2] END)[1] END)[1]`;
  // The cheap branch: a hundred block, or a number of up to five digits (a 40-digit one overflowed the
  // division's cast and refused the whole file), then words; not a numbered street (`5 ST S`).
  // Both skip a value with a unit, a name or a contact the chain takes away (a hundred block with one was
  // kept whole: `12XX MAIN ST SMITH RES`), or a flat glued to the street by `:` (tester 250: `1234 MAIN ST:A`
  // took the cheap branch whole); tester 254, a rear or front flat (`1234 MAIN ST REAR`), a flat's letter after
  // `-` (`MAIN ST-A`) and a backslash or another script's slash. Tester 258: a unit's letter before words
  // (`1234 MAIN ST APT A JOHN SMITH` took the cheap branch whole), the small `﹠` and `﹢`. Tester 261: a part
  // between asterisks (`56 Pine St ** Jane Doe **` took it whole). Tester 287: a hundred block written out
  // (`100 BLOCK PINE ST`), whose word the chain drops. Tester 334: a name's words on a side of an
  // intersection (`0031XX CHOWEN AVE S/MR SMITH`, `1234 MAIN ST/SMITH FAMILY` took it whole).
  // Tester 359: words after the street type and its direction or bound (`1234 MAIN ST ZORBA QUIXOTE` took
  // it whole): a word of three letters or more, two letters but a direction's or a bound's, or two words; a
  // direction or a letter alone (`12XX MAIN ST NE`, `12XX COUNTY RD K`) stays cheap.
  const TAIL_WORD = `\\b(?:${ANY_STREET_TYPE})\\b(?:\\s+(?:${DIRECTION}|[NSEW]B)\\b)?\\s+(?:[\\pL\\x27-]{3,}|(?:[A-DF-MO-RT-VX-Z][A-Z]|[NS][AC-DF-VX-Z]|[EW][AC-Z])\\b|[\\pL\\x27-]+\\s+[\\pL\\x27-])`;
  const plain = `NOT regexp_matches(${v}, '(?i)^\\d+ (?:${STREET_TYPE}|HOV|MILE|[/&])|\\s${UNIT_LETTER}(?:$|\\s)|\\b(C/O|ATTN|ATTENTION|ICO|CARE OF|RES|RESIDENCE|BLOCK|BLK|FL|FLR|FLOOR|RP|RPT|R/P|R\\.P|R\\. P|R-P|R P|CALLER|CALLED|CONTACT|COMP|COMPL|COMPLT|COMPLAINANT|REPORTING|REP|REPORTED|INFORMANT|CLR|WITNESS|VICTIM|OWNER|SUSPECT|MOTHER|FATHER|${PERSON_WORD}|HOME|HOUSE|FAMILY|MR|MRS|MS|MISS|SAINT|${ID_WORD}|LP|BSMT|BSMNT|BASEMENT|UPSTAIRS|DOWNSTAIRS|${FLAT_WORD})\\b|\\bRP[A-Z]{2}|[A-Z]-[A-DF-MO-RT-VX-Z]\\b|[\uFF01-\uFF5E${SMALL_MARKS}]|(^|\\s)[\\x27‘‛]|[;:."“”«»\\\\\u2215\u2044]|\\s-|--|\\S@\\S|\\*[^*]*\\*|[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000\uFEFF]|${TAIL_WORD}')`;
  // A redaction marker or a placeholder is no address (tester 266: a drafted profile without the built-in
  // one's `null_matches` stored Minneapolis' `**Redacted 13.82**` as `**Redacted 0XX**`, a top repeat
  // location; tester 267: `No Address`, 92 calls, ranked 17th). Tester 287: the other placeholders, and
  // a point's coordinates alone, which became one fake block of many places (`0XX, -0XX`). One test of
  // the whole value, as before: it fails within the first few characters of almost every address.
  return `CASE WHEN regexp_full_match(${v}, '(?i)${NO_ADDRESS}|${COORDINATES}') THEN NULL
    WHEN regexp_full_match(${v}, '0*\\d+XX${WORDS}') AND ${plain} THEN regexp_replace(${v}, '^0*(\\d+XX)', '\\1')
    WHEN regexp_full_match(${v}, '\\d{1,5}${WORDS}') AND ${plain} THEN
      CAST(CAST(regexp_extract(${v}, '^(\\d+)', 1) AS INTEGER) // 100 AS VARCHAR) || 'XX' || regexp_replace(${v}, '^\\d+', '')
    WHEN regexp_matches(${v}, '[/&\uFF0F\uFF06\uFF3C\uFE60\\\\\u2215\u2044]') THEN ${oneWay}
    ELSE ${s} END`;
}
