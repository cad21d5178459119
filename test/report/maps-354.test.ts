/**
 * Tester 354, on the synthetic city (`synth --seed 7`):
 * - a boundary layer where no call of the period has a point drew every polygon "no calls", with a legend
 *   of that one class, over a table whose only row was the calls without an area;
 * - `Río Vista` in the store against `Rio Vista` in a boundary file was no match, though case, spaces and
 *   punctuation are ignored;
 * - the hotspot grid's cells, square on the ground, were drawn about 9% wider than tall.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { areaKey, type Area } from '../../src/analyse/spatial-join.js';
import { choropleth, hotspotGrid } from '../../src/report/maps.js';
import { buildReport } from '../../src/report/report.js';
import { synthesize } from '../../src/synth/synth.js';
import { tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';
import { square } from '../helpers/geo.js';

/** The HTML of the figure whose heading is `title`, white space squashed. */
function figureOf(html: string, title: string): string {
  const text = html.replace(/\s+/g, ' ');
  const start = text.lastIndexOf('<figure', text.indexOf(`>${title}</h3>`));
  return text.slice(start, text.indexOf('</figure>', start));
}

/** Width over height of each rect of a Plot SVG, in pixels (not a clip path's: the frame's, tester 360). */
function rectRatios(svg: string): number[] {
  return [...svg.replace(/<clipPath\b.*?<\/clipPath>/g, '').matchAll(/<rect\b[^>]*>/g)]
    .map((m) => ({
      w: Number(/\swidth="([\d.]+)"/.exec(m[0])?.[1]),
      h: Number(/\sheight="([\d.]+)"/.exec(m[0])?.[1]),
    }))
    .filter((r) => r.w > 0 && r.h > 0)
    .map((r) => r.w / r.h);
}

describe('the synthetic city with January lacking points (tester 354)', () => {
  const dir = tempDir('safegap-354-');
  const store = join(dir, 'store');
  let januaryRows = 0;
  beforeAll(async () => {
    const summary = await synthesize({ calls: 4000, years: 1, seed: 7, out: join(dir, 'city.csv') });
    // January's rows lose their latitude and longitude, the last two columns.
    const lines = readFileSync(join(dir, 'city.csv'), 'utf8').split('\n');
    expect(lines[0]!.trimEnd().endsWith(',latitude,longitude')).toBe(true);
    const edited = lines.map((l, i) => {
      if (i === 0 || !/^[^,]*,2022-01-/.test(l)) return l;
      januaryRows++;
      return l.replace(/,[^,]*,[^,]*$/, ',,');
    });
    writeFileSync(join(dir, 'nojan.csv'), edited.join('\n'));
    await ingest({ files: [join(dir, 'nojan.csv')], profile: 'synthetic-city', store });
    // A copy of the neighbourhoods spelt without the accent, as tester 354's nb_renamed.geojson.
    const nb = readFileSync(summary.boundaries.neighborhoods, 'utf8');
    expect(nb).toContain('Río Vista');
    writeFileSync(join(dir, 'nb.geojson'), nb.replaceAll('Río Vista', 'Rio Vista'));
    await buildReport({
      store,
      out: join(dir, 'jan'),
      to: '2022-01-31',
      boundaries: [`zone=${summary.boundaries.beats}#beat`],
    });
    await buildReport({
      store,
      out: join(dir, 'rest'),
      from: '2022-02-01',
      boundaries: [`zone=${summary.boundaries.beats}#beat`, `neighborhood=${join(dir, 'nb.geojson')}`],
    });
  }, 600_000);

  it('leaves out the map of a layer no call of the period is in, saying why, and keeps the table', () => {
    expect(januaryRows).toBeGreaterThan(100);
    const fig = figureOf(readFileSync(join(dir, 'jan', 'report.html'), 'utf8'), 'Calls by zone');
    expect(fig).not.toContain('<svg');
    expect(fig).not.toContain('no calls');
    expect(fig).toContain('No map is drawn: no call of the period has a point in any area of the layer');
    expect(fig).not.toContain('The map leaves out');
    // The table and its note stay: one row, every call of the period, which has no point.
    expect(fig).toContain('<table id="table-calls_by_zone"');
    expect(fig).toContain('are the last row.');
    const rows = reportCsv(join(dir, 'jan'), 'calls_by_zone');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.share).toMatch(/^1(\.0+)?$/);
  });

  it('draws the same layer where the calls have points', () => {
    const fig = figureOf(readFileSync(join(dir, 'rest', 'report.html'), 'utf8'), 'Calls by zone');
    expect(fig).toContain('<svg');
    expect(fig).not.toContain('No map is drawn');
  });

  it('matches Río Vista in the store to Rio Vista in the boundary file', () => {
    const fig = figureOf(readFileSync(join(dir, 'rest', 'report.html'), 'utf8'), 'Calls by neighborhood');
    expect(fig).not.toContain('Not on the map');
    // The feature `Rio Vista` is drawn with the table's count of `Río Vista`.
    const row = reportCsv(join(dir, 'rest'), 'calls_by_neighborhood').find((r) => r.area === 'Río Vista');
    expect(Number(row?.calls)).toBeGreaterThan(0);
    const tip = /<title>Rio Vista: ([\d,]+)<\/title>/.exec(fig)?.[1];
    expect(tip?.replaceAll(',', '')).toBe(row!.calls);
    expect(areaKey('Río Vista')).toBe(areaKey('Rio Vista'));
    expect(areaKey('ÉCOLE  Ste-Anne')).toBe('ecolesteanne');
  });

  it('draws the hotspot grid with cells as tall as wide, as they are on the ground', () => {
    const fig = figureOf(readFileSync(join(dir, 'rest', 'report.html'), 'utf8'), 'Hotspots');
    const ratios = rectRatios(fig);
    expect(ratios.length).toBeGreaterThan(20);
    // Cells of about 0.5 km each way: within 2% (a pixel's rounding, and the cosine taken at the middle).
    for (const r of ratios) expect(Math.abs(r - 1)).toBeLessThan(0.02);
  });
});

