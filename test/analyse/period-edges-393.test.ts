/**
 * Tester 393: Burlington's export ends part-way through 2022-06-30 (9 calls against about 60 a day). Its
 * last day was judged against the calls a day over the period, empty days after the export and all: "58.9
 * a day" to --to 2022-07-03, "51.1" to 2022-07-31, and to 2023-06-30 nothing, with "consider --to
 * 2022-06-30" keeping the partial day. Judged against the export's own days, the day and the advice are the
 * same however far the period runs past it. Every expected figure is counted here from the raw CSV.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makePeriod } from '../../src/analyse/context.js';
import { noteText, periodNotes } from '../../src/analyse/period-check.js';
import { addDays, daysInclusive } from '../../src/util/dates.js';
import { sharedFile } from '../helpers/shared-data.js';
import { month } from './helpers.js';

// Calls per local day: the profile's clock is utc_is_local (docs/profiles.md), so a call_time's UTC
// reading is the local wall clock (2021-12-31T20:08:55-05:00 is 01:08 on 2022-01-01).
const perDay = new Map<string, number>();
for (const t of readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8').match(
  /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d/g,
) ?? []) {
  const day = new Date(t).toISOString().slice(0, 10);
  perDay.set(day, (perDay.get(day) ?? 0) + 1);
}
const days = [...perDay.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([day, calls]) => ({ day, calls }));
const total = days.reduce((a, d) => a + d.calls, 0);
const [firstDay, lastDay] = [days[0]!.day, days.at(-1)!.day];
const lastCalls = perDay.get(lastDay)!;
// The export's calls a day over its first to last day, as the note should print it.
const exportRate = (total / daysInclusive(firstDay, lastDay)).toFixed(1);

/** The notes of a period of the export: its months' calls over their days in it, the days, the gaps. */
function notes(from: string, to: string, hiddenBelow?: number): string[] {
  const period = makePeriod(from, to);
  const inPeriod = days.filter((d) => d.day >= from && d.day <= to);
  const months = [...new Set(inPeriod.map((d) => d.day.slice(0, 7)))].map((m) => {
    const monthDays = Array.from({ length: period.days }, (_, i) => addDays(from, i)).filter((d) =>
      d.startsWith(m),
    ).length;
    const calls = inPeriod.filter((d) => d.day.startsWith(m)).reduce((a, d) => a + d.calls, 0);
    return month(m, calls, monthDays);
  });
  const gaps = [
    ...(from < firstDay
      ? [{ from, to: addDays(firstDay, -1), days: daysInclusive(from, firstDay) - 1 }]
      : []),
    ...(to > lastDay ? [{ from: addDays(lastDay, 1), to, days: daysInclusive(lastDay, to) - 1 }] : []),
  ];
  return periodNotes(period, months, inPeriod.length, {
    edges: {
      first: perDay.get(from) ?? 0,
      last: perDay.get(to) ?? 0,
      firstDay: inPeriod[0]!.day,
      lastDay: inPeriod.at(-1)!.day,
      gaps,
      days: inPeriod,
      storeFirstDay: firstDay,
      storeLastDay: lastDay,
    },
    ...(hiddenBelow !== undefined ? { hiddenBelow } : {}),
  }).map((n) => noteText(n, hiddenBelow === undefined));
}

describe("an export's partial last day, however far the period runs past it (tester 393)", () => {
  it('is the raw file the tester described', () => {
    // Independent of the code under test: the file ends on 2022-06-30 with 9 calls, about 60 a day.
    expect([lastDay, lastCalls, exportRate]).toEqual(['2022-06-30', 9, '59.8']);
  });

  const periods: [string, string][] = [
    ['2022-01-01', '2022-07-03'],
    ['2022-01-01', '2022-07-31'],
    ['2021-11-01', '2022-07-31'],
    ['2022-01-01', '2023-06-30'],
  ];
  const dayBefore = addDays(lastDay, -1);

  it.each(periods)('from %s to %s: the same day, figure and advice', (from, to) => {
    const said = notes(from, to);
    const missing = daysInclusive(lastDay, to) - 1;
    expect(said).toContain(
      `The export ends on ${lastDay}, ${missing} days before the period does (${to}), and its last day has ${lastCalls} calls against ${exportRate} a day over the export's days: the export probably ends part-way through it. Consider --to ${dayBefore}.`,
    );
    // Every note's advice on the period's end keeps the partial day out too.
    const tos = said.flatMap((n) => [...n.matchAll(/--to (\d{4}-\d\d-\d\d)/g)].map((m) => m[1]));
    expect(tos.length).toBeGreaterThan(1);
    expect(new Set(tos)).toEqual(new Set([dayBefore]));
  });

  it.each(periods)('from %s to %s: the public edition says it without the count', (from, to) => {
    const missing = daysInclusive(lastDay, to) - 1;
    expect(notes(from, to, 11)).toContain(
      `The export ends on ${lastDay}, ${missing} days before the period does (${to}), and its last day has under a quarter of the calls a day over the export's days: the export probably ends part-way through it.`,
    );
  });

  it("ending on the export's last day, judges it the same", () => {
    expect(notes(firstDay, lastDay)).toContain(
      `The last day, ${lastDay}, has ${lastCalls} calls against ${exportRate} a day over the export's days: the export probably ends part-way through it. Consider --to ${dayBefore}.`,
    );
  });
});
