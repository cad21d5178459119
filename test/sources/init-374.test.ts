import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

// Tester 374: a log with what the caller reported (`Presenting Concern`) beside what the call was closed as
// (`Final Type`) was drafted with the final type for both, and the caller's concern left not mapped.

const dir = tempDir();
let n = 0;

/** Five calls, each an hour apart; `types(i)` gives each call's values of the columns between. */
const write = (middle: string[], types: (i: number) => string[]) => {
  const f = join(dir, `f${n++}.csv`);
  const header = ['Incident No', 'Received', ...middle, 'Priority', 'Arrived', 'Block'];
  const rows = [0, 1, 2, 3, 4].map((i) => [
    `24-100${i}`,
    `2024-03-0${i + 1} 1${i}:00:00`,
    ...types(i),
    String((i % 3) + 1),
    `2024-03-0${i + 1} 1${i}:12:00`,
    `${i + 1}00 BLOCK MAIN ST`,
  ]);
  writeFileSync(f, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
  return f;
};
const draft = async (middle: string[], types: (i: number) => string[]) =>
  draftProfile(write(middle, types), { timeZone: 'America/Chicago' });

/** What each caller said, and what each call was closed as, written by hand. */
const SAID = ['Welfare Check', 'Mental Health', 'Suicidal Person', 'Disturbance', 'Intoxicated Person'];
const CLOSED = [
  'Assist Citizen',
  'Behavioral Crisis',
  'Suicide Attempt',
  'Noise Complaint',
  'Detox Transport',
];

describe('profile init: a call type in other words beside a final type (tester 374)', () => {
  for (const [initial, final] of [
    ['Presenting Concern', 'Final Type'],
    ['Request Type', 'Final Type'],
    ['Presenting Concern', 'Final Nature'],
    ['Complaint', 'Nature (Final)'],
    ['Original Type', 'Closing Type'],
  ] as const)
    it(`drafts ${initial} as the initial type and ${final} as the final`, async () => {
      const { yaml, guesses } = await draft([initial, final], (i) => [SAID[i]!, CLOSED[i]!]);
      expect(guesses['fields.call_type_initial']).toBe(initial);
      expect(guesses['fields.call_type_final']).toBe(final);
      expect(yaml).not.toContain(`#   "${initial}"`);
      expect(yaml).not.toContain(`#   "${final}"`);
    });

  it("ingests each call's concern as its initial type and its final type as the final", async () => {
    const f = write(['Presenting Concern', 'Final Type'], (i) => [SAID[i]!, CLOSED[i]!]);
    const { yaml } = await draftProfile(f, { timeZone: 'America/Chicago' });
    const store = join(dir, `store${n++}`);
    await ingest({ files: [f], profile: parseProfile(yaml, 'draft.yaml'), store });
    const stored = await storeRows<{ id: string; initial: string; final: string }>(
      store,
      'SELECT source_call_id AS id, call_type_initial_raw AS initial, call_type_final_raw AS final FROM calls ORDER BY id',
    );
    expect(stored).toEqual([
      { id: '24-1000', initial: 'Welfare Check', final: 'Assist Citizen' },
      { id: '24-1001', initial: 'Mental Health', final: 'Behavioral Crisis' },
      { id: '24-1002', initial: 'Suicidal Person', final: 'Suicide Attempt' },
      { id: '24-1003', initial: 'Disturbance', final: 'Noise Complaint' },
      { id: '24-1004', initial: 'Intoxicated Person', final: 'Detox Transport' },
    ]);
  });

  it('drafts a column named as a call type alone before one named in other words (three candidates)', async () => {
    const { yaml, guesses } = await draft(['Presenting Concern', 'Call Type', 'Final Type'], (i) => [
      SAID[i]!,
      SAID[(i + 1) % 5]!,
      CLOSED[i]!,
    ]);
    expect(guesses['fields.call_type_initial']).toBe('Call Type');
    expect(guesses['fields.call_type_final']).toBe('Final Type');
    // Left for rules, and said so.
    expect(yaml).toContain('#   "Presenting Concern"');
  });

  it('drafts a column named as a closing type alone as the call type', async () => {
    const { guesses } = await draft(['Closing Type'], (i) => [CLOSED[i]!]);
    expect(guesses['fields.call_type_final']).toBe('Closing Type');
    expect(guesses['fields.call_type_initial']).toBe('Closing Type');
  });

  it('keeps a file of one such column as it was: both types from it', async () => {
    for (const name of ['Presenting Concern', 'Request Type']) {
      const { guesses } = await draft([name], (i) => [SAID[i]!]);
      expect(guesses['fields.call_type_final']).toBe(name);
      expect(guesses['fields.call_type_initial']).toBe(name);
    }
  });

  it('takes no concern of numbers for the initial type, nor a Disposition Type for the final', async () => {
    const codes = await draft(['Presenting Concern', 'Final Type'], (i) => [String(10 + i), CLOSED[i]!]);
    expect(codes.guesses['fields.call_type_initial']).toBe('Final Type');
    expect(codes.guesses['fields.call_type_final']).toBe('Final Type');
    const disposition = await draft(['Presenting Concern', 'Disposition Type'], (i) => [
      SAID[i]!,
      CLOSED[i]!,
    ]);
    expect(disposition.guesses['fields.disposition']).toBe('Disposition Type');
    expect(disposition.guesses['fields.call_type_initial']).toBe('Presenting Concern');
    expect(disposition.guesses['fields.call_type_final']).toBe('Presenting Concern');
  });
});
