/**
 * A city whose export records no arrival (Burlington's): the report says there is no response time
 * rather than printing dashes where the minutes would be.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const FILE = sharedFile('burlington_vt/police-incidents-2022.csv');

describe('report of an export without arrival times', () => {
  const dir = tempDir('safegap-untimed-');
  let report: ReportResult;
  const raw = csvObjects(readFileSync(FILE, 'utf8'));
  beforeAll(async () => {
    const store = join(dir, 'store');
    await ingest({ files: [FILE], profile: 'burlington-vt', store });
    report = await buildReport({ store, out: join(dir, 'report') });
  }, 120_000);

  it('says no call has a response time, in the summary and the chart captions', () => {
    // The export has no arrival column at all.
    const header = Object.keys(raw[0]!);
    expect(header.some((h) => /arriv|on.?scene/i.test(h))).toBe(false);
    // The notes name a telephone report's arrival, whose apostrophe the page escapes.
    const text = readFileSync(report.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .replaceAll('&#39;', "'");
    // "had a unit on scene within - of the call being picked up; 9 in 10 within -."
    expect(text).not.toMatch(/within - /);
    // The Seattle figure is Seattle's: "withheld ...; it is 79.7%" read as this city's (tester 199). And the
    // figures that count every call are named as such (tester 199: all were said to count the denominator's).
    expect(text).toContain('How calls came in, when they came in and the months count every call.');
    expect(text).not.toMatch(/counted in the figures below|The same diverted calls|shares do not add up/);
    // Nor for reasons that do not apply (arrivals missing, before the pickup or late): the export has no
    // unit time at all (tester 131).
    expect(header.some((h) => /assign|dispatch|en.?route|clear|queue/i.test(h))).toBe(false);
    expect(text).toMatch(
      /No call timed \([^)]*\) has a valid response time: the export records no unit time \(queued, assigned, en route, arrived or cleared; a 311, online or telephone report's arrival time is when the report was taken, not a unit's arrival\), or its profile maps none, so there is no measure/,
    );
    expect(text).toMatch(
      /no call timed \([^)]*\) has a valid time \(the export records no unit time; a 311, online or telephone report's arrival is when the report was taken\)/,
    );
    expect(text).toContain(
      "No call of the period has a unit time (queued, assigned, en route, arrived or cleared; a 311, online or telephone report's arrival time is when the report was taken, not a unit's arrival): the export records when calls were received, not when units were sent or arrived, or its profile maps no such column. So no response time can be measured.",
    );
    expect(text).toContain(
      // No marks of a chart not drawn are described (tester 199: "Median (dot) and 90th percentile (tick)").
      "No chart is drawn. Minutes from pickup to first arrival for each responder. No call has a response time: the export records no unit time (a 311, online or telephone report's arrival is when the report was taken).",
    );
    // "each is 0, hidden as x, or missing as -" suggested zeros (tester 165).
    expect(text).not.toContain('no value is above 0 (each is 0');
    expect(text).not.toMatch(/\. \.|no arrival is recorded|implausibly late\.|cancelled, handled by phone/);
    // Nor is an empty chart drawn for them (an axis of 0 to 1 minute, tester 82).
    const page = readFileSync(report.html, 'utf8');
    for (const title of ['Response time by responder', 'Response time by final priority']) {
      const fig = page.slice(
        page.indexOf(`>${title}</h3>`),
        page.indexOf('</figure>', page.indexOf(`>${title}</h3>`)),
      );
      expect(fig.length, title).toBeGreaterThan(0);
      expect(fig, title).not.toContain('<svg');
    }
  });

  it('calls its streets streets: the export has no house numbers, so no address is a block', () => {
    // NORTH AVE's 848 calls were listed as "blocks with the most calls" (tester 106).
    // Fewer than 1% of the raw addresses hold a digit, most of them route numbers (`Rt 127/north Ave`).
    expect(raw.filter((r) => /\d/.test(r.Street ?? '')).length).toBeLessThan(0.01 * raw.length);
    const listed = csvObjects(
      readFileSync(join(dirname(report.html), 'csv', 'repeat_locations.csv'), 'utf8'),
    );
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((r) => /\dXX\b/.test(r.block!))).toEqual([]);
    const page = readFileSync(report.html, 'utf8');
    const locations = page.slice(page.indexOf('<section id="locations"')).replace(/\s+/g, ' ');
    expect(locations).toContain(
      'No address listed here has a house number, so each is a whole street or an intersection, not one block of it.',
    );
  });

  it('says how many blocks a cut inside a tie left out', async () => {
    // Counted from the raw file: streets in upper case (none has a house number to coarsen), `NA` a null,
    // a word's closing full stop dropped and `SAINT` written `ST`, as the block level writes one street one
    // way (tester 360: `ST. PAUL ST`, `SAINT PAUL ST`).
    const counts = new Map<string, number>();
    for (const r of raw) {
      const street = (r.Street ?? '')
        .trim()
        .toUpperCase()
        .split(/\s+/)
        .map((w) => w.replace(/\.+$/, ''))
        .map((w) => (w === 'SAINT' ? 'ST' : w))
        .join(' ');
      if (street && street !== 'NA') counts.set(street, (counts.get(street) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((a, b) => b - a);
    // The first cut that falls inside a tie (Burlington: two streets of 102 calls at the 19th place).
    const top = sorted.findIndex((n, i) => i > 0 && n === sorted[i - 1]);
    expect(top).toBeGreaterThan(0);
    const tied = sorted[top]!;
    const leftOut =
      sorted.filter((n) => n === tied).length - sorted.slice(0, top).filter((n) => n === tied).length;
    const r = await buildReport({ store: join(dir, 'store'), out: join(dir, 'tie'), top });
    const listed = csvObjects(readFileSync(join(dirname(r.html), 'csv', 'repeat_locations.csv'), 'utf8'));
    expect(listed.map((x) => Number(x.calls))).toEqual(sorted.slice(0, top));
    const text = readFileSync(r.html, 'utf8').replace(/\s+/g, ' ');
    expect(text).toContain(
      `${leftOut} more ${leftOut === 1 ? 'block has' : 'blocks have'} as many calls as the last one listed and ${leftOut === 1 ? 'is' : 'are'} left out`,
    );
    expect(readFileSync(report.html, 'utf8')).not.toContain('as the last one listed');
  }, 120_000);

  it('counts calls by their final priority when the export records no initial one', () => {
    // Every call read "(none)": the table grouped by the initial priority alone, which this export lacks.
    const expected = new Map<string, number>();
    for (const r of raw) {
      // The denominator leaves officer-initiated calls out: by radio, and police activity logged by phone.
      const activity = ['Foot Patrol', 'Community Outreach', 'Operations', 'Background Investigation'];
      if (r.call_origin === 'Officer/Radio' || (activity.includes(r.call_type!) && r.call_origin !== '911'))
        continue;
      const p = r.priority === 'NA' || !r.priority ? '(none)' : r.priority.replace(/\D/g, '');
      expected.set(p, (expected.get(p) ?? 0) + 1);
    }
    expect(expected.size).toBeGreaterThan(2);
    const got = csvObjects(readFileSync(join(dir, 'report', 'csv', 'calls_by_priority.csv'), 'utf8'));
    expect(new Map(got.map((r) => [r.priority!, Number(r.calls)]))).toEqual(expected);
    const text = readFileSync(report.html, 'utf8');
    expect(text).toContain('Calls by priority (final: no initial one recorded)');
  });

  it("says the crisis team's handled calls are not recorded, not 0.0%", () => {
    // No column of the export names who responded.
    const header = Object.keys(raw[0]!);
    expect(header.some((h) => /respond|unit|agency/i.test(h))).toBe(false);
    const html = readFileSync(report.html, 'utf8');
    const card = /data-figure="bcr_handled_of_eligible">\s*<span class="value">([^<]*)</.exec(html);
    expect(card?.[1]).toBe('not recorded');
    const text = html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
    // Searched for, not matched, so that a failure does not print the whole page.
    expect(/handled 0\.0% of the/.test(text)).toBe(false);
    expect(text.includes('No source of the store records the calls it handled')).toBe(true);
    expect(text.includes('No source of the store records the calls handled by behavioural crisis team')).toBe(
      true,
    );
    // The funnel's share is of calls handled after an arrival, not the summary's share handled of
    // eligible (tester 117: one label, 56.6% and 48.4% for Minneapolis' crisis team).
    expect(text.includes('Handled of eligible')).toBe(false);
    // With no unit time at all, the funnel is not shown as zeros but said to be unmeasurable (tester 343;
    // funnel-quality-343.test.ts).
    expect(text.includes('Handled after a recorded arrival, of eligible')).toBe(false);
    expect(text.includes('cannot be measured: its steps are unknown, not 0, and are not shown.')).toBe(true);
  });

  it('names hours together as the busiest only when their rates are equal, not when they round alike', () => {
    // Tester 208: 128, 127 and 127 calls (4.923, 4.885, 4.885 an hour) read "Thursday 15:00, Monday 16:00
    // and Tuesday 15:00 (4.9 each)". Counted here from the export's own local Hour and DayOfWeek columns,
    // over the 26 weeks of each of those hours.
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
    const counts = new Map<string, number>();
    for (const r of raw) {
      const day = days.find((d) => d.startsWith(String(r.DayOfWeek).slice(0, 3)));
      expect(day, r.DayOfWeek).toBeDefined();
      // The export writes the hour as `1 am`, `12 pm`.
      const [h, half] = String(r.Hour).split(' ');
      const hour = (Number(h) % 12) + (half === 'pm' ? 12 : 0);
      const name = `${day} ${String(hour).padStart(2, '0')}:00`;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1]);
    expect(top.slice(0, 3)).toEqual([
      ['Thursday 15:00', 128],
      ['Monday 16:00', 127],
      ['Tuesday 15:00', 127],
    ]);
    expect(top[3]![1]).toBeLessThan(127);
    expect([(128 / 26).toFixed(1), (127 / 26).toFixed(1)]).toEqual(['4.9', '4.9']);
    const text = readFileSync(report.html, 'utf8')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain(
      'The busiest is Thursday 15:00 (4.9; Monday 16:00 and Tuesday 15:00 round to the same)',
    );
  });

  it('draws no chart of units kept busy, and says why, when no call has a time from assigned to cleared', () => {
    // The export has one time, the call's: an empty 0-1 axis and a caption of "-" read as 0 units (tester 118).
    const header = Object.keys(raw[0]!);
    expect(header.filter((h) => /time/i.test(h))).toEqual(['call_time']);
    const page = readFileSync(report.html, 'utf8');
    const fig = /<figure[^>]*aria-labelledby="fig-units-kept-busy[^"]*"[\s\S]*?<\/figure>/.exec(page)![0];
    expect(fig).not.toContain('<svg');
    expect(fig.replace(/\s+/g, ' ')).toContain(
      'No chart: no eligible call police handled has a time from a unit being assigned to it being cleared',
    );
    // Nor does the text above the table say it gives the hours (tester 208).
    const text = page.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
    expect(text).not.toContain('The table gives those hours');
    // Burlington has no mapping: its types are not "classified automatically because the mapping does not
    // list them" (tester 208).
    expect(text).toMatch(/types \(every period\), [\d,]+ of them \(100\.0%\) classified automatically\./);
    expect(text).not.toContain('because the mapping does not list them');
    expect(text).toContain('so the table gives how many such calls there are, not the hours they take.');
  });

  it('leaves the share handled of a responder no source records empty in the public edition, not x', async () => {
    // The note says the shares are left empty; the public tables read x, a hidden figure (testers 98, 104).
    const pub = await buildReport({ store: join(dir, 'store'), out: join(dir, 'public'), public: true });
    const rows = (name: string) => csvObjects(readFileSync(join(dirname(pub.html), 'csv', name), 'utf8'));
    // A type left out of the list because listing it gives a hidden count away can be a large one: the note
    // says so (tester 221: only types under 11 calls were said to be left out).
    expect(readFileSync(pub.html, 'utf8').replace(/\s+/g, ' ').replaceAll('&#39;', "'")).toContain(
      "(a large type too: a responder's only type can be one), so the rank is among the listed types only",
    );
    const bcr = (r: Record<string, string>) => r.responder === 'Behavioural crisis team';
    const eligible = rows('eligible_demand.csv').filter((r) => bcr(r) && r.phase === 'Current practice');
    expect(eligible.map((r) => r.handled_of_eligible)).toEqual(['']);
    expect(
      rows('funnel_current.csv')
        .filter(bcr)
        .map((r) => r.handled_share),
    ).toEqual(['']);
    // No call has a time on scene: every tier's hours are empty, a hidden tier's too, not x (tester 264).
    const tiers = rows('severity_tiers.csv');
    expect(tiers.some((r) => r.calls === 'x')).toBe(true);
    expect(tiers.map((r) => r.hours)).toEqual(tiers.map(() => ''));
  }, 120_000);
});
