/**
 * Charts as static SVG, drawn on the server with Observable Plot over linkedom's DOM, so the report needs
 * no JavaScript to show them. Every chart is a <figure> with a heading, an SVG with role="img" and its own
 * <title> and <desc> (the text alternative), and the numbers behind it as a table (tables.ts).
 *
 * Colour scales are discrete (classes with swatches in an HTML legend): Plot's continuous legends draw on a
 * canvas, which a server-side DOM has not got, and classed colours read better in print anyway.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { count, exact, percent, printedRate, shareTowardGoal } from './format.js';
import { html, slug, trusted, type Html } from './html.js';
import { HIDDEN_TEXT } from './suppress.js';
import { cutLongWords, cutText, visibleText } from '../util/words.js';

/** Ink for marks: dark enough for 3:1 against white (WCAG 1.4.11), distinct from text. */
export const INK = '#1f5f99';
export const INK_2 = '#b35900';
export const GREY = '#767676';
/** Sequential classes, light to dark (ColorBrewer YlGnBu 5, which survives greyscale printing). */
export const SEQUENTIAL = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];
/** Fill of a cell hidden by small-cell suppression. */
export const SUPPRESSED_FILL = '#d9d9d9';

/**
 * Below a horizontal chart, room for the tick labels and the axis title under them at 12 px: Plot's 30 px
 * put the title over the ticks (tester 117, nine charts).
 */
