/**
 * Tester 328: how a boundary layer's areas are named and what the notes say. Beyond three pairs of names
 * apart only in punctuation (`A-1`/`A1`), or a grid named row_col (`z1_10`/`z11_0`), the note said they
 * count as one area, while the tables count them apart. A `name` that repeats, or features without
 * properties, named the areas by the features' ids unsaid. One feature lacking `PRECINCT` had the areas
 * named by `Shape_STArea__`, square feet. A grid's `cell` was taken for a cell phone, and the areas
 * numbered, with a note in bad grammar that contradicted the one before it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { areaWarnings, boundaryNotes, joinAreas, loadBoundaries } from '../../src/analyse/spatial-join.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { square, writePolygons } from '../helpers/geo.js';
import { fixtureCalls, memoryConn } from './helpers.js';

const dir = tempDir('safegap-boundary-names-328-');
const at = '2022-10-03 10:00';
const PRECINCTS = sharedFile('minneapolis/boundaries/mpls_precincts_wgs84.geojson');

/** Squares 0.01 degrees a side in rows of ten, each with its properties. */
const layer = (file: string, properties: Record<string, unknown>[]) =>
  writePolygons(
    join(dir, file),
    properties.map((p, i) => {
      const [x, y] = [(i % 10) * 0.01, Math.floor(i / 10) * 0.01];
      return { properties: p, rings: [square(x, y, x + 0.01, y + 0.01)] };
    }),
  );

/** The city's five precincts with each feature's properties replaced (`undefined`: none at all). */
function precincts(file: string, properties: (f: Record<string, unknown>, i: number) => unknown): string {
  const fc = JSON.parse(readFileSync(PRECINCTS, 'utf8')) as {
    features: { properties: Record<string, unknown> }[];
  };
  fc.features.forEach((f, i) => {
    const p = properties(f.properties, i);
    if (p === undefined) delete (f as { properties?: unknown }).properties;
    else f.properties = p as Record<string, unknown>;
  });
  const out = join(dir, file);
  writeFileSync(out, JSON.stringify(fc));
  return out;
}

/** The run's notes on a layer, with one call in each of the first `calls` areas' south-west corner. */
async function joined(name: string, file: string, calls: { lon: number; lat: number }[]) {
  const conn = await memoryConn();
  await fixtureCalls(
    conn,
    calls.map((c, i) => ({ id: `c${i}`, at, ...c })),
  );
  const j = await joinAreas(conn, { name, file });
  return { j, notes: areaWarnings([j], [{ name, points: j.points, unlocated: j.unlocated }]) };
}

