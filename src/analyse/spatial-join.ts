/**
 * Points to areas (docs/metrics.md, "Areas from boundary polygons"): each call's (lon, lat) is given the
 * name of the GeoJSON polygon that contains it, without DuckDB's spatial extension (it cannot be installed
 * offline).
 *
 * The index is a uniform grid over the layer's bounding box. Each row of cells keeps the polygon edges
 * that cross its latitude band, so an exact even-odd test looks at a few hundred edges, not at every
 * vertex of every polygon; holes and the parts of a MultiPolygon are just more rings in the same test.
 * Cells that no edge touches lie wholly inside one area (or outside all), so their points are resolved in
 * SQL by joining on the cell; only points in cells an edge crosses come to JavaScript.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { personalReason } from '../sources/personal.js';
import { ident } from '../util/sql.js';
import { UserError } from '../util/user-error.js';
import { GIVE_A_REGULAR_FILE, isSpecialFile, NOT_REGULAR } from '../util/write-file.js';
import { listInWords, showsNothing } from '../util/words.js';

type Ring = [number, number][];

export interface Area {
  name: string;
  /** The feature property the name was read from (the layer's #PROPERTY, or the one chosen). */
  property?: string;
  /** Named `area N` by its place in the file, no property naming it (areaWarnings says so). */
  numbered?: true;
  /** Every ring of every polygon of the feature, outer rings and holes alike. */
  rings: Ring[];
}

export interface BoundaryLayer {
  /** Column name the area gets in the analysis relation. */
  name: string;
  file: string;
  /** Feature property naming the area; chosen by loadBoundaries when not given. */
  property?: string;
}

/** The largest boundary file read: Node's strings hold at most 512 MiB. */
export const MAX_BOUNDARY_BYTES = 500 * 2 ** 20;

/**
 * Names compare loosely: case, spaces, punctuation and accents differ between a CAD export and a GIS layer.
 * A CAD export often drops accents a GIS layer keeps, and `Río Vista` against `Rio Vista` was no match,
 * its calls "not on the map" (tester 354): the combining marks NFD splits off a letter go too.
 */
export const areaKey = (v: string): string =>
  v
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** The longest layer name: it names a column and a file of the report. */
const LAYER_NAME_LENGTH = 64;

/**
 * `[name=]FILE[#property]`, the form of `--boundaries`: `neighborhood=Minneapolis_Neighborhoods.geojson#BDNAME`.
 * The name defaults to the file's base name, the property to loadBoundaries' choice.
 */
