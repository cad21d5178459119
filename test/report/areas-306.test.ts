/**
 * Tester 306, on the first 50,000 calls of Minneapolis' export and on Burlington's year:
 * - a precinct layer without precinct 5 left 2,951 calls (18.7%) off the map with a caption naming 5
 *   alone and no note of the run;
 * - map legends ran from 0 in fixed steps: to "20,000 or more" over precincts of at most 11,426 calls, and
 *   "0 to under 500" of a public grid that draws no cell under 11.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { gatherReportData, type ReportData } from '../../src/report/data.js';
import { choropleth, hotspotGrid } from '../../src/report/maps.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { THRESHOLD } from '../../src/report/suppress.js';
import { openEngine } from '../../src/store/duckdb.js';
import { requireStore } from '../../src/store/store.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';
import { square, writePolygons } from '../helpers/geo.js';

const PRECINCTS = sharedFile('minneapolis/boundaries/mpls_precincts_wgs84.geojson');

/**
 * A legend's classes as [from, to), `to` undefined for the top one ("N or more", or the internal hotspot
 * grid's "N to M", up to its busiest cell: tester 343), with M as the third.
 */
function classes(legend: string): [number, number | undefined, number | undefined][] {
  const n = (v: string) => Number(v.replaceAll(',', ''));
  return [
    ...legend.matchAll(/<\/span\s*>\s*([\d,.]+) (?:to under ([\d,.]+)|to ([\d,.]+)|or more)\s*<\/li/g),
  ].map((m) => [
    n(m[1]!),
    m[2] === undefined ? undefined : n(m[2]),
    m[3] === undefined ? undefined : n(m[3]),
  ]);
}

/**
 * Every class can hold a value drawn (its range meets the values from `lowest`, the least a map can draw, to
 * the largest), the first starts at `lowest`, and the top one holds the largest.
 */
function expectClassesFollow(legend: string, lowest: number, values: readonly number[]) {
  const cls = classes(legend);
  const largest = Math.max(...values);
  expect(cls.length).toBeGreaterThan(0);
  expect(cls[0]![0]).toBe(lowest);
  for (const [from, to] of cls) {
    expect(from).toBeLessThanOrEqual(largest);
    if (to !== undefined) expect(to).toBeGreaterThan(Math.max(from, lowest));
  }
  const [top, end, upTo] = cls[cls.length - 1]!;
  expect(end).toBeUndefined();
  expect(top).toBeLessThanOrEqual(largest);
  if (upTo !== undefined) expect(upTo).toBe(largest);
}

