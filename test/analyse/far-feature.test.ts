/**
 * A boundary layer whose features are right but one, in the wrong place (tester 256): its longitude and
 * latitude swapped, or moved 1.5 degrees. The run's notes name it, the report's map is drawn to the areas
 * with calls, and a projected `crs` declared over degrees is said.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaWarnings, joinAreas, loadBoundaries } from '../../src/analyse/spatial-join.js';
import { choropleth } from '../../src/report/maps.js';
import { tempDir } from '../helpers/shared-data.js';
import { square, writePolygons } from '../helpers/geo.js';
import { fixtureCalls, memoryConn } from './helpers.js';

const dir = tempDir('safegap-far-');
const at = '2022-10-03 10:00';
/** Two squares about New York's lower Manhattan, 0.05 degrees a side, each holding calls. */
const DOWNTOWN = square(-74.05, 40.65, -74.0, 40.7);
const MIDTOWN = square(-74.0, 40.65, -73.95, 40.7);
/** A third square just north of them, with longitude and latitude swapped: at latitude -74, in Antarctica. */
const UPTOWN_SWAPPED = square(40.7, -74.0, 40.75, -73.95);
const CALLS = [
  { id: 'a', at, lon: -74.02, lat: 40.67 },
  { id: 'b', at, lon: -74.01, lat: 40.68 },
  { id: 'c', at, lon: -73.97, lat: 40.66 },
];

const layer = (name: string, rings: [number, number][][][]) =>
  writePolygons(
    join(dir, `${name}.geojson`),
    rings.map((r, i) => ({ properties: { name: ['Downtown', 'Midtown', 'Uptown'][i] }, rings: r })),
  );

async function notes(file: string): Promise<string[]> {
  const conn = await memoryConn();
  await fixtureCalls(conn, CALLS);
  const j = await joinAreas(conn, { name: 'hood', file });
  return areaWarnings([j], [{ name: 'hood', points: j.points, unlocated: j.unlocated }]);
}

describe('a boundary feature in the wrong place (tester 256)', () => {
  it('names a feature with its coordinates swapped, its layer, file and place in it', async () => {
    const file = layer('swapped', [[DOWNTOWN], [MIDTOWN], [UPTOWN_SWAPPED]]);
    const n = await notes(file);
    expect(n).toHaveLength(1);
    expect(n[0]).toMatch(
      new RegExp(
        `^Feature 3 \\(\`Uptown\`\\) of ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(layer hood\\) holds no call and lies [\\d,]+ km from the features that hold calls: with its two coordinates swapped it would lie among them`,
      ),
    );
    // About 114 degrees of latitude apart.
    expect(Number(/lies ([\d,]+) km/.exec(n[0]!)![1]!.replace(/,/g, ''))).toBeGreaterThan(12_000);
  });

  it('names a feature moved 1.5 degrees away, with how far', async () => {
    const moved = square(-72.5, 40.65, -72.45, 40.7);
    const n = await notes(layer('moved', [[DOWNTOWN], [MIDTOWN], [moved]]));
    expect(n).toHaveLength(1);
    expect(n[0]).toMatch(
      /^Feature 3 \(`Uptown`\) of .*moved\.geojson \(layer hood\) holds no call and lies 12\d km/,
    );
    expect(n[0]).toContain('most likely in the wrong place');
    expect(n[0]).not.toContain('swapped');
  });

  it('says nothing of a good layer, a feature without calls beside the others included', async () => {
    const north = square(-74.0, 40.7, -73.95, 40.75);
    expect(await notes(layer('good', [[DOWNTOWN], [MIDTOWN], [north]]))).toEqual([]);
  });

  it('says a projected crs declared over coordinates in degrees, and nothing of a geographic one', async () => {
    const withCrs = (name: string, crs: string) => {
      const file = join(dir, `${name}.geojson`);
      writeFileSync(
        file,
        JSON.stringify({
          type: 'FeatureCollection',
          crs: { type: 'name', properties: { name: crs } },
          features: [DOWNTOWN, MIDTOWN].map((r, i) => ({
            type: 'Feature',
            properties: { name: ['Downtown', 'Midtown'][i] },
            geometry: { type: 'Polygon', coordinates: [r] },
          })),
        }),
      );
      return file;
    };
    const mercator = withCrs('mercator', 'urn:ogc:def:crs:EPSG::3857');
    expect(await notes(mercator)).toEqual([
      `${mercator} (layer hood) declares its coordinates to be in EPSG:3857, a projection in metres, but every one of them reads as longitude/latitude in degrees, as they were taken: check that its areas lie where they should, and remove or correct its \`crs\` member (GeoJSON is longitude/latitude, EPSG:4326).`,
    ]);
    expect(await notes(withCrs('crs84', 'urn:ogc:def:crs:OGC:1.3:CRS84'))).toEqual([]);
    expect(await notes(withCrs('wgs84', 'EPSG:4326'))).toEqual([]);
  });

  it('draws the map to the areas with calls, and names the feature left out of it', () => {
    const areas = loadBoundaries({
      name: 'hood',
      file: layer('map', [[DOWNTOWN], [MIDTOWN], [UPTOWN_SWAPPED]]),
    });
    const m = choropleth({
      title: 'Calls by hood',
      description: 'Calls by hood.',
      areas,
      values: new Map([
        ['Downtown', 2],
        ['Midtown', 1],
      ]),
      valueLabel: 'Calls',
    });
    // Downtown is half the frame's width (0.05 of 0.1 degrees), not a path 0.1 px across.
    const d = /<path d="([^"]+)"[^>]*><title>Downtown:/.exec(m.svg.value)![1]!;
    const xs = [...d.matchAll(/[ML]([\d.-]+),/g)].map((x) => Number(x[1]));
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(300);
    expect(m.svg.value).not.toContain('<title>Uptown');
    expect(m.outside).toEqual(['Uptown']);
    expect(m.legend.value).toMatch(
      /Not drawn, far outside the frame of the areas with calls \(a feature in the wrong place\?\):\s+Uptown \(feature 3, [\d,]+ km away\)\./,
    );
  });

  it('draws every feature when none is far from the areas with calls', () => {
    const north = square(-74.0, 40.7, -73.95, 40.75);
    const areas = loadBoundaries({ name: 'hood', file: layer('near', [[DOWNTOWN], [MIDTOWN], [north]]) });
    const m = choropleth({
      title: 'Calls by hood',
      description: 'Calls by hood.',
      areas,
      values: new Map([['Downtown', 2]]),
      valueLabel: 'Calls',
    });
    expect(m.outside).toEqual([]);
    expect(m.svg.value).toContain('<title>Uptown: no calls');
    expect(m.legend.value).not.toContain('Not drawn');
  });
});
