/**
 * Tester 360: the hotspot grid, with no basemap, showed where calls cluster but not where in the city. It
 * now has a scale bar, the first boundary layer's outlines over the cells, and (internal edition) a
 * caption naming the areas the busiest cell lies in. Burlington's real calls, with a layer of two halves
 * split at a meridian the test chooses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { openEngine } from '../../src/store/duckdb.js';
import { requireStore } from '../../src/store/store.js';
import { gatherReportData } from '../../src/report/data.js';
import { areaAt, scaleBar } from '../../src/report/maps.js';
import { buildReport } from '../../src/report/report.js';
import { busiestPlace } from '../../src/report/sections/areas.js';
import { csvObjects } from '../helpers/csv.js';
import { square, writePolygons } from '../helpers/geo.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const FILE = sharedFile('burlington_vt/police-incidents-2022.csv');

describe('scale bar', () => {
  it('is a round length about a fifth of the frame, in the plane of longitude times the cosine', () => {
    // 0.1 units wide is 11.132 km; a fifth is 2.23 km, and the round length at or under it is 2 km.
    const b = scaleBar([0, 0.1], [0, 0.05]);
    expect(b.km).toBe(2);
    expect(b.line[1]!.x - b.line[0]!.x).toBeCloseTo(2 / 111.32, 12);
    expect(b.label.text).toBe('2 km');
    // 0.01 units is 1.1132 km; a fifth is 0.22 km: 0.2 km.
    const small = scaleBar([5, 5.01], [0, 0.01]);
    expect(small.km).toBeCloseTo(0.2, 12);
    expect(small.label.text).toBe('0.2 km');
    // 1 unit is 111.32 km; a fifth is 22.3 km: 20 km.
    expect(scaleBar([0, 1], [0, 1]).km).toBe(20);
  });
});

describe('areaAt', () => {
  const holed = { name: 'A', rings: [square(0, 0, 10, 10), square(4, 4, 6, 6)] };
  const parts = { name: 'B', rings: [square(20, 0, 21, 1), square(30, 0, 31, 1)] };
  it('finds the area of a point, not in a hole, in any part', () => {
    expect(areaAt([holed, parts], 1, 1)?.name).toBe('A');
    expect(areaAt([holed, parts], 5, 5)).toBeNull();
    expect(areaAt([holed, parts], 30.5, 0.5)?.name).toBe('B');
    expect(areaAt([holed, parts], 20.5, 0.5)?.name).toBe('B');
    expect(areaAt([holed, parts], 15, 5)).toBeNull();
  });
  it('names the areas of every layer, or the coordinates when none holds the cell', () => {
    const cells = [
      { lon: 1, lat: 1, calls: 5 },
      { lon: 30.5, lat: 0.5, calls: 9 },
    ];
    expect(busiestPlace(cells, [{ field: 'zone', areas: [holed, parts] }])).toBe(
      ' The busiest cell lies in zone B.',
    );
    expect(
      busiestPlace([{ lon: -73.21234, lat: 44.47551, calls: 3 }], [{ field: 'zone', areas: [holed] }]),
    ).toBe(' The busiest cell lies centred at 44.476° N, 73.212° W.');
    expect(busiestPlace([], [])).toBe('');
  });
});

describe("Burlington's hotspot grid under a layer of two halves (tester 360)", () => {
  const dir = tempDir('safegap-360-');
  const store = join(dir, 'store');
  let meridian = 0;
  let layer = '';

  beforeAll(async () => {
    await ingest({ files: [FILE], profile: 'burlington-vt', store });
    // The halves meet at the median longitude of the calls with coordinates, so both hold calls.
    const lons = csvObjects(readFileSync(FILE, 'utf8'))
      .map((r) => Number(r.Longitude))
      .filter((v) => Number.isFinite(v) && v < -70 && v > -76)
      .sort((a, b) => a - b);
    meridian = lons[Math.floor(lons.length / 2)]!;
    layer = writePolygons(join(dir, 'halves.geojson'), [
      { properties: { name: 'West' }, rings: [square(-74, 44, meridian, 45)] },
      { properties: { name: 'East' }, rings: [square(meridian, 44, -72, 45)] },
    ]);
    for (const pub of [false, true])
      await buildReport({
        store,
        out: join(dir, pub ? 'public' : 'internal'),
        public: pub,
        boundaries: [`half=${layer}`],
      });
  }, 600_000);

  /** The hotspot figure's HTML. */
  const figure = (edition: string) => {
    const text = readFileSync(join(dir, edition, 'report.html'), 'utf8').replace(/\s+/g, ' ');
    const start = text.lastIndexOf('<figure', text.indexOf('>Hotspots</h3>'));
    return text.slice(start, text.indexOf('</figure>', start));
  };

  it('names the half the busiest cell lies in, decided by its longitude against the meridian', async () => {
    const conn = await openEngine();
    const { hotspots } = await gatherReportData(conn, requireStore(store), {});
    conn.closeSync();
    const busiest = [...hotspots.cells].sort((a, b) => b.calls - a.calls)[0]!;
    expect(busiest.calls).toBeGreaterThan(100);
    const half = busiest.lon < meridian ? 'West' : 'East';
    expect(figure('internal')).toContain(`The busiest cell lies in half ${half}.`);
    expect(figure('internal')).toContain('under the outlines of the half layer');
  });

  it('draws the two outlines, their names and a scale bar; the public caption names no busiest cell', () => {
    for (const edition of ['internal', 'public']) {
      const fig = figure(edition);
      expect(fig).toMatch(/>West</);
      expect(fig).toMatch(/>East</);
      expect(fig).toMatch(/>\d+(\.\d+)? km</);
    }
    expect(figure('public')).not.toContain('busiest cell lies');
  });
});
