/**
 * Personal data other than telephone numbers in the text values ingest stores, as DuckDB regular
 * expressions (docs/schema.md, "What is never loaded"; tester 241 planted these in call types and found them
 * in the public report's pathways): e-mail addresses, social security numbers, dates of birth, driver's
 * licence numbers, and plates, VINs and ids after their word (tester 261). Masked in the same rows as
 * telephone numbers, those the one gate per row passes (phonesGateSql in phone-numbers.ts, which also lets an
 * `@`, an `(at)` and these words through).
 */
import { STATE as US_STATES, STREET_TYPE } from './block-address.js';
import { D, FIRST, GAP, LAST, PHONE_WORD, phonesGateSql, valuePhonesMaskedSql } from './phone-numbers.js';
import { pointsReplacedSql, TEXT_ADDRESS_GATE, textAddressesBlockedSql, TYPE } from './text-addresses.js';

/**
 * An e-mail address, any `x@y.tld` (`zorbvictim@example.com`, `hglim@foo.org`), all of it; the `@` may be a
 * full-width `＠` (tester 244: `jo＠example.com` was kept), have a space on either side or be written `at` in
 * brackets (tester 261: `jane.doe @ example.org`, `jane.doe(at)example.org`, `jane.doe [at] example.org` were
 * kept). A bare `at` is a word of the call (`Welfare Check at 1234 MAIN`), and an `@` between words with
 * no domain after it (`MEET @ MAIN ST`) is none: the domain's dot and letters-only ending tell them apart.
 */
const EMAIL_AT = '(?:\\s?[@\uFF20]\\s?|\\s?[(\\[{<]\\s?[Aa][Tt]\\s?[)\\]}>]\\s?)';
const EMAIL = `[A-Za-z0-9._%+-]+${EMAIL_AT}[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}`;
/**
 * An e-mail address written out, `at` and `dot` between spaces in any case (tester 366: `john at gmail dot
 * com` was stored; block-address.ts already took it from the address), ending in a common domain's ending: a
 * call type's `at` before a place (`Check Welfare at 1234 MAIN ST`) has none.
 */
const EMAIL_END = 'COM|NET|ORG|EDU|GOV|MIL|US|CO|IO|INFO|BIZ|ME|UK|CA';
const SPELT_DOT = `(?:\\.|\\s+(?i:DOT)\\s+)`;
const EMAIL_SPELT = `[A-Za-z0-9._%+-]+\\s+(?i:AT)\\s+[A-Za-z0-9-]+(?:${SPELT_DOT}[A-Za-z0-9-]+)*${SPELT_DOT}(?i:${EMAIL_END})\\b`;

/** A hyphen or dash (the ones phone-numbers.ts's MARK knows). */
const HYPHEN = '[-\u2010-\u2015\u2212\uFF0D]';

/**
 * A social security number in its own shape, three, two and four digits apart by hyphens (`123-45-6789`),
 * by dots or by spaces (tester 252: `123.45.6789` and `123 45 6789` were kept): with no word before it, in
 * ASCII or full-width digits (tester 244: `１２３-４５-６７８９` was kept). Nine digits without marks
 * (`554131234`, a ZIP+4) are masked only after a word.
 */
const SSN_SHAPE = `${FIRST}${D}{2}(?:${HYPHEN}${D}{2}${HYPHEN}|\\.${D}{2}\\.|[ \u00A0\u2009\u202F]${D}{2}[ \u00A0\u2009\u202F])${D}{3}${LAST}`;

/**
 * After a word, its optional `NO`, `NBR`, `#`, `:` or `/` and spaces: kept with the word (tester 277:
 * `PLATE/ABC1234` was kept).
 */
const WORD_TAIL = '\\.?\\s*(?:(?:NO|NBR|NUM|NUMBER)\\b\\.?\\s*)?[#:/]?\\s*';

/**
 * The words before a social security number: `SSN`, `SS#`, `SOC SEC`, `SOCIAL SECURITY`, with or without
 * points (tester 244: `S.S.N. 123456789` and `S.S.#` were kept; `SOC. SEC. NO.`), `S/S#` and `SS NO` (tester
 * 252: `S/S# 123456789`, `SS NO 123456789` were kept); `SS`, `S.S.` and `SOC` alone, `SS-NO` and a `NO` glued
 * to the number (tester 258: `SOC 123456789`, `S.S. 123456789`, `SS-NO 123456789`, `SS NO123456789` were kept).
 * Only nine digits follow, so a word that begins so (`SS NOTE`) takes nothing.
 */
const SSN_WORD = `\\b(?:S[./]?\\s?S\\.?(?:[-\\s]?(?:[N#]|(?:NO|NBR|NUM|NUMBER)(?:\\b\\.?)?))?|SOC(?:IAL)?(?:\\.?\\s?SEC(?:URITY)?)?)${WORD_TAIL}`;
/**
 * Nine digits in any grouping (tester 252: `SSN 123 456 789` was kept; tester 258: `SSN 12-345-6789`, `SSN
 * 123 4567 89`, `SSN 1234 56 789` were), or none (`SSN 123456789`, `SSN478219034`, `SS# 123 45 6789`).
 */
const SSN_NUMBER = `${D}(?:${GAP}${D}){7}${LAST}`;

