/**
 * Maps as static SVG: choropleths of the city's own GeoJSON boundaries (read by the analysis library's
 * loadBoundaries) and a hotspot grid, no basemap tiles, so the report works offline and a printed page
 * shows the same map.
 *
 * Coordinates are flattened to a plane (longitude scaled by the cosine of the middle latitude): at city
 * scale that is indistinguishable from a proper projection, and with the even-odd fill rule it draws holes
 * and multi-part areas right whatever way a file winds its rings (d3's spherical paths invert a ring wound
 * "the wrong way" into the whole globe minus the city).
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Area } from '../analyse/spatial-join.js';
import {
  accessibleSvg,
  CAPTION_WORD,
  classLegend,
  classOf,
  quantileBreaks,
  SEQUENTIAL,
  SUPPRESSED_FILL,
  type SvgNode,
} from './charts.js';
import { count, exact } from './format.js';
import { html, type Html } from './html.js';
import { THRESHOLD } from './suppress.js';
import { cutLongWords, cutText } from '../util/words.js';
import { NAME_CHARACTERS } from './tables.js';
import { areaKey, farFeatures, PolygonIndex } from '../analyse/spatial-join.js';

function newDocument() {
  return parseHTML('<!doctype html><html><body></body></html>').document;
}

const STYLE = { fontSize: '12px', fontFamily: 'system-ui, sans-serif' };
const NO_CALLS = '#ffffff';

export interface ChoroplethOptions {
  title: string;
  description: string;
  areas: Area[];
  /** Value per area name as the calls store it; null = suppressed. */
  values: Map<string, number | null>;
  valueLabel: string;
}

let mapSerial = 0;

/**
 * An area's name as a map labels it (the table beside the map gives it whole): a 5,000-character sector's
 * label ran off both edges of the page over the other areas' (tester 270).
 */
const LABEL_CHARACTERS = 36;

/**
 * The least and greatest of `values` (0 and 0 for none), by a loop: `Math.min(...values)` passes each as an
 * argument, and a boundary file of 130,000 vertices overflowed the stack (tester 270).
 */
function extent(values: readonly number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return values.length ? [lo, hi] : [0, 0];
}

/**
 * A map's class breaks, round numbers above `lo` (where its lowest class starts) and at most `max` (the
 * largest value drawn), so that every class can hold a value drawn and the top one holds the largest: breaks
 * from 0 in equal steps up to a round number above the largest value ran Minneapolis' precinct map to
 * "20,000 or more" over precincts of at most 11,426 calls, two colours of five used (tester 306). Values
 * over a tenfold range or more, as counts by grid cell are, break at 1, 2 and 5 times a power of ten
 * spread evenly on a log scale (equal steps left 68 of Burlington's 71 public cells in the lowest class);
 * over a narrower one, in equal steps of 1, 2 or 5 times a power of ten.
 */
export function mapBreaks(lo: number, max: number, n = SEQUENTIAL.length): number[] {
  if (!(max > lo)) return [];
  const start = Math.max(lo, 1);
  if (max / start >= 10) {
    const series: number[] = [];
    for (let mag = 10 ** Math.floor(Math.log10(start)); mag <= max; mag *= 10)
      for (const m of [1, 2, 5]) {
        const b = Number((m * mag).toPrecision(12));
        if (b > lo && b <= max) series.push(b);
      }
    const out: number[] = [];
    for (let i = 1; i < n; i++) {
      const target = Math.log(start) + (i / n) * Math.log(max / start);
      const near = [...series].sort(
        (a, b) => Math.abs(Math.log(a) - target) - Math.abs(Math.log(b) - target) || a - b,
      )[0]!;
      if (!out.includes(near)) out.push(near);
    }
    return out.sort((a, b) => a - b);
  }
  const step = (max - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(step));
  const nice = [1, 2, 5, 10].map((m) => m * mag).find((w) => w >= step * (1 - 1e-9)) ?? 10 * mag;
  const out: number[] = [];
  for (let b = (Math.floor(lo / nice) + 1) * nice; b <= max * (1 + 1e-12); b += nice)
    out.push(Number(b.toPrecision(12)));
  // No sliver of a first class (Minneapolis' precincts from 5,838 made "5,838 to under 6,000"), and at
  // most n - 1 breaks: the lowest go, the first class then reaching from `lo` to the next.
  if (out.length > 1 && out[0]! - lo < nice / 2) out.shift();
  return out.slice(-(n - 1));
}

