import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { applyClassification } from '../../src/classify/apply.js';
import { readMapping, readSettings, type CityMapping } from '../../src/classify/mapping-file.js';
import { loadTaxonomy, type Taxonomy } from '../../src/classify/taxonomy.js';
import { memoryDb, rows, sqlPath } from './helpers.js';
import { sharedFile } from '../helpers/shared-data.js';

const CSV = sharedFile('minneapolis/calls_2022_d.csv');
const TAXONOMY = join(process.cwd(), 'taxonomy');

describe('Minneapolis mapping applied to calls_2022_d.csv', () => {
  let conn: DuckDBConnection;
  let tax: Taxonomy;
  let mapping: CityMapping;

  beforeAll(async () => {
    tax = loadTaxonomy(TAXONOMY);
    mapping = readMapping(join(TAXONOMY, 'mappings/minneapolis.csv'), tax);
    conn = await memoryDb();
    // Built here from the raw export so the test does not depend on the ingest code.
    await conn.run(`CREATE TABLE calls AS SELECT
        Master_Incident_Number || '#' || CAST(row_number() OVER () AS VARCHAR) AS call_id,
        initialProblem AS call_type_initial_raw, Problem AS call_type_final_raw,
        InitialPriority AS priority_initial, Priority_Number AS priority, Response_Plan AS response_plan,
        Cancel_Reason AS cancel_reason, 'police' AS responder
      FROM read_csv(${sqlPath(CSV)}, all_varchar = true)`);
    await applyClassification(conn, tax, mapping.entries, {
      settings: readSettings(join(TAXONOMY, 'mappings/minneapolis.yaml'), tax),
    });
  });

  it('maps every one of the 337 initial and 148 final raw types, all reviewed', async () => {
    const initial = await rows<{ v: string }>(
      conn,
      'SELECT DISTINCT call_type_initial_raw AS v FROM calls WHERE v IS NOT NULL',
    );
    const final = await rows<{ v: string }>(
      conn,
      'SELECT DISTINCT call_type_final_raw AS v FROM calls WHERE v IS NOT NULL',
    );
    expect(initial.length).toBe(337);
    expect(final.length).toBe(148);
    const raw = new Set(mapping.entries.map((e) => e.rawType));
    expect(initial.filter((r) => !raw.has(r.v))).toEqual([]);
    expect(final.filter((r) => !raw.has(r.v))).toEqual([]);
    expect(
      mapping.entries.every(
        (e) =>
          e.provenance === 'reviewed' &&
          e.reviewer === 'safegap-maintainers' &&
          e.reviewedOn === '2026-11-25',
      ),
    ).toBe(true);
    const byRaw = new Map(mapping.entries.map((e) => [e.rawType, e]));
    expect(byRaw.get('Unknown Wireless/Cell Phone(P)~PD')?.normalised).toBe('Unknown Wireless/Cell Phone');
    expect(byRaw.get('Community Engagement Meeting(P')?.normalised).toBe('Community Engagement Meeting');
    expect(byRaw.get('Damage Property-In Progress(P)')?.normalised).toBe('Damage Property-In Progress');
  });

  it('classifies every call and gives null to none', async () => {
    const [r] = await rows<{ n: string; nocat: string; nofinal: string }>(
      conn,
      `SELECT count(*) AS n, count(*) FILTER (WHERE category IS NULL) AS nocat,
        count(*) FILTER (WHERE final_category IS NULL) AS nofinal FROM call_classes`,
    );
    expect(Number(r!.n)).toBe(63347);
    expect(Number(r!.nocat)).toBe(0);
    expect(Number(r!.nofinal)).toBe(0);
  });

  it('sends the two BCR final types to the behavioural crisis team (493 + 1,315 calls)', async () => {
    const [r] = await rows<{ bcr: string; bcr_types: string; mismatch: string }>(
      conn,
      `SELECT count(*) FILTER (WHERE k.actual_responder = 'behavioural_crisis') AS bcr,
        count(*) FILTER (WHERE c.call_type_final_raw IN ('Behavioral Crisis Response', 'Behavioral Crisis Welfare Ck')) AS bcr_types,
        count(*) FILTER (WHERE (k.actual_responder = 'behavioural_crisis') <> (c.call_type_final_raw IN ('Behavioral Crisis Response', 'Behavioral Crisis Welfare Ck'))) AS mismatch
      FROM calls c JOIN call_classes k USING (call_id)`,
    );
    expect(Number(r!.bcr_types)).toBe(493 + 1315);
    expect(Number(r!.bcr)).toBe(493 + 1315);
    expect(Number(r!.mismatch)).toBe(0);
  });

  it('keeps Person In Crisis (P) as behavioural health handled by police', async () => {
    const res = await rows<{ final_category: string; actual_responder: string; n: string }>(
      conn,
      `SELECT final_category, actual_responder, count(*) AS n FROM calls c JOIN call_classes k USING (call_id)
       WHERE c.call_type_final_raw = 'Person In Crisis (P)' AND c.cancel_reason IS NULL GROUP BY ALL`,
    );
    expect(res).toHaveLength(1);
    expect(res[0]).toMatchObject({ final_category: 'behavioural_health', actual_responder: 'police' });
  });

  it('sends Animal Check The Welfare to animal control and 311 referrals to 311', async () => {
    const [r] = await rows<{ animal: string; animal_ok: string; ref: string; ref_ok: string }>(
      conn,
      `SELECT count(*) FILTER (WHERE c.call_type_final_raw = 'Animal Check The Welfare') AS animal,
        count(*) FILTER (WHERE c.call_type_final_raw = 'Animal Check The Welfare' AND actual_responder = 'animal_control') AS animal_ok,
        count(*) FILTER (WHERE c.cancel_reason LIKE '311%' AND c.call_type_final_raw NOT LIKE 'Behavioral%' AND c.call_type_final_raw NOT LIKE 'Animal Check%') AS ref,
        count(*) FILTER (WHERE c.cancel_reason LIKE '311%' AND c.call_type_final_raw NOT LIKE 'Behavioral%' AND c.call_type_final_raw NOT LIKE 'Animal Check%' AND actual_responder = 'online_311') AS ref_ok
      FROM calls c JOIN call_classes k USING (call_id)`,
    );
    expect(Number(r!.animal)).toBe(287);
    expect(r!.animal_ok).toBe(r!.animal);
    expect(Number(r!.ref)).toBeGreaterThan(0);
    expect(r!.ref_ok).toBe(r!.ref);
  });

  it('gives report-only and in-progress variants of the same offence different eligibility', async () => {
    const elig = async (initial: string) => {
      const r = await rows<{ cur: string[]; near: string[] }>(
        conn,
        `SELECT DISTINCT eligible_current AS cur, eligible_near_term AS near FROM calls c JOIN call_classes k USING (call_id)
         WHERE c.call_type_initial_raw = ${sqlPath(initial)}`,
      );
      expect(r).toHaveLength(1);
      return r[0]!;
    };
    const pairs: [string, string][] = [
      ['Damage Property-Rpt Only (P)', 'Damage Property-In Progress(P)'],
      ['Burglary Dwlng - Report (P)', 'Burglary Dwlng In Progress (P)'],
      ['Burglary Business - Report (P)', 'Burglary Biz - In Progress (P)'],
      ['Theft - Report Only (P)', 'Theft (P)'],
    ];
    for (const [report, live] of pairs) {
      const a = await elig(report);
      const b = await elig(live);
      expect(a.near, `${report} vs ${live}`).toContain('online_311');
      expect(b.near, `${report} vs ${live}`).not.toContain('online_311');
      expect(b.near).toContain('police');
    }
  });

  it('makes crisis calls without weapons eligible for BCR, and armed ones not', async () => {
    const one = async (initial: string) =>
      (
        await rows<{ cur: string[] }>(
          conn,
          `SELECT DISTINCT eligible_current AS cur FROM calls c JOIN call_classes k USING (call_id) WHERE c.call_type_initial_raw = ${sqlPath(initial)}`,
        )
      )[0]!.cur;
    expect(await one('Person In Crisis (P)')).toContain('behavioural_crisis');
    expect(await one('Behavioral Crisis Response')).toContain('behavioural_crisis');
    expect(await one('Person with a Gun (P)')).not.toContain('behavioural_crisis');
    expect(await one('Domestic with Weapons (P)')).not.toContain('behavioural_crisis');
    expect(await one('Overdose (PE)')).toContain('fire_ems');
  });

  it('applies non-emergency-only rules on the initial priority', async () => {
    const res = await rows<{ p: string; has: boolean; n: string }>(
      conn,
      `SELECT c.priority_initial AS p, list_contains(eligible_near_term, 'community') AS has, count(*) AS n
       FROM calls c JOIN call_classes k USING (call_id) WHERE c.call_type_initial_raw = 'Neighbor Trouble (P)' GROUP BY ALL`,
    );
    expect(res.length).toBeGreaterThan(1);
    for (const r of res) expect(r.has, `priority ${r.p}`).toBe(!['0', '1'].includes(r.p));
  });
});
