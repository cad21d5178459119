/**
 * Fixtures for the analysis tests: hand-made calls written as a canonical `calls` table, a hand-made
 * classification table, and the real Minneapolis file ingested into a temporary store.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { MonthlyRow } from '../../src/analyse/demand.js';
import { CALL_COLUMNS } from '../../src/store/calls-schema.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

export interface FixtureCall {
  id: string;
  source?: string;
  /** Local wall-clock time, 'YYYY-MM-DD HH:MM'; the fixtures treat local time as UTC. */
  at: string;
  /** Minutes after received for each stage that happened. */
  stages?: Partial<Record<'queued' | 'assigned' | 'enroute' | 'arrived' | 'cleared' | 'closed', number>>;
  type?: string;
  final?: string;
  priority?: string;
  priority_initial?: string;
  origin?: string;
  responder?: string;
  disposition_class?: string;
  cancel_reason?: string;
  precinct?: string;
  neighborhood?: string;
  block_address?: string;
  lat?: number;
  lon?: number;
}

const lit = (v: string | number | undefined | null, type: string) =>
  v === undefined || v === null
    ? `NULL::${type}`
    : typeof v === 'number'
      ? `${v}::${type}`
      : `'${v.replaceAll("'", "''")}'::${type}`;

/** A `calls` table with every canonical column, from hand-made calls. */
export async function fixtureCalls(
  conn: DuckDBConnection,
  calls: FixtureCall[],
  name = 'calls',
): Promise<void> {
  const rows = calls.map((c) => {
    const base = Date.parse(`${c.at.replace(' ', 'T')}:00Z`);
    const stage = (s: keyof NonNullable<FixtureCall['stages']>) => {
      const m = c.stages?.[s];
      return m === undefined
        ? undefined
        : new Date(base + m * 60_000).toISOString().replace('T', ' ').replace('Z', '+00');
    };
    const source = c.source ?? 'fixture';
    const values: Record<string, string | number | undefined> = {
      call_id: `${source}:${c.id}`,
      source,
      source_call_id: c.id,
      received_at: `${c.at}:00+00`,
      received_local: `${c.at}:00`,
      time_zone: 'UTC',
      call_type_initial_raw: c.type,
      call_type_initial: c.type,
      call_type_final_raw: c.final ?? c.type,
      call_type_final: c.final ?? c.type,
      priority_initial: c.priority_initial ?? c.priority,
      priority: c.priority,
      origin: c.origin ?? '911',
      disposition_class: c.disposition_class ?? 'other',
      cancel_reason: c.cancel_reason,
      responder: c.responder ?? 'police',
      queued_at: stage('queued'),
      assigned_at: stage('assigned'),
      enroute_at: stage('enroute'),
      arrived_at: stage('arrived'),
      cleared_at: stage('cleared'),
      closed_at: stage('closed'),
      precinct: c.precinct,
      neighborhood: c.neighborhood,
      block_address: c.block_address,
      lat: c.lat,
      lon: c.lon,
    };
    return `(${CALL_COLUMNS.map((col) =>
      col.type === 'VARCHAR[]' ? '[]::VARCHAR[]' : lit(values[col.name], col.type),
    ).join(', ')})`;
  });
  await conn.run(
    `CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES ${rows.join(',\n')}) t(${CALL_COLUMNS.map((c) => c.name).join(', ')})`,
  );
}

export interface FixtureClass {
  id: string;
  source?: string;
  category?: string | null;
  tier?: string | null;
  current?: string[];
  near_term?: string[];
  potential?: string[];
  actual_responder?: string | null;
  final_category?: string | null;
}

