/**
 * The area charts and the data-quality table of the real Minneapolis file (tester 229): the bars of postal
 * codes and sectors end with the calls that have none, as their tables do, a map says how many calls it
 * leaves out for want of an area, and the data-quality table prints its labels whole.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { csvObjects, parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const FILE = sharedFile('minneapolis/calls_2022_d.csv');

/** The <figure> of a chart, by its heading's id. */
function figureOf(page: string, id: string): string {
  const start = page.indexOf(`<h3 id="${id}">`);
  expect(start, id).toBeGreaterThan(-1);
  return page.slice(page.lastIndexOf('<figure', start), page.indexOf('</figure>', start));
}

/** Text with tags dropped, spaces collapsed and the apostrophe the HTML escapes read back. */
const plain = (s: string) =>
  s
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');

/** Every text of a chart's SVG, in the order drawn: its axes' ticks, then its values. */
function barLabels(fig: string): string[] {
  const svg = /<svg[\s\S]*?<\/svg>/.exec(fig)![0];
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
}

/** The y axis's tick labels of a bar chart of a table's rows: as many texts from its first row's. */
function rowTicks(labels: string[], rows: { area?: string }[]): (string | undefined)[] {
  const first = labels.indexOf(rows[0]!.area!);
  // Hidden labels are made distinct with zero-width spaces, and read as the table's x.
  return labels.slice(first, first + rows.length).map((l) => l.replaceAll('\u200b', ''));
}

const csv = (r: ReportResult, id: string) =>
  csvObjects(readFileSync(join(r.html, '..', 'csv', `${id}.csv`), 'utf8'));

