/**
 * How a boundary layer's areas are named and said (tester 270): a property that names a person or a way to
 * reach one is never guessed to name them, a guessed property is said, features sharing a name are said,
 * a layer name taken from a file name beginning with a digit is refused with a name to give, and refusals
 * name a feature by its area's name and say what a file that is no FeatureCollection is.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  areaNamingWarnings,
  areaWarnings,
  boundaryNotes,
  joinAreas,
  loadBoundaries,
  parseBoundarySpec,
} from '../../src/analyse/spatial-join.js';
import { UserError } from '../../src/util/user-error.js';
import { analyze } from '../../src/analyse/analyze.js';
import { ingest } from '../../src/ingest/ingest.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { square, writePolygons } from '../helpers/geo.js';
import { fixtureCalls, memoryConn } from './helpers.js';

const dir = tempDir('safegap-boundary-names-');
const at = '2022-10-03 10:00';
const PRECINCTS = sharedFile('minneapolis/boundaries/mpls_precincts_wgs84.geojson');
const NEIGHBORHOODS = sharedFile('minneapolis/boundaries/Minneapolis_Neighborhoods.geojson');

/** Squares 0.01 degrees a side, 0.01 apart (a few km: none is far from the others), each with its properties. */
const layer = (file: string, properties: Record<string, unknown>[]) =>
  writePolygons(
    join(dir, file),
    properties.map((p, i) => ({ properties: p, rings: [square(i * 0.02, 0, i * 0.02 + 0.01, 0.01)] })),
  );

/** The run's notes on a layer (as analyze prints them), with one call in its first area. */
async function notes(name: string, file: string, call = { lon: 0.005, lat: 0.005 }): Promise<string[]> {
  const conn = await memoryConn();
  await fixtureCalls(conn, [{ id: 'a', at, ...call }]);
  const j = await joinAreas(conn, { name, file });
  return areaWarnings([j], [{ name, points: j.points, unlocated: j.unlocated }]);
}

const thrown = (f: () => unknown): UserError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  }
  throw new Error('nothing thrown');
};

