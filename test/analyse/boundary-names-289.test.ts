/**
 * Tester 289: the property guessed to name a boundary layer's areas still took people's names, which the
 * public report prints. By its name: `name` among the words of an area took `Mayor_Name`, `Capt_Name`,
 * `Updated_By_Name`... before a neutral `Zone_Code`. By its values, under a neutral `Area_Name`: a
 * lower-case title, more titles, `Lopez, Maria`, a street address, a phone number with its extension, an
 * e-mail written `at`, a social security number without dashes. The real boundary files keep their choice.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  areaWarnings,
  joinAreas,
  loadBoundaries,
  parseBoundarySpec,
} from '../../src/analyse/spatial-join.js';
import { boundaryFiles, synthesize } from '../../src/synth/synth.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { square, writePolygons } from '../helpers/geo.js';
import { fixtureCalls, memoryConn } from './helpers.js';

const dir = tempDir('safegap-boundary-names-289-');

/** Squares 0.01 degrees a side, 0.01 apart, each with its properties (as in boundary-names.test.ts). */
const layer = (file: string, properties: Record<string, unknown>[]) =>
  writePolygons(
    join(dir, file),
    properties.map((p, i) => ({ properties: p, rings: [square(i * 0.02, 0, i * 0.02 + 0.01, 0.01)] })),
  );

/** Three areas with a person's property first, then `Zone_Code`, as the tester's files have them. */
const beforeZoneCode = (key: string, values = ['Maria Lopez', 'John Smith', 'Wei Chen']) =>
  layer(
    `${key.replace(/\W/g, '_')}.geojson`,
    values.map((v, i) => ({ [key]: v, Zone_Code: `Z${i + 1}` })),
  );

const areaNames = (file: string, name = 'zone') => loadBoundaries({ name, file }).map((a) => a.name);

describe("a property's name (tester 289)", () => {
  it('with `name` among its words names areas only when its other words are area words', () => {
    // The tester's nine, and the same without separators, which no person word list can split.
    for (const key of [
      'Mayor_Name',
      'Author_Name',
      'Dir_Name',
      'Modified_By_Name',
      'Capt_Name',
      'Lt_Name',
      'Sgt_Name',
      'Exec_Name',
      'Updated_By_Name',
      'MAYORNAME',
      'Commissioner_Name',
      'Warden_Name',
      'Display_Name',
    ])
      expect(areaNames(beforeZoneCode(key)), key).toEqual(['Z1', 'Z2', 'Z3']);
    // An area's name is still taken first, whatever its spelling; `BDNAME` as a usual name.
    for (const key of ['CommName', 'NBHD_NAME', 'Zone_Name', 'ZONENAME', 'DIST_NAME', 'NAME_2', 'BDNAME'])
      expect(areaNames(beforeZoneCode(key, ['Camden', 'Phillips', 'Near North'])), key).toEqual([
        'Camden',
        'Phillips',
        'Near North',
      ]);
  });

  it("sets aside a person's words in an area's property, as whole words, and says so", async () => {
    // Named like an area (precinct, ward, beat...), these were taken before `Zone_Code`.
    for (const key of [
      'Precinct_Mayor',
      'Ward_Author',
      'Beat_Dir',
      'District_Exec',
      'Precinct_Capt',
      'Area_Lt',
      'Sector_Sgt',
      'Zone_Modified_By',
      'Ward_Updated_By',
      'Beat_Owner',
      'Area_Contact',
    ])
      expect(areaNames(beforeZoneCode(key)), key).toEqual(['Z1', 'Z2', 'Z3']);
    // Whole words: `Direction`, `Ltd`, `Executed` are no director, lieutenant or executive.
    expect(areaNames(beforeZoneCode('Zone_Direction', ['North', 'South', 'East']))).toEqual([
      'North',
      'South',
      'East',
    ]);
    const file = beforeZoneCode('Precinct_Capt');
    const conn = await memoryConn();
    await fixtureCalls(conn, [{ id: 'a', at: '2022-10-03 10:00', lon: 0.005, lat: 0.005 }]);
    const j = await joinAreas(conn, { name: 'zone', file });
    const said = areaWarnings([j], [{ name: 'zone', points: j.points, unlocated: j.unlocated }]);
    expect(said).toContain(
      `The property \`Precinct_Capt\` (its name says a person or a way to reach one) of ${file} (layer zone) looks like personal data and was not taken to name its areas, since the report publishes area names. To name them by one all the same, give zone=${file}#PROPERTY.`,
    );
  });
});

