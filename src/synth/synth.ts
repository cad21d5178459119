/**
 * `safegap synth`: writes the synthetic city's calls-for-service export, a CSV of exactly `calls` data
 * rows in time order, and its area boundaries as GeoJSON. The contract (columns, values, dirt) is in
 * docs/synthetic-city.md; the ingest profile `synthetic-city` reads it.
 *
 * Speed: rows are built as strings straight from precomputed pieces (block location fragments, quoted
 * type names, a day and clock-of-day string table for times) and appended to a ~1 MB chunk; no object is
 * made per row. Memory: chunks go out through a stream that is awaited when full, so the heap stays flat
 * whatever the row count.
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UserError } from '../util/user-error.js';
import { makeDir } from '../util/publish.js';
import { dayProblem, isCalendarDay } from '../util/dates.js';
import { AliasTable, Rng } from './random.js';
import { LocalClock } from './local-clock.js';
import { boundaryCollections, cityMap, SPATIAL_PROFILES } from './city-map.js';
import { CALL_TYPES, SEASONS, SOURCE_MIXES, TIME_OF_DAY, type CallTypeSpec } from './call-types.js';
import {
  ANNUAL_GROWTH,
  DAILY_NOISE_MEMORY,
  DAILY_NOISE_SIGMA,
  holidayFactor,
  hourBand,
  hourOfWeekWeight,
  seasonBand,
  seasonFactor,
} from './demand.js';
import {
  CALL_CENTRE_CLOSE,
  CANCEL_BEFORE_DISPATCH,
  CANCEL_EN_ROUTE,
  DISPOSITION_MIXES,
  DISPOSITIONS,
  DOUBLE_DISPOSITION,
  EMPTY_DISPOSITION,
  MAX_INTERVAL,
  MISSING_ENROUTE,
  NO_UNIT,
  ONLINE_CLOSE,
  POLICE_QUEUE,
  POLICE_TRAVEL,
  R_311,
  R_ANIMAL,
  R_BCR,
  R_EMS,
  R_FIRE,
  R_ONLINE,
  R_POLICE,
  R_TRAFFIC,
  RESPONDER_TYPES,
  SCENE_FACTOR,
  SCENE_SIGMA,
  SOURCES,
  SRC_311,
  SRC_ONLINE,
  SRC_PHONE,
  SRC_SELF,
  STAFFED_HOURS,
  TAKE,
  TEAM_QUEUE,
  TEAM_TRAVEL,
  type DispositionMix,
  type ResponderType,
} from './response.js';
import { ChunkWriter, csvField, partialPath } from './write-csv.js';
import { undoOnInterrupt } from '../util/undo-on-interrupt.js';

export const TIME_ZONE = 'America/Chicago';

export const CSV_COLUMNS = [
  'incident_id',
  'call_received',
  'call_source',
  'initial_type',
  'final_type',
  'initial_priority',
  'priority',
  'disposition',
  'responder_type',
  'queued',
  'dispatched',
  'enroute',
  'arrived',
  'cleared',
  'closed',
  'precinct',
  'beat',
  'neighborhood',
  'block_address',
  'latitude',
  'longitude',
] as const;

/** Rates of the deliberate dirt, per row written (see docs/synthetic-city.md). */
export const DIRT = {
  /** A row written twice in a row (Minneapolis 2022 Q4: 41 in 63,347, 0.065%). */
  duplicate: 0.0007,
  /** An arrival time before the call was received (a unit's clock off, or a status entered late). */
  arrivalBeforeReceived: 0.0001,
  /** An empty final priority. */
  blankPriority: 0.0002,
  /** Calls at a block just outside the city line: the point is on no polygon. */
  offPolygon: 0.0004,
  /** Calls received in the first minutes after each spring-forward whose received time is written on
   *  the old clock (02:xx, a local time that does not exist), as a workstation that changed late would. */
  springForwardRowsPerTransition: 3,
  /** Downgrade of priority on an unchanged type (the call was less urgent than it sounded). */
  priorityDowngrade: 0.06,
};

export interface SynthOptions {
  /** Data rows to write, duplicates included. */
  calls: number;
  /** Length of the span in years from `start` (fractions allowed: 0.25 is about a quarter). */
  years: number;
  seed: string | number;
  /** Output CSV path; `.gz` at the end writes gzip. */
  out: string;
  /** First local day, YYYY-MM-DD (default 2022-01-01). */
  start?: string;
  /** gzip level for `.gz` output (default 6). */
  gzipLevel?: number;
  /** Called after each chunk is handed to the stream. */
  onProgress?: (rowsWritten: number, totalRows: number) => void;
}

