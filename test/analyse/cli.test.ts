/**
 * `safegap analyze` as a user runs it (from the TypeScript sources, so no build is needed): a small real
 * store (the Seattle sample, which has points), its outputs, and user mistakes answered without a stack.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { analyze } from '../../src/analyse/analyze.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { capacityLines } from '../../src/cli/analyze.js';
import type { CapacitySummary } from '../../src/analyse/capacity.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { csvObjects, parseCsv, writeRows } from '../helpers/csv.js';
import { buildReport } from '../../src/report/report.js';
import { storeRows } from '../helpers/store.js';

const ROOT = resolve(import.meta.dirname, '../..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'analyze', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // The tables as JSON are a few megabytes (every hour of the week and month of six years).
    maxBuffer: 64 * 2 ** 20,
  });

describe('safegap analyze', () => {
  const dir = tempDir();
  const store = join(dir, 'store');
  const zone = join(dir, 'seattle.geojson');
  beforeAll(async () => {
    await ingest({
      files: [sharedFile('seattle/call_data_sample_2018-2023.csv')],
      profile: 'seattle-call-data',
      store,
    });
    // North and south of latitude 47.6 in the city's bounding box.
    const box = (y0: number, y1: number) => [
      [
        [-122.5, y0],
        [-122.2, y0],
        [-122.2, y1],
        [-122.5, y1],
        [-122.5, y0],
      ],
    ];
    writeFileSync(
      zone,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { half: 'north' },
            geometry: { type: 'Polygon', coordinates: box(47.6, 47.8) },
          },
          {
            type: 'Feature',
            properties: { half: 'south' },
            geometry: { type: 'Polygon', coordinates: box(47.4, 47.6) },
          },
        ],
      }),
    );
  }, 60_000);

  it('writes one call as one, not "1 calls" (tester 340)', async () => {
    // Counted a second way: the store's calls received on 5 January 2018, local time.
    const [day] = await storeRows<{ n: number }>(
      store,
      `SELECT count(*)::INTEGER AS n FROM calls WHERE CAST(received_local AS DATE) = DATE '2018-01-05'`,
    );
    expect(day!.n).toBe(1);
    const r = run('--store', store, '--from', '2018-01-05', '--to', '2018-01-05', '--no-save');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Analysed 1 call, 2018-01-05 to 2018-01-05 \(1 day\), store /m);
    // 2020's one 911 call eligible for the crisis team: "eligible for 1 calls under current practice".
    const report = await buildReport({
      store,
      out: join(dir, 'one-eligible'),
      from: '2020-01-01',
      to: '2020-12-31',
      denominator: 'calls_911',
    });
    const text = readFileSync(report.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('The behavioural crisis team is eligible for 1 call under current practice.');
    expect(text).not.toMatch(/\b1 calls\b/);
  });

  it('says why a denominator without calls times none, rather than printing a header over no rows', async () => {
    // Tester 76: the 911 denominator of Seattle's dispatch file, which has no origins.
    const dispatch = join(dir, 'dispatch');
    await ingest({
      files: [sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv')],
      profile: 'seattle-spd-dispatch',
      store: dispatch,
    });
    const r = run('--store', dispatch, '--no-save', '--denominator', 'calls_911');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /Response \(queue entry to first arrival\) by priority, calls_911:\n {2}no call of the period is in calls_911, so none is timed\./,
    );
  });

  it('writes the tables and prints them as JSON', () => {
    const out = join(dir, 'out');
    const r = run(
      '--store',
      store,
      '--out',
      out,
      '--json',
      '--boundaries',
      `half=${zone}#half`,
      '--min-count',
      '11',
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.quality.calls_in_period).toBe(222);
    expect(j.areas[0]).toMatchObject({ name: 'half', areas: 2 });
    expect(j.areas[0].located + j.areas[0].unlocated).toBe(j.areas[0].points);
    const byArea = j.tables.demand_by_area.rows.filter(
      (x: { area_field: string; category: string }) => x.area_field === 'half' && x.category === 'all',
    );
    expect(byArea.reduce((a: number, x: { calls: number }) => a + x.calls, 0)).toBe(222);
    for (const t of ['diverted_share', 'response_times', 'capacity_plan', 'repeat_locations'])
      expect(existsSync(join(out, `${t}.csv`)), t).toBe(true);
    // Seattle's call data has no address: its empty repeat_locations is said to be none counted, not none
    // found (tester 320: only analysis.json's calls_with_block: 0 told).
    expect(j.tables.repeat_locations.rows).toEqual([]);
    expect(j.tables.repeat_locations.definition.quality.calls_with_block).toBe(0);
    expect(j.warnings).toContain(
      "No call of the period has a block address, so repeat_locations is empty: no repeat location can be found, not none found. Map the source's address column in its profile (`fields: block_address`, docs/profiles.md) if its export has one.",
    );
    expect(existsSync(join(store, 'analysis', 'diverted_share.parquet'))).toBe(true);
    // --json is analysis.json's document, in its spelling (it printed storeVersion for store_version).
    const file = JSON.parse(readFileSync(join(out, 'analysis.json'), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(j).sort()).toEqual([...Object.keys(file), 'seconds', 'store', 'written'].sort());
    for (const k of Object.keys(file)) expect(j[k], k).toEqual(file[k]);
    expect(file.classification).toEqual({
      city: null,
      mapping_file: null,
      settings_file: null,
      types: expect.any(Number),
      automatic_types: expect.any(Number),
      unreviewed_types: 0,
    });
    // No mapping: the note is among the run's notes in the JSON too (tester 121: the terminal's alone).
    expect(j.warnings).toContainEqual(
      expect.stringMatching(/^Every call type was classified automatically: /),
    );
    expect(j.written).toEqual({ store: join(store, 'analysis'), out });
  });

  it('gives one rule for every --min-count below 2, with how to fix it', () => {
    // 0 was refused as "not above 0", then 1 as "not at least 2".
    for (const n of ['0', '1', '-3']) {
      const r = run('--store', store, '--no-save', '--min-count', n);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--min-count must be a whole number of at least 2; got \`${n}\`.`);
      expect(r.stderr).toContain('How to fix: a block listed for a single call points at one household');
    }
    // A number past 2^53 is not whole to the digit (10^21 was taken and printed as 1e+21; tester 157).
    const huge = run('--store', store, '--no-save', '--top', '1000000000000000000000');
    expect(huge.status).toBe(2);
    expect(huge.stderr).toContain(
      '--top must be a whole number up to 9,007,199,254,740,991; got `1000000000000000000000`.\n  How to fix: give a smaller number, such as 10.',
    );
  });

  it('refuses a layer that places no call or is not an area, and notes the points it leaves out', () => {
    const layer = (name: string, ...boxes: [string, number, number, number, number][]) => {
      const f = join(dir, `${name}.geojson`);
      writeFileSync(
        f,
        JSON.stringify({
          type: 'FeatureCollection',
          features: boxes.map(([n, x0, y0, x1, y1]) => ({
            type: 'Feature',
            properties: { zone: n },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [x0, y0],
                  [x1, y0],
                  [x1, y1],
                  [x0, y1],
                  [x0, y0],
                ],
              ],
            },
          })),
        }),
      );
      return f;
    };
    // Another city's polygons (or coordinates swapped, or a store without points): every call was
    // silently in no zone and the breakdown vanished.
    const elsewhere = layer('elsewhere', ['mpls', -93.33, 44.89, -93.19, 45.05]);
    const r = run('--store', store, '--boundaries', `zone=${elsewhere}`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(
      /none of the \d+ places where calls were received falls in any of its 1 polygons/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // Layers named after a column of the calls that is no area were silently ignored, and `all` mixed its
    // rows into the breakdowns' own `all` group.
    const north = layer('north', ['north', -122.5, 47.6174, -122.2, 47.8]);
    const lat = run('--store', store, '--boundaries', `lat=${north}`);
    expect(lat.stderr).toMatch(/`lat` is a column of the calls, not an area/);
    const all = run('--store', store, '--boundaries', `all=${north}`);
    expect(all.stderr).toMatch(/layer name `all` is reserved: the analysis uses that name itself/);
    // Written with capitals, both were taken, and `Category=` broke the repeat locations (a tester's find).
    const Lat = run('--store', store, '--boundaries', `LAT=${north}`);
    expect(Lat.stderr).toMatch(/`lat` is a column of the calls, not an area/);
    const cat = run('--store', store, '--boundaries', `Category=${north}`);
    expect(cat.stderr).toMatch(/layer name `category` is reserved/);
    expect([lat.status, all.status, Lat.status, cat.status].every((x) => x !== 0)).toBe(true);
    // Part of the sample's points covered (they lie around latitude 47.617): the run says how many places
    // fell in no polygon.
    const half = run('--store', store, '--boundaries', `zone=${north}`, '--json');
    expect(half.status).toBe(0);
    const j = JSON.parse(half.stdout);
    expect(j.areas[0].unlocated).toBeGreaterThan(0);
    // The property that named the areas, chosen here (named like the layer), is recorded (tester 78).
    expect(j.areas[0].property).toBe('zone');
    expect(j.warnings).toContainEqual(
      `${j.areas[0].unlocated} of the ${j.areas[0].points} places where the period's calls were received fall in none of the polygons of ${north} (layer zone); their calls count as having no zone.`,
    );
    // Seattle has no city settings: rules for non-emergency calls took calls of every priority, unsaid.
    const priorities = [
      ...new Set(
        csvObjects(readFileSync(sharedFile('seattle/call_data_sample_2018-2023.csv'), 'utf8'))
          .map((r) => r.Priority)
          .filter(Boolean),
      ),
    ];
    expect(priorities.length).toBeGreaterThan(1);
    const note = (j.warnings as string[]).find((w) =>
      w.startsWith('No emergency priorities are set for this store'),
    );
    expect(note).toMatch(
      /Name the emergency ones in `mappings\/seattle_calls.yaml` .* `emergency_priorities: \['1'\]`/,
    );
    for (const p of (/priorities include ([^)]*)\)/.exec(note!)?.[1] ?? '').match(/`[^`]+`/g) ?? [])
      expect(priorities).toContain(p.slice(1, -1));
  });

  it('says an emergency priority no call has, as the store writes them (tester 151)', async () => {
    // `['1']` beside a store writing `Priority 1` matched no call, and the priority-1 calls were eligible
    // for community responders without a word.
    const cwd = join(dir, 'priorities');
    mkdirSync(join(cwd, 'mappings'), { recursive: true });
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const notes = async (list: string) => {
        writeFileSync(join(cwd, 'mappings/seattle_calls.yaml'), `emergency_priorities: [${list}]\n`);
        return (await analyze({ store, writeStore: false })).warnings.filter((w) =>
          /^The emergency priorit/.test(w),
        );
      };
      expect(await notes(`'Priority 1', '1', 'P2'`)).toEqual([
        expect.stringMatching(
          /^The emergency priorities `Priority 1`, `P2` of `mappings\/seattle_calls\.yaml` are no priority of any call in the store, which writes its priorities `\d+`, .* \(`digits_only` writes `Priority 1` as `1`/,
        ),
      ]);
      expect(await notes(`'1'`)).toEqual([]);
      // A priority spelt as the store spells its priorities (digits), which the store simply lacks, is no
      // mistake (tester 288: a day's calls with no priority 0), alone too (tester 357: a store of priority-4
      // calls was told to normalise `0` and `1`); one spelt otherwise is.
      expect(await notes(`'1', '99'`)).toEqual([]);
      expect(await notes(`'99'`)).toEqual([]);
      expect(await notes(`'P1'`)).toEqual([expect.stringMatching(/^The emergency priority `P1` of /)]);
    } finally {
      process.chdir(before);
    }
  });

  it('leaves the store untouched with --no-save (a store the user may only read)', () => {
    const readOnly = join(dir, 'read-only');
    cpSync(store, readOnly, { recursive: true });
    rmSync(join(readOnly, 'analysis'), { recursive: true, force: true });
    const out = join(dir, 'no-save-out');
    const r = run('--store', readOnly, '--no-save', '--out', out);
    expect(r.status).toBe(0);
    expect(existsSync(join(readOnly, 'analysis'))).toBe(false);
    expect(existsSync(join(out, 'analysis.json'))).toBe(true);
    expect(r.stdout).not.toMatch(/Tables written to/);
    // Seattle has no reviewed mapping: the run says where it looked and how to name one. The built-in
    // Minneapolis mapping lists none of Seattle's types, and is not named (tester 380).
    expect(r.stdout).toMatch(
      /Note: Every call type was classified automatically: no reviewed city mapping is named after the store's source \(looked for seattle_calls\.csv, seattle\.csv in \.\/mappings and among the built-in ones\)\. To review the automatic choices/,
    );
    expect(r.stdout).not.toMatch(/minneapolis \(built in\)/);
  });

  it('says which row a type matched but for case took, where the rows of it disagree (tester 307)', async () => {
    // The store writes `BURN - RECKLESS BURNING`; the mapping has it only in two other cases, classified two
    // ways. The first row was taken in silence.
    const mapping = join(dir, 'burn-twins.csv');
    const header =
      'raw_type,normalised,category,apco_code,tier,flags,handled_by,eligible_current,eligible_near_term,eligible_potential,confidence,provenance,reviewer,reviewed_on,note';
    writeFileSync(
      mapping,
      [
        header,
        'Burn - Reckless Burning,Burn Reckless Burning,fire,,misdemeanour,,,,,,1,reviewed,x,2026-12-06,',
        'burn - reckless burning,Burn Reckless Burning,disturbance,DISORD,misdemeanour,,,,,,1,reviewed,x,2026-12-06,',
      ].join('\n') + '\n',
    );
    const r = await analyze({ store, mapping, writeStore: false });
    expect(r.warnings).toContainEqual(
      'A call type of the store matches no row of the mapping as written, and the rows that match it but for case or suffix classify it differently: `BURN - RECKLESS BURNING` took `Burn - Reckless Burning` (fire, misdemeanour) over `burn - reckless burning` (disturbance, misdemeanour). A reviewed row is taken before an automatic one, then the first in the file; to choose, add a row for the type as the store writes it (`classify export` and `import`).',
    );
  });

  it('finds a mapping named after the whole source name, and the report says when it found none', async () => {
    // A mapping reviewed as `--city mpls_incidents` for the source mpls_incidents was not found: only the
    // source's first word was tried, and analyze and the report classified every type automatically (the
    // report without a word in the terminal).
    const cwd = join(dir, 'city');
    mkdirSync(join(cwd, 'mappings'), { recursive: true });
    copyFileSync(join(ROOT, 'taxonomy/mappings/minneapolis.csv'), join(cwd, 'mappings/seattle_calls.csv'));
    copyFileSync(join(ROOT, 'taxonomy/mappings/minneapolis.csv'), join(cwd, 'mappings/other_calls.csv'));
    // A type of the store the other mapping classifies and the one taken lacks: read, it would change the
    // analysis, which a copy of the mapping taken would not (tester 371).
    appendFileSync(
      join(cwd, 'mappings/other_calls.csv'),
      'BURN - RECKLESS BURNING,Burn Reckless Burning,fire,,misdemeanour,,,,,,1,reviewed,x,2026-12-07,\n',
    );
    // Two sources named after two mappings: one mapping classifies every call, and that was said nowhere.
    // The source of most records names it, in whichever order they were ingested (tester 310: the one
    // ingested first did). Here other_calls holds the sample's first 100 calls.
    const sample = readFileSync(sharedFile('seattle/call_data_sample_2018-2023.csv'), 'utf8').split('\n');
    const hundred = join(dir, 'hundred.csv');
    writeFileSync(hundred, `${sample.slice(0, 101).join('\n')}\n`);
    const other = { ...loadProfile('seattle-call-data'), source: 'other_calls' };
    const two = join(dir, 'two-sources');
    cpSync(store, two, { recursive: true });
    await ingest({ files: [hundred], profile: other, store: two });
    const reversed = join(dir, 'two-sources-reversed');
    await ingest({ files: [hundred], profile: other, store: reversed });
    await ingest({
      files: [sharedFile('seattle/call_data_sample_2018-2023.csv')],
      profile: 'seattle-call-data',
      store: reversed,
    });
    const before = process.cwd();
    process.chdir(cwd);
    try {
      const r = await analyze({ store, writeStore: false });
      expect(r.classification).toMatchObject({
        city: 'seattle_calls',
        mappingFile: 'mappings/seattle_calls.csv',
      });
      expect(r.warnings.join(' ')).not.toMatch(/different city mappings/);
      // The other mapping of ./mappings, which no source of this store names, is said to be left unread
      // (tester 321: a reviewed ./mappings/mpls.csv left out in silence without --city).
      expect(r.warnings).toContainEqual(
        "./mappings/other_calls.csv is not read: without --city, the mapping named after the store's source was taken (mappings/seattle_calls.csv). If it is this city's, pass --city other_calls to analyze and report.",
      );
      for (const s of [two, reversed]) {
        const both = await analyze({ store: s, writeStore: false });
        expect(both.classification.city).toBe('seattle_calls');
        // Named by a source, it is the note below's.
        expect(both.warnings.join(' ')).not.toMatch(/is not read: without --city/);
        expect(both.warnings).toContainEqual(
          "The store's sources are named after different city mappings (seattle_calls: seattle_calls, other_calls: other_calls); one mapping classifies every call, and seattle_calls was taken, as the source of most records (then the first by name) names it. Pass --city to choose another.",
        );
      }
    } finally {
      process.chdir(before);
    }
    const report = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'report', '--store', store, '--out', join(dir, 'report')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout).toMatch(
      /Note: Every call type was classified automatically: no reviewed city mapping is named after the store's source/,
    );
  });

  it('says how many types the mapping lists unreviewed, and warns when none is reviewed (tester 120)', async () => {
    // A mapping `classify auto` wrote lists every type as the classifier guessed it; analyze said "0
    // classified automatically" and the report never said that nobody had reviewed one.
    const mapping = join(dir, 'auto', 'seattle.csv');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
    const auto = cli('classify', 'auto', '--city', 'seattle_calls', '--calls', store, '--mapping', mapping);
    expect(auto.status, auto.stderr).toBe(0);
    // Counted a second way: the store's distinct initial and final types, each a row of the written mapping.
    const rows = csvObjects(readFileSync(mapping, 'utf8'));
    const types = new Set(
      (
        await storeRows<{ v: string }>(
          store,
          `SELECT DISTINCT v FROM (SELECT coalesce(call_type_initial_raw, call_type_initial) AS v FROM calls
           UNION SELECT coalesce(call_type_final_raw, call_type_final) FROM calls) WHERE v IS NOT NULL`,
        )
      ).map((x) => x.v),
    );
    expect(rows.every((r) => r.provenance === 'automatic')).toBe(true);
    // Seattle's final types begin with `--`: written after a `'`, for a spreadsheet (tester 269).
    expect(new Set(rows.map((r) => r.raw_type!.replace(/^'(?=[-=+@])/, '')))).toEqual(types);
    expect(rows.filter((r) => /^[-=+@]/.test(r.raw_type!))).toEqual([]);
    const r = await analyze({ store, mapping, writeStore: false });
    expect(r.classification).toMatchObject({
      types: types.size,
      automaticTypes: 0,
      unreviewedTypes: types.size,
    });
    expect(r.warnings).toContainEqual(
      expect.stringMatching(
        /^No call type of the store has been reviewed: the mapping .* lists every one as classified automatically/,
      ),
    );
    const shown = cli('analyze', '--store', store, '--mapping', mapping, '--no-save');
    expect(shown.stdout).toContain(
      `(${types.size} types, 0 classified automatically, ${types.size} listed by the mapping as automatic and not reviewed)`,
    );
    const report = await buildReport({ store, mapping, out: join(dir, 'auto-report') });
    const text = readFileSync(report.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain(
      `0 of them (0.0%) classified automatically because the mapping does not list them, and ${types.size} (100.0%) that it lists as classified automatically, not reviewed by anyone.`,
    );
    expect(text).toContain('No call type of the store has been reviewed');
    // One type reviewed: counted out, and the warning goes.
    const header = parseCsv(readFileSync(mapping, 'utf8'))[0]!;
    writeRows(mapping, header, {}, [
      { ...rows[0]!, provenance: 'reviewed', reviewer: 'tester', reviewed_on: '2026-12-03' },
      ...rows.slice(1),
    ]);
    const one = await analyze({ store, mapping, writeStore: false });
    expect(one.classification.unreviewedTypes).toBe(types.size - 1);
    expect(one.warnings.join(' ')).not.toMatch(/No call type of the store has been reviewed/);
    // A mapping of no type at all (tester 121: "lists 0 of the 339 ... and lacks the other 339").
    const empty = join(dir, 'auto', 'empty.csv');
    writeRows(empty, header, {}, []);
    const none = await analyze({ store, mapping: empty, writeStore: false });
    expect(none.warnings).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^No call type of the store has been reviewed: the mapping .*empty\\.csv lists none of its ${types.size} types: each was classified automatically, so categories`,
        ),
      ),
    );
  });

  it('says in the terminal when a goal is out of reach, its yearly step, and a plan with no eligible call', () => {
    // Seattle's sample over 2,184 days: the Telephone Reporting Unit's calls diverted, nothing eligible for
    // the community responders under current practice. The target's arithmetic from the diverted calls and
    // the denominator the same output prints.
    const r = run(
      '--store',
      store,
      '--no-save',
      '--target',
      '0.99',
      '--horizon-years',
      '2',
      '--capacity-responder',
      'community',
    );
    expect(r.status).toBe(0);
    const line = /^cfs_excl_officer_initiated\s+(\d+)\s+(\d+)/m.exec(r.stdout);
    const [diverted, n] = [Number(line?.[1]), Number(line?.[2])];
    expect(n).toBeGreaterThan(200);
    expect(diverted).toBeGreaterThan(0);
    const perYear = (0.99 * n - diverted) / (2184 / 365.25);
    expect(r.stdout).toContain(
      `Target 99% of cfs_excl_officer_initiated: ${Math.round(perYear)} more diverted calls a year (${Number(((0.99 * n - diverted) / (2184 / 7)).toPrecision(2))} a week), reached over 2 years by adding ${Math.round(perYear / 2)} a year each year; even every potentially eligible call falls short (`,
    );
    // A year's supply beside a year's need (the period's count was printed beside the yearly figure).
    const supply = /falls short \(([\d,]+) a year, ([\d,]+) in the period\)\./.exec(r.stdout);
    expect(supply, r.stdout).not.toBeNull();
    const [perYearSupply, inPeriod] = [supply![1]!, supply![2]!].map((x) => Number(x.replaceAll(',', '')));
    expect(perYearSupply).toBe(Math.round(inPeriod! / (2184 / 365.25)));
    expect(r.stdout).toContain(
      'Capacity (community, current): no call in the period is eligible for it under these rules; nothing to plan.',
    );
    // Seattle records no clearance, so no plan; the schedule asked for is still answered (it vanished),
    // 2 units for 12 hours a day being 168 unit-hours a week.
    const s = run('--store', store, '--no-save', '--schedule', '2@08-20');
    expect(s.stdout).toMatch(
      /Capacity \(behavioural_crisis, current\): not planned[^\n]*\n {2}Schedule \(168 unit-hours a week\): [\d.]+% of eligible calls arrive while a unit is on, units busy with the team's own calls of today: not measured\./,
    );
    // Within a year no yearly step: "adding 8,000 a year each year" over a quarter is four times the gap
    // (tester 188).
    const quarter = run('--store', store, '--no-save', '--target', '0.99', '--horizon-years', '0.25');
    expect(quarter.stdout).toContain(
      `Target 99% of cfs_excl_officer_initiated: ${Math.round(perYear)} more diverted calls a year (${Number(((0.99 * n - diverted) / (2184 / 7)).toPrecision(2))} a week), to be reached within 0.25 years; even`,
    );
    expect(quarter.stdout).not.toContain('each year');
    // A gap of a few calls a year is printed as it is, not rounded to a whole call: 2.4 a year read "2",
    // and 0.36 "0 more diverted calls a year" beside a goal not met. Targets just above today's share,
    // with a two-year horizon, so the yearly step is half of each.
    for (const [perYearGap, text, step] of [
      [2.4, '2.4', '1.2'],
      [0.36, '0.36', '0.18'],
    ] as const) {
      const target = (diverted + perYearGap * (2184 / 365.25)) / n;
      const small = run('--store', store, '--no-save', '--target', String(target), '--horizon-years', '2');
      expect(small.stdout).toMatch(
        new RegExp(
          `: ${text.replace('.', '\\.')} more diverted calls a year \\([^)]+\\), reached over 2 years by adding ${step.replace('.', '\\.')} a year each year;`,
        ),
      );
    }
  });

  it('prints a goal already met with a share that does not read under it (tester 278)', () => {
    // "Target 3.72%: already met (3.7% diverted)": the share printed with the goal's decimals at least.
    // Of all calls, 16 of 222 (7.207%), printed 7.2%: a goal of 7.207% is met.
    const all = run('--store', store, '--no-save', '--denominator', 'all_calls');
    const line = /^all_calls\s+(\d+)\s+(\d+)/m.exec(all.stdout);
    const share = Number(line?.[1]) / Number(line?.[2]);
    const target = Math.floor(share * 100_000) / 100_000;
    expect(target).toBeLessThan(share);
    expect(Number((share * 100).toFixed(1))).toBeLessThan(target * 100);
    const r = run('--store', store, '--no-save', '--denominator', 'all_calls', '--target', String(target));
    const met = /: already met \(([\d.]+)% diverted\)\./.exec(r.stdout);
    expect(met, r.stdout).not.toBeNull();
    expect(Number(met![1])).toBeGreaterThanOrEqual(target * 100);
  });

  it('touches neither the store nor --out when --out cannot take the tables', () => {
    // The store took the new period while --out kept the old, and the message said both were as they were;
    // under /proc the run went round for ever making the folder.
    const copy = join(dir, 'out-fails');
    cpSync(store, copy, { recursive: true });
    expect(run('--store', copy, '--no-save').status).toBe(0);
    expect(run('--store', copy).status).toBe(0);
    const manifest = join(copy, 'analysis', 'manifest.json');
    const before = readFileSync(manifest, 'utf8');
    const out = join(dir, 'folder-in-the-way');
    mkdirSync(join(out, 'pathways.csv'), { recursive: true });
    const cases: [string, RegExp][] = [
      [out, /pathways\.csv there is a folder, where this run writes a file/],
      ['/proc/safegap-test-out', /cannot make the folder \/proc\/safegap-test-out/],
    ];
    for (const [where, message] of cases) {
      const r = run('--store', copy, '--from', '2019-01-01', '--out', where);
      expect({ where, status: r.status }).toEqual({ where, status: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(readFileSync(manifest, 'utf8')).toBe(before);
    }
    expect(readdirSync(out)).toEqual(['pathways.csv']);
    // A file there that cannot be replaced (immutable): refused before the store's tables were replaced
    // (tester 153: the store took the new period while --out was refused).
    const locked = join(dir, 'locked-out');
    expect(run('--store', copy, '--no-save', '--out', locked).status).toBe(0);
    const lockedBefore = readFileSync(join(locked, 'pathways.csv'), 'utf8');
    execFileSync('chattr', ['+i', join(locked, 'pathways.csv')]);
    try {
      const r = run('--store', copy, '--from', '2019-01-01', '--out', locked);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(
        /cannot replace .*pathways\.csv: permission denied \(EPERM\)\. Nothing in the folder was changed\./,
      );
    } finally {
      execFileSync('chattr', ['-i', join(locked, 'pathways.csv')]);
    }
    expect(readFileSync(manifest, 'utf8')).toBe(before);
    expect(readFileSync(join(locked, 'pathways.csv'), 'utf8')).toBe(lockedBefore);
    expect(readdirSync(locked).filter((f) => f.startsWith('.'))).toEqual([]);
    // A report's folder, which may be published: the tables (blocks, small counts) do not join it.
    const published = join(dir, 'published');
    mkdirSync(published);
    writeFileSync(join(published, 'report.html'), 'a public report');
    const r = run('--store', copy, '--no-save', '--out', published);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/holds a report \(report\.html\)/);
    expect(readdirSync(published)).toEqual(['report.html']);
  });

  it('refuses a period in a gap between the calls, and says so', async () => {
    // The sample's 222 calls over six years leave weeks without a call: the two days after a call
    // followed by none for three days or more.
    const [gap] = await storeRows<{ from: string; to: string }>(
      store,
      `SELECT strftime(d + 1, '%Y-%m-%d') AS "from", strftime(d + 2, '%Y-%m-%d') AS "to" FROM (
         SELECT CAST(received_local AS DATE) AS d,
           lead(CAST(received_local AS DATE)) OVER (ORDER BY received_local) AS next FROM calls)
       WHERE next - d >= 3 ORDER BY d LIMIT 1`,
    );
    expect(gap).toBeDefined();
    await expect(analyze({ store, from: gap!.from, to: gap!.to, writeStore: false })).rejects.toThrow(
      `The store has no calls between ${gap!.from} and ${gap!.to}: it holds calls before or after these days, but none in them (a gap in the exports?).`,
    );
  });

  it('answers mistakes with a message and exit code 2, never a stack trace', () => {
    const empty = join(dir, 'empty-folder');
    mkdirSync(empty, { recursive: true });
    const cases: [string[], RegExp][] = [
      // A mistyped path was told to create a store there (a tester's find), and so was an empty folder.
      [['--store', join(dir, 'nothing')], /does not exist: there is no safegap store there/],
      [['--store', empty], /is an empty folder, not a safegap store/],
      [
        ['--store', store, '--denominator', 'everyone'],
        /--denominator must be one of calls_911, cfs_excl_officer_initiated, all_calls; got `everyone`/,
      ],
      // Mistakes found later (an empty period, a missing boundary file) are tested on the library
      // (minneapolis.test.ts): the CLI prints any UserError the same way.
      [['--store', store, '--schedule', '3@7'], /UNITS@FROM-TO/],
      // Days that do not exist: 2022-11-31 was read as 1 December, 2022-02-30 ended in a DuckDB error.
      [
        ['--store', store, '--to', '2022-11-31'],
        /must be a date YYYY-MM-DD that exists; got `2022-11-31`: 2022-11 has no day 31\./,
      ],
      [['--store', store, '--from', '2022-02-30'], /that exists; got `2022-02-30`: 2022-02 has no day 30/],
      // Tester 149: the days of the month were blamed for a month or a format.
      [
        ['--store', store, '--from', '2022-13-01'],
        /got `2022-13-01`: month 13 does not exist \(months are 01 to 12\)/,
      ],
      [['--store', store, '--from', '11/01/2022'], /got `11\/01\/2022`: write it as YYYY-MM-DD, year first/],
      // Tester 260: a space around a day was blamed on its order.
      [['--store', store, '--from', ' 2022-11-01'], /got ` 2022-11-01`: remove the spaces around it\./],
      // Tester 152: the year is first; the month and the day want two digits.
      [
        ['--store', store, '--from', '2022-1-5'],
        /got `2022-1-5`: write the month and the day with two digits each \(2022-01-05\)/,
      ],
      [['--store', store, '--target', '20%'], /got `20%`\.\n.*20% is 0\.2\./],
      // Years no call of a store can have: 9999 ended in a DuckDB error, year 0 divided every rate by 2,000 years.
      [['--store', store, '--to', '9999-12-31'], /between 1970 and 2099; got `9999-12-31`/],
      [['--store', store, '--from', '0000-01-01'], /between 1970 and 2099/],
      [['--store', store, '--to', '2010-01-01'], /--to 2010-01-01 is before the first call in the store/],
      // With both ends given, a period wholly after (or before) the calls was "a gap in the exports?".
      [
        ['--store', store, '--from', '2030-01-01', '--to', '2030-02-01'],
        /--from 2030-01-01 is after the last call in the store/,
      ],
      [
        ['--store', store, '--from', '2009-01-01', '--to', '2010-01-01'],
        /--to 2010-01-01 is before the first call in the store/,
      ],
      // Empty values were dropped: the whole store analysed, no schedule, a reach goal instead, the
      // guessed mapping.
      [['--store', store, '--from='], /--from was given an empty value/],
      [['--store', store, '--schedule', ''], /--schedule was given an empty value/],
      [['--store', store, '--max-wait-probability', ''], /--max-wait-probability was given an empty value/],
      [
        ['--store', store, '--city='],
        /--city was given an empty value\.\s+How to fix: give it a value, or leave it out\./,
      ],
      // A required option cannot be left out (tester 230).
      [['--store', ''], /--store was given an empty value\.\s+How to fix: give it a value\.(?!.*leave)/],
      // Only spaces are as empty.
      [['--store', store, '--city', '  '], /--city was given an empty value/],
      // A city id names ./mappings/<id>.csv; a path read a file outside it (tester 128).
      [['--store', store, '--city', '../x'], /--city must be a city id, up to 100 letters, digits, _ and -/],
      // A file name too long was an internal error (tester 130).
      [['--store', store, '--city', 'c'.repeat(300)], /--city must be a city id, up to 100 letters/],
      // Goals no number of units can meet were answered with a finite plan.
      [['--store', store, '--max-wait-probability', '0'], /between 0 and 1, both excluded/],
      [['--store', store, '--reach-level', '1'], /between 0 and 1, both excluded/],
      [['--store', store, '--target', ''], /--target was given an empty value/],
      // A horizon of 1e20 years was taken and printed back rounded (tester 227).
      [
        ['--store', store, '--horizon-years', '99999999999999999999'],
        /--horizon-years must be at most 100; got/,
      ],
      // 1e-1 is 0.1, but written so only by accident: the message says what is read.
      [['--store', store, '--target', '1e-1'], /--target must be a plain decimal .*such as 0\.2/],
      [['--store', store, '--boundaries', 'bad-name=zones.geojson'], /`bad-name` is not a usable layer name/],
      // An --out that is a file ended in a stack trace (EEXIST), after the whole analysis.
      [
        ['--store', store, '--out', join(dir, 'seattle.geojson')],
        /--out .*seattle\.geojson is a file, not a directory/,
      ],
      // A city with no mapping: the names there are.
      [
        ['--store', store, '--city', 'mpls'],
        /no mapping or settings for --city mpls[\s\S]*name one of [a-z_, ]*minneapolis/,
      ],
      // A city id's first word mistyped was given no suggestion (tester 324: `burlngton`).
      [['--store', store, '--city', 'burlngton'], /--city burlngton .*\(did you mean `burlington_vt`\?\)/],
    ];
    // Tester 78: a repeated option kept its last value in silence (two --schedule, one shift planned);
    // a negative reach was "not a plain decimal number"; 80 for 80% had no fix.
    cases.push(
      [
        ['--store', store, '--schedule', '3@07-23', '--schedule', '2@23-07'],
        /--schedule was given 2 times; it takes one value, and only the last would count\.\n.*--schedule 3@07-23,2@23-07/,
      ],
      [
        ['--store', store, '--reach-minutes=30', '--reach-minutes', '10'],
        /--reach-minutes was given 2 times/,
      ],
      // Tester 327: a fraction of a unit, or days, were told only "not a list of UNITS@FROM-TO shifts".
      [
        ['--store', store, '--schedule', '2.5@07-23'],
        /is not a list of UNITS@FROM-TO shifts\.\n.*whole units on duty every day \(a schedule names no days\).*whole hours \(07, not 07:00/,
      ],
      [
        ['--store', store, '--reach-minutes', '-5'],
        /--reach-minutes must be a number from 0\.1 to 1,440 \(a day\); got `-5`/,
      ],
      // Tester 308: 1e-11 minutes was planned for, and 10^23 minutes taken.
      [
        ['--store', store, '--reach-minutes', '0.00000000001'],
        /--reach-minutes must be a number from 0\.1 to 1,440 \(a day\); got `0\.00000000001`/,
      ],
      [
        ['--store', store, '--reach-minutes', '99999999999999999999999'],
        /must be a number from 0\.1 to 1,440/,
      ],
      [['--store', store, '--reach-level', '80'], /got `80`\.\n.*80% is 0\.8\./],
      // Tester 149: 1.5 is a slip, not 1.5%.
      [
        ['--store', store, '--max-wait-probability', '1.5'],
        /between 0 and 1, both excluded, such as 0\.2 \(0\.01 is 1%\); got `1\.5`\.\n {2}How to fix: give a share between 0 and 1 as a plain decimal, such as 0\.2 for 20%\.\n$/,
      ],
      // Tester 249: most refusals gave no fix, and `-1` was told to be written "as a plain decimal".
      [
        ['--store', store, '--horizon-years', '-1'],
        /got `-1`\.\n {2}How to fix: give the years in which the target is to be reached, such as 1, 3 or 0\.5; it cannot be negative\.\n$/,
      ],
      [
        ['--store', store, '--reach-minutes', '1e9'],
        /How to fix: write it out in digits: 1e9 is 1000000000\.\n$/,
      ],
      [
        ['--store', store, '--top', '2.5'],
        /got `2\.5`\.\n {2}How to fix: give a whole number, such as 3\.\n$/,
      ],
      [
        ['--store', store, '--target', '1'],
        /How to fix: a share of 0 or 1 \(0% or 100%\) cannot be planned for/,
      ],
      // Commander's own refusals began `error:`, the others `safegap:`.
      [['--store', store, '--bogus'], /^safegap: unknown option '--bogus'/],
    );
    // A wait goal with an explicit reach goal: the reach was dropped in silence.
    cases.push([
      ['--store', store, '--max-wait-probability', '0.2', '--reach-minutes', '10'],
      // Said as two goals, with a hint, as every other capacity option (tester 375).
      /--max-wait-probability cannot be used with --reach-minutes: they are two different goals[^\n]*\n {2}How to fix: pick one: /,
    ]);
    for (const [args, message] of cases) {
      const r = run(...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('the capacity lines of analyze', () => {
  const summary: CapacitySummary = {
    responder: 'behavioural_crisis',
    phase: 'current',
    service_minutes: 40,
    service_source: 'own_calls',
    service_sample: 100,
    reach_clock: 'pickup',
    travel_minutes: 12,
    travel_source: 'own_calls',
    travel_sample: 90,
    reach_ceiling: 0.9,
    goal_reachable: true,
    eligible_calls: 500,
    week_hours_in_period: 168,
    unit_hours_per_week_needed: 300,
    peak_units_needed: 4,
    scheduled_unit_hours_per_week: 63,
    share_in_scheduled_hours: 0.4,
    share_served_scheduled: 0.4,
    share_within_goal_scheduled: 0.3,
    utilisation_scheduled: 1.111,
    occupancy_scheduled: 0.952,
  };

  it('says a utilisation over 100% is more than the units have, and names the fixed part of reaching a call', () => {
    // An outside tester's find: "units busy 111.1%" was printed as if possible.
    const text = capacityLines(summary).join('\n');
    expect(text).toContain(
      "units busy 111.1% of staffed time with the team's own calls of today (more than the units have: the calls received in those hours took longer than they are staffed), 95.2% with the eligible calls they could take",
    );
    expect(text).toContain(
      "Besides the wait for a unit: call-taking, dispatch and travel took each call 12.0 min at the median, over 90 of its own calls; each call's own time is used, and with no wait at all 90.0% of them are reached in time.",
    );
    expect(capacityLines({ ...summary, utilisation_scheduled: 0.5 }).join('\n')).not.toContain(
      'more than the units',
    );
  });

  it("gives the schedule's unit-hours a week, or over the period's hours, as the plan line does (tester 363)", () => {
    // "Schedule (448 unit-hours)" under "335 unit-hours a week" read as the period's: 80 days staffed 5,122.
    const week = { ...summary, unit_hours_per_week_needed: 335, scheduled_unit_hours_per_week: 448 };
    const lines = capacityLines(week);
    expect(lines.find((l) => l.includes('to meet the goal'))).toContain('335 unit-hours a week');
    expect(lines.find((l) => l.trim().startsWith('Schedule'))).toContain('Schedule (448 unit-hours a week):');
    // One fall-back day: 25 hours, of which a 1@08-22 schedule staffs 14.
    const day = { ...summary, week_hours_in_period: 25, scheduled_unit_hours_per_week: 14 };
    expect(capacityLines(day).find((l) => l.trim().startsWith('Schedule'))).toContain(
      'Schedule (14 unit-hours over the 25 hours the period has):',
    );
  });

  it('says one unit in the singular (tester 286: "peak 1 units")', () => {
    expect(capacityLines(summary)[0]).toContain('peak 4 units, 300 unit-hours a week');
    expect(capacityLines({ ...summary, peak_units_needed: 1 })[0]).toContain(
      'peak 1 unit, 300 unit-hours a week',
    );
  });
});
