/**
 * Everything the report shows, gathered from a store in one place. The figures come from the analysis
 * library exactly as `safegap analyze` computes them: the same classification and interval limits
 * (store-inputs.ts), the same relation (prepareAnalysis) and the same tables (computeTables), so the two
 * agree by construction. A few breakdowns the library has no table for (calls by origin, category and
 * priority, areas with their diverted and eligible calls, hotspot cells) are plain SQL over the same
 * analysis relation; each says so.
 */
import { createHash } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  analysisWarnings,
  computeTables,
  periodNotes,
  publishableWarnings,
  sourceIdColumns,
  type AnalysisTables,
} from '../analyse/analyze.js';
import type { CapacityOptions } from '../analyse/capacity.js';
import {
  DEFAULT_DENOMINATOR,
  DENOMINATORS,
  alternativeResponders,
  NOT_DIVERTED,
  type AnalysisContext,
  type Denominator,
  type Period,
} from '../analyse/context.js';
import { counted, placeCountedSql } from '../analyse/counted.js';
import type { PeriodNote } from '../analyse/period-check.js';
import {
  areaNamingWarnings,
  parseBoundarySpec,
  type Area,
  type BoundaryLayer,
} from '../analyse/spatial-join.js';
import { prepareStoreAnalysis, receivedIs, type StoreClasses } from '../analyse/store-inputs.js';
import { INTERVALS, type ReceivedIs } from '../time/intervals.js';
import { CODES, ivColumn } from '../analyse/quality.js';
import { numberOf, queryRows } from '../store/duckdb.js';
import { attachCalls, type StoreState } from '../store/store.js';
import { ingestTotals, type IngestTotals } from '../store/summary.js';
import { ident, literal } from '../util/sql.js';
import { PHASES, type Phase } from '../analyse/context.js';
import type { EligibilityRule } from '../classify/taxonomy.js';
import { builtinProfileNames, loadProfile } from '../sources/load-profile.js';
import { THRESHOLD } from './suppress.js';

/**
 * Row accounting of the exports that made the store (every period: rows are read per file, not per day),
 * and the time-quality counts of the report period's calls (an outside auditor found the store's 2,625
 * negative intervals printed in a November report, which had 801).
 */
export type StoreQuality = IngestTotals & {
  period: Record<
    'dst_ambiguous_calls' | 'dst_gap_calls' | 'negative_interval_calls' | 'implausible_interval_calls',
    number
  >;
};

export interface DemandData {
  byOrigin: { origin: string; calls: number }[];
  /**
   * The denominator's calls by origin and responder, the cells of which the origin table and the responder
   * table are two margins (only those with calls): the public edition audits the two as one cross-table
   * (tester 365).
   */
  byOriginResponder: { origin: string; responder: string; calls: number }[];
  /** Denominator calls by analysis category of the initial type (null = unclassified). */
  byCategory: { category: string | null; calls: number; diverted: number }[];
  /**
   * Denominator calls by initial priority, or by the final one for a call without an initial (a source
   * that records only the final priority, as Seattle's and Burlington's do, read "(none)" for every call);
   * `fromFinal` counts those.
   */
  byPriority: { priority: string | null; calls: number; fromFinal: number }[];
  /** The most common initial call types of the denominator, as the city's CAD names them. */
  topTypes: {
    call_type: string;
    category: string | null;
    tier: string | null;
    calls: number;
    diverted: number;
  }[];
  /** Every initial call type of the denominator's calls, with its severity tier. */
  tierOfType: Map<string, string | null>;
  /** Denominator calls by category and severity tier of the initial call type. */
  byCategoryTier: { category: string | null; tier: string | null; calls: number }[];
}

export interface AreaRow {
  area: string;
  calls: number;
  diverted: number;
  eligible_near_term: number;
}

export interface HotspotCell {
  /** Grid cell centre, WGS84 degrees. */
  lon: number;
  lat: number;
  calls: number;
}

