/**
 * Classed colour scales: the range a legend prints for a colour must hold every value drawn in it, read
 * back from the printed text (an outside auditor found 23.0 coloured as "16 to under 23", and Seattle's
 * legend reading "0 to under 0" four times).
 */
import { describe, expect, it } from 'vitest';
import {
  barChart,
  classBreaks,
  columnChart,
  figure,
  classLegend,
  classOf,
  hourOfWeekHeatmap,
  INK_2,
  quantileBreaks,
  rangeChart,
  SEQUENTIAL,
} from '../../src/report/charts.js';
import { hotspotGrid } from '../../src/report/maps.js';
import { html } from '../../src/report/html.js';
import { launch } from './browser.js';
import { exact, goalPercent } from '../../src/report/format.js';

/** The printed ranges of a legend, in colour order, as numbers. */
function printedRanges(breaks: number[], legend = classLegend('t', breaks, exact)): [number, number][] {
  const text = String(legend).replace(/<[^>]*>/g, '\n');
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => / to under | or more$/.test(l))
    .map((l) => {
      const [lo, hi] = l.replace(' or more', '').split(' to under ');
      const n = (s: string | undefined) => (s === undefined ? Infinity : Number(s.replaceAll(',', '')));
      return [n(lo), n(hi)];
    });
}

