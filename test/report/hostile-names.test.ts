/**
 * Area names and call types a reader cannot be shown as they are (tester 269), and boundary files a GIS
 * office hands over (tester 270): invisible and reordering characters shown as escapes, long names cut
 * in captions and map labels, a detailed boundary drawn, and overlapping features drawn as they count.
 */
import { describe, expect, it } from 'vitest';
import { figure } from '../../src/report/charts.js';
import { escapeHtml, html } from '../../src/report/html.js';
import { choropleth } from '../../src/report/maps.js';
import type { Area } from '../../src/analyse/spatial-join.js';
import { square } from '../helpers/geo.js';

describe('text a browser would hide or turn round', () => {
  it('shows a bidirectional override, zero-width and soft-hyphen characters as escapes', () => {
    // U+202E turned "Top Sector 12 (51.3% of calls)." round, "(sllac fo %3.15)", in the HTML and the PDF.
    expect(escapeHtml('came from \u202eTop Sector 12 (51.3% of calls).')).toBe(
      'came from \\u202eTop Sector 12 (51.3% of calls).',
    );
    // Four spellings of one type read alike: a zero-width space, a word joiner, a soft hyphen, a BOM.
    expect(
      ['Welfare\u200b Check', 'Welfare\u2060Check', 'Wel\u00adfare', '\ufeffWelfare'].map(escapeHtml),
    ).toEqual(['Welfare\\u200b Check', 'Welfare\\u2060Check', 'Wel\\xadfare', '\\ufeffWelfare']);
    // Letters of any script, a no-break space and emoji are text, shown as they are.
    expect(escapeHtml('Café\u00a0Nord – Ωμέγα 🚑')).toBe('Café\u00a0Nord – Ωμέγα 🚑');
  });
});

describe('a long name in a caption or on a map', () => {
  const long = `Sector${'Q'.repeat(5_000)}`;

  it('cuts a word over 80 characters in a caption, which quoted 5,000 over two printed pages', () => {
    const out = figure(
      { title: 'Calls by sector', description: `The most calls came from ${long} (51.3% of calls).` },
      html`<svg></svg>`,
    ).value;
    expect(out).toContain(`came from ${long.slice(0, 79)}… (51.3% of calls).`);
    expect(out).not.toContain('Q'.repeat(80));
  });

  it("cuts a map's labels to 36 characters and its tooltips to 80", () => {
    const areas: Area[] = [
      { name: long, rings: [square(-93.3, 44.9, -93.2, 45)] },
      { name: 'East', rings: [square(-93.2, 44.9, -93.1, 45)] },
    ];
    const map = choropleth({
      title: 'Calls by sector',
      description: `The most calls came from ${long}.`,
      areas,
      values: new Map([
        [long, 648],
        ['East', 20],
      ]),
      valueLabel: 'Calls',
    }).svg.value;
    expect(map).toContain(`>${long.slice(0, 35)}…</text`);
    expect(map).toContain(`<title>${long.slice(0, 79)}…: 648</title>`);
    expect(map).not.toContain('Q'.repeat(80));
  });
});

describe('boundary files as a GIS office hands them over (tester 270)', () => {
  it('draws a boundary of 150,000 vertices, which overflowed the stack, with a vertex per tenth of a pixel', () => {
    // A circle of 150,000 vertices about the city: Math.min(...xs) passed each as an argument.
    const n = 150_000;
    const ring: [number, number][] = Array.from({ length: n + 1 }, (_, i) => {
      const a = (2 * Math.PI * (i % n)) / n;
      return [-93.25 + 0.1 * Math.cos(a), 44.95 + 0.07 * Math.sin(a)];
    });
    const { svg } = choropleth({
      title: 'Calls by zone',
      description: 'Calls by zone.',
      areas: [{ name: 'Zone', rings: [ring] }],
      values: new Map([['Zone', 100]]),
      valueLabel: 'Calls',
    });
    const path = /<path d="([^"]*)"/.exec(svg.value)![1]!;
    const points = path.slice(1, -1).split('L');
    // An ellipse 620 px wide has a perimeter under 4,000 px: at most ten vertices a pixel are drawn, and
    // no two after one another in the same place.
    expect(points.length).toBeLessThan(40_000);
    expect(points.length).toBeGreaterThan(1_000);
    expect(points.filter((p, i) => i > 0 && p === points[i - 1])).toEqual([]);
  });

  it('draws the first of two overlapping features on top, as the calls in both count in it', () => {
    // A downtown zone over precinct 1: listed first, its calls are its own, and it must not be painted over.
    const areas: Area[] = [
      { name: 'Downtown', rings: [square(-93.28, 44.96, -93.26, 44.98)] },
      { name: 'Precinct 1', rings: [square(-93.3, 44.94, -93.24, 45)] },
    ];
    const { svg } = choropleth({
      title: 'Calls by zone',
      description: 'Calls by zone.',
      areas,
      values: new Map([
        ['Downtown', 648],
        ['Precinct 1', 795],
      ]),
      valueLabel: 'Calls',
    });
    const order = [...svg.value.matchAll(/<title>([^<:]*):/g)]
      .map((m) => m[1])
      .filter((t) => t !== 'Calls by zone');
    expect(order).toEqual(['Precinct 1', 'Downtown']);
  });
});