export function parseBoundarySpec(spec: string): BoundaryLayer {
  const m = /^(?:([A-Za-z_][A-Za-z0-9_]*)=)?(.*?)(?:#([^#]+))?$/.exec(spec.trim());
  // A path holding `#` is a file as it stands when one is there (it could not be given at all).
  const whole = m && m[3] !== undefined && existsSync(`${m[2]}#${m[3]}`);
  if (!m || !m[2] || m[2].endsWith('#'))
    throw new UserError(
      `--boundaries \`${spec}\` is not of the form [name=]FILE.geojson[#property].`,
      'for example --boundaries precinct=precincts.geojson#PRECINCT',
    );
  const file = whole ? `${m[2]}#${m[3]}` : m[2];
  const property = whole ? undefined : m[3];
  // `bad-name=FILE` would otherwise be read as a file named so.
  const named = /^([^=/\\]+)=/.exec(spec.trim());
  if (!m[1] && named && !existsSync(file))
    throw new UserError(
      `--boundaries \`${spec}\`: \`${named[1]}\` is not a usable layer name.`,
      'name a layer with letters, digits and underscores, starting with a letter: ward=wards.geojson.',
    );
  // `=FILE` was looked for as a file named so (tester 216).
  if (!m[1] && spec.trim().startsWith('=') && !existsSync(file))
    throw new UserError(
      `--boundaries \`${spec}\`: the layer name before \`=\` is empty.`,
      'name the layer, or give the file alone: ward=wards.geojson, or wards.geojson (named after the file).',
    );
  // A name becomes a file name (`calls_by_NAME.csv`): one of 300 characters failed to be written (tester 174).
  if (m[1] && m[1].length > LAYER_NAME_LENGTH)
    throw new UserError(
      `--boundaries: the layer name \`${m[1]}\` is ${m[1].length} characters long; a layer name is at most ${LAYER_NAME_LENGTH}.`,
      'give a short name: ward=wards.geojson.',
    );
  // Lower case, as a name taken from the file is: SQL names ignore case, so `Category=` clashed with the
  // calls' own category column and `Precinct=` escaped the rules for `precinct=`, with wrong tables.
  const name =
    m[1]?.toLowerCase() ??
    basename(file)
      .replace(/\.(geo)?json$/i, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .slice(0, LAYER_NAME_LENGTH)
      .replace(/^_+|_+$/g, '');
  // A column name begins with a letter (context.ts refuses others): `2023_precincts.geojson` was refused
  // there with "not a usable column name", though it is letters, digits and underscores (tester 270).
  if (!m[1] && /^[0-9]/.test(name)) {
    const lead = /^[0-9_]+/.exec(name)![0].replace(/_+$/, '');
    const rest = name.slice(lead.length).replace(/^_+/, '');
    const suggested = (rest ? `${rest}_${lead}` : `layer_${lead}`).slice(0, LAYER_NAME_LENGTH);
    throw new UserError(
      `--boundaries \`${spec}\`: the layer name \`${name}\`, taken from the file's name, begins with a digit; a layer name begins with a letter (it names a column of the analysis).`,
      `name the layer before the file: --boundaries ${suggested}=${file}${property ? `#${property}` : ''} (letters, digits and underscores, starting with a letter).`,
    );
  }
  return { name: name || 'area', file, ...(property ? { property } : {}) };
}

/** What a file that is not JSON is, from its first bytes: a GIS format given by mistake, or nothing known. */
function otherFormat(bytes: Buffer): string | undefined {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 9994) return 'a Shapefile (.shp)';
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return 'a gzip file (uncompress it first: `gunzip -k FILE`)';
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    return 'UTF-16 text (convert it to UTF-8 first: `iconv -f UTF-16 -t UTF-8 FILE > out.geojson`)';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'a zip archive (a zipped Shapefile, or KMZ)';
  const head = bytes.subarray(0, 512).toString('utf8').trimStart();
  if (/^<\?xml[^>]*>\s*<kml|^<kml/i.test(head)) return 'KML';
  if (/^<\?xml|^<gml|^<wfs/i.test(head)) return 'XML (GML or KML?)';
  const lines = head.split('\n', 3);
  if (!/^[{[]/.test(head) && lines.length > 1 && lines.slice(0, 2).every((l) => l.includes(',')))
    return 'a CSV file';
  return undefined;
}

function bad(file: string, what: string): UserError {
  return new UserError(
    `${file} is not usable boundary GeoJSON: ${what}.`,
    'give a GeoJSON FeatureCollection of Polygon or MultiPolygon features in longitude/latitude (EPSG:4326).',
  );
}

function ringOf(file: string, where: string, v: unknown, crs?: string): Ring {
  // Coordinates nested for the other type were "not a ring of at least 4 positions" (tester 216).
  if (Array.isArray(v) && Array.isArray(v[0]) && Array.isArray(v[0][0]))
    throw bad(
      file,
      `${where} holds rings where a ring of positions belongs: its coordinates are nested one level deeper than its type says${/ polygon \d+ ring \d+$/.test(where) ? '' : ' (a MultiPolygon\'s under "type": "Polygon"?)'}`,
    );
  if (Array.isArray(v) && typeof v[0] === 'number')
    throw bad(
      file,
      `${where} is a single position where a ring belongs: its coordinates are nested one level less than its type says${/ polygon \d+ ring \d+$/.test(where) ? ' (a Polygon\'s under "type": "MultiPolygon"?)' : ''}`,
    );
  if (!Array.isArray(v) || v.length < 4) throw bad(file, `${where} is not a ring of at least 4 positions`);
  const ring = v.map((p, i): [number, number] => {
    if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number')
      throw bad(
        file,
        `${where}, position ${i + 1} (${JSON.stringify(p)?.slice(0, 60) ?? String(p)}) is not [longitude, latitude] as two numbers`,
      );
    const [x, y] = p as [number, number];
    if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) {
      if (crs !== undefined && !(Math.abs(x) <= 90 && Math.abs(y) <= 180))
        // A declared projection is named, with the command that converts it (tester 78).
        throw new UserError(
          `${file} is not usable boundary GeoJSON: its coordinates are in ${crs}, as the file declares, not longitude/latitude (${where}, position ${i + 1}: ${x}, ${y}).`,
          `convert it to longitude/latitude, for example with GDAL: \`ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson ${file}\`.`,
        );
      throw bad(
        file,
        Math.abs(x) <= 90 && Math.abs(y) <= 180
          ? `${where}, position ${i + 1} (${x}, ${y}) reads as latitude, longitude: GeoJSON writes longitude first (the two swapped?)`
          : `${where}, position ${i + 1} (${x}, ${y}) is not a longitude/latitude (projected coordinates?)`,
      );
    }
    return [x, y];
  });
  // An open ring lacks the edge back to its start, and the even-odd test then counts the wrong side of it.
  const [x0, y0] = ring[0]!;
  const [xn, yn] = ring[ring.length - 1]!;
  if (x0 !== xn || y0 !== yn)
    throw new UserError(
      `${file} is not usable boundary GeoJSON: ${where} is not closed, its last position (${xn}, ${yn}) is not its first (${x0}, ${y0}).`,
      'end every ring with its first position again (GeoJSON, RFC 7946 3.1.6); GIS tools write rings so when they save GeoJSON.',
    );
  return ring;
}

/** A value that names an area: an empty name was an area of blank name beside the calls in none (tester 126). */
function names(value: unknown): boolean {
  // Zero-width characters show as nothing too (tester 130).
  return value !== null && value !== undefined && !(typeof value === 'string' && showsNothing(value));
}

/** A property's name as words joined by `_`: `CommName` is `Comm_Name`, `Modified By Name` is `Modified_By_Name`. */
const propertyWords = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/**
 * Words of a boundary property that names a person, beyond those ingest never loads (personalReason): the
 * staff an area's record lists (a precinct's liaison officer, a ward's council member; tester 281: a
 * director, a sheriff, a councillor, an agent, a point of contact), and an address, which the report
 * publishes only at block level. Tester 289: a mayor, an author, a director, captain, lieutenant or
 * sergeant abbreviated (`Dir`, `Capt`, `Lt`, `Sgt`), an executive, whoever last changed the record
 * (`Modified_By`, `Updated_By`), an owner or a contact; the short ones as whole words only.
 */
const AREA_PERSON =
  /liaison|commander|captain|inspector|sergeant|lieutenant|(^|_)chief(_|$)|council_?(member|person|or|lor)|councill?or|alder(man|woman|person)|representative|coordinator|supervisor|director|sheriff|(^|_)(agent|poc|cmdr|rep|officer|mgr|emp|admin|administrator|chair|head|lead|staff|steward|responsible|user|editor|cm)(_|$)|dept_?head|department_?head|manager|employee|assigned_?to|created_?by|edited_?by|last_?edit|address|(^|_)street(_|$)|(^|_)(mayor|author|dir|exec|executive|capt|lt|lieut|sgt|cpl|det|ofc|owner|contact|judge|clerk|commissioner|deputy|trustee|president|secretary|creator)(_|$)|(modified|updated|changed)_?by/i;
/** `NAME`, `BDNAME`, `CommName` name an area in a boundary layer; a first, last or full name is a person's. */
const PERSON_NAME = /first|last|given|surname|family|full_?name|middle|maiden|nick/i;
/**
 * Values that are a way to reach a person: an e-mail address, a telephone number written as one
 * (`612-555-0100`, `(612) 555 0100`, `+1 612...`). Tester 289: a local number with its extension
 * (`555-0101 x12`, `ext. 12`) and an address written to escape harvesters, `mlopez at city.gov`.
 */
const CONTACT_VALUE: RegExp[] = [
  /[^\s@]+\s?[@\uFF20]\s?[^\s@]+\.[A-Za-z]{2,}|(^|[^0-9])(\+?1[\s.-]?)?(\([0-9]{3}\)\s?|[0-9]{3}[\s./-])[0-9]{3}[\s.-][0-9]{4}([^0-9]|$)|^\s*\+[0-9][0-9\s().-]{6,}[0-9]\s*$|^\s*[0-9]{3}[\s.-][0-9]{4}\s*$|^\s*[0-9]{10}\s*$|\s(at|AT)\s\S+\s(dot|DOT)\s/,
  /(^|[^0-9])[0-9]{3}[\s.-][0-9]{4}\s*,?\s*(x|ext|extn|extension|#)\.?\s*[0-9]{1,6}\s*$/i,
  /[a-z0-9._%+-]+\s*(\sat\s|\[at\]|\(at\))\s*[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}([^a-z0-9.]|$)/i,
];
/** Words that name a place, not a person, in a value written `Hennepin County, Minnesota` or `Powderhorn, East`. */
const PLACE_WORD =
  /\b(north|south|east|west|central|upper|lower|greater|inner|outer|county|parish|borough|city|town|township|village|heights|park|hills?|lakes?|square|center|centre|island|falls|springs|valley|beach|harbou?r|creek|river|point|station|ward|district|zone|area|precinct|beat|sector|corridor|downtown|uptown|state|province|usa|us)\b/i;
/**
 * Values that read as a person's other data (tester 283), each said by what it looks like: a social
 * security number, a date (of birth), a name after a title (`Officer Jane Doe`, `Dr. James Brown`).
 * Tester 289, all taken under `Area_Name` and printed: titles in any case (`officer Maria Lopez`) and more
 * of them (`Council Member`, `Chief`, `Deputy`, `Mayor`, `Prof.`, `Rev.`, `Judge`, `Hon.`, `Sheriff`,
 * `Commander`, `Inspector`); a name written surname first (`Lopez, Maria`), but not a place so written;
 * a street address (a house number, then a street with its type: `350 S 5th St`), though not a block's
 * (`100 Block of Lake St`), which is what the report publishes; a social security number without dashes.
 * Setting a property aside only stops the guess, and says so, so a place caught here costs a `#PROPERTY`.
 */
const PERSON_VALUE: { what: string; test: (value: string) => boolean }[] = [
  {
    what: 'social security numbers',
    test: (v) =>
      /(^|[^0-9])[0-9]{3}-[0-9]{2}-[0-9]{4}([^0-9]|$)|^\s*[0-9]{9}\s*$|^\s*[0-9]{3}\s[0-9]{2}\s[0-9]{4}\s*$/.test(
        v,
      ),
  },
  {
    what: 'dates, of birth perhaps',
    test: (v) =>
      /(^|[^0-9])(19|20)[0-9]{2}-[01][0-9]-[0-3][0-9]([^0-9]|$)|(^|[^0-9])[01]?[0-9]\/[0-3]?[0-9]\/(19|20)[0-9]{2}([^0-9]|$)/.test(
        v,
      ),
  },
  {
    what: 'names after a title, such as Officer or Dr.',
    test: (v) =>
      /^\s*(officer|ofc|sgt|sergeant|lt|lieut|lieutenant|capt|captain|cmdr|comdr|commander|det|detective|insp|inspector|cpl|corporal|deputy|sheriff|chief|mayor|judge|hon|honou?rable|council\s*(member|woman|man|person|or|lor)|councill?or|alder(man|woman|person)|ald|commissioner|trooper|prof|professor|rev|reverend|pastor|dr|mr|mrs|ms|miss|mx)\.?\s+[a-z]/i.test(
        v,
      ),
  },
  {
    what: 'names written surname, comma, given name',
    test: (v) =>
      /^\s*[A-Z][A-Za-z'\u2019-]+(\s[A-Z][A-Za-z'\u2019-]+)?\s*,\s*([A-Z][a-z'\u2019-]+|[A-Z]{3,})(\s[A-Z]([A-Za-z'\u2019-]+|\.)?)?\s*$/.test(
        v,
      ) && !PLACE_WORD.test(v),
  },
  {
    what: 'street addresses',
    test: (v) =>
      /^\s*[0-9]+[a-z]?(-[0-9]+)?\s+(([nsew]|ne|nw|se|sw|north|south|east|west)\.?\s+)?([a-z0-9'.-]+\s+){1,4}(st|street|ave?|avenue|blvd|boulevard|rd|road|dr|drive|ln|lane|way|pl|place|ct|court|ter|terrace|pkwy|parkway|hwy|highway|cir|circle|mall|sq|square|trl|trail|pike|row|loop|aly|alley)\b/i.test(
        v,
      ) && !/\bblock\b/i.test(v),
  },
];

/**
 * Why a boundary property may not be guessed to name areas, or null: its name or its values say personal
 * data. Tester 270: with no name-like property, LIAISON (`Officer Jane Doe 0`) and PHONE were chosen, and
 * the public report printed them as area names. A value is said by its feature, never quoted: the note is
 * published too.
 */
function personalProperty(features: { properties: Record<string, unknown> }[], key: string): string | null {
  const words = propertyWords(key);
  // A hex or fishnet grid's `cell` is its cell's id, not a cell phone (tester 328: a grid of 100 cells was
  // numbered `area 1`...): its values are still looked at, a telephone number there is still one.
  const why = /^cell$/i.test(words) ? null : personalReason(key);
  if (
    (why !== null && why !== 'a name') ||
    AREA_PERSON.test(words) ||
    (why === 'a name' && PERSON_NAME.test(words))
  )
    return 'its name says a person or a way to reach one';
  const text = (f: { properties: Record<string, unknown> }) =>
    typeof f.properties[key] === 'string' || typeof f.properties[key] === 'number'
      ? String(f.properties[key])
      : '';
  const first = (test: (value: string) => boolean) => features.findIndex((f) => test(text(f)));
  const contact = first((v) => CONTACT_VALUE.some((re) => re.test(v)));
  if (contact >= 0)
    return `its values look like telephone numbers or e-mail addresses, the first in feature ${contact + 1}`;
  for (const { what, test } of PERSON_VALUE) {
    const i = first(test);
    if (i >= 0) return `its values look like ${what}, the first in feature ${i + 1}`;
  }
  return null;
}

/**
 * Whether a property is a measurement of the feature, never its name: tester 328, with one feature lacking
 * `PRECINCT`, the areas were named by `Shape_STArea__`, square feet (`96598675.9846299`). By its name (an
 * area, a length, a perimeter, acres, square feet...) when its values are numbers, since an `AREA` holding
 * `North` names areas; or by its values alone, when every one is a number with a fraction, as no name is.
 */
function measurement(features: { properties: Record<string, unknown> }[], key: string): boolean {
  const values = features.map((f) => f.properties[key]).filter(names);
  const numeric = (v: unknown) =>
    typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)));
  if (values.length === 0 || !values.every(numeric)) return false;
  const squashed = key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return MEASURE_NAME.test(squashed) || values.every((v) => !Number.isInteger(Number(v)));
}

