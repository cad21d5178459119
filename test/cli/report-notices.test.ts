/** The notes `safegap report` prints under the paths it wrote (src/cli/report.ts, noticeLines). */
import { describe, expect, it } from 'vitest';
import { noticeLines, ONE_EDITION } from '../../src/cli/report.js';

const period = (days: number) => ({
  from: '2018-01-01',
  to: '2023-12-31',
  days,
  years: days / 365.25,
  weeks: days / 7,
});
const DEFAULT = { public: true, denominator: 'cfs_excl_officer_initiated', warningsLeftOut: 0 } as const;
const exposed = ['calls_by_category, Disturbance / nuisance, Handled by a non-police responder'];

describe('the notes of safegap report', () => {
  it('advises a longer period only when the period is short (tester 120: six years told "a month or more")', () => {
    const week = noticeLines({ ...DEFAULT, warnings: [], exposed, period: period(7) });
    expect(week.at(-2)).toMatch(/^ {2}Publish a longer period \(a month or more\) instead/);
    const years = noticeLines({ ...DEFAULT, warnings: [], exposed, period: period(2_184) });
    expect(years[0]).toMatch(/^Warning: a count from 1 to 10 of this public edition could be worked out/);
    expect(years[1]).toBe(`  ${exposed[0]}`);
    expect(years.at(-2)).toMatch(
      /^ {2}The period is already 2,184 days: check these counts before publishing/,
    );
    expect(years.join('\n')).not.toContain('a month or more');
    // Tester 390: "or try --denominator all_calls" was followed by publishing both editions, whose
    // differences gave back the counts each hid: the other edition is to publish instead, never beside.
    expect(years.at(-2)).toContain(
      'or build the edition of --denominator all_calls (figures then of every call) and, if its own warnings name fewer counts, publish it instead of this one, never beside it, ',
    );
    // Tester 142: an edition of every call was told to try every call.
    const all = noticeLines({
      ...DEFAULT,
      denominator: 'all_calls',
      warnings: [],
      exposed,
      period: period(2_184),
    });
    expect(all.at(-2)).toMatch(
      /^ {2}The period is already 2,184 days: check these counts before publishing, or give/,
    );
    expect(all.join('\n')).not.toContain('--denominator');
  });

  it('says not to publish both editions when a note suggests another period (tester 119)', () => {
    const note =
      'The first month, 2022-09, has 2.0 calls a day against 680.7 over the period. Consider --from 2022-10-01.';
    const pub = noticeLines({ ...DEFAULT, warnings: [note], exposed: [], period: period(93) });
    expect(pub).toEqual([
      `Note: ${note}`,
      'Note: publish the edition of the period a note suggests instead of this one, not as well: side by side, the two give the counts this one hides.',
      ONE_EDITION,
    ]);
    // Once, whatever the number of notes (tester 282: three times in one run); the period's notes no
    // longer say it themselves, since the page printed them to readers (tester 384). A gap's "; consider
    // --to" suggests another period as much.
    const gap =
      'No call falls on 2022-12-19 to 2022-12-31 (13 days), in a period with calls on its other days: per-year figures divide by every day of the period, so the period probably runs past the export; consider --to 2022-12-18.';
    expect(noticeLines({ ...DEFAULT, warnings: [note, gap], exposed: [], period: period(93) })).toEqual([
      `Note: ${note}`,
      `Note: ${gap}`,
      'Note: publish the edition of the period a note suggests instead of this one, not as well: side by side, the two give the counts this one hides.',
      ONE_EDITION,
    ]);
    expect(noticeLines({ ...DEFAULT, warnings: [gap], exposed: [], period: period(93) }).at(-2)).toBe(
      'Note: publish the edition of the period a note suggests instead of this one, not as well: side by side, the two give the counts this one hides.',
    );
    // The internal edition is not published: no such note.
    expect(
      noticeLines({ ...DEFAULT, public: false, warnings: [note], exposed: [], period: period(93) }),
    ).toEqual([`Note: ${note}`]);
  });

  it('says how many notes a public build left out, since they can name small counts (tester 205)', () => {
    expect(
      noticeLines({ ...DEFAULT, warningsLeftOut: 2, warnings: [], exposed: [], period: period(93) }),
    ).toEqual([
      'Note: 2 notes on the data, which can name small counts, are left out of this public edition: `safegap analyze` or the internal edition prints them.',
      ONE_EDITION,
    ]);
  });

  it('tells every public build, and no internal one, to publish one edition of a period (tester 390)', () => {
    // A quarter's edition less October's gave back November's hidden counts (Juvenile 20 - 15 = 5).
    const pub = noticeLines({ ...DEFAULT, warnings: [], exposed: [], period: period(31) });
    expect(pub).toEqual([
      'Note: publish one public edition of a period: editions whose periods overlap or nest, or of one period under two denominators, mappings or store versions, give back by their differences the counts from 1 to 10 each hides (docs/report.md, "What it does not protect against").',
    ]);
    expect(noticeLines({ ...DEFAULT, public: false, warnings: [], exposed: [], period: period(31) })).toEqual(
      [],
    );
  });
});