const AXIS_ROOM = 42;
const STYLE = { fontSize: '12px', fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' };

/**
 * The little of the DOM this module touches. The project compiles without the DOM library (it runs in
 * Node), so linkedom's nodes are seen through this interface rather than the browser's `Element`.
 */
export interface SvgNode {
  ownerDocument: { createElementNS(ns: string, name: string): SvgNode };
  firstChild: unknown;
  textContent: string | null;
  outerHTML: string;
  insertBefore(node: SvgNode, before: unknown): unknown;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
}

function newDocument() {
  return parseHTML('<!doctype html><html><body></body></html>').document;
}

let chartSerial = 0;

/**
 * Longest word a caption quotes whole, as a table's cell (tables.ts): a caption naming a 5,000-character
 * sector ran over two printed pages (tester 269).
 */
export const CAPTION_WORD = 80;

/**
 * Serialise a Plot SVG with its text alternative: role="img", a <title> and <desc> as first children,
 * aria-labelledby pointing at both. linkedom escapes text and attribute values when serialising.
 */
export function accessibleSvg(svg: SvgNode, title: string, description: string): Html {
  const doc = svg.ownerDocument;
  const id = `chart-${++chartSerial}`;
  const t = doc.createElementNS('http://www.w3.org/2000/svg', 'title');
  t.setAttribute('id', `${id}-title`);
  t.textContent = visibleText(title);
  const d = doc.createElementNS('http://www.w3.org/2000/svg', 'desc');
  d.setAttribute('id', `${id}-desc`);
  d.textContent = visibleText(cutLongWords(description, undefined, CAPTION_WORD));
  svg.insertBefore(d, svg.firstChild);
  svg.insertBefore(t, svg.firstChild);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${id}-title ${id}-desc`);
  svg.removeAttribute('aria-label');
  svg.removeAttribute('aria-description');
  // Plot's width/height attributes fix the size; the viewBox lets CSS scale it to the column and the page.
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  // Plot labels its mark groups with aria-label; on a <g> without a role that is a prohibited attribute
  // (axe-core: aria-prohibited-attr), and inside role="img" nobody reads it anyway. linkedom escapes `"`
  // in attribute values, so the pattern cannot run past one attribute.
  return trusted(svg.outerHTML.replace(/ aria-(?:label|description)="[^"]*"/g, ''));
}

export interface ChartFrame {
  /** Shown as the figure's heading and read as the SVG's title. */
  title: string;
  /** The text alternative: what the chart shows and its main finding, in a sentence or three. */
  description: string;
  /** Under the chart: period, denominator, data quality (tables.metaLine). */
  meta?: Html;
  /** The numbers behind the chart (tables.renderTable), shown under a disclosure. */
  table?: Html;
  legend?: Html;
  /** Why no chart is drawn, when the chart function drew none; NOTHING_DRAWN otherwise. */
  emptyReason?: string;
}

/**
 * Whether a chart has a value to draw. Bars of nothing but 0 and `x` sat on an empty axis that read as
 * "none" (tester 119: Seattle's public months, 66 `x` and 6 zeros): the chart functions draw nothing then,
 * and figure() says why.
 */
export function hasValueToDraw(data: readonly { value: number | null }[]): boolean {
  return data.some((d) => d.value !== null && d.value > 0);
}

// "0 or hidden" was said of values that are missing (`-`, no timed call: tester 121), which are not 0.
const NOTHING_DRAWN =
  'No chart is drawn: no value is above 0 (each is 0, hidden as x, or missing as -), so it would be an empty axis; the table gives them.';

/** The <figure> every chart and map sits in. */
export function figure(frame: ChartFrame, svg: Html, headingLevel: 3 | 4 = 3): Html {
  const id = `fig-${slug(frame.title)}`;
  const heading =
    headingLevel === 3 ? html`<h3 id="${id}">${frame.title}</h3>` : html`<h4 id="${id}">${frame.title}</h4>`;
  // The heading, chart, legend and caption are one block that print keeps on one page; the table of the
  // numbers may run on (tester 121: a map on one page, its legend on the next).
  return html`<figure class="chart" aria-labelledby="${id}">
    <div class="chart-block">
      ${heading}
      ${
        // Focusable, since on a phone it scrolls sideways (layout.ts); a figure with nothing drawn has none,
        // nor a legend of marks it does not draw.
        svg.value
          ? html`<div class="chart-svg" tabindex="0" role="group" aria-labelledby="${id}">${svg}</div>
              <p class="scroll-hint" aria-hidden="true">Wider than the screen: scroll the chart sideways.</p>
              ${frame.legend ?? ''}`
          : ''
      }
      <figcaption>
        <p class="alt">
          ${svg.value ? '' : `${frame.emptyReason ?? NOTHING_DRAWN} `}${cutLongWords(frame.description, undefined, CAPTION_WORD)}
        </p>
        ${frame.meta ?? ''}
      </figcaption>
    </div>
    ${
      frame.table
        ? html`<details class="chart-data">
            <summary>Numbers behind this chart</summary>
            ${frame.table}
          </details>`
        : ''
    }
  </figure>`;
}

export interface BarDatum {
  label: string;
  value: number | null;
  /** The value is hidden by small-cell suppression: its row shows `x`, not an empty row read as zero. */
  hidden?: boolean;
  /** Optional second series drawn as a darker overlay (e.g. the diverted part of a category's calls). */
  part?: number | null;
  /** The part is hidden by small-cell suppression: marked `x` on its bar, not left to read as none. */
  partHidden?: boolean;
}

export interface BarOptions {
  title: string;
  description: string;
  /** Axis label, with unit (`Calls`, `Share of calls (%)`). */
  valueLabel: string;
  data: BarDatum[];
  /** Values are shares 0-1, shown as percentages. */
  percent?: boolean;
  /** A reference line (target) and its label. */
  rule?: { value: number; label: string };
  partLabel?: string;
  width?: number;
  /** Label format of a value that is not a share; whole counts by default. */
  format?: (v: number) => string;
}

/**
 * The left margin that fits the longest label at 12 px beside the ticks: about 7 px a character (6.6
 * cut "Non emergency phone" at the drawing's edge, tester 82), capped so the bars keep room.
 */
const labelMargin = (labels: readonly string[]) =>
  Math.min(280, Math.max(80, ...labels.map((l) => 16 + l.length * 7.2)));

/**
 * A row's label as the capped margin can show it: a 100 kB area name ran 700,000 px out of the drawing
 * (tester 158); the table beside the chart gives it whole.
 */
const marginLabel = (label: string) => {
  // A hidden row's `x` stays as chartLabels made it distinct; any other label shows its invisible
  // characters as escapes, as the table does (tester 269: four spellings of Welfare Check read alike).
  const l = /^x\u200b+$/.test(label) ? label : visibleText(label);
  return cutText(l, 36);
};

/**
 * `x` where a hidden value's bar, column or dot would start (tester 117: a public edition's empty rows read
 * as none, postal code 55412's 4,214 calls among them). `x` is what the tables print and the banner defines.
 */
const hiddenMark = (
  rows: { label: string }[],
  axis: 'x' | 'y',
  style: Record<string, string | number> = { fill: GREY },
) =>
  Plot.text(
    rows,
    axis === 'x'
      ? { x: () => 0, y: 'label', text: () => HIDDEN_TEXT, dx: 6, textAnchor: 'start', ...style }
      : { x: 'label', y: () => 0, text: () => HIDDEN_TEXT, dy: -8, ...style },
  );

/** Horizontal bars, one per label, largest first as given. Missing values are left out, hidden ones marked. */
/**
 * An axis tick of a share, with as many decimals as an axis up to `top` needs to tell its ticks apart
 * (tester 267: a near-term axis to 1.1% read `0%, 0%, 0%, 1%, 1%, 1%`). Plot puts about ten ticks on an axis.
 */
export function percentTick(top: number): (v: number) => string {
  const points = top * 100;
  const digits = points >= 10 ? 0 : points >= 1 ? 1 : 2;
  return (v: number) => `${Number((v * 100).toFixed(digits))}%`;
}

export function barChart(o: BarOptions): Html {
  if (!hasValueToDraw(o.data)) return html``;
  const document = newDocument();
  const data = o.data.filter((d) => d.value !== null);
  const labelWidth = labelMargin(o.data.map((d) => d.label));
  const marks: Plot.Markish[] = [
    Plot.barX(data, { x: 'value', y: 'label', fill: INK, sort: null }),
    Plot.ruleX([0]),
    hiddenMark(
      o.data.filter((d) => d.hidden),
      'x',
    ),
  ];
  // A hidden part draws no bar of zero, which would read as "none", but an `x` in the part's colour where
  // it starts, haloed so that it reads on the bar and beside a thin one (tester 118: Behavioural health's
  // hidden diverted calls read as none).
  if (o.partLabel)
    marks.splice(
      1,
      0,
      Plot.barX(
        data.filter((d) => d.part !== null && d.part !== undefined),
        // A white edge between the two parts: their colours alone are 1.4:1 apart, which does not tell
        // them apart in grey or to some colour vision (tester 242).
        { x: 'part', y: 'label', fill: INK_2, stroke: 'white', strokeWidth: 1.5 },
      ),
      hiddenMark(
        data.filter((d) => d.partHidden),
        'x',
        { fill: INK_2, stroke: 'white', strokeWidth: 3, fontWeight: 700 },
      ),
    );
  if (o.rule) {
    marks.push(Plot.ruleX([o.rule.value], { stroke: '#b00020', strokeWidth: 2, strokeDasharray: '6,3' }));
    marks.push(
      Plot.text([o.rule.value], {
        x: (v: number) => v,
        frameAnchor: 'top',
        dy: -2,
        dx: 4,
        textAnchor: 'start',
        text: () => o.rule!.label,
        fill: '#b00020',
      }),
    );
  }
  marks.push(
    Plot.text(data, {
      x: 'value',
      y: 'label',
      text: (d: BarDatum) =>
        o.percent ? shareText(d.value ?? 0, o.rule) : (o.format ?? count)(d.value ?? 0),
      dx: 4,
      textAnchor: 'start',
      ...HALO,
    }),
  );
  const max = Math.max(o.rule?.value ?? 0, ...data.map((d) => d.value ?? 0));
  // Rows of 15 px past 15 bars: print caps a chart at 125 mm, and 30 postal codes of 24 px were scaled to
  // 5 pt text on paper (tester 264).
  const row = o.data.length > 15 ? 15 : 24;
  const svg = Plot.plot({
    document,
    width: o.width ?? 720,
    height: 52 + o.data.length * row + (o.rule ? 16 : 0),
    marginLeft: labelWidth,
    marginRight: 70,
    marginTop: o.rule ? 24 : 10,
    marginBottom: AXIS_ROOM,
    style: STYLE,
    x: {
      label: o.valueLabel,
      labelAnchor: 'center',
      labelArrow: 'none',
      grid: true,
      domain: [0, max * 1.08 || 1],
      tickFormat: o.percent ? percentTick(max * 1.08 || 1) : undefined,
    },
    y: { label: null, domain: o.data.map((d) => d.label), tickFormat: marginLabel },
    marks,
  }) as unknown as SvgNode;
  return accessibleSvg(svg, o.title, o.description);
}

export interface ColumnOptions {
  title: string;
  description: string;
  xLabel: string;
  yLabel: string;
  data: ColumnDatum[];
  percent?: boolean;
  rule?: { value: number; label: string };
  /** Label format of a value that is not a share; whole counts by default. */
  format?: (v: number) => string;
}

export interface ColumnDatum {
  label: string;
  value: number | null;
  hidden?: boolean;
  /**
   * Drawn hollow, with no value over it: a value of too few calls to stand beside the others (a month's
   * share of 2 calls at 50.0% read as the goal beaten, tester 343). The caller's caption says which and why.
   * It sets no scale where a solid column does, and is cut at the top of the axis (tester 360).
   */
  faint?: boolean;
  /**
   * Left out of the scale: drawn broken at the top of the axis, with its value over it, so that one outlier
   * does not flatten every other column (a 4-day month at 250 calls a day over months of 0.03, tester 343).
   */
  offScale?: boolean;
}

/** The most columns each labelled, turned if need be; of more, every n-th, level, and no values over them. */
const MAX_LABELLED_COLUMNS = 24;
const COLUMN_CHART_WIDTH = 720;
/** The frame's width: the chart's less its left margin (64) and Plot's right margin (20). */
const COLUMN_FRAME_WIDTH = COLUMN_CHART_WIDTH - 64 - 20;
/** A character's width, and a little more, at the charts' 12 px (system-ui in Chromium: 6.7 px a digit). */
const CHARACTER_WIDTH = 7;
/** Steps between labelled columns that keep months in step with the year (every quarter, half, year). */
const LABEL_STEPS = [2, 3, 4, 6, 12, 24, 48];

/**
 * A value's text in dark ink with a white edge, so that a line under it does not strike it through. The ink
 * is named: given a stroke, Plot leaves a text's fill none, and the column charts' values were a white
 * edge around nothing (tester 229).
 */
const HALO = { fill: '#222', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' } as const;

/** A share as a chart prints it: beside a goal's line, one short of the goal never reads as it. */
const shareText = (v: number, rule: { value: number } | undefined) =>
  rule ? shareTowardGoal(v, rule.value) : percent(v);

/** Vertical columns over an ordered axis (months). */
export function columnChart(o: ColumnOptions): Html {
  if (!hasValueToDraw(o.data)) return html``;
  const document = newDocument();
  const data = o.data.filter((d) => d.value !== null);
  const onScale = data.filter((d) => !d.offScale);
  const solid = onScale.filter((d) => !d.faint);
  // The solid columns and the goal set the axis, where there are any: a hollow month of 2 calls at 50.0%
  // set it to 50%, and the real months at 3.5-3.7% were slivers under it (tester 360).
  const max = Math.max(o.rule?.value ?? 0, ...(solid.length ? solid : onScale).map((d) => d.value ?? 0));
  const top = max * 1.15 || 1;
  const whole = !o.percent && data.every((d) => Number.isInteger(d.value));
  const fmt = (v: number) => (o.percent ? shareText(v, o.rule) : (o.format ?? count)(v));
  const offScale = data.filter((d) => d.offScale);
  const marks: Plot.Markish[] = [
    Plot.barY(solid, { x: 'label', y: 'value', fill: INK }),
    // Hollow and dashed, so that a faint column reads as not a finding even in grey print.
    // One above the axis is cut at its top (it carries no value, the table gives it): drawn whole, it
    // rose far over the goal's line (tester 360).
    Plot.barY(
      onScale.filter((d) => d.faint).map((d) => ({ ...d, value: Math.min(d.value ?? 0, top) })),
      {
        x: 'label',
        y: 'value',
        fill: 'white',
        stroke: INK,
        strokeWidth: 1.5,
        strokeDasharray: '3,2',
        inset: 1,
      },
    ),
    // An off-scale column broken by a gap under the top of the axis, the usual sign of a value cut short.
    Plot.barY(offScale, { x: 'label', y1: 0, y2: top * 0.9, fill: INK }),
    Plot.barY(offScale, { x: 'label', y1: top * 0.94, y2: top, fill: INK }),
    Plot.ruleY([0]),
    hiddenMark(
      o.data.filter((d) => d.hidden),
      'y',
    ),
  ];
  // Labels are placed by their width, measured in Chromium (test/report/charts.test.ts): a year's
  // `Jan 2018` level ran into one another, as did every third of 36 months, and values over 24 columns.
  const columnWidth = COLUMN_FRAME_WIDTH / o.data.length;
  const labelWidth = Math.max(...o.data.map((d) => d.label.length)) * CHARACTER_WIDTH + 8;
  const fitsLevel = columnWidth >= labelWidth;
  // Up to two dozen columns each keep a label, turned 45 degrees when they do not fit level; beyond, turned
  // labels ran into the axis title (tester 121) and one another (Seattle's 72 months, tester 119), so
  // every n-th is labelled, level.
  const every =
    fitsLevel || o.data.length <= MAX_LABELLED_COLUMNS
      ? 1
      : (LABEL_STEPS.find((k) => k * columnWidth >= labelWidth) ?? Math.ceil(labelWidth / columnWidth));
  const turned = every === 1 && !fitsLevel;
  const widest = Math.max(0, ...data.map((d) => fmt(d.value ?? 0).length));
  if (o.rule) {
    marks.push(Plot.ruleY([o.rule.value], { stroke: '#b00020', strokeWidth: 2, strokeDasharray: '6,3' }));
    marks.push(
      // Above the frame: on the line, the label lay across the last months' bars whenever they passed the
      // goal (tester 121, Seattle's Jul and Aug 2023), and a right margin for it left month labels too
      // little room.
      Plot.text([o.rule.value], {
        frameAnchor: 'top-right',
        dy: -12,
        textAnchor: 'end',
        text: () => `${o.rule!.label} (dashed line)`,
        fill: '#b00020',
      }),
    );
  }
  // Over the goal's line, with a white edge: the line struck through values printed on it (tester 123).
  if (every === 1 && columnWidth >= widest * CHARACTER_WIDTH + 4)
    marks.push(
      Plot.text(solid, {
        x: 'label',
        y: 'value',
        text: (d: { value: number }) => fmt(d.value),
        dy: -7,
        ...HALO,
      }),
    );
  // An off-scale column's value is printed however narrow the columns: its height no longer tells it.
  // Toward the middle of the chart, so that a first or last month's text stays inside the drawing.
  const leftHalf = (d: ColumnDatum) => o.data.indexOf(d) < o.data.length / 2;
  for (const [rows, anchor] of [
    [offScale.filter(leftHalf), 'start'],
    [offScale.filter((d) => !leftHalf(d)), 'end'],
  ] as const)
    marks.push(
      Plot.text(rows, {
        x: 'label',
        y: () => top,
        text: (d: { value: number }) => `${fmt(d.value)} (off the scale)`,
        dy: -7,
        dx: anchor === 'start' ? -4 : 4,
        textAnchor: anchor,
        ...HALO,
      }),
    );
  const svg = Plot.plot({
    document,
    width: COLUMN_CHART_WIDTH,
    height: 300,
    // Turned month labels reached down into the axis title (tester 121).
    marginBottom: turned ? 72 : 40,
    marginLeft: 64,
    marginTop: o.rule ? 32 : 20,
    style: STYLE,
    x: {
      label: o.xLabel,
      labelAnchor: 'center',
      labelArrow: 'none',
      domain: o.data.map((d) => d.label),
      ...(every > 1 ? { ticks: o.data.filter((_, i) => i % every === 0).map((d) => d.label) } : {}),
      tickRotate: turned ? -45 : 0,
    },
    y: {
      label: o.yLabel,
      labelArrow: 'none',
      grid: true,
      domain: [0, top],
      tickFormat: o.percent ? percentTick(top) : whole ? count : undefined,
      // Whole values (units needed) on a short axis get whole ticks: 0.5 and 1.5 units read as possible
      // values (tester 229). On a longer axis Plot's own ticks are whole.
      ...(whole && top < 10 ? { ticks: Array.from({ length: Math.floor(top) + 1 }, (_, i) => i) } : {}),
    },
    marks,
  }) as unknown as SvgNode;
  return accessibleSvg(svg, o.title, o.description);
}

/**
 * Class breaks for a sequential scale: `n` equal-width classes over 0..max, the width a 1, 2 or 5 times a
 * power of ten, so that every break prints exactly (widths of 7.8 printed as 8, 16, 23 and 31 put a cell of
 * 23.0 under "16 to under 23").
 */
export function classBreaks(max: number, n = SEQUENTIAL.length): number[] {
  if (!(max > 0)) return [1];
  const step = max / n;
  const mag = 10 ** Math.floor(Math.log10(step));
  const nice = [1, 2, 5, 10].map((m) => m * mag).find((w) => w >= step * (1 - 1e-9)) ?? 10 * mag;
  return Array.from({ length: n - 1 }, (_, i) => Number(((i + 1) * nice).toPrecision(12)));
}

/**
 * Class breaks at the quintiles of the values, rounded down to 2 significant digits: for skewed counts (a
 * few hot cells, many quiet ones) where equal-width classes would paint almost everything the lightest
 * colour. Down, so that a value at a quintile stays in the class above it (115 rounded to 120 left the
 * top class empty).
 */
export function quantileBreaks(values: number[], n = SEQUENTIAL.length): number[] {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  if (!v.length) return [1];
  const round = (x: number) => {
    const mag = 10 ** (Math.floor(Math.log10(x)) - 1);
    return Number((Math.floor(x / mag) * mag).toPrecision(12));
  };
  const out: number[] = [];
  for (let i = 1; i < n; i++) {
    const b = round(v[Math.min(v.length - 1, Math.floor((i * v.length) / n))]!);
    if (b > (out[out.length - 1] ?? 0)) out.push(b);
  }
  return out.length ? out : [1];
}

export function classOf(v: number, breaks: number[]): number {
  let i = 0;
  while (i < breaks.length && v >= breaks[i]!) i++;
  return Math.min(i, SEQUENTIAL.length - 1);
}

/**
 * Swatches with the range each colour stands for: readable without colour vision, in print, in a screen
 * reader. From `from`, the smallest value drawn where it is not 0: a map's legend from 0 drew a class "0 to
 * under 500" of a public grid that draws no cell under 11 (tester 306); null where no value is drawn (every
 * area's hidden), with no classes.
 */
export function classLegend(
  title: string,
  breaks: readonly number[],
  format: (v: number) => string,
  extra: { label: string; fill: string }[] = [],
  from: number | null = 0,
  to?: number,
): Html {
  const ranges = (from === null ? [] : SEQUENTIAL.slice(0, breaks.length + 1)).map((fill, i) => {
    const lo = i === 0 ? from! : breaks[i - 1]!;
    const hi = breaks[i];
    // Up to `to`, the largest value drawn, where the legend may print it: "86 or more" of a grid whose
    // caption named a busiest cell of 1,210 hid how far the top class reached (tester 343).
    const top =
      to === undefined ? `${format(lo)} or more` : to > lo ? `${format(lo)} to ${format(to)}` : format(lo);
    return { fill, label: hi === undefined ? top : `${format(lo)} to under ${format(hi)}` };
  });
  return html`<div class="legend">
    <p class="legend-title">${title}</p>
    <ul>
      ${[...ranges, ...extra].map(
        (r) => html`<li><span class="swatch" style="background:${r.fill}"></span>${r.label}</li>`,
      )}
    </ul>
  </div>`;
}

export interface HeatmapOptions {
  title: string;
  description: string;
  /** The hours of the week to draw (up to 168; one not given is left blank); value null = suppressed. dow 1 = Monday. */
  cells: { dow: number; hour: number; value: number | null }[];
  valueLabel: string;
}

const DAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Hour-of-week heatmap: days down, hours across, classed colours. Returns the SVG and its legend. */
export function hourOfWeekHeatmap(o: HeatmapOptions): { svg: Html; legend: Html } {
  const document = newDocument();
  // Classed by the rate as the table prints it: 1.96, printed 2.0, was coloured "1 to under 2" (tester 119).
  const shown = o.cells.map((c) => (c.value === null ? null : printedRate(c.value)));
  const max = Math.max(0, ...shown.map((v) => v ?? 0));
  // No break above the largest rate drawn: the top class holds it and ends at it, as the hotspot grid's
  // does (Minneapolis' legend ended "80 or more" over a busiest hour of 60). A hidden hour is not drawn and
  // counts for none, so the end is a rate the table shows.
  const breaks = classBreaks(max).filter((b) => b <= max);
  const data = o.cells.map((c, i) => ({
    day: DAY_SHORT[c.dow - 1]!,
    hour: String(c.hour).padStart(2, '0'),
    fill: shown[i] === null ? SUPPRESSED_FILL : SEQUENTIAL[classOf(shown[i]!, breaks)]!,
  }));
  const svg = Plot.plot({
    document,
    width: 760,
    height: 250,
    marginLeft: 44,
    marginBottom: 40,
    padding: 0.05,
    style: STYLE,
    x: {
      label: 'Hour of the day (local time)',
      labelAnchor: 'center',
      labelArrow: 'none',
      domain: Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0')),
    },
    y: { label: null, domain: DAY_SHORT },
    color: { type: 'identity' },
    marks: [Plot.cell(data, { x: 'hour', y: 'day', fill: 'fill', inset: 0.5 })],
  }) as unknown as SvgNode;
  const suppressed = o.cells.some((c) => c.value === null);
  return {
    svg: accessibleSvg(svg, o.title, o.description),
    legend: classLegend(
      o.valueLabel,
      breaks,
      exact,
      suppressed ? [{ label: 'suppressed (fewer than 11 calls, or withheld)', fill: SUPPRESSED_FILL }] : [],
      // Every hour hidden: no class stands for an hour drawn.
      shown.some((v) => v !== null) ? 0 : null,
      max,
    ),
  };
}

export interface RangeDatum {
  label: string;
  /** Median and 90th percentile, minutes. */
  median: number | null;
  p90: number | null;
  hidden?: boolean;
}

/** Median (dot) and 90th percentile (tick at the end of a line from the median) per row, in minutes. */
export function rangeChart(o: {
  title: string;
  description: string;
  valueLabel: string;
  data: RangeDatum[];
}): Html {
  if (!hasValueToDraw(o.data.map((d) => ({ value: d.p90 })))) return html``;
  const document = newDocument();
  const data = o.data.filter((d) => d.median !== null && d.p90 !== null);
  const labelWidth = labelMargin(o.data.map((d) => d.label));
  const max = Math.max(1, ...data.map((d) => d.p90 ?? 0));
  const svg = Plot.plot({
    document,
    width: 720,
    height: 72 + o.data.length * 26,
    marginLeft: labelWidth,
    marginRight: 40,
    marginBottom: AXIS_ROOM,
    style: STYLE,
    x: { label: o.valueLabel, labelAnchor: 'center', labelArrow: 'none', grid: true, domain: [0, max * 1.1] },
    y: { label: null, domain: o.data.map((d) => d.label), tickFormat: marginLabel },
    marks: [
      Plot.ruleY(data, { x1: 'median', x2: 'p90', y: 'label', stroke: GREY, strokeWidth: 2 }),
      Plot.tickX(data, { x: 'p90', y: 'label', stroke: INK_2, strokeWidth: 3 }),
      Plot.dot(data, { x: 'median', y: 'label', fill: INK, r: 5 }),
      Plot.ruleX([0]),
      hiddenMark(
        o.data.filter((d) => d.hidden),
        'x',
      ),
    ],
  }) as unknown as SvgNode;
  return accessibleSvg(svg, o.title, o.description);
}

/** The key of rangeChart, as text (the marks are not colour-only: a dot and a tick). */
export function rangeLegend(): Html {
  return html`<div class="legend">
    <ul>
      <li><span class="swatch dot" style="background:${INK}"></span>Median (half of calls were faster)</li>
      <li>
        <span class="swatch tick" style="background:${INK_2}"></span>90th percentile (9 in 10 calls were
        faster)
      </li>
    </ul>
  </div>`;
}
