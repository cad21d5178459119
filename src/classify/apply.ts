/**
 * Applies a city mapping to the store: one row per call in `call_classes`, computed by joining `calls`
 * to a small per-type table, so the per-call work is vectorised SQL (10M calls in seconds), never JS.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { classifyType, type ClassifierIndex } from './classifier.js';
import { eligibilityOf } from './eligibility.js';
import { entryFromClassification } from './auto-map.js';
import { typeKey } from './normalise.js';
import { UNMAPPABLE, type CitySettings, type MappingEntry } from './mapping-file.js';
import type { Taxonomy } from './taxonomy.js';
import { ident, literal } from '../util/sql.js';
import { relationColumns } from '../store/duckdb.js';

export interface ApplyOptions {
  settings?: CitySettings;
  /** Classify types the mapping lacks (provenance automatic); otherwise they stay unmapped (null category). */
  index?: ClassifierIndex;
  /** Table or view holding the calls; `calls` by default. */
  callsRelation?: string;
  /** Output table; `call_classes` by default. */
  table?: string;
}

export interface ApplySummary {
  calls: number;
  types: number;
  /** Distinct raw types the mapping did not have, classified automatically or left unmapped. */
  unmappedTypes: string[];
  /**
   * Distinct raw types the mapping lists but nobody reviewed (provenance automatic, as `classify auto`
   * writes them): classified by the classifier's guess as surely as the unmapped ones (tester 120).
   */
  unreviewedTypes: number;
}

interface TypeRow {
  type_value: string;
  category: string | null;
  vera_category: string | null;
  tier: string | null;
  apco_code: string | null;
  confidence: number | null;
  provenance: string | null;
  handled_by: string | null;
  e_cur: string[];
  e_cur_ne: string[];
  e_near: string[];
  e_near_ne: string[];
  e_pot: string[];
  e_pot_ne: string[];
}

function listSql(v: string[]): string {
  return `[${v.map(literal).join(', ')}]::VARCHAR[]`;
}

function nullable(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return 'NULL';
  return typeof v === 'number' ? String(v) : literal(v);
}

/** Mapping entry for a type value: exact raw match, else the same lookup key (another suffix or case). */
export function resolveEntry(entries: readonly MappingEntry[]): (value: string) => MappingEntry | undefined {
  const byRaw = new Map(entries.map((e) => [e.rawType, e]));
  const byKey = new Map<string, MappingEntry>();
  for (const e of entries) {
    const k = typeKey(e.rawType);
    const prior = byKey.get(k);
    if (!prior || (prior.provenance !== 'reviewed' && e.provenance === 'reviewed')) byKey.set(k, e);
  }
  return (value) => byRaw.get(value) ?? byKey.get(typeKey(value));
}

/** What a row says of a type, for telling rows of one type apart: all but its spelling and provenance. */
export const meaning = (e: MappingEntry) =>
  JSON.stringify([
    e.category,
    e.tier,
    e.apcoCode ?? '',
    [...e.flags].sort(),
    e.handledBy ?? '',
    e.eligibleOverride,
  ]);

/**
 * Types of `values` that no row lists as written, matched by their lookup key to one row where other rows
 * of that key classify them otherwise (`unwanted person (p)` beside `Unwanted Person (P)`, disturbance, and
 * `UNWANTED PERSON (P)`, behavioural health): resolveEntry's choice was made in silence (tester 307).
 */
export function ambiguousMatches(
  entries: readonly MappingEntry[],
  values: readonly string[],
): { value: string; used: MappingEntry; others: MappingEntry[] }[] {
  const byRaw = new Set(entries.map((e) => e.rawType));
  const byKey = new Map<string, MappingEntry[]>();
  for (const e of entries) byKey.set(typeKey(e.rawType), [...(byKey.get(typeKey(e.rawType)) ?? []), e]);
  const lookup = resolveEntry(entries);
  return values.flatMap((value) => {
    if (byRaw.has(value)) return [];
    const used = lookup(value);
    const others = (byKey.get(typeKey(value)) ?? []).filter(
      (e) => e !== used && meaning(e) !== meaning(used!),
    );
    return used && others.length ? [{ value, used, others }] : [];
  });
}