/**
 * The words before a date of birth: `DOB`, `D.O.B.`, `BIRTH`, `BIRTHDATE`, `BIRTH DATE`, `DATE OF BIRTH`,
 * `BORN`, `BORN ON` (tester 244: `BORN 03/14/1987` was kept); a plural, `DOBS`, `BIRTHDATES`, and `B/D`,
 * `BDAY`, `B-DAY` (tester 252: `DOBS 03/14/1987 AND 04/01/1990`, `B/D 03/14/1987` were kept); `D.O.B.S`,
 * `DOB'S`, `B.D.`, `BDAYS`, `B/DAY`, `B DAY`, `BDATE`, and a hyphen after the word (tester 258:
 * `DOB-03/14/1987`, `B DAY 3/4/87` were kept); `D/O/B`, `BD`, and `=`, `;` or `/` after the word (tester 261:
 * `d/o/b 3/14/87`, `BD 3/14/87`, `DOB=3/14/87`, `DOB; 3/14/87`, `DOB/3/14/87` were kept).
 */
const DOB_WORD = `\\b(?:D[./]?\\s?O[./]?\\s?B(?:\\.?S|[\\x27\u2019]S)?|B[-/. ]?D(?:AY|ATE)S?|B[-/.]?D\\.?|BIRTH(?:\\s?DATE|DAY)?S?|BORN(?:\\s?ON)?)${WORD_TAIL}[-=;/,|>]?\\s*`;
/**
 * A date: day, month and year in any order apart by `-`, `/`, `.` or a space (`1990-07-04`, `03/14/1987`,
 * `3.4.87`; tester 258: `DOB 03 14 1987` was kept),
 * eight or six digits (`19900704`, `031487`), or with a month's name (`4 JUL 1990`, `JUL 4, 1990`), the day
 * an ordinal too (tester 252: `DOB MARCH 14TH 1987` was stored as `DOB X 1987`); or a month and day without
 * the year, apart by `/` or `-`, as a birthday is written (tester 261: `DOB 3/14` was kept), a month 1 to 12
 * and then a day (tester 268: `BD 10-50` was masked), the year being tried first.
 */
const ORDINAL = '(?:ST|ND|RD|TH)?';
const DATE_SEP = '(?:\\s?[-/.\u2010-\u2015\u2212\uFF0D]\\s?|\\s)';
const MONTH = '(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*\\.?';
const DATE =
  `(?:${D}{1,4}${DATE_SEP}${D}{1,2}${DATE_SEP}${D}{1,3}|${D}{7}|${D}{5}` +
  `|(?:[0-9]{1,2}${ORDINAL}[ -]?)?${MONTH}[ -]?(?:[0-9]{1,2}${ORDINAL},?[ -]?)?[0-9]{1,3}` +
  `|(?:0?[1-9]|1[0-2])[-/][0-3]?)${LAST}`;
/**
 * The dates after one such word, apart by `,`, `;`, `&`, `/`, `+`, a space, `AND` or `OR`: every one is masked
 * (tester 244: `DOB 03/14/1987 AND 04/01/1990`, written for two people, kept the second; tester 250: so did
 * `DOB 03/14/1987/04/01/1990`; tester 258: `DOBS 03/14/1987 04/01/1990`, `DOB 3/4/87 + 5/6/90`), the run as one `X`.
 */
const DATES = `${DATE}(?:(?:\\s?[,;&/+]\\s?|\\s(?:AND|OR)\\s|\\s)${DATE})*`;

/** The words before a driver's licence number: `DL`, `DL#`, `DLN`, `D/L`, `OLN`, `LIC`, `LICENSE`, `LICENCE`. */
const DL_WORD = `\\b(?:DLN|DL|D/L|OLN|LIC(?:ENSE|ENCE)?)${WORD_TAIL}`;
/**
 * A licence number: up to four letters, then five digits or more, a hyphen or space between any two
 * (`M412-771-556-903`, `A1234567`, `123456789`; tester 244: `ABCD123456789` was kept).
 */
const DL_NUMBER = `(?:[A-Z]{1,4}[- ]?)?${D}(?:[- ]?${D}){3,}${LAST}`;

/** The two letters of a US state, district or territory, as a plate's state is written (`VT`, `DC`, `PR`). */
const STATE = `(?:${US_STATES}|AS|GU|MP|PR|VI)`;
/**
 * The words before a plate, a vehicle's number or an id (tester 261: `LP ABC1234`, `TAG ABC1234`, `PLATE VT
 * ABC1234`, `PLT ABC1234`, `VT REG GXR 412`, `VIN 1HGCM82633A004352`, `MEDICAID ID 123456789A`, `PASSPORT
 * 123456789`, `MRN 00123456` were kept), whole words only: `TAGS`, `LPN`, `PLATES` (a call type's word) and
 * `REGULAR` take nothing. A state's two letters after the word stay with it (`PLATE VT X`). `MR`, `LIC` and
 * `VEH` too (`MR# 00123456`, `LIC ABC1234`, `VEH ABC1234` were kept: a licence number has five digits, a
 * plate fewer), which take a plate's shape only, so `MR SMITH`, `LIC 1234` and `VEH 10-50` stay.
 */