describe('Minneapolis, the first 50,000 calls (tester 306)', () => {
  const dir = tempDir('safegap-306-');
  const store = join(dir, 'store');
  let pub: ReportResult;
  let no5: ReportResult;
  let no5Public: ReportResult;
  beforeAll(async () => {
    const text = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8');
    let end = 0;
    for (let n = 0; n <= 50_000; n++) end = text.indexOf('\n', end) + 1;
    writeFileSync(join(dir, 'calls.csv'), text.slice(0, end));
    await ingest({ files: [join(dir, 'calls.csv')], profile: 'minneapolis-cad', store });
    const layer = JSON.parse(readFileSync(PRECINCTS, 'utf8')) as {
      features: { properties: { PRECINCT: string } }[];
    };
    layer.features = layer.features.filter((f) => f.properties.PRECINCT !== '5');
    writeFileSync(join(dir, 'prec_no5.geojson'), JSON.stringify(layer));
    pub = await buildReport({ store, out: join(dir, 'pub'), public: true });
    const nov = {
      store,
      from: '2022-11-01',
      to: '2022-11-30',
      boundaries: [`precinct=${join(dir, 'prec_no5.geojson')}#PRECINCT`],
    };
    no5 = await buildReport({ ...nov, out: join(dir, 'no5') });
    no5Public = await buildReport({ ...nov, out: join(dir, 'no5-pub'), public: true });
  }, 600_000);

  it('shows no count from 1 to 10 in the postal-code table and exposes none', () => {
    const rows = reportCsv(join(dir, 'pub'), 'calls_by_postal_code');
    expect(rows.every((r) => r.calls === 'x' || Number(r.calls) === 0 || Number(r.calls) >= THRESHOLD)).toBe(
      true,
    );
    // At least two hidden calls cells beside the published total.
    expect(rows.filter((r) => r.calls === 'x').length).toBeGreaterThanOrEqual(2);
    expect(pub.exposed).toEqual([]);
  });

  it('keeps a public run of a postal layer lacking withheld codes from naming them (tester 313)', async () => {
    // A layer of every postal code the table names but 55412 and 55108: the internal pass's note named
    // 55412 with its 3,341 calls in the public run's notes.
    const named = reportCsv(join(dir, 'pub'), 'calls_by_postal_code')
      .map((r) => r.area!)
      .filter((a) => /^\d{5}$/.test(a) && a !== '55412' && a !== '55108');
    const layer = join(dir, 'zips.geojson');
    writePolygons(
      layer,
      named.map((name, i) => ({
        properties: { ZIP: name },
        rings: [square(-93.4 + i * 0.01, 44.9, -93.395 + i * 0.01, 44.905)],
      })),
    );
    const zips = await buildReport({
      store,
      out: join(dir, 'zips-pub'),
      public: true,
      boundaries: [`postal_code=${layer}#ZIP`],
    });
    const rows = reportCsv(join(dir, 'zips-pub'), 'calls_by_postal_code').map((r) => r.area!);
    // The note names only areas the public table names.
    const note = zips.warnings.find((w) => w.startsWith('The map of calls by postal code'));
    const off = /has no feature named: (.*?) \(/.exec(note ?? '')?.[1]?.split(', ') ?? [];
    for (const area of off) expect(rows, area).toContain(area);
    expect(zips.warnings.filter((w) => w.startsWith('The map of calls by postal code'))).toHaveLength(
      note ? 1 : 0,
    );
  }, 300_000);

  it('says how many calls a boundary layer without an area leaves off its map, in the caption and the notes', () => {
    const text = readFileSync(no5.html, 'utf8').replace(/\s+/g, ' ');
    expect(text).toContain('Not on the map (no boundary of that name): 5 (2,951 calls, 18.7% of calls).');
    for (const r of [no5, no5Public]) {
      const note = r.warnings.find((w) => w.startsWith('The map of calls by precinct leaves out'));
      expect(note).toBeDefined();
      expect(note).toContain('5 (2,951 calls, 18.7% of calls)');
      expect(note).toContain('--boundaries precinct=');
    }
  });

  it('classes the precinct map from its least precinct to its largest', async () => {
    const conn = await openEngine();
    let d: ReportData;
    try {
      d = await gatherReportData(conn, requireStore(store), {
        boundaries: [`precinct=${PRECINCTS}#PRECINCT`],
      });
    } finally {
      conn.closeSync();
    }
    const rows = d.areas.find((a) => a.field === 'precinct')!.rows;
    const values = rows.map((r) => r.calls);
    expect(Math.max(...values)).toBe(11_426);
    const m = choropleth({
      title: 'Calls by precinct',
      description: 'Calls by precinct.',
      areas: d.boundaries.find((b) => b.field === 'precinct')!.areas,
      values: new Map(rows.map((r) => [r.area, r.calls])),
      valueLabel: 'Calls',
    });
    expectClassesFollow(m.legend.value, Math.min(...values), values);
  });
});

describe("Burlington's hotspot grid legends (tester 306)", () => {
  const dir = tempDir('safegap-306b-');
  let hs: ReportData['hotspots'];
  beforeAll(async () => {
    const store = join(dir, 'store');
    await ingest({
      files: [sharedFile('burlington_vt/police-incidents-2022.csv')],
      profile: 'burlington-vt',
      store,
    });
    const conn = await openEngine();
    try {
      hs = (await gatherReportData(conn, requireStore(store), {})).hotspots;
    } finally {
      conn.closeSync();
    }
  }, 600_000);

  const grid = (suppress: boolean) =>
    hotspotGrid({ title: 'Hotspots', description: 'Grid.', cells: hs.cells, cellDeg: hs.cellDeg, suppress });

  it('starts the public legend at 11, the least count drawn, and spreads the cells over its classes', () => {
    const drawn = hs.cells.map((c) => c.calls).filter((n) => n >= THRESHOLD);
    expect(drawn.length).toBeGreaterThan(50);
    const legend = grid(true).legend.value;
    expectClassesFollow(legend, THRESHOLD, drawn);
    // 68 of 71 cells were in "0 to under 500": no class holds most of them now.
    const [, firstEnd] = classes(legend)[0]!;
    expect(drawn.filter((n) => n < firstEnd!).length).toBeLessThan(drawn.length / 2);
  });

  it('starts the internal legend at the least cell, with no class below it', () => {
    const drawn = hs.cells.map((c) => c.calls);
    expectClassesFollow(grid(false).legend.value, Math.min(...drawn), drawn);
  });
});