export interface ReportData {
  storeDir: string;
  storeVersion: string;
  sources: { source: string; calls: number }[];
  /** Each source's time zone (AnalysisContext.sourceZones): several are several cities' calls. */
  sourceZones: { source: string; zone: string }[];
  /**
   * The sources with a record received in the period, by name: the cover counts these, not the store's (a
   * store of Seattle's two sources, reported for a month only one covers, read "of 2 sources").
   */
  periodSources: string[];
  /**
   * The city the built-in profiles of the period's sources are of, when they all name the same one
   * (profileCity): the cover names it where no city settings do.
   */
  profileCity: string | null;
  /**
   * Per source, what its ingest runs read: the files by base name (a folder can name the analyst) with
   * their rows, and the profiles used (ingestedFiles). The sources' records alone did not tell a reader
   * that a report covered a 50,000-row cut of an export (tester 292).
   */
  ingested: IngestedSource[];
  /** What the calls' received times record, for the words of every interval from it. */
  receivedIs: ReceivedIs;
  classes: Omit<StoreClasses, 'taxonomy' | 'keyed' | 'warnings' | 'actualResponders' | 'files'>;
  categoryNames: Map<string, string>;
  /**
   * The categories each responder's eligibility rules draw from, by responder id and phase (the phases
   * cumulative), or null when a rule takes every category: a reader of the taxonomy knows that a
   * responder's eligible calls are some of these categories' calls (the public edition's audit, tester 109).
   */
  eligibleCategories: (responder: string, phase: Phase) => string[] | null;
  /**
   * The categories a responder's rules (up to a phase) take whole: a rule with no flag, code, tier or
   * priority condition takes every call of its categories, so the responder's eligible calls are at least
   * their sum, whatever its other rules add (tester 379: Fire / EMS, whose rule of medical calls of `all`
   * categories left it none above, gave 85 less Medical's 58 and Collision with injury's 21 as at least Fire,
   * hazard and rescue's hidden 5). `exact` when every rule takes its categories whole (none takes `all`):
   * the eligible calls are then exactly their sum.
   */
  wholeCategories: (responder: string, phase: Phase) => { categories: string[]; exact: boolean };
  responderNames: Map<string, string>;
  period: Period;
  denominator: { name: Denominator; label: string; calls: number };
  target: number;
  storeQuality: StoreQuality;
  analysisQuality: AnalysisContext['quality'];
  /** The analysis tables, as `safegap analyze` writes them. */
  tables: AnalysisTables;
  demand: DemandData;
  /** Calls by area, for every area column the data fills in (precinct, neighborhood...). */
  /**
   * Per area column: its rows, and the columns it nests in (each of its areas lies in one area of the
   * other, as sectors in precincts), with that area for each, so the public edition can protect the
   * sums of the finer areas against the coarser counts.
   */
  areas: {
    field: string;
    rows: AreaRow[];
    parents: { field: string; of: Record<string, string> }[];
    /**
     * The categories (of the initial call type, null for unclassified) none of whose counted calls has an
     * area in this column: exports leave out the place of private call types, so a reader who knows that
     * takes the row of calls without an area to hold these categories' calls (tester 169).
     */
    withoutArea: (string | null)[];
    /** A boundary layer placed by the calls' points (`--boundaries name=file`), not a column of the store. */
    byPoints: boolean;
  }[];
  /** The notes of `safegap analyze` (analysisWarnings), for the internal edition. */
  warnings: string[];
  /** The notes the public edition carries (publishableWarnings). */
  publicWarnings: string[];
  /**
   * The period's notes of each edition (periodNotes), also the first of its notes: the summary's "Read
   * first". Finding and advice apart: the public page prints the finding alone (noteText).
   */
  periodNotes: { internal: PeriodNote[]; public: PeriodNote[] };
  /**
   * The run's notes of calls a map leaves off (areas.ts), by edition and area column, as the last render
   * of the section set them: sections render more than once (cross-table suppression), and a note pushed
   * each time named, in a public run, a postal code the final tables withhold (tester 313).
   */
  offMapNotes: Map<string, string>;
  /** Calls per grid cell of about `cellKm`; empty when the calls carry no coordinates. */
  hotspots: {
    cellKm: number;
    cellDeg: { lon: number; lat: number };
    cells: HotspotCell[];
    withCoordinates: number;
    /** Calls with coordinates far outside where the others are (HOTSPOT_EXTENT), not drawn. */
    outsideExtent: number;
  };
  /** Boundary layers given, by the area column they draw (a store column or a spatial join). */
  boundaries: { field: string; areas: Area[] }[];
}

export interface IngestedSource {
  source: string;
  /**
   * Files read by the source's runs, oldest first: a file ingested twice (--again) is listed twice, with
   * the run that read it and its SHA-256, by which the method section tells it is the same file.
   */
  files: { name: string; rowsRead: number; loaded: number; run: number; sha256: string }[];
  /** The profiles the runs used, each once, as `profileName` words them. */
  profiles: string[];
}

