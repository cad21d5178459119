/**
 * The synthetic city's geography: 5 precincts, 20 beats and 40 neighborhoods around (44.97, -93.26), a
 * street grid, and about 9,000 street blocks where calls happen. The map is the same for every seed (a
 * city does not move when the calls are re-drawn), so boundary files and reference figures stay stable.
 *
 * Areas are unions of the 80 cells of a 10 x 8 grid whose corners and edge midpoints are jittered; cells
 * share vertex ids, so unions are traced exactly and areas tile the city with no gap or overlap.
 * Each block is a point (the middle of a street segment, as cities blur call locations to the block); its
 * precinct, beat and neighborhood are found by point-in-polygon once, when the map is built, and blocks
 * too close to a boundary are left out so that rounding to 6 decimals can never move a point across one.
 */
import { AliasTable, Rng } from './random.js';
import { distanceToRing, pointInRing, unionOutlines, type Cell, type Point, type Ring } from './geometry.js';
import { csvField } from './write-csv.js';

export const CITY_CENTRE: Point = [-93.26, 44.97];
const COLS = 10;
const ROWS = 8;
const WEST = -93.33;
const SOUTH = 44.9;
const DX = 0.014;
const DY = 0.0175;

/** Precinct of each 2 x 2 block of cells ("beat"), north row first, west to east. */
const PRECINCT_OF_BEAT = [
  ['4', '4', '2', '2', '2'],
  ['4', '4', '1', '1', '2'],
  ['5', '5', '1', '1', '3'],
  ['5', '5', '3', '3', '3'],
];

/** How each beat splits into its two neighborhoods: v = west/east, h = south/north, x = diagonal pairs. */
const SPLIT_OF_BEAT = [
  ['v', 'h', 'v', 'h', 'v'],
  ['h', 'v', 'h', 'v', 'h'],
  ['v', 'h', 'v', 'v', 'v'],
  ['h', 'v', 'x', 'v', 'h'],
];

/** Neighborhood names, two per beat, in beat order (precinct, then beat letter). */
const NEIGHBORHOOD_NAMES = [
  // precinct 1 (downtown)
  'Downtown West',
  'Downtown East',
  'Mill Quarter',
  'Warehouse District',
  'Loring Hill',
  'Elliot Flats',
  'Stevens Square',
  'Cedar Bluff',
  // precinct 2 (northeast)
  'Marshall Terrace',
  'Bottineau',
  'Holland Heights',
  'Logan Park',
  'Como Heights',
  'University Flats',
  "St. Anthony's Landing",
  'Beltrami',
  // precinct 3 (southeast)
  'Seward Bend',
  'Hiawatha Yards',
  'Longfellow Park',
  'Minnehaha Falls',
  'Nokomis Shores',
  'Ericsson',
  'Río Vista',
  'Corcoran',
  // precinct 4 (northwest)
  'Victory Hill',
  'Linden Grove',
  'Birch Hollow',
  'Oak Ridge',
  'North Commons',
  'Sumner Field',
  'Bassett Creek',
  'Harrison Park',
  // precinct 5 (southwest)
  'Lake Harriet',
  'Fulton Woods',
  'Linden Hills',
  'Kingfield',
  'Lynnhurst',
  'Armatage',
  'Windom Park',
  'Tangletown',
];

const WEST_AVENUES = [
  'ALDER',
  'ASPEN',
  'BALSAM',
  'BIRCH',
  'CATALPA',
  'CEDAR',
  'CHERRY',
  'CYPRESS',
  'DOGWOOD',
  'ELM',
  'FIR',
  'GINKGO',
  'HAZEL',
  'HEMLOCK',
  'HICKORY',
  'HOLLY',
  'JUNIPER',
  'LARCH',
  'LINDEN',
  'LOCUST',
  'MAGNOLIA',
  'MAPLE',
  'OAK',
  'PINE',
  'POPLAR',
  'REDWOOD',
  'SPRUCE',
  'SYCAMORE',
  'TAMARACK',
  'WALNUT',
];

const NORTH_STREETS = [
  'ADAMS ST',
  'BANCROFT ST',
  'CLAY ST',
  'DAYTON ST',
  'EMERALD ST',
  'FOWLER ST',
  'GRANT ST',
  'BROADWAY',
  'HARMON PL',
  'IRVING ST',
  'JACKSON ST',
  'KELLOGG ST',
  'LOWRY ST',
  'MONROE ST',
  'NORWOOD ST',
  'ORCHARD ST',
  'RIVER PKWY',
  'PIERCE ST',
  'QUINCY ST',
  'RAMSEY ST',
  'SHERIDAN ST',
  'TYLER ST',
  'UNION ST',
  'VAN BUREN ST',
  'WEBSTER ST',
  'LAKEVIEW BLVD',
  'XAVIER ST',
  'YALE ST',
  'ZENITH ST',
  'ARBOR ST',
  'BELMONT ST',
  'CARLTON ST',
  'DREW ST',
  'ESSEX ST',
  'FILLMORE ST',
  'GARFIELD ST',
  'HOOVER ST',
  'INDEX ST',
  'JEFFERSON ST',
  'KNOX ST',
  'LINCOLN ST',
];