describe('area charts and data-quality labels of the Minneapolis calls (tester 229)', () => {
  const dir = tempDir('safegap-area-charts-');
  const store = join(dir, 'store');
  let internal: ReportResult;
  let pub: ReportResult;
  let mapped: ReportResult;

  beforeAll(async () => {
    await ingest({ files: [FILE], profile: 'minneapolis-cad', store });
    // Two sectors' boundaries, squares in the city: the sectors drawn as a map, whose 3 calls with no
    // sector it cannot draw.
    const square = (name: string, x: number, y: number) => ({
      type: 'Feature',
      properties: { name },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [x, y],
            [x + 0.02, y],
            [x + 0.02, y + 0.02],
            [x, y + 0.02],
            [x, y],
          ],
        ],
      },
    });
    const sectors = join(dir, 'sectors.geojson');
    writeFileSync(
      sectors,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [square('P5 Sec 1', -93.3, 44.93), square('P1 Sec 2', -93.27, 44.97)],
      }),
    );
    internal = await buildReport({ store, out: join(dir, 'internal') });
    pub = await buildReport({ store, out: join(dir, 'public'), public: true });
    mapped = await buildReport({ store, out: join(dir, 'mapped'), boundaries: [`sector=${sectors}#name`] });
  }, 600_000);

  it('draws the calls with no postal code or sector as the last bar, labelled as in the table', () => {
    const page = readFileSync(internal.html, 'utf8');
    for (const [field, id, none] of [
      ['postal_code', 'fig-calls-by-postal-code', 'No postal code recorded'],
      ['sector', 'fig-calls-by-sector', 'No sector recorded'],
    ] as const) {
      const rows = csv(internal, `calls_by_${field}`);
      expect(rows.at(-1)!.area, field).toBe(none);
      const fig = figureOf(page, id);
      const labels = barLabels(fig);
      // The y axis names every row of the table in its order, the calls with no area last.
      expect(rowTicks(labels, rows), field).toEqual(rows.map((r) => r.area));
      // And its bar's value is printed beside it, as the table's count.
      expect(labels, field).toContain(Number(rows.at(-1)!.calls).toLocaleString('en-US'));
      expect(plain(fig), field).toContain(
        `The last bar, "${none}", is the ${Number(rows.at(-1)!.calls).toLocaleString('en-US')} calls`,
      );
    }
    // Minneapolis' 455 calls with no postal code, more than ten of the bars.
    expect(csv(internal, 'calls_by_postal_code').at(-1)!.calls).toBe('455');
  });

  it('draws the last bar in the public edition too, as the public table prints it', () => {
    const page = readFileSync(pub.html, 'utf8');
    const rows = csv(pub, 'calls_by_postal_code');
    expect(rows.at(-1)!.area).toBe('No postal code recorded');
    const labels = barLabels(figureOf(page, 'fig-calls-by-postal-code'));
    expect(rowTicks(labels, rows)).toEqual(rows.map((r) => r.area));
  });

  it("hides in the public edition an area's name with its hidden count (tester 235)", () => {
    // What the export's fields hold is whatever was typed: a beat seen on one call was a caller's telephone
    // number, printed beside its x.
    const isSmall = (v: string | undefined) => Number(v) >= 1 && Number(v) <= 10;
    const page = readFileSync(pub.html, 'utf8');
    for (const [id, key, none] of [['calls_by_postal_code', 'area', 'No postal code recorded']] as const) {
      const small = csv(internal, id).filter((r) => isSmall(r.calls) && r[key] !== none);
      expect(small.length, id).toBeGreaterThan(0);
      const shown = csv(pub, id);
      expect(shown.length, id).toBe(csv(internal, id).length);
      // Every label whose count the public table hides reads x, but the row of calls with none.
      for (const r of shown)
        expect({ id, calls: r.calls, label: r[key] === 'x' }).toEqual({
          id,
          calls: r.calls,
          label: r.calls === 'x' && r[key] !== none,
        });
      for (const r of small) {
        expect(
          shown.map((x) => x[key]),
          id,
        ).not.toContain(r[key]);
        // A postal code is five digits, which no other figure of the page is written as.
        if (key === 'area' && /^\d{5}$/.test(r.area!))
          expect(page, r.area).not.toMatch(new RegExp(`>[^<]*\\b${r.area}\\b`));
      }
    }
    // The note under the table counts the hidden names among its x cells, as the table marks them.
    const [, table, foot] =
      /(<table id="table-calls_by_postal_code">[\s\S]*?<\/table>)\s*<p class="table-foot">([\s\S]*?)<\/p>/.exec(
        page,
      )!;
    const marked = [...table!.matchAll(/class="[^"]*suppressed"/g)].length;
    expect(marked).toBeGreaterThan(csv(pub, 'calls_by_postal_code').filter((r) => r.calls === 'x').length);
    expect(Number(/([\d,]+) cells? suppressed \(x\)/.exec(foot!)![1]!.replace(/,/g, ''))).toBe(marked);
    // The chart draws a bar's place for each hidden row: three hidden postal codes were one row.
    const rows = csv(pub, 'calls_by_postal_code');
    const labels = barLabels(figureOf(page, 'fig-calls-by-postal-code'));
    expect(labels.filter((l) => l.replaceAll('\u200b', '') === 'x').length).toBeGreaterThanOrEqual(
      rows.filter((r) => r.area === 'x').length,
    );
  });

  it('says how many calls a map leaves out for want of an area', () => {
    const page = readFileSync(mapped.html, 'utf8');
    const fig = plain(figureOf(page, 'fig-calls-by-sector'));
    expect(csv(mapped, 'calls_by_sector').at(-1)).toMatchObject({ area: 'No sector recorded', calls: '3' });
    expect(fig).toContain("The map leaves out the 3 calls with no sector recorded (the table's last row).");
  });

  it('prints every label of the data-quality table whole, and says where quarantined rows are', () => {
    for (const r of [internal, pub]) {
      const page = readFileSync(r.html, 'utf8');
      const table = /<table id="table-data_quality">[\s\S]*?<\/table>/.exec(page)![0];
      expect(table).not.toContain('…');
      const shown = plain(table);
      for (const row of csv(r, 'data_quality')) expect(shown).toContain(plain(row.item!));
    }
    const method = plain(
      readFileSync(internal.html, 'utf8').slice(
        readFileSync(internal.html, 'utf8').indexOf('table-data_quality'),
      ),
    );
    expect(method).toContain('Rows quarantined (the whole store)');
    expect(method).toContain(
      "Quarantined rows could not be loaded: the store's quarantine folder (quarantine/run-NNNN.csv",
    );
    expect(method).not.toContain('listed with reasons in it');
    expect(method).toContain('Calls of the period with an implausibly long interval (kept, left out of it)');
  });

  it('prints the withheld rows of a public edition whole, with the reasons in the note', async () => {
    // The first 2,000 rows hold a few calls of 30 September: an edition from 1 October withholds the
    // store's calls and its row accounting (tester 136), whose labels ran to 160 characters.
    const [header, ...rows] = parseCsv(readFileSync(FILE, 'utf8').replace(/\r?\n$/, ''));
    const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const file = join(dir, 'first.csv');
    writeFileSync(
      file,
      `${[header!, ...rows.slice(0, 2000)].map((x) => x.map(quote).join(',')).join('\n')}\n`,
    );
    const small = join(dir, 'small-store');
    await ingest({ files: [file], profile: 'minneapolis-cad', store: small });
    const r = await buildReport({
      store: small,
      out: join(dir, 'small-public'),
      public: true,
      from: '2022-10-01',
    });
    const items = csv(r, 'data_quality').map((x) => x.item!);
    expect(items).toContain('Rows read, loaded, quarantined, dropped, replaced (the whole store): withheld');
    expect(items).toContain('Calls in the store: withheld');
    const page = readFileSync(r.html, 'utf8');
    const table = /<table id="table-data_quality">[\s\S]*?<\/table>/.exec(page)![0];
    expect(table).not.toContain('…');
    for (const item of items) expect(plain(table)).toContain(plain(item));
    const note = plain(page.slice(page.indexOf('table-data_quality')));
    expect(note).toContain("The store's row accounting (rows read, loaded, quarantined, dropped as exact");
    expect(note).toContain(
      'The calls in the store are withheld, as those outside the report period are from 1 to 10.',
    );
  }, 300_000);
});
