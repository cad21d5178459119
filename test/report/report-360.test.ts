/**
 * Tester 360, the report on 40,000 rows of Minneapolis' 2022 calls (2022-09-30 to 2022-12-18):
 * - "Diverted share month by month": September's 2 calls at 50.0%, drawn hollow, set the axis to 50%, the
 *   real months at 3.5-3.7% were slivers, and the hollow column rose far over the goal's line;
 * - the opening sentence's "about 3,235 a week" is of the 36,972 calls counted, and read as of every call;
 * - a report of November alone drew a one-column monthly trend "so a month only partly inside the period
 *   compares with whole months", with nothing to compare;
 * - the public edition's "Capacity needed" advised command-line flags.
 * Every expectation is worked from the store with SQL here, not from the report's own tables.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { count, rate } from '../../src/report/format.js';
import { buildReport } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv, storeRows } from '../helpers/store.js';

/** The <figure> whose heading has this id, as the report writes it. */
function figureOf(html: string, id: string): string {
  const at = html.indexOf(`id="${id}"`);
  expect(at).toBeGreaterThan(0);
  return html.slice(html.lastIndexOf('<figure', at), html.indexOf('</figure>', at));
}
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/\s+/g, ' ');
/** The rects of the first SVG group whose opening tag has these attributes. */
const rectsOf = (svg: string, attrs: string) => {
  const at = svg.indexOf(`<g ${attrs}>`);
  expect(at).toBeGreaterThan(0);
  return [...svg.slice(at, svg.indexOf('</g>', at)).matchAll(/<rect height="([\d.]+)" y="([\d.]+)"/g)].map(
    (m) => ({ height: Number(m[1]), y: Number(m[2]) }),
  );
};

/** The chart's frame top: Plot's marginTop of a column chart with a goal's line (charts.ts). */
const FRAME_TOP = 32;
const GOAL = 0.2;