/** Names of a measurement (as `measurement` squashes them: lower case, words joined by `_`). */
const MEASURE_NAME =
  /^(shape_?(st_?)?(area|len|leng|length|perim|perimeter)|st_?(area|length|perimeter)(_?shape)?|(gis_?|calc_?|land_?|water_?|total_?)?(area|areas|acres?|acreage|hectares?|perimeter|perim|len|length)(_?(sq_?)?(ft|feet|mi|miles|km|m|m2|km2|sqft|sqmi|ac|ha))?|sq_?(ft|feet|mi|miles|km|m)|square_?(feet|miles|kilometres|kilometers|metres|meters))$/;

/** A property not taken to name the areas though it comes first, and why, for the note that says so. */
interface Passed {
  key: string;
  why: string;
  /** What giving the property as `#PROPERTY` would take besides. */
  fix: 'fill' | 'together';
}

/** The property that names the areas: the layer's name, a usual name field, else the first unique one. */
function chooseProperty(
  features: { properties: Record<string, unknown> }[],
  layer: string,
): {
  property: string | undefined;
  /** The properties set aside as personal, when one of them would have been chosen. */
  personal: { key: string; why: string }[];
  /** Properties that would name the areas but for a feature lacking them or names repeating (tester 328). */
  passed: Passed[];
  /** Whether a property set aside as personal would have been chosen. */
  changed: boolean;
} {
  const all = [...new Set(features.flatMap((f) => Object.keys(f.properties)))].filter(
    (k) => !measurement(features, k),
  );
  const personal = all.flatMap((key) => {
    const why = personalProperty(features, key);
    return why === null ? [] : [{ key, why }];
  });
  const { property, passed } = guess(
    features,
    layer,
    all.filter((k) => !personal.some((p) => p.key === k)),
  );
  // Said only where they changed the choice, or none was made: a layer named by BDNAME needs no word on
  // its PHONE, and one numbered `area 1`... says what it passed over.
  const changed = guess(features, layer, all).property !== property;
  return { property, personal: property === undefined || changed ? personal : [], passed, changed };
}

function guess(
  features: { properties: Record<string, unknown> }[],
  layer: string,
  keys: string[],
): { property: string | undefined; passed: Passed[] } {
  const everywhere = (k: string) => features.every((f) => names(f.properties[k]));
  const unique = (k: string) =>
    new Set(features.map((f) => String(f.properties[k] ?? ''))).size === features.length && everywhere(k);
  // Why a property that would name the areas does not: tester 328, a layer whose `name` repeats (North,
  // North, South...) was named by its features' ids, and one lacking `PRECINCT` in a feature by its area
  // in square feet, without a word of either.
  const passed: Passed[] = [];
  const pass = (k: string) => {
    if (passed.some((p) => p.key === k)) return;
    const lacking = features.findIndex((f) => !names(f.properties[k]));
    if (lacking >= 0) {
      const v = features[lacking]!.properties[k];
      passed.push({
        key: k,
        why: `feature ${lacking + 1} ${typeof v === 'string' ? `has it empty` : 'lacks it'}`,
        fix: 'fill',
      });
      return;
    }
    const first = new Map<string, number>();
    for (const [i, f] of features.entries()) {
      const v = String(f.properties[k]);
      const j = first.get(v);
      if (j !== undefined)
        return void passed.push({
          key: k,
          why: `its names repeat (features ${j + 1} and ${i + 1} are both \`${v}\`)`,
          fix: 'together',
        });
      first.set(v, i);
    }
  };
  const found = (property: string | undefined) => ({ property, passed });
  // A property named like the layer names its areas even where names repeat: features of one name are one
  // area (a zone in two parts), as they are under FILE#PROPERTY.
  const own = keys.find((x) => x.toLowerCase() === layer.toLowerCase());
  if (own && everywhere(own)) return found(own);
  if (own) pass(own);
  const preferred = ['name', 'bdname', 'precinct', 'neighborhood', 'beat', 'district', 'label'];
  for (const p of preferred) {
    const k = keys.find((x) => x.toLowerCase() === p);
    if (k && unique(k)) return found(k);
    if (k) pass(k);
  }
  // Beyond those, only a property named like an area (`CommName`, `ZONE_LABEL`, `Ward_No`): the first
  // with a distinct value per feature had been taken whatever it named, a department head's name in a public
  // report among them (tester 283: `Dept_Head`, `Mgr`, `Created_By`... before `CommName`).
  const areaLike = keys.filter(namedLikeAnArea);
  const chosen =
    areaLike.find((k) => typeof features[0]?.properties[k] === 'string' && unique(k)) ??
    areaLike.find(unique);
  // With none chosen, those named like an area say why the areas are named by ids or numbers.
  if (chosen === undefined) areaLike.forEach(pass);
  return found(chosen);
}