export interface SynthSummary {
  out: string;
  boundaries: { precincts: string; beats: string; neighborhoods: string };
  seed: string;
  time_zone: string;
  /** First local day and the local day after the last one. */
  start: string;
  end: string;
  first_received: string;
  last_received: string;
  /** Data rows written (the header not counted), duplicates included: equals the `calls` option. */
  rows: number;
  /** Distinct calls: rows minus duplicate rows. */
  calls: number;
  /**
   * Distinct calls by responder_type, as `calls` and the store count them: with duplicate rows counted, the
   * responders added up to the rows beside a `calls` of the distinct ones, and the share below differed from
   * analyze's all-calls share in its fourth digit (tester 240).
   */
  responders: Record<ResponderType, number>;
  /** Share of distinct calls whose responder_type is not POLICE. */
  diverted_share: number;
  /** Counts below are of rows written, duplicates included. */
  /** Rows whose call arrived at nobody (no `arrived` time). */
  no_arrival_rows: number;
  /** Rows whose final type differs from the initial one. */
  type_changed_rows: number;
  dirt: {
    duplicate_rows: number;
    dst_gap_rows: number;
    fall_back_hour_rows: number;
    arrival_before_received_rows: number;
    blank_priority_rows: number;
    off_polygon_rows: number;
    no_location_rows: number;
  };
  bytes: number;
  seconds: number;
  rows_per_second: number;
}

/** The boundary files synth writes beside its CSV `out`. */
export function boundaryFiles(out: string): Record<'precincts' | 'beats' | 'neighborhoods', string> {
  const base = boundaryBase(out);
  return {
    precincts: `${base}.precincts.geojson`,
    beats: `${base}.beats.geojson`,
    neighborhoods: `${base}.neighborhoods.geojson`,
  };
}

/** `city.csv` and `city.csv.gz` -> `city`; anything else keeps its name. */
function boundaryBase(out: string): string {
  return out.replace(/\.csv\.gz$|\.csv$|\.gz$/i, '');
}

const HOUR = 3600;
const DAY = 86_400;
const CHUNK_CHARS = 1 << 20;
const PRIORITIES = ['1', '2', '3', '4', '5'];

// Flags kept per row so that a duplicate copy is counted like its original.
const F_NO_ARRIVAL = 1;
const F_CHANGED = 2;
const F_GAP = 4;
const F_ARRIVAL_BEFORE = 8;
const F_BLANK_PRIORITY = 16;
const F_OFF_POLYGON = 32;
const F_NO_LOCATION = 64;
const F_FALL_BACK = 128;
const FLAG_COUNT = 8;

const ALT_NONE = -1;
const ALT_CODES = {
  BCR: R_BCR,
  TRAFFIC: R_TRAFFIC,
  ANIMAL: R_ANIMAL,
  REPORT: R_311,
  EMS: R_EMS,
  FIRE: R_FIRE,
};

interface CompiledDisposition {
  table: AliasTable;
  values: string[];
}

interface CompiledType {
  csvName: string;
  priority: AliasTable;
  source: AliasTable;
  alt: number;
  altShare: number;
  altFinal: number;
  changeP: number;
  change: AliasTable | undefined;
  changeTo: number[];
  disposition: CompiledDisposition;
  sceneMedian: number;
  cancel: number;
  private: boolean;
  spatial: AliasTable;
}

/**
 * The city's options checked (all but the output path), so that a caller (the demo) can refuse them before
 * it touches anything.
 */
/** How --years is bounded, in the words of its refusals. */
export const YEARS_RANGE = 'from 0.003 (one day) to 50';

