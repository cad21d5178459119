/**
 * The analysis relation every metric reads: one row per call received in the period, with the canonical
 * columns, the classification of issue 3 and the interval values, after calls present in two sources have
 * been merged into one. Metrics are plain SQL over this relation (docs/metrics.md, "Inputs").
 *
 * The classification is taken as a relation with a documented contract (CLASSES_CONTRACT below) rather
 * than through the classifier's API, so that tests can build it by hand and the classifier can evolve.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { CALL_COLUMN_NAMES, STAGES, UNIT_STAGES } from '../store/calls-schema.js';
import { numberOf, queryRows } from '../store/duckdb.js';
import { noNoise } from '../util/float-noise.js';
import { lookalikeIdsSql } from '../store/id-lookalike.js';
import { ident, literal } from '../util/sql.js';
import { UserError } from '../util/user-error.js';
import { addDays, dayProblem, daysInclusive, isCalendarDay } from '../util/dates.js';
import { YEARS } from '../sources/profile-sql.js';
import { isValidTimeZone, localSegments } from '../time/zone-transitions.js';
import { codedIntervalColumnsSql, decodedSql, ivColumn } from './quality.js';
import { INTERVALS } from '../time/intervals.js';

/** A responder of the eligibility rules (taxonomy id) and the store `responder` value it shows up as. */
export interface ResponderInfo {
  id: string;
  name: string;
  storeResponder: string;
}

/**
 * The responders of taxonomy/eligibility.yaml, used when the caller gives none. Kept here so the analysis
 * works on a classification table made elsewhere; analyze.ts passes the loaded taxonomy's list instead.
 */
export const DEFAULT_RESPONDERS: ResponderInfo[] = [
  { id: 'police', name: 'Police', storeResponder: 'police' },
  { id: 'police_clinician', name: 'Police with clinician co-response', storeResponder: 'police' },
  {
    id: 'behavioural_crisis',
    name: 'Behavioural crisis team (unarmed)',
    storeResponder: 'behavioural_crisis',
  },
  { id: 'traffic_control', name: 'Traffic control agents', storeResponder: 'traffic_control' },
  { id: 'animal_control', name: 'Animal care and control', storeResponder: 'animal_control' },
  { id: 'online_311', name: '311 / online / telephone report', storeResponder: 'online_311' },
  { id: 'fire_ems', name: 'Fire / EMS', storeResponder: 'ems' },
  { id: 'community', name: 'Mediation or community responders', storeResponder: 'other_civilian' },
];

/**
 * How near in time (seconds) and space (metres, where no block matches) a main-source call lies to another
 * source's unlinked record for it to be likely the same call (PreparedQuality's `unlinked_sources`).
 */
export const NEAR_SECONDS = 600;
export const NEAR_METRES = 100;

/** Store responder values that are not a diversion: police, and calls nobody could attribute. */
export const NOT_DIVERTED = ['police', 'unknown'] as const;

/** Whether a store responder value is a non-police one (not police, not unknown): a diverted call's. */
export function isDiverted(storeResponder: string): boolean {
  return !(NOT_DIVERTED as readonly string[]).includes(storeResponder);
}

/** Responders that can take calls instead of police (not police, not a police co-response). */
export function alternativeResponders(responders: readonly ResponderInfo[]): ResponderInfo[] {
  return responders.filter((r) => isDiverted(r.storeResponder));
}

export const PHASES = ['current', 'near_term', 'potential'] as const;
export type Phase = (typeof PHASES)[number];
export const eligibleColumn = (p: Phase) => `eligible_${p}`;

/**
 * What the analysis needs from a classification, per call. `call_id` joins `calls.call_id` (at most one
 * row per call; a call without a row is unclassified). Columns marked optional may be absent.
 */
export const CLASSES_CONTRACT = [
  { name: 'call_id', type: 'VARCHAR', required: true, doc: 'the call (`calls.call_id`)' },
  {
    name: 'category',
    type: 'VARCHAR',
    required: true,
    doc: 'analysis category of the initial type; NULL = unmapped',
  },
  {
    name: 'tier',
    type: 'VARCHAR',
    required: true,
    doc: 'severity tier of the initial type; NULL = unmapped',
  },
  {
    name: 'eligible_current',
    type: 'VARCHAR[]',
    required: true,
    doc: 'responder ids (taxonomy ids, e.g. behavioural_crisis, fire_ems, community) eligible in current practice',
  },
  {
    name: 'eligible_near_term',
    type: 'VARCHAR[]',
    required: true,
    doc: 'same, near-term phase (cumulative)',
  },
  {
    name: 'eligible_potential',
    type: 'VARCHAR[]',
    required: true,
    doc: 'same, potential phase (cumulative)',
  },
  { name: 'final_category', type: 'VARCHAR', required: false, doc: 'category of the final type' },
  {
    name: 'actual_responder',
    type: 'VARCHAR',
    required: false,
    doc: 'store responder value that handled the call; when absent or NULL, `calls.responder` is used',
  },
] as const;

export type Denominator = 'calls_911' | 'cfs_excl_officer_initiated' | 'all_calls';
export const DENOMINATORS: Record<Denominator, { label: string; where: string }> = {
  calls_911: { label: 'All 911 calls (origin 911)', where: `origin = '911'` },
  cfs_excl_officer_initiated: {
    label: 'All calls for service excluding officer-initiated',
    where: `origin IS DISTINCT FROM 'officer_initiated'`,
  },
  all_calls: { label: 'All calls for service, officer-initiated included', where: 'true' },
};
export const DENOMINATOR_NAMES = Object.keys(DENOMINATORS) as Denominator[];
/**
 * SQL: 0 for a 911 origin, 2 for an officer-initiated one, 1 for any other: the denominators nest in this
 * order (calls_911 is 0, cfs_excl_officer_initiated 0 and 1, all_calls every one).
 */
export const ORIGIN_ORDER_SQL = (origin: string): string =>
  `CASE WHEN ${origin} = '911' THEN 0 WHEN ${origin} IS DISTINCT FROM 'officer_initiated' THEN 1 ELSE 2 END`;
/** The denominator of every figure when none is named: calls for service, officer-initiated ones left out. */
export const DEFAULT_DENOMINATOR: Denominator = 'cfs_excl_officer_initiated';

export function isDenominator(v: string): v is Denominator {
  return (DENOMINATOR_NAMES as string[]).includes(v);
}

/** The denominator named, or the refusal analyze and report both give (they worded it two ways). */
export function checkDenominator(v: string | undefined): Denominator {
  const name = v ?? DEFAULT_DENOMINATOR;
  if (!isDenominator(name))
    throw new UserError(
      `--denominator must be one of ${DENOMINATOR_NAMES.join(', ')}; got \`${name}\`.`,
      'calls_911 for 911 calls, cfs_excl_officer_initiated for calls for service less those officers start, all_calls for every call (docs/metrics.md).',
    );
  return name;
}

export interface Period {
  /** First day included, YYYY-MM-DD, local time. */
  from: string;
  /** Last day included, YYYY-MM-DD, local time. */
  to: string;
  days: number;
  /** days / 365.25 and days / 7: what "per year" and "per week" figures divide by. */
  years: number;
  weeks: number;
}