describe('maps of hand-made areas and cells (tester 354)', () => {
  it('leaves out a map none of whose areas has a count above 0, and draws one that has', () => {
    const areas: Area[] = [
      { name: 'Río Vista', rings: [square(-93.3, 44.9, -93.2, 45)] },
      { name: 'Corcoran', rings: [square(-93.2, 44.9, -93.1, 45)] },
    ];
    const base = { title: 'Calls by zone', description: 'Calls by zone.', areas, valueLabel: 'Calls' };
    expect(choropleth({ ...base, values: new Map() }).svg.value).toBe('');
    expect(choropleth({ ...base, values: new Map([['Corcoran', 0]]) }).svg.value).toBe('');
    const m = choropleth({ ...base, values: new Map([['RIO VISTA', 40]]) });
    expect(m.unmatched).toEqual([]);
    expect(m.svg.value).toContain('<title>Río Vista: 40</title>');
    expect(m.svg.value).toContain('<title>Corcoran: no calls</title>');
  });

  // At latitude 60 a degree of longitude is half a degree of latitude on the ground: cells 0.01 degrees of
  // longitude by 0.005 of latitude are square there.
  const cell = (col: number, row: number) => ({
    lon: 10 + col * 0.01,
    lat: 60 + row * 0.005,
    calls: 5 + col + row,
  });
  const grid = (cols: number, rows: number) =>
    hotspotGrid({
      title: 'Hotspots',
      description: 'Grid.',
      cells: Array.from({ length: cols * rows }, (_, i) => cell(i % cols, Math.floor(i / cols))),
      cellDeg: { lon: 0.01, lat: 0.005 },
      suppress: false,
    }).svg.value;

  it.each([
    ['wide (the 200-pixel floor)', 40, 10],
    ['tall (the 800-pixel ceiling)', 10, 40],
    ['slightly wide', 14, 10],
  ])('draws square cells of a %s grid', (_, cols, rows) => {
    const ratios = rectRatios(grid(cols, rows));
    expect(ratios).toHaveLength(cols * rows);
    for (const r of ratios) expect(r).toBeCloseTo(1, 2);
  });
});
