/**
 * A responder most of whose calls are of types its eligibility does not give it (tester 76: Burlington's
 * online reports, half of them larceny and vandalism taken for crimes in progress): `analyze` names it
 * with its commonest such types, counted here by hand.
 */
import { describe, expect, it } from 'vitest';
import { outsideEligibilityWarnings } from '../../src/analyse/analyze.js';
import { prepareAnalysis } from '../../src/analyse/context.js';
import { eligibleDemand } from '../../src/analyse/eligible-demand.js';
import { fixtureCalls, fixtureClasses, memoryConn } from './helpers.js';

/** `n` calls of `type` handled by `responder`, ids `prefix1`..., an hour apart from 2022-10-03. */
const calls = (prefix: string, n: number, type: string, responder: string, origin = '911') =>
  Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i + 1}`,
    at: `2022-10-${String(3 + Math.floor(i / 24)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:00`,
    type,
    responder,
    origin,
  }));

async function notes(online: { larceny: number; vandalism: number; report: number }, hiddenBelow?: number) {
  const conn = await memoryConn();
  const all = [
    ...calls('l', online.larceny, 'Larceny', 'online_311'),
    ...calls('v', online.vandalism, 'Vandalism', 'online_311'),
    ...calls('r', online.report, 'Theft Report', 'online_311'),
    ...calls('p', 10, 'Larceny', 'police'),
    // Officer-initiated: outside the default denominator, so not counted.
    ...calls('o', 7, 'Vandalism', 'online_311', 'officer_initiated'),
  ];
  await fixtureCalls(conn, all);
  const property = { category: 'property_crime_in_progress', tier: 'misdemeanour' };
  await fixtureClasses(
    conn,
    all.map((c) =>
      c.type === 'Theft Report'
        ? { id: c.id, category: 'property_crime_report', tier: 'misdemeanour', current: ['online_311'] }
        : { id: c.id, ...property },
    ),
  );
  const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
  const rows = (await eligibleDemand(ctx)).rows;
  return outsideEligibilityWarnings(ctx, rows, 'cfs_excl_officer_initiated', hiddenBelow);
}

describe('a responder whose calls are mostly outside its eligibility', () => {
  it('is named, with how many and its commonest such types', async () => {
    // 30 + 12 of 47 handled calls are larceny and vandalism, which its eligibility does not give it; the
    // 7 officer-initiated ones are outside the denominator, which the note names (tester 131: "calls of the
    // period" read as every call of it).
    expect(await notes({ larceny: 30, vandalism: 12, report: 5 })).toEqual([
      "311 / online / telephone report handled 47 of the period's calls under the denominator (all calls for service excluding officer-initiated), 42 of them of types its current eligibility does not give it (most: Larceny, 30; Vandalism, 12): its handled-to-eligible ratio counts them, its share of its eligible calls does not, and the pathways leave such calls out. Check how those types are classified (`safegap classify review`, docs/classification.md).",
    ]);
  });

  it('says its calls without an initial type apart, with their own advice (tester 231)', async () => {
    // 546 of 575 such calls had no initial type, and were named by their final types as types to
    // reclassify. Here 30 of 47 have none (final type Larceny), 12 are vandalism.
    const conn = await memoryConn();
    const all = [
      ...calls('u', 30, 'Larceny', 'online_311').map((c) => ({ ...c, type: undefined, final: 'Larceny' })),
      ...calls('v', 12, 'Vandalism', 'online_311'),
      ...calls('r', 5, 'Theft Report', 'online_311'),
    ];
    await fixtureCalls(conn, all);
    await fixtureClasses(
      conn,
      all.map((c) =>
        c.type === 'Theft Report'
          ? { id: c.id, category: 'property_crime_report', tier: 'misdemeanour', current: ['online_311'] }
          : { id: c.id, category: 'property_crime_in_progress', tier: 'misdemeanour' },
      ),
    );
    const ctx = await prepareAnalysis(conn, { classes: 'call_classes' });
    const rows = (await eligibleDemand(ctx)).rows;
    expect(await outsideEligibilityWarnings(ctx, rows, 'cfs_excl_officer_initiated')).toEqual([
      "311 / online / telephone report handled 47 of the period's calls under the denominator (all calls for service excluding officer-initiated), 12 of them of types its current eligibility does not give it (most: Vandalism, 12), and 30 with no initial call type, by which eligibility is judged: its handled-to-eligible ratio counts them, its share of its eligible calls does not, and the pathways leave such calls out. Check how those types are classified (`safegap classify review`, docs/classification.md). A call without an initial type is eligible for no responder: check that the profile maps the export's initial type column (`fields.call_type_initial`, docs/profiles.md).",
    ]);
  });

  it('is said in the public edition without a count, naming only types of more calls than it hides (tester 360)', async () => {
    // Burlington's public page showed "property crime in progress" 42% diverted online and left the note
    // out as one of counts. 30 larceny and 12 vandalism of 47: both types hold more than 10 calls.
    const said = 'the pathways leave such calls out.';
    expect(await notes({ larceny: 30, vandalism: 12, report: 5 }, 10)).toEqual([
      `Most of the calls 311 / online / telephone report handled in the period under the denominator (all calls for service excluding officer-initiated) are of types its current eligibility does not give it (most often Larceny and Vandalism): its handled-to-eligible ratio counts them, its share of its eligible calls does not, and ${said}`,
    ]);
    // 8 vandalism calls, a count the public edition hides: the type is not named. 30 + 8 of 43 outside.
    expect(await notes({ larceny: 30, vandalism: 8, report: 5 }, 10)).toEqual([
      `Most of the calls 311 / online / telephone report handled in the period under the denominator (all calls for service excluding officer-initiated) are of types its current eligibility does not give it (most often Larceny): its handled-to-eligible ratio counts them, its share of its eligible calls does not, and ${said}`,
    ]);
  });

  it('is not named when half its calls or fewer are outside, or when it handled fewer than 20', async () => {
    expect(await notes({ larceny: 10, vandalism: 0, report: 10 })).toEqual([]);
    expect(await notes({ larceny: 15, vandalism: 0, report: 4 })).toEqual([]);
  });
});
