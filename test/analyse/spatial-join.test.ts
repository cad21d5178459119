/**
 * Points to boundary polygons: hand-made shapes with a hole, a MultiPolygon and points on no polygon, and
 * the real Minneapolis neighborhoods checked point by point against a brute-force ray cast written here.
 */
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareAnalysis } from '../../src/analyse/context.js';
import { areaDemand } from '../../src/analyse/demand.js';
import {
  areaWarnings,
  joinAreas,
  loadBoundaries,
  parseBoundarySpec,
  PolygonIndex,
} from '../../src/analyse/spatial-join.js';
import { UserError } from '../../src/util/user-error.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { fixtureCalls, memoryConn } from './helpers.js';
import { square } from '../helpers/geo.js';

/**
 * 'ring': the square 0-10 with a hole 4-6 in it. 'core': the square 4.5-5.5, inside the hole.
 * 'islands': a MultiPolygon of the squares 20-22 and 30-32 (y 0-2).
 */
const SHAPES = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'ring' },
      geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(4, 4, 6, 6)] },
    },
    {
      type: 'Feature',
      properties: { name: 'core' },
      geometry: { type: 'Polygon', coordinates: [square(4.5, 4.5, 5.5, 5.5)] },
    },
    {
      type: 'Feature',
      properties: { name: 'islands' },
      geometry: { type: 'MultiPolygon', coordinates: [[square(20, 0, 22, 2)], [square(30, 0, 32, 2)]] },
    },
  ],
};

/** Brute force: even-odd over every ring of every feature; the first feature containing the point. */
function bruteForce(features: { name: string; rings: number[][][] }[], x: number, y: number): string | null {
  for (const f of features) {
    let inside = false;
    for (const r of f.rings)
      for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
        const [xi, yi] = r[i]!;
        const [xj, yj] = r[j]!;
        if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
      }
    if (inside) return f.name;
  }
  return null;
}