describe('classed colour scales', () => {
  const cases: [string, number[], number[]][] = [
    // A day's hours: 11 to 39 calls an hour (the 2022-11-06 report).
    ['equal widths, a day', classBreaks(39), [0, 11, 23, 23.4, 30, 31, 31.2, 39]],
    // Seattle's sample: a few calls an hour over six years.
    ['equal widths, rare calls', classBreaks(0.019), [0, 0.0039, 0.0064, 0.0078, 0.016, 0.019]],
    ['equal widths, many calls', classBreaks(1234.5), [0, 1, 246.9, 247, 1234.5]],
    // Two hotspot cells of 94 and 115 calls.
    ['quintiles', quantileBreaks([94, 115]), [94, 115]],
    ['quintiles, skewed', quantileBreaks([1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144]), [1, 2, 13, 55, 144]],
  ];
  for (const [name, breaks, values] of cases)
    it(`${name}: every value lies in the range its colour's legend prints`, () => {
      const ranges = printedRanges(breaks);
      expect(ranges).toHaveLength(breaks.length + 1);
      // No range is empty or repeated.
      for (const [lo, hi] of ranges) expect(hi).toBeGreaterThan(lo);
      for (const v of values) {
        const [lo, hi] = ranges[classOf(v, breaks)]!;
        expect(v >= lo && v < hi, `${v} in ${lo} to under ${hi}`).toBe(true);
      }
    });

  it("prints the heatmap's own legend so that its cells lie in their colour's range", () => {
    const values = [11, 23, 23.4, 31, 39];
    const cells = Array.from({ length: 168 }, (_, i) => ({
      dow: Math.floor(i / 24) + 1,
      hour: i % 24,
      value: values[i % values.length]!,
    }));
    const { legend } = hourOfWeekHeatmap({ title: 't', description: 'd', cells, valueLabel: 'v' });
    const breaks = classBreaks(39);
    const ranges = printedRanges(breaks, legend);
    for (const v of values) {
      const [lo, hi] = ranges[classOf(v, breaks)]!;
      expect(v >= lo && v < hi, `${v} in ${lo} to under ${hi}`).toBe(true);
    }
  });

  it('colours a heatmap cell by its rate as the table prints it (tester 119: 1.96 printed 2.0 in "1 to under 2")', () => {
    // Burlington's Monday 00:00 (1.9615, printed 2.0) and Sunday 15:00 (2.9615, printed 3.0); 4.9 sets
    // breaks at 1, 2, 3 and 4 (steps of 4.9 / 5 = 0.98, made 1).
    const values = [1.9615, 2.9615, 4.9, 0.456];
    const cells = values.map((value, i) => ({ dow: 1, hour: i, value }));
    const { svg } = hourOfWeekHeatmap({ title: 't', description: 'd', cells, valueLabel: 'v' });
    const fills = [...String(svg).matchAll(/<rect[^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
    // 2.0 is in "2 to under 3", 3.0 in "3 to under 4", 4.9 in "4 or more", 0.46 in "0 to under 1".
    expect(fills).toEqual([SEQUENTIAL[2], SEQUENTIAL[3], SEQUENTIAL[4], SEQUENTIAL[0]]);
  });

  it('gives two hotspot cells of different counts different colours', () => {
    const breaks = quantileBreaks([94, 115]);
    expect(classOf(94, breaks)).not.toBe(classOf(115, breaks));
    // The top class a value reaches is drawn: no break lies above the largest value.
    expect(Math.max(...breaks)).toBeLessThanOrEqual(115);
  });
});

describe('bar chart parts', () => {
  it('draws no part for a hidden one, and a zero-width part for a real zero', () => {
    // A withheld diverted count was drawn as a bar of width 0, as a real 0 is.
    const svg = barChart({
      title: 't',
      description: 'd',
      valueLabel: 'Calls',
      partLabel: 'Diverted',
      data: [
        { label: 'a', value: 10, part: 3 },
        { label: 'b', value: 8, part: null },
        { label: 'c', value: 5, part: 0 },
      ],
    }).value;
    const parts = new RegExp(`<g fill="${INK_2}">(.*?)</g>`).exec(svg)![1]!;
    const rects = [...parts.matchAll(/<rect [^>]*y="(\d+)"[^>]*width="([\d.]+)"/g)].map((m) => Number(m[2]));
    // Rows a and c: 3 of 10 drawn at 0.3 of a's bar, c's 0 at no width; b has none.
    expect(rects).toHaveLength(2);
    expect(rects[1]).toBe(0);
    expect(rects[0]).toBeGreaterThan(0);
  });
});

describe('hidden values in charts', () => {
  // The texts of a chart's marks: a hidden value's row is marked `x`, a value that does not exist is not.
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
  const base = { title: 't', description: 'd' };
  it('marks each hidden row x, and leaves a row with no value empty', () => {
    // Tester 117: postal code 55412's 4,214 calls, hidden as cover, drew a labelled row with no bar.
    const data = [
      { label: 'shown', value: 40 },
      { label: 'hidden', value: null, hidden: true },
      { label: 'none', value: null },
      { label: 'hidden too', value: null, hidden: true },
    ];
    const bars = texts(barChart({ ...base, valueLabel: 'Calls', data }).value);
    expect(bars.filter((t) => t === 'x')).toHaveLength(2);
    expect(bars).toContain('40');
    const columns = texts(columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data }).value);
    expect(columns.filter((t) => t === 'x')).toHaveLength(2);
    const ranges = texts(
      rangeChart({
        ...base,
        valueLabel: 'Minutes',
        data: data.map((d) => ({ label: d.label, median: d.value, p90: d.value, hidden: d.hidden })),
      }).value,
    );
    expect(ranges.filter((t) => t === 'x')).toHaveLength(2);
    // A hidden part of a shown bar (a category's diverted calls) is an x in the part's colour (tester 118).
    const parts = barChart({
      ...base,
      valueLabel: 'Calls',
      partLabel: 'Diverted',
      data: [
        { label: 'a', value: 40, part: 5 },
        { label: 'b', value: 30, part: null, partHidden: true },
        { label: 'c', value: 20, part: null },
      ],
    }).value;
    expect(
      [...parts.matchAll(/<g[^>]*fill="([^"]*)"[^>]*>(?:(?!<\/g>)[\s\S])*?>x<\/text>/g)].map((m) => m[1]),
    ).toEqual([INK_2]);
    // Nothing else in a chart of no hidden value reads x.
    expect(texts(barChart({ ...base, valueLabel: 'Calls', data: data.slice(0, 1) }).value)).not.toContain(
      'x',
    );
  });
});

describe('goals as given', () => {
  it('prints a goal with the decimals it was given, not rounded to a whole percent', () => {
    // A 3.5% target read "The goal is 4%" beside a table of 3.5%.
    expect([0.2, 0.035, 0.1225, 0.07].map(goalPercent)).toEqual(['20%', '3.5%', '12.25%', '7%']);
    // Never an exponent: 1e-9 read "1e-7%".
    expect(goalPercent(1e-9)).toBe('0.0000001%');
  });
});

describe('charts with too much or nothing to draw', () => {
  const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
  const base = { title: 't', description: 'Columns of calls by month.' };
  it('labels every n-th of many columns, without values (tester 119: 72 months ran together)', () => {
    const months = Array.from({ length: 72 }, (_, i) => ({
      label: `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][i % 12]} ${2018 + Math.floor(i / 12)}`,
      value: 1000 + i,
    }));
    const t = texts(columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data: months }).value);
    // 72 / 12 = every 6th: Jan and Jul of each year, 12 in all; no value over a column.
    const labelled = t.filter((x) => / 20\d\d$/.test(x));
    expect(labelled).toHaveLength(12);
    expect(labelled.slice(0, 3)).toEqual(['Jan 2018', 'Jul 2018', 'Jan 2019']);
    expect(t.filter((x) => /^1,0[1-9]\d$/.test(x))).toEqual([]);
    // 24 columns or fewer: each labelled, with its value.
    const few = texts(
      columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data: months.slice(0, 24) }).value,
    );
    expect(few.filter((x) => / 20\d\d$/.test(x))).toHaveLength(24);
    expect(few).toContain('1,023');
  });

  it('draws 72 months with no text over another, axis title included (tester 121, in Chromium)', async () => {
    const months = Array.from({ length: 72 }, (_, i) => ({
      label: `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][i % 12]} ${2018 + Math.floor(i / 12)}`,
      value: 10 + (i % 7),
    }));
    const svg = columnChart({
      ...base,
      xLabel: 'Month',
      yLabel: 'Calls per day',
      data: months,
      rule: { value: 12, label: 'goal 12' },
    }).value;
    const browser = await launch();
    try {
      const page = await browser.newPage({ viewport: { width: 800, height: 400 } });
      await page.setContent(`<!doctype html><body style="margin:0;font-family:system-ui">${svg}</body>`);
      const overlaps = await page.evaluate<string[]>(`(() => {
        const texts = [...document.querySelectorAll('svg text')]
          .map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }))
          .filter((x) => x.r.width > 0 && x.t.trim() !== '');
        return texts.flatMap((a, i) => texts.slice(i + 1)
          .filter((b) => a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 && a.r.top < b.r.bottom - 1 && b.r.top < a.r.bottom - 1)
          .map((b) => a.t + ' / ' + b.t));
      })()`);
      expect(overlaps).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('draws no chart of nothing but 0 and x, and the figure says why (tester 119: Seattle public months)', () => {
    const data = [
      { label: 'Jan', value: null, hidden: true },
      { label: 'Feb', value: 0 },
      { label: 'Mar', value: null, hidden: true },
    ];
    expect(columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data }).value).toBe('');
    expect(barChart({ ...base, valueLabel: 'Calls', data }).value).toBe('');
    expect(
      rangeChart({
        ...base,
        valueLabel: 'Minutes',
        data: data.map((d) => ({ ...d, median: d.value, p90: d.value })),
      }).value,
    ).toBe('');
    const f = String(
      figure(
        { title: 'Monthly trend', description: base.description },
        columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data }),
      ),
    );
    expect(f).toContain(
      'No chart is drawn: no value is above 0 (each is 0, hidden as x, or missing as -), so it would be an empty axis; the table gives them. Columns of calls by month.',
    );
    expect(f).not.toContain('chart-svg');
    // Nor the legend of marks it does not draw (tester 121: the median and 90th percentile's, above none).
    const legend = String(
      figure(
        { title: 'Response time', description: 'd', legend: html`<div class="legend">Median</div>` },
        rangeChart({ ...base, valueLabel: 'Minutes', data: [{ label: 'Police', median: null, p90: null }] }),
      ),
    );
    expect(legend).not.toContain('Median');
    expect(legend).toContain('missing as -');
    // One value above 0 is a chart.
    expect(
      columnChart({ ...base, xLabel: 'Month', yLabel: 'Calls', data: [...data, { label: 'Apr', value: 3 }] })
        .value,
    ).toContain('<svg');
  });
});

describe('hotspot grid frame', () => {
  it('spans at least ten cells each way, so that two cells do not fill it (tester 119: Seattle)', () => {
    const cellDeg = { lat: 0.5 / 111.32, lon: 0.5 / (111.32 * Math.cos((47.6 * Math.PI) / 180)) };
    const cells = [
      { lat: 47.6, lon: -122.33, calls: 94 },
      { lat: 47.6, lon: -122.33 + cellDeg.lon, calls: 110 },
    ];
    const { svg } = hotspotGrid({ title: 't', description: 'd', cells, cellDeg, suppress: true });
    const attr = (tag: string, name: string) => Number(new RegExp(` ${name}="([\\d.]+)"`).exec(tag)![1]);
    const rects = [...String(svg).matchAll(/<rect[^>]*>/g)].map((m) => ({
      w: attr(m[0], 'width'),
      h: attr(m[0], 'height'),
    }));
    expect(rects).toHaveLength(2);
    // The figure is 640 wide with margins of 10: two cells of ten take at most a fifth of 620 (less the strokes).
    const total = rects.reduce((a, r) => a + r.w, 0);
    expect(total).toBeLessThanOrEqual(620 / 5 + 1);
    expect(total).toBeGreaterThan(620 / 5 - 5);
  });
});
