import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ambiguousMatches, applyClassification, resolveEntry } from '../../src/classify/apply.js';
import { buildIndex } from '../../src/classify/classifier.js';
import { parseMapping, readMapping } from '../../src/classify/mapping-file.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';
import { memoryDb, rows } from './helpers.js';

const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const HEADER =
  'raw_type,normalised,category,apco_code,tier,flags,handled_by,eligible_current,eligible_near_term,eligible_potential,confidence,provenance,reviewer,reviewed_on,note';

describe('applyClassification', () => {
  it('classifies types missing from the mapping when given a classifier, and leaves them null otherwise', async () => {
    const conn = await memoryDb();
    await conn.run(`CREATE TABLE calls AS SELECT * FROM (VALUES
      ('a', 'THEFT', 'THEFT', '3'), ('b', 'WELF CK', 'CRISIS TEAM', '1'), ('c', 'WELF CK', 'CRISIS TEAM', '4'), ('d', NULL, NULL, NULL))
      AS t(call_id, call_type_initial_raw, call_type_final_raw, priority_initial)`);
    const entries = parseMapping(
      `${HEADER}\nTHEFT,THEFT,property_crime_in_progress,LARCENY,misdemeanour,,,,,,1,reviewed,x,2026-11-25,\nCRISIS TEAM,CRISIS TEAM,behavioural_health,EDP,non_criminal,,behavioural_crisis,,,,1,reviewed,x,2026-11-25,\n`,
      'm.csv',
      tax,
    );
    const s1 = await applyClassification(conn, tax, entries);
    // Both listed types reviewed: none unreviewed; WELF CK is not listed at all.
    expect(s1).toEqual({ calls: 4, types: 3, unmappedTypes: ['WELF CK'], unreviewedTypes: 0 });
    // CRISIS TEAM listed as `classify auto` writes it: one type unreviewed (tester 120).
    const auto = parseMapping(
      `${HEADER}\nTHEFT,THEFT,property_crime_in_progress,LARCENY,misdemeanour,,,,,,1,reviewed,x,2026-11-25,\nCRISIS TEAM,CRISIS TEAM,behavioural_health,EDP,non_criminal,,behavioural_crisis,,,,0.8,automatic,,,\n`,
      'm.csv',
      tax,
    );
    expect((await applyClassification(conn, tax, auto)).unreviewedTypes).toBe(1);
    const r1 = await rows<{ call_id: string; category: string | null; actual_responder: string }>(
      conn,
      'SELECT call_id, category, actual_responder FROM call_classes ORDER BY call_id',
    );
    expect(r1.map((r) => r.category)).toEqual(['property_crime_in_progress', null, null, null]);
    expect(r1.map((r) => r.actual_responder)).toEqual([
      'police',
      'behavioural_crisis',
      'behavioural_crisis',
      'police',
    ]);

    await applyClassification(conn, tax, entries, {
      index: buildIndex(tax, []),
      settings: { emergencyPriorities: ['1'], actualResponderRules: [] },
    });
    const r2 = await rows<{
      call_id: string;
      category: string;
      provenance: string;
      near: string[];
      pot: string[];
    }>(
      conn,
      'SELECT call_id, category, provenance, eligible_near_term AS near, eligible_potential AS pot FROM call_classes ORDER BY call_id',
    );
    expect(r2[1]).toMatchObject({ category: 'welfare_check', provenance: 'automatic' });
    // Community responders are non-emergency only: priority 1 (emergency) lacks them, priority 4 has them.
    expect(r2[1]!.near).toContain('behavioural_crisis');
    expect(r2[1]!.pot).not.toContain('community');
    expect(r2[2]!.pot).toContain('community');
  });

  it('judges non-emergency-only eligibility on the final priority where a call has no initial one', async () => {
    // Burlington records only the final priority: its calls are judged on it (docs/classification.md).
    const conn = await memoryDb();
    await conn.run(`CREATE TABLE calls AS SELECT * FROM (VALUES
      ('a', 'WELF CK', NULL::VARCHAR, '1', '4'), ('b', 'WELF CK', NULL, '4', '1'),
      ('c', 'WELF CK', NULL, NULL, '1'), ('d', 'WELF CK', NULL, NULL, '4'), ('e', 'WELF CK', NULL, NULL, NULL))
      AS t(call_id, call_type_initial_raw, call_type_final_raw, priority_initial, priority)`);
    await applyClassification(conn, tax, [], {
      index: buildIndex(tax, []),
      settings: { emergencyPriorities: ['1'], actualResponderRules: [] },
    });
    const r = await rows<{ call_id: string; pot: string[] }>(
      conn,
      'SELECT call_id, eligible_potential AS pot FROM call_classes ORDER BY call_id',
    );
    // The initial priority rules when there is one (a: emergency, b: not), the final one when not (c:
    // emergency, d: not), and a call with neither is no emergency (e).
    expect(r.map((x) => x.pot.includes('community'))).toEqual([false, true, false, true, true]);
  });

  it('classifies two million calls in SQL, each exactly once', async () => {
    const conn = await memoryDb();
    await conn.run(`CREATE TABLE calls AS SELECT 'c' || i AS call_id,
        (['Theft (P)', 'Person In Crisis (P)', 'Music-Loud (P)', 'Unwanted Person (P)'])[1 + i % 4] AS call_type_initial_raw,
        (['Theft (P)', 'Behavioral Crisis Response', 'Music-Loud (P)', 'Unwanted Person (P)'])[1 + i % 4] AS call_type_final_raw,
        CAST(i % 5 AS VARCHAR) AS priority_initial
      FROM range(2000000) t(i)`);
    const entries = readMapping(join(process.cwd(), 'taxonomy/mappings/minneapolis.csv'), tax).entries;
    const s = await applyClassification(conn, tax, entries);
    expect(s.calls).toBe(2_000_000);
    const [r] = await rows<{ bcr: string }>(
      conn,
      `SELECT count(*) FILTER (WHERE actual_responder = 'behavioural_crisis') AS bcr FROM call_classes`,
    );
    expect(Number(r!.bcr)).toBe(500_000);
  });
});

describe('ambiguousMatches', () => {
  it('names a type matched but for case or suffix where the rows of that type differ (tester 307)', () => {
    // `unwanted person (p)` is on no row as written; two rows are it but for case, and disagree.
    const row = (raw: string, category: string, provenance = 'reviewed') =>
      `${raw},Unwanted Person,${category},TRESPASS,misdemeanour,,,,,,1,${provenance},x,2026-11-25,`;
    const entries = parseMapping(
      [
        HEADER,
        row('Unwanted Person (P)', 'disturbance'),
        row('UNWANTED PERSON (P)', 'behavioural_health'),
        row('Unwanted Person (P)~PD', 'disturbance'),
      ].join('\n') + '\n',
      'city.csv',
      tax,
    );
    const found = ambiguousMatches(entries, ['unwanted person (p)', 'Unwanted Person (P)', 'Theft']);
    // The first row is the one resolveEntry takes; the other spelling that agrees with it is no rival.
    expect(found.map((a) => [a.value, a.used.rawType, a.others.map((e) => e.rawType)])).toEqual([
      ['unwanted person (p)', 'Unwanted Person (P)', ['UNWANTED PERSON (P)']],
    ]);
    expect(resolveEntry(entries)('unwanted person (p)')?.category).toBe('disturbance');
    // Rows that agree: nothing to say.
    const agreeing = entries.filter((e) => e.category === 'disturbance');
    expect(ambiguousMatches(agreeing, ['unwanted person (p)'])).toEqual([]);
  });
});