export function choropleth(o: ChoroplethOptions): {
  svg: Html;
  legend: Html;
  unmatched: string[];
  outside: string[];
} {
  const byKey = new Map([...o.values].map(([name, v]) => [areaKey(name), v]));
  // The frame is the areas with calls and those near them: one feature of a layer in the wrong place (its
  // coordinates swapped, in Antarctica) drew the whole city as a dot in a corner (tester 256). Features far
  // from the areas with calls (farFeatures, as the run's notes judge them) are left out, and named below.
  const far = farFeatures(o.areas, (a) => byKey.has(areaKey(a.name)));
  const outside = far.map((f) => o.areas[f.feature - 1]!);
  const drawn = o.areas.filter((a) => !outside.includes(a));
  const pts = drawn.flatMap((a) => a.rings.flat());
  const [lat0, y1] = extent(pts.map((p) => p[1]));
  const k = Math.cos((((lat0 + y1) / 2) * Math.PI) / 180);
  const [x0, xEnd] = extent(pts.map((p) => p[0] * k));
  const spanX = xEnd - x0 || 1;
  const spanY = y1 - lat0 || 1;
  const width = 640;
  const pad = 10;
  const scale = (width - 2 * pad) / spanX;
  const height = Math.round(Math.min(720, spanY * scale + 2 * pad));
  const s = Math.min(scale, (height - 2 * pad) / spanY);
  const px = (p: [number, number]): [number, number] => [pad + (p[0] * k - x0) * s, pad + (y1 - p[1]) * s];
  // The classes span the values drawn: an area of the table with no boundary is on no map.
  const shownValues = drawn
    .map((a) => byKey.get(areaKey(a.name)))
    .filter((v): v is number => typeof v === 'number');
  const keys = new Set(o.areas.map((a) => areaKey(a.name)));
  const unmatched = [...o.values.keys()].filter((name) => !keys.has(areaKey(name)));
  // Nothing to draw (no area drawn has a count above 0): every polygon "no calls" under a legend of that
  // one class read as a city without calls, over a table whose only row was the calls without an area
  // (tester 354). The figure leaves the map out, as it does any chart with no value above 0, and the
  // caller says why.
  if (!shownValues.some((v) => v > 0))
    return { svg: html``, legend: html``, unmatched, outside: outside.map((a) => a.name) };
  const [lo, max] = extent(shownValues);
  const breaks = mapBreaks(lo, max);
  const shapes = drawn.map((a) => {
    const v = byKey.get(areaKey(a.name));
    const fill = v === undefined ? NO_CALLS : v === null ? SUPPRESSED_FILL : SEQUENTIAL[classOf(v, breaks)]!;
    // A vertex in the same tenth of a pixel as the one before draws nothing: a GIS office's shoreline of
    // 130,000 vertices drew a path of them all (tester 270).
    const d = a.rings
      .map((r) => {
        const xy = r.map((p) =>
          px(p)
            .map((c) => c.toFixed(1))
            .join(','),
        );
        return `M${xy.filter((c, i) => i === 0 || c !== xy[i - 1]).join('L')}Z`;
      })
      .join('');
    // The label sits at the centre of the largest ring's bounding box: good enough for a name tag.
    const ring = [...a.rings].sort((x, y) => y.length - x.length)[0] ?? [];
    const [rx0, rx1] = extent(ring.map((p) => px(p)[0]));
    const [ry0, ry1] = extent(ring.map((p) => px(p)[1]));
    const label = v === undefined ? 'no calls' : v === null ? 'suppressed' : count(v);
    return {
      name: a.name,
      d,
      fill,
      label,
      cx: (rx0 + rx1) / 2,
      cy: (ry0 + ry1) / 2,
    };
  });
  const id = `map-${++mapSerial}`;
  const labels = shapes.length <= 40;
  const svg = html`<svg
    xmlns="http://www.w3.org/2000/svg"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-labelledby="${id}-title ${id}-desc"
    style="font: 12px system-ui, sans-serif"
  >
    <title id="${id}-title">${o.title}</title>
    <desc id="${id}-desc">${cutLongWords(o.description, undefined, CAPTION_WORD)}</desc>
    ${
      // The first feature drawn last, on top: a call in two overlapping features counts in the first
      // (spatial-join.ts), and a later one drawn over it showed "no calls" where they were (tester 270).
      [...shapes]
        .reverse()
        .map(
          (x) =>
            html`<path d="${x.d}" fill="${x.fill}" fill-rule="evenodd" stroke="#333" stroke-width="0.8"
              ><title>${cutText(x.name, NAME_CHARACTERS)}: ${x.label}</title></path
            >`,
        )
    }
    ${
      labels
        ? shapes.map(
            (x) =>
              html`<text
                x="${x.cx.toFixed(1)}"
                y="${x.cy.toFixed(1)}"
                text-anchor="middle"
                dominant-baseline="middle"
                fill="#111"
                stroke="#fff"
                stroke-width="3"
                paint-order="stroke"
                font-weight="600"
                >${cutText(x.name, LABEL_CHARACTERS)}</text
              >`,
          )
        : ''
    }
  </svg>`;
  const extra = [
    ...([...o.values.values()].some((v) => v === null)
      ? [{ label: `suppressed (fewer than ${THRESHOLD} calls, or withheld)`, fill: SUPPRESSED_FILL }]
      : []),
    ...(shapes.some((x) => x.fill === NO_CALLS) ? [{ label: 'no calls', fill: NO_CALLS }] : []),
  ];
  // Boundary names are public geography, so the public edition names them too.
  const outsideNote = outside.length
    ? html`<p class="meta">
        Not drawn, far outside the frame of the areas with calls (a feature in the wrong place?):
        ${far.map((f) => `${cutLongWords(f.name)} (feature ${f.feature}, ${Math.round(f.km).toLocaleString('en-US')} km away)`).join(', ')}.
      </p>`
    : '';
  return {
    svg,
    // The top class ends at the largest value drawn, as the hotspot grid's does: "14,000 or more" over
    // Minneapolis' precincts of at most 14,449 calls hid how far it reached. A hidden area's value is not
    // drawn, so the end is a count its table shows.
    legend: html`${classLegend(o.valueLabel, breaks, exact, extra, shownValues.length ? lo : null, max)}${outsideNote}`,
    unmatched,
    outside: outside.map((a) => a.name),
  };
}