export interface PreparedQuality {
  calls_in_store: number;
  calls_in_period: number;
  /** Records dropped because another source held the same call (linked by source_call_id). */
  linked_duplicates: number;
  /**
   * Calls of the store whose linked records were received more than a day apart, and the widest gap in
   * days (null when none): sources that number their own records alike link calls that are not one.
   */
  linked_far_apart: number;
  linked_far_apart_days: number | null;
  /**
   * Pairs of sources of which at least 80% of the 10 or more calls they share were received the same
   * hour apart, or one of two adjacent hours (an hour or two within five minutes, or two and a half hours
   * or more): one source's times are read on the wrong clock (a log written in UTC without an offset, read
   * as local time, made a crisis team's response times twice as long, tester 114). `hours`: the fewer and
   * more hours apart, the second source later when positive.
   */
  linked_clock_offsets: {
    sources: [string, string];
    calls: number;
    offset_calls: number;
    hours: [number, number];
  }[];
  /**
   * Months (local, YYYY-MM) holding records of other sources' own calls (not linked to one of the main
   * source's records) but none of the main source (the one with the most 911 calls, else the most
   * records), or no more than a tenth of its usual month's: their figures count those sources' calls
   * alone (a crisis team's log of the next quarter made three months 100% diverted and halved every
   * per-year figure, tester 114). Null with one source.
   */
  months_without_main_source: {
    source: string;
    months: string[];
    first: string;
    last: string;
    /** Whether another source has records in a month this one covers: if none, no period serves both. */
    shared_month: boolean;
  } | null;
  /**
   * Sources other than the main one with records received within its first and last days that share no id
   * with another source, where the source is a responder's log (20 or more such records, most timing an
   * arrival, as a log of dispatched calls does) or one of those records lies near a call of the main source
   * (below): they are counted as calls of their own, apart from the main source's, though some may be its
   * calls whose number the source did not write (tester 362: a crisis team's log leaving a fifth of its CAD
   * numbers blank, said nowhere since most linked), or wrote otherwise (tester 114: a team's log writing
   * `2022-243932` for `22-243932` raised the diverted share from 4.5% to 7.4%; tester 115: half of them, to
   * 6.0%). `records`: those within the span; `linked`: of them, those sharing an id; `arrived`: of them,
   * those timing an arrival; `with_place`: of the unlinked, those with a block address or point;
   * `near_main`: of those, the ones with a call of the main source received within NEAR_SECONDS at the same
   * block or within NEAR_METRES that no linked record of the source claims (most likely the same call,
   * counted twice).
   */
  unlinked_sources: {
    source: string;
    records: number;
    linked: number;
    arrived: number;
    with_place: number;
    near_main: number;
  }[];
  /**
   * Sources other than the main one with ids the main source holds written another way (`22260817` for
   * `22-260817`; id-lookalike.ts), which are not linked: ingest warns of them once, and a 311 export's
   * referrals were then counted twice without a later word (tester 147). `ids`: such ids of the source;
   * `example`: one of them and the main source's id it is alike.
   */
  lookalike_ids: { source: string; main: string; ids: number; example: [string, string] }[];
  /** Calls in the period with no category (no classification row, or an unmapped type). */
  unclassified: number;
  /**
   * Calls in the period with no initial call type: category and eligibility read it, so they have neither.
   * Counted as calls with no type at all, a store whose profile maps only the final type read "eligible for
   * 0 calls", "0.0% could go", without a word (tester 104).
   */
  untyped: number;
}

/**
 * No call of the period has an initial call type, so no eligibility can be judged: eligibility, funnel,
 * pathway and capacity figures are unknown, not 0 (tester 226: the report's capacity section read "no call
 * is eligible" and 0 units for Seattle's dispatch file).
 */
export const noCallTyped = (q: { untyped: number; calls_in_period: number }): boolean =>
  q.untyped > 0 && q.untyped === q.calls_in_period;

export interface AnalysisContext {
  conn: DuckDBConnection;
  /** Name of the analysis relation (ANALYSIS_COLUMNS). */
  relation: string;
  period: Period;
  /** The store's first and last local days with a call (its calls, linked), inside the period or not. */
  storeDays: { first: string; last: string };
  /**
   * The IANA time zone of the calls' local times (the most common one when sources differ), by which an
   * hour of the week occurs once more on a fall-back day and once less on a spring-forward day.
   */
  timeZone: string;
  /** Each source's time zone (its calls' first, by name), by which sources of other cities are told. */
  sourceZones: { source: string; zone: string }[];
  responders: ResponderInfo[];
  /**
   * Sources none of whose calls records a unit assigned or en route (Seattle's call data records arrivals
   * only): a call of theirs without an arrival may or may not have had a unit assigned.
   */
  noAssignmentSources: string[];
  /**
   * Store responder values some source of the store can show as handling a call (its profile's responder
   * rules, the mapping's `handled_by` or the city's actual-responder rules can give them:
   * store-inputs.ts recordedResponders); null when not known, and then every responder counts as recorded. Burlington's export records no responder: that its crisis team handled
   * 0.0% of its eligible calls is not what the data says.
   */
  recordedResponders: string[] | null;
  /** Area columns of the relation, the first being the one response times are broken down by. */
  areas: string[];
  /** Per polygon layer: the distinct points of the period's calls, and those on none of its polygons. */
  layerPoints: { name: string; points: number; unlocated: number }[];
  quality: PreparedQuality;
  /**
   * The tables the relation is a view over, for metrics that aggregate per call first and join the
   * descriptive columns after: `calls` (one row per call: combo_id, place_id, priority_id,
   * responder_id, area_id, month_index, hour_of_week, hour, assigned, arrived and the iv_ columns coded as
   * quality.ts codedIntervalColumnsSql describes), `combos` (combo_id and the columns of a call
   * that repeat: origin, priority, call types, disposition, `_responder` and the classification) and
   * `places` (place_id, coordinates, block, area fields); `areaColumns` names the places columns behind
   * each area: its value, and its rank among the area's values (area_id of `calls` is the first area's).
   */
  parts: {
    calls: string;
    combos: string;
    places: string;
    areaColumns: Record<string, { value: string; rank: string }>;
    /** The iv_ columns are INTEGER seconds: no time stamp has a fraction of a second (else DOUBLE). */
    wholeSeconds: boolean;
  };
}

export interface PrepareOptions {
  /** Relation with the canonical call columns; `calls` by default. */
  calls?: string;
  /**
   * Relation meeting CLASSES_CONTRACT, joined on call_id; or one keyed by calls columns instead of call_id
   * (classes.ts, one row per combination of those columns, NULL matching NULL); null when there is no
   * classification (category, tier and eligibility then empty).
   */
  classes: string | { relation: string; keys: string[] } | null;
  /** First and last local day included, YYYY-MM-DD. Default: the first and last day with a call. */
  from?: string;
  to?: string;
  /**
   * Count a call present in two sources once: records of different sources with the same
   * `source_call_id` are one call (default when the relation holds several sources). `none` turns it off.
   */
  link?: 'source_call_id' | 'none';
  /** `max_interval_hours` per source (the ingest profile's), or one value for all; default 24. */
  maxIntervalHours?: number | Record<string, number>;
  /** Sources whose received time is the call entering the queue (profiles' `timestamps.received_is`). */
  queueSources?: string[];
  responders?: ResponderInfo[];
  /** See AnalysisContext.recordedResponders; every responder counts as recorded when absent. */
  recordedResponders?: string[];
  /**
   * Area columns from polygon joins (spatial-join.ts): each relation has one row per distinct point,
   * columns (lat, lon, area), and becomes the column `name`.
   */
  areaJoins?: { name: string; relation: string }[];
  /** Name of the relation to create; `analysis_calls` by default. */
  name?: string;
  /**
   * Materialise the per-call table (faster when many metrics read it) instead of a view. `true` chooses
   * by size: a temporary table (in memory) when it fits in MEMORY_SHARE of DuckDB's memory limit,
   * else a table in a scratch database file in the engine's `temp_directory` (analyze() and the report
   * give one), which DuckDB stores compressed, several times smaller, so a large relation does not spill.
   * 'memory' and 'file' force one or the other ('file' falls back to memory without an absolute, existing
   * temp directory).
   */
  materialise?: boolean | 'memory' | 'file';
  /**
   * How a call finds its combination and place: by a hash of the key columns (the default, when no two
   * share a hash) or by comparing every key column (the fallback; for tests).
   */
  keyJoin?: 'hash' | 'columns';
}

