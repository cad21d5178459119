import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile, wordedNumbers } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { ingest } from '../../src/ingest/ingest.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

// Tester 388: Burlington's export drafted as a new city's mapped `Online Report` to origin `online` but left
// the responder rules empty, so its online reports counted as police's (a diverted share of 0.0%), and drafted
// `priority` raw, so the store wrote `Priority 1` where emergency_priorities name `1`.

const dir = tempDir();
let n = 0;

/** One call a row of [origin, priority], each an hour apart. */
const write = (rows: [string, string][]) => {
  const f = join(dir, `f${n++}.csv`);
  const lines = rows.map(([origin, priority], i) =>
    [
      `24-10${String(i).padStart(2, '0')}`,
      `2024-03-01 ${String(i % 24).padStart(2, '0')}:00:00`,
      'Theft',
      priority,
      origin,
    ].join(','),
  );
  writeFileSync(f, ['Incident No,Received,Call Type,Priority,Call Origin', ...lines].join('\n') + '\n');
  return f;
};

const ROWS: [string, string][] = [
  ['911', 'Priority 1'],
  ['Phone', 'Priority 2'],
  ['Online Report', 'Priority 3'],
  ['911', 'Priority 2'],
  ['Online Report', 'Priority 3'],
  ['Phone', 'Priority 1'],
];

const draft = async (rows: [string, string][]) => {
  const { yaml } = await draftProfile(write(rows), { timeZone: 'America/New_York' });
  return { yaml, profile: parseProfile(yaml, 'draft.yaml') };
};

describe('profile init: online reports and worded priorities (tester 388)', () => {
  it('drafts a responder rule sending online reports to online_311, marked GUESS', async () => {
    const { yaml, profile } = await draft(ROWS);
    expect(profile.responder.default).toBe('police');
    expect(profile.responder.rules).toEqual([
      { if: { column: 'Call Origin', equals: 'Online Report' }, then: 'online_311' },
    ]);
    expect(yaml).toMatch(/^ {2}rules: {2}# GUESS: a report taken online or by 311 sends no unit/m);
    expect(yaml).toContain('not later dispatched');
  });

  it('drafts one for a 311 value too, and none where no value says online or 311', async () => {
    const with311 = await draft([...ROWS, ['311', 'Priority 3']]);
    expect(with311.profile.responder.rules.map((r) => [(r.if as { equals: string }).equals, r.then])).toEqual(
      [
        ['311', 'online_311'],
        ['Online Report', 'online_311'],
      ],
    );
    const none = await draft(ROWS.filter(([o]) => o !== 'Online Report'));
    expect(none.profile.responder.rules).toEqual([]);
  });

  it('drafts digits_only for a priority written as one word and a number, and not otherwise', async () => {
    const { yaml, profile } = await draft(ROWS);
    expect(profile.fields.priority).toEqual({ column: 'Priority', normalise: ['digits_only'] });
    expect(yaml).toMatch(/normalise: \[digits_only\] \} {2}# GUESS: every sampled value is the same word/);
    // Numbers alone need none; two words (`E1`, `P1`) may be two priorities, which digits_only would merge.
    const plain = await draft(ROWS.map(([o], i) => [o, String((i % 3) + 1)]));
    expect(plain.profile.fields.priority).toBe('Priority');
    const mixed = await draft(ROWS.map(([o], i) => [o, `${i % 2 ? 'E' : 'P'}${(i % 3) + 1}`]));
    expect(mixed.profile.fields.priority).toBe('Priority');
    expect([
      wordedNumbers(['P1', 'p2', 'PRI-3']),
      wordedNumbers(['Priority 1', 'Priority 2']),
      wordedNumbers(['P1', 'E2']),
      wordedNumbers(['1', '2']),
      wordedNumbers(['Priority 1A']),
      wordedNumbers([]),
    ]).toEqual([undefined, 'priority', undefined, undefined, undefined, undefined]);
  });

  it('ingests the draft: online reports online_311, the rest police, priorities as their numbers', async () => {
    const file = write(ROWS);
    const { yaml } = await draftProfile(file, { timeZone: 'America/New_York' });
    const store = join(dir, `store${n++}`);
    await ingest({ files: [file], profile: parseProfile(yaml, 'draft.yaml'), store });
    const rows = await storeRows<{ id: string; responder: string; priority: string }>(
      store,
      'SELECT source_call_id AS id, responder, priority FROM calls ORDER BY source_call_id',
    );
    // By hand from ROWS: row i is id 24-10i; online reports send no unit, and `Priority N` is N.
    expect(rows.map((r) => [r.id, r.responder, r.priority])).toEqual([
      ['24-1000', 'police', '1'],
      ['24-1001', 'police', '2'],
      ['24-1002', 'online_311', '3'],
      ['24-1003', 'police', '2'],
      ['24-1004', 'online_311', '3'],
      ['24-1005', 'police', '1'],
    ]);
  });
});
