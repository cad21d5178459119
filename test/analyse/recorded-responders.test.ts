/**
 * A responder no source can show handling a call has its handled figures "not recorded", not 0.0%:
 * Burlington's export has no responder column, and its summary read "the behavioural crisis team handled
 * 0.0% of the 515 calls it is eligible for". Which responders a source can show is read here from the
 * profiles' YAML by hand, not from the product.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { analyze, type AnalyzeResult } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { minneapolisStore } from './helpers.js';

const PROFILES = resolve(import.meta.dirname, '../../profiles');
const BURLINGTON = sharedFile('burlington_vt/police-incidents-2022.csv');

/** The store responder values a profile's responder default and rules can give. */
function profileResponders(file: string): string[] {
  const p = parse(readFileSync(file, 'utf8')) as {
    responder: { default: string; rules: { then: string }[] };
  };
  return [p.responder.default, ...p.responder.rules.map((r) => r.then)];
}

function currentRows(r: AnalyzeResult) {
  return new Map(
    r.tables.eligible_demand.rows.filter((x) => x.phase === 'current').map((x) => [x.responder, x]),
  );
}

describe('responders the sources cannot record', () => {
  const dir = tempDir('safegap-recorded-');
  let burlington: AnalyzeResult;
  beforeAll(async () => {
    const store = join(dir, 'btv');
    await ingest({ files: [BURLINGTON], profile: 'burlington-vt', store });
    burlington = await analyze({ store, writeStore: false });
  }, 120_000);

  it("marks Burlington's crisis team not recorded, with no share, and its online reports recorded", () => {
    const can = new Set(profileResponders(join(PROFILES, 'burlington-vt.yaml')));
    expect([...can].sort()).toEqual(['online_311', 'police']);
    const rows = currentRows(burlington);
    for (const r of burlington.tables.eligible_demand.rows) {
      if (r.responder === 'any_alternative') continue;
      expect(r.handled_recorded, r.responder).toBe(can.has(r.store_responder));
    }
    const bcr = rows.get('behavioural_crisis')!;
    expect(bcr.eligible_calls).toBeGreaterThan(0);
    expect(bcr).toMatchObject({
      handled_recorded: false,
      handled_eligible: 0,
      handled_all: 0,
      handled_of_eligible: null,
      handled_to_eligible: null,
    });
    const online = rows.get('online_311')!;
    expect(online.handled_recorded).toBe(true);
    expect(online.handled_of_eligible).toBeCloseTo(online.handled_eligible / online.eligible_calls, 12);
    // Any alternative: the online reports are recorded, so the share of all alternatives is a figure.
    expect(rows.get('any_alternative')!.handled_recorded).toBe(true);
    expect(rows.get('any_alternative')!.handled_of_eligible).not.toBeNull();
    const note = burlington.warnings.find((w) => w.startsWith('No source of the store records'));
    expect(note).toMatch(
      /behavioural crisis team \(unarmed\), traffic control agents, animal care and control/,
    );
    expect(note).not.toMatch(/311/);
  });

  it("reads Burlington's own settings without a reviewed mapping: no call of priority 1 is eligible for a non-emergency responder", () => {
    // With no mapping named after its source, its settings were not read either, and 360 priority-1 calls
    // (Domestic Disturbance 262) were eligible for community and crisis responders (tester 106).
    expect(burlington.warnings.filter((w) => w.startsWith('No emergency priorities'))).toEqual([]);
    // From the raw file: the types whose every call is priority 1.
    const priorities = new Map<string, Set<string>>();
    for (const r of csvObjects(readFileSync(BURLINGTON, 'utf8')))
      if (r.call_type && r.call_type !== 'NA')
        (priorities.get(r.call_type) ?? priorities.set(r.call_type, new Set()).get(r.call_type)!).add(
          r.priority!.replace(/\D/g, ''),
        );
    const urgent = [...priorities].filter(([, p]) => p.size === 1 && p.has('1')).map(([t]) => t);
    expect(urgent).toContain('Domestic Disturbance');
    // The rules for non-emergency calls only (docs/classification.md): community near term and potential,
    // the crisis team in potential. They take types still, and none of the urgent ones.
    const nonEmergency = burlington.tables.pathways.rows.filter(
      (r) => r.responder === 'community' || (r.responder === 'behavioural_crisis' && r.phase === 'potential'),
    );
    expect(nonEmergency.length).toBeGreaterThan(0);
    expect(nonEmergency.filter((r) => urgent.includes(r.call_type))).toEqual([]);
    expect(burlington.tables.pathways.rows.map((r) => r.call_type)).not.toContain('Domestic Disturbance');
  });

  it('reads them with a mapping of its own given by --mapping too', async () => {
    // An empty mapping of one's own (every type classified automatically) dropped them (tester 108).
    const mapping = join(dir, 'own.csv');
    writeFileSync(mapping, `${readFileSync('taxonomy/mappings/minneapolis.csv', 'utf8').split('\n')[0]}\n`);
    const own = await analyze({ store: join(dir, 'btv'), mapping, writeStore: false });
    expect(own.warnings.filter((w) => w.startsWith('No emergency priorities'))).toEqual([]);
    expect(own.tables.eligible_demand.rows).toEqual(burlington.tables.eligible_demand.rows);
  });

  it('says that the export records no unit time, where it gave only the reasons a call has no arrival', () => {
    // The raw header has no dispatch, en-route, arrival or clearance column (tester 106).
    const header = readFileSync(BURLINGTON, 'utf8').split('\n')[0]!;
    expect(header).not.toMatch(/dispatch|assign|route|arriv|scene|clear|queue/i);
    const valid = burlington.tables.response_times.rows.filter((r) => r.group_by === 'all' && r.valid > 0);
    expect(valid.map((r) => r.interval)).toEqual([]);
    expect(burlington.warnings.filter((w) => w.startsWith('No call of the period has a unit time'))).toEqual([
      expect.stringContaining(
        'the export records when calls were received and not when units were sent or arrived',
      ),
    ]);
  });

  it('follows the profile, not the data: a rule that can give the team makes it recorded, at 0.0%', async () => {
    // The same export with a responder rule no row meets: the team can be recorded, and handled none.
    const text = readFileSync(join(PROFILES, 'burlington-vt.yaml'), 'utf8').replace(
      'responder:\n  default: police\n  rules:\n',
      "responder:\n  default: police\n  rules:\n    - if: { column: call_origin, equals: 'No such origin' }\n      then: behavioural_crisis\n",
    );
    expect(text).toContain('No such origin');
    const profile = join(dir, 'burlington-team.yaml');
    writeFileSync(profile, text);
    const store = join(dir, 'btv-team');
    await ingest({ files: [BURLINGTON], profile, store });
    const r = await analyze({ store, writeStore: false });
    const bcr = currentRows(r).get('behavioural_crisis')!;
    expect(bcr).toMatchObject({ handled_recorded: true, handled_eligible: 0, handled_of_eligible: 0 });
    expect(r.warnings.find((w) => w.startsWith('No source of the store records'))).not.toMatch(/crisis/);
  }, 120_000);

  it("counts the city's actual-responder rules: Minneapolis' 311 referrals", async () => {
    const r = await analyze({ store: await minneapolisStore(), writeStore: false });
    const rows = currentRows(r);
    const can = new Set(profileResponders(join(PROFILES, 'minneapolis-cad.yaml')));
    // taxonomy/mappings/minneapolis.yaml gives online_311 to calls cancelled as referred to 311.
    const city = readFileSync(
      resolve(import.meta.dirname, '../../taxonomy/mappings/minneapolis.yaml'),
      'utf8',
    );
    expect(city).toMatch(/responder: online_311/);
    can.add('online_311');
    for (const x of rows.values())
      if (x.responder !== 'any_alternative')
        expect(x.handled_recorded, x.responder).toBe(can.has(x.store_responder));
    expect(rows.get('behavioural_crisis')!.handled_recorded).toBe(true);
    expect(rows.get('traffic_control')!).toMatchObject({
      handled_recorded: false,
      handled_of_eligible: null,
    });
  }, 120_000);

  it("counts the mapping's handled_by and the city's rules as the store names them", async () => {
    // A reviewer's finds: with a profile that gives no responder, the mapping's final types still give the
    // crisis team its calls (handled_by), which read "not recorded" beside their counts; and a city rule's
    // fire_ems is the store's `ems`.
    const text = readFileSync(join(PROFILES, 'minneapolis-cad.yaml'), 'utf8').replace(
      /\nresponder:\n(?: {2}.*\n)+/,
      '\nresponder:\n  default: police\n  rules: []\n',
    );
    expect(text).toContain('rules: []');
    const profile = join(dir, 'mpls-no-rules.yaml');
    writeFileSync(profile, text);
    const store = join(dir, 'mpls-no-rules');
    await ingest({ files: [sharedFile('minneapolis/calls_2022_d.csv')], profile, store });
    const mapping = join(dir, 'minneapolis.csv');
    writeFileSync(
      mapping,
      readFileSync(resolve(import.meta.dirname, '../../taxonomy/mappings/minneapolis.csv')),
    );
    writeFileSync(
      join(dir, 'minneapolis.yaml'),
      "name: Minneapolis\nemergency_priorities: ['0', '1']\nactual_responder_rules:\n  - { column: cancel_reason, matches: '^EMS-', responder: fire_ems }\n",
    );
    const r = await analyze({ store, mapping, city: 'minneapolis', writeStore: false });
    const rows = currentRows(r);
    expect(rows.get('behavioural_crisis')!.handled_all).toBeGreaterThan(0);
    expect(rows.get('behavioural_crisis')!.handled_recorded).toBe(true);
    // A rule records its responder only where it gives some call it (tester 274: one matching none made
    // traffic control's "not recorded" 0.0%): `EMS-Cancelled By EMS` calls are EMS's.
    const ems = csvObjects(readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8')).filter((c) =>
      /^EMS-/i.test(c.Cancel_Reason ?? ''),
    ).length;
    expect(ems).toBeGreaterThan(0);
    expect(rows.get('fire_ems')).toMatchObject({ store_responder: 'ems', handled_recorded: true });
    expect(rows.get('traffic_control')!.handled_recorded).toBe(false);
  }, 120_000);

  it('counts a handled_by only of a type some call ends as (tester 265)', async () => {
    // Seattle's final types all begin `--`: a handled_by on an initial type records nothing, and it turned
    // the crisis team's "not recorded" into "handled 0.0%". The profile gives no call to the team.
    const sample = sharedFile('seattle/call_data_sample_2018-2023.csv');
    const rowsOf = csvObjects(readFileSync(sample, 'utf8'));
    const finals = new Set(rowsOf.map((r) => r['Final Call Type']));
    const initialOnly = 'SUICIDE - SUICIDAL PERSON AND ATTEMPTS';
    expect(rowsOf.some((r) => r['Initial Call Type'] === initialOnly)).toBe(true);
    expect(finals.has(initialOnly)).toBe(false);
    expect(profileResponders(join(PROFILES, 'seattle-call-data.yaml'))).not.toContain('behavioural_crisis');
    const store = join(dir, 'sea');
    await ingest({ files: [sample], profile: 'seattle-call-data', store });
    const header = readFileSync('taxonomy/mappings/minneapolis.csv', 'utf8').split('\n')[0];
    const mapping = (type: string) => {
      const file = join(dir, `sea-${finals.has(type) ? 'final' : 'initial'}.csv`);
      writeFileSync(
        file,
        `${header}\n"${type}",,behavioural_health,SUICTHRT,non_criminal,,behavioural_crisis,behavioural_crisis,,,1,reviewed,t,2026-12-06,\n`,
      );
      return file;
    };
    const team = async (type: string) =>
      currentRows(await analyze({ store, mapping: mapping(type), writeStore: false })).get(
        'behavioural_crisis',
      )!;
    expect(await team(initialOnly)).toMatchObject({ handled_recorded: false, handled_of_eligible: null });
    // The same on a type calls end as: recorded.
    const final = rowsOf.find((r) => r['Final Call Type']?.startsWith('--'))!['Final Call Type']!;
    expect((await team(final)).handled_recorded).toBe(true);
  }, 120_000);
});