describe('names apart only in case, spaces or punctuation (tester 328)', () => {
  it('are said counted apart beyond three pairs, as the tables count them', async () => {
    const pairs = ['A-1', 'A1', 'B-1', 'b1', 'C 1', 'C1', 'D.1', 'D1'];
    const names = [...pairs, ...Array.from({ length: 92 }, (_, i) => `Z${i}`)];
    const file = layer(
      'punct4.geojson',
      names.map((zone) => ({ zone })),
    );
    const { j, notes } = await joined('zone', file, [
      { lon: 0.005, lat: 0.005 },
      { lon: 0.015, lat: 0.005 },
    ]);
    // The tables: a hundred areas, `A-1` and `A1` each its own.
    expect(j.areas).toBe(100);
    const said = notes.filter((n) => /A-1/.test(n));
    expect(said).toEqual([
      `4 sets of names of ${file} (layer zone) differ only in case, spaces or punctuation (property \`zone\`), such as \`A-1\` and \`A1\` (features 1 and 2), \`B-1\` and \`b1\` (features 3 and 4), \`C 1\` and \`C1\` (features 5 and 6): the tables count them as areas apart, but the report's map, which compares names so, draws each set as one with one of their counts. Give each area one spelling in the file, or name the areas by a property unique to each: zone=${file}#PROPERTY.`,
    ]);
    expect(notes.join('\n')).not.toMatch(/count as one area/);
  });

  it("says a grid's row_col names alike once squashed counted apart too", () => {
    // 20 x 20 cells: `z1_10` and `z11_0`... `z1_19` and `z11_9` are one name to the map, apart in the tables.
    const names = Array.from({ length: 400 }, (_, i) => ({ zone: `z${Math.floor(i / 20)}_${i % 20}` }));
    const file = layer('rowcol.geojson', names);
    const areas = loadBoundaries({ name: 'zone', file });
    expect(new Set(areas.map((a) => a.name)).size).toBe(400);
    const said = boundaryNotes(areas).filter((n) => /z1_10/.test(n));
    expect(said).toEqual([
      expect.stringMatching(
        /^10 sets of names of .*rowcol\.geojson \(layer zone\) differ only in case, spaces or punctuation \(property `zone`\), such as `z1_10` and `z11_0` \(features 31 and 221\), .*: the tables count them as areas apart/,
      ),
    ]);
  });

  it('says names shared and names spelt apart each as the tables count them, in one layer', () => {
    const names = ['A', 'B', 'C', 'D', 'A', 'B', 'C', 'D', 'X-1', 'X1'];
    const said = boundaryNotes(
      loadBoundaries({
        name: 'zone',
        file: layer(
          'both.geojson',
          names.map((zone) => ({ zone })),
        ),
      }),
    );
    expect(said).toEqual([
      expect.stringMatching(/^4 names are each given to several features .*count as one area/),
      expect.stringMatching(/^Features 9 and 10 .* `X-1` and `X1` .*the tables count them as areas apart/),
    ]);
  });
});

describe('a layer named by its features ids (tester 328)', () => {
  it('says which property was passed over, as its names repeat, and how to count them together', async () => {
    const regions = ['North', 'North', 'South', 'South', 'South'];
    const file = precincts('dupnames.geojson', (_, i) => ({ name: regions[i] }));
    expect(loadBoundaries({ name: 'lyr', file }).map((a) => [a.name, a.property])).toEqual(
      ['1', '2', '3', '4', '5'].map((id) => [id, '(feature id)']),
    );
    const { notes } = await joined('lyr', file, [{ lon: -93.27, lat: 44.975 }]);
    expect(notes).toEqual([
      `The property \`name\` of ${file} (layer lyr) was passed over to name its areas: its names repeat (features 1 and 2 are both \`North\`); give lyr=${file}#name to count the features of one name together as one area. Instead the areas are named by the features' ids, \`1\`, \`2\`... (\`(feature id)\` in analysis.json).`,
    ]);
  });

  it('says so of features without properties, or with null for them', () => {
    for (const [what, props] of [
      ['noprops', () => ({})],
      ['nullprops', () => null],
      ['absent', () => undefined],
    ] as const) {
      const file = precincts(`${what}.geojson`, props);
      const areas = loadBoundaries({ name: 'lyr', file });
      expect(
        areas.map((a) => a.name),
        what,
      ).toEqual(['1', '2', '3', '4', '5']);
      expect(boundaryNotes(areas), what).toEqual([
        `The areas of ${file} (layer lyr) are named by the features' ids, \`1\`, \`2\`... (\`(feature id)\` in analysis.json): its features have no properties. To name them by a property, give lyr=${file}#PROPERTY.`,
      ]);
    }
  });
});

