import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispositionClassOf, draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

// Tester 380: `profile init` mapped the disposition but drafted no `disposition_class`, so every call of
// Seattle's sample was `other` and the funnel's fallout said `not_recorded` where the built-in profile says
// `cancelled`.

const dir = tempDir();
let n = 0;

/** One call a disposition, each an hour apart. */
const write = (dispositions: string[]) => {
  const f = join(dir, `f${n++}.csv`);
  const rows = dispositions.map((d, i) => [
    `24-10${String(i).padStart(2, '0')}`,
    `2024-03-01 ${String(i % 24).padStart(2, '0')}:00:00`,
    'Disturbance',
    '2',
    `"${d}"`,
  ]);
  writeFileSync(
    f,
    [['Incident No', 'Received', 'Call Type', 'Priority', 'Disposition'], ...rows]
      .map((r) => r.join(','))
      .join('\n') + '\n',
  );
  return f;
};
const draft = async (dispositions: string[]) =>
  draftProfile(write(dispositions), { timeZone: 'America/Chicago' });

/** Seattle's and Minneapolis' values, each with the class its words say, by hand (undefined: none plainly). */
const BY_HAND: [string, string | undefined][] = [
  ['RESPONDING UNIT(S) CANCELLED BY RADIO', 'cancelled'],
  ['DUPLICATED OR CANCELLED BY RADIO', 'cancelled'],
  ['CNL-Cancel', 'cancelled'],
  ['FALSE COMPLAINT/UNFOUNDED', 'unfounded_false'],
  ['UNF-Unfounded', 'unfounded_false'],
  ['GOA-Gone on Arrival', 'gone_unable_to_locate'],
  ['UNABLE TO LOCATE INCIDENT OR COMPLAINANT', 'gone_unable_to_locate'],
  ['REPORT WRITTEN (NO ARREST)', 'report'],
  ['PHYSICAL ARREST MADE', 'arrest'],
  ['BKG-Booking', 'arrest'],
  ['CITATION ISSUED (CRIMINAL OR NON-CRIMINAL)', 'citation'],
  ['NO POLICE ACTION POSSIBLE OR NECESSARY', 'no_problem_found'],
  ['AOK- All OK', 'no_problem_found'],
  ['ASSISTANCE RENDERED', 'advised_assisted'],
  ['ORAL WARNING GIVEN', 'advised_assisted'],
  ['TRN-Transport', 'transported'],
  ['REFER-Refer to Other Agency', 'referred'],
  ['No Report', undefined],
  ['PRIORITY CALL HANDLING', undefined],
  ['NOS-No Service', undefined],
  ['SEC- Secured', undefined],
  ['RFD-Refused', undefined],
];

describe('profile init: disposition_class drafted from the disposition (tester 380)', () => {
  it('classes each value whose words say its class plainly, and no other', () => {
    for (const [value, cls] of BY_HAND) expect([value, dispositionClassOf(value)]).toEqual([value, cls]);
  });

  it('drafts a rule for each classed value, marked GUESS, and the rest under a TODO', async () => {
    const values = [
      'RESPONDING UNIT(S) CANCELLED BY RADIO',
      'FALSE COMPLAINT/UNFOUNDED',
      'REPORT WRITTEN (NO ARREST)',
      'PRIORITY CALL HANDLING',
      'NOS-No Service',
    ];
    const { yaml } = await draft(values);
    const profile = parseProfile(yaml, 'draft.yaml');
    expect(profile.disposition_class?.default).toBe('other');
    // Classed values in sorted order, then the two left unclassed, each sent to `other`.
    const rules = profile.disposition_class!.rules.map((r) => [
      (r.if as { column: string; equals: string }).column,
      (r.if as { column: string; equals: string }).equals,
      r.then,
    ]);
    expect(rules).toEqual([
      ['Disposition', 'FALSE COMPLAINT/UNFOUNDED', 'unfounded_false'],
      ['Disposition', 'REPORT WRITTEN (NO ARREST)', 'report'],
      ['Disposition', 'RESPONDING UNIT(S) CANCELLED BY RADIO', 'cancelled'],
      ['Disposition', 'NOS-No Service', 'other'],
      ['Disposition', 'PRIORITY CALL HANDLING', 'other'],
    ]);
    expect(yaml).toMatch(
      /^ {2}rules: {2}# GUESS: from the words of the values of Disposition in the sample/m,
    );
    expect(yaml).toMatch(
      /equals: 'NOS-No Service' \} {2}# TODO: this value and the one below say no class plainly/,
    );
  });

  it('says when no sampled value says a class', async () => {
    const { yaml } = await draft(['Z1', 'Z2']);
    expect(parseProfile(yaml, 'draft.yaml').disposition_class?.rules.map((r) => r.then)).toEqual([
      'other',
      'other',
    ]);
    expect(yaml).toContain('# TODO: this value and the one below say no class plainly');
  });

  it("ingests each call's class: the cancelled one cancelled", async () => {
    const values = ['CNL-Cancel', 'GOA-Gone on Arrival', 'RPT-Report', 'SNT-Sent'];
    const file = write(values);
    const { yaml } = await draftProfile(file, { timeZone: 'America/Chicago' });
    const store = join(dir, `store${n++}`);
    await ingest({ files: [file], profile: parseProfile(yaml, 'draft.yaml'), store });
    const rows = await storeRows<{ disposition: string; disposition_class: string }>(
      store,
      'SELECT disposition_raw AS disposition, disposition_class FROM calls ORDER BY disposition',
    );
    expect(rows.map((r) => [r.disposition, r.disposition_class])).toEqual([
      ['CNL-Cancel', 'cancelled'],
      ['GOA-Gone on Arrival', 'gone_unable_to_locate'],
      ['RPT-Report', 'report'],
      ['SNT-Sent', 'other'],
    ]);
  });
});