/** Alias of the scratch database the materialised relation lives in (see `materialise`). */
const WORK_DB = 'safegap_work';

/**
 * Bytes a materialised per-call row takes in memory besides its intervals (five INTEGER numbers, two
 * SMALLINT, a TINYINT, three BOOLEAN): about 30, doubled for DuckDB's own overhead, which measured about
 * half again the raw size.
 */
const ROW_BYTES = 60;
/** Share of DuckDB's memory limit the per-call table may take in memory; queries need the rest. */
const MEMORY_SHARE = 0.6;
const UNITS: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** DuckDB's memory_limit setting ('953.6 MiB', '2.0 GiB') in bytes; Infinity when not readable. */
function bytesOf(setting: string | null | undefined): number {
  const m = /^([\d.]+)\s*([kmgt])i?b/i.exec(setting ?? '');
  return m ? Number(m[1]) * (UNITS[m[2]!.toLowerCase()] ?? 1) : Infinity;
}

/**
 * The schema to materialise into: a scratch database file in the engine's temp directory, or null for a
 * temporary table (see PrepareOptions.materialise). `bytes` estimates the per-call table's size in memory.
 */
async function workSchema(
  conn: DuckDBConnection,
  mode: true | 'memory' | 'file',
  bytes: number,
): Promise<string | null> {
  if (mode === 'memory') return null;
  const [row] = await queryRows<{ dir: string | null; n: number; mem_limit: string | null }>(
    conn,
    `SELECT current_setting('temp_directory') AS dir, current_setting('memory_limit') AS mem_limit,
       (SELECT count(*) FROM duckdb_databases() WHERE database_name = ${literal(WORK_DB)})::DOUBLE AS n`,
  );
  if (mode === true && bytes <= MEMORY_SHARE * bytesOf(row?.mem_limit)) return null;
  if (numberOf(row?.n) === 0) {
    const dir = row?.dir;
    if (!dir || !isAbsolute(dir) || !existsSync(dir)) return null;
    await conn.run(`ATTACH ${literal(join(dir, `analysis-${randomUUID()}.duckdb`))} AS ${ident(WORK_DB)}`);
  }
  return `${ident(WORK_DB)}.main`;
}

export const AREA_FIELDS = ['precinct', 'sector', 'beat', 'neighborhood', 'postal_code'] as const;
/**
 * Names a boundary layer may not take (area fields it may: it replaces them): the store's columns and the
 * analysis relation's own.
 */
const RESERVED = new Set([
  ...CALL_COLUMN_NAMES.filter((c) => !(AREA_FIELDS as readonly string[]).includes(c)),
  ...[
    // `all` is the breakdown tables' own group for every call.
    'all',
    'month',
    'dow',
    'hour',
    'hour_of_week',
    'assigned',
    'arrived',
    'max_interval_s',
    'combo_id',
    'place_id',
  ],
  ...['category', 'final_category', 'tier', 'eligible_current', 'eligible_near_term', 'eligible_potential'],
  ...INTERVALS.map((i) => ivColumn(i.name)),
]);

async function checkDate(conn: DuckDBConnection, calls: string, v: string, flag: string): Promise<string> {
  if (!isCalendarDay(v)) {
    // The store's own first (last) day as the example: a fixed 2022-10-01 was refused next as before the
    // first call of a store of 2024 (tester 337).
    const [day] = await queryRows<{ d: string | null }>(
      conn,
      `SELECT CAST(CAST(${flag === '--to' ? 'max' : 'min'}(received_local) AS DATE) AS VARCHAR) AS d FROM ${calls}`,
    );
    throw new UserError(
      `${flag} must be a date YYYY-MM-DD that exists; got \`${v}\`: ${dayProblem(v)}.`,
      `for example ${flag} ${day?.d ?? '2022-10-01'}.`,
    );
  }
  const year = Number(v.slice(0, 4));
  // The years a store's times can fall in (ingest quarantines the others).
  if (year < YEARS.from || year > YEARS.to)
    throw new UserError(
      `${flag} must be a date between ${YEARS.from} and ${YEARS.to}; got \`${v}\`.`,
      'leave it out to start or end with the calls in the store.',
    );
  return v;
}

export function makePeriod(from: string, to: string): Period {
  const days = daysInclusive(from, to);
  if (!(days >= 1))
    throw new UserError(`The period is empty: --from ${from} is after --to ${to}.`, 'swap the two dates.');
  return { from, to, days, years: days / 365.25, weeks: days / 7 };
}

async function columnsOf(conn: DuckDBConnection, relation: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ column_name: string; column_type: string }>(
    conn,
    `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${relation})`,
  );
  return new Map(rows.map((r) => [r.column_name.toLowerCase(), r.column_type]));
}

/** Checks a classification relation against CLASSES_CONTRACT; returns the optional columns it has. */
export async function checkClasses(
  conn: DuckDBConnection,
  relation: string,
  keys: string[] = ['call_id'],
): Promise<Set<string>> {
  const cols = await columnsOf(conn, relation);
  const present = new Set<string>();
  for (const k of keys)
    if (!cols.has(k)) throw new Error(`classification relation ${relation} lacks its key column ${k}`);
  for (const c of CLASSES_CONTRACT) {
    const t = cols.get(c.name);
    if (!t) {
      if (c.required && c.name !== 'call_id')
        throw new Error(`classification relation ${relation} lacks column ${c.name} (${c.type}): ${c.doc}`);
      continue;
    }
    if (c.type === 'VARCHAR[]' && !t.endsWith('[]'))
      throw new Error(`classification column ${relation}.${c.name} must be a list (${c.type}); it is ${t}`);
    present.add(c.name);
  }
  return present;
}