const ID_WORD = `\\b(?:LP|TAG|PLATE|PLT|REG|VIN|MEDICAID(?:\\s?ID)?|PASSPORT|MRN?|LIC(?:ENSE|ENCE)?|VEH)\\b${WORD_TAIL}-?(?:${STATE}\\s)?`;
/**
 * A plate or id: one token of five characters or more holding a digit (`ABC1234`, `1HGCM82633A004352`),
 * letters then a hyphen and a digit (`ABC-1234`), Minnesota's three digits, a hyphen and three letters
 * (`123-ABC`, tester 277), or a plate in two groups, letters then three or four
 * characters with a digit (`GXR 412`, `ABC 1234`). A word without a digit is none (`TAG LOCATION` stays), nor
 * is a code of four characters or fewer or a 10-code (tester 268: `TAG 72 HR PARKING`, `REG 290`, `REG 10-4`
 * were masked, and `REG 2` and `REG 3` made one type). RE2 has no lookahead: the five characters are spelt
 * out by where the first digit stands.
 */
const ID_NUMBER =
  '(?:[A-Z]{2,4} (?:[0-9][A-Z0-9]{2,3}|[A-Z][0-9][A-Z0-9]{1,2}|[A-Z]{2}[0-9][A-Z0-9]?|[A-Z]{3}[0-9])' +
  '|[A-Z][A-Z0-9]*-[0-9][A-Z0-9]*(?:-[A-Z0-9]+)*|[0-9]{3}-[A-Z]{3}' +
  '|[A-Z0-9]{4,}[0-9][A-Z0-9]*|[A-Z0-9]{3}[0-9][A-Z0-9]+|[A-Z0-9]{2}[0-9][A-Z0-9]{2,}|[A-Z0-9][0-9][A-Z0-9]{3,}|[0-9][A-Z0-9]{4,})\\b';

/**
 * A caller's word before a local number of seven digits in any grouping (tester 366: `CALLER 555 0179`, `RP
 * 555 0179` were stored; after `CB` or `TEL` it was masked, phone-numbers.ts), the word kept; an `AT` or `@`
 * between them too (tester 383: `RP AT 555 1234` was kept).
 */
const CALLER_NUMBER_WORD = `\\b(?:RP|R/P|CALLER|CLR|COMP|COMPL|COMPLT|COMPLAINANT|INFORMANT|REPORTED\\s+BY|CALLED(?:\\s+IN)?\\s+BY)\\b\\.?\\s*[:=#/-]?\\s*(?:(?:AT|@)\\s*)?`;
const SEVEN_DIGITS = `${D}{3}${GAP}${D}{3}${LAST}`;

/**
 * The words a caller's or another person's name follows in a text value (tester 359: `Check Welfare CALLER
 * ZORBA QUIXOTE (P)`, `Check Welfare RP ZORBA QUIXOTE (P)`, `Check Welfare MR QUIXOTE (P)`, a disposition
 * `INF-RP ZORBA QUIXOTE`, a response plan `P3 CALLER ZORBA QUIXOTE` were stored): a reporting party's
 * (block-address.ts's CALLER_WORD, less the words a call type uses for its own sake, `CONTACT`, `OWNER`,
 * `VICTIM`, `DRIVER`...), whom a letter is for (`ATTN`, `C/O`) and a title (`MR`, `MRS`, `MS`, `MISS`), in
 * any case; then `.`, `:`, `=`, `#`, `-` or `/` (tester 366: `RP-JOHN SMITH`, `RP/JOHN SMITH` were kept), or spaces.
 */
// The words after the first of a phrase are CALL_WORD's too, marked (CALL_MARK) when names are read: a
// phrase's pattern takes the mark before each (tester 366: `REPORTED BY`, `CALLED BY`, `CARE OF` were kept).
// Tester 383: `DR SMITH` kept the name. `DR` is a street type too (`TECHNOLOGY DR NE`), so it is a title only in
// capitals and where no street's name can stand before it: at the start, after a mark, a word in lower case or
// a call type's word (marked, `CALLER DR SMITH`).
// Helper D132: a direction after `DR` is a street's (`1234 CIRCLE DR NE`, `CIRCLE` a street type and so a call
// type's word before it, was stored `12XX CIRCLE DR X`): marked as a call type's word, it is no name. Only
// where it ends the value or comes before a mark, a digit, a word in lower case, a call type's word or a flat's,
// as a street's direction does: `DR N SMITH` is a title, an initial and a name.
const DIRECTION_AFTER_DR = '(?:NORTH|SOUTH)(?:EAST|WEST)?|EAST|WEST|[NS][EW]|[NSEW]';
const TITLE_DR = `(?:^|[^A-Za-z0-9 \\t\uE001]\\s*|[a-z]\\s+|\uE001[A-Z/]+\\s+)\uE001?DR`;
/**
 * A phrase a name follows (`HIS NAME IS`, `HER NAME IS`, `NAME IS`, `NAMED`, `SON NAMED`; helper D132: `CALLER
 * HIS NAME IS JOHN SMITH` was stored `CALLER X IS JOHN SMITH`, `HIS NAME` read as the caller's name and `IS`
 * ending it). A possessive and a word for the person (`SON`, `MALE`) may come before `NAME IS` or `NAMED`; the
 * phrase is marked (callWordsMarkedSql) so that a caller's word before it takes none of its words for a name,
 * and the name after it is read as after a caller's word.
 */
const NAMING_PERSON =
  'SON|SONS|DAUGHTER|DAUGHTERS|CHILD|KID|WIFE|HUSBAND|MOTHER|MOM|FATHER|DAD|BROTHER|SISTER|FRIEND|BOYFRIEND|' +
  'GIRLFRIEND|BF|GF|NEIGHBOR|NEIGHBOUR|ROOMMATE|TENANT|LANDLORD|MALE|FEMALE|MAN|WOMAN|BOY|GIRL|SUBJECT|SUBJ|PERSON|PARTY|GUY|LADY';