/** A name as a file's last part: a profile's name written as a path names no folder (tester 283). */
const lastPart = (name: string) => name.split(/[\\/]/).filter(Boolean).at(-1) ?? name;

/**
 * A profile as the method section names it: `minneapolis-cad (built in)` when its text is a built-in
 * profile's as this safegap ships it, otherwise the name written in it. The store keeps no profile file's
 * path, only its text and name.
 */
function profileName(
  sha: string,
  recorded: { name: string } | undefined,
  builtins: Map<string, string>,
): string {
  const builtin = builtins.get(sha);
  if (builtin) return `${builtin} (built in)`;
  return recorded?.name ? `"${lastPart(recorded.name)}"` : 'not recorded';
}

let shas: Map<string, string> | undefined;

/**
 * The built-in profiles by the SHA-256 ingest records of a profile (ingest.ts, profileSha): loaded and hashed
 * once a process, since the files ship with the code and both the cover's city and the sources' list ask.
 */
function builtinShas(): Map<string, string> {
  if (shas) return shas;
  const out = new Map<string, string>();
  for (const name of builtinProfileNames()) {
    try {
      out.set(
        createHash('sha256')
          .update(JSON.stringify(loadProfile(name)))
          .digest('hex'),
        name,
      );
    } catch {
      // A built-in that does not load names nothing.
    }
  }
  shas = out;
  return out;
}

/**
 * The city each built-in profile's export is of. A city's name came only from its settings beside a
 * mapping (taxonomy/mappings/<city>.yaml), and Seattle has none: its cover named no city where
 * Minneapolis' and Burlington's did (tester 384). A profile's own `name` is the export's, not the city's.
 */
export const BUILTIN_PROFILE_CITIES: Readonly<Record<string, string>> = {
  'burlington-vt': 'Burlington VT',
  'minneapolis-cad': 'Minneapolis',
  'seattle-call-data': 'Seattle',
  'seattle-spd-dispatch': 'Seattle',
  'synthetic-city': 'Synthetic city',
};

/**
 * The city of the profiles that ingested `sources`, where every run of them used a built-in profile (as
 * shipped: the store keeps a profile's text, not its file) and all name the same city; else null. A
 * profile of one's own, or one edited, names no city, and two cities' sources name none (tester 344).
 */
export function profileCity(state: StoreState, sources: readonly string[]): string | null {
  const builtins = builtinShas();
  const cities = new Set(
    state.manifest.runs
      .filter((run) => sources.includes(run.source))
      .map((run) => BUILTIN_PROFILE_CITIES[builtins.get(run.profile_sha256) ?? ''] ?? null),
  );
  return cities.size === 1 ? [...cities][0]! : null;
}

/** What each source's ingest runs read, from the store's manifest (IngestedSource). */
export function ingestedFiles(state: StoreState): IngestedSource[] {
  const builtins = builtinShas();
  const out = new Map<string, IngestedSource>();
  for (const run of state.manifest.runs) {
    const s = out.get(run.source) ?? { source: run.source, files: [], profiles: [] };
    out.set(run.source, s);
    // A file skipped as already ingested read no row into the store.
    for (const f of run.files.filter((x) => !x.skipped))
      s.files.push({
        name: lastPart(f.name || f.path),
        rowsRead: f.rows_read,
        loaded: f.loaded,
        run: run.run,
        sha256: f.sha256,
      });
    const profile = profileName(run.profile_sha256, state.manifest.profiles[run.profile_sha256], builtins);
    if (!s.profiles.includes(profile)) s.profiles.push(profile);
  }
  return [...out.values()];
}

export interface GatherOptions {
  city?: string;
  mapping?: string;
  denominator?: Denominator;
  /** Diverted-share goal, 0-1 (Minneapolis set 20%). */
  target?: number;
  horizonYears?: number;
  capacity?: CapacityOptions;
  /** Repeat locations: fewest calls a listed block has, blocks listed per category. */
  minCount?: number;
  top?: number;
  from?: string;
  to?: string;
  /** Side of a hotspot grid cell, km. */
  hotspotCellKm?: number;
  /**
   * Boundary layers, `[name=]FILE[#property]` as `safegap analyze --boundaries` takes them. A layer named
   * after an area column of the store (precinct, neighborhood...) draws that column as a choropleth; any
   * other name is joined to the calls' coordinates first, as the analysis does.
   */
  boundaries?: (string | BoundaryLayer)[];
}

