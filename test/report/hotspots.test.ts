/**
 * The report's hotspot grid on Burlington's calls, three of them moved to New York (a geocoding error):
 * the grid is counted again here in TypeScript from the raw file, and calls far from the rest (the three,
 * and a few of Burlington's own, 15-30 km out) are left off the map and counted, rather than shrinking the
 * city to a corner of it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { gatherReportData, type ReportData } from '../../src/report/data.js';
import { hotspotSummary } from '../../src/report/sections/areas.js';
import { openEngine } from '../../src/store/duckdb.js';
import { requireStore } from '../../src/store/store.js';
import { csvObjects, parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const FILE = sharedFile('burlington_vt/police-incidents-2022.csv');
const MOVED = [10, 500, 7000]; // 0-based data rows sent to New York

describe('hotspot grid', () => {
  const dir = tempDir();
  let hs: ReportData['hotspots'];
  let points: { lat: number; lon: number }[];

  beforeAll(async () => {
    const [header, ...rows] = parseCsv(readFileSync(FILE, 'utf8').replace(/\r?\n$/, ''));
    const lat = header!.indexOf('Latitude');
    const lon = header!.indexOf('Longitude');
    for (const i of MOVED) {
      rows[i]![lat] = '40.7128';
      rows[i]![lon] = '-74.0060';
    }
    const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const file = join(dir, 'burlington-moved.csv');
    writeFileSync(file, `${[header!, ...rows].map((r) => r.map(quote).join(',')).join('\n')}\n`);
    const store = join(dir, 'store');
    await ingest({ files: [file], profile: 'burlington-vt', store });
    const conn = await openEngine();
    hs = (await gatherReportData(conn, requireStore(store), { denominator: 'all_calls' })).hotspots;
    conn.closeSync();
    points = csvObjects(readFileSync(file, 'utf8'))
      .map((r) => ({ lat: Number(r.Latitude), lon: Number(r.Longitude) }))
      .filter((p) => r2(p.lat) && r2(p.lon));
  });
  const r2 = (v: number) => Number.isFinite(v) && v !== 0;

  /** The extent as docs/report.md words it: nearest-rank 0.5th and 99.5th percentiles, widened. */
  function inExtent(all: { lat: number; lon: number }[]) {
    const box = (vs: number[]) => {
      const s = [...vs].sort((a, b) => a - b);
      const at = (q: number) => s[Math.max(0, Math.ceil(q * s.length) - 1)]!;
      const [lo, hi] = [at(0.005), at(0.995)];
      const pad = Math.max(hi - lo, 0.1);
      return [lo - pad, hi + pad] as const;
    };
    const [la0, la1] = box(all.map((p) => p.lat));
    const [lo0, lo1] = box(all.map((p) => p.lon));
    return all.filter((p) => p.lat >= la0 && p.lat <= la1 && p.lon >= lo0 && p.lon <= lo1);
  }

  it('counts every located call, and leaves those far from the rest, New York included, off the map', () => {
    const mapped = inExtent(points);
    expect(hs.withCoordinates).toBe(points.length);
    expect(hs.outsideExtent).toBe(points.length - mapped.length);
    expect(mapped.some((p) => p.lat < 41)).toBe(false);
    expect(hs.cells.reduce((a, c) => a + c.calls, 0)).toBe(mapped.length);
  });

  it('sizes cells at 0.5 km at the mean latitude of the mapped calls', () => {
    const mapped = inExtent(points);
    const meanLat = mapped.reduce((a, p) => a + p.lat, 0) / mapped.length;
    expect(hs.cellDeg.lat).toBeCloseTo(0.5 / 111.32, 12);
    expect(hs.cellDeg.lon).toBeCloseTo(0.5 / (111.32 * Math.cos((meanLat * Math.PI) / 180)), 12);
  });

  it('puts each call in the cell a plain count puts it in', () => {
    const want = new Map<string, number>();
    for (const p of inExtent(points)) {
      const k = `${Math.floor(p.lon / hs.cellDeg.lon)},${Math.floor(p.lat / hs.cellDeg.lat)}`;
      want.set(k, (want.get(k) ?? 0) + 1);
    }
    const got = new Map(
      hs.cells.map((c) => [
        `${Math.floor(c.lon / hs.cellDeg.lon)},${Math.floor(c.lat / hs.cellDeg.lat)}`,
        c.calls,
      ]),
    );
    expect(got).toEqual(want);
  });
});

describe("the hotspot grid's text alternative (tester 242)", () => {
  // Its caption said only what the grid is. Twelve cells, worked by hand: 100 + 60 + 40 + 20 + 8 x 5 = 260
  // calls; the busiest tenth is 2 cells (12 / 10, rounded up), 160 calls, 61.5%.
  const cells = [100, 5, 60, 5, 40, 5, 20, 5, 5, 5, 5, 5].map((calls) => ({ calls }));
  it('states the busiest cell and the share of the busiest tenth', () => {
    expect(hotspotSummary(cells, false)).toBe(
      ' 12 cells hold calls; the busiest holds 100 calls, and the busiest tenth of them (2 cells) hold 61.5% of their 260 calls.',
    );
  });
  it('counts only the cells the public edition draws, and gives no count of calls', () => {
    expect(hotspotSummary(cells, true)).toBe(
      ' 4 cells have 11 calls or more; the legend gives their classes.',
    );
    expect(hotspotSummary([{ calls: 7 }], true)).toBe('');
  });
});