const NAMING_BEFORE = `(?:(?:HIS|HER|THEIR|MY|YOUR)\\s+\uE001?)?(?:(?:${NAMING_PERSON})\\s+\uE001?)?`;
// Tester 393: `CALLER SAID HER NAME WAS JANE DOE`, `HIS NAME'S JOHN SMITH` and a label, `NAME: JOHN SMITH`,
// `NAME- JOHN SMITH`, `NAME = JOHN SMITH`, were stored: `NAME WAS`, `NAME'S` and `NAME` before `:`, `-` or `=`
// name someone too (a bare `NAME`, `CALLER WOULD NOT GIVE NAME`, does not). The label takes its mark with it.
const NAME_IS = `NAME\\s+\uE001?(?:IS|WAS)\\b|NAME[\\x27\u2019]S\\b`;
const NAME_LABEL = 'NAME\\s*[:=-]\\s*';
const NAMING = `${NAMING_BEFORE}(?:(?:${NAME_IS}|NAMED\\b)|${NAME_LABEL})`;
/**
 * NAMING as a word a name follows: `NAME IS` in any case, `NAMED` in capitals only, as `DR` is, since in
 * lower case it is prose as often (ingest's own "some columns named otherwise" was stored "named X").
 */
const NAMING_WORD = `${NAMING_BEFORE}NAMED\\b|(?i:${NAMING_BEFORE}(?:${NAME_IS}))`;
// A caller's own words, and a word's end: a point, then a mark or spaces.
const CALLER_NAME_WORD = `RP|R/P|R\\.\\s?P|R-P|CALLER|CALLED(?:\\s+\uE001?IN)?\\s+\uE001?BY|REPORTED\\s+\uE001?BY|CLR|COMP|COMPL|COMPLT|COMPLAINANT|INFORMANT`;
const WORD_END = '\\.?(?:\\s*[:=#/-]\\s*|\\s+)';
const NAME_WORD =
  `(?:(?:${TITLE_DR}|\\b(?:${NAMING_WORD})|\\b(?i:${CALLER_NAME_WORD}|ATTN|ATTENTION|C/O|CARE\\s+\uE001?OF|MRS?|MS|MISS|PER))` +
  `${WORD_END}|\\b(?i:${NAMING_BEFORE}${NAME_LABEL}))`;
/**
 * The words a name in Title Case follows (tester 393): a caller's own, `NAME IS` and the `NAME` label, not
 * `PER`, after which a call type writes who asked in Title Case (`LIC-Per Licensing`, `FIRST-Per First
 * Arriving Unit`, Minneapolis), nor a title.
 */
const TITLE_NAME_WORD = `(?:\\b(?i:${CALLER_NAME_WORD}|${NAMING_BEFORE}(?:${NAME_IS}))${WORD_END}|\\b(?i:${NAMING_BEFORE}${NAME_LABEL}))`;
/** A word of a name: in capitals, an apostrophe, a point or a hyphen within (`O'BRIEN`, `SMITH-JONES`). */
const NAME_PART = '[A-Z][A-Z\\x27.-]*';
/** The same in lower case (tester 373: `welfare check rp john smith`). */
const LOWER_NAME_PART = '[a-z][a-z\\x27.-]*';
/**
 * The same in Title Case, a capital then a small letter or an apostrophe (tester 393: `Welfare Check caller
 * Jane Doe`, `her name is Mary Jones`, `Name: Mary O'Brien` were stored): `Jane`, `O'Brien`, `McDonald`.
 */
const TITLE_NAME_PART = '[A-Z][a-z\\x27][A-Za-z\\x27.-]*';
/**
 * The words of a call type's own that may follow such a word in capitals (`CALLER HUNG UP`, `RP REQUEST`,
 * `MISC RP CONTACT`, `PER ALARM COMPANY`, `CALLER CANCELLED`, `RP UTL`): one of them among the words after it
 * makes them no name. With the street types (`1234 CALLER AVE S`), the other words above, and the codes and
 * ranks a dispatcher writes after `PER` (`PER SGT`, `PER PD`).
 */
