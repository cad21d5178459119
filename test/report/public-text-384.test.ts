/**
 * The public edition's text, as tester 384 read it: notes that told readers, who run no command, to
 * "Consider --from 2022-10-01. Publish that edition instead of this one", captions of figures wholly
 * withheld that read "within suppressed" and "(4 of 4 suppressed): .", the origin chart's text in another
 * order than its bars, and rates of `0.2` beside `0.29`. Expected words by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makePeriod } from '../../src/analyse/context.js';
import { noteText, periodNotes } from '../../src/analyse/period-check.js';
import { ingest } from '../../src/ingest/ingest.js';
import { rate } from '../../src/report/format.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { readerNote } from '../../src/report/sections/method.js';
import { month } from '../analyse/helpers.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

const DIVIDED =
  'per-year and per-week figures, the seasonal index, the year-over-year change and the calls in an hour of the week divide by every day of the period';

describe("the public page's notes, without the analyst's advice (tester 384)", () => {
  it('says what the figures suffer, and no option, of a quiet first month and a quiet last day', () => {
    // September's 2 calls on its one day against 21,002 over 32 days: under a tenth (as period-check.test).
    const month1 = periodNotes(
      makePeriod('2022-09-30', '2022-10-31'),
      [month('2022-09', 2, 1), month('2022-10', 21_000, 31)],
      32,
      { hiddenBelow: 11 },
    );
    expect(month1.map((n) => noteText(n, false))).toEqual([
      'The first month, 2022-09, has under a tenth of the calls a day over the period: probably a few calls from before the export starts.',
    ]);
    // 10,830 calls over 181 days, 59.8 a day; the last day's 9 are under a quarter of it (14.96).
    const rows = ['01', '02', '03', '04', '05', '06'].map((m, i) =>
      month(`2022-${m}`, i === 5 ? 1_830 : 1_800, [31, 28, 31, 30, 31, 30][i]!),
    );
    const day = periodNotes(makePeriod('2022-01-01', '2022-06-30'), rows, 181, {
      edges: { first: 60, last: 9 },
      hiddenBelow: 11,
    });
    expect(day.map((n) => noteText(n, false))).toEqual([
      "The last day, 2022-06-30, has under a quarter of the calls a day over the export's days: the export probably ends part-way through it.",
    ]);
    // The run's own notes keep the advice, without telling to publish another edition, which `report`
    // says once on the terminal (src/cli/report.ts).
    expect(noteText(day[0]!)).toContain('Consider --to 2022-06-29.');
    expect(day.map((n) => noteText(n)).join(' ')).not.toContain('Publish that edition');
  });

  it("leaves a sparse period's and a part day's advice out", () => {
    // 5 calls on 3 of 90 days: fewer than half.
    const sparse = periodNotes(makePeriod('2018-01-01', '2018-03-31'), [month('2018-01', 5, 31)], 3, {
      hiddenBelow: 11,
    });
    expect(sparse.map((n) => noteText(n, false))).toContain(
      `Fewer than half of the period's 90 days have calls: ${DIVIDED}.`,
    );
    // 1,000 calls from 20:00 on the 1st to 12:00 on the 4th (as period-check.test).
    const part = periodNotes(makePeriod('2024-01-01', '2024-01-04'), [month('2024-01', 1_000, 4)], 4, {
      edges: { first: 50, last: 300, firstAt: '2024-01-01 20:00:00', lastAt: '2024-01-04 12:00:00' },
      hiddenBelow: 11,
    })
      .map((n) => noteText(n, false))
      .filter((w) => w.includes('part-way'));
    expect(part).toEqual([
      'The export starts and ends part-way through its first and last days, which the period counts whole: figures a day, a week or a year, and the calls in an hour of the week, divide by hours with no call exported, and the hours it does not cover read as the quietest.',
    ]);
  });

  // The period's notes keep their advice apart (period-check.ts; test/report/period-notes-384.test.ts),
  // no more cut out by their wording.
  it("drops the schedule's advice, keeping the finding", () => {
    expect(
      readerNote(
        "The --schedule's shifts overlap from 08:00 to 10:00 (2@00-10 and 1@08-16: 3 units on duty): their units add up there. If one shift was meant to begin as another ends, correct its hours.",
      ),
    ).toBe(
      "The schedule's shifts overlap from 08:00 to 10:00 (2@00-10 and 1@08-16: 3 units on duty): their units add up there.",
    );
  });
});

describe('rates below 1 (tester 384: 0.2 beside 0.29)', () => {
  it('print two significant digits, a last 0 included', () => {
    expect(rate(0.2)).toBe('0.20');
    expect(rate(0.1)).toBe('0.10');
    // 1 call over 30 days, 9 over 31.
    expect(rate(1 / 30)).toBe('0.033');
    expect(rate(9 / 31)).toBe('0.29');
    expect(rate(0.05)).toBe('0.050');
    expect(rate(-0.2)).toBe('-0.20');
    expect(rate(0)).toBe('0');
    expect(rate(1)).toBe('1.0');
  });
});

/** A page's text, tags dropped, entities read and spaces collapsed. */
const pageText = (r: ReportResult, from = 0, to?: number) =>
  readFileSync(r.html, 'utf8')
    .slice(from, to)
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The part of a page between two marks of its HTML, as text. */
const between = (r: ReportResult, start: string, end: string) => {
  const page = readFileSync(r.html, 'utf8');
  const from = page.indexOf(start);
  expect(from, start).toBeGreaterThanOrEqual(0);
  return pageText(r, from, page.indexOf(end, from));
};

