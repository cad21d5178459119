/**
 * `safegap profile init FILE`: a first draft of a profile from a file's header and a sample of its rows.
 * Every guess is marked `# GUESS` so an analyst knows what to check; columns that look like personal data
 * (names, phone numbers, narratives) are listed as never loaded.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { writeFileSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileChunks } from '../ingest/blank-lines.js';
import { personalReason } from './personal.js';
import { openScratchEngine, queryRows } from '../store/duckdb.js';
import { literal, ident } from '../util/sql.js';
import { isValidTimeZone, zoneRefusal } from '../time/zone-transitions.js';
import { contradicts, offsetFit } from '../time/offset-zones.js';
import { resourceError, UserError } from '../util/user-error.js';
import { besidePath, linesCommand, listInWords, shellWord } from '../util/words.js';
import { STAGES, type DispositionClass, type Origin } from '../store/calls-schema.js';
import { excelTextSql, strptimeFormats, YEARS } from './profile-sql.js';
import {
  excelTextName,
  headerCells as headerNamesAsWritten,
  inspectFile,
  notUtf8Hint,
  uniqueNames,
  type FileInfo,
} from './inspect-file.js';
import { lineEndError, notLatin1, valueHoldingRows } from '../ingest/read-file.js';
import { extraFieldRows } from '../ingest/extra-fields.js';
import { DEFAULT_NULLS, profileSchema, type Profile } from './profile-schema.js';
import { countFields, splitFields } from '../util/csv-fields.js';
import {
  builtinProfilesReading,
  builtinProfilesReadingUpToCase,
  builtinRenamed,
  type BuiltinUpToCase,
} from './fitting-profiles.js';
import { dropsOffsets, loadProfile, parseProfile, readsOffset, UTC_IS_LOCAL_FIX } from './load-profile.js';
import { compileProfile } from './profile-sql.js';

/**
 * A column named as a call's final type (`Final Type`, `Nature_Final`), or its type at closing (`Closing
 * Type`, `Close Nature`): beside `Original Type`, the closing type was left not mapped and no final type
 * drafted (tester 374).
 */
const FINAL_TYPE =
  /(final.*(type|problem|nature)|(type|problem|nature)_?final$|^clos(e|ed|ing)_?(call_?)?(type|problem|nature)$)/i;
/**
 * Columns named as a call type and neither initial nor final, in the order tried: the final type when the
 * file has no column named as one, else the initial (tester 309).
 */
const PLAIN_TYPES = [
  /^problem$/i,
  // `Type` alone too (tester 263).
  /(^call_?type$|^type$|nature|incident_?type)/i,
];

/**
 * Columns named as what a call is about in another word than a type (a crisis team's `Presenting Concern`, a
 * 311 export's `Request Type`, `Complaint`, `Reason for Call`), tried after PLAIN_TYPES: such a log was
 * drafted with no call type (testers 367, 362). Whole names only (not `is_Private_Problem_Type`, `Cancel
 * Reason`, `Force Type`), and never a column whose sampled values are times or numbers (checked where roles are drafted).
 */
const TYPE_WORDS =
  /^((presenting|primary|main)_?)?(concern|complaint|problem|nature|reason)(_?(type|code|category))?$|^(request|service|incident|event|complaint|problem|call)_?(type|category|nature|reason)$|^reason_?for_?(the_?)?(call|contact|request|referral|visit)$/i;

/**
 * A column named as a number or an id of its own (as `norm` writes it): `Contact ID`, `SR Number`, `Case #`,
 * `SR`, `Case`, `Contact`. Drafted as the id only when filled and distinct in every sampled row (tester 362).
 */
const ID_NAME = /((^|_)(id|number|no)$|(^|_)(sr|case|contact)(_|$))/i;
/** The same written in camel case, `contactId`, `srNumber`. */
const CAMEL_ID = /[a-z](Id|ID|Number)$/;
/** An export's row numbers (ArcGIS' `OBJECTID`), which a new export renumbers: no call's number. */
const ROW_NUMBER = /^(object_?id|fid|row_?(id|number|no))$/i;
/**
 * A column named as the CAD's number for the call (`CAD Ref`, `CAD Incident`, `CAD_Call_No`; not Seattle's
 * `CAD_Event_Original_Time_Queued`, a time): in a 311 export or a team's log, the link to the CAD's record,
 * which docs/profiles.md ("Several sources for one city") puts first in the id's list. Said in the draft,
 * never drafted so, as ids written another way than the CAD's never link (tester 362).
 */
const CAD_NUMBER =
  /(^|_)cad_?((ref|reference|incident|inc|call|event)(_?(number|num|no|id))?|number|num|no|id)$/i;

/** Canonical roles and the header patterns that suggest them; a role's first pattern that finds a column wins. */
const ROLE_PATTERNS: [role: string, pattern: RegExp][] = [
  // `CallNo` too (tester 263); `CFS Number` and `CFS #` (tester 319).
  [
    'id',
    /^(master_?incident_?(number|id)|cad.*(event|incident).*(number|id|no)|incident_?(number|id|no)|event_?(number|id|no)|call_?(number|id|no)|cad_?id|cfs_?(number|id|no)|case_?(number|id|no)|report_?(number|id|no))$/i,
  ],
  // `Incident` alone (Burlington's 22BU000002, tester 309), which may as well be a call's type: only with
  // values an id has (idShaped).
  ['id', /^incident$/i],
  // Any other column named as a number or an id (`Contact ID`, `SR Number`, `Case`), only when filled and
  // distinct in every sampled row (uniqueIds): a crisis team's log and a 311 export were drafted with a
  // TODO id (tester 362).
  ['id', ID_NAME],
  [
    'times.received',
    // A 311 case is `Opened`, an online report `Submitted` (a tester's companion exports went unmapped).
    // A team's log is `Request_Time` (tester 114).
    // `Call Date/Time` and `Incident Date/Time` too (tester 123). `Pickup Date` + `Pickup Time`, the phone's
    // pickup as Minneapolis' `Time_PhonePickUp` is, too (tester 263: drafted as nothing, and the format
    // taken from `Dispatched`); not `Pickup` alone, which may be a place.
    // A pair of `Date` and `Time` (or `Timestamp`), named as no other stage, is the file's one time: it was
    // left out, and received a TODO (tester 267). Pairs come after the columns, so a named one goes first.
    /(phone_?pick|pick_?up_?(date|time)|received|call_?time|call_?received|create|reported_?(date|time)|request(ed)?_?(date|time)|original.*queued|opened|submitted|^(call|incident)_?date(_?time)?$|^reported$|^date_\+_time(stamp)?$)/i,
  ],
  ['times.queued', /(entered_?queue|queued)/i],
  // `Dispatched Date/Time` and `dispatched_at` too (testers 121, 123).
  ['times.assigned', /(first_?unit_?assigned|assigned|dispatch(ed)?(_?(date|time|at))*$)/i],
  // `Unit Responding`, `At Scene`, `Last Clear` and `Available` too (tester 124).
  ['times.enroute', /(en_?route|(^|_)respond(ing)?(_?(date|time|at))*$)/i],
  ['times.arrived', /(arriv|on_?scene|^at_?scene)/i],
  // `Team Clear`, `In Service`, `Unit Available` and a unit's or team's end (`Team Complete`, `Unit End`)
  // too: a crisis team's `Team Clear` was not drafted, and its calls had no time on scene (tester 362).
  [
    'times.cleared',
    /(cleared|clear_?time|last_?clear|(^|_)clear(_?(date|time|at))*$|(^|_)in_?service|^((unit|team|crew)_?)?available(_?(date|time|at))*$|(^|_)(unit|team|crew|responder|officer)s?_?(closed?|complete(d)?|end(ed)?|finish(ed)?|done)(_?(date|time|at))*$)/i,
  ],
  // Only a column named `Completed ...` alone: Minneapolis' `Time_CallTakingComplete` is no closing time.
  // A call's `End` or `End Time` too, named as no unit's (tester 362).
  [
    'times.closed',
    /(closed|close_?time|(^|_)complet(ed|ion)(_?(date|time|at))*$|(^|_)end(ed)?(_?(date|time|at))*$)/i,
  ],
  // `Nature_Orig` and `Nature_Final` too: the first was drafted as the final type, the second left out.
  // `Problem_Initial` too (Minneapolis' crime files): the final type's column was drafted for both.
  [
    'fields.call_type_initial',
    /(initial.*(type|problem|nature)|initial_?problem|orig(inal)?_?(call_?)?(type|problem|nature)|(type|problem|nature)_?(orig(inal)?|initial)$)/i,
  ],
  ['fields.call_type_final', FINAL_TYPE],
  ...PLAIN_TYPES.map((p): [string, RegExp] => ['fields.call_type_final', p]),
  ['fields.call_type_final', TYPE_WORDS],
  ['fields.priority_initial', /(initial_?priority)/i],
  ['fields.priority', /(priority|^pri$|^prio$)/i],
  ['fields.disposition', /(disposition|clearance|^dispo|^disp(_?code)?$)/i],
  ['fields.cancel_reason', /(cancel)/i],
  ['fields.response_plan', /(response_?plan)/i],
  // An area's name shortened, whole (`Pct`, `Sect`, as a vendor's export writes Seattle's): left not mapped
  // (tester 369). Only without numbers of a decimal point or percent (AREA_SHORT).
  ['fields.precinct', /(precinct|district|division|^(pct|prct|prec|dist)$)/i],
  ['fields.sector', /(sector|battalion|^(sect|sctr)$)/i],
  ['fields.beat', /(beat|zone|area$)/i],
  ['fields.neighborhood', /(neighbo|areaname|community|^(nbhd|nbrhd|nhood)$)/i],
  ['fields.postal_code', /(zip|postal)/i],
  // `centerLat` and `gps_lat` too (Minneapolis' incident files), not `Latency` or `Lonely Hearts` (tester
  // 123); a column holding both (`Lat/Lon`) fails the value check.
  // `Y` and `X` too (Seattle's blurred coordinates, tester 263), only when every value can be one (XY_NAME).
  ['fields.lat', /(^lat($|_|itude)|latitude|[a-z]Lat$|_lat$|^y$)/i],
  ['fields.lon', /(^(lon|lng|long)($|_|gitude)|longitude|[a-z](Lon|Lng|Long)$|_(lon|lng|long)$|^x$)/i],
  ['fields.block_address', /^(?!cross)(.*street|.*address|block|location)/i],
];

/**
 * An area's name shortened (as `norm` writes it): `Pct` may as well be a percentage and `Dist` a distance,
 * so such a column is an area only when its values are not numbers with a decimal point or a percent sign.
 */
const AREA_SHORT = /^(pct|prct|prec|dist|sect|sctr|nbhd|nbrhd|nhood)$/i;

/**
 * A column named as how a call came in (as `norm` writes it): `How Received`, `Received Via`, `Receive
 * Method`, `Call Source`. Named like a time for `Received`, it is no time when its values are not: it was
 * said to be "named like a time" while drafted as the origin's column (tester 369).
 */
const HOW_NAME = /(^|_)(how|via|method|source|mode|channel)(_|$)/i;

/**
 * Whether sampled values are ids (`22BU000002`, `22-239946`): nine in ten hold a digit and no space, and
 * nine in ten are distinct, as no call type is (`Incident` of `Theft`, `Noise`).
 */
const idShaped = (values: string[]) =>
  values.length > 0 &&
  values.filter((v) => /\d/.test(v) && !/\s/.test(v)).length >= 0.9 * values.length &&
  new Set(values).size >= 0.9 * values.length;

/** A column named `X` or `Y` (as `norm` writes it), drafted as a coordinate only when every value is one. */
const XY_NAME = /^[xy]$/i;

/** A spreadsheet's date number (`44835.0027777778`), as ingest tells one (src/sources/profile-sql.ts). */
const SPREADSHEET_DAY = /^[1-9][0-9]{4}([.][0-9]+)?$/;

/** Whether nine in ten of some values are a spreadsheet's date numbers: a column not formatted as dates. */
const spreadsheetDays = (values: string[]) =>
  values.length > 0 && values.filter((v) => SPREADSHEET_DAY.test(v)).length >= 0.9 * values.length;

export const TIME_FORMATS = [
  '%m/%d/%Y %H:%M',
  '%m/%d/%Y %H:%M:%S',
  '%m/%d/%Y %I:%M:%S %p',
  '%m/%d/%Y %I:%M %p',
  // Two-digit years, as a spreadsheet saves them (10/1/22 0:06).
  '%m/%d/%y %H:%M',
  '%m/%d/%y %H:%M:%S',
  '%m/%d/%y %I:%M %p',
  '%m/%d/%y %I:%M:%S %p',
  '%Y-%m-%d %H:%M:%S',
  '%Y-%m-%d %H:%M',
  '%Y-%m-%dT%H:%M:%S',
  '%Y-%m-%dT%H:%M:%S.%f',
  '%Y-%m-%dT%H:%M',
  '%Y/%m/%d %H:%M:%S',
  '%d/%m/%Y %H:%M',
  '%d/%m/%Y %H:%M:%S',
  '%d/%m/%Y %I:%M:%S %p',
  '%d/%m/%Y %I:%M %p',
  // Day first with two-digit years: without them, `13/10/22 00:04` fitted nothing, so a day-first export
  // was drafted month first (498 of 500 read) without the day-first note (tester 228).
  '%d/%m/%y %H:%M',
  '%d/%m/%y %H:%M:%S',
  '%d/%m/%y %I:%M %p',
  '%d/%m/%y %I:%M:%S %p',
  '%m/%d/%Y %H:%M:%S.%f',
  '%Y-%m-%d %H:%M:%S.%f',
  // Seven to nine digits of a fraction (SQL Server's datetime2, `01:08:55.2500000`), which %f does not read
  // (tester 381); after the %f formats, which win a tie on the values both read.
  '%Y-%m-%d %H:%M:%S.%n',
  '%Y-%m-%dT%H:%M:%S.%n',
  '%d-%b-%Y %H:%M',
  '%d-%b-%Y %H:%M:%S',
  '%Y%m%d%H%M%S',
  // A date and a time of day written as a number (`TIME OCC` 1305 beside `DATE OCC`), read as a pair.
  '%m/%d/%Y %H%M',
  '%d/%m/%Y %H%M',
  '%m/%d/%y %H%M',
  '%d/%m/%y %H%M',
  '%Y-%m-%d %H%M',
  '%m/%d/%Y %H%M%S',
  '%d/%m/%Y %H%M%S',
  '%Y-%m-%d %H%M%S',
  // A date of digits alone before a time of day as a number (`20220101 013005`), in one column or two
  // (`Call Date` 20220101, `Call Time` 10855): "fit no format safegap knows" (tester 309).
  '%Y%m%d %H%M%S',
  '%Y%m%d %H%M',
];

export interface DraftProfile {
  yaml: string;
  /** role -> column, for tests and for the CLI's summary. */
  guesses: Record<string, string>;
  personal: string[];
  /** What the analyst should know about the sample (rows with the wrong number of fields). */
  notes: string[];
  /** The zone drafted from the offsets a time column writes, when --time-zone gave none (offset-zones.ts). */
  zoneGuess?: { zone: string; reason: string };
  /**
   * The built-in profile the draft is, its columns spelt as the file spells them: its time zone is the
   * city's, no guess.
   */
  builtin?: string;
}

interface Sniffed {
  Delimiter: string;
  /** `"`, `'`, or `(empty)` where the sample has no quoted value. */
  Quote: string;
  HasHeader: boolean;
  SkipRows: number;
  Columns: { name: string }[];
}

/** A value holding a date, `2022-01-06T07:47:46-05:00` or `1/6/2022 7:47`: a row's time, no note's words. */
const DATE_LIKE = /\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/** One column whose name holds delimiters: a sniff that found no dialect that reads the file. */
const oneDelimitedColumn = (s: Sniffed) => s.Columns.length === 1 && /[,;\t|]/.test(s.Columns[0]!.name);

/**
 * The first `lines` lines of a file (decompressed when gzip), and whether that is the whole file: the
 * sample is read from these alone, since DuckDB keeps the rows it rejects only when it reads to the end.
 */
async function headLines(
  path: string,
  gzip: boolean,
  lines: number,
): Promise<{ text: Buffer; whole: boolean }> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const b of fileChunks(path, gzip)) {
    for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1))
      if (++seen === lines) {
        chunks.push(b.subarray(0, i + 1));
        return { text: Buffer.concat(chunks), whole: false };
      }
    chunks.push(b);
  }
  return { text: Buffer.concat(chunks), whole: true };
}