const num = (v: unknown) => numberOf(v);
const TOP_TYPES = 30;
const DIVERTED = `responder NOT IN (${NOT_DIVERTED.map(literal).join(', ')})`;

/** Calls by origin, category, priority and call type. Plain SQL: src/analyse has no such breakdowns; one scan. */
async function demand(ctx: AnalysisContext, where: string): Promise<DemandData> {
  // One scan: origin counts every call (the denominator is about origin), the rest only the denominator's.
  const rows = await queryRows<Record<string, unknown>>(
    ctx.conn,
    `SELECT GROUPING(origin, category, pri, call_type_initial, tier) AS g, origin, category,
       pri, call_type_initial, tier, any_value(category) AS type_category, any_value(tier) AS type_tier,
       sum(_n)::DOUBLE AS all_calls,
       coalesce(sum(_n) FILTER (WHERE ${where}), 0)::DOUBLE AS calls,
       coalesce(sum(_n) FILTER (WHERE ${where} AND pri_final), 0)::DOUBLE AS from_final,
       coalesce(sum(_n) FILTER (WHERE ${where} AND ${DIVERTED}), 0)::DOUBLE AS diverted
     FROM (SELECT *, coalesce(priority_initial, priority) AS pri,
             priority_initial IS NULL AND priority IS NOT NULL AS pri_final
           FROM ${await counted(ctx)})
     GROUP BY GROUPING SETS ((origin), (category), (pri), (call_type_initial), (category, tier))`,
  );
  // GROUPING() is a bit mask over (origin, category, pri, call_type_initial, tier), first = highest.
  const only = (...bits: number[]) => bits.reduce((m, bit) => m ^ (1 << (4 - bit)), 0b11111);
  const pick = (...bits: number[]) => rows.filter((r) => num(r.g) === only(...bits));
  const byOrigin = pick(0)
    .map((r) => ({ origin: (r.origin as string | null) ?? 'unknown', calls: num(r.all_calls) }))
    // Ties by name: the rows of a GROUPING SETS query come in no set order (tester 255, docs/report.md).
    .sort((a, b) => b.calls - a.calls || a.origin.localeCompare(b.origin, 'en'));
  const byCategory = pick(1)
    .filter((r) => num(r.calls) > 0)
    .map((r) => ({
      category: (r.category as string | null) ?? null,
      calls: num(r.calls),
      diverted: num(r.diverted),
    }))
    .sort((a, b) => b.calls - a.calls || String(a.category).localeCompare(String(b.category), 'en'));
  const byPriority = pick(2)
    .filter((r) => num(r.calls) > 0)
    .map((r) => ({
      priority: (r.pri as string | null) ?? null,
      calls: num(r.calls),
      fromFinal: num(r.from_final),
    }))
    .sort((a, b) => String(a.priority).localeCompare(String(b.priority), 'en', { numeric: true }));
  const topTypes = pick(3)
    .filter((r) => num(r.calls) > 0)
    .map((r) => ({
      call_type: (r.call_type_initial as string | null) ?? '(none)',
      category: (r.type_category as string | null) ?? null,
      tier: (r.type_tier as string | null) ?? null,
      calls: num(r.calls),
      diverted: num(r.diverted),
    }))
    .sort((a, b) => b.calls - a.calls || a.call_type.localeCompare(b.call_type, 'en'));
  const byCategoryTier = pick(1, 4)
    .filter((r) => num(r.calls) > 0)
    .map((r) => ({
      category: (r.category as string | null) ?? null,
      tier: (r.tier as string | null) ?? null,
      calls: num(r.calls),
    }));
  // The origin table's rows (null read as `unknown`, as there) by the responder table's (store values).
  const byOriginResponder = (
    await queryRows<Record<string, unknown>>(
      ctx.conn,
      `SELECT coalesce(origin, 'unknown') AS origin, responder, sum(_n)::DOUBLE AS calls
       FROM ${await counted(ctx)} WHERE ${where} GROUP BY ALL HAVING sum(_n) > 0 ORDER BY ALL`,
    )
  ).map((r) => ({ origin: String(r.origin), responder: String(r.responder), calls: num(r.calls) }));
  return {
    byOrigin,
    byOriginResponder,
    byCategory,
    byPriority,
    topTypes: topTypes.slice(0, TOP_TYPES),
    tierOfType: new Map(topTypes.map((t) => [t.call_type, t.tier])),
    byCategoryTier,
  };
}