const CALL_WORD =
  'RP|RPT|RPS|R/P|CALLER|CALLERS|CALLED|CALL|CALLS|CALLBACK|CB|CLR|COMP|COMPL|COMPLT|COMPLAINANT|COMPLAINT|INFORMANT|' +
  'CONTACT|CONTACTED|PARTY|PERSON|PER|REPORTED|REPORTING|REPORT|REPORTS|ATTN|ATTENTION|MR|MRS|MS|MISS|' +
  'HUNG|HANG|HANGUP|UP|DISC|DISCONNECT|DISCONNECTED|REQ|REQS|REQUEST|REQUESTS|REQUESTED|REQUESTING|WANTS|NEEDS|' +
  'STATES|STATED|ADV|ADVISES|ADVISED|REFUSED|REFUSES|REF|CANCEL|CANCELS|CANCELLED|CANCELED|CNL|BACK|ON|OFF|SCENE|' +
  'OS|GONE|GOA|UTL|UNABLE|UNK|UNKNOWN|NO|NOT|NONE|NR|NA|OK|AOK|ONLY|INFO|INFORMATION|NOTIFIED|NOTIFY|MADE|MET|MEET|' +
  'WITH|AT|TO|IN|OF|AND|OR|THE|A|AN|BY|FOR|FROM|LEFT|ARRIVED|LOCATED|ANSWER|ANS|VM|MSG|MESSAGE|HOME|HOUSE|' +
  // Tester 383: a verb after a caller's word was read as a name (`CALLER HAS A GUN` -> `CALLER X A GUN`, `CALLER
  // IS INTOXICATED`, `CALLER SAYS HE IS OK`). No first name (not `WILL`, `MAY`, `CAN`).
  'HAS|HAVE|HAD|IS|WAS|WERE|ARE|SAYS|SAID|STATING|ADVISING|SEES|SAW|HEARS|HEARD|ASKS|ASKED|ASKING|CALLING|THINKS|' +
  'BELIEVES|CLAIMS|CLAIMED|WANTED|NEEDED|REFUSING|WAITING|LEAVING|ALSO|STILL|NOW|' +
  // Tester 393: `CALLER WOULD NOT GIVE NAME` was stored `CALLER X NOT GIVE NAME`, `CALLER NAME UNKNOWN` `CALLER
  // X UNKNOWN`.
  'WOULD|COULD|SHOULD|DID|DOES|DIDNT|DOESNT|WONT|CANT|NAME|NAMES|' +
  // Tester 383 again: a pronoun or `WHO` after a name was read as one of its words (`rp mary jones who is
  // worried` -> `rp X is worried`), and with the words after it made five or more (`CALLER MARY JONES WHO LIVES
  // NEXT DOOR`), which no name is, so the name was stored: it ends the name as a verb does, whatever follows.
  // Not a possessive (HER, HIS, MY, ...): one comes before a name as often (`RP HER SON JOHN SMITH`, kept whole
  // when HER ended the caller's words), and a name the four-word rule then takes with it is masked, not shown.
  'HE|SHE|HIM|THEY|THEM|I|ME|WE|US|YOU|IT|WHO|WHOM|WHOSE|' +
  'PD|FD|EMS|SGT|OFC|OFCR|OFFICER|OFFICERS|SUP|SUPV|SUPERVISOR|LT|CAPT|UNIT|UNITS|SQUAD|DISPATCH|DISPATCHER|' +
  'AGENCY|ALARM|COMPANY|CO|POLICY|COURT|ORDER|SECURITY|STAFF|MGMT|MANAGEMENT|CHECK|WELFARE|TROUBLE|ASSIST|HELP|' +
  'INJURED|SAFE|ADVICE|CIVIL|MATTER|ISSUE|PROBLEM|DISPUTE|TEL|PHONE|CELL|TXT|TEXT|EMAIL|' +
  // A call type's own words after a name (tester 373: `RP JOHN SMITH NOISE` lost NOISE with the name).
  'SUSPICIOUS|SUSP|NOISE|LOUD|MUSIC|DISTURBANCE|DISTURBING|FIGHT|FIGHTING|THEFT|BURGLARY|ROBBERY|ASSAULT|' +
  'TRESPASS|TRESPASSING|VANDALISM|DAMAGE|FRAUD|THREAT|THREATS|HARASSMENT|DOMESTIC|JUVENILE|JUV|ANIMAL|DOG|' +
  'VEHICLE|VEH|PARKING|TRAFFIC|ACCIDENT|CRASH|MEDICAL|OVERDOSE|INTOXICATED|INTOX|DRUNK|MISSING|FOUND|LOST|' +
  `${STREET_TYPE}|${TYPE}`;
/**
 * Written before each word of CALL_WORD while names are masked: a private-use character, neither MARKER nor
 * row-checks.ts's chr(1), which the quarantine's points are written with around this masking.
 */
const CALL_MARK = '\uE001';
/**
 * The first words after a caller's word and `IS` or `WAS` that begin a state or a description, not a name
 * (tester 393: `CALLER IS VERY UPSET`, `CALLER IS WHITE FEMALE`, `CALLER IS HER MOTHER`): adverbs, places,
 * states, a possessive and the words for a person NAMING knows. Marked IS_MARK, a private-use character as
 * CALL_MARK is, only while `CALLER IS` is read (namesMaskedSql): elsewhere they may be a name's words.
 */
const IS_NOT_NAME =
  'VERY|REALLY|SO|TOO|EXTREMELY|MENTALLY|PHYSICALLY|PARTIALLY|TOTALLY|COMPLETELY|POSSIBLY|PROBABLY|CURRENTLY|' +
  'JUST|SELF|UNDER|INSIDE|OUTSIDE|NEAR|BEHIND|ACROSS|ABOUT|OVER|OUT|HERE|THERE|AWAY|NEXT|ALONE|SOMEONE|' +
  'SOMEBODY|ANOTHER|ONE|UPSET|ANGRY|MAD|SCARED|AFRAID|DEAF|BLIND|ELDERLY|OLD|YOUNG|PREGNANT|HOMELESS|' +
  'SUICIDAL|HURT|SICK|ILL|FINE|HIGH|HARD|WHITE|BLACK|HISPANIC|LATINO|LATINA|ASIAN|NATIVE|SPANISH|SOMALI|' +
  `HMONG|HIS|HER|THEIR|MY|YOUR|OUR|${NAMING_PERSON}`;
const IS_MARK = '\uE002';
/**
 * The words for a thing whose `NAME` label names no person (`STREET NAME: MAIN ST` was stored `STREET NAME: X
 * ST` by tester 393's label rule): the label is broken by a CALL_MARK before its mark while names are read.
 */
