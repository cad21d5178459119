/**
 * `classify status` of a store of several sources counts calls, not records: a store of 20,041 calls (a
 * CAD, a crisis team's log and a 311 export) read "20,239 calls", and `Mental health crisis` "181 as
 * initial" where 15 calls have it, the team's own type of 166 CAD calls that the CAD's record represents
 * with its own type (tester 385). Each call is counted once, with the types of the record analyze takes
 * for it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { statusReport } from '../../src/classify/status.js';
import {
  fileRelation,
  typeChanges,
  typeCounts,
  untypedCalls,
  type CallSource,
} from '../../src/classify/volumes.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openEngine } from '../../src/store/duckdb.js';
import { tempDir } from '../helpers/shared-data.js';

describe('classify counts of a store of a CAD and a crisis team log', () => {
  const dir = tempDir('safegap-status-385-');
  const store = join(dir, 'store');
  const src: CallSource = {
    relation: '',
    initialColumn: 'call_type_initial_raw',
    finalColumn: 'call_type_final_raw',
    file: store,
  };

  beforeAll(async () => {
    // The CAD: five 911 calls, C5 with no type.
    writeFileSync(
      join(dir, 'cad.csv'),
      [
        'Incident,Received,Type,Final',
        'C1,10/03/2022 10:00,Welfare Check,Welfare Check',
        'C2,10/03/2022 11:00,Welfare Check,Disturbance',
        'C3,10/03/2022 12:00,Disturbance,Disturbance',
        'C4,10/03/2022 13:00,Theft,Theft',
        'C5,10/03/2022 14:00,,',
        '',
      ].join('\n'),
    );
    // The team's log, in its own words: C1, C2, C3 and C5 are CAD calls passed on to it (earlier by a
    // minute: the CAD's record still represents them, as a 911 call), T9 one it took itself. `Suicidal
    // person` is the type of linked records alone; the team changed C2's type, the CAD another way.
    writeFileSync(
      join(dir, 'team.csv'),
      [
        'Call,Received,Type,Final',
        'C1,10/03/2022 09:59,Mental health crisis,Mental health crisis',
        'C2,10/03/2022 10:59,Mental health crisis,Suicidal person',
        'C3,10/03/2022 11:59,Suicidal person,Suicidal person',
        'C5,10/03/2022 13:59,Mental health crisis,Mental health crisis',
        'T9,10/03/2022 15:00,Mental health crisis,Mental health crisis',
        '',
      ].join('\n'),
    );
    const profile = (name: string, id: string, origin: string, responder: string) => {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(
        file,
        [
          `name: ${name}`,
          `source: ${name}`,
          'time_zone: America/Chicago',
          "timestamps: { format: '%m/%d/%Y %H:%M' }",
          `id: ${id}`,
          'times: { received: Received }',
          'fields: { call_type_initial: Type, call_type_final: Final }',
          `origin: { default: '${origin}' }`,
          `responder: { default: ${responder} }`,
          '',
        ].join('\n'),
      );
      return file;
    };
    await ingest({
      files: [join(dir, 'cad.csv')],
      profile: profile('cad', 'Incident', '911', 'police'),
      store,
    });
    await ingest({
      files: [join(dir, 'team.csv')],
      profile: profile('team', 'Call', 'unknown', 'behavioural_crisis'),
      store,
    });
    src.relation = fileRelation(store);
  }, 120_000);

  it('counts each call once, by the type of the record that represents it', async () => {
    const conn = await openEngine();
    const counts = await typeCounts(conn, src);
    const changes = await typeChanges(conn, src);
    const untyped = await untypedCalls(conn, src);
    conn.closeSync();
    // By hand: calls C1-C5 and T9, six; C5 has no type; the typed five by the CAD's types, T9 by the team's.
    const byType = Object.fromEntries(counts.map((c) => [c.rawType, [c.initial, c.final, c.linked]]));
    expect(byType).toEqual({
      'Welfare Check': [2, 1, 0],
      Disturbance: [1, 2, 0],
      Theft: [1, 1, 0],
      // T9 alone is a call of it; C1, C2 and C5 are the team's words for CAD calls.
      'Mental health crisis': [1, 1, 3],
      // C3's team record only: no call has it.
      'Suicidal person': [0, 0, 1],
    });
    expect(untyped).toBe(1);
    // C2 alone changed (the team's change of its own record of C2 is no call's), of five typed calls.
    expect(changes).toEqual({
      total: 5,
      changes: [{ initial: 'Welfare Check', final: 'Disturbance', calls: 1 }],
    });
    const r = statusReport([], counts, changes);
    expect([r.calls, r.types, r.changedCalls, r.changedShare]).toEqual([5, 4, 1, 1 / 5]);
    expect(r.bands.find((b) => b.band === 'unmapped')).toMatchObject({ types: 4, calls: 5, share: 1 });
    // A type of no call is not listed as one to review by its calls; it is said apart, with its records.
    expect(r.unreviewed.map((u) => [u.rawType, u.initial, u.final])).toEqual([
      ['Welfare Check', 2, 1],
      ['Disturbance', 1, 2],
      ['Mental health crisis', 1, 1],
      ['Theft', 1, 1],
    ]);
    expect(r.linkedRecords).toBe(4);
    expect(r.linkedTypes).toEqual([
      { rawType: 'Mental health crisis', records: 3 },
      { rawType: 'Suicidal person', records: 1 },
    ]);
  });

  it("gives review and auto a type's calls as its volume, not its records", async () => {
    const conn = await openEngine();
    const counts = await typeCounts(conn, src);
    conn.closeSync();
    const volumes = new Map(counts.map((c) => [c.rawType, c.volume]));
    // By hand, as above: calls by initial type, a linked record's own type none.
    expect(Object.fromEntries(volumes)).toEqual({
      'Welfare Check': 2,
      Disturbance: 1,
      Theft: 1,
      'Mental health crisis': 1,
      'Suicidal person': 0,
    });
  });
});
