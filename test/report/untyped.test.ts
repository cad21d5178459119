/**
 * A source without call types or origins (Seattle's dispatch file): the report's headlines say what the
 * data cannot tell instead of "0.0% could go to an alternative responder" (an outside tester's find).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { draftProfile } from '../../src/sources/init-profile.js';
import { loadProfile, parseProfile } from '../../src/sources/load-profile.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

const CLI = resolve(import.meta.dirname, '../../bin/safegap.js');
const DISPATCH = sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv');
const CALL_DATA = sharedFile('seattle/call_data_sample_2018-2023.csv');

const textOf = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

describe('report of a source without call types or origins', () => {
  const dir = tempDir('safegap-untyped-');
  let alone: string;
  let both: string;
  beforeAll(async () => {
    await ingest({ files: [DISPATCH], profile: 'seattle-spd-dispatch', store: join(dir, 'alone') });
    alone = (await buildReport({ store: join(dir, 'alone'), out: join(dir, 'r-alone') })).html;
    await ingest({ files: [DISPATCH], profile: 'seattle-spd-dispatch', store: join(dir, 'both') });
    await ingest({ files: [CALL_DATA], profile: 'seattle-call-data', store: join(dir, 'both') });
    both = (await buildReport({ store: join(dir, 'both'), out: join(dir, 'r-both') })).html;
  }, 180_000);

  it('says eligibility cannot be judged, and that officer-initiated calls cannot be left out', () => {
    // The premise: the export has neither a call type nor an origin column.
    const columns = readFileSync(DISPATCH, 'utf8').split('\n')[0]!.split(',');
    expect(columns.filter((c) => /type|problem|nature|^(call_)?origin$|source/i.test(c))).toEqual([]);
    const text = textOf(alone);
    expect(text).toContain('unknown share that could go to an alternative responder in the near term');
    expect(text).toContain('no call of the period has an initial call type, so no eligibility can be judged');
    expect(text).toContain(
      'No call of the period has an initial call type, so which calls could go to an alternative responder cannot be judged',
    );
    expect(text).not.toMatch(/0\.0% could go to an alternative responder/);
    expect(text).toContain(
      'no source records who initiated a call, so officer-initiated calls cannot be left out',
    );
  });

  it('blames an empty denominator, not the unit times, for response times it lacks (tester 165)', async () => {
    // No call of this source has an origin, so none is a 911 call; the export does time assignments and
    // arrivals (868 valid response times over all calls).
    const r = await buildReport({
      store: join(dir, 'alone'),
      out: join(dir, 'r-911'),
      denominator: 'calls_911',
    });
    const text = textOf(r.html);
    expect(text).toContain('has a valid time (no call of the period counts in it)');
    expect(text).toContain(
      'has a valid response time: no call of the period counts in it, so there is no measure',
    );
    expect(text).toContain(
      'No call has a response time: no call of the period counts in the denominator (all 911 calls (origin 911)).',
    );
    expect(text).not.toMatch(/records no unit time|no arrival is recorded, or|no arrival recorded, or/);
    // 0 of 0 calls is no share at the goal (tester 167).
    expect(text).toContain(
      'The goal is 20%. No call of the period counts in the denominator, so there is no share to raise.',
    );
    expect(text).not.toContain('already meets it');
    // Nor are captions broken sentences where there is nothing to name (tester 167).
    expect(text).not.toMatch(/categories are \.|no value of classified calls|\. \./);
    expect(text).toContain(
      'No call of the period counts in the denominator, so no share of classified calls is non-criminal to set against 79.7%',
    );
    // Nor "Together they handled no value of calls", "no value of calls are eligible" or "Reaching 20%
    // means about 0 more calls a year" (tester 169).
    expect(text).not.toMatch(
      /no value of calls|Reaching 20% means about 0|the 0 largest|- of calls are eligible/,
    );
    // The pathways' own sentence on an empty denominator gives way to the section's: without call types
    // nothing in it can be judged, whatever the denominator (tester 226).
    expect(text).toContain('the funnel from eligible to handled cannot be judged: they are unknown, not 0');
    // Nor does an empty response chart say its values are 0 or hidden.
    expect(text).not.toMatch(/no value is above 0[^.]*\. Minutes from/);
    expect(text).toContain('No chart is drawn. Minutes from');
    expect(text).not.toContain('Median (dot)');
  });

  it("says the crisis team's eligible calls are unknown, not 0, and that no block can be counted", () => {
    const text = textOf(alone);
    expect(text).toContain(
      'no call of the period has an initial call type, so the calls eligible cannot be judged',
    );
    expect(text).toContain(
      'Without call types, the calls the behavioural crisis team is eligible for cannot be judged',
    );
    expect(text).not.toMatch(/eligible for 0 calls|0 calls eligible/);
    // Nor do the eligibility and capacity sections give tables of zeros, "no call is eligible" and 0 units
    // (tester 226).
    expect(text).toContain(
      'the pathways to the goal and the funnel from eligible to handled cannot be judged: they are unknown, not 0',
    );
    expect(text).toContain(
      'cannot be judged: neither the units it would need nor the hours police spend on those calls can be given',
    );
    expect(text).not.toMatch(
      /No call in the period is eligible|Units kept busy by eligible calls|of calls are eligible for at least one|These are all 0 call types/,
    );
    // The dispatch file has no address: "no block had 11 calls" said they were counted and all were few.
    expect(text).toContain('No call of the period has a block address, so no repeat locations can be found');
    expect(text).not.toContain('No block had');
  });

  it('analyze prints eligibility, pathways and capacity as unknown, not as none eligible (tester 226)', () => {
    const run = spawnSync('node', [CLI, 'analyze', '--store', join(dir, 'alone'), '--no-save'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('which calls could supply them cannot be judged without call types.');
    expect(run.stdout).toMatch(
      /Handled vs eligible \(current practice\):\n {2}unknown: no call of the period has an initial call type\./,
    );
    expect(run.stdout).toContain(
      'Capacity (behavioural_crisis, current): which calls are eligible cannot be judged without call types; nothing to plan.',
    );
    expect(run.stdout).not.toMatch(
      /is eligible for an alternative responder under current practice|under these rules|falls short/,
    );
  });

  it('makes no note of a classification or of priorities where no call has a type (tester 243)', async () => {
    // "Every call type was classified automatically", "Classification: automatic (0 types, ...)" and the
    // emergency priorities' note, none of which can change a figure here.
    const run = spawnSync('node', [CLI, 'analyze', '--store', join(dir, 'alone'), '--no-save'], {
      encoding: 'utf8',
    });
    expect(run.stdout).toContain('\nClassification: none (no call has a call type).\n');
    expect(run.stdout).not.toMatch(/classified automatically|No emergency priorities are set/);
    const r = await analyze({ store: join(dir, 'alone'), writeStore: false });
    expect(r.warnings.filter((w) => /classified automatically|No emergency priorities/.test(w))).toEqual([]);
    const text = textOf(alone);
    expect(text).toContain(
      'No call in the store has a call type, so none is mapped to an analysis category, a severity tier or the responders eligible for it',
    );
    expect(text).not.toMatch(/distinct types \(every period\)/);
  });

  it('says the 911 denominator holds no call, where it said the calls have no unit time', async () => {
    // The premise: the dispatch file's calls have assignment times, and none says it came by 911.
    const raw = readFileSync(DISPATCH, 'utf8').split('\n');
    const header = raw[0]!.split(',');
    expect(header).toContain('first_dispatch_delay');
    const notes = (den?: 'calls_911') =>
      analyze({ store: join(dir, 'alone'), writeStore: false, denominator: den }).then((r) => r.warnings);
    const only911 = await notes('calls_911');
    expect(only911).toContainEqual(
      expect.stringMatching(/^No call of the period counts in the denominator `calls_911` \(all 911 calls\)/),
    );
    expect(only911.join('\n')).not.toContain('has a unit time');
    expect((await notes()).join('\n')).not.toMatch(/has a unit time|counts in the denominator/);
  });

  it('says a short period holds no call of the denominator, not that origins are unmapped (tester 331)', async () => {
    const store = join(dir, 'both');
    const whole = await analyze({ store, writeStore: false, denominator: 'calls_911' });
    const all = whole.tables.diverted_share.rows.find(
      (r) => r.denominator === 'calls_911' && r.period === 'all' && r.responder === 'all_diverted',
    );
    expect(all?.denominator_calls).toBeGreaterThan(0);
    const day = await analyze({
      store,
      writeStore: false,
      denominator: 'calls_911',
      from: '2018-06-24',
      to: '2018-06-24',
    });
    expect(day.tables.diverted_share.definition.quality.calls).toBeGreaterThan(0);
    const note = day.warnings.find((w) => w.startsWith('No call of the period counts in the denominator'));
    expect(note).toMatch(
      /: the period's day holds none of its calls, .* Choose a longer period \(--from, --to\)/,
    );
    expect(note).not.toMatch(/no call's origin puts it there/);
  });

  it('does not send a store of a few days with no 911 call to a longer period (tester 337)', async () => {
    // The dispatch file spans 4 days and maps no origin: a longer period cannot help.
    const r = await analyze({ store: join(dir, 'alone'), writeStore: false, denominator: 'calls_911' });
    expect(r.tables.diverted_share.definition.period.days).toBe(4);
    const note = r.warnings.find((w) => w.startsWith('No call of the period counts in the denominator'));
    expect(note).toMatch(/: no call's origin puts it there, .* Map how calls came in/);
    expect(note).not.toMatch(/longer period/);
  });

  it("gives a day of the store's own as the example of a date that exists (tester 337)", async () => {
    // "for example --from 2022-10-01", followed, was refused next as before the store's first call.
    const store = join(dir, 'alone');
    await expect(analyze({ store, writeStore: false, from: '2024-13-01' })).rejects.toMatchObject({
      message: expect.stringMatching(/^--from must be a date YYYY-MM-DD that exists; got `2024-13-01`/),
      hint: 'for example --from 2024-01-01.',
    });
    await expect(analyze({ store, writeStore: false, to: '2024-02-30' })).rejects.toMatchObject({
      hint: 'for example --to 2024-01-04.',
    });
  });

  it('counts a call with a final type alone as untyped, since eligibility reads the initial type', async () => {
    // A profile mapping only the final type read "eligible for 0 calls", "0.0% could go", without a word
    // (tester 104).
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        `C${i},10/${String((i % 28) + 1).padStart(2, '0')}/2022 13:${String(i).padStart(2, '0')},PERSON IN CRISIS`,
    );
    const file = join(dir, 'final-only.csv');
    writeFileSync(file, `Incident Number,Call Received,Final Call Type\n${rows.join('\n')}\n`);
    const draft = await draftProfile(file);
    // The draft takes the one type column for both; this city's profile maps it as what it is.
    const profile = parseProfile(draft.yaml.replace(/^ {2}call_type_initial: .*\n/m, ''), 'draft.yaml');
    // The premise: the final type is mapped, no initial one.
    expect(profile.fields).toMatchObject({ call_type_final: { column: 'Final Call Type' } });
    expect(profile.fields.call_type_initial).toBeUndefined();
    await ingest({ files: [file], profile, store: join(dir, 'final-only') });
    const r = await analyze({ store: join(dir, 'final-only'), writeStore: false });
    expect(r.quality.untyped).toBe(40);
    expect(r.warnings).toContainEqual(
      expect.stringMatching(/^No call of the period has an initial call type/),
    );
  });

  it("does not blame a responder's types for what the missing initial type does", async () => {
    // The synthetic city's profile without its initial type: each alternative responder was said to have
    // handled calls "of types its current eligibility does not give it" (tester 105).
    const csv = join(dir, 'synthetic.csv');
    const made = spawnSync('node', [CLI, 'synth', '--calls', '3000', '--years', '0.5', '--out', csv], {
      encoding: 'utf8',
    });
    expect(made.status).toBe(0);
    const profile = loadProfile('synthetic-city');
    const withBoth = join(dir, 'synthetic-both');
    await ingest({ files: [csv], profile, store: withBoth });
    const outside = (w: string[]) =>
      w.filter((x) => /of types its current eligibility does not give it/.test(x));
    // The premise: with its initial type, the store has such notes to give.
    expect(outside((await analyze({ store: withBoth, writeStore: false })).warnings).length).toBeGreaterThan(
      0,
    );
    const fields = { ...profile.fields };
    delete fields.call_type_initial;
    const finalOnly = join(dir, 'synthetic-final');
    await ingest({ files: [csv], profile: { ...profile, fields }, store: finalOnly });
    const r = await analyze({ store: finalOnly, writeStore: false });
    expect(r.warnings).toContainEqual(
      expect.stringMatching(/^No call of the period has an initial call type/),
    );
    expect(outside(r.warnings)).toEqual([]);
  });

  it('gives the share with typed calls beside untyped ones, and says how the untyped count', () => {
    const text = textOf(both);
    expect(text).toMatch(/\d+\.\d% could go to an alternative responder in the near term/);
    expect(text).toContain('calls without an initial call type count as eligible for none');
    expect(text).toContain(
      'Calls without an initial call type count as eligible for none (Data and method).',
    );
    // The call data records origins (911, ONVIEW...): only the dispatch file's calls are of unknown origin.
    expect(text).toContain('calls of unknown origin are counted');
  });

  it("gives the area tables' eligible calls as unknown, not 0, where calls have no type (tester 243)", () => {
    // Alone: no call has a type, and every area read "0 | 0.0%".
    for (const field of ['precinct', 'neighborhood']) {
      const rows = reportCsv(join(dir, 'r-alone'), `calls_by_${field}`);
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.filter((r) => r.eligible !== '' || r.eligible_share !== '')).toEqual([]);
    }
    const text = textOf(alone);
    expect(text).toContain(
      'No call of the period has an initial call type, so the calls eligible for an alternative responder, and their share, are unknown (-), not 0.',
    );
    expect(text).toMatch(/NORTH 296 29\.6% 0 0\.0% - - /);
    // Both: the call data's precincts have types, the dispatch file's alone (NORTH, WEST...) have none.
    const mixed = reportCsv(join(dir, 'r-both'), 'calls_by_precinct');
    const east = mixed.find((r) => r.area === 'EAST')!;
    expect(Number(east.eligible_share)).toBeGreaterThan(0);
    const north = mixed.find((r) => r.area === 'NORTH')!;
    expect([north.eligible, north.eligible_share]).toEqual(['0', '']);
    expect(textOf(both)).toContain(
      'Share eligible is - for an area none of whose calls has a classified initial call type',
    );
    expect(textOf(alone)).not.toContain('Share eligible is - for an area');
  });

  it("says Seattle's response times run from the queue, which is all its exports record", () => {
    // Both profiles take `received` from the original queue time: there is no pickup time.
    for (const file of [alone, both]) {
      const text = textOf(file);
      expect(text).toContain('Response time runs from the call entering the queue to the first unit');
      expect(text).toContain('queue entry to first unit on scene');
      expect(text).not.toMatch(/from pickup|picked up|pickup to|before its pickup/);
      expect(text).toContain('Where an export has no pickup time');
    }
  });
});