export function checkCityOptions(o: Omit<SynthOptions, 'out'>): { start: string; seed: string } {
  if (!Number.isInteger(o.calls) || o.calls < 1 || o.calls > 2_000_000_000)
    throw new UserError(
      `--calls must be a whole number from 1 to 2,000,000,000; got \`${o.calls}\`.`,
      'give the number of calls in digits, such as 50000 (the demo makes 300,000 by default).',
    );
  if (!Number.isFinite(o.years) || o.years < 1 / 365 || o.years > 50)
    throw new UserError(
      `--years must be a number ${YEARS_RANGE}; got \`${o.years}\`.`,
      'give the span in years as a plain decimal, such as 3 or 0.5 (half a year).',
    );
  const seed = String(o.seed);
  if (seed.length === 0) throw new UserError('--seed must not be empty.');
  const start = o.start ?? '2022-01-01';
  // 2022-02-30 rolled over to 2 March, where analyze and report refuse it.
  if (!isCalendarDay(start))
    throw new UserError(
      `--start must be a date YYYY-MM-DD that exists; got \`${start}\`: ${dayProblem(start)}.`,
      'for example --start 2022-01-01.',
    );
  const year = Number(start.slice(0, 4));
  if (year < 1971 || year + o.years > 2100)
    throw new UserError(
      `--start and --years must keep the span between 1971 and 2100; got ${start}.`,
      'give a --start from 1971-01-01 on, such as 2022-01-01, whose --years end by 2100.',
    );
  if (o.gzipLevel !== undefined && (!Number.isInteger(o.gzipLevel) || o.gzipLevel < 1 || o.gzipLevel > 9))
    throw new UserError(`the gzip level must be a whole number from 1 to 9; got \`${o.gzipLevel}\`.`);
  return { start, seed };
}

function validate(o: SynthOptions): { start: string; seed: string } {
  const checked = checkCityOptions(o);
  if (existsSync(o.out) && statSync(o.out).isDirectory())
    throw new UserError(`--out is a folder: ${o.out}`, 'give a file name such as city.csv or city.csv.gz.');
  // Its missing folders are made, as analyze, report, profile init and classify export make theirs: synth
  // alone refused them.
  const dir = dirname(resolve(o.out));
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new UserError(`the folder of --out is a file: ${dir}`, 'choose another path for --out.');
  makeDir(o.out, dir);
  return checked;
}

/** The day after `years` years from a YYYY-MM-DD start: whole calendar years, then the fraction in days. */
function endDate(start: string, years: number): string {
  const whole = Math.floor(years);
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + whole);
  d.setUTCDate(d.getUTCDate() + Math.round((years - whole) * 365.2425));
  return d.toISOString().slice(0, 10);
}