describe('points joined to boundary polygons', () => {
  const dir = tempDir();
  const file = join(dir, 'shapes.geojson');
  writeFileSync(file, JSON.stringify(SHAPES));

  it('handles holes, MultiPolygons and points on no polygon', () => {
    const areas = loadBoundaries({ name: 'zone', file });
    for (const grid of [1, 4, 64]) {
      const index = new PolygonIndex(areas, grid);
      const at = (x: number, y: number) => {
        const i = index.locate(x, y);
        return i < 0 ? null : areas[i]!.name;
      };
      expect([
        at(1, 1),
        at(4.2, 5),
        at(5, 5),
        at(21, 1),
        at(31, 1),
        at(25, 1),
        at(-1, 5),
        at(50, 50),
      ]).toEqual([
        'ring',
        null, // in the hole, outside the core
        'core',
        'islands',
        'islands',
        null, // between the islands
        null,
        null,
      ]);
    }
  });

  it('joins call points in DuckDB and gives calls by area, unlocated ones as (none)', async () => {
    const conn = await memoryConn();
    const at = '2022-10-03 10:00';
    await fixtureCalls(conn, [
      { id: 'a', at, lon: 1, lat: 1 },
      { id: 'b', at, lon: 1, lat: 1 },
      { id: 'c', at, lon: 5, lat: 5 },
      { id: 'd', at, lon: 31, lat: 1 },
      { id: 'e', at, lon: 25, lat: 1 },
      { id: 'f', at },
    ]);
    const j = await joinAreas(conn, { name: 'zone', file });
    // Distinct points: (1,1) (5,5) (31,1) (25,1); the last is on no polygon.
    expect(j).toMatchObject({ areas: 3, points: 4, located: 3, unlocated: 1 });
    const ctx = await prepareAnalysis(conn, {
      classes: null,
      areaJoins: [{ name: j.name, relation: j.relation }],
    });
    expect(ctx.areas).toContain('zone');
    const r = await areaDemand(ctx);
    const calls = Object.fromEntries(
      r.rows.filter((x) => x.area_field === 'zone' && x.category === 'all').map((x) => [x.area, x.calls]),
    );
    expect(calls).toEqual({ ring: 2, core: 1, islands: 1, '(none)': 2 });
    // The period's places, not the store's: (1,1) (5,5) (31,1) (25,1), one on no polygon.
    expect(ctx.layerPoints).toEqual([{ name: 'zone', points: 4, unlocated: 1 }]);
    expect(areaWarnings([j], ctx.layerPoints)).toEqual([
      `1 of the 4 places where the period's calls were received fall in none of the polygons of ${file} (layer zone); their calls count as having no zone.`,
    ]);
  });

  it("keeps a layer that places none of the period's calls, every call (none), and says so (tester 189)", async () => {
    const conn = await memoryConn();
    // In the polygons on 3 October; outside them (or with no point) on the 4th.
    await fixtureCalls(conn, [
      { id: 'a', at: '2022-10-03 10:00', lon: 1, lat: 1 },
      { id: 'b', at: '2022-10-04 10:00', lon: 25, lat: 1 },
      { id: 'c', at: '2022-10-04 11:00', lon: 25, lat: 1 },
      { id: 'd', at: '2022-10-04 12:00' },
    ]);
    const j = await joinAreas(conn, { name: 'zone', file });
    expect(j).toMatchObject({ points: 2, located: 1 });
    const ctx = await prepareAnalysis(conn, {
      classes: null,
      areaJoins: [{ name: j.name, relation: j.relation }],
      from: '2022-10-04',
      to: '2022-10-04',
    });
    const r = await areaDemand(ctx);
    expect(r.rows.filter((x) => x.area_field === 'zone').map((x) => [x.area, x.category, x.calls])).toEqual([
      ['(none)', 'all', 3],
      ['(none)', '(unclassified)', 3],
    ]);
    expect(areaWarnings([j], ctx.layerPoints)).toEqual([
      `None of the 1 places where the period's calls were received falls in any of the polygons of ${file} (layer zone): every call counts as having no zone.`,
    ]);
  });

  it('lets a layer named like a profile area field replace it, and refuses clashing names', async () => {
    const conn = await memoryConn();
    await fixtureCalls(conn, [
      { id: 'a', at: '2022-10-03 10:00', lon: 1, lat: 1, precinct: '9' },
      { id: 'b', at: '2022-10-03 11:00', lon: 21, lat: 1, precinct: '9' },
    ]);
    const j = await joinAreas(conn, { name: 'precinct', file });
    const ctx = await prepareAnalysis(conn, {
      classes: null,
      areaJoins: [{ name: j.name, relation: j.relation }],
    });
    const r = await areaDemand(ctx);
    expect(
      r.rows.filter((x) => x.area_field === 'precinct' && x.category === 'all').map((x) => x.area),
    ).toEqual(['islands', 'ring']);
    for (const areaJoins of [
      [{ name: 'priority', relation: j.relation }],
      [
        { name: 'zone', relation: j.relation },
        { name: 'zone', relation: j.relation },
      ],
    ])
      await expect(prepareAnalysis(conn, { classes: null, areaJoins })).rejects.toThrow(UserError);
  });

  it('names areas by the property named like the layer even where names repeat, and says when none names them', async () => {
    // Two features named `dup` under `zone` (a zone in two parts): the layer fell back to `area 1`...
    // `area 3`, two areas for one zone, without a word.
    const dir = tempDir();
    const feature = (props: Record<string, unknown>, x: number) => ({
      type: 'Feature',
      properties: props,
      geometry: { type: 'Polygon', coordinates: [square(x, 0, x + 1, 1)] },
    });
    const zones = join(dir, 'zones.geojson');
    writeFileSync(
      zones,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [feature({ zone: 'A' }, 0), feature({ zone: 'dup' }, 2), feature({ zone: 'dup' }, 4)],
      }),
    );
    expect(loadBoundaries({ name: 'zone', file: zones }).map((a) => a.name)).toEqual(['A', 'dup', 'dup']);
    // Two areas, not three features (an outside tester's find in analysis.json's layers).
    const zoneConn = await memoryConn();
    await fixtureCalls(zoneConn, [{ id: 'a', at: '2022-10-03 10:00', lon: 4.5, lat: 0.5 }]);
    expect((await joinAreas(zoneConn, { name: 'zone', file: zones })).areas).toBe(2);
    // No property names every feature: numbered, and the run's notes say how to name them.
    const bare = join(dir, 'bare.geojson');
    writeFileSync(
      bare,
      JSON.stringify({ type: 'FeatureCollection', features: [feature({}, 0), feature({ kind: 'x' }, 2)] }),
    );
    const conn = await memoryConn();
    await fixtureCalls(conn, [{ id: 'a', at: '2022-10-03 10:00', lon: 0.5, lat: 0.5 }]);
    const j = await joinAreas(conn, { name: 'ward', file: bare });
    expect(j.numbered).toBe(2);
    expect(areaWarnings([j], [{ name: 'ward', points: 1, unlocated: 0 }])).toEqual([
      expect.stringMatching(
        /^2 areas of .*bare\.geojson \(layer ward\) are named `area 1`, `area 2`\.\.\. .*ward=.*#PROPERTY/,
      ),
    ]);
    // Features with ids of their own (RFC 7946) are named by them when no property names them (tester 78);
    // ids shared by two features are no names, and the areas are numbered as before.
    const withIds = (ids: unknown[]) => {
      const f = join(dir, 'ids.geojson');
      writeFileSync(
        f,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [feature({}, 0), feature({ kind: 'x' }, 2)].map((x, i) => ({ ...x, id: ids[i] })),
        }),
      );
      return loadBoundaries({ name: 'ward', file: f }).map((a) => [a.name, a.property ?? null]);
    };
    expect(withIds(['W1', 7])).toEqual([
      ['W1', '(feature id)'],
      ['7', '(feature id)'],
    ]);
    expect(withIds(['W1', 'W1'])).toEqual([
      ['area 1', null],
      ['area 2', null],
    ]);
  });

  it('agrees with a brute-force ray cast on the 87 Minneapolis neighborhoods', () => {
    const layer = parseBoundarySpec(
      `neighborhood=${sharedFile('minneapolis/boundaries/Minneapolis_Neighborhoods.geojson')}#BDNAME`,
    );
    const areas = loadBoundaries(layer);
    expect(areas).toHaveLength(87);
    const index = new PolygonIndex(areas);
    // A fixed pseudo-random walk over the city's bounding box, so the test is repeatable.
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let located = 0;
    for (let i = 0; i < 5_000; i++) {
      const x = -93.33 + rand() * 0.14;
      const y = 44.89 + rand() * 0.16;
      const k = index.locate(x, y);
      const got = k < 0 ? null : areas[k]!.name;
      expect(got).toBe(bruteForce(areas, x, y));
      if (got) located++;
    }
    expect(located).toBeGreaterThan(2_500);
  });

  it('refuses boundary files it cannot use with a message, not a stack trace', () => {
    const bad = (name: string, text: string) => {
      const f = join(dir, name);
      writeFileSync(f, text);
      return () => loadBoundaries({ name: 'x', file: f });
    };
    expect(bad('a.geojson', '{not json')).toThrow(/not valid JSON/);
    expect(bad('b.geojson', JSON.stringify({ type: 'FeatureCollection', features: [] }))).toThrow(
      /its FeatureCollection has no features/,
    );
    // An outside tester's finds: other GIS formats given by mistake were "not valid JSON" with their
    // bytes in the message; swapped coordinates were "projected?"; a folder, a feature without geometry.
    const shp = Buffer.alloc(100);
    shp.writeUInt32BE(9994, 0);
    writeFileSync(join(dir, 'p.shp'), shp);
    expect(() => loadBoundaries({ name: 'x', file: join(dir, 'p.shp') })).toThrow(
      /looks like a Shapefile \(\.shp\)/,
    );
    expect(bad('p.kml', '<?xml version="1.0"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">')).toThrow(
      /is not GeoJSON: it looks like KML\./,
    );
    const hintOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as UserError).hint;
      }
      return 'no error';
    };
    expect(hintOf(bad('p2.kml', '<kml>'))).toContain('ogr2ogr -f GeoJSON -t_srs EPSG:4326');
    // Coordinates nested for the other type, and a position of strings, were only "not a ring of at
    // least 4 positions" and "not [longitude, latitude]" (tester 216).
    const fc = (type: string, coordinates: unknown) =>
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { name: 'A' }, geometry: { type, coordinates } }],
      });
    const ring = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    expect(bad('deep.geojson', fc('Polygon', [[ring]]))).toThrow(
      /ring 1 holds rings where a ring of positions belongs: its coordinates are nested one level deeper than its type says/,
    );
    expect(bad('shallow.geojson', fc('MultiPolygon', [ring]))).toThrow(
      /polygon 1 ring 1 is a single position where a ring belongs: its coordinates are nested one level less than its type says/,
    );
    // A Polygon's coordinates given as a bare ring: nothing said of a MultiPolygon (tester 220).
    expect(bad('bare.geojson', fc('Polygon', ring))).toThrow(
      /ring 1 is a single position where a ring belongs: its coordinates are nested one level less than its type says\./,
    );
    expect(
      bad(
        'text.geojson',
        fc('Polygon', [
          [
            [0, 0],
            ['1', '0'],
            [1, 1],
            [0, 0],
          ],
        ]),
      ),
    ).toThrow(/position 2 \(\["1","0"\]\) is not \[longitude, latitude\] as two numbers/);
    expect(() => loadBoundaries({ name: 'x', file: dir })).toThrow(/is a folder/);
    expect(bad('w.geojson', 'id,wkt\n1,POLYGON((0 0, 1 0, 1 1, 0 0))\n')).toThrow(/looks like a CSV file/);
    expect(
      bad(
        'n.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: {}, geometry: null }],
        }),
      ),
    ).toThrow(/feature 1 has no geometry/);
    expect(
      bad(
        's.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {},
              geometry: { type: 'Polygon', coordinates: [square(44.9, -93.3, 45, -93.2)] },
            },
          ],
        }),
      ),
    ).toThrow(/reads as latitude, longitude: GeoJSON writes longitude first/);
    expect(
      bad(
        'c.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [1, 2] } }],
        }),
      ),
    ).toThrow(/not Polygon or MultiPolygon/);
    expect(
      bad(
        'd.geojson',
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {},
              geometry: { type: 'Polygon', coordinates: [square(478000, 4980000, 479000, 4981000)] },
            },
          ],
        }),
      ),
    ).toThrow(/projected coordinates/);
    // The same with the projection the file declares: named, with the command that converts it.
    const utm = join(dir, 'utm.geojson');
    writeFileSync(
      utm,
      JSON.stringify({
        type: 'FeatureCollection',
        crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::26915' } },
        features: [
          {
            type: 'Feature',
            properties: {},
            geometry: { type: 'Polygon', coordinates: [square(478000, 4980000, 479000, 4981000)] },
          },
        ],
      }),
    );
    expect(() => loadBoundaries({ name: 'x', file: utm })).toThrow(
      /its coordinates are in EPSG:26915, as the file declares, not longitude\/latitude/,
    );
    expect(() => loadBoundaries({ name: 'x', file: join(dir, 'missing.geojson') })).toThrow(/does not exist/);
    expect(() => loadBoundaries({ name: 'x', file, property: 'NOPE' })).toThrow(/no property `NOPE`/);
    expect(() => parseBoundarySpec('=#')).toThrow(/\[name=\]FILE/);
    // `=FILE` was looked for as a file of that name (tester 216).
    expect(() => parseBoundarySpec('=zones.geojson')).toThrow(/the layer name before `=` is empty/);
    // Names are lower case: SQL names ignore case, and `Category=` clashed with the calls' category column.
    expect(parseBoundarySpec('Precinct=p.geojson').name).toBe('precinct');
    expect(parseBoundarySpec('Ward_2=w.geojson').name).toBe('ward_2');
    // A name names a report's file: one of 300 characters could not be written (tester 174).
    expect(parseBoundarySpec(`${'w'.repeat(64)}=w.geojson`).name).toBe('w'.repeat(64));
    expect(() => parseBoundarySpec(`${'w'.repeat(65)}=w.geojson`)).toThrow(
      /is 65 characters long; a layer name is at most 64/,
    );
    expect(parseBoundarySpec(`${'v'.repeat(200)}.geojson`).name).toBe('v'.repeat(64));
    // Tester 78's finds. A path with `#` in it could not be given at all; it is taken as it stands when
    // such a file is there, and the last `#` still names the property.
    writeFileSync(join(dir, 'w#2.geojson'), '{}');
    expect(parseBoundarySpec(`ward=${join(dir, 'w#2.geojson')}`)).toEqual({
      name: 'ward',
      file: join(dir, 'w#2.geojson'),
    });
    expect(parseBoundarySpec(`ward=${join(dir, 'w#2.geojson')}#WARD`)).toEqual({
      name: 'ward',
      file: join(dir, 'w#2.geojson'),
      property: 'WARD',
    });
    expect(() => parseBoundarySpec('ward=w.geojson#')).toThrow(/\[name=\]FILE/);
    // A file over Node's longest string ended in an internal error (a sparse file: no disk is used).
    const huge = join(dir, 'huge.geojson');
    writeFileSync(huge, '');
    truncateSync(huge, 600 * 2 ** 20);
    expect(() => loadBoundaries({ name: 'x', file: huge })).toThrow(
      /is 600 MB; a boundary layer is read whole, up to 500 MB/,
    );
    // A gzip file and UTF-16 text put their bytes in the message.
    writeFileSync(join(dir, 'g.geojson'), gzipSync('{"type":"FeatureCollection"}'));
    expect(() => loadBoundaries({ name: 'x', file: join(dir, 'g.geojson') })).toThrow(
      /looks like a gzip file \(uncompress it first: `gunzip -k \/.*\/g\.geojson`\)/,
    );
    writeFileSync(join(dir, 'u.geojson'), Buffer.from('\ufeff{"type":"FeatureCollection"}', 'utf16le'));
    expect(() => loadBoundaries({ name: 'x', file: join(dir, 'u.geojson') })).toThrow(
      /looks like UTF-16 text/,
    );
    // Names that are objects all read `[object Object]`, one area of features that have nothing in common.
    const named = (names: unknown[]) =>
      JSON.stringify({
        type: 'FeatureCollection',
        features: names.map((n, i) => ({
          type: 'Feature',
          properties: { zone: n },
          geometry: { type: 'Polygon', coordinates: [square(i, 0, i + 1, 1)] },
        })),
      });
    writeFileSync(join(dir, 'o.geojson'), named([{ id: 1 }, { id: 2 }]));
    expect(() => loadBoundaries({ name: 'x', file: join(dir, 'o.geojson'), property: 'zone' })).toThrow(
      /feature 1's `zone`, the property that names the areas, is an object, not a name/,
    );
    writeFileSync(join(dir, 'l.geojson'), named(['A', ['B', 'C']]));
    expect(() => loadBoundaries({ name: 'x', file: join(dir, 'l.geojson'), property: 'zone' })).toThrow(
      /feature 2's `zone`, the property that names the areas, is a list/,
    );
    // An empty file and TopoJSON are named as such (a tester's finds), not "not valid JSON".
    expect(bad('empty.geojson', ' \n')).toThrow(/is empty/);
    expect(bad('topo.geojson', JSON.stringify({ type: 'Topology', objects: {}, arcs: [] }))).toThrow(
      /is TopoJSON, not GeoJSON/,
    );
    expect(bad('e.geojson', '[]')).toThrow(UserError);
    const one = (geometry: unknown, properties: Record<string, unknown> = { name: 'z' }) =>
      JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties, geometry }] });
    // A ring without its closing position lost the edge back to its start, and the even-odd test counted
    // the calls on the wrong side of it.
    expect(
      bad(
        'open.geojson',
        one({
          type: 'Polygon',
          coordinates: [
            square(0, 0, 10, 10)
              .slice(0, 4)
              .concat([[0, 5]]),
          ],
        }),
      ),
    ).toThrow(
      /feature 1 \(name z\) ring 1 is not closed, its last position \(0, 5\) is not its first \(0, 0\)/,
    );
    // No coordinates at all ended in a TypeError.
    expect(bad('empty.geojson', one({ type: 'Polygon', coordinates: [] }))).toThrow(
      /feature 1 \(name z\) has a Polygon with no coordinates/,
    );
    expect(bad('empty2.geojson', one({ type: 'MultiPolygon', coordinates: [[]] }))).toThrow(
      /polygon 1 is not a list of rings/,
    );
    // A feature without the naming property was shown as `area 2`.
    const twoFile = join(dir, 'unnamed.geojson');
    writeFileSync(
      twoFile,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { ward: 'A' },
            geometry: { type: 'Polygon', coordinates: [square(0, 0, 1, 1)] },
          },
          {
            type: 'Feature',
            properties: { ward: null },
            geometry: { type: 'Polygon', coordinates: [square(2, 0, 3, 1)] },
          },
        ],
      }),
    );
    expect(() => loadBoundaries({ name: 'x', file: twoFile, property: 'ward' })).toThrow(
      /feature 2 has no `ward`, the property that names the areas/,
    );
    // An empty name was an area of blank name, read as the calls in none (tester 126); chosen by itself, a
    // property that leaves a feature blank names nothing, and the areas are numbered.
    const blankFile = join(dir, 'blank.geojson');
    writeFileSync(blankFile, readFileSync(twoFile, 'utf8').replace('"ward":null', '"ward":" "'));
    expect(() => loadBoundaries({ name: 'x', file: blankFile, property: 'ward' })).toThrow(
      /feature 2's `ward` is empty; it is the property that names the areas/,
    );
    expect(loadBoundaries({ name: 'x', file: blankFile }).map((a) => a.name)).toEqual(['area 1', 'area 2']);
    writeFileSync(blankFile, readFileSync(twoFile, 'utf8').replace('"ward":null', '"ward":"\u200b"'));
    expect(() => loadBoundaries({ name: 'x', file: blankFile, property: 'ward' })).toThrow(/`ward` is empty/);
    expect(
      bad('none.geojson', one({ type: 'Polygon', coordinates: [square(0, 0, 1, 1)] }, { name: '(none)' })),
    ).toThrow(/feature 1 is named `\(none\)`, the name of calls in no area/);
    // A byte-order mark (Windows tools) was refused as not JSON.
    const bom = join(dir, 'bom.geojson');
    writeFileSync(bom, `\uFEFF${one({ type: 'Polygon', coordinates: [square(0, 0, 1, 1)] })}`);
    expect(loadBoundaries({ name: 'x', file: bom }).map((a) => a.name)).toEqual(['z']);
  });
});