/** Create the analysis relation over calls (and classes) for the period; see docs/metrics.md, "Inputs". */
export async function prepareAnalysis(
  conn: DuckDBConnection,
  options: PrepareOptions,
): Promise<AnalysisContext> {
  const calls = options.calls ?? 'calls';
  const name = options.name ?? 'analysis_calls';
  const responders = options.responders ?? DEFAULT_RESPONDERS;
  const callCols = await columnsOf(conn, calls);

  // An empty --from= is a mistake, not "the default": it quietly analysed the whole store.
  let from = options.from !== undefined ? await checkDate(conn, calls, options.from, '--from') : undefined;
  let to = options.to !== undefined ? await checkDate(conn, calls, options.to, '--to') : undefined;
  const sources = await queryRows<{ source: string; n: number }>(
    conn,
    `SELECT source, count(*)::DOUBLE n FROM ${calls} GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  // One LIMIT 1 probe per source: it stops at the first call with a unit, and row groups whose statistics
  // say the columns are all empty are skipped, so a source without them costs next to nothing.
  const noAssignmentSources: string[] = [];
  const unitCols = ['assigned_at', 'enroute_at'].filter((c) => callCols.has(c));
  for (const s of sources) {
    const found = unitCols.length
      ? await queryRows(
          conn,
          `SELECT 1 FROM ${calls} WHERE source = ${literal(s.source)}
             AND (${unitCols.map((c) => `${ident(c)} IS NOT NULL`).join(' OR ')}) LIMIT 1`,
        )
      : [];
    if (found.length === 0) noAssignmentSources.push(s.source);
  }
  const maxHours = (s: string) =>
    typeof options.maxIntervalHours === 'number'
      ? options.maxIntervalHours
      : (options.maxIntervalHours?.[s] ?? 24);
  const maxIntervalSql = (src: string) =>
    `CASE ${src} ${sources
      .map((s) => `WHEN ${literal(s.source)} THEN ${maxHours(s.source) * 3600}`)
      .join(' ')} ELSE ${maxHours('') * 3600} END::DOUBLE`;

  const col = (n: string, type = 'VARCHAR') => (callCols.has(n) ? `c.${ident(n)}` : `NULL::${type}`);
  const joins = options.areaJoins ?? [];
  for (const [i, j] of joins.entries()) {
    const why =
      joins.findIndex((x) => x.name === j.name) !== i
        ? 'names two layers'
        : !/^[a-z_][a-z0-9_]*$/i.test(j.name)
          ? 'is not a usable column name'
          : RESERVED.has(j.name)
            ? 'is reserved: the analysis uses that name itself'
            : null;
    if (why)
      throw new UserError(
        `The boundary layer name \`${j.name}\` ${why}.`,
        'name each layer differently with name=FILE (letters, digits, underscores), e.g. --boundaries ward=wards.geojson.',
      );
  }
  // A polygon layer named like a profile area field (precinct=...) replaces that field.
  const fields = AREA_FIELDS.filter((f) => !joins.some((j) => j.name === f));

  // The relation is a narrow per-call table joined to two small ones: the distinct combinations of the
  // call's descriptive columns (types, priorities, origin, disposition, responder: thousands of rows, each
  // classified once) and the distinct places (coordinates, block, area fields: each joined to the boundary
  // layers once). Per call it keeps only the two keys, the month, the hour of week and the intervals, which
  // is what makes ten million calls quick to materialise and to scan.
  const classTable = ident(`${name}_classes`);
  const classes =
    options.classes === null
      ? null
      : typeof options.classes === 'string'
        ? { relation: options.classes, keys: ['call_id'] }
        : options.classes;
  const present = classes ? await checkClasses(conn, classes.relation, classes.keys) : new Set<string>();
  if (classes)
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${classTable} AS SELECT * FROM ${classes.relation}`);
  const classOn = (a: string, b: string) =>
    (classes?.keys ?? []).map((k) => `${a}.${ident(k)} IS NOT DISTINCT FROM ${b}.${ident(k)}`).join(' AND ');
  const classifiedResponder = (c: string) =>
    present.has('actual_responder') ? `coalesce(k.actual_responder, ${c}.responder)` : `${c}.responder`;

  const comboCols = [...new Set(['source', ...CALL_DESCRIPTION, 'responder', ...(classes?.keys ?? [])])];
  const placeCols = ['lat', 'lon', 'block_address', ...AREA_FIELDS];
  const typeOf = (n: string) => (n === 'lat' || n === 'lon' ? 'DOUBLE' : 'VARCHAR');
  const stamps = ['received_at', ...STAGES.map((s) => `${s}_at`)];
  const recordsSql = `
    SELECT ${[...comboCols, ...placeCols].map((n) => `${col(n, typeOf(n))} AS ${ident(n)}`).join(', ')},
      ${col('source_call_id')} AS source_call_id, ${comboCols.includes('call_id') ? '' : 'c.call_id,'} c.received_local,
      ${col('time_zone')} AS time_zone,
      ${stamps.map((s) => `${col(s, 'TIMESTAMPTZ')} AS ${s}`).join(', ')}
    FROM ${calls} c`;

  const link = options.link ?? (sources.length > 1 ? 'source_call_id' : 'none');
  const linked = link === 'source_call_id' && sources.length > 1;
  // Every call once, with the number of records it was made of. Records are linked over the whole store
  // before any period applies: a call is in the period when its representative record is, whatever the
  // times in the other records (a crisis team's log that dates a call a day later must neither drop it
  // from the CAD's month nor add it to the next), and the default period spans the calls, not the records.
  let all = `SELECT *, NULL::VARCHAR AS _alt, 1 AS _records FROM (${recordsSql})`;
  let far: { n: number; days: number | null } | undefined;
  let clockOffsets: PreparedQuality['linked_clock_offsets'] = [];
  let withoutMain: PreparedQuality['months_without_main_source'] = null;
  let unlinked: PreparedQuality['unlinked_sources'] = [];
  let lookalike: PreparedQuality['lookalike_ids'] = [];
  if (linked) {
    // The representative record (origin, month, times) is how the call came in: the record with the
    // strongest origin (a call any record knows came in by 911 is a 911 call, whatever the 311 record made
    // of its referral says; a crisis team's log rarely knows the origin at all), then one with a call type
    // (a team's log with no type, earlier by seconds, took the CAD's 911 calls out of their category,
    // priority and area: tester 285), then one with dispatch times, then the earliest, then the larger
    // source. Ranking by source size alone let a 311 export with
    // more rows than the CAD take seven referred 911 calls out of the 911 denominator. The responder is the
    // first non-police one any linked record names, since an alternative responder's own log is the
    // evidence that it handled the call.
    // The order of a call's records, of the relation aliased `t` (or none).
    const rankOf = (t = '') =>
      representativeOrderSql(
        sources.map((s) => s.source),
        t,
      );
    const rank = rankOf();
    const notDiverted = NOT_DIVERTED.map(literal).join(', ');
    const classified = classes
      ? `SELECT c.*, coalesce(${classifiedResponder('c')}, 'unknown') AS _resp
         FROM (${recordsSql}) c LEFT JOIN ${classTable} k ON ${classOn('k', 'c')}`
      : `SELECT *, coalesce(responder, 'unknown') AS _resp FROM (${recordsSql})`;
    const byCall = `PARTITION BY source_call_id ORDER BY ${rank}, call_id`;
    const whole = `${byCall} ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING`;
    const linkedTable = ident(`${name}_linked`);
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${linkedTable} AS
      SELECT * EXCLUDE (_rk, _resp) FROM (
        SELECT *,
          CASE WHEN source_call_id IS NULL THEN 1 ELSE row_number() OVER (${byCall}) END AS _rk,
          CASE WHEN source_call_id IS NOT NULL THEN first(CASE WHEN _resp NOT IN (${notDiverted}) THEN _resp END IGNORE NULLS) OVER (${whole}) END AS _alt,
          CASE WHEN source_call_id IS NULL THEN 1 ELSE count(*) OVER (PARTITION BY source_call_id) END AS _records
        FROM (${classified})
      ) WHERE _rk = 1`);
    // A call whose representative record has no arrival takes the arrival and clearance from the first
    // record, in the same order, that has an arrival and was received within a day of it: a crisis team's
    // log times the calls the CAD only passed on. Both from that one record: the CAD's own clearance of a
    // passed-on call beside the team's arrival made negative times on scene. Its assignment and en route
    // times come from that record too where it has them, since the unit stages are one unit's progress;
    // the representative's own fill a stage the record lacks only where they fit between the record's
    // stages (the CAD's en route at 22:40 beside the team's arrival at 21:55 made 17 travel times
    // negative, tester 362); a CAD assignment before the team's en route or arrival stays, and committed
    // time runs from it.
    // The call-handling times (queued, closed) stay the representative's. A record further away is more
    // likely another call under the same number.
    const unit = UNIT_STAGES.map((s) => `${s}_at`);
    const of = (stages: string[]) => stages.map((t) => `f.u.${t}`).join(', ');
    // The representative's own stage, where it is no earlier than the record's stages before it and no
    // later than those after it (the record has an arrival, so there is always one after).
    const fits = (s: string, i: number) =>
      `CASE WHEN l.${s} <= least(${of(unit.slice(i + 1))})${i > 0 ? ` AND l.${s} >= coalesce(greatest(${of(unit.slice(0, i))}), l.${s})` : ''} THEN l.${s} END`;
    const set = (s: string, i: number) =>
      s === 'arrived_at' || s === 'cleared_at'
        ? `${s} = f.u.${s}`
        : `${s} = coalesce(f.u.${s}, ${fits(s, i)})`;
    await conn.run(`UPDATE ${linkedTable} AS l SET ${unit.map(set).join(', ')}
      FROM (
        SELECT r.call_id, first({${unit.map((s) => `${s}: c.${s}`).join(', ')}} ORDER BY ${rankOf('c.')}, c.call_id) AS u
        FROM ${linkedTable} r JOIN (${recordsSql}) c ON c.source_call_id = r.source_call_id
        WHERE r._records > 1 AND r.arrived_at IS NULL AND c.arrived_at IS NOT NULL
          AND abs(epoch(c.received_at) - epoch(r.received_at)) <= 86400
        GROUP BY r.call_id
      ) f WHERE l.call_id = f.call_id`);
    all = `SELECT * FROM ${linkedTable}`;
    [far] = await queryRows<{ n: number; days: number | null }>(
      conn,
      `SELECT count(*)::DOUBLE AS n, (max(span) / 86400)::DOUBLE AS days FROM (
         SELECT epoch(max(received_at)) - epoch(min(received_at)) AS span FROM (${recordsSql})
         WHERE source_call_id IS NOT NULL GROUP BY source_call_id HAVING count(*) > 1
       ) WHERE span > 86400`,
    );
    clockOffsets = await linkedClockOffsets(conn, recordsSql);
    ({ withoutMain, unlinked } = await sourceCoverage(conn, recordsSql));
    if (withoutMain) lookalike = await lookalikeIds(conn, recordsSql, withoutMain.source);
  }

  const [span] = await queryRows<{ lo: string | null; hi: string | null; n: number }>(
    conn,
    `SELECT CAST(min(received_local)::DATE AS VARCHAR) lo, CAST(max(received_local)::DATE AS VARCHAR) hi,
       count(*)::DOUBLE n FROM (${all})`,
  );
  if (!span?.lo || !span.hi)
    throw new UserError(
      'The store holds no calls to analyse.',
      'ingest an export first with `safegap ingest`.',
    );
  // A bound beyond the store's calls: say so, rather than that the two dates need swapping (one given) or
  // that the exports have a gap (both given: tester 96). Two given the wrong way round are said so first.
  const swapped = from !== undefined && to !== undefined && from > to;
  if (from && !swapped && from > span.hi)
    throw new UserError(
      `--from ${from} is after the last call in the store (${span.hi}).`,
      `choose a day between ${span.lo} and ${span.hi}.`,
    );
  if (to && !swapped && to < span.lo)
    throw new UserError(
      `--to ${to} is before the first call in the store (${span.lo}).`,
      `choose a day between ${span.lo} and ${span.hi}.`,
    );
  from ??= span.lo;
  to ??= span.hi;
  const period = makePeriod(from, to);
  const [zone] = callCols.has('time_zone')
    ? await queryRows<{ z: string | null }>(
        conn,
        `SELECT time_zone AS z FROM ${calls} GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`,
      )
    : [];

  const timeZone = zone?.z && isValidTimeZone(zone.z) ? zone.z : 'UTC';
  const sourceZones =
    callCols.has('time_zone') && callCols.has('source')
      ? await queryRows<{ source: string; zone: string }>(
          conn,
          `SELECT source, min(time_zone) AS zone FROM ${calls} WHERE time_zone IS NOT NULL GROUP BY 1 ORDER BY 1`,
        )
      : [];
  // The hour a call is counted in: its local time as written, except in the hour a spring-forward day
  // skips, where ingest moved it forward by the gap (02:30 is 03:30 daylight time, docs/time.md) and
  // where the hour-of-week occurrences count no hour at all.
  const gaps = localSegments(
    timeZone,
    Date.parse(`${period.from}T00:00:00Z`),
    Date.parse(`${addDays(period.to, 1)}T00:00:00Z`),
  ).flatMap((g, i, all) => {
    const next = all[i + 1]?.startLocal;
    return g.kind === 'gap' && g.startLocal !== null && next != null
      ? [{ from: g.startLocal, to: next }]
      : [];
  });
  const stamp = (ms: number) => `TIMESTAMP '${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}'`;
  const ofZone = callCols.has('time_zone') ? ` AND c.time_zone = ${literal(timeZone)}` : '';
  const clock = gaps.length
    ? `CASE ${gaps
        .map(
          (g) =>
            `WHEN c.received_local >= ${stamp(g.from)} AND c.received_local < ${stamp(g.to)}${ofZone} THEN c.received_local + INTERVAL ${(g.to - g.from) / 60_000} MINUTE`,
        )
        .join(' ')} ELSE c.received_local END`
    : 'c.received_local';

  const inPeriod = (c: string) => `${c}.received_local >= ${literal(period.from)}::TIMESTAMP
      AND ${c}.received_local < ${literal(addDays(period.to, 1))}::TIMESTAMP`;
  const rows = `SELECT * EXCLUDE (_records) FROM (${all}) c WHERE ${inPeriod('c')}`;
  const rowsTable = ident(`${name}_rows`);
  // Linking needs a window over every record; its result is read three times below, so it is kept.
  for (const kind of ['VIEW', 'TABLE'])
    await conn.run(`DROP ${kind} IF EXISTS ${rowsTable}`).catch(() => undefined);
  await conn.run(`CREATE TEMP ${linked ? 'TABLE' : 'VIEW'} ${rowsTable} AS ${rows}`);
  // Whether some time stamp has a fraction of a second (then intervals are DOUBLE, else INTEGER seconds).
  const fractionSql = stamps.map((s) => `coalesce(epoch_us(c.${s}) % 1000000 <> 0, false)`).join(' OR ');

  const combos = ident(`${name}_combos`);
  const comboKeys = [...comboCols, '_alt'];
  const classCols = classes
    ? `k.category, ${present.has('final_category') ? 'k.final_category' : 'NULL::VARCHAR'} AS final_category,
      k.tier, coalesce(k.eligible_current, []) AS eligible_current,
      coalesce(k.eligible_near_term, []) AS eligible_near_term,
      coalesce(k.eligible_potential, []) AS eligible_potential`
    : `NULL::VARCHAR AS category, NULL::VARCHAR AS final_category, NULL::VARCHAR AS tier,
      []::VARCHAR[] AS eligible_current, []::VARCHAR[] AS eligible_near_term, []::VARCHAR[] AS eligible_potential`;
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${combos} AS
     SELECT *, CAST(dense_rank() OVER (ORDER BY priority) AS INTEGER) AS priority_id,
       CAST(dense_rank() OVER (ORDER BY _responder) AS INTEGER) AS responder_id
     FROM (
       -- Numbered by origin, 911 first and officer-initiated last: each denominator's calls are then the
       -- combinations up to a number (response-times.ts filters ten million calls on it 32 times).
       SELECT CAST(row_number() OVER (ORDER BY ${ORIGIN_ORDER_SQL('d.origin')}) AS INTEGER) AS combo_id, d.*,
         hash(${comboKeys.map((k) => `d.${ident(k)}`).join(', ')}) AS _h,
         coalesce(d._alt, ${classes ? classifiedResponder('d') : 'd.responder'}, 'unknown') AS _responder,
         ${classCols}, ${maxIntervalSql('d.source')} AS _max_interval_s,
         ${options.queueSources?.length ? `d.source IN (${options.queueSources.map(literal).join(', ')})` : 'false'} AS _received_is_queue
       FROM (SELECT DISTINCT ${comboKeys.map(ident).join(', ')} FROM ${rowsTable}) d
       ${classes ? `LEFT JOIN ${classTable} k ON ${classOn('k', 'd')}` : ''})`,
  );
  const places = ident(`${name}_places`);
  const areaNames = [...joins.map((j) => j.name), ...fields];
  // Each area column of a place, and its number among the area's values (for grouping by small integers).
  const areaColumns: Record<string, { value: string; rank: string }> = Object.fromEntries(
    areaNames.map((a, i) => {
      const j = joins.findIndex((x) => x.name === a);
      return [a, { value: j >= 0 ? `_g${j}` : ident(a), rank: `_r${i}` }];
    }),
  );
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${places} AS
     SELECT *, ${areaNames
       .map(
         (a) =>
           `CAST(dense_rank() OVER (ORDER BY ${areaColumns[a]!.value}) AS INTEGER) AS ${areaColumns[a]!.rank}`,
       )
       .join(', ')}
     FROM (
       SELECT CAST(row_number() OVER () AS INTEGER) AS place_id, p.*,
         hash(${placeCols.map((k) => `p.${ident(k)}`).join(', ')}) AS _h
         ${joins.map((_, i) => `, g${i}.area AS _g${i}`).join('')}
       FROM (SELECT DISTINCT ${placeCols.map(ident).join(', ')} FROM ${rowsTable}) p
       ${joins.map((j, i) => `LEFT JOIN ${j.relation} g${i} ON g${i}.lat = p.lat AND g${i}.lon = p.lon`).join('\n')})`,
  );
  // Only area fields the data fills in: a profile maps a few of them, the rest are all NULL. Places come
  // from the calls in the period, so an area some place has is an area some call has.
  const [filled] = await queryRows<Record<string, number>>(
    conn,
    `SELECT ${areaNames.map((a, i) => `count(${areaColumns[a]!.value})::DOUBLE AS _a${i}`).join(', ')} FROM ${places}`,
  );
  // A polygon layer stays when it places none of the period's calls: every call is then `(none)`, which
  // the run's notes say, where its breakdown vanished without a word (tester 189).
  const areas = areaNames.filter(
    (a, i) => joins.some((j) => j.name === a) || numberOf(filled?.[`_a${i}`]) > 0,
  );
  // What each layer placed of the period's points (the join itself runs over the store's).
  const point = '(lat IS NOT NULL AND lon IS NOT NULL)';
  const [placed] = joins.length
    ? await queryRows<Record<string, number>>(
        conn,
        `SELECT count(DISTINCT (lat, lon)) FILTER (WHERE ${point})::DOUBLE AS points,
           ${joins.map((_, i) => `count(DISTINCT (lat, lon)) FILTER (WHERE ${point} AND _g${i} IS NULL)::DOUBLE AS _u${i}`).join(', ')}
         FROM ${places}`,
      )
    : [];
  const layerPoints = joins.map((j, i) => ({
    name: j.name,
    points: numberOf(placed?.points),
    unlocated: numberOf(placed?.[`_u${i}`]),
  }));

  // Calls find their combination and place by a hash of the key columns when no two combinations (or
  // places) share a hash, which is checked; a join on one integer is several times cheaper than on a
  // dozen strings. The full comparison is the fallback, and the row count is checked after the build.
  const [unique] = await queryRows<{ ok: boolean }>(
    conn,
    `SELECT (SELECT count(DISTINCT _h) = count(*) FROM ${combos})
       AND (SELECT count(DISTINCT _h) = count(*) FROM ${places}) AS ok`,
  );
  let hashed = unique?.ok === true && options.keyJoin !== 'columns';
  const same = (cols: string[], a: string) =>
    hashed
      ? `${a}._h = hash(${cols.map((n) => `c.${ident(n)}`).join(', ')})`
      : cols.map((n) => `${a}.${ident(n)} IS NOT DISTINCT FROM c.${ident(n)}`).join(' AND ');
  // `assigned`: a unit en route or arrived was assigned, whether or not the source records when.
  const final = (whole: boolean) => `
    SELECT d.combo_id, p.place_id, d.priority_id, d.responder_id,
      ${areas[0] ? `p.${areaColumns[areas[0]]!.rank}` : 'NULL::INTEGER'} AS area_id,
      (year(${clock}) * 12 + month(${clock}) - 1)::SMALLINT AS month_index,
      ((isodow(${clock}) - 1) * 24 + hour(${clock}))::SMALLINT AS hour_of_week,
      hour(${clock})::TINYINT AS hour,
      (c.assigned_at IS NOT NULL OR c.enroute_at IS NOT NULL OR c.arrived_at IS NOT NULL) AS assigned,
      c.arrived_at IS NOT NULL AS arrived,
      ${codedIntervalColumnsSql(whole, 'd._max_interval_s', options.queueSources?.length ? 'd._received_is_queue' : 'false')}${whole ? `, ${fractionSql} AS _fraction` : ''}
    FROM ${rowsTable} c JOIN ${combos} d ON ${same(comboKeys, 'd')} JOIN ${places} p ON ${same(placeCols, 'p')}`;
  const base = ident(`${name}_base`);
  let baseRel = base;
  // Assumes whole seconds and checks afterwards from the table itself, which saves a scan of every time
  // stamp; a relation that is only a view is checked first.
  // INTEGER seconds also need every source's max_interval_s below 2^31 s (68 years: always, in practice).
  const intMax = [...sources.map((x) => x.source), ''].every((x) => maxHours(x) * 3600 < 2 ** 31 - 1);
  let wholeSeconds = !intMax
    ? false
    : options.materialise
      ? true
      : (
          await queryRows<{ f: boolean | null }>(
            conn,
            `SELECT bool_or(${fractionSql}) AS f FROM ${rowsTable} c`,
          )
        )[0]?.f !== true;
  for (;;) {
    const work = options.materialise
      ? await workSchema(
          conn,
          options.materialise,
          numberOf(span.n) * (ROW_BYTES + INTERVALS.length * (wholeSeconds ? 4 : 8)),
        )
      : null;
    // Either name may be a view or a table from an earlier call; DROP of the other kind fails, harmlessly,
    // as does the scratch database's table when none is attached.
    for (const rel of [ident(name), base, `${ident(WORK_DB)}.main.${base}`]) {
      for (const kind of ['VIEW', 'TABLE'])
        await conn.run(`DROP ${kind} IF EXISTS ${rel}`).catch(() => undefined);
    }
    baseRel = work ? `${work}.${base}` : base;
    await conn.run(
      work
        ? `CREATE TABLE ${baseRel} AS ${final(wholeSeconds)}`
        : options.materialise
          ? `CREATE TEMP TABLE ${base} AS ${final(wholeSeconds)}`
          : `CREATE TEMP VIEW ${base} AS ${final(wholeSeconds)}`,
    );
    if (hashed) {
      const [got] = await queryRows<{ ok: boolean }>(
        conn,
        `SELECT (SELECT count(*) FROM ${baseRel}) = (SELECT count(*) FROM ${rowsTable}) AS ok`,
      );
      if (got?.ok !== true) {
        // A key that hashes differently from its own distinct row (say -0.0 and 0.0): compare in full.
        hashed = false;
        continue;
      }
    }
    if (!wholeSeconds || !options.materialise) break;
    const [fr] = await queryRows<{ f: boolean | null }>(
      conn,
      `SELECT bool_or(_fraction) AS f FROM ${baseRel}`,
    );
    if (fr?.f !== true) break;
    wholeSeconds = false;
  }
  await conn.run(
    `CREATE TEMP VIEW ${ident(name)} AS
     SELECT ${monthLabelSql('b.month_index')} AS month, (b.hour_of_week // 24 + 1)::INTEGER AS dow, (b.hour_of_week % 24)::INTEGER AS hour,
       b.hour_of_week::INTEGER AS hour_of_week, ${COMBO_COLUMNS.map((c) => `d.${c}`).join(', ')},
       b.assigned, b.arrived,
       ${fields.map((f) => `p.${f}`).join(', ')}, ${joins.map((j, i) => `p._g${i} AS ${ident(j.name)}, `).join('')}
       p.lat, p.lon, p.block_address, d._max_interval_s AS max_interval_s,
       ${INTERVALS.map((i) => `${decodedSql(`b.${ivColumn(i.name)}`, 'd._max_interval_s')} AS ${ivColumn(i.name)}`).join(', ')},
       b.combo_id, b.place_id
     FROM ${baseRel} b JOIN ${combos} d USING (combo_id) JOIN ${places} p USING (place_id)`,
  );

  const [q] = await queryRows<Record<string, number>>(
    conn,
    `SELECT count(*)::DOUBLE AS _n, count(*) FILTER (WHERE category IS NULL)::DOUBLE AS _unclassified,
       count(*) FILTER (WHERE call_type_initial IS NULL)::DOUBLE AS _untyped
     FROM ${ident(name)}`,
  );
  const n = numberOf(q?._n);
  const records = linked
    ? numberOf(
        (
          await queryRows<{ r: number }>(
            conn,
            `SELECT sum(_records)::DOUBLE r FROM (${all}) c WHERE ${inPeriod('c')}`,
          )
        )[0]?.r,
      )
    : n;
  return {
    conn,
    relation: ident(name),
    period,
    storeDays: { first: span.lo, last: span.hi },
    timeZone,
    sourceZones,
    responders,
    noAssignmentSources,
    recordedResponders: options.recordedResponders ?? null,
    areas,
    layerPoints,
    parts: {
      calls: baseRel,
      combos,
      places,
      areaColumns,
      wholeSeconds,
    },
    quality: {
      calls_in_store: numberOf(span.n),
      calls_in_period: n,
      linked_duplicates: records - n,
      linked_far_apart: numberOf(far?.n),
      linked_far_apart_days: far?.n && far.days !== null ? noNoise(far.days) : null,
      linked_clock_offsets: clockOffsets,
      months_without_main_source: withoutMain,
      unlinked_sources: unlinked,
      lookalike_ids: lookalike,
      unclassified: numberOf(q?._unclassified),
      untyped: numberOf(q?._untyped),
    },
  };
}