export interface HotspotOptions {
  title: string;
  description: string;
  cells: { lon: number; lat: number; calls: number }[];
  cellDeg: { lon: number; lat: number };
  /** Public edition: cells below the threshold are not drawn at all (a dot on a map is a location). */
  suppress: boolean;
  /**
   * A boundary layer's areas, drawn as outlines over the cells: with no basemap, a grid alone showed where
   * calls cluster but not where in the city that is (tester 360).
   */
  outlines?: readonly Area[];
}

/** Kilometres in a degree of latitude, and so in a unit of the flattened plane (longitude times cos). */
const KM_PER_DEGREE = 111.32;

/**
 * A scale bar in the frame's lower left corner, of a round length (1, 2 or 5 times a power of ten km) about
 * a fifth of the frame's width: the grid's cells say "about 0.5 km" but the map said nothing of distance.
 */
export function scaleBar(
  x: readonly [number, number] | number[],
  y: readonly [number, number] | number[],
): { km: number; line: { x: number; y: number }[]; label: { x: number; y: number; text: string } } {
  const widthKm = (x[1]! - x[0]!) * KM_PER_DEGREE;
  const target = widthKm / 5;
  const power = 10 ** Math.floor(Math.log10(target));
  const km = [5, 2, 1].map((m) => m * power).find((v) => v <= target) ?? power;
  const x0 = x[0]! + (x[1]! - x[0]!) * 0.03;
  const y0 = y[0]! + (y[1]! - y[0]!) * 0.04;
  const text = `${km >= 1 ? count(km) : String(Number(km.toPrecision(1)))} km`;
  return {
    km,
    line: [
      { x: x0, y: y0 },
      { x: x0 + km / KM_PER_DEGREE, y: y0 },
    ],
    label: { x: x0, y: y0, text },
  };
}