/** A classification table meeting the analysis contract (src/analyse/context.ts CLASSES_CONTRACT). */
export async function fixtureClasses(
  conn: DuckDBConnection,
  classes: FixtureClass[],
  name = 'call_classes',
): Promise<void> {
  const list = (v: string[] | undefined) => `[${(v ?? []).map((x) => `'${x}'`).join(', ')}]::VARCHAR[]`;
  const rows = classes.map(
    (c) =>
      `(${lit(`${c.source ?? 'fixture'}:${c.id}`, 'VARCHAR')}, ${lit(c.category, 'VARCHAR')}, ${lit(c.tier, 'VARCHAR')}, ${list(c.current)}, ${list([...(c.current ?? []), ...(c.near_term ?? [])])}, ${list([...(c.current ?? []), ...(c.near_term ?? []), ...(c.potential ?? [])])}, ${lit(c.actual_responder, 'VARCHAR')}, ${lit(c.final_category, 'VARCHAR')})`,
  );
  await conn.run(
    `CREATE OR REPLACE TABLE ${name} AS SELECT * FROM (VALUES ${rows.join(',\n')}) t(call_id, category, tier, eligible_current, eligible_near_term, eligible_potential, actual_responder, final_category)`,
  );
}

export async function memoryConn(): Promise<DuckDBConnection> {
  return openEngine();
}

export async function one<T = Record<string, unknown>>(conn: DuckDBConnection, sql: string): Promise<T> {
  return (await queryRows<T>(conn, sql))[0]!;
}

/** The Minneapolis 2022 Q4 CAD file: its path, and its distinct raw rows read by the naive test parser. */
export const MPLS_FILE = () => sharedFile('minneapolis/calls_2022_d.csv');

let rawCache: Record<string, string>[] | undefined;
export function minneapolisRows(): Record<string, string>[] {
  if (!rawCache) {
    const raw = csvObjects(readFileSync(MPLS_FILE(), 'utf8'));
    rawCache = [...new Map(raw.map((r) => [JSON.stringify(r), r])).values()];
  }
  return rawCache;
}

/** Ingest the real Minneapolis file into a fresh temporary store; returns the store directory. */
export async function minneapolisStore(): Promise<string> {
  const store = join(tempDir(), 'store');
  await ingest({ files: [MPLS_FILE()], profile: 'minneapolis-cad', store });
  return store;
}

/** Type-7 quantile (linear interpolation between closest ranks), as R and NumPy compute it by default. */
export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
}

/** `Theft (P)~PD` -> `Theft`: the agency and discipline suffixes, even cut off (`Meeting(P`). */
export const bare = (t: string) =>
  t
    .replace(/\s*~\s*[A-Za-z]+\s*$/, '')
    .replace(/\s*\([A-Z]*\)?\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

// profiles/minneapolis-cad.yaml, `origin`, in order.
const OFFICER_INITIATED = new Set([
  'Business Check',
  'Traffic Law Enforcement',
  'Foot Beat',
  'Directed Patrol',
  'Walk Through a Building',
  'Community Engagement Meeting',
  'Suspicious Vehicle',
  'Suspicious Person',
]);
export function origin(r: Record<string, string>): string {
  const t = bare(r.initialProblem!);
  if (/alarm/i.test(t) || /^ShotSpotter/i.test(t)) return 'alarm';
  if (r['911 Call'] === 'Yes') return '911';
  if (OFFICER_INITIATED.has(t)) return 'officer_initiated';
  return 'non_emergency_phone';
}

// The MANIFEST's ground truth: the two BCR final types; animal control's type; a 311 referral.
export function responder(r: Record<string, string>): string {
  const f = bare(r.Problem!);
  if (f === 'Behavioral Crisis Response' || f === 'Behavioral Crisis Welfare Ck') return 'behavioural_crisis';
  if (f === 'Animal Check The Welfare') return 'animal_control';
  if (/^311/.test(r.Cancel_Reason!)) return 'online_311';
  return 'police';
}

/** A month of the 'all' series: `days` of it inside the period (the period notes' tests). */
export const month = (m: string, calls: number, days: number): MonthlyRow => ({
  month: m,
  category: 'all',
  calls,
  days,
  calls_per_day: calls / days,
  seasonal_index: null,
  yoy_change: null,
});