describe('values under a neutral property (tester 289)', () => {
  it("set it aside when they read as a person's, a place or a way to reach one", () => {
    for (const values of [
      ['officer Maria Lopez', 'officer John Smith', 'officer Wei Chen'],
      ['OFFICER MARIA LOPEZ', 'OFFICER JOHN SMITH', 'OFFICER WEI CHEN'],
      ['Council Member Maria Lopez', 'Council Member John Smith', 'Council Member Wei Chen'],
      ['Chief Maria Lopez', 'Deputy John Smith', 'Mayor Wei Chen'],
      ['Prof. Maria Lopez', 'Rev. John Smith', 'Judge Wei Chen'],
      ['Hon. Maria Lopez', 'Sheriff John Smith', 'Commander Wei Chen'],
      ['Inspector Maria Lopez', 'inspector John Smith', 'INSPECTOR Wei Chen'],
      ['Lopez, Maria', 'Smith, John', 'Chen, Wei'],
      ['350 S 5th St', '3401 Cedar Ave S', '1200 Nicollet Mall'],
      ['555-0101 x12', '555-0102 ext. 12', '555-0103 Ext 4'],
      ['mlopez at city.gov', 'jsmith at city.gov', 'wchen at city.gov'],
      ['123456789', '234567890', '345678901'],
    ])
      expect(areaNames(beforeZoneCode('Area_Name', values)), values[0]).toEqual(['Z1', 'Z2', 'Z3']);
    // A social security number stored as a number is one too (beside a numbered zone: a string is preferred).
    const numbers = layer(
      'ssn_number.geojson',
      [123456789, 234567890, 345678901].map((Area_Name, i) => ({ Area_Name, Zone_No: i + 1 })),
    );
    expect(areaNames(numbers)).toEqual(['1', '2', '3']);
  });

  it('are said by their feature, never quoted', async () => {
    const file = beforeZoneCode('Area_Name', ['North', '350 S 5th St', 'South']);
    const conn = await memoryConn();
    await fixtureCalls(conn, [{ id: 'a', at: '2022-10-03 10:00', lon: 0.005, lat: 0.005 }]);
    const j = await joinAreas(conn, { name: 'zone', file });
    const said = areaWarnings([j], [{ name: 'zone', points: j.points, unlocated: j.unlocated }]);
    expect(said).toContain(
      `The property \`Area_Name\` (its values look like street addresses, the first in feature 2) of ${file} (layer zone) looks like personal data and was not taken to name its areas, since the report publishes area names. To name them by one all the same, give zone=${file}#PROPERTY.`,
    );
    expect(said.join('\n')).not.toMatch(/350|5th/);
    // Named by the user, it is taken all the same, and said.
    const named = await joinAreas(conn, { name: 'zone', file, property: 'Area_Name' });
    expect(
      areaWarnings([named], [{ name: 'zone', points: named.points, unlocated: named.unlocated }]),
    ).toContain(
      `The property \`Area_Name\` of ${file} (layer zone), given to name its areas, looks like personal data (its values look like street addresses, the first in feature 2): the report publishes area names, the public edition too. Check that it names no one and no way to reach anyone, or name the areas by another property.`,
    );
  });

  it('keep it when they name places written like a person (a county and its state, a compass point, a block)', () => {
    for (const values of [
      ['Hennepin County, Minnesota', 'Ramsey County, Minnesota', 'Anoka County, Minnesota'],
      ['Powderhorn, East', 'Powderhorn, West', 'Powderhorn, Central'],
      ['100 Block of Lake St', '200 Block of Lake St', '300 Block of Lake St'],
      ['4th Street District', 'Stevens Square - Loring Heights', 'Marshall Terrace'],
    ])
      expect(areaNames(beforeZoneCode('Area_Name', values)), values[0]).toEqual(values);
  });
});

describe('the real boundary files keep their property (tester 289)', () => {
  it("Minneapolis' precincts, neighbourhoods and communities", () => {
    for (const [file, property] of [
      ['minneapolis/boundaries/mpls_precincts_wgs84.geojson', 'PRECINCT'],
      ['minneapolis/boundaries/Minneapolis_Neighborhoods.geojson', 'BDNAME'],
      ['minneapolis/boundaries/mpls_communities.geojson', 'CommName'],
    ] as const) {
      const path = sharedFile(file);
      // Under the name taken from the file, and under one that matches none of its properties.
      for (const spec of [parseBoundarySpec(path), { name: 'zone', file: path }])
        expect(new Set(loadBoundaries(spec).map((a) => a.property)), `${file} ${spec.name}`).toEqual(
          new Set([property]),
        );
    }
  });

  it("a synthetic city's precincts, beats and neighbourhoods", async () => {
    const out = join(dir, 'c.csv');
    await synthesize({ calls: 2000, years: 1, seed: 7, out });
    const files = boundaryFiles(out);
    for (const [layerName, file, property] of [
      ['precinct', files.precincts, 'precinct'],
      ['beat', files.beats, 'beat'],
      ['neighborhood', files.neighborhoods, 'neighborhood'],
    ] as const)
      for (const spec of [{ name: layerName, file }, parseBoundarySpec(file), { name: 'zone', file }])
        expect(new Set(loadBoundaries(spec).map((a) => a.property)), `${file} ${spec.name}`).toEqual(
          new Set([property]),
        );
  }, 60_000);
});