/**
 * The area a point lies in, or null, as the analysis places calls (holes and parts count right; the first
 * area in file order wins). The hotspot caption names the busiest cell's area, the reference a reader
 * looks for.
 */
export function areaAt(areas: readonly Area[], lon: number, lat: number): Area | null {
  return areas[new PolygonIndex([...areas]).locate(lon, lat)] ?? null;
}

/** The fewest cells a hotspot grid's frame spans each way. */
const MIN_FRAME_CELLS = 10;

export function hotspotGrid(o: HotspotOptions): { svg: Html; legend: Html } {
  const cells = o.cells.filter((c) => !o.suppress || c.calls >= THRESHOLD);
  // Nothing to draw (a public week's cells all under 11): no empty frame with a legend of classes that
  // cannot occur (tester 168); figure() says why.
  if (!cells.length) return { svg: html``, legend: html`` };
  const [lat0, lat1] = extent(cells.map((c) => c.lat));
  const mid = (lat0 + lat1) / 2;
  const k = Math.cos((mid * Math.PI) / 180);
  // Quintiles follow the drawn cells' own counts (Seattle's two cells gave breaks of 94 and 110): with the
  // period's calls they bound the calls of the cells not drawn, each under 11 (tester 118). The public
  // edition takes round classes from 11, the least count it draws, which say of its cells no more than
  // their largest count's order. The internal one's classes start at its least cell, above which each
  // quintile breaks.
  const [least, most] = extent(cells.map((c) => c.calls));
  const lo = o.suppress ? THRESHOLD : least;
  const quantiles = quantileBreaks(cells.map((c) => c.calls)).filter((b) => b > lo && b <= most);
  // Colours the quintiles leave over (many cells of 1 or 2 calls share a quintile) go to round classes
  // above the last, spread on a log scale as the public grid's are, where the top class spans tenfold or
  // more: Seattle's 370 cells broke at 2 and 4, and one colour stood for 4 to 135 calls (tester 343).
  const last = quantiles.at(-1) ?? lo;
  const spare = SEQUENTIAL.length - 1 - quantiles.length;
  const breaks = o.suppress
    ? mapBreaks(lo, most)
    : spare > 0 && most / Math.max(last, 1) >= 10
      ? [...quantiles, ...mapBreaks(last, most, spare + 1)]
      : quantiles;
  const data = cells.map((c) => ({
    x1: (c.lon - o.cellDeg.lon / 2) * k,
    x2: (c.lon + o.cellDeg.lon / 2) * k,
    y1: c.lat - o.cellDeg.lat / 2,
    y2: c.lat + o.cellDeg.lat / 2,
    fill: SEQUENTIAL[classOf(c.calls, breaks)]!,
  }));
  // The frame spans at least MIN_FRAME_CELLS cells each way about the drawn ones: Seattle's sample drew two
  // cells filling the whole figure, read as two districts (tester 119).
  const span = (v: number[], cell: number) => {
    const [lo, hi] = extent(v);
    const pad = Math.max(0, MIN_FRAME_CELLS * cell - (hi - lo)) / 2;
    return [lo - pad, hi + pad] as const;
  };
  const [x0, x1] = span(
    data.flatMap((d) => [d.x1, d.x2]),
    o.cellDeg.lon * k,
  );
  const [y0, y1] = span(
    data.flatMap((d) => [d.y1, d.y2]),
    o.cellDeg.lat,
  );
  const w = x1 - x0 || 1;
  const h = y1 - y0 || 1;
  // One scale each way, as the area maps keep: the height was the width's times the ground's ratio, and
  // within the margins and the 200 to 800 pixel bounds a 0.5 km cell was drawn 9% wider than tall (tester
  // 354). Where the bounds leave room over, the frame widens about its centre.
  const width = 640;
  const margin = 10;
  const s = Math.min((width - 2 * margin) / w, (800 - 2 * margin) / h);
  const height = Math.round(Math.max(200, h * s + 2 * margin));
  const around = (lo: number, hi: number, pixels: number) => {
    const mid = (lo + hi) / 2;
    return [mid - pixels / s / 2, mid + pixels / s / 2];
  };
  const xDomain = around(x0, x1, width - 2 * margin);
  const yDomain = around(y0, y1, height - 2 * margin);
  const outlines = o.outlines ?? [];
  // A vertex within half a pixel of the last one kept draws nothing (a shoreline of 130,000 vertices,
  // tester 270, as the choropleth thins them).
  const near = 0.5 / s;
  const lines = outlines.flatMap((a, i) =>
    a.rings.flatMap((r, j) => {
      const kept: { x: number; y: number; z: string }[] = [];
      for (const [lon, lat] of r) {
        const last = kept.at(-1);
        if (last && Math.abs(lon * k - last.x) < near && Math.abs(lat - last.y) < near) continue;
        kept.push({ x: lon * k, y: lat, z: `${i}:${j}` });
      }
      return kept;
    }),
  );
  const bar = scaleBar(xDomain, yDomain);
  // A few areas are named at the centre of their largest ring's box, as the choropleth names them; many
  // would hide the cells.
  const names =
    outlines.length <= 12
      ? outlines.map((a) => {
          const ring = [...a.rings].sort((x, y) => y.length - x.length)[0] ?? [];
          const [lon0, lon1] = extent(ring.map((p) => p[0]));
          const [lat0, lat1] = extent(ring.map((p) => p[1]));
          return { x: ((lon0 + lon1) / 2) * k, y: (lat0 + lat1) / 2, text: cutText(a.name, 24) };
        })
      : [];
  const svg = Plot.plot({
    document: newDocument(),
    width,
    height,
    margin,
    style: STYLE,
    x: { axis: null, domain: xDomain },
    y: { axis: null, domain: yDomain },
    color: { type: 'identity' },
    marks: [
      Plot.rect(data, {
        x1: 'x1',
        x2: 'x2',
        y1: 'y1',
        y2: 'y2',
        fill: 'fill',
        stroke: '#fff',
        strokeWidth: 0.3,
      }),
      Plot.line(lines, { x: 'x', y: 'y', z: 'z', stroke: '#222', strokeWidth: 0.9, clip: true }),
      Plot.text(names, {
        x: 'x',
        y: 'y',
        text: 'text',
        fill: '#111',
        stroke: '#fff',
        strokeWidth: 3,
        clip: true,
      }),
      Plot.line(bar.line, { x: 'x', y: 'y', stroke: '#222', strokeWidth: 2 }),
      Plot.text([bar.label], {
        x: 'x',
        y: 'y',
        text: 'text',
        textAnchor: 'start',
        dy: -8,
        fill: '#222',
        stroke: '#fff',
        strokeWidth: 3,
      }),
    ],
  }) as unknown as SvgNode;
  return {
    svg: accessibleSvg(svg, o.title, o.description),
    // The internal edition's top class runs to its busiest cell, which its caption names; the public one
    // says of its cells no more than their classes do, so its top class is "or more".
    legend: classLegend('Calls per cell', breaks, exact, [], lo, o.suppress ? undefined : most),
  };
}