const AVENUE_SPACING = 0.0025;
const STREET_SPACING = 0.0018;
/** Blocks closer than this (degrees, about 3 m) to an area boundary are dropped: see the file comment. */
const EDGE_MARGIN = 3e-5;
/** Blocks outside the city line but within this distance (about 150 m) are the "edge" blocks. */
const EDGE_REACH = 0.0015;

export type SpatialProfile = 'general' | 'traffic' | 'commercial' | 'residential' | 'violent';
export const SPATIAL_PROFILES: SpatialProfile[] = [
  'general',
  'traffic',
  'commercial',
  'residential',
  'violent',
];

export interface Block {
  address: string;
  lon: number;
  lat: number;
  precinct: string;
  beat: string;
  neighborhood: string;
  /** `precinct,beat,neighborhood,block_address,latitude,longitude`, CSV-quoted where needed. */
  fragment: string;
  /** The same with the address and point left empty, for calls whose location is withheld. */
  areaOnlyFragment: string;
}

export interface Area {
  name: string;
  precinct: string;
  beat?: string;
  rings: Ring[];
}

export interface CityMap {
  precincts: Area[];
  beats: Area[];
  neighborhoods: Area[];
  /** Blocks inside the city, each inside its neighborhood's polygon. */
  blocks: Block[];
  /** Blocks just outside the city line: on no polygon, labelled with the nearest area. */
  edgeBlocks: Block[];
  spatial: Record<SpatialProfile, AliasTable>;
}

const ordinal = (n: number) => {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13 ? 'TH' : n % 10 === 1 ? 'ST' : n % 10 === 2 ? 'ND' : n % 10 === 3 ? 'RD' : 'TH';
  return `${n}${suffix}`;
};

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

let cached: CityMap | undefined;

/** The city map, built on first use (about 50 ms) and shared. */
export function cityMap(): CityMap {
  cached ??= buildCityMap();
  return cached;
}