/** Share of an area's calls that must lie in one area of another column for the first to nest in it. */
const NESTED = 0.95;

/**
 * Calls, diverted calls and near-term eligible calls by each area column. Plain SQL: the library's
 * demand_by_area counts calls by area and category, without the diversion and eligibility figures.
 */
async function areas(
  ctx: AnalysisContext,
  where: string,
): Promise<Omit<ReportData['areas'][number], 'byPoints'>[]> {
  if (!ctx.areas.length) return [];
  const alts = alternativeResponders(ctx.responders).map((r) => literal(r.id));
  // One scan for every area column: a grouping set each, told apart by GROUPING().
  const cols = ctx.areas.map(ident);
  const rows = await queryRows<Record<string, unknown>>(
    ctx.conn,
    `SELECT GROUPING(${cols.join(', ')}) AS g, ${cols.map((c, i) => `${c} AS a${i}`).join(', ')},
       sum(_n)::DOUBLE AS calls, coalesce(sum(_n) FILTER (WHERE diverted), 0)::DOUBLE AS diverted,
       coalesce(sum(_n) FILTER (WHERE eligible), 0)::DOUBLE AS eligible_near_term
     FROM ${placeCountedSql(ctx, {
       counted: where,
       diverted: DIVERTED,
       eligible: `list_has_any(eligible_near_term, [${alts.join(', ')}]::VARCHAR[])`,
     })} WHERE counted
     GROUP BY GROUPING SETS (${cols.map((c) => `(${c})`).join(', ')})`,
  );
  const n = cols.length;
  const full = (1 << n) - 1;
  // The combinations of areas and categories among the counted calls, with their calls. Where (nearly) every call of each
  // area of one column lies in one area of another, the first nests in the second: its areas add up to
  // the other's, but for a few calls, which is near enough to pin a hidden cell down.
  const combos = await queryRows<Record<string, unknown>>(
    ctx.conn,
    `SELECT ${cols.map((c, i) => `${c} AS a${i}`).join(', ')}, _category, sum(_n)::DOUBLE AS n
     FROM ${placeCountedSql(ctx, { counted: where, _category: 'category' })} WHERE counted GROUP BY ALL`,
  );
  // The categories none of whose calls has an area in column i.
  const withoutArea = (i: number) => {
    const placed = new Set(combos.filter((c) => c[`a${i}`] != null).map((c) => c._category));
    return [...new Set(combos.map((c) => c._category))]
      .filter((c) => !placed.has(c))
      .map((c) => (c as string | null) ?? null);
  };
  const parentsOf = (i: number) =>
    ctx.areas.flatMap((field, j) => {
      if (j === i) return [];
      const of = new Map<string, Map<string, number>>();
      for (const c of combos) {
        const [b, a] = [c[`a${i}`], c[`a${j}`]];
        if (b === null || b === undefined || a === null || a === undefined) continue;
        const inB = of.get(String(b)) ?? new Map<string, number>();
        inB.set(String(a), (inB.get(String(a)) ?? 0) + num(c.n));
        of.set(String(b), inB);
      }
      // Decided area by area: one sector straddling two precincts leaves the others nested (judged for the
      // whole column, it left every precinct's sectors unprotected).
      const parent = new Map<string, string>();
      for (const [b, inB] of of) {
        const [top, n] = [...inB].sort((x, y) => y[1] - x[1])[0]!;
        const all = [...inB.values()].reduce((s, x) => s + x, 0);
        if (n >= NESTED * all) parent.set(b, top);
      }
      // One area containing every other (a city column, a layer of one area) nests them too: left out, a
      // layer of one area drawn around all cells but one and a block gave the block's calls (tester 84).
      if (parent.size < 2) return [];
      return [{ field, of: Object.fromEntries(parent) }];
    });
  return ctx.areas.map((field, i) => ({
    field,
    parents: parentsOf(i),
    withoutArea: withoutArea(i),
    rows: rows
      .filter((r) => num(r.g) === (full ^ (1 << (n - 1 - i))) && r[`a${i}`] !== null)
      .map((r) => ({
        area: String(r[`a${i}`]),
        calls: num(r.calls),
        diverted: num(r.diverted),
        eligible_near_term: num(r.eligible_near_term),
      }))
      .sort((a, b) => b.calls - a.calls || a.area.localeCompare(b.area, 'en')),
  }));
}