/** Words of a property that names areas. */
const AREA_WORD =
  /name|area|zone|district|precinct|ward|beat|sector|neighbo|nbhd|hood|community|comm|region|division|label|tract|quadrant|station|city|town|county|place|block|grid|^cell$|^id$|_id$|code|num|no$/i;
/**
 * Whole words that say whose name a `..._Name` property is an area's: `Zone_Name`, `NBHD_NAME`, `CommName`,
 * `ZONENAME`. Whole, since `Commissioner` begins like `Comm` and `Warden` like `Ward`.
 */
const AREA_NAME_WORD =
  /^(areas?|zones?|districts?|dist|precincts?|pct|wards?|beats?|sectors?|neighbou?rhoods?|nbhds?|nbrhds?|hoods?|community|communities|comm|region|division|div|tract|quadrant|station|city|town|township|municipality|village|borough|county|place|block|grid|cells?|label)$/i;

/**
 * Whether a property is named like an area. Tester 289: `name` in AREA_WORD took `Mayor_Name`,
 * `Author_Name`, `Capt_Name`, `Updated_By_Name`... before a neutral `Zone_Code`, and the public report
 * printed them; a name is an area's only when the property is `name` alone or its other words are area
 * words (`BDNAME`, whose `BD` is none, is taken as a preferred name, before this). A number is no word: a
 * GADM layer names its areas `NAME_2`, the level.
 */
function namedLikeAnArea(key: string): boolean {
  const words = propertyWords(key).split('_');
  if (!words.some((w) => /name/i.test(w))) return AREA_WORD.test(key);
  return words
    .flatMap((w) => w.split(/name/i))
    .filter((w) => w !== '')
    .every((w) => AREA_NAME_WORD.test(w) || /^[0-9]+$/.test(w));
}