function buildCityMap(): CityMap {
  const rng = new Rng('safegap-city-v1', 'layout');
  const jitter = (scale: number) => (rng.next() * 2 - 1) * scale;

  // Vertices: jittered grid corners and edge midpoints, named so neighbouring cells share them.
  const coords = new Map<string, Point>();
  const corner: Point[][] = [];
  for (let i = 0; i <= COLS; i++) {
    corner.push([]);
    for (let j = 0; j <= ROWS; j++) {
      const p: Point = [
        round6(WEST + i * DX + jitter(0.15 * DX)),
        round6(SOUTH + j * DY + jitter(0.15 * DY)),
      ];
      corner[i]!.push(p);
      coords.set(`c${i}.${j}`, p);
    }
  }
  for (let i = 0; i < COLS; i++)
    for (let j = 0; j <= ROWS; j++) {
      const a = corner[i]![j]!;
      const b = corner[i + 1]![j]!;
      coords.set(`h${i}.${j}`, [round6((a[0] + b[0]) / 2), round6((a[1] + b[1]) / 2 + jitter(0.1 * DY))]);
    }
  for (let i = 0; i <= COLS; i++)
    for (let j = 0; j < ROWS; j++) {
      const a = corner[i]![j]!;
      const b = corner[i]![j + 1]!;
      coords.set(`v${i}.${j}`, [round6((a[0] + b[0]) / 2 + jitter(0.1 * DX)), round6((a[1] + b[1]) / 2)]);
    }
  const cellAt = (i: number, j: number): Cell => ({
    vertices: [
      `c${i}.${j}`,
      `h${i}.${j}`,
      `c${i + 1}.${j}`,
      `v${i + 1}.${j}`,
      `c${i + 1}.${j + 1}`,
      `h${i}.${j + 1}`,
      `c${i}.${j + 1}`,
      `v${i}.${j}`,
    ],
  });

  // Beats (2 x 2 cells) in precinct order, lettered north to south, west to east within a precinct.
  interface BeatPlan {
    bi: number;
    bj: number;
    precinct: string;
  }
  const plans: BeatPlan[] = [];
  PRECINCT_OF_BEAT.forEach((row, r) =>
    row.forEach((precinct, bi) => plans.push({ bi, bj: PRECINCT_OF_BEAT.length - 1 - r, precinct })),
  );
  plans.sort((a, b) => a.precinct.localeCompare(b.precinct) || b.bj - a.bj || a.bi - b.bi);

  const cellsOf = new Map<string, Cell[]>();
  const add = (key: string, cell: Cell) => cellsOf.set(key, [...(cellsOf.get(key) ?? []), cell]);
  const neighborhoodOfCell = new Map<string, number>();
  const neighborhoods: Area[] = [];
  const beats: Area[] = [];
  const letters = new Map<string, number>();
  for (const plan of plans) {
    const n = letters.get(plan.precinct) ?? 0;
    letters.set(plan.precinct, n + 1);
    const beat = `${plan.precinct}${'ABCD'[n]}`;
    const [i0, j0] = [plan.bi * 2, plan.bj * 2];
    const sw: [number, number] = [i0, j0];
    const se: [number, number] = [i0 + 1, j0];
    const nw: [number, number] = [i0, j0 + 1];
    const ne: [number, number] = [i0 + 1, j0 + 1];
    const split = SPLIT_OF_BEAT[PRECINCT_OF_BEAT.length - 1 - plan.bj]![plan.bi]!;
    const pairs =
      split === 'v'
        ? [
            [sw, nw],
            [se, ne],
          ]
        : split === 'h'
          ? [
              [sw, se],
              [nw, ne],
            ]
          : [
              [sw, ne],
              [se, nw],
            ];
    for (const pair of pairs) {
      const index = neighborhoods.length;
      const name = NEIGHBORHOOD_NAMES[index]!;
      for (const [i, j] of pair) {
        const cell = cellAt(i!, j!);
        add(`n:${name}`, cell);
        add(`b:${beat}`, cell);
        add(`p:${plan.precinct}`, cell);
        neighborhoodOfCell.set(`${i}.${j}`, index);
      }
      neighborhoods.push({ name, precinct: plan.precinct, beat, rings: [] });
    }
    beats.push({ name: beat, precinct: plan.precinct, rings: [] });
  }
  for (const a of neighborhoods) a.rings = unionOutlines(cellsOf.get(`n:${a.name}`)!, coords);
  for (const a of beats) a.rings = unionOutlines(cellsOf.get(`b:${a.name}`)!, coords);
  const precincts: Area[] = ['1', '2', '3', '4', '5'].map((p) => ({
    name: p,
    precinct: p,
    rings: unionOutlines(cellsOf.get(`p:${p}`)!, coords),
  }));

  // Cell rings, for locating blocks.
  interface CellRing {
    ring: Ring;
    neighborhood: number;
    minX: number;
    maxX: number;
    minY: number;
    maxY: number;
  }
  const cellRings: CellRing[] = [];
  for (let i = 0; i < COLS; i++)
    for (let j = 0; j < ROWS; j++) {
      const ring: Ring = cellAt(i, j).vertices.map((v) => coords.get(v)!);
      ring.push(ring[0]!);
      cellRings.push({
        ring,
        neighborhood: neighborhoodOfCell.get(`${i}.${j}`)!,
        minX: Math.min(...ring.map((p) => p[0])),
        maxX: Math.max(...ring.map((p) => p[0])),
        minY: Math.min(...ring.map((p) => p[1])),
        maxY: Math.max(...ring.map((p) => p[1])),
      });
    }

  // Street grid: avenues run north-south, streets east-west. House numbers count blocks from the city's
  // south (avenues) or west (streets) edge, so a block number never repeats on one street.
  const [cx, cy] = CITY_CENTRE;
  const kMin = Math.floor((WEST - 0.004 - cx) / AVENUE_SPACING);
  const kMax = Math.ceil((WEST + COLS * DX + 0.004 - cx) / AVENUE_SPACING);
  const mMin = Math.floor((SOUTH - 0.004 - cy) / STREET_SPACING);
  const mMax = Math.ceil((SOUTH + ROWS * DY + 0.004 - cy) / STREET_SPACING);
  const avenueName = (k: number) =>
    k === 0 ? 'MAIN ST' : k > 0 ? `${ordinal(k)} AVE` : `${WEST_AVENUES[(-k - 1) % WEST_AVENUES.length]} AVE`;
  const streetName = (m: number) =>
    m === 0 ? 'CENTER ST' : m < 0 ? `${ordinal(-m)} ST` : NORTH_STREETS[(m - 1) % NORTH_STREETS.length]!;

  interface RawBlock {
    address: string;
    x: number;
    y: number;
    arterial: boolean;
  }
  const raw: RawBlock[] = [];
  for (let k = kMin; k <= kMax; k++)
    for (let m = mMin; m < mMax; m++)
      raw.push({
        address: `${m - mMin + 1}XX ${avenueName(k)}`,
        x: round6(cx + k * AVENUE_SPACING),
        y: round6(cy + (m + 0.5) * STREET_SPACING),
        arterial: k % 6 === 0,
      });
  for (let m = mMin; m <= mMax; m++)
    for (let k = kMin; k < kMax; k++)
      raw.push({
        address: `${k - kMin + 1}XX ${streetName(m)}`,
        x: round6(cx + (k + 0.5) * AVENUE_SPACING),
        y: round6(cy + m * STREET_SPACING),
        arterial: m % 8 === 0,
      });

  const blocks: Block[] = [];
  const edgeBlocks: Block[] = [];
  const arterial: boolean[] = [];
  const makeBlock = (b: RawBlock, n: Area): Block => {
    const area = [n.precinct, n.beat!, n.name].map(csvField).join(',');
    return {
      address: b.address,
      lon: b.x,
      lat: b.y,
      precinct: n.precinct,
      beat: n.beat!,
      neighborhood: n.name,
      fragment: `${area},${csvField(b.address)},${b.y.toFixed(6)},${b.x.toFixed(6)}`,
      areaOnlyFragment: `${area},,,`,
    };
  };
  for (const b of raw) {
    const inside = cellRings.filter(
      (c) =>
        b.x >= c.minX && b.x <= c.maxX && b.y >= c.minY && b.y <= c.maxY && pointInRing(b.x, b.y, c.ring),
    );
    if (inside.length > 1) throw new Error(`city map cells overlap at ${b.x},${b.y}`);
    const cell = inside[0];
    if (cell) {
      if (distanceToRing(b.x, b.y, cell.ring) < EDGE_MARGIN) continue;
      blocks.push(makeBlock(b, neighborhoods[cell.neighborhood]!));
      arterial.push(b.arterial);
      continue;
    }
    let nearest: CellRing | undefined;
    let best = Infinity;
    for (const c of cellRings) {
      const d = distanceToRing(b.x, b.y, c.ring);
      if (d < best) [best, nearest] = [d, c];
    }
    if (nearest && best <= EDGE_REACH && best >= EDGE_MARGIN)
      edgeBlocks.push(makeBlock(b, neighborhoods[nearest.neighborhood]!));
  }

  // Where calls happen: denser downtown, along arterials, and at a few hot spots (a lognormal weight per
  // block, the way a handful of addresses generate a large share of any city's calls).
  const precinctFactor: Record<string, number> = { '1': 1.2, '2': 0.9, '3': 1.0, '4': 1.3, '5': 0.75 };
  const violentFactor: Record<string, number> = { '1': 1.4, '2': 0.8, '3': 1.3, '4': 2.4, '5': 0.4 };
  const weights: Record<SpatialProfile, number[]> = {
    general: [],
    traffic: [],
    commercial: [],
    residential: [],
    violent: [],
  };
  blocks.forEach((b, i) => {
    const km = Math.hypot((b.lon - cx) * 78.7, (b.lat - cy) * 111.2);
    const density = 0.3 + Math.exp(-km / 3);
    const hot = Math.exp(0.9 * rng.normal());
    const art = arterial[i]!;
    weights.general.push(density * hot * (art ? 1.6 : 1) * precinctFactor[b.precinct]!);
    weights.traffic.push(Math.sqrt(density) * hot ** 0.3 * (art ? 6 : 1));
    weights.commercial.push(density ** 1.5 * hot ** 0.5 * (art ? 3 : 1));
    weights.residential.push((hot ** 0.5 * (art ? 0.6 : 1)) / (0.4 + density));
    weights.violent.push(density * hot ** 1.8 * violentFactor[b.precinct]!);
  });
  const spatial = Object.fromEntries(SPATIAL_PROFILES.map((p) => [p, new AliasTable(weights[p])])) as Record<
    SpatialProfile,
    AliasTable
  >;

  return { precincts, beats, neighborhoods, blocks, edgeBlocks, spatial };
}

/** GeoJSON FeatureCollections of the three area layers, with 6-decimal coordinates. */
export function boundaryCollections(map: CityMap): Record<'precincts' | 'beats' | 'neighborhoods', object> {
  const geometry = (rings: Ring[]) =>
    rings.length === 1
      ? { type: 'Polygon', coordinates: [rings[0]] }
      : { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) };
  const collection = (areas: Area[], props: (a: Area) => Record<string, string>) => ({
    type: 'FeatureCollection',
    features: areas.map((a) => ({ type: 'Feature', properties: props(a), geometry: geometry(a.rings) })),
  });
  return {
    precincts: collection(map.precincts, (a) => ({ precinct: a.name })),
    beats: collection(map.beats, (a) => ({ beat: a.name, precinct: a.precinct })),
    neighborhoods: collection(map.neighborhoods, (a) => ({
      neighborhood: a.name,
      beat: a.beat!,
      precinct: a.precinct,
    })),
  };
}