const THING_NAMED =
  'STREET|ST|ROAD|RD|AVE|AVENUE|BUSINESS|BUS|BUSN|BIZ|COMPANY|CO|STORE|SHOP|FILE|USER|SCREEN|DOG|ANIMAL|PET|' +
  'HORSE|CAT|BOAT|VESSEL|HOTEL|MOTEL|BAR|RESTAURANT|BUILDING|BLDG|APARTMENT|APT|COMPLEX|PLACE|LOCATION|LOC|' +
  'CITY|TOWN|PARK|SCHOOL|CHURCH|FACILITY|AGENCY|PROGRAM|EVENT|PRODUCT|DRUG|MEDICATION|MED|MEDS|NETWORK|WIFI|' +
  'ACCOUNT|APP|WEBSITE|SITE|GANG|TEAM|BAND|PHARMACY|HOSPITAL|CLINIC|SHELTER|CAMP|TRUCK|CAR|VEHICLE|VEH|' +
  'COMMON|BRAND|PROPERTY|MALL|EMPLOYER|STATION|UNIT|SHIP|PLANE|FLIGHT|PRODUCT|ITEM|ROUTE|TRAIL|LAKE|RIVER';
/**
 * SQL: `s` with each word of CALL_WORD marked (CALL_MARK), so that no name's words hold one; in any case, since
 * a name in lower case ends before a call type's word in lower case too (tester 373). So are a phrase that
 * names someone (NAMING) and a street's direction after `DR` (DIRECTION_AFTER_DR; helper D132).
 */
const callWordsMarkedSql = (s: string) =>
  `regexp_replace(regexp_replace(regexp_replace(regexp_replace(${s}, '(?i)\\b(${CALL_WORD})\\b', '${CALL_MARK}\\1', 'g'), '(?i)${CALL_MARK}?\\b(${NAMING})', '${CALL_MARK}\\1', 'g'), '(\\bDR\\.?\\s+)(${DIRECTION_AFTER_DR})(\\s*$|\\s*[^A-Za-z\\s]|\\s+(?:[a-z${CALL_MARK}]|(?:APT|APARTMENT|STE|SUITE|RM|ROOM|LOT|TRLR|FL|FLR|FLOOR)\\b))', '\\1${CALL_MARK}\\2\\3', 'g'), '(?i)(\\b(?:${THING_NAMED})\\s+${CALL_MARK}?NAME)(\\s*[:=-])', '\\1${CALL_MARK}\\2', 'g')`;
/**
 * SQL: the text `s` with a name after such a word written `mask`, the word kept (`Check Welfare CALLER ZORBA
 * QUIXOTE (P)` -> `Check Welfare CALLER X (P)`, `MR QUIXOTE` -> `MR X`): one to four words in capitals, none a
 * call type's (CALL_WORD), ending the value or before a mark, a bracket, a digit, a word not in capitals
 * (`RP JOHN SMITH at 1234 MAIN ST`) or a call type's word (`RP JOHN SMITH REQUEST` -> `RP X REQUEST`), and
 * written `LAST, FIRST` too (`RP SMITH, JOHN` -> `RP X`). Tester 366: a name before a call type's word, one of
 * four words (`RP JOHN PAUL VAN SMITH`), one glued to the word by `-` or `/` (`RP-JOHN SMITH`) and the first
 * name after `LAST,` were stored. Five words in capitals or more are a call type's text, not a name.
 * Tester 373: a middle initial after `LAST, FIRST` was kept (`CALLER SMITH, JOHN A` -> `CALLER X A`: `A` is
 * a call type's word), and a name in lower case (`welfare check rp john smith`) was stored whole: one to
 * four words all in lower case are read the same way, ending before a word not in lower case or a call
 * type's word in any case (`rp john smith requests contact` -> `rp X requests contact`). Tester 393: a name
 * in Title Case is read so too after a caller's word, a naming phrase or a `NAME` label (TITLE_NAME_WORD;
 * `Welfare Check caller Jane Doe` -> `Welfare Check caller X`), a call type's Title Case words being marked
 * (`CLR-Per Caller`, `Sex Offender Comp Check`); one in other mixed case is not read.
 */