/** Reads a layer's areas; features that are not polygons (points, lines) are rejected, not skipped. */
export function loadBoundaries(layer: BoundaryLayer): Area[] {
  let bytes: Buffer;
  try {
    // A device has no end to read (tester 361).
    if (isSpecialFile(layer.file))
      throw new UserError(`Boundary file ${layer.file} ${NOT_REGULAR}.`, GIVE_A_REGULAR_FILE);
    // Read whole as one string, which Node caps at 512 MiB: a larger file ended in an internal error.
    const size = statSync(layer.file).size;
    if (size > MAX_BOUNDARY_BYTES)
      throw new UserError(
        `Boundary file ${layer.file} is ${Math.round(size / 2 ** 20)} MB; a boundary layer is read whole, up to ${MAX_BOUNDARY_BYTES / 2 ** 20} MB.`,
        `simplify its shapes (a city's areas need no centimetre detail), for example \`npx mapshaper ${layer.file} -simplify 10% -o simplified.geojson\` or \`ogr2ogr -simplify 0.00001 simplified.geojson ${layer.file}\`.`,
      );
    bytes = readFileSync(layer.file);
  } catch (e) {
    if (e instanceof UserError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new UserError(`Boundary file ${layer.file} does not exist.`, 'check the path.');
    if (code === 'EISDIR')
      throw new UserError(`Boundary file ${layer.file} is a folder.`, 'give the GeoJSON file in it.');
    throw e;
  }
  // An empty file is a failed download or export, not JSON cut short.
  if (bytes.toString('utf8').trim() === '')
    throw new UserError(
      `Boundary file ${layer.file} is empty.`,
      'download or export the GeoJSON again: the file has no content.',
    );
  let doc: unknown;
  try {
    // A byte-order mark, as some Windows tools write, is not JSON but says nothing about the content.
    doc = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    const other = otherFormat(bytes);
    if (other)
      throw new UserError(
        `${layer.file} is not GeoJSON: it looks like ${other.replaceAll('FILE', layer.file)}.`,
        `convert it to GeoJSON in longitude/latitude, for example with GDAL: \`ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson ${layer.file}\`, or by exporting GeoJSON from a GIS.`,
      );
    throw bad(layer.file, `not valid JSON (${(e as Error).message.replace(/\s+/g, ' ').slice(0, 120)})`);
  }
  const d = doc as { type?: string; features?: unknown };
  if (d?.type === 'Topology')
    throw new UserError(
      `${layer.file} is TopoJSON, not GeoJSON: its areas are arcs shared between features.`,
      `convert it to GeoJSON, for example with \`npx topojson-client\`'s topo2geo (\`topo2geo LAYER=out.geojson < ${layer.file}\`) or with GDAL: \`ogr2ogr -f GeoJSON out.geojson ${layer.file}\`.`,
    );
  // The CRS an older GeoJSON declares (RFC 7946 dropped the member; GIS tools still write it).
  const declared = (doc as { crs?: { properties?: { name?: unknown } } })?.crs?.properties?.name;
  const crs =
    typeof declared === 'string' ? declared.replace(/^urn:ogc:def:crs:/i, '').replace('::', ':') : undefined;
  const rawFeatures = d?.type === 'FeatureCollection' ? d.features : d?.type === 'Feature' ? [d] : undefined;
  if (Array.isArray(rawFeatures) && rawFeatures.length === 0)
    throw bad(layer.file, 'its FeatureCollection has no features');
  if (!Array.isArray(rawFeatures))
    throw bad(layer.file, `it is not a FeatureCollection with features: ${found(doc)}`);
  const propertiesOf = (f: unknown) =>
    ((f as { properties?: Record<string, unknown> })?.properties ?? {}) as Record<string, unknown>;
  const withProperties = rawFeatures.map((f: unknown) => ({ properties: propertiesOf(f) }));
  // Chosen before the geometries are read, so that a refusal names a feature by its area's name too.
  const chosen = layer.property
    ? { property: layer.property, personal: [], passed: [], changed: false }
    : chooseProperty(withProperties, layer.name);
  const property = chosen.property;
  const features = rawFeatures.map((f: unknown, i) => {
    const g = (f as { geometry?: { type?: string; coordinates?: unknown } })?.geometry;
    const properties = propertiesOf(f);
    const label = property ?? 'name';
    const where = `feature ${i + 1}${typeof properties[label] === 'string' || typeof properties[label] === 'number' ? ` (${label} ${String(properties[label])})` : ''}`;
    let rings: Ring[];
    if (g?.type === 'Polygon' && Array.isArray(g.coordinates))
      rings = g.coordinates.map((r, k) => ringOf(layer.file, `${where} ring ${k + 1}`, r, crs));
    else if (g?.type === 'MultiPolygon' && Array.isArray(g.coordinates))
      rings = g.coordinates.flatMap((poly, j) => {
        if (!Array.isArray(poly) || poly.length === 0)
          throw bad(layer.file, `${where} polygon ${j + 1} is not a list of rings`);
        return poly.map((r, k) => ringOf(layer.file, `${where} polygon ${j + 1} ring ${k + 1}`, r, crs));
      });
    else if (!g?.type)
      // RFC 7946 allows a feature without geometry; it holds no call, but is no area either.
      throw new UserError(
        `${layer.file} is not usable boundary GeoJSON: ${where} has no geometry.`,
        'remove that feature from the file, or give it its Polygon or MultiPolygon.',
      );
    else throw bad(layer.file, `${where} has geometry ${g.type}, not Polygon or MultiPolygon`);
    if (rings.length === 0) throw bad(layer.file, `${where} has a ${g.type} with no coordinates`);
    const id = (f as { id?: unknown })?.id;
    return {
      properties,
      rings,
      id: typeof id === 'string' || typeof id === 'number' ? String(id) : undefined,
    };
  });
  if (layer.property && !features.some((f) => layer.property! in f.properties))
    throw new UserError(
      `Boundary file ${layer.file} has no property \`${layer.property}\`.`,
      `its properties are: ${[...new Set(features.flatMap((f) => Object.keys(f.properties)))].join(', ')}.`,
    );
  // A feature the named property leaves unnamed would be shown as `area N`, a name nobody can look up.
  const unnamed = layer.property ? features.findIndex((f) => !names(f.properties[layer.property!])) : -1;
  if (unnamed >= 0)
    throw new UserError(
      `Boundary file ${layer.file}: feature ${unnamed + 1}${typeof features[unnamed]!.properties[layer.property!] === 'string' ? `'s \`${layer.property}\` is empty; it is` : ` has no \`${layer.property}\`,`} the property that names the areas.`,
      `give every feature a \`${layer.property}\`, or name the areas by another property (FILE#PROPERTY).`,
    );
  // An object or a list as a name read `[object Object]`, and merged every feature so named into one area.
  const odd =
    property === undefined
      ? -1
      : features.findIndex(
          (f) => typeof f.properties[property] === 'object' && f.properties[property] !== null,
        );
  if (odd >= 0)
    throw new UserError(
      `Boundary file ${layer.file}: feature ${odd + 1}'s \`${property}\`, the property that names the areas, is ${Array.isArray(features[odd]!.properties[property!]) ? 'a list' : 'an object'}, not a name.`,
      'name the areas by a property whose values are text or numbers (FILE#PROPERTY).',
    );
  // With no property to name them, the features' own ids (RFC 7946), when every feature has its own, are
  // names a GIS shows; `area N` by place in the file is a name nobody can look up (tester 78).
  const byId =
    property === undefined &&
    features.every((f) => f.id !== undefined) &&
    new Set(features.map((f) => f.id)).size === features.length;
  const areas: Area[] = features.map((f, i) =>
    property !== undefined && names(f.properties[property])
      ? { name: String(f.properties[property]), property, rings: f.rings }
      : byId
        ? { name: f.id!, property: '(feature id)', rings: f.rings }
        : { name: `area ${i + 1}`, rings: f.rings, numbered: true },
  );
  const none = areas.findIndex((a) => a.name === '(none)');
  if (none >= 0)
    throw new UserError(
      `Boundary file ${layer.file}: feature ${none + 1} is named \`(none)\`, the name of calls in no area, with which it would merge.`,
      'rename that feature, or name the areas by another property (FILE#PROPERTY).',
    );
  const notes: string[] = [];
  // A projected CRS declared over coordinates that all read as degrees (every one passed ringOf's
  // check) was accepted without a word (tester 256): the file was converted and its `crs` left behind,
  // or it was never converted and its coordinates are something else. The opposite, degrees declared over
  // projected coordinates, is refused in ringOf.
  if (crs !== undefined && !GEOGRAPHIC_CRS.test(crs))
    notes.push(
      `${layer.file} (layer ${layer.name}) declares its coordinates to be in ${crs}, a projection in metres, but every one of them reads as longitude/latitude in degrees, as they were taken: check that its areas lie where they should, and remove or correct its \`crs\` member (GeoJSON is longitude/latitude, EPSG:4326).`,
    );
  const spec = (key: string) => `${layer.name}=${layer.file}#${key}`;
  // How the areas are named, when not by a property: `1`, `2`... by ids, `area 1`... by place.
  const byWhat = byId
    ? `the features' ids, ${areas
        .slice(0, 2)
        .map((a) => `\`${a.name}\``)
        .join(', ')}... (\`(feature id)\` in analysis.json)`
    : '`area 1`, `area 2`... by their place in the file';
  // Properties passed over are said with the fix each needs (tester 328: none was, the areas named by ids).
  const passed = layer.property ? [] : chosen.passed;
  if (passed.length) {
    const each = passed.map(
      (p) =>
        `${p.why}; ${p.fix === 'fill' ? `fill it in for that feature and give ${spec(p.key)}` : `give ${spec(p.key)} to count the features of one name together as one area`}`,
    );
    const instead =
      property !== undefined
        ? `its property \`${property}\` (guessed; give ${spec('PROPERTY')} to choose)`
        : byWhat;
    notes.push(
      passed.length === 1
        ? `The property \`${passed[0]!.key}\` of ${layer.file} (layer ${layer.name}) was passed over to name its areas: ${each[0]}. Instead the areas are named by ${instead}.`
        : `The properties ${listInWords(passed.map((p, i) => `\`${p.key}\` (${each[i]})`))} of ${layer.file} (layer ${layer.name}) were passed over to name its areas. Instead the areas are named by ${instead}.`,
    );
  } else if (!layer.property && byId)
    // Tester 328: features without properties, or with `null` for them, were named by their ids unsaid.
    notes.push(
      `The areas of ${layer.file} (layer ${layer.name}) are named by ${byWhat}: ${
        features.every((f) => Object.keys(f.properties).length === 0)
          ? 'its features have no properties'
          : 'none of its properties names every feature apart and is named like an area (`name`, `PRECINCT`, `Zone_Code`...)'
      }. To name them by a property, give ${spec('PROPERTY')}.`,
    );
  // A guessed property is said (tester 270), unless it is the obvious one: named `name` or like the layer.
  if (
    !layer.property &&
    !passed.length &&
    property !== undefined &&
    ![`name`, layer.name.toLowerCase()].includes(property.toLowerCase())
  )
    notes.push(
      `The areas of ${layer.file} (layer ${layer.name}) are named by its property \`${property}\` (guessed; give ${layer.name}=${layer.file}#PROPERTY to choose).`,
    );
  // Grouped by why: `LIAISON`, `PHONE` and `EMAIL` (their names say...).
  const setAside = [...new Set(chosen.personal.map((p) => p.why))].map((why) => {
    const keys = chosen.personal.filter((p) => p.why === why).map((p) => `\`${p.key}\``);
    return `${listInWords(keys)} (${keys.length > 1 ? why.replace(/^its (\w+) says/, 'their $1s say').replace(/^its/, 'their') : why})`;
  });
  if (chosen.changed && areas.some((a) => a.numbered)) setAsideNumbered.add(areas);
  if (setAside.length)
    notes.push(
      `The propert${chosen.personal.length > 1 ? 'ies' : 'y'} ${setAside.join('; ')} of ${layer.file} (layer ${layer.name}) ${chosen.personal.length > 1 ? 'look like personal data and were' : 'looks like personal data and was'} not taken to name its areas, since the report publishes area names. To name them by one all the same, give ${layer.name}=${layer.file}#PROPERTY.`,
    );
  // Named by the user, a property that reads as personal data is taken, and said: a public report printed
  // the telephone numbers of `#Tel` without a word (tester 283).
  const chosenWhy = layer.property ? personalProperty(withProperties, layer.property) : null;
  if (chosenWhy)
    notes.push(
      `The property \`${layer.property}\` of ${layer.file} (layer ${layer.name}), given to name its areas, looks like personal data (${chosenWhy}): the report publishes area names, the public edition too. Check that it names no one and no way to reach anyone, or name the areas by another property.`,
    );
  notes.push(...duplicateNotes(layer, areas));
  if (notes.length) readNotes.set(areas, notes);
  return areas;
}