/**
 * The hotspot grid covers the box from the 0.5th to the 99.5th percentile of the calls' latitudes and
 * longitudes, widened by its own size on every side (at least 0.1 degrees, about 11 km). A call outside
 * is far from all the others: often a geocoding error (an address matched in another city), or a call
 * out of town; drawn, one such point would shrink the city to a corner of the map. Those calls are
 * counted and said, not drawn.
 */
export const HOTSPOT_EXTENT = { quantile: 0.005, widen: 1, minPadDeg: 0.1 } as const;

/**
 * Calls per grid cell. Plain SQL: the library has no hotspot grid. Everything is counted per place (a
 * few thousand distinct points even for ten million calls), weighted by the place's calls: the same
 * figures as over the calls, without holding every call's coordinates for the percentiles.
 */
async function hotspots(
  ctx: AnalysisContext,
  where: string,
  cellKm: number,
): Promise<ReportData['hotspots']> {
  const hp = ident(`${ctx.relation.replaceAll('"', '')}_hotspot_places`);
  await ctx.conn.run(
    `CREATE OR REPLACE TEMP TABLE ${hp} AS SELECT lat, lon, _n AS n
     FROM ${placeCountedSql(ctx, { _in: where })} WHERE _in AND lat IS NOT NULL AND lon IS NOT NULL`,
  );
  const q = HOTSPOT_EXTENT.quantile;
  // Nearest rank: the value whose place in the sorted calls is ceil(q * calls), counted by places.
  const rank = (col: string, p: number) => `(SELECT min(${col}) FROM (
      SELECT ${col}, sum(n) OVER (ORDER BY ${col} ROWS UNBOUNDED PRECEDING) AS cum FROM ${hp})
    WHERE cum >= greatest(1, ceil(${p} * (SELECT sum(n) FROM ${hp}))))`;
  const [e] = await queryRows<{ lat0: number; lat1: number; lon0: number; lon1: number; n: number }>(
    ctx.conn,
    `SELECT ${rank('lat', q)} AS lat0, ${rank('lat', 1 - q)} AS lat1, ${rank('lon', q)} AS lon0,
       ${rank('lon', 1 - q)} AS lon1, (SELECT coalesce(sum(n), 0) FROM ${hp})::DOUBLE AS n`,
  );
  const withCoordinates = num(e?.n);
  const empty = { lat: cellKm / 111.32, lon: cellKm / 111.32 };
  if (!withCoordinates || !e) return { cellKm, cellDeg: empty, cells: [], withCoordinates, outsideExtent: 0 };
  const pad = (lo: number, hi: number) =>
    Math.max((hi - lo) * HOTSPOT_EXTENT.widen, HOTSPOT_EXTENT.minPadDeg);
  const inExtent = `lat BETWEEN ${e.lat0 - pad(e.lat0, e.lat1)} AND ${e.lat1 + pad(e.lat0, e.lat1)}
    AND lon BETWEEN ${e.lon0 - pad(e.lon0, e.lon1)} AND ${e.lon1 + pad(e.lon0, e.lon1)}`;
  const [c] = await queryRows<{ lat: number | null; n: number }>(
    ctx.conn,
    // The mean is taken in DECIMAL, exactly, so it does not depend on the order threads add in, and
    // neither do the cell sizes derived from it: the same store gives the same map, byte for byte.
    `SELECT (sum(CAST(lat AS DECIMAL(18, 9)) * CAST(n AS BIGINT)) / sum(CAST(n AS BIGINT)))::DOUBLE AS lat,
       sum(n)::DOUBLE AS n FROM ${hp} WHERE ${inExtent}`,
  );
  const lat0 = c?.lat ?? 0;
  // Degrees per km: 1/111.32 of latitude; longitude shrinks with cos(latitude).
  const cellDeg = {
    lat: cellKm / 111.32,
    lon: cellKm / (111.32 * Math.max(0.1, Math.cos((lat0 * Math.PI) / 180))),
  };
  const cells = await queryRows<HotspotCell>(
    ctx.conn,
    `SELECT ((floor(lon / ${cellDeg.lon}) + 0.5) * ${cellDeg.lon})::DOUBLE AS lon,
       ((floor(lat / ${cellDeg.lat}) + 0.5) * ${cellDeg.lat})::DOUBLE AS lat, sum(n)::DOUBLE AS calls
     FROM ${hp} WHERE ${inExtent}
     GROUP BY floor(lon / ${cellDeg.lon}), floor(lat / ${cellDeg.lat})
     ORDER BY lon, lat`,
  );
  return { cellKm, cellDeg, cells, withCoordinates, outsideExtent: withCoordinates - num(c?.n) };
}