describe('the property guessed to name the areas (tester 270)', () => {
  it('never takes a director, a sheriff, a councillor, a point of contact or an address (tester 281)', () => {
    for (const key of [
      'Director',
      'Sheriff',
      'Councillor',
      'Agent',
      'POC',
      'CMDR',
      'rep',
      'Address',
      'Street',
    ]) {
      const file = layer(`pp_${key}.geojson`, [
        { [key]: 'Maria Gonzalez', Zone: 'Zone A' },
        { [key]: 'John Smith', Zone: 'Zone B' },
      ]);
      expect(
        loadBoundaries({ name: 'd', file }).map((a) => a.name),
        key,
      ).toEqual(['Zone A', 'Zone B']);
    }
  });

  it("never takes a column it cannot tell names an area, nor a person's data by its values (tester 283)", async () => {
    // A person's column before the area's name was taken by the first-unique rule, whatever its name.
    for (const key of [
      'Dept_Head',
      'DeptHead',
      'Mgr',
      'Emp_Name',
      'Admin',
      'Assigned_To',
      'Chair',
      'Created_By',
      'Last_Editor',
    ]) {
      const file = layer(`first_${key}.geojson`, [
        { [key]: 'Dr. Ahmed Hassan', CommName: 'Camden' },
        { [key]: 'Dr. James Brown', CommName: 'Phillips' },
      ]);
      expect(
        loadBoundaries({ name: 'comm', file }).map((a) => a.name),
        key,
      ).toEqual(['Camden', 'Phillips']);
    }
    // A social security number, a date, a name after a title, a local number, under neutral or preferred names.
    for (const [key, values] of [
      ['Code', ['123-45-6701', '123-45-6702']],
      ['Code', ['1975-03-01', '1980-11-23']],
      ['NAME', ['Officer Jane Doe', 'Sgt. John Roe']],
      ['Code', ['555-0101', '555-0102']],
    ] as const) {
      const file = layer(`value_${key}_${values[0]}.geojson`, [
        { [key]: values[0], Area_Name: 'North' },
        { [key]: values[1], Area_Name: 'South' },
      ]);
      expect(
        loadBoundaries({ name: 'comm', file }).map((a) => a.name),
        values[0],
      ).toEqual(['North', 'South']);
    }
    // Named by the user, it is taken, and said, with no value quoted; the public copy names the file alone.
    const tel = layer('tel.geojson', [{ Tel: '(612) 555-0102' }, { Tel: '(612) 555-0103' }]);
    const conn = await memoryConn();
    await fixtureCalls(conn, [{ id: 'a', at, lon: 0.005, lat: 0.005 }]);
    const j = await joinAreas(conn, { name: 'comm', file: tel, property: 'Tel' });
    const said = areaNamingWarnings([j]);
    expect(said).toEqual([
      expect.stringMatching(
        /^The property `Tel` of tel\.geojson \(layer comm\), given to name its areas, looks like personal data/,
      ),
    ]);
    expect(said.join(' ')).not.toMatch(/555|\//);
  });

  it('never takes a liaison, a phone or an e-mail: the areas are numbered, and the run says why', async () => {
    const file = layer(
      'pii2.geojson',
      [0, 1, 2].map((i) => ({
        LIAISON: `Officer Jane Doe ${i}`,
        PHONE: `612-555-010${i}`,
        EMAIL: `jdoe${i}@minneapolismn.gov`,
      })),
    );
    expect(loadBoundaries({ name: 'zone', file }).map((a) => a.name)).toEqual(['area 1', 'area 2', 'area 3']);
    const n = await notes('zone', file);
    expect(n).toContain(
      `The properties \`LIAISON\`, \`PHONE\` and \`EMAIL\` (their names say a person or a way to reach one) of ${file} (layer zone) look like personal data and were not taken to name its areas, since the report publishes area names. To name them by one all the same, give zone=${file}#PROPERTY.`,
    );
    expect(n.join('\n')).not.toMatch(/Jane|555|jdoe/);
  });

  it('never takes a property whose values are telephone numbers or e-mail addresses, whatever its name', () => {
    for (const values of [
      ['(612) 555-0100', '612.555.0101', '+1 612 555 0102'],
      ['jdoe0@example.org', 'jdoe1@example.org', 'jdoe2@example.org'],
    ]) {
      const file = layer(
        'values.geojson',
        values.map((v) => ({ REF: v, KIND: 'zone' })),
      );
      expect(loadBoundaries({ name: 'zone', file }).map((a) => a.name)).toEqual([
        'area 1',
        'area 2',
        'area 3',
      ]);
    }
  });

  it('takes an area name beside personal properties, and says it guessed it', async () => {
    const file = layer(
      'district.geojson',
      ['North', 'South', 'East'].map((d, i) => ({ CONTACT: `Jane Doe ${i}`, DISTRICT: d })),
    );
    expect(loadBoundaries({ name: 'zone', file }).map((a) => a.name)).toEqual(['North', 'South', 'East']);
    expect(await notes('zone', file)).toEqual([
      `The areas of ${file} (layer zone) are named by its property \`DISTRICT\` (guessed; give zone=${file}#PROPERTY to choose).`,
    ]);
    // Named by the user, or by a property called `name`, there is nothing to say.
    const named = layer('named.geojson', [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    expect(await notes('zone', named)).toEqual([]);
    // The public edition says it too (tester 281: its run said none of the naming notes), and not the
    // places in no polygon, which count calls' places.
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      { id: 'a', at, lon: 0.005, lat: 0.005 },
      { id: 'b', at, lon: 5, lat: 5 },
    ]);
    const j = await joinAreas(conn, { name: 'zone', file });
    expect(areaWarnings([j], [{ name: 'zone', points: j.points, unlocated: j.unlocated }])).toHaveLength(2);
    expect(areaNamingWarnings([j])).toEqual([
      'The areas of district.geojson (layer zone) are named by its property `DISTRICT` (guessed; give zone=district.geojson#PROPERTY to choose).',
    ]);
  });

  it("says the city's neighbourhoods are named by BDNAME, guessed, and takes it though it reads as a name", async () => {
    expect(loadBoundaries({ name: 'hood', file: NEIGHBORHOODS }).slice(0, 1)).toMatchObject([
      { name: 'Phillips West', property: 'BDNAME' },
    ]);
    // Downtown Minneapolis.
    const n = await notes('hood', NEIGHBORHOODS, { lon: -93.27, lat: 44.975 });
    expect(n).toContain(
      `The areas of ${NEIGHBORHOODS} (layer hood) are named by its property \`BDNAME\` (guessed; give hood=${NEIGHBORHOODS}#PROPERTY to choose).`,
    );
  });
});

describe('features sharing a name (tester 270)', () => {
  it("names the shared name and its features: the city's precincts with the second renamed `1`", async () => {
    const fc = JSON.parse(readFileSync(PRECINCTS, 'utf8')) as {
      features: { properties: Record<string, unknown> }[];
    };
    fc.features[1]!.properties.PRECINCT = '1';
    const file = join(dir, 'm_dup.geojson');
    writeFileSync(file, JSON.stringify(fc));
    const conn = await memoryConn();
    await fixtureCalls(conn, [{ id: 'a', at, lon: -93.27, lat: 44.975 }]);
    const j = await joinAreas(conn, parseBoundarySpec(`zone=${file}#PRECINCT`));
    expect(j.areas).toBe(4);
    expect(areaWarnings([j], [{ name: 'zone', points: 1, unlocated: 0 }])).toEqual([
      `Features 1 and 2 of ${file} (layer zone) have the name \`1\` (property \`PRECINCT\`) and count as one area, drawn as one: right for one area in several parts, but if they are different areas, one's calls are counted and drawn on the other's territory. Give each area its own name in the file, or name the areas by a property unique to each: zone=${file}#PROPERTY.`,
    ]);
    // The city's own file: nothing to say.
    const own = await joinAreas(conn, parseBoundarySpec(`zone=${PRECINCTS}#PRECINCT`));
    expect(areaWarnings([own], [{ name: 'zone', points: 1, unlocated: 0 }])).toEqual([]);
  });

  it("says so of a layer that only draws the map, named after the store's own precinct", async () => {
    // `precinct=` is not joined: the store keeps its own precincts and the layer draws the report's map,
    // where precinct 2's shape carried precinct 1's count, unsaid.
    const fc = JSON.parse(readFileSync(PRECINCTS, 'utf8')) as {
      features: { properties: Record<string, unknown> }[];
    };
    fc.features[1]!.properties.PRECINCT = '1';
    const file = join(dir, 'map_dup.geojson');
    writeFileSync(file, JSON.stringify(fc));
    const csv = join(dir, 'mpls-3000.csv');
    writeFileSync(
      csv,
      `${readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 3001).join('\n')}\n`,
    );
    const store = join(dir, 'mpls-store');
    await ingest({ files: [csv], profile: 'minneapolis-cad', store });
    const r = await analyze({ store, boundaries: [`precinct=${file}#PRECINCT`], writeStore: false });
    expect(r.warnings.filter((w) => w.startsWith('Features 1 and 2 of'))).toEqual([
      expect.stringContaining(`Features 1 and 2 of ${file} (layer precinct) have the name \`1\``),
    ]);
    // The public edition carries it too, the file named alone (tester 283: left out, and paths printed).
    const layerSpec = { name: 'precinct', file, property: 'PRECINCT' };
    expect(areaNamingWarnings([], [{ layer: layerSpec, areas: loadBoundaries(layerSpec) }])).toEqual([
      expect.stringMatching(/^Features 1 and 2 of map_dup\.geojson \(layer precinct\) have the name `1`/),
    ]);
  }, 120_000);

  it('says many shared names in one note, not one each (tester 281: twenty alike)', () => {
    const names = ['A', 'B', 'C', 'D', 'E'];
    const file = layer(
      'many-shared.geojson',
      [...names, ...names].map((zone) => ({ zone })),
    );
    const said = boundaryNotes(loadBoundaries({ name: 'zone', file }));
    expect(said).toEqual([
      expect.stringMatching(
        /^5 names are each given to several features of .*many-shared\.geojson \(layer zone\), such as `A` \(features 1 and 6\), `B` \(features 2 and 7\) and `C` \(features 3 and 8\): /,
      ),
    ]);
  });

  it("names spellings the report's map takes for one name", async () => {
    const file = layer('spellings.geojson', [{ zone: 'North' }, { zone: 'NORTH ' }, { zone: 'South' }]);
    expect(await notes('zone', file)).toEqual([
      expect.stringMatching(
        /^Features 1 and 2 of .*spellings\.geojson \(layer zone\) have names that differ only in case, spaces or punctuation, `North` and `NORTH ` \(property `zone`\): the tables count them as areas apart, but the report's map, which compares names so, draws them as one/,
      ),
    ]);
    // A layer that only draws the map is not joined: its caller has the same notes from the areas read.
    expect(boundaryNotes(loadBoundaries({ name: 'zone', file }))).toEqual([
      expect.stringMatching(/^Features 1 and 2 of .*spellings\.geojson/),
    ]);
  });
});

describe('a layer name from a file name beginning with a digit (tester 270)', () => {
  it('is refused with the reason and a name to give', () => {
    const e = thrown(() => parseBoundarySpec('data/2023_precincts.geojson#PRECINCT'));
    expect(e.message).toBe(
      "--boundaries `data/2023_precincts.geojson#PRECINCT`: the layer name `2023_precincts`, taken from the file's name, begins with a digit; a layer name begins with a letter (it names a column of the analysis).",
    );
    expect(e.hint).toBe(
      'name the layer before the file: --boundaries precincts_2023=data/2023_precincts.geojson#PRECINCT (letters, digits and underscores, starting with a letter).',
    );
    expect(thrown(() => parseBoundarySpec('1st.geojson')).hint).toMatch(/--boundaries st_1=1st\.geojson /);
    expect(parseBoundarySpec('precincts_2023=data/2023_precincts.geojson')).toEqual({
      name: 'precincts_2023',
      file: 'data/2023_precincts.geojson',
    });
  });
});

describe('refusals of a file (tester 270)', () => {
  const write = (name: string, doc: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(doc));
    return () => loadBoundaries({ name: 'zone', file });
  };

  it('name a feature by its area, with the property guessed', () => {
    const features = ['1', '3'].map((precinct, i) => ({
      type: 'Feature',
      properties: { precinct },
      geometry:
        i === 1
          ? { type: 'GeometryCollection', geometries: [] }
          : { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] },
    }));
    expect(write('geomcoll.geojson', { type: 'FeatureCollection', features })).toThrow(
      /feature 2 \(precinct 3\) has geometry GeometryCollection, not Polygon or MultiPolygon/,
    );
  });

  it('say what the file is when it is no FeatureCollection', () => {
    const polygon = { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] };
    expect(write('geometry_only.geojson', polygon)).toThrow(
      /it is not a FeatureCollection with features: its `type` is "Polygon", a bare geometry/,
    );
    expect(write('misspelt.geojson', { type: 'FeatureCollectio', features: [] })).toThrow(
      /its `type` is "FeatureCollectio", not "FeatureCollection" \(misspelt\?\)/,
    );
    expect(write('typeless.geojson', { features: [] })).toThrow(
      /it has a `features` list but no `"type": "FeatureCollection"`/,
    );
    expect(write('list.geojson', [polygon])).toThrow(/it is a JSON list, not an object/);
  });
});