/** What a file that is no FeatureCollection is, for the refusal: `its "type" is "Polygon"`. */
function found(doc: unknown): string {
  if (Array.isArray(doc)) return 'it is a JSON list, not an object';
  if (doc === null || typeof doc !== 'object')
    return `it is a JSON ${doc === null ? 'null' : typeof doc}, not an object`;
  const d = doc as { type?: unknown; features?: unknown };
  if (d.type === 'FeatureCollection') return 'its `features` is not a list';
  if (d.type === undefined)
    return Array.isArray(d.features)
      ? 'it has a `features` list but no `"type": "FeatureCollection"`'
      : 'it has no `type`';
  const type = JSON.stringify(d.type).slice(0, 60);
  if (typeof d.type === 'string' && GEOMETRY_TYPES.includes(d.type))
    return `its \`type\` is ${type}, a bare geometry (put it in a Feature, in a FeatureCollection, or export the layer again as GeoJSON)`;
  return `its \`type\` is ${type}, not "FeatureCollection"${typeof d.type === 'string' && /^feature/i.test(d.type) ? ' (misspelt?)' : ''}`;
}

const GEOMETRY_TYPES = [
  'Polygon',
  'MultiPolygon',
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'GeometryCollection',
];

/**
 * Features of one name, compared as the report's map compares them (areaKey), are one area: counted
 * together and drawn with one figure. Right for an area in parts; two areas under one name (m_dup: the
 * second precinct renamed `1`) had one's calls counted and drawn on the other's territory, unsaid (tester 270).
 */
/** Names shared by features said one note each up to this many, in one note beyond. */
const MOST_DUPLICATE_NOTES = 3;

function duplicateNotes(layer: BoundaryLayer, areas: readonly Area[]): string[] {
  const byKey = new Map<string, number[]>();
  areas.forEach((a, i) => {
    if (a.numbered) return;
    byKey.set(areaKey(a.name), [...(byKey.get(areaKey(a.name)) ?? []), i]);
  });
  const shared = [...byKey.values()].filter((ix) => ix.length > 1);
  const spellings = (ix: number[]) => [...new Set(ix.map((i) => areas[i]!.name))].map((n) => `\`${n}\``);
  const by = areas.find((a) => !a.numbered)?.property;
  const property = by ? ` (property \`${by}\`)` : '';
  const fix = `name the areas by a property unique to each: ${layer.name}=${layer.file}#PROPERTY.`;
  // Names one apart from another only in case or punctuation are counted apart, names shared counted
  // together: said apart, as the tables do. Tester 328: beyond three, the four pairs `A-1`/`A1`... (and a
  // grid's `z1_10`/`z11_0`, alike once squashed) were said to count as one area, though counted apart.
  const spelt = shared.filter((ix) => spellings(ix).length > 1);
  const same = shared.filter((ix) => spellings(ix).length === 1);
  const featureList = (ix: number[]) =>
    ix.length > 5
      ? `${ix
          .slice(0, 5)
          .map((i) => String(i + 1))
          .join(', ')} and more`
      : listInWords(ix.map((i) => String(i + 1)));
  const notes: string[] = [];
  // Many names each shared (the synthetic city's 40 neighbourhoods given as its 20 beats) were a note each,
  // twenty alike (tester 281): one, naming the first few.
  if (same.length > MOST_DUPLICATE_NOTES) {
    const named = same
      .slice(0, MOST_DUPLICATE_NOTES)
      .map((ix) => `\`${areas[ix[0]!]!.name}\` (features ${featureList(ix)})`);
    notes.push(
      `${same.length.toLocaleString('en-US')} names are each given to several features of ${layer.file} (layer ${layer.name}), such as ${listInWords(named)}: features of one name count as one area, drawn as one, right for an area in several parts; but if the file holds other areas than its names say (a layer of smaller areas named after the larger ones they lie in), each name's calls are counted together. Check that the file holds the areas the layer is named for, or ${fix}`,
    );
  } else
    for (const ix of same) {
      const shown = ix.slice(0, 10).map((i) => String(i + 1));
      notes.push(
        `Features ${listInWords(shown)}${ix.length > 10 ? ` (and ${ix.length - 10} more)` : ''} of ${layer.file} (layer ${layer.name}) have the name ${spellings(ix)[0]}${property} and count as one area, drawn as one: right for one area in several parts, but if they are different areas, one's calls are counted and drawn on the other's territory. Give each area its own name in the file, or ${fix}`,
      );
    }
  // Names apart only in case or punctuation are counted apart, and the map, which compares names so,
  // drew both with one's count (tester 281: the note said "count as one area").
  if (spelt.length > MOST_DUPLICATE_NOTES) {
    const named = spelt
      .slice(0, MOST_DUPLICATE_NOTES)
      .map((ix) => `${listInWords(spellings(ix))} (features ${featureList(ix)})`);
    notes.push(
      `${spelt.length.toLocaleString('en-US')} sets of names of ${layer.file} (layer ${layer.name}) differ only in case, spaces or punctuation${property}, such as ${named.join(', ')}: the tables count them as areas apart, but the report's map, which compares names so, draws each set as one with one of their counts. Give each area one spelling in the file, or ${fix}`,
    );
  } else
    for (const ix of spelt) {
      const shown = ix.slice(0, 10).map((i) => String(i + 1));
      notes.push(
        `Features ${listInWords(shown)}${ix.length > 10 ? ` (and ${ix.length - 10} more)` : ''} of ${layer.file} (layer ${layer.name}) have names that differ only in case, spaces or punctuation, ${listInWords(spellings(ix))}${property}: the tables count them as areas apart, but the report's map, which compares names so, draws them as one with one of their counts. Give each area one spelling in the file, or ${fix}`,
      );
    }
  return notes;
}

/** CRS names of longitude/latitude in degrees: OGC's CRS84 (and 83, 27) and EPSG's geographic codes 4000-4999. */
const GEOGRAPHIC_CRS = /^(OGC:(1\.3:)?CRS(84|83|27)|EPSG:4\d{3})$/i;

/**
 * Notes on a layer as read (loadBoundaries: its crs, its guessed or passed-over properties, names shared by
 * features) and as joined (joinAreas), for areaWarnings. Kept beside the
 * objects, not in them: a join's fields are what analysis.json's `areas` gives (analyze.ts spreads them).
 */
const readNotes = new WeakMap<Area[], string[]>();
/**
 * Layers numbered `area 1`... though a property names every feature apart, set aside as personal data: the
 * note on numbering said no property did, and the next note named one that does (tester 328).
 */
const setAsideNumbered = new WeakSet<Area[] | AreaJoin>();

/**
 * The notes on a layer as read (crs, guessed or passed-over property, shared names): joinAreas gives them
 * to areaWarnings; a layer that only draws the report's map (named after a store area field) is never
 * joined, and its caller says them itself.
 */
export const boundaryNotes = (areas: Area[]): string[] => readNotes.get(areas) ?? [];
const joinNotes = new WeakMap<AreaJoin, string[]>();
/** Of a join's notes, those of the layer as read (boundaryNotes), which name no count. */
const namingNotes = new WeakMap<AreaJoin, string[]>();