function namesMaskedSql(s: string, mask: string): string {
  const initial = (letter: string) => `(?:\\s+${CALL_MARK}?${letter}\\b\\.?)?`;
  const lastFirst = (part: string, letter: string) =>
    `(?:\\s*,\\s*${part}(?:\\s+${part})?${initial(letter)})?`;
  // Tester 383: a middle initial between the first name and the last was an end (`CALLER JOHN A SMITH` ->
  // `CALLER X A SMITH`: `A` is a call type's word): one letter between two words of the name goes with it.
  const words = (part: string, letter: string) =>
    `${part}(?:\\s+(?:${CALL_MARK}?${letter}\\.?\\s+)?${part}){0,3}`;
  const upperEnd = `(\\s*$|\\s*[^A-Za-z\\s${CALL_MARK}]|\\s+(?:[a-z0-9${CALL_MARK}]|[A-Z][a-z]))`;
  const lowerEnd = `(\\s*$|\\s*[^A-Za-z\\s${CALL_MARK}]|\\s+[A-Z0-9${CALL_MARK}])`;
  // Tester 393: a name in Title Case ends as one in lower case does, or before a word in capitals or a
  // letter alone (`Welfare Check caller Jane Doe X`, `X` a telephone number's mask).
  const titleEnd = `(\\s*$|\\s*[^A-Za-z\\s${CALL_MARK}]|\\s+(?:[a-z0-9${CALL_MARK}]|[A-Z](?:[A-Z]|\\b)))`;
  const upper = `(${words(NAME_PART, '[A-Z]')}${lastFirst(NAME_PART, '[A-Z]')})${upperEnd}`;
  const lower = `(${words(LOWER_NAME_PART, '[a-z]')}${lastFirst(LOWER_NAME_PART, '[a-z]')})${lowerEnd}`;
  const title = `(${words(TITLE_NAME_PART, '[A-Z]')}${lastFirst(TITLE_NAME_PART, '[A-Z]')})${titleEnd}`;
  // A telephone word and its number's mask before a name too (tester 373: `Welfare Check CB 555-1234 JOHN
  // SMITH` was stored `Welfare Check CB X JOHN SMITH`, and published in the pathways list), as the block
  // level takes a name after a telephone number.
  const before = `${NAME_WORD}|\\b(?i:${PHONE_WORD})\\.?\\s*[#:]?\\s*${mask}\\s+`;
  // The branch that did not match leaves its groups empty.
  const name = `(${before})(?:${upper}|${lower})|(${TITLE_NAME_WORD})${title}`;
  // Tester 393: `CALLER IS JOHN Q SMITH` was stored (`IS` is a call type's word, ending the caller's words).
  // After a caller's word and `IS` or `WAS`, two to four words are a name, unless the first is a state, a
  // verb's form (`-ING`, `-ED`) or a word for a person (IS_NOT_NAME, marked IS_MARK while this pass reads
  // them): `CALLER IS INTOXICATED`, `CALLER IS VERY UPSET`, `CALLER IS BEING HARASSED`, `CALLER IS WHITE
  // FEMALE` stay; one word after `IS` is a state as often (`CALLER IS UPSET`), and stays too.
  const isWords = (part: string, letter: string) =>
    `${part}(?:\\s+(?:${CALL_MARK}?${letter}\\.?\\s+)?${part}){1,3}`;
  const callerIs = `(\\b(?i:RP|R/P|R\\.\\s?P|R-P|CALLER|CLR|COMP|COMPL|COMPLT|COMPLAINANT|INFORMANT)\\.?\\s+${CALL_MARK}(?i:IS|WAS)\\s+)`;
  const isName = `${callerIs}(?:(${isWords(NAME_PART, '[A-Z]')})${upperEnd}|(${isWords(LOWER_NAME_PART, '[a-z]')})${lowerEnd}|(${isWords(TITLE_NAME_PART, '[A-Z]')})${titleEnd})`;
  // A word for a person after the first too (`CALLER IS DIABETIC MALE`) ends the words, fewer than two then.
  const personMarked = `regexp_replace(${callWordsMarkedSql(s)}, '(?i)\\b(${NAMING_PERSON})\\b', '${IS_MARK}\\1', 'g')`;
  const notNameMarked = `regexp_replace(${personMarked}, '(?i)(${CALL_MARK}(?:IS|WAS)\\s+)((?:${IS_NOT_NAME})\\b|[A-Z]{2,}ING\\b|[A-Z]{3,}ED\\b)', '\\1${IS_MARK}\\2', 'g')`;
  const isMasked = `replace(regexp_replace(${notNameMarked}, '${isName}', '\\1${mask}\\3\\5\\7', 'g'), '${IS_MARK}', '')`;
  return `replace(regexp_replace(${isMasked}, '${name}', '\\1\\6${mask}\\3\\5\\8', 'g'), '${CALL_MARK}', '')`;
}

/**
 * The full-width forms (U+FF01 to U+FF5E: `Ａ`, `ａ`, `０`, `＠`, `．`, `＋`...) and the ideographic space
 * (U+3000), the small forms whose compatibility normalisation (NFKC) is ASCII (U+FE50 to U+FE6B: `﹫`, `﹒`,
 * `﹙`...; tester 252: `john﹫example.com` was kept) and the other spaces (U+2000 to U+200A, U+205F, and the
 * no-break ones, U+00A0 and U+202F: tester 277, `DOB\u00A003/14/1987`, `SSN\u00A0123456789` were kept), and
 * what NFKC makes of each: its ASCII character. The zero-width space and the word joiner (U+200B, U+2060),
 * which NFKC keeps, are read as a space too (tester 252: `612\u200B555\u200B0179` was kept, as were its
 * groups apart by a figure space U+2007, an en or an em space, where a thin space was masked).
 */
const COMPATIBLE = [
  ...Array.from({ length: 94 }, (_, i) => 0xff01 + i),
  0x3000,
  ...Array.from({ length: 28 }, (_, i) => 0xfe50 + i),
  ...Array.from({ length: 11 }, (_, i) => 0x2000 + i),
  0x205f,
  0x00a0,
  0x202f,
]
  .map((c): [string, string] => [String.fromCharCode(c), String.fromCharCode(c).normalize('NFKC')])
  .filter(([, n]) => n.length === 1 && n.charCodeAt(0) >= 0x20 && n.charCodeAt(0) < 0x7f);
const FULL_WIDTH = COMPATIBLE.map(([c]) => c).join('') + '\u200B\u2060';
const ASCII = COMPATIBLE.map(([, n]) => n).join('') + '  ';
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Written for each mask while masking a value's NFKC form: a private-use character, no pattern's. */
const MARKER = '\uE000';