describe('report of 40,000 Minneapolis calls (tester 360)', () => {
  const dir = tempDir('safegap-360-');
  const store = join(dir, 'store');
  let internal: string;
  let pub: string;
  let november: string;
  beforeAll(async () => {
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n');
    writeFileSync(join(dir, 'm40k.csv'), `${lines.slice(0, 40_001).join('\n')}\n`);
    await ingest({ files: [join(dir, 'm40k.csv')], profile: 'minneapolis-cad', store });
    internal = readFileSync((await buildReport({ store, out: join(dir, 'int') })).html, 'utf8');
    pub = readFileSync((await buildReport({ store, out: join(dir, 'pub'), public: true })).html, 'utf8');
    november = readFileSync(
      (await buildReport({ store, out: join(dir, 'nov'), from: '2022-11-01', to: '2022-11-30' })).html,
      'utf8',
    );
  }, 600_000);

  it('scales the diverted share by month on the months of 20 calls or more and the goal, cutting the hollow one', async () => {
    // Diverted: anyone but police or unknown; of the calls that are not officer-initiated (the default).
    const months = await storeRows<{ month: string; calls: number; diverted: number }>(
      store,
      `SELECT strftime(received_local, '%Y-%m') AS month, count(*)::INTEGER AS calls,
              count(*) FILTER (WHERE responder NOT IN ('police', 'unknown'))::INTEGER AS diverted
         FROM calls WHERE origin <> 'officer_initiated' GROUP BY 1 ORDER BY 1`,
    );
    const solid = months.filter((m) => m.calls >= 20).map((m) => m.diverted / m.calls);
    const hollow = months.filter((m) => m.calls < 20).map((m) => m.diverted / m.calls);
    // September's 1 of 2 calls, far above the goal; three solid months under 4%.
    expect(hollow).toEqual([0.5]);
    expect(solid).toHaveLength(3);
    expect(Math.max(...solid)).toBeLessThan(0.04);
    const expectedTop = Math.max(GOAL, ...solid) * 1.15;

    const fig = figureOf(internal, 'fig-diverted-share-month-by-month');
    const svg = fig.slice(fig.indexOf('<svg'), fig.indexOf('</svg>'));
    const ticks = new Map(
      [...svg.matchAll(/<text transform="translate\(64,([\d.]+)\)" y="0\.32em">([\d.]+)%<\/text>/g)].map(
        (m) => [Number(m[2]) / 100, Number(m[1])],
      ),
    );
    const zero = ticks.get(0)!;
    const [v, y] = [...ticks].at(-1)!;
    expect(v).toBeGreaterThan(0);
    const perUnit = (zero - y) / v;
    // The axis runs from 0 at `zero` up to the frame's top: its top value is the goal's with Plot's 15%.
    expect((zero - FRAME_TOP) / perUnit).toBeCloseTo(expectedTop, 3);
    // The solid columns stand at their own shares, now tall enough to read.
    const columns = rectsOf(svg, 'fill="#1f5f99"');
    expect(columns.map((r) => r.height / perUnit)).toEqual(solid.map((s) => expect.closeTo(s, 4)));
    // The hollow column is cut at the top of the frame, not drawn to 50% (inset 1 px at either end).
    const [cut] = rectsOf(svg, 'stroke-dasharray="3,2" stroke-width="1.5" stroke="#1f5f99" fill="white"');
    expect(cut!.y).toBeCloseTo(FRAME_TOP + 1, 3);
    expect(cut!.y + cut!.height).toBeCloseTo(zero - 1, 3);
    expect((zero - cut!.y) / perUnit).toBeLessThan(hollow[0]!);
    expect(svg).not.toContain('50.0%');
    expect(textOf(fig)).toContain(
      'The other months and the goal set the axis: a hollow column above its top is cut there.',
    );
  });

  it('says which calls the weekly figure of the opening sentence is of', async () => {
    const [row] = await storeRows<{ calls: number; counted: number; first: string; last: string }>(
      store,
      `SELECT count(*)::INTEGER AS calls, count(*) FILTER (WHERE origin <> 'officer_initiated')::INTEGER AS counted,
              strftime(min(received_local), '%Y-%m-%d') AS first, strftime(max(received_local), '%Y-%m-%d') AS last
         FROM calls`,
    );
    const days = (Date.parse(row!.last) - Date.parse(row!.first)) / 86_400_000 + 1;
    expect(days).toBe(80);
    expect(textOf(internal)).toContain(
      `In the 80 days from ${row!.first} to ${row!.last}, ${count(row!.calls)} calls for service were received, of which ${count(row!.counted)} are counted in the shares below (all calls for service excluding officer-initiated): those counted are about ${rate(row!.counted / (days / 7))} a week.`,
    );
  });

  it('draws no monthly trend of a single month, says why, and keeps its table', async () => {
    const [nov] = await storeRows<{ calls: number }>(
      store,
      `SELECT count(*)::INTEGER AS calls FROM calls WHERE strftime(received_local, '%Y-%m') = '2022-11'`,
    );
    const fig = figureOf(november, 'fig-monthly-trend');
    expect(fig).not.toContain('<svg');
    const text = textOf(fig);
    expect(text).toContain(
      'No chart is drawn: the period lies within one month, so there is no other month to compare it with',
    );
    expect(text).not.toContain('compares with whole months');
    expect(text).toContain(`Nov 2022: ${rate(nov!.calls / 30)} (30 days)`);
    expect(reportCsv(join(dir, 'nov'), 'calls_by_month')).toMatchObject([
      { days: '30', calls: String(nov!.calls) },
    ]);
    // Four months still draw their columns, compared as calls a day.
    const all = figureOf(internal, 'fig-monthly-trend');
    expect(all).toContain('<svg');
    expect(textOf(all)).toContain('compares with whole months');
  });

  it('advises no command-line flags in the public edition when no number of units meets the goal', () => {
    // The goal is out of reach on these calls in both editions: the sentence under test is there.
    expect(textOf(internal)).toContain('No number of units would meet the service goal');
    expect(textOf(pub)).toContain('No number of units would meet the service goal');
    const flags = ['--reach-minutes', '--reach-level', '--max-wait-probability'];
    for (const flag of flags) {
      expect(internal).toContain(`<code>${flag}</code>`);
      expect(pub).not.toContain(flag);
    }
    expect(textOf(pub)).toContain(
      'A plan could be made for a longer reach time, a lower share of calls reached in time or a goal on the chance of a call waiting for a unit.',
    );
  });
});