export async function gatherReportData(
  conn: DuckDBConnection,
  state: StoreState,
  options: GatherOptions = {},
): Promise<ReportData> {
  const denominatorName = options.denominator ?? DEFAULT_DENOMINATOR;
  const target = options.target ?? 0.2;
  const layers = (options.boundaries ?? []).map((b) => (typeof b === 'string' ? parseBoundarySpec(b) : b));
  const {
    ctx,
    classes,
    areas: joins,
    boundaries,
  } = await prepareStoreAnalysis(conn, state, {
    ...(options.city ? { city: options.city } : {}),
    ...(options.mapping ? { mapping: options.mapping } : {}),
    ...(options.from !== undefined ? { from: options.from } : {}),
    ...(options.to !== undefined ? { to: options.to } : {}),
    boundaries: layers,
  });
  const tables = await computeTables(ctx, {
    denominator: denominatorName,
    target,
    ...(options.horizonYears !== undefined ? { horizonYears: options.horizonYears } : {}),
    ...(options.capacity ? { capacity: options.capacity } : {}),
    ...(options.minCount !== undefined ? { minCount: options.minCount } : {}),
    ...(options.top !== undefined ? { top: options.top } : {}),
  });
  const where = DENOMINATORS[denominatorName].where;
  const all = tables.diverted_share.rows.find(
    (r) => r.denominator === denominatorName && r.period === 'all' && r.responder === 'all_diverted',
  );
  const inPeriod = await periodSources(conn, state, ctx.period);
  const { taxonomy } = classes;
  const classInfo = {
    city: classes.city,
    cityName: classes.cityName,
    mappingFile: classes.mappingFile,
    settingsFile: classes.settingsFile,
    types: classes.types,
    automaticTypes: classes.automaticTypes,
    unreviewedTypes: classes.unreviewedTypes,
    setupNotes: classes.setupNotes,
  };
  return {
    storeDir: state.dir,
    storeVersion: state.manifest.version,
    sources: Object.entries(state.manifest.sources).map(([source, s]) => ({ source, calls: s.calls })),
    sourceZones: ctx.sourceZones,
    ingested: ingestedFiles(state),
    receivedIs: receivedIs(state),
    classes: classInfo,
    categoryNames: new Map(taxonomy.categories.map((c) => [c.id, c.name])),
    eligibleCategories: (responder, phase) => {
      const rules = rulesOf(taxonomy.rules, responder, phase);
      return rules.some((r) => r.categories === 'all')
        ? null
        : [...new Set(rules.flatMap((r) => r.categories as string[]))];
    },
    wholeCategories: (responder, phase) => {
      const rules = rulesOf(taxonomy.rules, responder, phase);
      const takesWhole = (r: EligibilityRule) =>
        r.categories !== 'all' &&
        !r.unless.length &&
        !r.requires.length &&
        !r.codes?.length &&
        r.maxTier === undefined &&
        !r.nonEmergencyOnly;
      const whole = rules.filter(takesWhole);
      return {
        categories: [...new Set(whole.flatMap((r) => r.categories as string[]))],
        exact: whole.length === rules.length,
      };
    },
    responderNames: new Map(ctx.responders.map((r) => [r.id, r.name])),
    period: ctx.period,
    warnings: await analysisWarnings(
      ctx,
      tables,
      joins,
      classes,
      denominatorName,
      sourceIdColumns(state.manifest),
    ),
    offMapNotes: new Map(),
    publicWarnings: [
      ...(await publishableWarnings(ctx, tables, THRESHOLD, denominatorName)),
      ...areaNamingWarnings(
        joins,
        boundaries.filter((b) => !joins.some((j) => j.name === b.layer.name)),
      ),
    ],
    periodNotes: {
      internal: await periodNotes(ctx, tables),
      public: await periodNotes(ctx, tables, THRESHOLD),
    },
    denominator: {
      name: denominatorName,
      label: DENOMINATORS[denominatorName].label,
      calls: all?.denominator_calls ?? 0,
    },
    target,
    storeQuality: await storeQuality(conn, state, ctx),
    periodSources: inPeriod,
    profileCity: profileCity(state, inPeriod),
    analysisQuality: ctx.quality,
    tables,
    demand: await demand(ctx, where),
    areas: (await areas(ctx, where)).map((a) => ({ ...a, byPoints: joins.some((j) => j.name === a.field) })),
    hotspots: await hotspots(ctx, where, options.hotspotCellKm ?? 0.5),
    boundaries: boundaries.map((b) => ({ field: b.layer.name, areas: b.areas })),
  };
}

