import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAbbreviationIndex, tokens } from '../../src/classify/normalise.js';
import { readCrosswalk, resolveScheme } from '../../src/classify/crosswalk.js';
import { eligibilityOf } from '../../src/classify/eligibility.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';
import { sharedFile } from '../helpers/shared-data.js';

const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const REFERENCE = sharedFile('reference/apco_common_incident_types_2.103.2-2019.csv');

/** The Vera Institute 911-analysis categories as DOMAIN.md lists them. */
const VERA = [
  'Behavioral Health',
  'Complaints/Environmental Conditions',
  'Accidents/Traffic Safety',
  'Property Crime',
  'Violent Crime',
  'Domestic Violence',
  'Alarms',
  'Suspicion',
  'Statuses',
  'Assisting the Public',
  'Medical Emergencies',
  'Drugs',
  'Warrants',
  'Missing Persons',
  'Sex Offenses',
  'Liquor Violations',
  'Status Offenses',
  'Fire',
  'Traffic',
  'Officer Needs Help',
  'Call Related Issues',
  'Other Crimes',
  'Other (Not Crime)',
];

describe('built-in taxonomy', () => {
  it('has about 25 categories, each crosswalked to a Vera category, with distinct precedence', () => {
    expect(tax.categories.length).toBeGreaterThanOrEqual(25);
    expect(tax.categories.length).toBeLessThanOrEqual(35);
    for (const c of tax.categories) expect(VERA, c.id).toContain(c.veraCategory);
    expect(new Set(tax.categories.map((c) => c.precedence)).size).toBe(tax.categories.length);
    // Every Vera category except Status Offenses-style gaps is reachable, so results compare both ways.
    expect(VERA.filter((v) => !tax.categories.some((c) => c.veraCategory === v))).toEqual([]);
  });

  it('carries every code of the APCO/NENA reference file', () => {
    // Read a second way: a record starts on a line outside quotes; its code is before the first comma.
    const codes = new Set<string>();
    let open = false;
    for (const line of readFileSync(REFERENCE, 'utf8').split(/\r?\n/).slice(1)) {
      if (!open && line.trim() !== '') codes.add(line.slice(0, line.indexOf(',')).trim());
      if ((line.match(/"/g) ?? []).length % 2 === 1) open = !open;
    }
    expect(codes.size).toBe(244);
    expect([...codes].filter((c) => !tax.apcoByCode.has(c))).toEqual([]);
    expect(tax.apco.length).toBe(codes.size);
    expect(tax.apcoByCode.get('WELFARE')!.title).toBe('MAN DOWN CHECK, WELFARE CHECK');
    expect(tax.apcoByCode.get('911H')!.title).toBe('911 HANG UP');
  });

  it('has a lexicon whose every phrase survives tokenising', () => {
    const abbr = buildAbbreviationIndex(tax.abbreviations);
    for (const l of tax.lexicon)
      expect(tokens(l.phrase, abbr).length, `lexicon row ${l.row}`).toBeGreaterThan(0);
  });

  it('keeps eligibility phases cumulative and police always eligible', () => {
    for (const c of tax.categories) {
      const e = eligibilityOf(tax, {
        rawType: c.id,
        normalised: c.id,
        category: c.id,
        tier: 'non_criminal',
        flags: [],
        eligibleOverride: {},
        confidence: 1,
        provenance: 'automatic',
      });
      expect(e.current.always).toContain('police');
      for (const r of [...e.current.always, ...e.current.nonEmergency])
        expect([...e.near_term.always, ...e.near_term.nonEmergency]).toContain(r);
      for (const r of [...e.near_term.always, ...e.near_term.nonEmergency])
        expect([...e.potential.always, ...e.potential.nonEmergency]).toContain(r);
    }
  });

  it('takes only the help to the public that is a report online, by its APCO code', () => {
    // Every `assist_public` type was eligible for an online report now: Burlington's 103 motorist assists
    // among them (tester 106).
    const assist = (code: string) =>
      eligibilityOf(tax, {
        rawType: code,
        normalised: code,
        category: 'assist_public',
        apcoCode: code,
        tier: 'non_criminal',
        flags: [],
        eligibleOverride: {},
        confidence: 1,
        provenance: 'automatic',
      });
    for (const code of ['PROPFND', 'PROPLOST', 'REPO'])
      expect(assist(code).current.always).toContain('online_311');
    for (const code of ['VEHASST', 'VEHLOCK', 'CITASST', 'ENTRAP'])
      expect(assist(code).potential.always, code).not.toContain('online_311');
    expect(assist('VEHASST').current.always).toEqual(['police']);
    expect(assist('VEHASST').near_term.always).toEqual(['police', 'traffic_control']);
    // A rule's code must be one the taxonomy knows.
    const dir = mkdtempSync(join(tmpdir(), 'safegap-tax-'));
    cpSync(join(process.cwd(), 'taxonomy'), dir, { recursive: true });
    const file = join(dir, 'eligibility.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('codes: [VEHASST]', 'codes: [VEHASSIST]'));
    expect(() => loadTaxonomy(dir)).toThrow(/unknown APCO code `VEHASSIST`/);
  });

  it('keeps police eligible whatever a per-phase override says', () => {
    // `eligible_current = behavioural_crisis|community` (or `-`) took police off the type in every phase.
    const entry = (current: { responder: string; nonEmergencyOnly: boolean }[]) =>
      eligibilityOf(tax, {
        rawType: 'Noise',
        normalised: 'Noise',
        category: 'noise',
        tier: 'non_criminal',
        flags: [],
        eligibleOverride: { current },
        confidence: 1,
        provenance: 'reviewed',
      });
    const e = entry([
      { responder: 'behavioural_crisis', nonEmergencyOnly: false },
      { responder: 'community', nonEmergencyOnly: true },
    ]);
    expect(e.current).toEqual({ always: ['police', 'behavioural_crisis'], nonEmergency: ['community'] });
    expect(e.potential.always).toContain('police');
    expect(entry([]).current).toEqual({ always: ['police'], nonEmergency: [] });
    // Police written non-emergency only are still police at every priority, as the rules make them.
    expect(entry([{ responder: 'police', nonEmergencyOnly: true }]).current.always).toEqual(['police']);
  });

  it('carries an override into the later phases, which add only their own rules', () => {
    // As docs/classification.md now says (tester 99 read an empty later cell as every rule up to it):
    // traffic control is eligible for a non-injury collision by a near-term rule, so `-` in near_term
    // keeps it off in potential, and naming it there brings it back.
    const collision = (eligibleOverride: Parameters<typeof eligibilityOf>[1]['eligibleOverride']) =>
      eligibilityOf(tax, {
        rawType: 'Property Damage Accident (P)',
        normalised: 'Property Damage Accident',
        category: 'collision_no_injury',
        tier: 'non_criminal',
        flags: [],
        eligibleOverride,
        confidence: 1,
        provenance: 'reviewed',
      });
    const all = (p: { always: string[]; nonEmergency: string[] }) => [...p.always, ...p.nonEmergency];
    expect(all(collision({}).near_term)).toContain('traffic_control');
    expect(all(collision({}).potential)).toContain('traffic_control');
    const none = collision({ near_term: [] });
    expect(all(none.near_term)).toEqual(['police']);
    expect(all(none.potential)).not.toContain('traffic_control');
    const back = collision({
      near_term: [],
      potential: [{ responder: 'traffic_control', nonEmergencyOnly: false }],
    });
    expect(all(back.potential)).toContain('traffic_control');
    // `police` alone is `-`: the other responders of the phase's rules go.
    expect(collision({ near_term: [{ responder: 'police', nonEmergencyOnly: false }] })).toEqual(none);
  });

  it('crosswalks every category in each built-in crosswalk', () => {
    for (const name of ['burlington_vt_call_type_group', 'burlington_vt_mental_health'])
      expect(readCrosswalk(join(tax.dir, 'crosswalks', `${name}.csv`), tax).size).toBe(tax.categories.length);
    const vera = resolveScheme('vera', tax);
    expect(vera.groupOf('behavioural_health')).toBe('Behavioral Health');
    expect(vera.groupOf('call_related')).toBe('Call Related Issues');
  });
});