/**
 * The order of one call's linked records, best first, as prepareAnalysis ranks them (its comments say why):
 * the first, then by call_id, is the record that represents the call. `sources` are the store's sources,
 * most records first; `t` aliases the relation (`c.`) or is empty. Classify's counts take the same record,
 * so a call held in several sources is counted once, with the types analyze gives it (tester 385).
 */
export function representativeOrderSql(sources: readonly string[], t = ''): string {
  return (
    `CASE ${t}origin ${ORIGIN_PRECEDENCE.map((o, i) => `WHEN ${literal(o)} THEN ${i}`).join(' ')} ELSE ${ORIGIN_PRECEDENCE.length} END, ` +
    `(${t}call_type_initial IS NOT NULL OR ${t}call_type_final IS NOT NULL) DESC, ` +
    `(${t}assigned_at IS NOT NULL OR ${t}enroute_at IS NOT NULL OR ${t}arrived_at IS NOT NULL) DESC, ` +
    `${t}received_at NULLS LAST, CASE ${t}source ${sources.map((s, i) => `WHEN ${literal(s)} THEN ${i}`).join(' ')} END`
  );
}

/** PreparedQuality's `linked_clock_offsets`, over every record of the store (`records`: SQL). */
async function linkedClockOffsets(
  conn: DuckDBConnection,
  records: string,
): Promise<PreparedQuality['linked_clock_offsets']> {
  // Shifted: an hour or two apart within five minutes, or two and a half hours or more whatever the
  // minutes (a team's request time minutes after the pickup, read five hours off, was missed: tester 115).
  // A clock shifts every call alike: four in five shifted pairs must fall in one hour or two adjacent ones
  // (the clocks changing between), where a 311 case opened hours after its call falls in any.
  const h = 'round(d / 3600)';
  const rows = await queryRows<{ a: string; b: string; h: number | null; k: number }>(
    conn,
    `WITH r AS (
       SELECT source_call_id, source, min(received_at) AS t FROM (${records})
       WHERE source_call_id IS NOT NULL GROUP BY ALL),
     p AS (
       SELECT a.source AS a, b.source AS b, epoch(b.t) - epoch(a.t) AS d
       FROM r a JOIN r b ON a.source_call_id = b.source_call_id AND a.source < b.source)
     SELECT a, b, h, k FROM (
       SELECT a, b, CASE WHEN abs(d) >= 9000 OR (abs(d) >= 2700 AND abs(d - ${h} * 3600) <= 300)
         THEN ${h} END::DOUBLE AS h, count(*)::DOUBLE AS k FROM p GROUP BY ALL)
     QUALIFY sum(k) OVER (PARTITION BY a, b) >= 10
     ORDER BY a, b, h`,
  );
  const out: PreparedQuality['linked_clock_offsets'] = [];
  for (const key of [...new Set(rows.map((r) => `${r.a}\u0000${r.b}`))]) {
    const [a, b] = key.split('\u0000') as [string, string];
    const hours = rows.filter((r) => r.a === a && r.b === b);
    const calls = hours.reduce((t, r) => t + r.k, 0);
    const at = (x: number) => hours.find((r) => r.h === x)?.k ?? 0;
    // The best hour and the next: the clocks change between (5 and 6 hours in Chicago).
    let best = { lo: 0, hi: 0, k: 0 };
    for (const r of hours)
      if (r.h !== null && r.k + at(r.h + 1) > best.k)
        best = { lo: r.h, hi: at(r.h + 1) ? r.h + 1 : r.h, k: r.k + at(r.h + 1) };
    if (best.k >= 0.8 * calls)
      out.push({ sources: [a, b], calls, offset_calls: best.k, hours: [best.lo, best.hi] });
  }
  return out;
}