describe('a measurement never names the areas (tester 328)', () => {
  it("the city's precincts with feature 2 lacking PRECINCT: ids, not square feet, and why", () => {
    const file = precincts('missing_one_name.geojson', (p, i) => {
      const { PRECINCT, ...rest } = p;
      return i === 1 ? rest : { ...rest, PRECINCT };
    });
    const areas = loadBoundaries({ name: 'lyr', file });
    expect(areas.map((a) => a.name)).toEqual(['1', '2', '3', '4', '5']);
    expect(areas.every((a) => a.property === '(feature id)')).toBe(true);
    expect(boundaryNotes(areas)).toEqual([
      `The property \`PRECINCT\` of ${file} (layer lyr) was passed over to name its areas: feature 2 lacks it; fill it in for that feature and give lyr=${file}#PRECINCT. Instead the areas are named by the features' ids, \`1\`, \`2\`... (\`(feature id)\` in analysis.json).`,
    ]);
  });

  it('by its name when its values are numbers, or by values all with a fraction', () => {
    for (const key of [
      'Shape_Area',
      'Shape_Length',
      'Shape_STArea__',
      'Shape__Area',
      'AREA',
      'PERIMETER',
      'SHAPE_LEN',
      'acres',
      'sq_ft',
      'ST_AREA(shape)',
    ]) {
      const file = layer('measured.geojson', [
        { [key]: 1200, Zone_Code: 'Z1' },
        { [key]: 3400, Zone_Code: 'Z2' },
        { [key]: 5600 },
      ]);
      expect(
        loadBoundaries({ name: 'lyr', file }).map((a) => a.name),
        key,
      ).toEqual(['area 1', 'area 2', 'area 3']);
    }
    const fractions = layer('fractions.geojson', [{ Zone_Num: 1.5 }, { Zone_Num: 2.25 }, { Zone_Num: 3.75 }]);
    expect(loadBoundaries({ name: 'lyr', file: fractions }).map((a) => a.name)).toEqual([
      'area 1',
      'area 2',
      'area 3',
    ]);
    // An `AREA` of names, and whole zone numbers, still name areas.
    const named = layer('area_names.geojson', [{ AREA: 'North' }, { AREA: 'South' }, { AREA: 'East' }]);
    expect(loadBoundaries({ name: 'lyr', file: named }).map((a) => a.name)).toEqual([
      'North',
      'South',
      'East',
    ]);
    const numbers = layer('zone_num.geojson', [{ Zone_Num: 1 }, { Zone_Num: 2 }, { Zone_Num: 3 }]);
    expect(loadBoundaries({ name: 'lyr', file: numbers }).map((a) => a.name)).toEqual(['1', '2', '3']);
  });
});

describe("a grid's cell (tester 328)", () => {
  it('names the areas: a grid cell is no cell phone', () => {
    for (const key of ['cell', 'CELL', 'cell_id', 'Cell_Name']) {
      const file = layer(
        'grid.geojson',
        Array.from({ length: 100 }, (_, i) => ({ [key]: `c${Math.floor(i / 10)}_${i % 10}` })),
      );
      const areas = loadBoundaries({ name: 'lyr', file });
      expect(
        areas.slice(0, 3).map((a) => a.name),
        key,
      ).toEqual(['c0_0', 'c0_1', 'c0_2']);
      expect(boundaryNotes(areas).join('\n'), key).not.toMatch(/personal/);
    }
  });

  it('is still set aside when its values are telephone numbers, and the notes agree', async () => {
    const file = layer(
      'cells.geojson',
      ['612-555-0100', '612-555-0101', '612-555-0102'].map((cell) => ({ cell })),
    );
    expect(loadBoundaries({ name: 'lyr', file }).map((a) => a.name)).toEqual(['area 1', 'area 2', 'area 3']);
    const { notes } = await joined('lyr', file, [{ lon: 0.005, lat: 0.005 }]);
    expect(notes).toEqual([
      `3 areas of ${file} (layer lyr) are named \`area 1\`, \`area 2\`... by their place in the file: the property that would give every feature a name of its own looks like personal data, and was set aside (said in a note below). Name them by one of its properties: lyr=${file}#PROPERTY (features sharing a name are then one area).`,
      `The property \`cell\` (its values look like telephone numbers or e-mail addresses, the first in feature 1) of ${file} (layer lyr) looks like personal data and was not taken to name its areas, since the report publishes area names. To name them by one all the same, give lyr=${file}#PROPERTY.`,
    ]);
  });
});