// Brackets and slashes too: `Nature (Initial)` and `Nature (Final)` matched neither type's pattern, and
// the first column named like a nature was drafted as both (tester 120). A `#` is a number (`Incident #`).
const norm = (s: string) =>
  s
    .replace(/#/g, '_no')
    .replace(/[\s._\-()[\]/]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** One of the null tokens a profile reads by default, and every draft lists. */
const isDraftNull = (v: string) => (DEFAULT_NULLS as readonly string[]).includes(v.trim().toUpperCase());

/** A date's midnight written after it, as the second group: ` 12:00:00 AM`, `T00:00:00.000`. */
const MIDNIGHT_SUFFIX = /^(.*\d)([T ](?:00:00(?::00(?:\.0+)?)?|12:00(?::00(?:\.0+)?)? ?AM))$/i;

/**
 * A spreadsheet's date before a time of day (`1899-12-30 13:05:00`, `12/30/1899 1:05 PM`): a cell formatted
 * as a time alone is saved with the spreadsheet's day zero, as the first group.
 */
const DUMMY_DATE = /^((?:1899-12-3[01]|1900-01-0[01]|12\/3[01]\/1899|0?1\/0?1\/1900)[T ])(.+)$/;

/** The strptime format of a time of day as written: `9:05 AM` is `%I:%M %p`, `13:05:00` is `%H:%M:%S`. */
function clockFormat(time: string): string {
  const h12 = /[AP]M$/i.test(time);
  const seconds = /:\d\d:\d\d/.test(time) ? ':%S' : '';
  return h12 ? `%I:%M${seconds}${/\s[AP]M$/i.test(time) ? ' ' : ''}%p` : `%H:%M${seconds}`;
}

/** A time of day of midnight (00:00, 00:00:00.000, 12:00 AM, with any offset), or no time of day at all. */
const atMidnight = (v: string) =>
  !/\d:\d\d/.test(v) || /(^|[T\s])(00:00(:00(\.0+)?)?|12:00(:00)?\s?AM)\s?(Z|[+-]\d\d(:?\d\d)?)?$/i.test(v);

/** The four consecutive hours of the day (across midnight) with the fewest calls: the first and their calls. */
export function quietestHours(hours: readonly number[]): { start: number; calls: number } {
  const window = (start: number) => [0, 1, 2, 3].reduce((a, k) => a + hours[(start + k) % 24]!, 0);
  let start = 0;
  for (let h = 1; h < 24; h++) if (window(h) < window(start)) start = h;
  return { start, calls: window(start) };
}

/**
 * Whether times written as UTC are a city's local clock labelled UTC, from the hours of the day as written
 * over the whole file: calls for service are fewest in the early morning, local time, so the quietest four
 * hours fall between 00:00 and 10:00 as written when the times are local, and in the day (08:00-15:00 UTC
 * in the Americas) when they are true UTC instants. Null when the file cannot tell: under 200 times, under
 * three days or twelve hours of the day, no clear trough, or a trough at another time. The first rows alone
 * were the sample: sorted by time, a large city's 2,000 covered part of a day, and the hours it lacked
 * decided the answer the wrong way (a tester's find).
 */
export function labelledUtcByHours(hours: readonly number[], days: number): boolean | null {
  const n = hours.reduce((a, x) => a + x, 0);
  if (n < 200 || days < 3 || hours.filter((x) => x > 0).length < 12) return null;
  const { start: quietest, calls } = quietestHours(hours);
  // A trough of calls for service holds well under its share of a day (a sixth): here under 60% of it.
  if (calls >= 0.6 * (n / 6)) return null;
  return quietest <= 6 ? true : quietest <= 15 ? false : null;
}

/** An hour of the day as an export's own column writes it (`13`, `01`, `1 am`, `12 PM`, `1:00 pm`), or null. */
function hourOfColumn(v: string | null): number | null {
  const m = /^\s*(\d{1,2})(?::00)?\s*(am|pm|a\.m\.|p\.m\.)?\s*$/i.exec(v ?? '');
  if (!m) return null;
  const h = Number(m[1]);
  const half = m[2]?.[0]?.toLowerCase();
  if (half) return h >= 1 && h <= 12 ? (h % 12) + (half === 'p' ? 12 : 0) : null;
  return h <= 23 ? h : null;
}

/**
 * Which reading of times with a UTC offset an export's own hour column (`Hour`, `Call Hour`) agrees with:
 * the hour as written, or that of the instant in UTC. Burlington's `2021-12-31T20:08:55-05:00` has `Hour`
 * `1 am`: the city's clock was written as UTC and converted, and read as written every call was 4-5 hours
 * early (tester 131). `reading` is the one that agrees on 90% of the rows holding both, or null (then the
 * counts are for the draft's note: 89% was dropped without a word, tester 133). Null without such a column,
 * or when under 20 sampled rows hold both.
 */
export function hourColumnReading(
  sample: readonly Record<string, string | null>[],
  timeColumn: string,
  columns: readonly string[],
): {
  column: string;
  reading: 'as_written' | 'utc' | null;
  asWritten: number;
  utc: number;
  rows: number;
} | null {
  const column = columns.find((c) => /^(call[ _]?)?hour([ _]?of[ _]?(the[ _]?)?day)?$/i.test(c.trim()));
  if (!column) return null;
  let rows = 0;
  let asWritten = 0;
  let utc = 0;
  for (const r of sample) {
    const hour = hourOfColumn(r[column] ?? null);
    const m = /[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)? ?(?:Z|([+-])(\d{2}):?(\d{2})?)$/i.exec(
      r[timeColumn]?.trim() ?? '',
    );
    if (hour === null || !m) continue;
    const written = Number(m[1]);
    const offset = m[3] ? (m[3] === '-' ? -1 : 1) * (Number(m[4]) * 60 + Number(m[5] ?? 0)) : 0;
    const utcMinute = (((written * 60 + Number(m[2]) - offset) % 1440) + 1440) % 1440;
    rows++;
    if (written === hour) asWritten++;
    if (Math.floor(utcMinute / 60) === hour) utc++;
  }
  if (rows < 20) return null;
  const reading = asWritten >= 0.9 * rows ? 'as_written' : utc >= 0.9 * rows ? 'utc' : null;
  return { column, reading, asWritten, utc, rows };
}

/**
 * The word of values each written as one word and a number (`Priority 2`, `P1`, `PRI-3`), the same word in
 * all, lower case; undefined when any is otherwise or there are none.
 */
export function wordedNumbers(values: string[]): string | undefined {
  const words = new Set<string>();
  for (const v of values) {
    const m = /^(\p{L}+)[\s._#:-]*\d+$/u.exec(v.trim());
    if (!m) return undefined;
    words.add(m[1]!.toLowerCase());
  }
  return words.size === 1 ? [...words][0] : undefined;
}

/** What a value of a column of how calls came in says, tried in this order (`TELEPHONE OTHER, NOT 911`). */
const ORIGIN_WORDS: [RegExp, Origin][] = [
  // `CITIZEN INITIATED` is no officer's; `SELF` (the synthetic city's) is.
  [/on.?view|officer|^self\b|self.?init|field.?init|proactive|scheduled/i, 'officer_initiated'],
  [/alarm/i, 'alarm'],
  [/not\s*911|non.?(emerg|911)/i, 'non_emergency_phone'],
  [/911/, '911'],
  [/\b311\b/, '311'],
  [/online|internet|web|text|e-?mail/i, 'online'],
  [/phone|telephone|10.?digit/i, 'non_emergency_phone'],
];
const originOf = (v: string) => ORIGIN_WORDS.find(([re]) => re.test(v))?.[1];

/**
 * Call types of police activity an officer logs, which no member of the public called in: patrol of any kind
 * (foot, bike, directed), a traffic stop, an extra watch, community policing or outreach. A type that says it
 * was asked for (`Extra Patrol Request`) is a resident's call, and not one of them.
 */
const OFFICER_TYPE = /patrol|traffic\s*stop|extra\s*watch|community\s*(policing|outreach)/i;
const ASKED_FOR = /request|\breq\b/i;

/**
 * The sampled call types of officer-initiated activity whose calls the origin column does not already all
 * send to `officer_initiated`, trimmed as rules compare them, sorted; none without a type column. Tester 388:
 * Burlington's Foot Patrol and Community Outreach, mostly logged as `Phone`, were drafted into the default
 * denominator, where its built-in profile has them officer-initiated.
 */
function officerTypes(
  sample: Record<string, string | null>[],
  typeColumn: string | undefined,
  origin: DraftedOrigin | null,
  nulls: readonly string[],
): string[] {
  if (!typeColumn) return [];
  const byOrigin = new Map((origin?.rules ?? []).map((r) => [r.value, r.origin]));
  const said = new Map<string, boolean>();
  for (const r of sample) {
    const v: string | undefined = r[typeColumn]?.trim();
    if (!v || nulls.includes(v) || v === typeColumn || !OFFICER_TYPE.test(v) || ASKED_FOR.test(v)) continue;
    const how = origin ? byOrigin.get(r[origin.column]?.trim() ?? '') : undefined;
    said.set(v, (said.get(v) ?? true) && how === 'officer_initiated');
  }
  return [...said]
    .filter(([, all]) => !all)
    .map(([v]) => v)
    .sort();
}

/**
 * The column that says how calls came in, and a rule for each of its sampled values that names an origin:
 * one of few values (at most 20 distinct), of which one says 911 and another some other way in.
 */
function draftOrigin(
  sample: Record<string, string | null>[],
  candidates: string[],
  nulls: readonly string[],
): DraftedOrigin | null {
  let best: DraftedOrigin & { rows: number } = { column: '', rules: [], others: [], missing: false, rows: 0 };
  for (const column of candidates) {
    // Values as rules compare them, trimmed: `911      ` (a fixed-width export's padding) matched no row.
    const counts = new Map<string, number>();
    // A missing value (`NA`, one of the draft's nulls) is no way in: such calls are of unknown origin, not
    // `other` with the walk-ins (tester 204: Burlington's 21 `NA` were drafted as other).
    let missing = false;
    for (const r of sample) {
      const v = r[column]?.trim();
      if (!v || nulls.includes(v)) missing = true;
      // A header repeated further down is no value of its column (ingest quarantines that row).
      else if (v !== column) counts.set(v, (counts.get(v) ?? 0) + 1);
      if (counts.size > 20) break;
    }
    if (counts.size > 20 || counts.size < 2) continue;
    const values = [...counts.keys()].sort();
    // A yes/no column named after 911 (Minneapolis' `911 Call`) says which calls came by 911.
    const yes = /911/.test(column) ? values.filter((v) => /^(y|yes|true|1)$/i.test(v)) : [];
    const bool = yes.length === 1 && values.every((v) => /^(y|yes|true|1|n|no|false|0)$/i.test(v));
    const rules = bool
      ? [{ value: yes[0]!, origin: '911' as const }]
      : values.flatMap((value) => {
          const o = originOf(value);
          return o ? [{ value, origin: o }] : [];
        });
    const kinds = new Set(rules.map((r) => r.origin));
    if (!bool && (!kinds.has('911') || kinds.size < 2)) continue;
    const rows = rules.reduce((a, r) => a + counts.get(r.value)!, 0);
    const others = values.filter((v) => !rules.some((r) => r.value === v));
    if (rows > best.rows) best = { column, rules, others, missing, rows };
  }
  return best.rows
    ? { column: best.column, rules: best.rules, others: best.others, missing: best.missing }
    : null;
}

interface DraftedOrigin {
  column: string;
  rules: { value: string; origin: Origin }[];
  /** Sampled values no rule names, left to the default. */
  others: string[];
  /** Whether some sampled rows have no value (empty, or a null word). */
  missing: boolean;
}

/**
 * What a disposition's words say of how a call ended, tried in this order, as the built-in profiles' rules
 * class them (`CNL-Cancel`, `FALSE COMPLAINT/UNFOUNDED`, `GOA-Gone on Arrival`). Only words that say so
 * plainly: a code alone (`NOS`, `SNT`) or a word that may mean several things (`Secured`, `Refused`) is left
 * to the analyst. A draft without these classed every call `other`, and the funnel's fallout lost its
 * cancellations (tester 380: Seattle's sample had 17 cancelled calls as `not_recorded`).
 */
const DISPOSITION_WORDS: [RegExp, DispositionClass][] = [
  [/\barrest|\bbook(ed|ing)\b/i, 'arrest'],
  [/\bcitation|\bcited\b|\bticket(ed)?\b|\btagged\b/i, 'citation'],
  [/\breport/i, 'report'],
  [/\brefer(red|ral)?\b/i, 'referred'],
  [/cancel|disregard/i, 'cancelled'],
  [/\bgone\b|unable\s+to\s+(locate|find)|(could|can)\s*not\s+(locate|find)/i, 'gone_unable_to_locate'],
  [/unfounded|\bfalse\b/i, 'unfounded_false'],
  [/transport|\bdetox/i, 'transported'],
  [
    /\bno\s+(police\s+)?(action|problem|crime)|nothing\s+found|\ball\s+(ok|quiet|clear)\b/i,
    'no_problem_found',
  ],
  [/advis|assist|\bwarn(ed|ing)?\b|\binform/i, 'advised_assisted'],
];

/**
 * The class a disposition's words give it, if any. A negated outcome is no outcome: `REPORT WRITTEN (NO
 * ARREST)` is a report, not an arrest (as the built-in Seattle profile reads it: tester 291), and `NO
 * REPORT` is no report.
 */
export function dispositionClassOf(value: string): DispositionClass | undefined {
  const said = value.replace(
    /\b(no|not|without)\s+(an?\s+)?(arrest|report|citation|cited|ticket|booking)\w*/gi,
    ' ',
  );
  return DISPOSITION_WORDS.find(([re]) => re.test(said))?.[1];
}

/** At most this many sampled values left unclassed are drafted as rules of their own; more are counted. */
const UNCLASSED_RULES = 40;

/**
 * The disposition column's rules of class: one for each sampled value its words class, and the values they
 * leave (sorted), which the draft lists for the analyst to class.
 */
function draftDispositionClass(
  sample: Record<string, string | null>[],
  column: string,
  nulls: readonly string[],
): { rules: { value: string; class: DispositionClass }[]; others: string[] } {
  const values = new Set<string>();
  for (const r of sample) {
    // Values as rules compare them, trimmed; a missing one is `unknown` without a rule (docs/profiles.md).
    const v = r[column]?.trim();
    if (v && !nulls.includes(v) && v !== column) values.add(v);
  }
  const rules: { value: string; class: DispositionClass }[] = [];
  const others: string[] = [];
  for (const value of [...values].sort()) {
    const c = dispositionClassOf(value);
    if (c) rules.push({ value, class: c });
    else others.push(value);
  }
  return { rules, others };
}

/** `first` for 0, `second` for 1...: which of a header's columns of one name. */
const ordinal = (i: number) => ['first', 'second', 'third', 'fourth', 'fifth'][i] ?? `${i + 1}th`;

/**
 * Characters a text shows nothing of, or that turn the text around it: format characters (a right-to-left
 * override, a zero width space, a byte-order mark), controls and the line and paragraph separators.
 */
const INVISIBLE = /[\p{Cf}\p{Cc}\u2028\u2029]/gu;

/** A character as a YAML double-quoted string escapes it: `\u202E`, or `\U0001D173` beyond 16 bits. */
const yamlEscape = (ch: string) => {
  const code = ch.codePointAt(0)!;
  const hex = code.toString(16).toUpperCase();
  return code > 0xffff ? `\\U${hex.padStart(8, '0')}` : `\\u${hex.padStart(4, '0')}`;
};

/**
 * A YAML string in double quotes, with the characters a text shows nothing of escaped: a header name
 * `Priority` ending in a right-to-left override, written raw, turned its line around in an editor (tester
 * 311); escaped, the draft still names the column exactly. JSON's escapes are YAML's too.
 */
const yamlQuoted = (v: string) => JSON.stringify(v).replace(INVISIBLE, yamlEscape);

/** A column's name in a comment, which cannot escape: its characters of no show written as YAML escapes them. */
const shown = (v: string) => v.replace(INVISIBLE, yamlEscape);

/** A YAML string in single quotes, or in double quotes where it holds a character to escape. */
const yamlString = (v: string) =>
  new RegExp(INVISIBLE.source, 'u').test(v) ? yamlQuoted(v) : `'${v.replaceAll("'", "''")}'`;

/**
 * The most common shape of some values, each digit written 9 and each letter A (a in lower case), with what
 * those stand for: a comment of the draft says what a column holds without quoting a value of the file, as
 * `"M4321 OFC QWERTYCU"`, an officer's name, was quoted (tester 235). Cut at 40 characters.
 */
export function shapeOf(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) {
    const shape = v
      .trim()
      .replace(/\d/g, '9')
      .replace(/\p{Lu}/gu, 'A')
      .replace(/\p{Ll}|\p{Lo}/gu, 'a');
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  const shape = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const cut = shape.length > 40 ? `${shape.slice(0, 40)}…` : shape;
  const stand = [
    /9/.test(cut) && '9 for a digit',
    /A/.test(cut) && 'A for a capital letter',
    /a/.test(cut) && 'a for a small letter',
  ];
  const legend = stand.filter(Boolean).join(', ');
  return `written like ${JSON.stringify(cut)}${legend ? `, ${legend}` : ''}`;
}

/** A year, a year and quarter or half (2022q4), a year and month or a whole date written without separators. */
const DATE_WORD = /^(19|20)\d{2}(q[1-4]|h[12]|\d{2}|\d{4})?$/;

/** Seven digits or more, not a date: a phone number, as in a file named after a caller (tester 235). */
const PHONE_DIGITS = /\d{7,}/g;
/** A North American number written in groups, `612-555-0099` or `(612) 555 0099`, which no date is shaped as. */
const PHONE_GROUPS = /(?<!\d)(1[-. _]?)?\(?\d{3}\)?[-. _]?\d{3}[-. _]\d{4}(?!\d)/g;

/**
 * Seven digits after a telephone word, in groups joined by `_`, `-`, `.` or a space (`cb_555_0199`,
 * `tel-555-01-99`), or glued to it (`ph555_0199`), which neither rule above takes: the word is group 1, kept
 * (tester 238: `calls_john_smith_cb_555_0199` was drafted as the source). The words of phone-numbers.ts,
 * with `_` for a space.
 */
const PHONE_AFTER_WORD =
  /(?<![A-Za-z])((?:telephone|telefono|telef|tele|tel|tlf|phone|phn|ph|cbn|cb|call[-_ ]?back|mobile|mob|cellphone|cellular|celular|cell|cel)(?:[-_. ]?(?:no|nbr|num|number))?)[-_. ]*\d(?:[-_. ]{0,3}\d){6}(?!\d)/gi;

/** `calls.csv` as `calls-without-line-7.csv`, beside it. */
const without = (path: string, line: number) => besidePath(path, `without-line-${line}`);

/** The file's name without its extension and without a telephone number after a telephone word. */
const fileStem = (path: string) =>
  basename(path)
    .replace(/\.[^.]+(\.gz)?$/, '')
    .replace(PHONE_AFTER_WORD, '$1');

/**
 * The draft's name of the source: the file's name without a phone number (a run of seven digits or more),
 * which the name would publish (tester 235).
 */
export function draftName(path: string): string {
  const name = fileStem(path)
    // With the separator before it: `calls_6125550099_2022` is `calls_2022`.
    .replace(new RegExp(`[^A-Za-z0-9(]?${PHONE_GROUPS.source}`, 'g'), '')
    .replace(/[^A-Za-z0-9]?(\d{7,})/g, (all, run: string) => (DATE_WORD.test(run) ? all : ''))
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return name || 'my source';
}

/**
 * The draft's source name: the file's name without the dates in it (`mpls_311_2022q4.csv` is `mpls_311`),
 * since the source must stay the same from one export to the next (it is part of every call id), while
 * the file name says which stretch of time the export holds (a tester's next quarter got a new source);
 * and without a phone number, seven digits or more, since the source is in every call id and the public
 * report (tester 235: `mpls_calls_for_..._6125550099`).
 */
export function sourceName(path: string): string {
  const words = fileStem(path)
    .replace(PHONE_GROUPS, ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept: string[] = [];
  let inDate = false;
  for (const w of words) {
    // After a year, a month, a day, a quarter or the `to` of a range belong to the date too.
    if (DATE_WORD.test(w) || (inDate && /^(\d{1,2}|q[1-4]|to)$/.test(w))) inDate = true;
    else {
      inDate = false;
      const word = w.replace(PHONE_DIGITS, '');
      if (word) kept.push(word);
    }
  }
  // A name of dates alone keeps them (`2022.csv` is `src_2022`), never a phone number.
  const dates = words.map((w) => (DATE_WORD.test(w) ? w : w.replace(PHONE_DIGITS, ''))).filter(Boolean);
  const name = (kept.length ? kept : dates).join('_');
  // A source begins with a letter.
  return !name ? 'my_source' : /^[a-z]/.test(name) ? name : `src_${name}`;
}

/**
 * The encodings a draft can be read in. UTF-16 is not one: the sample is cut at a byte 10, which in UTF-16
 * may fall inside a character; such a file is converted first (inspectFile says how).
 */
export type DraftEncoding = 'utf-8' | 'latin-1';

/**
 * `--encoding` in any spelling a profile's `format.encoding` takes (`ISO-8859-1`, `latin1`, `UTF-8`), read
 * by the profile's own check: `profile init` took only `utf-8` and `latin-1` where the profile it drafts
 * takes the others, and refused anything else with another message. UTF-16, which a profile reads, is
 * refused here with how to convert the file (see DraftEncoding).
 */
export function draftEncoding(value: string): DraftEncoding {
  const read = profileSchema.shape.format.unwrap().shape.encoding.safeParse(value);
  if (!read.success) {
    const said = read.error.issues[0]?.message ?? 'is not an encoding';
    throw new UserError(
      `--encoding ${said}; got \`${value}\`.`,
      /^Windows-1252/.test(said)
        ? 'draft from out.csv, converted so, with no --encoding.'
        : 'give utf-8 or latin-1 (profile init reads no UTF-16), or leave --encoding out for a UTF-8 file.',
    );
  }
  if (read.data === 'utf-16')
    throw new UserError(
      `--encoding \`${value}\` is UTF-16, which a profile reads but \`profile init\` does not: it drafts from a sample cut at a byte, which in UTF-16 may fall inside a character.`,
      'convert the file to UTF-8 with `iconv -f UTF-16 -t UTF-8 in.csv > out.csv`, draft from out.csv and ingest out.csv, and leave --encoding out.',
    );
  return read.data;
}

/** Enough of a profile for inspectFile's checks of the bytes (empty, a workbook, UTF-16, not UTF-8). */
const ANY_CSV: Pick<Profile, 'format' | 'source'> = {
  source: 'draft',
  format: { type: 'csv', delimiter: ',', quote: '"', encoding: 'utf-8' },
};

/** The profile JSON schema shipped with safegap, for editors that complete keys from it. */
const SCHEMA_FILE = fileURLToPath(new URL('../../schema/profile.schema.json', import.meta.url));

export interface DraftOptions {
  /** How many rows the guesses are made from (the hours of a UTC clock are judged on the whole file). */
  sampleRows?: number;
  /** The folder the draft will be saved in: its `$schema` line is a path from there (editors resolve it so). */
  outDir?: string;
  /** Any spelling a profile's `format.encoding` takes but UTF-16's (draftEncoding); default `utf-8`. */
  encoding?: string;
  /** The city's IANA zone; without it the draft guesses America/Chicago and marks the guess. */
  timeZone?: string;
}

/** How many of `values` each known format reads, most first, in one query (one a format was 17 round trips). */
async function scoreTimeFormats(
  conn: DuckDBConnection,
  values: string[],
): Promise<{ f: string; n: number; written: number }[]> {
  const [counts] = await queryRows<Record<string, number>>(
    conn,
    // %Y reads `22` as the year 22: a format reads a value only where the year it gives has four digits.
    // Counted as ingest reads them (seconds with a fraction or without) and as written, so that of two
    // formats reading every value the one written as the values are is drafted (`%S.%f` for `00:38:00.250`).
    `SELECT ${TIME_FORMATS.map((f, i) => `count_if(year(try_strptime(v, ${strptimeFormats(f)})) >= 1000)::INTEGER AS s${i}, count_if(year(try_strptime(v, ${literal(f)})) >= 1000)::INTEGER AS w${i}`).join(', ')}
     FROM unnest([${values.map(literal).join(', ')}]) t(v)`,
  );
  return TIME_FORMATS.map((f, i) => ({
    f,
    n: Number(counts?.[`s${i}`] ?? 0),
    written: Number(counts?.[`w${i}`] ?? 0),
  })).sort((a, b) => b.n - a.n || b.written - a.written);
}

/** A time with a UTC offset, the shape ingest reads as `iso8601` (as `withOffset` in draftProfile). */
const ISO_OFFSET = /[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)? ?(Z|[+-]\d{2}(:?\d{2})?)$/i;

/**
 * What a built-in profile's time formats do not read of a file's sampled times, as words for a note, or
 * '' when each format reads at least half of its column's values (as `builtinDraft` judges a built-in's
 * format). A field paired with a time column, or counted in seconds, is not judged.
 */
async function builtinTimesMisread(
  conn: DuckDBConnection,
  profile: Profile,
  valuesOf: (column: string) => string[],
): Promise<string> {
  const judged: {
    field: string;
    column: string;
    format: string;
    own: boolean;
    read: number;
    n: number;
    best: { f: string; n: number };
  }[] = [];
  for (const [field, raw] of Object.entries(profile.times)) {
    const spec = typeof raw === 'string' ? { column: raw } : raw;
    if (!spec || spec.time_column || spec.seconds_after !== undefined || !spec.column) continue;
    const column = Array.isArray(spec.column) ? spec.column[0]! : spec.column;
    const format = spec.format ?? profile.timestamps.format;
    const values = valuesOf(column);
    if (!values.length) continue;
    const read =
      format === 'iso8601'
        ? values.filter((v) => ISO_OFFSET.test(v)).length
        : ((
            await queryRows<{ n: number }>(
              conn,
              `SELECT count_if(year(try_strptime(v, ${strptimeFormats(format)})) >= 1000)::INTEGER AS n FROM unnest([${values.map(literal).join(', ')}]) t(v)`,
            )
          )[0]?.n ?? 0);
    // Formats are scored only for a field this one misses: one query per field the built-in reads is saved.
    const best =
      read >= values.length / 2 ? { f: format, n: read } : (await scoreTimeFormats(conn, values))[0]!;
    judged.push({ field, column, format, own: !!spec.format, read, n: values.length, best });
  }
  // Where the profile-wide format reads some fields, one that it does not read wants a format of its own,
  // not a new timestamps.format, which then refused the others (tester 345: Seattle's arrivals alone
  // rewritten, and the note's change refused all 222 rows).
  const wideReads = judged.some((j) => !j.own && j.read >= j.n / 2);
  const said: string[] = [];
  for (const j of judged) {
    if (j.read >= j.n / 2) continue;
    const fits = j.best.n > j.read;
    // Under `clock: utc_is_local` a format without an offset that leaves no time read with one is no fix:
    // Burlington's times re-saved by a spreadsheet, so changed, loaded every call 4-5 hours early (tester 391).
    if (
      fits &&
      !readsOffset(j.best.f) &&
      dropsOffsets(
        profile,
        j.own || wideReads ? undefined : j.best.f,
        j.own || wideReads ? { [j.field]: j.best.f } : {},
      )
    ) {
      said.push(
        `${j.own ? `its \`${j.field}\` format` : 'its timestamps.format'}, ${JSON.stringify(j.format)}, parses ${j.read} of ${j.n} sampled values of ${j.column}, which have no UTC offset (${JSON.stringify(j.best.f)} parses ${j.best.n}), and its \`clock: utc_is_local\` reads each time's UTC reading as the city's clock, which needs the offset: read as written, every call would be hours early (4-5 in New York), and a spreadsheet's re-save writes an export's times so. Rather than change the format, ${UTC_IS_LOCAL_FIX.replace(/\.$/, '')}`,
      );
      continue;
    }
    if (j.own || wideReads) {
      said.push(
        `${j.own ? `its \`${j.field}\` format` : 'its timestamps.format'}, ${JSON.stringify(j.format)}, parses ${j.read} of ${j.n} sampled values of ${j.column}${fits ? `: \`${j.field}\` must have its own format under times, \`${j.field}: { column: ${JSON.stringify(j.column)}, format: ${JSON.stringify(j.best.f)} }\`, which parses ${j.best.n}` : ': no format safegap knows parses more'}`,
      );
      continue;
    }
    // The profile-wide format is said once, of the first column it does not read.
    const head = `its timestamps.format, ${JSON.stringify(j.format)}, parses`;
    if (said.some((x) => x.startsWith(head))) continue;
    said.push(
      `${head} ${j.read} of ${j.n} sampled values of ${j.column}${fits ? `: it must be changed to ${JSON.stringify(j.best.f)}, which parses ${j.best.n}` : ': no format safegap knows parses more'}`,
    );
  }
  return listInWords(said);
}

/** Draft a profile for `path`. */
export async function draftProfile(
  path: string,
  { sampleRows = 2000, outDir, encoding: asked = 'utf-8', timeZone }: DraftOptions = {},
): Promise<DraftProfile> {
  const encoding = draftEncoding(asked);
  // A zone the profile check would refuse, refused before the file is read.
  if (timeZone !== undefined && !isValidTimeZone(timeZone))
    throw new UserError(
      `--time-zone \`${timeZone}\` ${zoneRefusal(timeZone)}.`,
      'use a zone name such as America/Los_Angeles or America/New_York, not an abbreviation like PST.',
    );
  // The same early refusals as ingest, with their fixes: DuckDB's sniffer gave a generic error, or a draft
  // of an empty file.
  const info = await inspectFile(path, { ...ANY_CSV, format: { ...ANY_CSV.format, encoding } }, [], true);
  const readAs = encoding === 'utf-8' ? '' : `, encoding = ${literal(encoding)}`;
  // A TMPDIR missing or a file was a stack trace here (tester 104), as it was for analyze.
  // SAFEGAP_MEMORY_LIMIT as every command honours it (a fixed 512MB took no notice of it).
  const { conn, scratch, close } = await openScratchEngine('init');
  try {
    // A Parquet file was "could not be read as CSV": its first rows are drafted from as a CSV of their text
    // (as ingest reads its columns), and the draft says `type: parquet`.
    const parquet = info.kind === 'parquet';
    const text = parquet ? join(scratch, 'sample.csv') : path;
    if (parquet)
      try {
        await conn.run(
          `COPY (SELECT * FROM read_parquet(${literal(path)}) LIMIT ${sampleRows}) TO ${literal(text)} (FORMAT csv, HEADER true)`,
        );
      } catch (e) {
        throw new UserError(
          `${basename(path)} begins as a Parquet file does, but could not be read as one: ${(e as Error).message.split('\n')[0]}`,
          'check that the file is a complete Parquet file (a download cut short is not); export it again.',
        );
      }
    const sniffWith = async (options: string) =>
      (
        await queryRows<Sniffed>(
          conn,
          `SELECT * FROM sniff_csv(${literal(text)}, sample_size = ${sampleRows}${parquet ? '' : readAs}${options})`,
        )
      )[0]!;
    let s: Sniffed | undefined;
    let sniffError: unknown;
    try {
      s = await sniffWith('');
    } catch (e) {
      sniffError = e;
    }
    // One sampled row with a field too many or too few makes the sniffer give up, read the file as one
    // column, or take the header for a row and skip down past the odd row. Tolerating such rows finds the
    // dialect, and its answer is taken when it is a header of several columns on the first line (with a
    // title above the header, the tolerant sniff reads the title as a one-column header: kept as before).
    if (!s || oneDelimitedColumn(s) || !s.HasHeader || Number(s.SkipRows) > 0) {
      const tolerant = await sniffWith(', ignore_errors = true').catch(() => undefined);
      if (tolerant && tolerant.Columns.length > 1 && tolerant.HasHeader && Number(tolerant.SkipRows) === 0)
        s = tolerant;
    }
    // A header repeated further down (exports stitched together) is a row like the first to the sniffer,
    // which then takes the file for one without a header and names its columns column00...; ingest reads
    // the first line as the header all the same (tester 120: the draft lost every name, and the callers'
    // names and phones went unlisted as personal).
    /** The file's first `n` lines as text, without a byte-order mark. */
    const firstLines = async (n: number) =>
      (await headLines(text, info.gzip, n)).text
        .toString(encoding === 'utf-8' ? 'utf8' : 'latin1')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/);
    if (s && !s.HasHeader && !parquet) {
      const lines = await firstLines(sampleRows + 1);
      if (lines[0]?.trim() && lines.slice(1).includes(lines[0])) {
        const forced = await sniffWith(', header = true').catch(() => undefined);
        if (forced && forced.Columns.length > 1) s = forced;
      }
    }
    // A row longer than the reader's 2 MB was DuckDB's "CSV Error on Line: 1", the wrong line (tester 239);
    // ingest quarantines such a row, by its number.
    if (!s && /Maximum line size/i.test(String((sniffError as Error)?.message))) {
      const lines = await firstLines(sampleRows + 1);
      const at = lines.findIndex((l) => Buffer.byteLength(l) > 2_000_000);
      if (at >= 0)
        throw new UserError(
          `${basename(path)}: line ${at + 1} is ${(Buffer.byteLength(lines[at]!) / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB long, more than the 2 MB a row may have, so its sample cannot be read.`,
          // The file's path, and a new file beside it: `> sample.csv` emptied a file of that name before sed
          // read it, and the name alone worked only from its folder (tester 245).
          `draft from the file without that line (\`${linesCommand(`sed '${at + 1}d'`, path, info.gzip)} > ${shellWord(without(path, at + 1))}\`, then \`safegap profile init ${shellWord(without(path, at + 1))}\`), and ingest the whole file with the draft: ingest quarantines the row, by its number.`,
        );
    }
    if (!s)
      // Memory that ran out is no fault of the file (a small SAFEGAP_MEMORY_LIMIT read "could not be read as CSV").
      throw (
        resourceError(sniffError) ??
        (await notLatin1(info, sniffError)) ??
        // Lines ending in CRLF and LF mixed: DuckDB's "Error when sniffing file", with advice to check that
        // the file is a CSV, where ingest names the line and the fix (tester 326).
        (await lineEndError(info, { delimiter: ',', quote: '"' }, 'profile init')) ??
        new UserError(
          `${basename(path)} could not be read as CSV: ${(sniffError as Error).message.split('\n')[0]}`,
          'check that the file is a text CSV export (not .xlsx) and that it is complete.',
        )
      );
    const delimiter = String(s.Delimiter);
    // The sniffer's quote where it is not `"`: read with `"`, every value of a file quoted with `'` kept its
    // quotes, no time column read as times and ingest refused the tool's own draft (tester 341). Taken only
    // where cells of the first lines are wrapped in it, so that an apostrophe in a value is no quote.
    const sniffedQuote = String(s.Quote);
    // Wrapped cells on half the first lines at least, and none wrapped in `"`: three addresses written
    // `'0034XX ...'` made the draft's quote `'`, which quarantined rows the built-in loads (tester 345).
    const wrapped = (l: string, q: string) =>
      l.split(delimiter).some((c) => c.length >= 2 && c.startsWith(q) && c.endsWith(q));
    const firstTwenty = await firstLines(20);
    const quote =
      !parquet &&
      /^[ -~]$/.test(sniffedQuote) &&
      sniffedQuote !== '"' &&
      firstTwenty.filter((l) => wrapped(l, sniffedQuote)).length * 2 >= firstTwenty.length &&
      !firstTwenty.some((l) => wrapped(l, '"'))
        ? sniffedQuote
        : '"';
    const quoteRe = quote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Trimmed as ingest reads a header (inspect-file.ts): `Precinct<TAB>` was drafted with its tab, and
    // ingest, which reads `Precinct`, refused the draft on its own file (tester 312).
    // A CSV's named as ingest names them (headerNames), from its first line: the sniffer's names were made
    // unique before they were unwrapped, so `Problem` beside `="Problem"` were two names and then one (an
    // internal error), and `="Problem"` twice drafted as `="Problem"_1`, a name ingest does not read
    // (tester 336). The sniffer's are kept where its header is not the first line's.
    const firstCells =
      parquet || !s.HasHeader || Number(s.SkipRows) > 0
        ? []
        : headerNamesAsWritten((await firstLines(1))[0] ?? '', delimiter, quote);
    const fromFirstLine = firstCells.length === s.Columns.length;
    const columns = uniqueNames(
      fromFirstLine ? firstCells : s.Columns.map((c) => excelTextName(c.name.trim())),
    );
    // Drafting from such a header would give a profile of nonsense (a cut-off last line, a quote never
    // closed).
    if (oneDelimitedColumn(s) && !parquet) {
      // A delimiter at the end of the header line alone: every row a field short, and the sniffer gave up
      // (tester 185: "may be cut short"; ingest names it).
      const first = (await firstLines(1))[0]!;
      const end = /([,;\t|])\s*$/.exec(first)?.[1];
      if (end && first.split(end).length > 2)
        throw new UserError(
          `${basename(path)}: its header line ends with a delimiter (${end === '\t' ? 'a tab' : `\`${end}\``}), which names an empty last column the rows do not have, so no reading of the file fits.`,
          'remove the delimiter at the end of the header line (or add one to the end of every row) and run profile init again.',
        );
    }
    if (oneDelimitedColumn(s))
      throw new UserError(
        `${basename(path)} could not be read as CSV with any delimiter: its header came out as one column, \`${columns[0]!.slice(0, 60)}\`.`,
        'the file may be cut short or have a quote that is never closed; check its last lines and its quoting, or export it again.',
      );
    // The sample is read as ingest will read the file with the draft (its delimiter and quote), so that the
    // rows it would quarantine for their number of fields can be named; a reader that sniffs the dialect
    // again gave up on them.
    const skip = Number(s.SkipRows);
    // Ingest reads the first line as the header: a draft from the header further down could not be
    // ingested (its columns "missing"), and nothing said why.
    if (skip > 0 && !parquet)
      throw new UserError(
        `${basename(path)} has its header on line ${skip + 1}; ingest reads the first line as the header, so the line${skip > 1 ? 's' : ''} above it (a title or notes) must go.`,
        `remove ${skip > 1 ? 'them' : 'it'}, e.g. \`tail -n +${skip + 1} ${basename(path)} > fixed.csv\`, then draft from fixed.csv and ingest fixed.csv. No draft was written.`,
      );
    const head = await headLines(text, info.gzip, sampleRows + 1 + skip);
    const headFile = join(scratch, 'head.csv');
    writeFileSync(headFile, head.text);
    /** How the sample and the whole file are read: every column as text, as ingest will with the draft. */
    const readOptions = `auto_detect = false, header = true, skip = ${skip},
         columns = {${columns.map((c) => `${literal(c)}: 'VARCHAR'`).join(', ')}},
         delim = ${literal(delimiter)}, quote = ${literal(quote)}, escape = ${literal(quote)}${parquet ? '' : readAs}`;
    // Excel text formulas (`="2022-10-01 08:15"`) as ingest reads them, the text inside: read wrapped, a
    // column of them drafted no time format and its origin rules `equals: '="911"'` (tester 309).
    const read = await queryRows<Record<string, string | null>>(
      conn,
      `SELECT ${columns.map((c) => `${excelTextSql(ident(c))} AS ${ident(c)}`).join(', ')} FROM read_csv(${literal(headFile)}, ${readOptions},
         store_rejects = true, rejects_table = 'init_rejects', rejects_scan = 'init_scans')`,
    );
    // A header repeated in the rows (two exports joined) is no values: its `Latitude` was drafted as one
    // of the Latitude column's nulls (tester 178).
    const bare = (v: string | null | undefined) =>
      v
        ?.replace(/^\ufeff?/, '')
        .replace(new RegExp(`^${quoteRe}?|${quoteRe}$`, 'g'), '')
        .trim() ?? '';
    // Compared with the header as written, cell by cell: a column without a name, which DuckDB calls
    // `column13`, is empty in the repeated header too, so the row was taken for values (tester 284: its
    // `Blurred_Latitude` drafted as a null, and counted among the sampled times).
    const written = parquet ? [] : splitFields((await firstLines(1))[0] ?? '', delimiter, quote);
    const headerCells = written.length === columns.length ? written : columns;
    const isHeader = (r: Record<string, string | null>) =>
      columns.every((c, i) => bare(r[c]) === headerCells[i]!.trim());
    const sample = read.filter((r) => !isHeader(r));
    const headerRepeats = read.length - sample.length;
    const rejected = (
      await queryRows<{
        line: number;
        types: string;
        message: string;
        record: string;
        column: number | null;
      }>(
        conn,
        // DuckDB reports a short row once per column it lacks: one row per line.
        `SELECT line::INTEGER AS line, string_agg(DISTINCT error_type, ',') AS types,
           first(error_message ORDER BY column_idx NULLS LAST) AS message, first(csv_line) AS record,
           min(column_idx) FILTER (WHERE error_type = 'UNQUOTED VALUE')::INTEGER AS "column"
         FROM init_rejects GROUP BY line ORDER BY line`,
      )
    ).map((r) => ({ ...r, row: r.line - 1 - skip }));
    // A record whose lines after its first are whole rows, as ingest judges a value that swallowed rows
    // (read-file.ts, wholeRowSql): the header's number of fields, and a date where every sampled row has
    // one (ingest's received time, not yet drafted here), so that a note with many commas is no row.
    const dated = columns.flatMap((c, i) => {
      const values = sample.map((r) => r[c]?.trim() ?? '').filter((v) => v !== '');
      return values.length && values.every((v) => DATE_LIKE.test(v)) ? [i] : [];
    });
    const holdsRows = (record: string) =>
      record
        .replace(/^[\r\n]+/, '')
        .split('\n')
        .slice(1)
        .some((l) => {
          const f = l.replace(/\r$/, '').split(delimiter);
          return f.length === columns.length && (!dated.length || dated.some((i) => DATE_LIKE.test(f[i]!)));
        });
    // The head may end inside a quoted value that runs over lines: that is where it was cut, not the file.
    // Not where the value holds whole rows: a stray quote at row 100 took every line after it to the head's
    // end, and the draft was made from the 99 rows before it, without a word, from a sample of early January
    // only; ingest then refused the file for that row (tester 348).
    const last = rejected.at(-1);
    if (!head.whole && last?.types.includes('UNQUOTED VALUE') && !holdsRows(last.record)) rejected.pop();
    // Refused as ingest refuses it, by row number: a quote closed rows later (a second stray quote, at row
    // 105) read rows 100 to 105 as one bad record, and that record was dropped as the head's cut (tester 348).
    const swallowing = rejected.find((r) => holdsRows(r.record));
    const where = (r: { column: number | null }) => {
      // DuckDB counts the columns from 1, as ingest reads them (read-file.ts).
      const c = r.column === null ? undefined : columns[r.column - 1];
      return c === undefined ? '' : ` of ${c}`;
    };
    if (swallowing)
      throw new UserError(
        `${basename(path)}: row ${swallowing.row} opens a quote in its value${where(swallowing)} that is not closed on its line, so the rows after it are read into that value; ingest refuses the file for it, and no draft can be made from the rows it hides.`,
        `fix the quoting${where(swallowing)} at row ${swallowing.row} (a stray \`${quote}\` at the start of a value: remove it, or write it as \`${quote}${quote}\` inside a quoted value), then run profile init again. No draft was written.`,
      );
    /**
     * The draft, refused where ingest would refuse the file with it for a value that holds rows: a stray
     * quote closed lines later just before a delimiter makes one record of the header's width and no reader
     * error, so the sample's rejects above never show it, and a draft was made from a sample in which ten
     * rows were one street name. Found in the sample by ingest's own test (read-file.ts, valueHoldingRows),
     * under the draft as ingest will read it: its received time tells a row from a note with many commas. A
     * draft that is no valid profile yet is not tested: ingest cannot read the file with it either.
     */
    const refuseValueHoldingRows = async (draft: DraftProfile): Promise<DraftProfile> => {
      if (parquet) return draft;
      let profile: Profile;
      try {
        profile = parseProfile(draft.yaml, 'draft.yaml');
      } catch {
        return draft;
      }
      const sampleInfo: FileInfo = {
        path: headFile,
        name: basename(path),
        kind: 'csv',
        gzip: false,
        bytes: head.text.length,
        header: columns,
        hasData: true,
      };
      const spill = await valueHoldingRows(conn, sampleInfo, profile);
      if (!spill) return draft;
      // Named as ingest names it, by its line: rows before it may hold values over lines of their own.
      const at = spill.line ? ` that begins on line ${spill.line}` : '';
      throw new UserError(
        `${basename(path)}: a value of ${spill.column}${at} runs over the lines after it, which hold rows of their own: a quote opened in it was closed only on a later line, and the rows up to that quote were read as part of it; ingest refuses the file for it, and no draft can be made from the rows it hides.`,
        `find the stray \`${quote}\` at the start of that value${spill.line ? ` (line ${spill.line} of the file, counting the header as 1)` : ''} and remove it (or write it as \`${quote}${quote}\` inside a quoted value), then run profile init again. No draft was written.`,
      );
    };
    const ragged = rejected.filter((r) => r.types === 'MISSING COLUMNS' || r.types === 'TOO MANY COLUMNS');
    const unreadable = rejected.find((r) => !ragged.includes(r));
    if (unreadable)
      throw /ENCODING|UNICODE/.test(unreadable.types)
        ? new UserError(
            `${basename(path)} is not UTF-8 text: row ${unreadable.row} holds bytes that are not valid UTF-8.`,
            notUtf8Hint(info, true),
          )
        : new UserError(
            `${basename(path)} could not be read as CSV with delimiter ${JSON.stringify(delimiter)} and quote ${quote === "'" ? `"'"` : `'${quote}'`}: row ${unreadable.row} ${
              unreadable.types.includes('UNQUOTED VALUE')
                ? 'opens a quote that is never closed'
                : `is not valid CSV (${unreadable.message})`
            }.`,
            unreadable.types.includes('UNQUOTED VALUE')
              ? `the file may be cut short at row ${unreadable.row} (fetch the complete file), or a value there starts with a stray \`${quote}\` (remove it, or write it as \`${quote}${quote}\` inside a quoted value); then run profile init again.`
              : `check the file at row ${unreadable.row} in a text editor (its delimiter and quoting), or export it again.`,
          );
    const notes: string[] = [];
    // A file of a header alone has no values to judge: its time columns were "named like a time, but its
    // values fit no format", the format a TODO for want of a received column.
    const noRows = sample.length === 0 && rejected.length === 0;
    if (noRows)
      notes.push(
        `${basename(path)} has ${parquet ? 'columns' : 'a header'} and no rows: its columns were matched by their names alone, and the timestamp format could not be guessed. Draft from an export with rows if there is one.`,
      );
    if (headerRepeats)
      notes.push(
        `${headerRepeats} of the rows sampled ${headerRepeats === 1 ? 'repeats' : 'repeat'} the header (two exports joined into one file?): left out of this draft; ingest quarantines such rows.`,
      );
    // Rows whose extra fields are all empty (`,,` at the end), which the reader takes without a word and
    // ingest finds in the bytes and quarantines (extra-fields.ts): the note counted only a non-empty extra
    // field (tester 348). Read as ingest reads them, rows of the sample's text; counted among the rows
    // sampled already, as the reader took them.
    const wide = parquet
      ? []
      : (await extraFieldRows(headFile, false, delimiter, quote, columns.length)).rows
          .map((r) => ({ row: r.line - 1 - skip, fields: r.fields }))
          .filter((r) => !rejected.some((x) => x.row === r.row));
    const wrongWidth = [
      ...ragged.map((r) => ({ row: r.row, fields: countFields(r.record, delimiter, quote) })),
      ...wide,
    ].sort((a, b) => a.row - b.row);
    if (wrongWidth.length) {
      const shown = wrongWidth
        .slice(0, 3)
        .map((r) => `row ${r.row}: ${r.fields}`)
        .join(', ');
      notes.push(
        `${wrongWidth.length} of the ${sample.length + ragged.length} rows sampled ${wrongWidth.length === 1 ? 'has' : 'have'} the wrong number of fields for the header's ${columns.length} (${shown}${wrongWidth.length > 3 ? ', ...' : ''}): ingest quarantines such rows, each with its row number; fix them in the export if they hold calls.`,
      );
    }

    // A name the header repeats is read by DuckDB, in init as in ingest, with `_1`, `_2`... after it: said,
    // with the names a profile maps them by, which the header does not show (tester 263).
    // Grouped as unwrapped (headerCells): `Problem` and `="Problem"` are one name repeated (tester 336).
    const repeatedNames = fromFirstLine
      ? [...new Set(firstCells)]
          .map((w) => ({
            written: w,
            at: firstCells.flatMap((x, i) => (x === w ? [i] : [])),
          }))
          .filter((g) => g.at.length > 1)
          .map((g) => ({ ...g, names: g.at.map((i) => columns[i]!) }))
      : [];
    /** Where a repeated name is written as an Excel formula, which the header shows and the note must. */
    const asFormula = (at: number[]) => {
      const shown =
        written.length === columns.length ? at.filter((i) => written[i]!.trim() !== firstCells[i]) : [];
      const where = listInWords(shown.map((i) => String(i + 1)));
      if (!shown.length) return '';
      return shown.length === 1
        ? `; column ${where} is written \`${written[shown[0]!]!.trim()}\`, an Excel text formula, read as the name inside it`
        : `; columns ${where} are written as Excel text formulas (\`${written[shown[0]!]!.trim()}\`), read as the name inside them`;
    };
    for (const g of repeatedNames)
      notes.push(
        `the header of ${basename(path)} names ${g.at.length} columns ${JSON.stringify(g.written)} (columns ${listInWords(g.at.map((i) => String(i + 1)))}${asFormula(g.at)}): they are read as ${listInWords(g.names.map((n) => JSON.stringify(n)))}, the names a profile maps them by. To map them by names of their own, rename them in the export's header.`,
      );

    // A city's export that a built-in profile reads whole: its rules (origins, responders, nulls) are the
    // city's, which a draft lacks (tester 266: Minneapolis' file drafted read 0.0% diverted, no call
    // officer-initiated, where `minneapolis-cad` gives 3.6%).
    const exactFits = builtinProfilesReading(columns, '');
    /** The built-ins named, with what must change in a copy and what the built-in as it stands would do. */
    const builtinFits: {
      at: number;
      name: string;
      clock: string;
      changes: string[];
      count: number;
      would: string[];
    }[] = [];
    const builtinNote = (f: (typeof builtinFits)[number]) =>
      f.changes.length
        ? `every column the built-in profile ${f.name} reads is in ${basename(path)}, but ${listInWords(f.changes)}. If it is that export, copy ${f.name}'s profile (\`safegap profile list\` says where), make ${f.count > 1 ? 'those changes' : 'that change'} there and ingest it with the copy instead of a draft, which has none of its rules for origins, responders and missing values; \`--profile ${f.name}\` as it stands would ${listInWords(f.would)}.`
        : `every column the built-in profile ${f.name} reads is in ${basename(path)}: if it is that export, ingest it with \`--profile ${f.name}\` instead of a draft, which has none of its rules for origins, responders and missing values (\`safegap profile list\` names the built-in profiles).`;
    /** Where a profile's format reads a CSV otherwise than this file is written, each key as words and YAML. */
    const formatDiffers = (p: Profile) => {
      const shownChar = (c: string) => (c === '\t' ? 'a tab' : `\`${c}\``);
      return [
        { key: 'delimiter', builtin: p.format.delimiter, file: delimiter, show: shownChar },
        { key: 'quote', builtin: p.format.quote, file: quote, show: shownChar },
        { key: 'encoding', builtin: p.format.encoding, file: encoding, show: (e: string) => e },
      ]
        .filter((d) => d.builtin !== d.file)
        .map((d) => ({
          key: d.key,
          builtin: d.show(d.builtin),
          file: d.show(d.file),
          yaml: `${d.key}: ${d.key === 'encoding' ? d.file : JSON.stringify(d.file)}`,
        }));
    };
    for (const name of exactFits) {
      // Named only with the format it must be given where its own reads none of the file's times (tester 336:
      // ISO times were pointed at minneapolis-cad's `%m/%d/%Y %H:%M`, which refused every row).
      const builtin = loadProfile(name);
      // A Parquet file's typed times are read whole whatever the format says (read-file.ts): the format of
      // their text is no reason to change it (tester 345: the note's change refused every row).
      const misread = parquet
        ? ''
        : await builtinTimesMisread(conn, builtin, (c) =>
            sample
              .map((r) => r[c]?.trim())
              .filter((v): v is string => !!v)
              .slice(0, 500),
          );
      // Nor where it reads the file with another delimiter, quote or encoding (tester 341: a tab-separated, a
      // `;`-and-`'` and a Latin-1 copy of Minneapolis' export were each pointed at minneapolis-cad, which
      // refused every row of all three).
      const otherFormat = parquet ? [] : formatDiffers(builtin);
      const unlike = otherFormat.length
        ? `its format reads ${listInWords(otherFormat.map((d) => `${d.key} ${d.builtin}`))}, where ${basename(path)} has ${listInWords(otherFormat.map((d) => d.file))}: it must have ${listInWords(otherFormat.map((d) => `\`${d.yaml}\``))} under format`
        : '';
      const fit = {
        at: notes.length,
        name,
        clock: builtin.timestamps.clock,
        changes: [unlike, misread].filter((x) => x),
        count: otherFormat.length + (misread ? 1 : 0),
        would: otherFormat.length ? ['refuse the file'] : misread ? ['refuse those rows'] : [],
      };
      builtinFits.push(fit);
      notes.push(builtinNote(fit));
    }
    // The same up to case and surrounding spaces, as a spreadsheet may write the names (tester 284): ingest
    // matches names exactly, so such a built-in is the draft itself, with the file's spelling (below).
    const caseFits = exactFits.length ? [] : builtinProfilesReadingUpToCase(columns);
    /** What the draft says of the file itself, before any guess: the notes of a draft that is a built-in. */
    const fileNotes = [...notes];

    const personal = columns.filter((c) => personalReason(c) !== null);
    // A time column is one whose sampled values read as times with some known format: `How Received` (911,
    // Phone) is named like one and is not.
    const readsAsTimes = new Map<string, boolean>();
    const timeLike = async (c: string) => {
      if (noRows) return true;
      if (!readsAsTimes.has(c)) {
        const values = sample
          .map((r) => r[c])
          .filter((v): v is string => !!v?.trim())
          .slice(0, 200);
        const list = `[${values.map(literal).join(', ')}]`;
        // A value reads as a time only with a year of four digits, as scoreFormats counts them: DuckDB casts
        // a day-first date of two-digit year, `20/10/22`, to the year 20, so `Call Date` alone was drafted as
        // the received time, at midnight, and not paired with `Call Time` (tester 231).
        const tests = [
          ...TIME_FORMATS.map((f) => `try_strptime(v, ${literal(f)})`),
          'try_cast(v AS TIMESTAMPTZ)',
        ].map((t) => `year(${t}) >= 1000`);
        const [r] = values.length
          ? await queryRows<{ n: number }>(
              conn,
              `SELECT count(*)::INTEGER n FROM unnest(${list}) t(v) WHERE ${tests.join(' OR ')}`,
            )
          : [];
        readsAsTimes.set(c, values.length > 0 && (r?.n ?? 0) >= values.length / 2);
      }
      return readsAsTimes.get(c)!;
    };
    /** A column whose sampled values all fall at midnight, or have no time of day: a date, not a time. */
    const datesOnly = (c: string) => {
      const values = sample.map((r) => r[c]?.trim()).filter((v): v is string => !!v);
      // A pair's time written as a number has no colon to find (`06/25/2022 0905` was called a date: tester
      // 108); it is midnight only as zeros.
      // So is one of digits alone (`20220101 013005`, `20220101013005`), which has no colon either.
      const digits = (v: string) => /^\d{8}\s?(\d{4}|\d{6})$/.exec(v)?.[1];
      return (
        values.length > 0 &&
        values.every((v) =>
          compact.has(c)
            ? /\s0+(\.0+)?$/.test(v)
            : digits(v) !== undefined
              ? /^0+$/.test(digits(v)!)
              : atMidnight(v),
        )
      );
    };
    /** Whether two time columns give the same date in at least 90% of the sampled rows holding both. */
    const sameDates = async (a: string, b: string) => {
      const pairs = sample.filter((r) => r[a]?.trim() && r[b]?.trim()).slice(0, 500);
      if (!pairs.length) return false;
      const day = (v: string) =>
        `CAST(coalesce(${[...TIME_FORMATS.map((f) => `try_strptime(${v}, ${literal(f)})`), `try_cast(${v} AS TIMESTAMP)`].join(', ')}) AS DATE)`;
      const [r] = await queryRows<{ n: number }>(
        conn,
        `SELECT count(*) FILTER (WHERE ${day('a')} = ${day('b')})::INTEGER AS n
         FROM (VALUES ${pairs.map((p) => `(${literal(p[a]!.trim())}, ${literal(p[b]!.trim())})`).join(', ')}) t(a, b)`,
      );
      return Number(r?.n ?? 0) >= 0.9 * pairs.length;
    };
    // A date and its time of day in two columns (`Call Date` 10/01/2022, `Call Time` 13:45) are one time,
    // drafted as `{ column, time_column }`: each alone was refused or read as midnight, and the received
    // time left a TODO. A pair is tried as a column of its own, its values read as ingest reads them,
    // "date time"; only a time column named as the date column is (Date -> Time) is paired with it.
    const pairs = new Map<string, [date: string, time: string]>();
    /**
     * A pair's date column whose every value carries the same midnight (`10/01/2022 12:00:00 AM`,
     * `2022-10-01T00:00:00.000`, as open-data portals write a date): the text the pair's format must
     * match after the date. Such a column was not paired (tester 98).
     */
    const midnightOf = new Map<string, string>();
    /**
     * A pair's time column whose every value carries the same spreadsheet date (`1899-12-30 13:05:00`): the
     * text the pair's format must match before the time of day. Such a column was drafted as a placeholder.
     */
    const dummyOf = new Map<string, string>();
    /**
     * Pairs whose time of day is a number, HHMM or HHMMSS (`TIME OCC` 1305, 905 for 09:05): ingest gives the
     * number back its leading zeros for a format that reads `%H%M` (profile-sql.ts).
     */
    const compact = new Set<string>();
    // A number a data frame wrote as a float (`905.0`, where a missing value made the column float).
    const wholeNumber = (v: string) => v.replace(/\.0+$/, '');
    // A time of day may carry a UTC offset (`19:38:00+00`, as Minneapolis' crime files write the local
    // clock): such a column was not paired, and the date alone was drafted, every call at midnight (tester
    // 267). The pair then reads as a time with an offset, whose clock is judged as any other's.
    const timeOfDay = /^\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s?([AP]M)?\s?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
    /** The width of a column's times written as numbers (4 for HHMM, 6 for HHMMSS), or 0 if they are not. */
    const compactWidth = (written: string[]) => {
      // A value of another shape now and then (`910.5`) is ingest's to quarantine, by row: one kept the
      // column from being paired, and a column of dates alone was drafted as the time (tester 112).
      const numeric = written.filter((v) => /^\d{1,6}(\.0+)?$/.test(v));
      if (numeric.length < 0.9 * written.length) return 0;
      const values = numeric.map(wholeNumber);
      const width = values.some((v) => v.length > 4) ? 6 : 4;
      const valid = (v: string) => {
        const [h, m, s] = (v.padStart(width, '0').match(/\d\d/g) ?? []).map(Number);
        return h! < 24 && m! < 60 && (s ?? 0) < 60;
      };
      // Minutes of a duration (`Response Time` 5, 12, 45) are numbers too: times of a day's calls mostly
      // fall after 01:00, so most have three digits or more.
      return values.filter(valid).length >= 0.9 * values.length &&
        values.filter((v) => v.length >= width - 1).length >= 0.8 * values.length
        ? width
        : 0;
    };
    /**
     * Columns of times of day saved with a spreadsheet's date: never a time of a call alone, where every
     * value read as a time in 1899 and was drafted as a placeholder.
     */
    const dummyDated = new Set<string>();
    for (const t of columns) {
      // The draft's null tokens are no values: a time column with a NULL in one row of ten was not paired
      // (tester 98).
      const values = sample.map((r) => r[t]?.trim()).filter((v): v is string => !!v && !isDraftNull(v));
      if (!values.length) continue;
      // One spreadsheet date before nine times in ten: a midnight written as the date alone (`1899-12-30`)
      // kept the column from being paired, and every time was drafted as a placeholder (tester 108). Such
      // a value is quarantined by ingest, by row.
      const prefixes = values.map((v) => DUMMY_DATE.exec(v)?.[1] ?? '');
      const common = prefixes.find((x) => x) ?? '';
      const dummy =
        common && prefixes.filter((x) => x === common).length >= 0.9 * values.length ? common : '';
      if (dummy) dummyDated.add(t);
      const times = dummy ? values.map((v) => v.slice(dummy.length)) : values;
      const width = compactWidth(times);
      if (!width && times.filter((v) => timeOfDay.test(v)).length < 0.9 * times.length) continue;
      // `Timestamp` beside `Date` is named alike too (tester 267: it was only "Not mapped").
      const named = norm(t).toLowerCase();
      const dateNames = [named.replace('timestamp', 'date'), named.replace('time', 'date')];
      const d = columns.find((c) => c !== t && dateNames.includes(norm(c).toLowerCase()));
      if (!d || personal.includes(d) || personal.includes(t)) continue;
      const name = `${d} + ${t}`;
      const value = (v: string | null | undefined) => (v?.trim() && !isDraftNull(v) ? v.trim() : null);
      const dates = sample.map((r) => value(r[d])).filter((v): v is string => v !== null);
      const suffixes = new Set(dates.map((v) => MIDNIGHT_SUFFIX.exec(v)?.[2] ?? ''));
      const midnight = suffixes.size === 1 ? [...suffixes][0]! : '';
      // The sample's pair holds what the format reads once the literals are set apart: the date without its
      // midnight, the time without the spreadsheet's date and with the zeros ingest gives back.
      const timeOf = (v: string) => {
        const bare = dummy && v.startsWith(dummy) ? v.slice(dummy.length) : v;
        return width && /^\d+(\.0+)?$/.test(bare) ? wholeNumber(bare).padStart(width, '0') : bare;
      };
      for (const r of sample) {
        const [dv, tv] = [value(r[d]), value(r[t])];
        r[name] = dv && tv ? `${midnight ? dv.slice(0, -midnight.length) : dv} ${timeOf(tv)}` : null;
      }
      if (await timeLike(name)) {
        pairs.set(name, [d, t]);
        if (midnight) midnightOf.set(name, midnight);
        if (dummy) dummyOf.set(name, dummy);
        if (width) compact.add(name);
      }
    }
    /** The columns a drafted name stands for: a pair's two, or itself. */
    const columnsOf = (c: string) => pairs.get(c) ?? [c];
    const guesses: Record<string, string> = {};
    /** Columns named like a time whose values do not read as times. */
    const notTimes: string[] = [];
    /** Times drafted from a column of dates alone, for want of a better one. */
    const dateOnlyTimes: string[] = [];
    const filled = (c: string) =>
      sample.map((r) => r[c]?.trim()).filter((v): v is string => !!v && !isDraftNull(v));
    /**
     * Whether a column holds a value in every sampled row, each a different one, as an id does; nine in ten
     * with a digit and no space (idShaped), as a name or a category has none. A header alone shows none.
     */
    const uniqueIds = (c: string) =>
      filled(c).length === sample.length && idShaped(filled(c)) && new Set(filled(c)).size === sample.length;
    /** Words standing for a missing value among numbers (`REDACTED`, `UNKNOWN`): no digit in them. */
    const markers = (values: string[]) => [...new Set(values.filter((v) => !/\d/.test(v)))];
    /**
     * Whether the sampled values are numbers a latitude or longitude can be, written with a decimal point
     * (`Lat Accuracy` of 5 and 10 was drafted as a latitude, tester 124): nine in ten, any words of no digit
     * and repeated numbers out of range among them being missing values, or all of them but up to three
     * such words, at least half of them numbers. The words are drafted as the field's own nulls (tester
     * 123: 2% `REDACTED` drafted without them was refused by ingest; 20% `UNKNOWN` left both columns out
     * without a word).
     */
    const coordinates = (c: string, role: string) => {
      const limit = role === 'fields.lat' ? 90 : 180;
      const values = filled(c);
      const fit = values.filter((v) => /^[+-]?\d+\.\d+$/.test(v) && Math.abs(Number(v)) <= limit).length;
      // A number no coordinate can be, repeated (as a number: `999` and `999.0` are one, tester 139), stands
      // for none as a word does (tester 124: 2.5% of `999` drafted without nulls was refused by ingest);
      // once, it may be a typo, which ingest's quarantine shows.
      const outOfRange = values.filter((v) => /^[+-]?\d+(\.\d+)?$/.test(v) && Math.abs(Number(v)) > limit);
      const times = (v: string) => outOfRange.filter((x) => Number(x) === Number(v)).length;
      const sentinels = [...new Set(outOfRange)].filter((v) => times(v) >= 2);
      const words = [...markers(values), ...sentinels];
      const wordRows = values.filter((v) => words.includes(v)).length;
      // `X` and `Y` are as often a projected grid's (a state plane's feet) or a map's: every value must fit.
      const ok = XY_NAME.test(norm(c))
        ? values.length > 0 && fit === values.length
        : values.length === 0 ||
          fit >= 0.9 * values.length ||
          (words.length <= 3 && fit + wordRows === values.length && fit >= 0.5 * values.length);
      return { ok, words: ok ? words : [], fit, sampled: values.length };
    };
    /** Both coordinates in one value: `44.47, -73.21`, `44.9/-93.2`, `(44.47, -73.21)`, `POINT (-73.21 44.47)`. */
    const PAIR = /^(POINT\s*)?\(?\s*[+-]?\d+\.\d+\s*[,;/ ]\s*[+-]?\d+\.\d+\s*\)?$/i;
    /** An address and a point in one value, as Socrata exports a location: `123 MAIN ST (44.47, -73.21)`. */
    const ADDRESS_AND_POINT = /\S.*\(\s*[+-]?\d+\.\d+\s*,\s*[+-]?\d+\.\d+\s*\)$/s;
    const mostly = (c: string, test: (v: string) => boolean) => {
      const values = filled(c);
      return values.length > 0 && values.filter(test).length >= 0.9 * values.length;
    };
    /** Columns whose values hold both coordinates, alone or after an address, with the note's words. */
    const notCoordinates = new Map<string, string>();
    const pointColumn = (c: string) => {
      if (mostly(c, (v) => PAIR.test(v))) notCoordinates.set(c, 'holds both coordinates in one value');
      else if (mostly(c, (v) => ADDRESS_AND_POINT.test(v)))
        notCoordinates.set(c, 'holds an address and both coordinates in one value');
      else return false;
      return true;
    };
    /** Words read as missing among a coordinate's values: its field's own nulls. */
    const coordinateNulls = new Map<string, string[]>();
    /** A `Reason` or `Concern` of times, times of day or numbers (a code, a count) names no call's type. */
    const typeValues = async (c: string) =>
      noRows ||
      !(
        mostly(c, (v) => /^[+-]?\d+([.,]\d+)?$|^\d{1,2}:\d{2}(:\d{2})?(\s?[ap]m)?$/i.test(v)) ||
        (await timeLike(c))
      );
    /** Columns named like a coordinate whose numbers are written with a decimal comma (`44,98041`). */
    const decimalCommas: string[] = [];
    /** Columns `X` and `Y` whose values are not all a longitude's or a latitude's. */
    const xyLeftOut: { column: string; role: string; fit: number; sampled: number }[] = [];
    for (const [role, pattern] of ROLE_PATTERNS) {
      if (guesses[role]) continue;
      const found: string[] = [];
      const taken = Object.values(guesses).flatMap(columnsOf);
      // A coordinate named as nothing else comes first: `Lat Accuracy` of 4.5 before `Latitude` was drafted
      // as the latitude, and every call placed off the map (tester 125).
      const plainCoordinate = (c: string) =>
        /^(lat|latitude|lon|lng|long|longitude)$|(latitude|longitude)$/i.test(norm(c));
      const candidates = [...columns, ...pairs.keys()];
      // `X` and `Y` last: ArcGIS exports begin with them, and Minneapolis' incidents' named `centerLat` and
      // `centerLong` gave way to them.
      const rank = (c: string) => (plainCoordinate(c) ? 0 : XY_NAME.test(norm(c)) ? 2 : 1);
      if (role === 'fields.lat' || role === 'fields.lon') candidates.sort((a, b) => rank(a) - rank(b));
      for (const c of candidates) {
        if (
          !(pattern.test(norm(c)) || (pattern === ID_NAME && CAMEL_ID.test(c))) ||
          personal.includes(c) ||
          columnsOf(c).some((x) => taken.includes(x))
        )
          continue;
        // A pair is only ever a time, and a spreadsheet's time of day only half of one.
        if ((pairs.has(c) && !role.startsWith('times.')) || dummyDated.has(c)) continue;
        // A column named like a time is never drafted as something else (`Dispatch Time` as a disposition).
        if (!role.startsWith('times.') && notTimes.includes(c)) continue;
        // An id mostly empty (an online report's number, where most rows have a CAD number) is no id: ingest
        // refused the draft for its missing ids.
        if (role === 'id' && !noRows && sample.filter((r) => r[c]?.trim()).length < 0.9 * sample.length)
          continue;
        if (role === 'id' && /^incident$/i.test(norm(c)) && !idShaped(filled(c))) continue;
        if (pattern === TYPE_WORDS && !(await typeValues(c))) continue;
        // A CAD's number in another source's export is its link, not its id: said in a comment instead.
        if (pattern === ID_NAME && (ROW_NUMBER.test(norm(c)) || CAD_NUMBER.test(norm(c)) || !uniqueIds(c)))
          continue;
        // `Lat/Lon` holding `44.47, -73.21` was drafted as the latitude, and ingest refused every row.
        if ((role === 'fields.lat' || role === 'fields.lon') && !noRows) {
          const fit = coordinates(c, role);
          if (!fit.ok) {
            if (!pointColumn(c) && mostly(c, (v) => /^[+-]?\d+,\d+$/.test(v)) && !decimalCommas.includes(c))
              decimalCommas.push(c);
            // `X` or `Y` left out is said too, as for a `Latitude`: they were listed as not mapped alone (tester 263).
            else if (XY_NAME.test(norm(c))) {
              if (fit.sampled && !xyLeftOut.some((x) => x.column === c))
                xyLeftOut.push({ column: c, role, ...fit });
            }
            // Named as a coordinate and nothing else, it is named in a note whatever its share of numbers
            // (tester 139: 60% `999` left both out without a word).
            else if (
              (fit.fit >= 0.5 * fit.sampled || (fit.fit > 0 && plainCoordinate(c))) &&
              !notCoordinates.has(c)
            )
              notes.push(
                `${c} is named like a ${role === 'fields.lat' ? 'latitude' : 'longitude'}, but only ${fit.fit} of its ${fit.sampled} sampled values are numbers with a decimal point from ${role === 'fields.lat' ? '-90 to 90' : '-180 to 180'}, so it is left out: map it by hand, with \`nulls\` for the values that stand for none, if it is one.`,
              );
            continue;
          }
          if (fit.words.length) coordinateNulls.set(role, fit.words);
        }
        // `Location` of `(44.9, -93.2)` or `POINT (-93.2 44.9)` was drafted as the block address (tester 123).
        if (role === 'fields.block_address' && !noRows && pointColumn(c)) continue;
        if (!noRows && AREA_SHORT.test(norm(c)) && mostly(c, (v) => /^[+-]?\d*\.\d+%?$|%$/.test(v))) continue;
        // Not a time, and so not said to be one: the origin's rules are drafted from its values below.
        if (role.startsWith('times.') && HOW_NAME.test(norm(c)) && (noRows || !(await timeLike(c)))) continue;
        if (role.startsWith('times.') && !(await timeLike(c))) {
          if (!notTimes.includes(c)) notTimes.push(c);
          continue;
        }
        found.push(c);
        if (!role.startsWith('times.')) break;
      }
      // `reportedDate` (always 00:00) came before `reportedDateTime`: drafted as the received time, every
      // call fell at midnight and the report named Monday 00:00 the busiest hour (a tester's find).
      // Only a column of the same dates with times (`reportedDateTime`), not another event's time: an
      // ETL's `created_date` was taken over the report date, and the period moved by two months.
      const first = found[0];
      let pick = first;
      if (first !== undefined && datesOnly(first))
        for (const c of found.slice(1))
          if (!datesOnly(c) && (await sameDates(first, c))) {
            pick = c;
            break;
          }
      if (pick === undefined) continue;
      guesses[role] = pick;
      if (role.startsWith('times.') && !noRows && datesOnly(pick)) dateOnlyTimes.push(pick);
    }
    const paired = [...pairs.values()].flat();
    for (const c of [...dummyDated].filter((x) => !paired.includes(x))) {
      const example = sample.map((r) => r[c]?.trim()).find((v) => v && DUMMY_DATE.test(v))!;
      const [, dummy, time] = DUMMY_DATE.exec(example)!;
      notes.push(
        // No value of the file quoted, its shape alone (tester 235).
        `the sampled values of ${c} are times of day saved with a spreadsheet's date (${shapeOf([example])}), so each call's date is in another column: map the two as { column: <the date column>, time_column: ${JSON.stringify(c)} }, with a format of the date's, then ${JSON.stringify(dummy)} as text, then the time's (for dates written 10/01/2022: "%m/%d/%Y ${dummy}${clockFormat(time!)}"; docs/profiles.md).`,
      );
    }
    for (const [c, what] of notCoordinates)
      notes.push(
        `${c} ${what} (${shapeOf(filled(c))}); a profile maps a latitude and a longitude each from a column of its own${what.includes('address') ? ', and a block address from another' : ''}, so it is left out. Split it into columns before ingest if you want the calls placed on a map or in polygons; areas named by a column (precinct, beat, neighborhood) need no coordinates.`,
      );
    if (xyLeftOut.length)
      notes.push(
        `${xyLeftOut.map((x) => `${x.column} may be a ${x.role === 'fields.lat' ? 'latitude' : 'longitude'}, as a column so named often is, but only ${x.fit} of its ${x.sampled} sampled values are numbers with a decimal point from ${x.role === 'fields.lat' ? '-90 to 90' : '-180 to 180'}`).join('; ')}, so ${xyLeftOut.length === 1 ? 'it is' : 'they are'} left out: if X and Y are a projected grid's (a state plane's feet or metres), convert them to longitude and latitude before ingest and map those as \`lon\` and \`lat\` (docs/profiles.md); areas named by a column (precinct, beat, neighborhood) need no coordinates.`,
      );
    for (const c of decimalCommas)
      notes.push(
        `${c} writes its numbers with a decimal comma (${shapeOf(filled(c))}), so it is left out: save the file again with decimal points (docs/profiles.md) and draft again.`,
      );
    // A point needs both: a latitude alone (its longitude column left out, or the two swapped) placed no call
    // and read every point as missing (tester 123).
    const oneCoordinate = (['fields.lat', 'fields.lon'] as const).filter((r) => guesses[r]);
    if (oneCoordinate.length === 1) {
      const [kept] = oneCoordinate;
      const column = guesses[kept!]!;
      delete guesses[kept!];
      notes.push(
        `${column} reads as a ${kept === 'fields.lat' ? 'latitude' : 'longitude'}, but no column reads as the ${kept === 'fields.lat' ? 'longitude' : 'latitude'} (its values are not numbers from ${kept === 'fields.lat' ? '-180 to 180' : '-90 to 90'}, or the two columns are swapped), so neither is drafted: map both, as \`lat\` and \`lon\`, if the calls should be placed.`,
      );
    }
    for (const c of dateOnlyTimes)
      notes.push(
        `every sampled value of ${c} is at midnight or has no time of day: it holds dates, and every call would fall at 00:00. Map a column with the time of day if the export has one (date and time in two columns: docs/profiles.md).`,
      );
    /** A field's line's words after its GUESS. */
    const fieldNotes = new Map<string, string>();
    if ([guesses['fields.lat'], guesses['fields.lon']].every((c) => c && XY_NAME.test(norm(c))))
      for (const role of ['fields.lon', 'fields.lat'])
        fieldNotes.set(
          role,
          `: every sampled value of ${guesses['fields.lon']} and ${guesses['fields.lat']} is a number with a decimal point that can be a longitude and a latitude; if they are another grid's, remove both`,
        );
    // A name the header repeats (`Nature;Nature`) is read as `Nature` and `Nature_1`; the first was drafted
    // as both types, and the second listed as not mapped (tester 263). As an export lists a call's types,
    // the first is taken for the initial and the second for the final, and the draft says so.
    const typeColumn = guesses['fields.call_type_final'];
    const repeat = repeatedNames.find((g) => g.names[0] === typeColumn);
    const second = repeat?.names
      .slice(1)
      .find((c) => !personal.includes(c) && !Object.values(guesses).flatMap(columnsOf).includes(c));
    if (!guesses['fields.call_type_initial'] && repeat && second) {
      guesses['fields.call_type_final'] = second;
      guesses['fields.call_type_initial'] = typeColumn!;
      fieldNotes.set(
        'fields.call_type_final',
        `: the header names ${repeat.names.length} columns ${JSON.stringify(repeat.written)}, and the file's reader reads the ${ordinal(repeat.names.indexOf(second))} as ${JSON.stringify(second)}: drafted as the final type, the first as the initial; check which is which`,
      );
      fieldNotes.set(
        'fields.call_type_initial',
        `: the first of the header's columns named ${JSON.stringify(repeat.written)} (see call_type_final)`,
      );
    }
    // A column named as the final type beside one named as a call type alone (`Type` and `Final Type`):
    // the first is the type the call came in as. The final type's column was drafted for both, and `Type`
    // listed as not mapped (tester 309). Likewise one named as what the call is about in other words
    // (`Presenting Concern`, `Request Type`), what the caller said, tried after those: it was left not
    // mapped beside `Final Type` (tester 374).
    const finalType = guesses['fields.call_type_final'];
    if (!guesses['fields.call_type_initial'] && finalType && FINAL_TYPE.test(norm(finalType))) {
      const taken = Object.values(guesses).flatMap(columnsOf);
      // Seattle's `Call Type` says how a call came in (911, ONVIEW): a column whose values name ways in is
      // left to the origin rules.
      const named = [...PLAIN_TYPES, TYPE_WORDS].flatMap((p) =>
        columns.filter(
          (c) =>
            p.test(norm(c)) &&
            !taken.includes(c) &&
            !personal.includes(c) &&
            !notTimes.includes(c) &&
            !draftOrigin(sample, [c], DEFAULT_NULLS),
        ),
      );
      let initial: string | undefined;
      for (const c of named)
        if (PLAIN_TYPES.some((p) => p.test(norm(c))) || (await typeValues(c))) {
          initial = c;
          break;
        }
      if (initial) {
        guesses['fields.call_type_initial'] = initial;
        fieldNotes.set(
          'fields.call_type_initial',
          `: named as a call type beside ${JSON.stringify(finalType)}, the final type, so taken as the type the call came in as`,
        );
      }
    }
    if (!guesses['fields.call_type_initial'] && guesses['fields.call_type_final'])
      guesses['fields.call_type_initial'] = guesses['fields.call_type_final'];

    /**
     * A time with a UTC offset (2022-01-01T20:08:55-05:00, 2021/04/24 12:54:00+00), which the format
     * `iso8601` reads: the shape ingest accepts (profile-sql.ts). `+00` alone was not taken for one.
     */
    const withOffset = (v: string) => /[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)? ?(Z|[+-]\d{2}(:?\d{2})?)$/i.test(v);
    const offsetCount = (values: string[]) => values.filter(withOffset).length;
    /** The sampled values of a column, up to 500. */
    const valuesOf = (c: string) =>
      sample
        .map((r) => r[c]?.trim())
        .filter((v): v is string => !!v)
        .slice(0, 500);
    const scoreFormats = (values: string[]) => scoreTimeFormats(conn, values);

    /** A format with its month and day the other way round (`%m/%d` and `%d/%m`). */
    const swappedDays = (f: string) =>
      f.includes('%m/%d') ? f.replace('%m/%d', '%d/%m') : f.replace('%d/%m', '%m/%d');

    /**
     * The words for values that read as well day first as month first (01/10/2022 is 10 January or 1
     * October): when the sample has no day after the 12th, both orders fit it, and only the analyst knows
     * which the export uses. Empty when they do not. Every format a draft takes from values says it, in
     * these words, which the pairs' advice reads back (`dayFirst` below).
     */
    const eitherWay = (scores: { f: string; n: number }[], best: { f: string; n: number }) => {
      const swapped = swappedDays(best.f);
      return swapped !== best.f && scores.find((x) => x.f === swapped)?.n === best.n
        ? `, but read day first (${swapped}) they parse too: check a date after the 12th of a month in the export`
        : '';
    };

    /**
     * The note for times read with `%H` whose hours are all 1 to 12: a 12-hour clock written without AM or
     * PM (`10/1/2022 1:27` for 13:27) reads with %H as well, every afternoon call moved to the night before
     * noon, and was drafted without a word (tester 228). Calls come at every hour, so 50 sampled times with
     * none at 0 or 13-23 are very unlikely to be a 24-hour clock.
     */
    const twelveHourNote = (values: string[], f: string) => {
      if (!f.includes('%H:')) return '';
      const hours = values
        .map((v) => /[T ](\d{1,2}):\d\d/.exec(v)?.[1])
        .filter((h): h is string => h !== undefined)
        .map(Number);
      return hours.length >= 50 && hours.every((h) => h >= 1 && h <= 12)
        ? `; every hour of the ${hours.length} sampled times is from 1 to 12, none 0 or 13-23: they may be a 12-hour clock without AM or PM, which no format reads right, so check the export`
        : '';
    };

    // The timestamp format that parses most sampled values of the received column.
    let format = '%m/%d/%Y %H:%M';
    let clock: 'local' | 'utc_is_local' = 'local';
    /** The offset a time ends in (`+00`, `Z`, `-05:00`). */
    const offsetOf = (v: string) => /(Z|[+-]\d{2}(:?\d{2})?)$/i.exec(v)?.[0] ?? '';
    /** Times of a column over the whole file by hour of the day as written, and how many days they span. */
    const hoursAsWritten = async (c: string) => {
      const whole = parquet
        ? `read_parquet(${literal(path)})`
        : `read_csv(${literal(path)}, ${readOptions}${info.gzip ? ", compression = 'gzip'" : ''}, ignore_errors = true)`;
      const rows = await queryRows<{ h: number; n: number; days: number }>(
        conn,
        `WITH t AS (
           SELECT regexp_extract(v, '[T ](\\d\\d):\\d\\d', 1) AS h, regexp_extract(v, '^([^T ]+)', 1) AS d
           FROM (SELECT ${columnsOf(c)
             .map((x) => `trim(CAST(${ident(x)} AS VARCHAR))`)
             .join(" || ' ' || ")} AS v FROM ${whole}) WHERE v IS NOT NULL)
         SELECT CAST(h AS INTEGER) AS h, count(*)::INTEGER AS n, (SELECT count(DISTINCT d) FROM t)::INTEGER AS days
         FROM t WHERE h <> '' AND CAST(h AS INTEGER) < 24 GROUP BY h`,
      );
      const hours = new Array<number>(24).fill(0);
      for (const r of rows) hours[Number(r.h)] = Number(r.n);
      return { hours, days: Number(rows[0]?.days ?? 0) };
    };
    /** The quietest four hours of `hours`, as `03:00-06:59`. */
    const quietHours = (hours: number[]) => {
      const q = quietestHours(hours).start;
      return `${String(q).padStart(2, '0')}:00-${String((q + 3) % 24).padStart(2, '0')}:59`;
    };
    let clockNote = noRows
      ? 'TODO: the file has no rows to guess the format from; write it'
      : 'TODO: no received time column found to guess the format from; write it';
    const receivedCol = guesses['times.received'];
    /** Whether the format is the one the first stage column's values fit, for want of a received time. */
    let formatFromStage = false;
    // No received time: the stages' format is still the one their values fit, not a default none of them
    // does (tester 114: arrivals of 2022-10-13 14:09:14 drafted under %m/%d/%Y %H:%M).
    const firstStage = STAGES.map((st) => guesses[`times.${st}`]).find((c) => c !== undefined);
    if (!receivedCol && firstStage && !noRows) {
      const values = valuesOf(firstStage);
      const scores = values.length ? await scoreFormats(values) : undefined;
      const best = scores?.[0];
      if (scores && best && best.n > 0) {
        format = best.f;
        formatFromStage = true;
        // Said here too, where the format is a stage's: 5-7 November were loaded as May to July (tester 263).
        const dayFirst = eitherWay(scores, best);
        clockNote = `TODO: no received time column found; this format is the one ${best.n} of ${values.length} sampled values of ${firstStage} fit${
          dayFirst ? `${dayFirst}, and check it` : ': check it'
        } against the received time once you map it${twelveHourNote(values, format)}`;
      }
    }
    // No time drafted at all: a column whose values are times under a name not known as one
    // (`response_datetime`) was left out without a word, under a format that does not fit it (tester 198).
    // The one most of whose values a format reads is named, with that format; what it records is the
    // analyst's to say.
    let timeColumn: string | undefined;
    if (!receivedCol && !firstStage && !noRows) {
      const taken = new Set(Object.values(guesses).flatMap(columnsOf));
      let top: { c: string; f: string; n: number; of: number; dayFirst: string } | undefined;
      for (const c of columns.filter((x) => !taken.has(x))) {
        const values = valuesOf(c);
        if (!values.length || !values.some((v) => /\d[:]\d/.test(v))) continue;
        const scores = await scoreFormats(values);
        const best = scores[0];
        if (best && best.n >= 0.9 * values.length && (!top || best.n / values.length > top.n / top.of))
          top = { c, f: best.f, n: best.n, of: values.length, dayFirst: eitherWay(scores, best) };
      }
      if (top) {
        timeColumn = top.c;
        format = top.f;
        clockNote = `TODO: no received time column found; ${top.c} holds times (${top.n} of ${top.of} sampled values fit this format)${top.dayFirst ? `${top.dayFirst};` : ':'} map it as received if it is when the call came in`;
      }
    }
    if (receivedCol) {
      const values = valuesOf(receivedCol);
      const zero = /^(Z|[+-]00(:?00)?)$/i;
      const allZero = values.length > 0 && values.every((v) => withOffset(v) && zero.test(offsetOf(v)));
      if (!values.length) {
        // (no value to judge)
      } else if (allZero) {
        // Open-data portals often write the city's clock with `+00`: read as UTC, Minneapolis' incidents
        // (12:54 local, `reportedTime` 1254) would be 07:54, every hour of the week five hours off.
        format = 'iso8601';
        const { hours, days } = await hoursAsWritten(receivedCol);
        const local = labelledUtcByHours(hours, days);
        const label = offsetOf(values[0]!);
        if (local) clock = 'utc_is_local';
        clockNote =
          local === null
            ? `GUESS: every sampled value ends in ${label} (UTC), and the file's hours do not tell whether they are true UTC instants or the city's local times labelled UTC, as open-data portals often write them: then set clock: utc_is_local`
            : `GUESS: every sampled value ends in ${label} (UTC), and over the file's ${days.toLocaleString('en-US')} days the quietest hours as written are ${quietHours(hours)}: ${
                local
                  ? "early morning, as a city's local times are, so they are read as local times labelled UTC (clock: utc_is_local); if they are true UTC instants, set clock: local"
                  : 'the early morning of the Americas in UTC, so they are read as true UTC instants; if they are local times labelled UTC, set clock: utc_is_local'
              }`;
      } else if (offsetCount(values) > values.length / 2) {
        // Most, not all: one value without an offset is that row's fault, quarantined with its reason.
        format = 'iso8601';
        const n = offsetCount(values);
        const carry = `${n === values.length ? 'values carry' : `${n} of ${values.length} sampled values carry`} a UTC offset`;
        const byHour = hourColumnReading(sample, receivedCol, columns);
        if (byHour?.reading === 'utc') clock = 'utc_is_local';
        const of = (k: number) =>
          `${k.toLocaleString('en-US')} of ${byHour!.rows.toLocaleString('en-US')} sampled rows`;
        clockNote =
          byHour?.reading === 'utc'
            ? `GUESS: ${carry}, but the file's ${byHour.column} column is the hour of their UTC reading in ${of(byHour.utc)}, not the hour as written: the city's clock was written as UTC and then converted, so they are read as local times labelled UTC (clock: utc_is_local); if ${byHour.column} is not the local hour, set clock: local`
            : byHour?.reading === 'as_written'
              ? `GUESS: ${carry}, and the file's ${byHour.column} column is the hour as written in ${of(byHour.asWritten)}: they are read as true instants`
              : byHour
                ? `GUESS: ${carry}, read as true instants, but the file's ${byHour.column} column is the hour as written in ${of(byHour.asWritten)} and the hour of their UTC reading in ${of(byHour.utc)}: ${
                    Math.max(byHour.asWritten, byHour.utc) < byHour.rows / 2
                      ? `it is mostly neither, perhaps the hour of another time; check what ${byHour.column} is`
                      : `neither is 90%; check which one ${byHour.column} is`
                  } (if the hour of the UTC reading, set clock: utc_is_local)`
                : `GUESS: ${carry}; check that they are true instants`;
      } else {
        const scores = await scoreFormats(values);
        if (scores[0] && scores[0].n > 0) {
          format = scores[0].f;
          clockNote = `GUESS: ${scores[0].n} of ${values.length} sampled values parse${eitherWay(scores, scores[0])}`;
          clockNote += twelveHourNote(values, format);
        } else
          clockNote = `TODO: none of ${values.length} sampled values of ${receivedCol} (${shapeOf(values)}) fits a format safegap knows; write its strptime format`;
      }
    }

    // A built-in whose clock reads these times otherwise than their hours say: Burlington's columns written
    // as true UTC instants were pointed at burlington-vt, whose utc_is_local read every one 4-5 hours off,
    // without a word (tester 356). Not where the hours do not tell (the draft says so and guesses).
    const clockKnown = format === 'iso8601' && !clockNote.includes('hours do not tell');
    for (const f of builtinFits)
      // `utc` and `local` read a time with an offset alike, as the instant it names.
      if (clockKnown && (f.clock === 'utc_is_local') !== (clock === 'utc_is_local')) {
        f.changes.push(
          `its timestamps.clock, ${f.clock}, reads the times of ${receivedCol} as ${f.clock === 'utc_is_local' ? 'local times labelled UTC' : 'true instants'}, where this draft reads them as ${clock === 'utc_is_local' ? 'local times labelled UTC' : 'true instants'} (see its format's note): it must have \`clock: ${clock}\` under timestamps`,
        );
        f.count++;
        f.would.push('read every time on the wrong clock, hours off, without a word');
        notes[f.at] = builtinNote(f);
      }

    // A stage column whose values the received time's format does not read gets a format of its own: all
    // were drafted under the one format, and ingest then quarantined every row (received 10/01/2022 10:00,
    // the others 2022-10-01T10:05:00).
    const ownFormat = new Map<
      string,
      { format: string; n: number; of: number; dayFirst?: string; twelveHour: string }
    >();
    // Also where the format is the first stage's: Seattle's `Date Queued` + `Time Queued` (6:08:26 PM) gave
    // it, and `Arrived` (04/11/2023 18:51:06) was drafted under it, ingest refusing 186 of 222 rows (tester 309).
    if (clockNote.startsWith('GUESS') || formatFromStage)
      for (const st of STAGES) {
        const c = guesses[`times.${st}`];
        const values = c ? valuesOf(c) : [];
        if (!values.length) continue;
        const scores = await scoreFormats(values);
        const offsets = offsetCount(values);
        const global = format === 'iso8601' ? offsets : (scores.find((x) => x.f === format)?.n ?? 0);
        // Most values read: a few odd ones are the rows' own faults, quarantined with their reasons.
        if (global >= values.length / 2) continue;
        // Most values with an offset are instants: one without made init pick a format that read 1 of 99
        // (tester 120).
        const best =
          offsets > values.length / 2 && offsets >= (scores[0]?.n ?? 0)
            ? { f: 'iso8601', n: offsets }
            : scores[0];
        if (!best || best.n <= global) continue;
        // Dates read either way (days 1 to 12 only) are as ambiguous here as in the received column, which
        // alone was warned of (tester 105).
        const swapped = swappedDays(best.f);
        const either = swapped !== best.f && scores.find((x) => x.f === swapped)?.n === best.n;
        ownFormat.set(st, {
          format: best.f,
          n: best.n,
          of: values.length,
          ...(either ? { dayFirst: swapped } : {}),
          twelveHour: twelveHourNote(values, best.f),
        });
      }
    const formatOf = (c: string) =>
      [...ownFormat].find(([st]) => guesses[`times.${st}`] === c)?.[1].format ?? format;

    // Placeholders for a missing time (1900-01-01, 9999-12-31): values of the time columns that parse to a
    // year ingest refuses (outside YEARS), each with its column's format. Listed as nulls, so their rows load
    // with the time missing.
    const timeCols = [
      ...new Set(
        Object.entries(guesses)
          .filter(([r]) => r.startsWith('times.'))
          .map(([, c]) => c),
      ),
    ];
    // Times written with offsets tell the zone, where one fits them all: the draft said "no file says its
    // zone" and guessed Chicago for Seattle's -08:00 and -07:00, two hours on every interval (tester 120).
    const offsetsSeen = timeCols
      .map((c) => ({ column: c, fit: offsetFit(valuesOf(c), timeZone) }))
      .filter((x) => x.fit.sampled >= 3);
    const zoneFit = timeZone ? undefined : offsetsSeen.find((x) => x.fit.fitting.length > 0);
    /** Why the draft's zone is the offsets' (the few values it does not fit are said). */
    const zoneReason = zoneFit
      ? (() => {
          const odd = offsetFit(valuesOf(zoneFit.column), zoneFit.fit.fitting[0]).misfits;
          return `the UTC offsets of ${zoneFit.column} (${zoneFit.fit.offsets.join(', ')}) fit it${odd ? `, but for ${odd} of the ${zoneFit.fit.sampled} sampled values` : ''}`;
        })()
      : '';
    // Said too when the offsets contradict the zone given, or fit no US zone (tester 121: Berlin's +01:00
    // drafted as Chicago without a word, which ingest then warned of).
    const given = timeZone ? offsetsSeen.find((x) => contradicts(x.fit)) : undefined;
    if (given)
      notes.push(
        `the UTC offsets of ${given.column} (${given.fit.offsets.join(', ')}) are not ${timeZone}'s at ${given.fit.misfits} of the ${given.fit.sampled} sampled values${given.fit.fitting.length ? `; they fit ${given.fit.fitting.join(', ')}` : ''}: check --time-zone, since every local hour and day is read in it.`,
      );
    const foreign = !timeZone && !zoneFit ? offsetsSeen[0] : undefined;
    if (foreign)
      notes.push(
        `the UTC offsets of ${foreign.column} (${foreign.fit.offsets.join(', ')}) fit no US zone, and time_zone is drafted as America/Chicago, which they contradict: set your city's IANA zone (Europe/Berlin, for example), or draft again with --time-zone.`,
      );
    const found = new Set<string>();
    for (const c of timeCols) {
      const values = [...new Set(sample.map((r) => r[c]?.trim()).filter((v): v is string => !!v))];
      if (!values.length) continue;
      const f = formatOf(c);
      for (const r of await queryRows<{ v: string }>(
        conn,
        `SELECT v FROM unnest([${values.map(literal).join(', ')}]) t(v)
         WHERE year(${f === 'iso8601' ? 'try_cast(v AS TIMESTAMPTZ)' : `try_strptime(v, ${strptimeFormats(f)})`}) NOT BETWEEN ${YEARS.from} AND ${YEARS.to}`,
      ))
        found.add(r.v);
    }
    const placeholders = [...found].sort();

    // Delays in seconds instead of time stamps (Seattle's dispatch data: `first_dispatch_delay`,
    // `first_response_time`): left unmapped, the draft gave no response time at all (tester 151).
    const delays: { stage: 'assigned' | 'arrived'; column: string }[] = [];
    const mapped = Object.values(guesses).flatMap(columnsOf);
    if (receivedCol)
      for (const c of columns) {
        if (mapped.includes(c) || personal.includes(c)) continue;
        const stage = /dispatch.*(delay|time)$/i.test(c)
          ? 'assigned'
          : /(response|arriv).*(delay|time)$/i.test(c)
            ? 'arrived'
            : undefined;
        if (!stage || guesses[`times.${stage}`] || delays.some((d) => d.stage === stage)) continue;
        const values = sample
          .map((r) => r[c]?.trim())
          .filter((v): v is string => !!v && !(DEFAULT_NULLS as readonly string[]).includes(v));
        // Spreadsheet date numbers are numbers too: `Arrived Time` of 44704.627 was drafted as a delay, and
        // ingest read every arrival as 12 hours after the call without a word (tester 231). Such a column gets
        // the advice of the other time columns, below.
        if (values.length && values.every((v) => /^\d+(\.\d+)?$/.test(v)) && !spreadsheetDays(values))
          delays.push({ stage, column: c });
      }
    for (const d of delays) guesses[`times.${d.stage}`] = d.column;

    /** The file's columns the draft maps. */
    const drafted = Object.values(guesses).flatMap(columnsOf);
    // The id found by its name and values alone (ID_NAME), which the id's line says (tester 362).
    const idByValues =
      guesses.id !== undefined &&
      ROLE_PATTERNS.every(([role, p]) => role !== 'id' || p === ID_NAME || !p.test(norm(guesses.id!)));
    // A CAD's number beside another id: the draft says how to link by it (tester 362).
    const cadColumn = columns.find(
      (c) => !drafted.includes(c) && !personal.includes(c) && CAD_NUMBER.test(norm(c)),
    );
    // How calls came in decides the default denominator (officer-initiated calls are left out of it), and
    // a drafted `unknown` for all kept them in: a re-labelled Seattle export's median response read 27.1
    // minutes against 33.5 (a tester's find).
    // A column named like a time whose values are not times can say how calls came in (`How Received`:
    // 911, ONVIEW; tester 120).
    const origin = draftOrigin(
      sample,
      columns.filter((c) => !drafted.includes(c) && !personal.includes(c)),
      [...DEFAULT_NULLS, ...placeholders],
    );
    const officer = officerTypes(
      sample,
      guesses['fields.call_type_initial'] ?? guesses['fields.call_type_final'],
      origin,
      [...DEFAULT_NULLS, ...placeholders],
    );
    /** The rule sending officers' own activity to `officer_initiated`, by the type the call was given. */
    const officerRule = officer.length
      ? [
          `    - if: { column: ${yamlString((guesses['fields.call_type_initial'] ?? guesses['fields.call_type_final'])!)}, in: [${officer.map(yamlString).join(', ')}] }  # GUESS: police activity an officer logs (patrol, a traffic stop, an extra watch, outreach) is no call from the public, whichever way it was logged${origin ? ', unless by 911' : ''}; check each`,
          '      then: officer_initiated',
        ]
      : [];
    /** The origin's rules of a way in that sends no unit, each drafted a responder rule too. */
    const noUnit = (origin?.rules ?? []).filter((r) => r.origin === 'online' || r.origin === '311');
    // A column named as how calls came in whose values name no 911 and another way in: said, where the
    // default's line said no such column was found (tester 369).
    const howColumn = origin
      ? undefined
      : columns.find((c) => !drafted.includes(c) && !personal.includes(c) && HOW_NAME.test(norm(c)));

    /**
     * How each call ended, classed from the disposition's sampled values: without these lines every call
     * was `other`, and the funnel's fallout said `not_recorded` where the built-in profile says `cancelled`
     * (tester 380). Rules of `equals`, as the origin's are, so that each names a value the sample has.
     */
    const dispositionLines = (): string[] => {
      const column = guesses['fields.disposition'];
      if (column === undefined) return [];
      const { rules, others } = draftDispositionClass(sample, column, DEFAULT_NULLS);
      const rule = (value: string, then: string, comment = '') => [
        `    - if: { column: ${yamlString(column)}, equals: ${yamlString(value)} }${comment}`,
        `      then: ${yamlString(then)}`,
      ];
      const listed = others.length <= UNCLASSED_RULES ? others : [];
      const unlisted = others.length - listed.length;
      return [
        'disposition_class:',
        `  default: other  # GUESS: values of ${shown(column)} no rule below classes`,
        ...(rules.length || listed.length
          ? [
              `  rules:  # GUESS: from the words of the values of ${shown(column)} in the sample (docs/schema.md lists the classes); check each, and add those it lacks`,
              ...rules.flatMap((r) => rule(r.value, r.class)),
              // The values no word classes get rules of their own, sent where the default sends them, for the
              // analyst to class: the comment names none, as no comment quotes a value of the file (tester 235).
              ...listed.flatMap((value, i) =>
                rule(
                  value,
                  'other',
                  i === 0
                    ? `  # TODO: ${listed.length === 1 ? 'this value says' : `this value and the ${listed.length === 2 ? 'one' : listed.length - 1} below say`} no class plainly: class ${listed.length === 1 ? 'it' : 'each'} (cancelled, report, advised_assisted...) or leave it other`
                    : '',
                ),
              ),
              ...(unlisted
                ? [
                    `    # TODO: ${unlisted} other sampled values of ${shown(column)} say no class plainly and are left to the default; class those that are one`,
                  ]
                : []),
            ]
          : [
              `  rules: []  # TODO: ${unlisted ? `none of the ${unlisted} sampled values of ${shown(column)} says a class plainly` : `${shown(column)} has no values in the sample`}; write its rules by hand`,
            ]),
      ];
    };

    /**
     * A pair's format with the texts it matches literally: the date's midnight after the date, the
     * spreadsheet's date before the time of day (`%m/%d/%Y 12:00:00 AM %H:%M`, `%m/%d/%Y 1899-12-30 %H:%M`).
     */
    const withLiterals = (f: string, c: string) => {
      const at = f.indexOf(' ');
      const [midnight, dummy] = [midnightOf.get(c) ?? '', dummyOf.get(c) ?? ''];
      return (midnight || dummy) && f.includes('%') && at > 0
        ? `${f.slice(0, at)}${midnight} ${dummy}${f.slice(at + 1)}`
        : f;
    };
    /** Whether a pair's format carries literal text, and so is its own. */
    const hasLiterals = (c: string) => midnightOf.has(c) || dummyOf.has(c);
    /** A time as the profile writes it: a column, or a pair of columns, with a format of its own. */
    const timeYaml = (c: string, ownFormat?: string) => {
      const [column, timeColumn] = columnsOf(c);
      if (hasLiterals(c)) ownFormat = withLiterals(ownFormat ?? format, c);
      const keys = [
        `column: ${yamlQuoted(column!)}`,
        ...(timeColumn ? [`time_column: ${yamlQuoted(timeColumn)}`] : []),
        ...(ownFormat ? [`format: ${JSON.stringify(ownFormat)}`] : []),
      ];
      return keys.length === 1 ? yamlQuoted(column!) : `{ ${keys.join(', ')} }`;
    };
    // The pair's own format is the received time's with its literal texts: the day-first advice of that
    // format is this one's too, and an analyst who edited the other line alone had 1-11 October stored as
    // January to November (tester 104).
    const dayFirst = / read day first \(([^)]+)\)/.exec(clockNote)?.[1];
    /** The drafted pairs whose format is the received format with literal texts: `Call Date + Call Time`. */
    const literalPairs = Object.entries(guesses)
      .filter(([role, c]) => role.startsWith('times.') && hasLiterals(c) && formatOf(c) === format)
      .map(([, c]) => c);
    const pairNoteOf = (c: string) => {
      const [midnight, dummy] = [midnightOf.get(c), dummyOf.get(c)];
      const texts = [
        ...(midnight ? [`the date's ${JSON.stringify(midnight.trim())}`] : []),
        ...(dummy ? [`the spreadsheet's date ${JSON.stringify(dummy.trim())} before each time`] : []),
      ];
      return `: the date and the time of day in two columns, read as "date time"${
        compact.has(c) ? ', the time written as a number (905 is 09:05)' : ''
      }${
        texts.length
          ? `, ${texts.join(' and ')} matched as text by a format of its own${
              formatOf(c) === format && dayFirst
                ? `; read day first it is ${JSON.stringify(withLiterals(dayFirst, c))}: change it here too when you change timestamps.format`
                : ''
            }`
          : ''
      }`;
    };
    // An export with the queue's time and no pickup's (Seattle's `Date Queued` + `Time Queued`) can take it as
    // the received time: the key that says so was not named (tester 263).
    const queued = guesses['times.queued'];
    const queueOnly =
      queued && !receivedCol && !delays.some((d) => d.column === queued)
        ? `; no pickup time was found, only when calls entered the queue (${columnsOf(queued).join(' + ')}): if the export has no pickup time, map that here instead of as queued, and set \`received_is: queue\` under timestamps, so that intervals are named from the queue (docs/profiles.md)`
        : '';
    const schemaLine = `# yaml-language-server: $schema=${relative(resolve(outDir ?? '.'), SCHEMA_FILE)
      .split(sep)
      .join('/')}`;
    /**
     * The draft as the built-in profile `fit`, its columns spelt as the file spells them, read with the file's
     * delimiter, quote and encoding; undefined if the result is no valid profile reading the file's columns.
     */
    const builtinDraft = async ({ name, renames }: BuiltinUpToCase): Promise<DraftProfile | undefined> => {
      const doc = builtinRenamed(name, renames);
      if (parquet) doc.set('format', doc.createNode({ type: 'parquet' }));
      else {
        // Quoted, as a draft writes it: `;` and `|` plain are easily taken for no value.
        const d = doc.createNode(delimiter);
        d.type = 'QUOTE_DOUBLE';
        doc.setIn(['format', 'delimiter'], d);
        if (quote !== '"') {
          const q = doc.createNode(quote);
          q.type = 'QUOTE_DOUBLE';
          doc.setIn(['format', 'quote'], q);
        }
        if (encoding !== 'utf-8') doc.setIn(['format', 'encoding'], encoding);
      }
      if (timeZone) doc.set('time_zone', timeZone);
      let profile: Profile;
      try {
        profile = parseProfile(doc.toString(), `${name}.yaml`);
        if (!compileProfile(profile, name).columns.every((c) => columns.includes(c))) return undefined;
      } catch {
        return undefined;
      }
      // The city's format may not be the file's: a spreadsheet that changed the names' case may have written
      // the times its own way too (tester 284: Seattle's `11/4/2023 18:08` for `11/4/2023 6:08:00 PM`).
      const received = profile.times.received;
      const spec = typeof received === 'string' ? { column: received } : received;
      const receivedColumn = Array.isArray(spec.column) ? spec.column[0]! : spec.column;
      const builtinFormat = profile.timestamps.format;
      const values = valuesOf(receivedColumn);
      let formatNote = '';
      // Not of a Parquet file, whose typed times ingest reads whole whatever the format (tester 345).
      if (!parquet && !spec.format && !spec.time_column && builtinFormat !== 'iso8601' && values.length) {
        const scores = await scoreFormats(values);
        const read = scores.find((x) => x.f === builtinFormat)?.n ?? 0;
        const best = scores[0]!;
        if (read < values.length / 2 && best.n > read) {
          doc.setIn(['timestamps', 'format'], best.f);
          const node = doc.getIn(['timestamps', 'format'], true) as { comment?: string };
          node.comment = ` GUESS: ${name} reads ${JSON.stringify(builtinFormat)}, which parses ${read} of ${values.length} sampled values of ${receivedColumn}; this parses ${best.n}${eitherWay(scores, best)}`;
          formatNote = `; its timestamps.format, ${JSON.stringify(builtinFormat)}, parses ${read} of ${values.length} sampled values of ${receivedColumn}, so the draft has ${JSON.stringify(best.f)}, which parses ${best.n} (marked GUESS)`;
        }
      }
      const spelt = renames.map((r) => `${JSON.stringify(r.builtin)} as ${JSON.stringify(r.file)}`);
      const note = `every column the built-in profile ${name} reads is in ${basename(path)}, but ${listInWords(spelt)}: ingest matches column names exactly, so this draft is ${name} with those names as the file spells them, and every rule of it is kept (origins, responders, missing values)${formatNote}. Check it as you would ${name}; if the file is not that city's export, draft from a copy with other column names.`;
      const draftNotes = [...fileNotes, note];
      const body = doc.toString().replace(/^# yaml-language-server:.*\n/, '');
      return {
        yaml: `${[
          schemaLine,
          `# Draft profile for ${basename(path)}, written by \`safegap profile init\`: the built-in profile ${name},`,
          '# with the columns it reads spelt as this file spells them. Run `safegap profile check` on this file.',
          ...draftNotes.map((n) => `# NOTE: ${n}`),
        ].join('\n')}\n${body}`,
        guesses: {},
        personal: personal.filter((c) => !compileProfile(profile, name).columns.includes(c)),
        notes: draftNotes,
        builtin: name,
      };
    };
    if (caseFits.length === 1) {
      const draft = await builtinDraft(caseFits[0]!);
      if (draft) return await refuseValueHoldingRows(draft);
    }
    // Two built-ins, or one that could not be written with the file's names: named, with what to rename.
    for (const { name, renames } of caseFits)
      notes.push(
        `every column the built-in profile ${name} reads is in ${basename(path)}, but ${listInWords(renames.map((r) => `${JSON.stringify(r.builtin)} as ${JSON.stringify(r.file)}`))}: ingest matches column names exactly, so if it is that export, rename those columns in the file's header (or in a copy of ${name}'s profile, \`safegap profile list\` says where) and ingest it with that profile instead of this draft, which has none of its rules for origins, responders and missing values.`,
      );
    const y: string[] = [
      schemaLine,
      `# Draft profile for ${basename(path)}, written by \`safegap profile init\`.`,
      '# Lines marked GUESS were inferred from the header and a sample: check each one, then run',
      '# `safegap profile check` on this file. docs/profiles.md explains every key.',
      ...notes.map((n) => `# NOTE: ${n}`),
      // Both come from the file's name, which may name a caller (tester 235): said, to be checked.
      `name: ${draftName(path)}  # GUESS: a human name for this source, from the file's name`,
      `source: ${sourceName(path)}  # GUESS: from the file's name, and published (in every call id and the report's "Sources:" line): check it names no person and no phone number; then keep it, stable`,
      timeZone
        ? `time_zone: ${timeZone}`
        : zoneFit
          ? `time_zone: ${zoneFit.fit.fitting[0]}  # GUESS: ${zoneReason}${
              zoneFit.fit.fitting.length > 1 ? ` (and ${zoneFit.fit.fitting.slice(1).join(', ')})` : ''
            }: check it is your city's IANA zone`
          : `time_zone: America/Chicago  # GUESS: set your city's IANA zone (or give profile init --time-zone)`,
      'format:',
      parquet ? '  type: parquet' : `  delimiter: ${JSON.stringify(delimiter)}`,
      ...(quote !== '"' ? [`  quote: ${JSON.stringify(quote)}`] : []),
      ...(encoding !== 'utf-8' && !parquet ? [`  encoding: ${encoding}`] : []),
      'timestamps:',
      // Said on this line too: an analyst who changed it alone left the pairs month first (tester 105).
      `  format: ${JSON.stringify(format)}  # ${clockNote}${
        dayFirst && literalPairs.length
          ? `; the format${literalPairs.length === 1 ? '' : 's'} of ${literalPairs.map((c) => JSON.stringify(columnsOf(c).join(' + '))).join(', ')} below carr${literalPairs.length === 1 ? 'ies' : 'y'} ${
              literalPairs.some((c) => dummyOf.has(c)) ? 'a date as text' : "the date's midnight"
            } and must be changed too`
          : ''
      }`,
      clock === 'local'
        ? '  clock: local  # GUESS: local wall-clock; `utc` if the export is in UTC'
        : `  clock: ${clock}  # GUESS: see the format's note`,
      // Intervals from a queue time were labelled as from the pickup (tester 151).
      ...(receivedCol && /queue/i.test(receivedCol)
        ? [
            `  received_is: queue  # GUESS: the received column, ${receivedCol}, is named as the time the call entered the queue, not the phone pickup`,
          ]
        : []),
      `nulls: [${[...DEFAULT_NULLS, ...placeholders].map(yamlString).join(', ')}]${
        placeholders.length
          ? // Said without quoting them, as no comment quotes a value of the file (tester 235).
            `  # GUESS: the last ${placeholders.length === 1 ? 'one is a time' : `${placeholders.length} are times`} of the sample with a year before ${YEARS.from} or after ${YEARS.to}, which look${placeholders.length === 1 ? 's' : ''} like a placeholder for a missing time`
          : ''
      }`,
      `id: ${yamlQuoted(guesses.id ?? 'TODO_incident_number_column')}${
        !guesses.id
          ? '  # TODO: no incident-number column found'
          : idByValues
            ? `  # GUESS: named as a number or an id, and filled and distinct in each of the ${sample.length} sampled rows`
            : '  # GUESS'
      }`,
      ...(cadColumn
        ? [
            `# ${shown(cadColumn)} is named as the CAD's number for the call: if the CAD's export goes in the same store, link each record to its CAD call with id: [${yamlQuoted(cadColumn)}, ${yamlQuoted(guesses.id ?? 'TODO_own_number_column')}] (the CAD's number first, as the CAD writes it, then this export's own for records the CAD never had; docs/profiles.md, "Several sources for one city"). Not linked in this draft.`,
          ]
        : []),
      'times:',
      receivedCol
        ? `  received: ${timeYaml(receivedCol)}  # GUESS${pairs.has(receivedCol) ? pairNoteOf(receivedCol) : ''}`
        : `  received: "TODO_received_time_column"  # TODO: required${timeColumn ? `; ${timeColumn} holds times` : ''}${queueOnly}`,
      ...STAGES.filter((st) => guesses[`times.${st}`]).map((st) => {
        const own = ownFormat.get(st);
        const c = guesses[`times.${st}`]!;
        const delay = delays.find((d) => d.column === c);
        if (delay)
          return `  ${st}: { column: ${yamlQuoted(c)}, seconds_after: received }  # GUESS: numbers named like a delay, read as seconds after the received time; check the unit`;
        return own
          ? `  ${st}: ${timeYaml(c, own.format)}  # GUESS: a format of its own (${own.n} of ${own.of} sampled values parse), not the received time's${
              own.dayFirst
                ? `, but read day first (${withLiterals(own.dayFirst, c)}) they parse too: check a date after the 12th of a month in the export`
                : ''
            }${own.twelveHour}`
          : `  ${st}: ${timeYaml(c)}  # GUESS${pairs.has(c) ? pairNoteOf(c) : ''}`;
      }),
      ...notTimes
        .filter((c) => !drafted.includes(c))
        .map((c) => {
          const example = sample.map((r) => r[c]).find((v) => v?.trim());
          // Each says the values' shape, never a value: `Assigned Units` quoted an officer's name (tester 235).
          const shape = shapeOf(filled(c).length ? filled(c) : [example ?? '']);
          // A date alone fits no format because it has no time of day, not because it is no date (tester 178).
          if (example && /^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\s*$/.test(example))
            return `  # ${c} is named like a time, but its values (${shape}) are dates without a time of day: every call would fall at midnight. If another column holds the time of day, map the two together (\`time_column\`, docs/profiles.md)`;
          // An empty column was said to hold values that fit no format (tester 228).
          if (!example)
            return `  # ${c} is named like a time, but has no values in the sample: map it by hand if it holds times further down`;
          // Days since 1899-12-30, as a spreadsheet saves a column not formatted as dates: the advice ingest
          // gives for such a value (src/sources/profile-sql.ts), where "fits no format" left no way on (tester 228).
          if (spreadsheetDays(filled(c)))
            return `  # ${c} is named like a time, but its values (${shape}) look like a spreadsheet's date number: format the column as a date and time in the spreadsheet and save the CSV again, then run profile init again`;
          return `  # ${c} is named like a time, but its values (${shape}) fit no format safegap knows: map it by hand if it is one`;
        }),
      ...(Object.keys(guesses).some((role) => role.startsWith('fields.'))
        ? [
            'fields:',
            ...Object.entries(guesses)
              .filter(([role]) => role.startsWith('fields.'))
              .map(([role, col]) => {
                const words = coordinateNulls.get(role);
                // A call type pasted with a tab, a double space or a character of no width is one type with
                // collapse_spaces (docs/profiles.md); a draft without it counted eleven spellings of one
                // (tester 300), where the built-in profiles merge them.
                // Types written after dashes (Seattle's `--ASSIST PUBLIC - OTHER`) are stripped of them, as the
                // built-in Seattle profiles strip them: the draft kept them (tester 369).
                const dashed =
                  role.startsWith('fields.call_type_') &&
                  filled(col).filter((v) => /^-+\s*\p{L}/u.test(v)).length > filled(col).length / 2;
                // A priority written as a word and its number (`Priority 2`, `P1`) was stored so, and the city
                // settings' emergency_priorities had to be written so too (tester 388: Burlington's). Only
                // one word throughout: `E1` and `P1` may be different priorities, which digits_only would merge.
                const worded = role.startsWith('fields.priority') && wordedNumbers(filled(col)) !== undefined;
                const column = role.startsWith('fields.call_type_')
                  ? `{ column: ${yamlQuoted(col)}, normalise: [trim, ${dashed ? 'strip_leading_dashes, ' : ''}collapse_spaces] }`
                  : worded
                    ? `{ column: ${yamlQuoted(col)}, normalise: [digits_only] }`
                    : yamlQuoted(col);
                const dashNote = 'most sampled values begin with "-", which strip_leading_dashes takes off';
                const wordNote =
                  'every sampled value is the same word and a number, so digits_only keeps the number alone (a word and 2 is stored as 2): write emergency_priorities as numbers';
                const note = fieldNotes.get(role);
                const extra = dashed ? dashNote : worded ? wordNote : undefined;
                const said = extra ? (note ? `${note}; ${extra}` : `: ${extra}`) : (note ?? '');
                return words
                  ? `  ${role.slice(7)}: { column: ${yamlQuoted(col)}, nulls: [${words.map(yamlString).join(', ')}] }  # GUESS: its values without a digit, or out of range and repeated, read as missing`
                  : `  ${role.slice(7)}: ${column}  # GUESS${said}`;
              }),
          ]
        : ['fields: {}  # TODO: no call type, priority or area column found; map them by hand']),
      ...(origin
        ? [
            'origin:',
            // A value no rule names says no way in: `unknown`, as in the built-in profiles, not `other`, the
            // walk-ins and radio of docs/schema.md (tester 388).
            `  default: unknown  # GUESS: values of ${origin.column} no rule below names`,
            `  rules:  # GUESS: from the values of ${origin.column} in the sample; check each, and add those it lacks`,
            ...(origin.missing
              ? [`    - if: { column: ${yamlString(origin.column)}, is_null: true }`, '      then: unknown']
              : []),
            // A call by 911 is the public's whatever its type; officers' own activity logged any other way is
            // theirs (as Burlington's built-in profile reads it: tester 388).
            ...origin.rules
              .filter((r) => r.origin === '911')
              .flatMap(({ value, origin: o }) => [
                `    - if: { column: ${yamlString(origin.column)}, equals: ${yamlString(value)} }`,
                `      then: ${yamlString(o)}`,
              ]),
            ...officerRule,
            ...origin.rules
              .filter((r) => r.origin !== '911')
              .flatMap(({ value, origin: o }) => [
                `    - if: { column: ${yamlString(origin.column)}, equals: ${yamlString(value)} }`,
                `      then: ${yamlString(o)}`,
              ]),
            // The sampled values no word names get rules of their own, sent where the default sends them: a
            // comment named them, and no comment quotes a value of the file (tester 235).
            ...origin.others.flatMap((value, i) => [
              `    - if: { column: ${yamlString(origin.column)}, equals: ${yamlString(value)} }${
                i === 0 ? '  # GUESS: no word of this value or those below says how the call came in' : ''
              }`,
              "      then: 'other'",
            ]),
          ]
        : [
            'origin:',
            `  default: unknown  # GUESS: ${howColumn ? `${shown(howColumn)} is named as how calls came in, but its sampled values name no 911 and another way in: write its rules by hand` : 'no column of how calls came in was found'}; with ${officer.length ? 'no call of 911 origin' : 'every call of unknown origin'}, the calls_911 denominator is empty`,
            ...(officer.length
              ? ['  rules:', ...officerRule]
              : [
                  '  rules: []  # e.g. - if: { column: Call Source, equals: "911" }\n  #            then: "911"',
                ]),
          ]),
      'responder:',
      // Marked as every guess is: a crisis team's own log drafted so counted its calls as police's (tester 367).
      "  default: police  # GUESS: every call police's unless a rule says otherwise; a responder's own log (a crisis team's, 311's) names that responder here",
      ...(noUnit.length
        ? [
            // A report taken online or by 311 left to the default was police's: Burlington's 932 online
            // reports, drafted so, read a diverted share of 0.0% (tester 388), where its built-in profile
            // has this rule.
            `  rules:  # GUESS: a report taken online or by 311 sends no unit (online_311); check that the export's ${[...new Set(noUnit.map((r) => r.origin))].sort().reverse().join(' and ')} reports are not later dispatched`,
            ...noUnit.flatMap(({ value }) => [
              `    - if: { column: ${yamlString(origin!.column)}, equals: ${yamlString(value)} }`,
              '      then: online_311',
            ]),
          ]
        : [
            '  rules: []  # e.g. - if: { field: call_type_final, equals: Behavioral Crisis Response }\n  #            then: behavioural_crisis',
          ]),
      ...dispositionLines(),
    ];
    if (personal.length)
      y.push(
        '# Never loaded: these columns look like personal data (names, phone numbers, narratives).',
        ...personal.map((c) => `#   ${shown(c)}`),
      );
    const unmapped = columns.filter((c) => !drafted.includes(c) && !personal.includes(c));
    if (unmapped.length)
      y.push(
        '# Not mapped (available for rules with `column:`):',
        ...unmapped.map((c) => `#   ${shown(ident(c))}`),
      );
    // Awaited here: the engine it reads the sample with is closed below.
    return await refuseValueHoldingRows({
      yaml: `${y.join('\n')}\n`,
      guesses,
      personal,
      notes,
      ...(zoneFit ? { zoneGuess: { zone: zoneFit.fit.fitting[0]!, reason: zoneReason } } : {}),
    });
  } finally {
    close();
  }
}