/**
 * PreparedQuality's `months_without_main_source` and `unlinked_sources`, over every record of the store
 * (`records`: SQL).
 */
async function sourceCoverage(
  conn: DuckDBConnection,
  records: string,
): Promise<{
  withoutMain: PreparedQuality['months_without_main_source'];
  unlinked: PreparedQuality['unlinked_sources'];
}> {
  const rows = await queryRows<{
    source: string;
    m: string;
    n: number;
    n911: number;
    lo: string;
    hi: string;
  }>(
    conn,
    `SELECT source, strftime(received_local, '%Y-%m') AS m, count(*)::DOUBLE AS n,
       count(*) FILTER (WHERE origin = '911')::DOUBLE AS n911,
       CAST(min(received_local) AS VARCHAR) AS lo, CAST(max(received_local) AS VARCHAR) AS hi
     FROM (${records}) WHERE received_local IS NOT NULL GROUP BY ALL`,
  );
  // The main source is the CAD: the one with the most 911 calls, else the most records (a team's log of a
  // quarter, larger than a month's CAD export, was taken for it and no gap was said: tester 115).
  const totals = new Map<string, { n: number; n911: number }>();
  for (const r of rows) {
    const t = totals.get(r.source) ?? { n: 0, n911: 0 };
    totals.set(r.source, { n: t.n + r.n, n911: t.n911 + r.n911 });
  }
  const main = [...totals].sort(
    (a, b) => b[1].n911 - a[1].n911 || b[1].n - a[1].n || a[0].localeCompare(b[0], 'en'),
  )[0]?.[0];
  if (main === undefined) return { withoutMain: null, unlinked: [] };
  const own = rows.filter((r) => r.source === main).sort((a, b) => a.m.localeCompare(b.m, 'en'));
  // A month with a tenth of its usual records or fewer is as good as missing (five stray records in a
  // month the export did not cover silenced the note: tester 115).
  const counts = own.map((r) => r.n).sort((a, b) => a - b);
  const usual = counts[Math.floor(counts.length / 2)]!;
  const thin = new Set(own.filter((r) => r.n <= usual / 10).map((r) => r.m));
  const kept = own.filter((r) => !thin.has(r.m));
  // Other sources' months, of records that are calls of their own: a record linked to one of the main
  // source's is counted in that record's month (a team's log dating a CAD call of 1 October on 27 September
  // made September a month without the CAD: tester 262).
  const others = (
    await queryRows<{ m: string }>(
      conn,
      `SELECT DISTINCT strftime(received_local, '%Y-%m') AS m FROM (${records}) r
       WHERE source <> ${literal(main)} AND received_local IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM (${records}) o
           WHERE o.source = ${literal(main)} AND o.source_call_id = r.source_call_id)`,
    )
  ).map((r) => r.m);
  const months = others.filter((m) => !kept.some((o) => o.m === m)).sort();
  const shared = rows.some((r) => r.source !== main && kept.some((o) => o.m === r.m));
  // Every other source's records within the main source's span that share no id with another source are
  // calls of their own. Where most do link, the rest were said nowhere, though some are the CAD's calls
  // whose number the team did not write (tester 362: a crisis team's log leaving a fifth of its CAD
  // numbers blank raised the diverted share silently). Such a record is likely one of the main source's
  // calls when one was received within 10 minutes at the same block or point and no linked record of the
  // source already claims it. Said of a responder's log (20 or more records, most timing an arrival: each
  // should be a dispatched call) whatever its place, and of any other source only where such a call lies
  // near: a 311 export's own requests are calls of their own, said on every run for nothing. Only the
  // unlinked records are looked up, by 10-minute bucket, so the main source is scanned once and
  // hash-joined (a store of one source, as the 10M benchmark's, runs none of this).
  const lo = `TIMESTAMP '${own[0]!.lo}'`;
  const hi = `TIMESTAMP '${own.at(-1)!.hi}'`;
  const bucket = (t: string) => `floor(epoch(${t}) / ${NEAR_SECONDS})::BIGINT`;
  const unlinked = await queryRows<{
    source: string;
    n: number;
    linked: number;
    arrived: number;
    placed: number;
    near: number;
  }>(
    conn,
    `WITH r AS (
       SELECT source, source_call_id, received_at, received_local, arrived_at, block_address, lat, lon,
         source_call_id IS NOT NULL AND count(*) OVER (PARTITION BY source_call_id) > 1 AS shared
       FROM (${records})),
     o AS (
       SELECT row_number() OVER () AS k, * FROM r
       WHERE source <> ${literal(main)} AND received_local BETWEEN ${lo} AND ${hi}),
     u AS (
       SELECT k, source, received_at, block_address, lat, lon, ${bucket('received_at')} + d AS b
       FROM o, unnest([-1, 0, 1]) t(d)
       WHERE NOT shared AND received_at IS NOT NULL
         AND (block_address IS NOT NULL OR (lat IS NOT NULL AND lon IS NOT NULL))),
     m AS (
       SELECT source_call_id, received_at, block_address, lat, lon, ${bucket('received_at')} AS b FROM r
       WHERE source = ${literal(main)} AND received_at IS NOT NULL
         AND (block_address IS NOT NULL OR (lat IS NOT NULL AND lon IS NOT NULL))),
     near AS (
       SELECT DISTINCT u.k FROM u JOIN m ON u.b = m.b
       WHERE abs(epoch(m.received_at) - epoch(u.received_at)) <= ${NEAR_SECONDS}
         AND (u.block_address = m.block_address
           OR ${NEAR_METRES} >= 111320 * sqrt(pow(u.lat - m.lat, 2) + pow((u.lon - m.lon) * cos(radians(u.lat)), 2)))
         AND NOT EXISTS (SELECT 1 FROM o c WHERE c.shared AND c.source = u.source AND c.source_call_id = m.source_call_id))
     SELECT source, count(*)::DOUBLE AS n, count(*) FILTER (WHERE shared)::DOUBLE AS linked,
       count(arrived_at)::DOUBLE AS arrived,
       count(*) FILTER (WHERE NOT shared AND (block_address IS NOT NULL OR (lat IS NOT NULL AND lon IS NOT NULL)))::DOUBLE AS placed,
       count(*) FILTER (WHERE k IN (SELECT k FROM near))::DOUBLE AS near
     FROM o GROUP BY source
     HAVING count(*) FILTER (WHERE NOT shared) > 0
       AND ((count(*) >= 20 AND count(arrived_at) > count(*) / 2) OR count(*) FILTER (WHERE k IN (SELECT k FROM near)) > 0)
     ORDER BY source`,
  );
  return {
    withoutMain: {
      source: main,
      months,
      first: kept[0]?.m ?? own[0]!.m,
      last: kept.at(-1)?.m ?? own.at(-1)!.m,
      shared_month: shared,
    },
    unlinked: unlinked.map((u) => ({
      source: u.source,
      records: u.n,
      linked: u.linked,
      arrived: u.arrived,
      with_place: u.placed,
      near_main: u.near,
    })),
  };
}