/** A bounding box in degrees. */
interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boxOf(points: Iterable<readonly [number, number]>): Box {
  const b = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const [x, y] of points) {
    b.minX = Math.min(b.minX, x);
    b.maxX = Math.max(b.maxX, x);
    b.minY = Math.min(b.minY, y);
    b.maxY = Math.max(b.maxY, y);
  }
  return b;
}

/**
 * Kilometres between two boxes' nearest edges (0 when they overlap), longitude scaled at their middle
 * latitude: a rough figure, which is all a note on a feature hundreds of kilometres off needs.
 */
function boxKm(a: Box, b: Box): number {
  const dx = Math.max(0, a.minX - b.maxX, b.minX - a.maxX);
  const dy = Math.max(0, a.minY - b.maxY, b.minY - a.maxY);
  const mid = (Math.max(a.minY, b.minY) + Math.min(a.maxY, b.maxY)) / 2;
  return Math.hypot(dx * 111.32 * Math.cos((mid * Math.PI) / 180), dy * 110.57);
}

/**
 * The least distance, in km, at which a feature holding no call is far from those holding calls (tester
 * 256); farther than their box's own diagonal too, so a layer of country-sized shapes is judged at its scale.
 */
const FAR_KM = 50;

interface Edge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  area: number;
}

export class PolygonIndex {
  readonly minX: number;
  readonly minY: number;
  readonly nx: number;
  readonly ny: number;
  readonly cw: number;
  readonly ch: number;
  private readonly bands: Edge[][];
  /** Per cell: -2 when an edge touches it (exact test needed), else the area index, or -1 for none. */
  readonly cells: Int32Array;
  private readonly parity: Uint8Array;