/**
 * SQL: the value `v` masked (plainMaskedSql) as its NFKC form reads, full-width characters in ASCII
 * (tester 250: `ＬＩＣ Ｓ５３０１２３４`, `ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ` were kept, the words and letters of the
 * patterns being ASCII); only for matching: the characters before the first mask and after the last are
 * the value's own (`ＬＩＣ Ｓ５３０１２３４` -> `ＬＩＣ X`), and a value with nothing masked is kept as it is.
 * The form is one character for one, and each mask is written MARKER, text outside a mask being copied:
 * so the masked form's characters before its first MARKER and after its last are the form's, and the
 * value's own in the same places. Found so, not by comparing the forms character by character, which
 * took 15 times as long as the masking (lists of characters, in nested lambdas).
 */
function fullWidthMaskedSql(v: string): string {
  const form = `translate(${v}, ${quoted(FULL_WIDTH)}, ${quoted(ASCII)})`;
  const head = `(strpos(l.m, '${MARKER}') - 1)`;
  const tail = `length(regexp_extract(l.m, '[^${MARKER}]*$'))`;
  const middle = `replace(substr(l.m, ${head} + 1, length(l.m) - ${head} - ${tail}), '${MARKER}', 'X')`;
  return `list_transform([{o: ${v}, m: ${plainMaskedSql(form, MARKER)}}], l -> CASE WHEN strpos(l.m, '${MARKER}') = 0 THEN l.o ELSE substr(l.o, 1, ${head}) || ${middle} || substr(l.o, length(l.o) - ${tail} + 1) END)[1]`;
}

/**
 * SQL: the text value `s` (named once) with its e-mail addresses and social security numbers written `mask`
 * (`X`), and the numbers after a word (social security, birth, licence, plate or id) written `mask` with the
 * word kept (`DOB 03/14/1987` -> `DOB X`, `DOB 03/14/1987 AND 04/01/1990` -> `DOB X`, `SSN478219034` -> `SSNX`,
 * `PLATE VT ABC1234` -> `PLATE VT X`);
 * then its telephone numbers (valuePhonesMaskedSql). Dates and numbers after no such word are not touched (`2022-10-01 12:34:56`).
 */
function plainMaskedSql(s: string, mask = 'X'): string {
  const bare = `regexp_replace(${s}, '${EMAIL}|${EMAIL_SPELT}|${SSN_SHAPE}', '${mask}', 'g')`;
  const afterWord = `(?i)(${SSN_WORD})${SSN_NUMBER}|(${DOB_WORD})${DATES}|(${DL_WORD})${DL_NUMBER}|(${ID_WORD})${ID_NUMBER}|(${CALLER_NUMBER_WORD})${SEVEN_DIGITS}`;
  const masked = valuePhonesMaskedSql(
    `regexp_replace(${bare}, '${afterWord}', '\\1\\2\\3\\4\\5${mask}', 'g')`,
    mask,
  );
  // Names last: a number masked before them is a mark or the mask, which may end a name (`RP JOHN X`).
  return namesMaskedSql(masked, mask);
}

/**
 * SQL: the text value `s` masked (plainMaskedSql), a value with a full-width character, an ideographic space,
 * a small form or another space (FULL_WIDTH) as its NFKC form reads (fullWidthMaskedSql). `s` is named four
 * times: a column or a cheap expression.
 */
export function personalValuesMaskedSql(s: string): string {
  return `CASE WHEN regexp_matches(${s}, '[\uFF01-\uFF5E\u3000\uFE50-\uFE6B\u2000-\u200B\u205F\u2060\u00A0\u202F]') THEN ${fullWidthMaskedSql(s)} ELSE ${plainMaskedSql(s)} END`;
}

/**
 * SQL: a stored text value `s` (a call type, a disposition...; a column or a cheap expression) with its
 * personal data masked (personalValuesMaskedSql) and then the addresses in it at block level
 * (text-addresses.ts).
 */
export function textValueMaskedSql(s: string): string {
  return textAddressesBlockedSql(personalValuesMaskedSql(pointsReplacedSql(s)));
}

/**
 * SQL: whether any of the text `columns` may hold what textValueMaskedSql masks: the telephone gate's
 * shapes (phonesGateSql), a number before a street type, or a name's word before a word in capitals
 * (tester 359) or in lower case (tester 373); a value it passes over is left as it is.
 */
export function textValuesGateSql(columns: readonly string[]): string {
  // A name's word before a word in capitals, within one column: the columns are joined by line breaks, and
  // `CLR-Per Caller` before `POLICE` let Minneapolis' rows through.
  const name = NAME_WORD.replaceAll('\\s', '[^\\S\\n]');
  // An e-mail address written out (tester 366) has no `@`: its spelt dot and ending let it through.
  // Or its `at` before a domain (tester 373: `Welfare Check john at gmail.com` was kept in the store and
  // published, though EMAIL_SPELT reads it and the quarantine masked it).
  const spelt = `(?i:\\s(?:DOT)\\s+(?:${EMAIL_END})\\b|\\sAT\\s+[A-Z0-9-]+(?:\\.[A-Z0-9-]+)*\\.(?:${EMAIL_END})\\b)`;
  // A name's word before a word in lower case too (tester 373: `welfare check rp john smith`), or in Title
  // Case (tester 393: `Welfare Check caller Jane Doe`).
  return phonesGateSql(
    columns,
    `${TEXT_ADDRESS_GATE}|${name}(?:[A-Z](?:[A-Za-z\\x27.-]|\\b)|[a-z])|${spelt}`,
  );
}