/** PreparedQuality's `lookalike_ids`: other sources' ids the main source holds written another way. */
async function lookalikeIds(
  conn: DuckDBConnection,
  records: string,
  main: string,
): Promise<PreparedQuality['lookalike_ids']> {
  const ids = (where: string) =>
    `SELECT DISTINCT source, source_call_id AS id FROM (${records}) WHERE source_call_id IS NOT NULL AND ${where}`;
  const rows = await queryRows<{ source: string; n: number; a: string; b: string }>(
    conn,
    lookalikeIdsSql(ids(`source <> ${literal(main)}`), ids(`source = ${literal(main)}`)),
  );
  return rows.map((r) => ({ source: r.source, main, ids: r.n, example: [r.a, r.b] }));
}

/**
 * Which origin stands for a call that records of several sources give differently: the channels a call
 * first comes in by, before those a referral produces (311, online), then other and unknown.
 */
export const ORIGIN_PRECEDENCE = [
  '911',
  'non_emergency_phone',
  'officer_initiated',
  'alarm',
  '311',
  'online',
  'other',
] as const;

/** Store columns describing a call that the relation shows as they are, from its combination. */
const CALL_DESCRIPTION = [
  'origin',
  'priority',
  'priority_initial',
  'call_type_initial',
  'call_type_final',
  'disposition_class',
  'cancel_reason',
];

/** Columns of the analysis relation that come from a call's combination, as `parts.combos` holds them. */
export const COMBO_COLUMNS = [
  'source',
  ...CALL_DESCRIPTION,
  '_responder AS responder',
  'category',
  'final_category',
  'tier',
  'eligible_current',
  'eligible_near_term',
  'eligible_potential',
];

/** 'YYYY-MM' from a month index (year x 12 + month - 1), the per-call table's `month_index`. */
export function monthLabelSql(index: string): string {
  return `printf('%04d-%02d', ${index} // 12, ${index} % 12 + 1)`;
}