  constructor(
    readonly areas: Area[],
    gridSize?: number,
  ) {
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let edges = 0;
    for (const a of areas)
      for (const r of a.rings) {
        edges += r.length;
        for (const [x, y] of r) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    // About as many cells per side as the square root of the edge count keeps bands short and the grid small.
    const n = gridSize ?? Math.max(16, Math.min(1024, Math.ceil(Math.sqrt(edges) * 2)));
    this.nx = n;
    this.ny = n;
    // A sliver of padding so points on the bounding box's far edge still fall in the last cell.
    const padX = (maxX - minX) * 1e-9 + 1e-12;
    const padY = (maxY - minY) * 1e-9 + 1e-12;
    this.minX = minX - padX;
    this.minY = minY - padY;
    this.cw = (maxX - minX + 2 * padX) / n;
    this.ch = (maxY - minY + 2 * padY) / n;
    this.bands = Array.from({ length: n }, () => []);
    this.cells = new Int32Array(n * n).fill(-3);
    this.parity = new Uint8Array(areas.length);
    areas.forEach((a, ai) => {
      for (const r of a.rings)
        for (let i = 0; i + 1 < r.length; i++) {
          const [x1, y1] = r[i]!;
          const [x2, y2] = r[i + 1]!;
          const e = { x1, y1, x2, y2, area: ai };
          const [cx1, cx2] = [this.cx(Math.min(x1, x2)), this.cx(Math.max(x1, x2))];
          const [cy1, cy2] = [this.cy(Math.min(y1, y2)), this.cy(Math.max(y1, y2))];
          for (let cy = cy1; cy <= cy2; cy++) {
            this.bands[cy]!.push(e);
            for (let cx = cx1; cx <= cx2; cx++) this.cells[cy * n + cx] = -2;
          }
        }
    });
    for (let cy = 0; cy < n; cy++)
      for (let cx = 0; cx < n; cx++) {
        const k = cy * n + cx;
        if (this.cells[k] === -3)
          this.cells[k] = this.exact(this.minX + (cx + 0.5) * this.cw, this.minY + (cy + 0.5) * this.ch);
      }
  }

  cx(x: number): number {
    return Math.min(this.nx - 1, Math.max(0, Math.floor((x - this.minX) / this.cw)));
  }

  cy(y: number): number {
    return Math.min(this.ny - 1, Math.max(0, Math.floor((y - this.minY) / this.ch)));
  }

  /** Even-odd test against the edges of the point's band; the first area (file order) containing it wins. */
  private exact(x: number, y: number): number {
    const band = this.bands[this.cy(y)]!;
    this.parity.fill(0);
    for (const e of band)
      if (e.y1 > y !== e.y2 > y && x < ((e.x2 - e.x1) * (y - e.y1)) / (e.y2 - e.y1) + e.x1)
        this.parity[e.area]! ^= 1;
    return this.parity.indexOf(1);
  }

  /** Index of the area containing (x = lon, y = lat), or -1. */
  locate(x: number, y: number): number {
    if (!(
      x >= this.minX &&
      y >= this.minY &&
      x < this.minX + this.nx * this.cw &&
      y < this.minY + this.ny * this.ch
    ))
      return -1;
    const c = this.cells[this.cy(y) * this.nx + this.cx(x)]!;
    return c === -2 ? this.exact(x, y) : c;
  }
}

export interface AreaJoin {
  /** Column name in the analysis relation. */
  name: string;
  /** Relation (lat, lon, area): one row per distinct point of the calls. */
  relation: string;
  file: string;
  /** Areas: distinct names, features of one name being one area. */
  areas: number;
  /** Distinct points, those inside an area, and those on no polygon. */
  points: number;
  located: number;
  unlocated: number;
  /** Areas named `area N`, for want of a property naming every feature. */
  numbered: number;
  /** The feature property that names the areas, chosen when the layer names none (null: none did). */
  property: string | null;
}

/**
 * What a layer left unplaced of the period's calls (`placed`: analysis context's layerPoints; the join
 * counts the store's, tester 189), for the run's notes: calls there count under no area.
 */
export function areaWarnings(
  joins: readonly AreaJoin[],
  placed: readonly { name: string; points: number; unlocated: number }[],
): string[] {
  return joins.flatMap((j) => {
    const p = placed.find((x) => x.name === j.name) ?? { points: 0, unlocated: 0 };
    const n = (x: number) => x.toLocaleString('en-US');
    return [
      ...(p.points === 0
        ? [
            `No call of the period has a point, so none is placed in the polygons of ${j.file} (layer ${j.name}): every call counts as having no ${j.name}.`,
          ]
        : p.unlocated === p.points
          ? [
              `None of the ${n(p.points)} places where the period's calls were received falls in any of the polygons of ${j.file} (layer ${j.name}): every call counts as having no ${j.name}.`,
            ]
          : p.unlocated > 0
            ? [
                `${n(p.unlocated)} of the ${n(p.points)} places where the period's calls were received fall in none of the polygons of ${j.file} (layer ${j.name}); their calls count as having no ${j.name}.`,
              ]
            : []),
      ...numberedNote(j),
      ...(joinNotes.get(j) ?? []),
    ];
  });
}

/** The note on a layer whose areas are numbered by their place in the file, no property naming them. */
function numberedNote(j: AreaJoin): string[] {
  return j.numbered > 0
    ? [
        `${j.numbered.toLocaleString('en-US')} areas of ${j.file} (layer ${j.name}) are named \`area 1\`, \`area 2\`... by their place in the file: ${setAsideNumbered.has(j) ? 'the property that would give every feature a name of its own looks like personal data, and was set aside (said in a note below)' : 'no property gives every feature a name of its own'}. Name them by one of its properties: ${j.name}=${j.file}#PROPERTY (features sharing a name are then one area).`,
      ]
    : [];
}

/**
 * The notes on how a layer's areas are named, for a public edition too: they hold no count of calls, and
 * the public run said none of them, so its analyst could not see which property named the areas it
 * publishes (tester 281: a director's name), nor why they read `area 1`.
 */
export function areaNamingWarnings(
  joins: readonly AreaJoin[],
  /** Layers that only draw the map, never joined: their notes as read (tester 283: a shared name left out). */
  mapOnly: readonly { layer: BoundaryLayer; areas: Area[] }[] = [],
): string[] {
  // The file by its name alone: its folder can name the analyst (tester 283: /home/jsmith/...).
  const named = (file: string, notes: string[]) => notes.map((n) => n.replaceAll(file, basename(file)));
  return [
    ...joins.flatMap((j) => named(j.file, [...numberedNote(j), ...(namingNotes.get(j) ?? [])])),
    ...mapOnly.flatMap((b) => named(b.layer.file, boundaryNotes(b.areas))),
  ];
}

/**
 * Builds the relation `_sg_area_<name>` (lat, lon, area) over the distinct points of `calls`; context.ts
 * joins it on (lat, lon).
 */
export async function joinAreas(
  conn: DuckDBConnection,
  layer: BoundaryLayer,
  calls = 'calls',
  /** The layer's polygons, when the caller has read them already. */
  areas: Area[] = loadBoundaries(layer),
): Promise<AreaJoin> {
  const index = new PolygonIndex(areas);
  const rel = ident(`_sg_area_${layer.name}`);
  // Literals as DOUBLE so SQL computes the very cell JavaScript would (a DECIMAL literal could round apart).
  const d = (v: number) => `CAST('${v}' AS DOUBLE)`;
  const cellCase = `CAST(least(${index.nx - 1}, greatest(0, floor((lon - ${d(index.minX)}) / ${d(index.cw)}))) AS INTEGER)
    + ${index.nx} * CAST(least(${index.ny - 1}, greatest(0, floor((lat - ${d(index.minY)}) / ${d(index.ch)}))) AS INTEGER)`;
  const inBox = `lon >= ${d(index.minX)} AND lat >= ${d(index.minY)} AND lon < ${d(index.minX + index.nx * index.cw)}
    AND lat < ${d(index.minY + index.ny * index.ch)}`;

  await conn.run(`CREATE OR REPLACE TABLE _sg_cells (cell INTEGER, area VARCHAR)`);
  const cellAppender = await conn.createAppender('_sg_cells');
  index.cells.forEach((c, k) => {
    if (c === -2) return;
    cellAppender.appendInteger(k);
    if (c >= 0) cellAppender.appendVarchar(areas[c]!.name);
    else cellAppender.appendNull();
    cellAppender.endRow();
  });
  cellAppender.closeSync();

  await conn.run(
    `CREATE OR REPLACE TABLE _sg_points AS
     SELECT lat, lon, CASE WHEN ${inBox} THEN ${cellCase} END AS cell
     FROM (SELECT DISTINCT lat, lon FROM ${calls} WHERE lat IS NOT NULL AND lon IS NOT NULL)`,
  );
  await conn.run(`CREATE OR REPLACE TABLE ${rel} (lat DOUBLE, lon DOUBLE, area VARCHAR)`);
  await conn.run(
    `INSERT INTO ${rel} SELECT p.lat, p.lon, c.area FROM _sg_points p LEFT JOIN _sg_cells c USING (cell)
     WHERE p.cell IS NULL OR c.cell IS NOT NULL`,
  );
  // Points in cells an edge crosses get the exact test; a fine grid keeps them a small share of all points.
  const reader = await conn.runAndReadAll(
    `SELECT p.lat, p.lon FROM _sg_points p ANTI JOIN _sg_cells c USING (cell) WHERE p.cell IS NOT NULL`,
  );
  const [lats, lons] = reader.getColumnsJS() as [number[], number[]];
  const appender = await conn.createAppender(`_sg_area_${layer.name}`);
  for (let i = 0; i < (lats?.length ?? 0); i++) {
    const a = index.locate(lons![i]!, lats[i]!);
    appender.appendDouble(lats[i]!);
    appender.appendDouble(lons![i]!);
    if (a >= 0) appender.appendVarchar(areas[a]!.name);
    else appender.appendNull();
    appender.endRow();
  }
  appender.closeSync();
  await conn.run('DROP TABLE _sg_points');
  await conn.run('DROP TABLE _sg_cells');
  const [q] = (
    await conn.runAndReadAll(
      `SELECT count(*)::DOUBLE AS n, count(area)::DOUBLE AS located, list_distinct(list(area)) AS held FROM ${rel}`,
    )
  ).getRowObjectsJS() as {
    n: number;
    located: number;
    // NULL where no call has a point: the refusal of such a store comes later (store-inputs.ts).
    held: (string | null)[] | null;
  }[];
  const join: AreaJoin = {
    name: layer.name,
    relation: rel,
    file: layer.file,
    areas: new Set(areas.map((a) => a.name)).size,
    points: q!.n,
    located: q!.located,
    unlocated: q!.n - q!.located,
    numbered: areas.filter((a) => a.numbered).length,
    property: areas.find((a) => a.property !== undefined)?.property ?? null,
  };
  const held = new Set((q!.held ?? []).filter((a): a is string => a !== null));
  namingNotes.set(join, boundaryNotes(areas));
  if (setAsideNumbered.has(areas)) setAsideNumbered.add(join);
  joinNotes.set(join, [
    ...boundaryNotes(areas),
    ...farFeatures(areas, (a) => held.has(a.name)).map((f) => farNote(layer, f)),
  ]);
  return join;
}

/** A feature holding no call far from every call's place (tester 256), with how far, and swapped how far. */
export interface FarFeature {
  /** Place in the file, from 1. */
  feature: number;
  name: string;
  km: number;
  /** Whether, its two coordinates swapped, it would lie among the calls' places. */
  swapped: boolean;
}

/**
 * Features holding no call that lie far from the box of the features holding some: farther than FAR_KM
 * and than that box's diagonal (the city's size). Tester 256: one feature of a city's layer with its
 * longitude and latitude swapped (New York's at latitude -73.9, in Antarctica), or one moved 1.5 degrees,
 * was accepted with no word beyond the count of places in no polygon, and the map, drawn to every feature,
 * shrank the city to a dot. The join's calls are the store's: a feature far from all of them is misplaced
 * whatever the period. None when no feature holds a call (the layer is then refused, or says so).
 */
export function farFeatures(areas: readonly Area[], holds: (a: Area) => boolean): FarFeature[] {
  const withCalls = areas.filter(holds);
  if (!withCalls.length) return [];
  const city = boxOf(withCalls.flatMap((a) => a.rings.flat()));
  // The box's diagonal: the distance between its south-west and north-east corners.
  const corner = (x: number, y: number): Box => ({ minX: x, minY: y, maxX: x, maxY: y });
  const limit = Math.max(FAR_KM, boxKm(corner(city.minX, city.minY), corner(city.maxX, city.maxY)));
  return areas.flatMap((a, i) => {
    if (holds(a)) return [];
    const box = boxOf(a.rings.flat());
    const km = boxKm(box, city);
    if (!(km > limit)) return [];
    const swapped = { minX: box.minY, minY: box.minX, maxX: box.maxY, maxY: box.maxX };
    return [{ feature: i + 1, name: a.name, km, swapped: boxKm(swapped, city) <= limit }];
  });
}

function farNote(layer: BoundaryLayer, f: FarFeature): string {
  const km = (v: number) => Math.round(v).toLocaleString('en-US');
  return `Feature ${f.feature} (\`${f.name}\`) of ${layer.file} (layer ${layer.name}) holds no call and lies ${km(f.km)} km from the features that hold calls: ${
    f.swapped
      ? 'with its two coordinates swapped it would lie among them, so its positions are most likely written latitude first. Correct that feature in the file (GeoJSON writes longitude first).'
      : 'it is most likely in the wrong place (moved, or from another layer). Check that feature in the file.'
  }`;
}