export async function synthesize(options: SynthOptions): Promise<SynthSummary> {
  const began = performance.now();
  const { start, seed } = validate(options);
  const end = endDate(start, options.years);
  const total = options.calls;
  const out = options.out;
  const gzip = /\.gz$/i.test(out);

  // The clock starts two days early (for arrivals written before the received time) and runs 40 days
  // past the end (for calls that close days later).
  const originUtcMs = Date.parse(`${start}T00:00:00Z`) - 2 * DAY * 1000;
  const spanDays = Math.round(
    (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 1000 / DAY,
  );
  const clock = new LocalClock(TIME_ZONE, originUtcMs, (spanDays + 44) * 24);
  const startT = clock.instantOfLocal(start);
  const endT = clock.instantOfLocal(end);
  const hours = (endT - startT) / HOUR;

  const map = cityMap();
  const model = compileModel(map.spatial);
  const rngNoise = new Rng(seed, 'daily-noise');
  const rng = new Rng(seed, 'calls');

  // Per local day: weekday, month, two-digit year, and the demand factor.
  const firstDay = clock.localDay(startT);
  const lastDay = clock.localDay(endT - 1);
  const dayFactor = new Float64Array(lastDay - firstDay + 1);
  let noise = 0;
  for (let d = firstDay; d <= lastDay; d++) {
    const date = clock.dateOfDay(d);
    const doy =
      (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${date.slice(0, 4)}-01-01T00:00:00Z`)) / DAY / 1000;
    noise = DAILY_NOISE_MEMORY * noise + Math.sqrt(1 - DAILY_NOISE_MEMORY ** 2) * rngNoise.normal();
    const years = (d - firstDay) / 365.2425;
    dayFactor[d - firstDay] =
      seasonFactor(doy) * (1 + ANNUAL_GROWTH) ** years * Math.exp(DAILY_NOISE_SIGMA * noise);
  }

  // Share the rows out over the UTC hours in proportion to the intensity, by cumulative rounding: the
  // counts add up to the total exactly and each is within one of its expectation.
  const weight = new Float64Array(hours);
  let weightSum = 0;
  for (let h = 0; h < hours; h++) {
    const t = startT + h * HOUR;
    const day = clock.localDay(t);
    const date = clock.dateOfDay(day);
    const hour = clock.localHour(t);
    const w =
      hourOfWeekWeight(clock.weekdayOfDay(day), hour) *
      dayFactor[day - firstDay]! *
      holidayFactor(Number(date.slice(5, 7)), Number(date.slice(8, 10)), hour);
    weight[h] = w;
    weightSum += w;
  }
  const counts = new Int32Array(hours);
  let cumulative = 0;
  let assigned = 0;
  for (let h = 0; h < hours; h++) {
    cumulative += weight[h]!;
    const upTo = h === hours - 1 ? total : Math.min(total, Math.floor((cumulative / weightSum) * total));
    counts[h] = upTo - assigned;
    assigned = upTo;
  }
  // Queue delays grow with the load of the hour of week relative to the average.
  const load = new Float64Array(7 * 24);
  let loadSum = 0;
  for (let i = 0; i < 7 * 24; i++) loadSum += load[i] = hourOfWeekWeight(Math.floor(i / 24), i % 24);
  for (let i = 0; i < 7 * 24; i++) load[i] = (load[i]! / loadSum) * 7 * 24;

  const springForwardHours = new Set(clock.transitions.filter((x) => x.after > x.before).map((x) => x.at));
  const fallBackHours = new Set(
    clock.transitions.filter((x) => x.after < x.before).flatMap((x) => [x.at - HOUR, x.at]),
  );

  const boundaries = boundaryFiles(out);
  const collections = boundaryCollections(map);
  // Written aside and moved in with the city, once it is whole: a full disk left them, and the next synth
  // to that path refused as "exists already" (tester 130); so did Ctrl-C (tester 149), and taking them
  // away on Ctrl-C removed the previous city's under --force (tester 152).
  const layers = ['precincts', 'beats', 'neighborhoods'] as const;
  const removePartials = () => {
    rmSync(partialPath(out), { force: true });
    for (const layer of layers) rmSync(partialPath(boundaries[layer]), { force: true });
  };
  const forget = undoOnInterrupt(removePartials);
  try {
    for (const layer of layers)
      writeFileSync(partialPath(boundaries[layer]), `${JSON.stringify(collections[layer])}\n`);
  } catch (e) {
    removePartials();
    forget();
    throw e;
  }

  const writer = new ChunkWriter(out, gzip ? { gzipLevel: options.gzipLevel ?? 6 } : {});
  const responders = new Float64Array(RESPONDER_TYPES.length);
  const flagCounts = new Float64Array(FLAG_COUNT);
  let rowsWritten = 0;
  let duplicates = 0;
  let firstReceived = '';
  let lastReceived = '';
  try {
    let chunk = `${CSV_COLUMNS.join(',')}\n`;
    const fragments = map.blocks.map((b) => b.fragment);
    const areaOnly = map.blocks.map((b) => b.areaOnlyFragment);
    const edgeFragments = map.edgeBlocks.map((b) => b.fragment);
    const typeNames = model.types.map((t) => t.csvName);
    const sourceNames = SOURCES.map(csvField);
    const responderNames = RESPONDER_TYPES.map(csvField);
    const idWidth = Math.max(7, String(total).length);
    const [bcrFrom, bcrTo] = STAFFED_HOURS.BCR;
    const [trafficFrom, trafficTo] = STAFFED_HOURS.TRAFFIC;
    const [animalFrom, animalTo] = STAFFED_HOURS.ANIMAL;
    const refDisposition = DISPOSITIONS.REF;
    const onlineDisposition = model.dispositions.online;
    const callCentreDisposition = model.dispositions.callCentre;
    const bcrDisposition = model.dispositions.bcr;
    const cancelDisposition = DISPOSITIONS.CNL;
    const noUnitDisposition = DISPOSITIONS.NOS;

    let offsets = new Int32Array(1024);
    let idYear = '';
    let seq = 0;
    let previousRow = '';
    let previousFlags = 0;
    let duplicatePending = false;

    const dur = (median: number, sigma: number) => {
      const s = Math.round(median * Math.exp(sigma * rng.normal()));
      return s > MAX_INTERVAL ? MAX_INTERVAL : s;
    };
    const time = (t: number) => (t < 0 ? '' : clock.format(t));

    for (let h = 0; h < hours; h++) {
      const n = counts[h]!;
      if (n === 0) continue;
      const hourStart = startT + h * HOUR;
      const day = clock.localDay(hourStart);
      const date = clock.dateOfDay(day);
      const localHour = clock.localHour(hourStart);
      const weekday = clock.weekdayOfDay(day);
      const types = model.typeTables[hourBand(localHour) * 3 + seasonBand(Number(date.slice(5, 7)))]!;
      const hourLoad = load[weekday * 24 + localHour]!;
      const queueLoad = hourLoad ** 1.3;
      const bcrOpen = localHour >= bcrFrom && localHour < bcrTo;
      const trafficOpen = localHour >= trafficFrom && localHour < trafficTo;
      const animalOpen = localHour >= animalFrom && localHour < animalTo;
      const hourFlags = fallBackHours.has(hourStart) ? F_FALL_BACK : 0;
      let gapRowsLeft = springForwardHours.has(hourStart) ? DIRT.springForwardRowsPerTransition : 0;
      const year = date.slice(2, 4);
      if (year !== idYear) {
        idYear = year;
        seq = 0;
      }

      if (offsets.length < n) offsets = new Int32Array(n * 2);
      for (let i = 0; i < n; i++) offsets[i] = rng.int(HOUR);
      const sorted = offsets.subarray(0, n).sort();

      for (let i = 0; i < n; i++) {
        if (duplicatePending) {
          duplicatePending = false;
          chunk += previousRow;
          duplicates++;
          rowsWritten++;
          for (let f = 0; f < FLAG_COUNT; f++) if (previousFlags & (1 << f)) flagCounts[f]!++;
          continue;
        }
        const t = hourStart + sorted[i]!;
        let flags = hourFlags;
        const typeIndex = types.pick(rng);
        const T = model.types[typeIndex]!;
        const src = T.source.pick(rng);
        const ip = T.priority.pick(rng);

        // Who answers.
        let resp = R_POLICE;
        let referred = false;
        if (src === SRC_ONLINE) resp = R_ONLINE;
        else if (src === SRC_311) resp = R_311;
        else if (T.alt !== ALT_NONE && src !== SRC_SELF) {
          const u = rng.next();
          if (u < T.altShare)
            switch (T.alt) {
              case R_BCR:
                // No weapons or violence: the crisis team takes no call of initial priority 1 (a changed type can end
                // at priority 1: docs/synthetic-city.md).
                if (bcrOpen && ip > 0) resp = R_BCR;
                break;
              case R_TRAFFIC:
                if (trafficOpen) resp = R_TRAFFIC;
                break;
              case R_ANIMAL:
                if (animalOpen) resp = R_ANIMAL;
                break;
              case R_311:
                if (src === SRC_PHONE) {
                  resp = R_311;
                  referred = true;
                }
                break;
              default:
                resp = T.alt;
            }
        }

        // What it turned out to be.
        let finalIndex = typeIndex;
        if (resp === R_BCR && T.altFinal >= 0) finalIndex = T.altFinal;
        else if (T.change !== undefined && rng.next() < T.changeP)
          finalIndex = T.changeTo[T.change.pick(rng)]!;
        let fp: number;
        if (finalIndex !== typeIndex) {
          flags |= F_CHANGED;
          fp = model.types[finalIndex]!.priority.pick(rng);
        } else fp = rng.next() < DIRT.priorityDowngrade && ip < 4 ? ip + 1 : ip;
        let priority = PRIORITIES[fp]!;
        if (rng.next() < DIRT.blankPriority) {
          priority = '';
          flags |= F_BLANK_PRIORITY;
        }

        // The CAD stages, as seconds on the clock; -1 = not recorded.
        let queued = -1;
        let dispatched = -1;
        let enroute = -1;
        let arrived = -1;
        let cleared = -1;
        let closed: number;
        let disposition: CompiledDisposition | string;
        const F = model.types[finalIndex]!;
        if (resp === R_ONLINE || resp === R_311) {
          const [m, s] = resp === R_ONLINE ? ONLINE_CLOSE : CALL_CENTRE_CLOSE;
          closed = t + dur(m, s);
          disposition = referred
            ? refDisposition
            : resp === R_ONLINE
              ? onlineDisposition
              : callCentreDisposition;
        } else if (src === SRC_SELF) {
          // On view: the officer is already there.
          queued = t + dur(8, 0.8);
          dispatched = queued + rng.int(5);
          enroute = dispatched;
          arrived = dispatched;
          cleared = arrived + dur(F.sceneMedian * SCENE_FACTOR[resp]!, SCENE_SIGMA);
          closed = cleared + (rng.next() < 0.6 ? rng.int(30) : dur(120, 1.2));
          disposition = F.disposition;
        } else {
          const [tm, ts] = TAKE[src]!;
          queued = t + dur(tm, ts);
          const cancelBefore = CANCEL_BEFORE_DISPATCH[fp]! * T.cancel;
          const noUnit = resp === R_POLICE ? NO_UNIT[fp]! * hourLoad : 0;
          const u = rng.next();
          if (u < cancelBefore) {
            closed = queued + dur(900, 1);
            disposition = cancelDisposition;
          } else if (u < cancelBefore + noUnit) {
            closed = queued + dur(1800, 0.8);
            disposition = noUnitDisposition;
          } else {
            if (resp === R_POLICE) {
              const [qm, qs] = POLICE_QUEUE[fp]!;
              dispatched = queued + dur(qm * queueLoad, qs);
            } else {
              const [qm, qs] = TEAM_QUEUE[resp]!;
              dispatched = queued + dur(qm, qs);
            }
            enroute = rng.next() < 0.55 ? dispatched + rng.int(6) : dispatched + dur(45, 1);
            if (rng.next() < CANCEL_EN_ROUTE[fp]! * T.cancel) {
              cleared = enroute + dur(300, 0.8);
              closed = cleared + rng.int(60);
              disposition = cancelDisposition;
            } else {
              const [vm, vs] = resp === R_POLICE ? POLICE_TRAVEL[fp]! : TEAM_TRAVEL[resp]!;
              arrived = enroute + dur(vm, vs);
              cleared = arrived + dur(F.sceneMedian * SCENE_FACTOR[resp]!, SCENE_SIGMA);
              closed = cleared + (rng.next() < 0.6 ? rng.int(30) : dur(120, 1.2));
              disposition = resp === R_BCR ? bcrDisposition : F.disposition;
              if (rng.next() < MISSING_ENROUTE) enroute = -1;
            }
          }
        }
        let dispositionText =
          typeof disposition === 'string' ? disposition : disposition.values[disposition.table.pick(rng)]!;
        const du = rng.next();
        if (du < EMPTY_DISPOSITION) dispositionText = '';
        else if (du < EMPTY_DISPOSITION + DOUBLE_DISPOSITION)
          dispositionText = `"${dispositionText},INF-Information"`;

        if (arrived < 0) flags |= F_NO_ARRIVAL;
        else if (rng.next() < DIRT.arrivalBeforeReceived) {
          arrived = t - 60 - rng.int(1500);
          flags |= F_ARRIVAL_BEFORE;
        }

        // Where.
        let location: string;
        if (T.private) {
          location = areaOnly[T.spatial.pick(rng)]!;
          flags |= F_NO_LOCATION;
        } else if (rng.next() < DIRT.offPolygon) {
          location = edgeFragments[rng.int(edgeFragments.length)]!;
          flags |= F_OFF_POLYGON;
        } else location = fragments[T.spatial.pick(rng)]!;

        let received: string;
        if (gapRowsLeft > 0) {
          gapRowsLeft--;
          received = clock.formatLocal(clock.localSeconds(t) - HOUR);
          flags |= F_GAP;
        } else received = clock.format(t);
        if (rowsWritten === 0) firstReceived = received;
        lastReceived = received;

        seq++;
        const row =
          `${idYear}-${String(seq).padStart(idWidth, '0')},${received},${sourceNames[src]},${typeNames[typeIndex]},` +
          `${typeNames[finalIndex]},${PRIORITIES[ip]},${priority},${dispositionText},${responderNames[resp]},` +
          `${time(queued)},${time(dispatched)},${time(enroute)},${time(arrived)},${time(cleared)},` +
          `${clock.format(closed)},${location}\n`;
        chunk += row;
        rowsWritten++;
        responders[resp]!++;
        for (let f = 0; f < FLAG_COUNT; f++) if (flags & (1 << f)) flagCounts[f]!++;
        if (i < n - 1 && rng.next() < DIRT.duplicate) {
          duplicatePending = true;
          previousRow = row;
          previousFlags = flags;
        }

        if (chunk.length >= CHUNK_CHARS) {
          await writer.write(chunk);
          chunk = '';
          options.onProgress?.(rowsWritten, total);
        }
      }
    }
    await writer.write(chunk);
    await writer.close();
    for (const layer of layers) renameSync(partialPath(boundaries[layer]), boundaries[layer]);
    options.onProgress?.(rowsWritten, total);
  } catch (e) {
    await writer.abort();
    removePartials();
    throw e;
  } finally {
    forget();
  }

  const seconds = (performance.now() - began) / 1000;
  const count = (flag: number) => flagCounts[Math.log2(flag)]!;
  const responderCounts = Object.fromEntries(RESPONDER_TYPES.map((r, i) => [r, responders[i]!])) as Record<
    ResponderType,
    number
  >;
  return {
    out,
    boundaries,
    seed,
    time_zone: TIME_ZONE,
    start,
    end,
    first_received: firstReceived,
    last_received: lastReceived,
    rows: rowsWritten,
    calls: rowsWritten - duplicates,
    responders: responderCounts,
    diverted_share: (rowsWritten - duplicates - responderCounts.POLICE) / (rowsWritten - duplicates),
    no_arrival_rows: count(F_NO_ARRIVAL),
    type_changed_rows: count(F_CHANGED),
    dirt: {
      duplicate_rows: duplicates,
      dst_gap_rows: count(F_GAP),
      fall_back_hour_rows: count(F_FALL_BACK),
      arrival_before_received_rows: count(F_ARRIVAL_BEFORE),
      blank_priority_rows: count(F_BLANK_PRIORITY),
      off_polygon_rows: count(F_OFF_POLYGON),
      no_location_rows: count(F_NO_LOCATION),
    },
    bytes: statSync(out).size,
    seconds,
    rows_per_second: rowsWritten / Math.max(seconds, 1e-9),
  };
}

function compileModel(spatial: Record<(typeof SPATIAL_PROFILES)[number], AliasTable>) {
  const index = new Map(CALL_TYPES.map((t, i) => [t.name, i]));
  const dispositions = Object.fromEntries(
    Object.entries(DISPOSITION_MIXES).map(([name, mix]) => {
      const entries = Object.entries(mix) as [keyof typeof DISPOSITIONS, number][];
      return [
        name,
        {
          table: new AliasTable(entries.map(([, w]) => w)),
          values: entries.map(([code]) => csvField(DISPOSITIONS[code])),
        },
      ];
    }),
  ) as Record<DispositionMix, CompiledDisposition>;
  const find = (name: string, from: CallTypeSpec) => {
    const i = index.get(name);
    if (i === undefined) throw new Error(`call type ${from.name} becomes unknown type ${name}`);
    return i;
  };
  const types: CompiledType[] = CALL_TYPES.map((t) => {
    const becomes = t.becomes ?? [];
    const changeP = becomes.reduce((s, [, p]) => s + p, 0);
    return {
      csvName: csvField(t.name),
      priority: new AliasTable(t.priority),
      source: new AliasTable(SOURCE_MIXES[t.source]),
      alt: t.alt ? ALT_CODES[t.alt.to] : ALT_NONE,
      altShare: t.alt?.share ?? 0,
      altFinal: t.alt?.final ? find(t.alt.final, t) : -1,
      changeP,
      change: becomes.length > 0 ? new AliasTable(becomes.map(([, p]) => p)) : undefined,
      changeTo: becomes.map(([name]) => find(name, t)),
      disposition: dispositions[t.disposition],
      sceneMedian: t.scene * 60,
      cancel: t.cancel ?? 1,
      private: t.private ?? false,
      spatial: spatial[t.spatial],
    };
  });
  // One alias table per (time-of-day band, season band): the type mix shifts through the day and year.
  const typeTables: AliasTable[] = [];
  for (let band = 0; band < 4; band++)
    for (let season = 0; season < 3; season++)
      typeTables.push(
        new AliasTable(
          CALL_TYPES.map((t) => t.weight * TIME_OF_DAY[t.tod][band]! * SEASONS[t.season ?? 'none'][season]!),
        ),
      );
  return { types, typeTables, dispositions };
}

/** For messages: the file name without its folder. */
export function displayName(path: string): string {
  return basename(path);
}