/** A responder's rules up to a phase (the phases cumulative); any alternative's are every non-police one's. */
function rulesOf(rules: readonly EligibilityRule[], responder: string, phase: Phase): EligibilityRule[] {
  return rules.filter(
    (r) =>
      (responder === 'any_alternative' ? r.responder !== 'police' : r.responder === responder) &&
      PHASES.indexOf(r.phase) <= PHASES.indexOf(phase),
  );
}

/**
 * The sources with a record received in the period: the records of every source, before linking, so that a
 * source whose calls the period's are linked to still counts as a source of them.
 */
async function periodSources(conn: DuckDBConnection, state: StoreState, period: Period): Promise<string[]> {
  await attachCalls(conn, state, '_sg_store_calls');
  const rows = await queryRows<{ source: string }>(
    conn,
    `SELECT DISTINCT source FROM _sg_store_calls
     WHERE received_local >= ${literal(period.from)}::TIMESTAMP
       AND received_local < ${literal(period.from)}::TIMESTAMP + INTERVAL (${period.days}) DAY
     ORDER BY 1`,
  );
  return rows.map((r) => r.source);
}

/**
 * The store's row accounting, and the time flags of the period's calls. A call in two sources is one call
 * (a crisis team's log beside the CAD counted 2,700 "calls" with a negative interval for 2,676): the
 * intervals are judged as the analysis judges them, on the call's times after linking (the coded
 * intervals of the per-call table, over the CAD intervals ingest flags, docs/time.md); a DST hour is a
 * call's when any of its records has a time in it.
 */
async function storeQuality(
  conn: DuckDBConnection,
  state: StoreState,
  ctx: AnalysisContext,
): Promise<StoreQuality> {
  const { period } = ctx;
  const { rows_read, loaded, quarantined, duplicates, replaced } = ingestTotals(state);
  await attachCalls(conn, state, '_sg_store_calls');
  const linked = ctx.quality.linked_duplicates > 0;
  const flag = (f: string) =>
    linked
      ? `count(DISTINCT source_call_id) FILTER (WHERE list_contains(time_flags, ${literal(f)}))::DOUBLE`
      : `count(*) FILTER (WHERE list_contains(time_flags, ${literal(f)}))::DOUBLE`;
  const any = (code: number) => INTERVALS.map((i) => `${ivColumn(i.name)} = ${code}`).join(' OR ');
  const [r] = await queryRows<Record<string, number>>(
    conn,
    `SELECT ${flag('dst_ambiguous')} AS dst_ambiguous_calls, ${flag('dst_gap')} AS dst_gap_calls,
       any_value(i.negative)::DOUBLE AS negative_interval_calls,
       any_value(i.implausible)::DOUBLE AS implausible_interval_calls
     FROM _sg_store_calls, (
       -- One scan of the per-call table for both counts.
       SELECT count(*) FILTER (WHERE ${any(CODES.negative)}) AS negative,
         count(*) FILTER (WHERE ${any(CODES.implausible)}) AS implausible
       FROM ${ctx.parts.calls}) i
     WHERE received_local >= ${literal(period.from)}::TIMESTAMP
       AND received_local < ${literal(period.from)}::TIMESTAMP + INTERVAL (${period.days}) DAY`,
  );
  const n = (k: string) => numberOf(r?.[k]);
  return {
    rows_read,
    loaded,
    quarantined,
    duplicates,
    replaced,
    period: {
      dst_ambiguous_calls: n('dst_ambiguous_calls'),
      dst_gap_calls: n('dst_gap_calls'),
      negative_interval_calls: n('negative_interval_calls'),
      implausible_interval_calls: n('implausible_interval_calls'),
    },
  };
}