describe("Seattle's sample (tester 384)", () => {
  const dir = tempDir('safegap-384-text-');
  const store = join(dir, 'store');
  const quarter = { from: '2023-07-01', to: '2023-09-30', denominator: 'all_calls' as const };
  let whole: ReportResult;
  let pub: ReportResult;
  let int: ReportResult;
  beforeAll(async () => {
    await ingest({
      files: [sharedFile('seattle/call_data_sample_2018-2023.csv')],
      profile: 'seattle-call-data',
      store,
    });
    whole = await buildReport({ store, out: join(dir, 'whole'), public: true, denominator: 'all_calls' });
    pub = await buildReport({ store, out: join(dir, 'pub'), public: true, ...quarter });
    int = await buildReport({ store, out: join(dir, 'int'), ...quarter });
  }, 600_000);

  it('prints no option in the public notes, Read first and Sources, and the run keeps its advice', () => {
    const readFirst = between(whole, 'class="note read-first"', '</div>');
    // Six empty months and calls on 201 of 2,184 days (tester 343): both said, neither with its advice.
    expect(readFirst).toContain("6 of the period's 72 months have no calls");
    expect(readFirst).toContain(`Fewer than half of the period's 2,184 days have calls: ${DIVIDED}.`);
    const sources = between(whole, '<ul class="warnings">', '</ul>');
    expect(sources).toContain(`Fewer than half of the period's 2,184 days have calls: ${DIVIDED}.`);
    for (const r of [whole, pub]) {
      expect(between(r, 'class="note read-first"', '</div>')).not.toContain('--');
      expect(between(r, '<ul class="warnings">', '</ul>')).not.toContain('--');
      expect(between(r, '<h3>Classification</h3>', '</p>')).not.toContain('--city');
    }
    // The internal edition's classification names the option; the public run's notes keep the advice.
    expect(between(int, '<h3>Classification</h3>', '</p>')).toContain('--city names one');
    // The print note names the command that writes the PDF in the internal edition only.
    expect(pageText(int)).toContain('beside report.html, and in the PDF that safegap report --pdf writes.');
    for (const r of [whole, pub]) expect(pageText(r)).toContain('in the csv folder beside report.html.');
    expect(whole.warnings.join(' ')).toContain('or choose --from and --to');
  });

  it("names the origins' bars in the order they are drawn", () => {
    // The public edition draws the origins by name: 911, Alarm, Non emergency phone, Officer initiated.
    const origins = reportCsv(join(whole.html, '..'), 'calls_by_origin');
    const names = origins.map((o) => o.origin!);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    const caption = /Horizontal bars of calls by origin: ([^.]*)\./.exec(pageText(whole))?.[1] ?? '';
    expect(caption.split('; ')).toEqual(origins.map((o) => `${o.origin}: ${o.calls}`));
  });

  it('says plainly that a wholly withheld figure is withheld, and that the team has no eligible call', () => {
    const text = pageText(pub);
    // Every origin's calls of the quarter is withheld.
    const origins = reportCsv(join(pub.html, '..'), 'calls_by_origin');
    expect(origins.length).toBe(4);
    expect(origins.every((o) => o.calls === 'x')).toBe(true);
    expect(text).toContain(
      'No chart is drawn: the calls of all 4 origins are suppressed in this edition (x in the table), to protect small counts.',
    );
    expect(text).not.toMatch(/suppressed\): \./);
    expect(text).toContain(
      'How soon a unit was on scene after the call entering the queue, for half of the calls timed (all calls for service, officer-initiated included) with a recorded arrival and for 9 in 10 of them, is suppressed in this edition',
    );
    expect(text).not.toContain('within suppressed');
    for (const r of [pub, int]) {
      const t = pageText(r);
      expect(t).toContain(
        'No call of the period is eligible for the behavioural crisis team under current practice, so there is no share of its eligible calls to give; no source of the store records the calls it handled either.',
      );
      expect(t).not.toContain('cannot be told from these data');
    }
  });
});