export async function applyClassification(
  conn: DuckDBConnection,
  tax: Taxonomy,
  entries: readonly MappingEntry[],
  options: ApplyOptions = {},
): Promise<ApplySummary> {
  const calls = options.callsRelation ?? 'calls';
  const out = options.table ?? 'call_classes';
  const settings = options.settings ?? { emergencyPriorities: [], actualResponderRules: [] };
  const cols = await relationColumns(conn, calls);
  const col = (name: string) => (cols.has(name) ? `c.${ident(name)}` : 'NULL::VARCHAR');
  // The raw value is what the mapping lists; the profile-normalised value is the fallback for sources without it.
  // A leading byte-order mark goes: DuckDB's client gives JavaScript every text without one, so the value
  // listed here and the value joined on differed, and `\uFEFFCheck the Welfare (P)` beside `Check the
  // Welfare (P)` listed one type twice, an internal error of every analysis of the store (tester 300).
  const bomless = (e: string) => `ltrim(${e}, chr(65279))`;
  const initialExpr = bomless(`coalesce(${col('call_type_initial_raw')}, ${col('call_type_initial')})`);
  const finalExpr = bomless(
    `coalesce(${col('call_type_final_raw')}, ${col('call_type_final')}, ${initialExpr})`,
  );
  const distinct = await conn.runAndReadAll(
    `SELECT DISTINCT v FROM (SELECT ${initialExpr} AS v FROM ${calls} c UNION ALL SELECT ${finalExpr} FROM ${calls} c) WHERE v IS NOT NULL`,
  );
  const values = (distinct.getRowObjectsJson() as { v: string }[]).map((r) => r.v);
  const lookup = resolveEntry(entries);
  const unmappedTypes: string[] = [];
  let unreviewedTypes = 0;
  const rows: TypeRow[] = [];
  for (const v of values) {
    let e = lookup(v);
    if (e && e.provenance !== 'reviewed') unreviewedTypes++;
    if (!e) {
      unmappedTypes.push(v);
      if (options.index) e = entryFromClassification(classifyType(options.index, v));
    }
    if (!e) {
      rows.push({
        type_value: v,
        category: null,
        vera_category: null,
        tier: null,
        apco_code: null,
        confidence: null,
        provenance: null,
        handled_by: null,
        e_cur: [],
        e_cur_ne: [],
        e_near: [],
        e_near_ne: [],
        e_pot: [],
        e_pot_ne: [],
      });
      continue;
    }
    const category = e.category === UNMAPPABLE ? 'other' : e.category;
    const el = eligibilityOf(tax, e);
    rows.push({
      type_value: v,
      category,
      vera_category: tax.categoryById.get(category)?.veraCategory ?? null,
      tier: e.tier,
      apco_code: e.apcoCode ?? null,
      confidence: e.confidence,
      provenance: e.provenance,
      handled_by: e.handledBy
        ? (tax.responders.find((r) => r.id === e.handledBy)?.storeResponder ?? e.handledBy)
        : null,
      e_cur: el.current.always,
      e_cur_ne: el.current.nonEmergency,
      e_near: el.near_term.always,
      e_near_ne: el.near_term.nonEmergency,
      e_pot: el.potential.always,
      e_pot_ne: el.potential.nonEmergency,
    });
  }
  await conn.run(`CREATE OR REPLACE TEMP TABLE _safegap_type_classes (
    type_value VARCHAR PRIMARY KEY, category VARCHAR, vera_category VARCHAR, tier VARCHAR, apco_code VARCHAR,
    confidence DOUBLE, provenance VARCHAR, handled_by VARCHAR, e_cur VARCHAR[], e_cur_ne VARCHAR[],
    e_near VARCHAR[], e_near_ne VARCHAR[], e_pot VARCHAR[], e_pot_ne VARCHAR[])`);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await conn.run(
      `INSERT INTO _safegap_type_classes VALUES ${chunk
        .map(
          (r) =>
            `(${[r.type_value, r.category, r.vera_category, r.tier, r.apco_code, r.confidence, r.provenance, r.handled_by].map(nullable).join(', ')}, ${[r.e_cur, r.e_cur_ne, r.e_near, r.e_near_ne, r.e_pot, r.e_pot_ne].map(listSql).join(', ')})`,
        )
        .join(',\n')}`,
    );
  }
  const priority = cols.has('priority_initial')
    ? `coalesce(c.priority_initial, ${col('priority')})`
    : col('priority');
  const emergency = settings.emergencyPriorities.length
    ? `coalesce(trim(CAST(${priority} AS VARCHAR)) IN (${settings.emergencyPriorities.map(literal).join(', ')}), false)`
    : 'false';
  const elig = (a: string, ne: string) =>
    `CASE WHEN ${emergency} THEN i.${a} ELSE list_concat(i.${a}, i.${ne}) END`;
  const ruleCases = settings.actualResponderRules
    .filter((r) => cols.has(r.column.toLowerCase()))
    .map(
      (r) =>
        `WHEN regexp_matches(CAST(c.${ident(r.column.toLowerCase())} AS VARCHAR), ${literal(r.matches)}, 'i') THEN ${literal(tax.responders.find((x) => x.id === r.responder)?.storeResponder ?? r.responder)}`,
    )
    .join(' ');
  const storeResponder = cols.has('responder') ? 'c.responder' : 'NULL::VARCHAR';
  // Precedence: a type that itself designates a team (final type), then the city's call-level rules, then
  // what the ingest profile found when it is not the default police/unknown, else police.
  const actual = `CASE WHEN f.handled_by IS NOT NULL THEN f.handled_by ${ruleCases}
    WHEN ${storeResponder} IS NOT NULL AND ${storeResponder} NOT IN ('police', 'unknown') THEN ${storeResponder}
    ELSE 'police' END`;
  await conn.run(`CREATE OR REPLACE TABLE ${ident(out)} AS
    SELECT c.call_id,
      i.category, i.vera_category, i.tier, i.apco_code, i.confidence, i.provenance,
      f.category AS final_category,
      ${elig('e_cur', 'e_cur_ne')} AS eligible_current,
      ${elig('e_near', 'e_near_ne')} AS eligible_near_term,
      ${elig('e_pot', 'e_pot_ne')} AS eligible_potential,
      ${actual} AS actual_responder
    FROM ${calls} c
    LEFT JOIN _safegap_type_classes i ON i.type_value = ${initialExpr}
    LEFT JOIN _safegap_type_classes f ON f.type_value = ${finalExpr}`);
  const n = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${ident(out)}`);
  await conn.run('DROP TABLE IF EXISTS _safegap_type_classes');
  return {
    calls: Number((n.getRowObjectsJson()[0] as { n: string }).n),
    types: values.length,
    unmappedTypes,
    unreviewedTypes,
  };
}
