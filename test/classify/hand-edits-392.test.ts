/**
 * Tester 392, Burlington's mapping edited by hand:
 * - Arson's `eligible_current` set to `community`, signed and dated, but left `automatic`: analyze used the
 *   edit and the next `classify auto` undid it, "105 kept from the mapping", without a word;
 * - an impossible `reviewed_on` on an automatic row was read by status and blanked by auto in silence;
 * - the city settings' problems were said one a run.
 * Expected messages and counts are written here by hand from the rows the test writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autoMap, reclassified, reclassifiedSentence } from '../../src/classify/auto-map.js';
import { MappingFileError, MappingFileErrors } from '../../src/classify/errors.js';
import { classifierFor } from '../../src/classify/learn.js';
import { parseMapping, readSettings } from '../../src/classify/mapping-file.js';
import { loadTaxonomy } from '../../src/classify/taxonomy.js';
import { runClassify as run } from '../helpers/classify-cli.js';
import { tempDir } from '../helpers/shared-data.js';

const tax = loadTaxonomy(join(process.cwd(), 'taxonomy'));
const dir = tempDir('safegap-hand-edits-392-');
const HEADER =
  'raw_type,normalised,category,apco_code,tier,flags,handled_by,eligible_current,eligible_near_term,eligible_potential,confidence,provenance,reviewer,reviewed_on,note';
const ARSON = (current: string, provenance: string, reviewer: string, on: string) =>
  `Arson,Arson,fire,FARSON,non_violent_felony,,,${current},,,0.955,${provenance},${reviewer},${on},`;
const NOISE = 'Noise,Noise,noise,NOISE,non_criminal,,,,,,0.95,automatic,,,';

function refusal(text: string): MappingFileError {
  try {
    parseMapping(text, 'bt.csv', tax);
  } catch (e) {
    expect(e).toBeInstanceOf(MappingFileError);
    return e as MappingFileError;
  }
  throw new Error('expected the mapping to be refused');
}

describe('an automatic row signed by a person (tester 392)', () => {
  it('is refused, naming the file, row and field, with both fixes', () => {
    const e = refusal(`${HEADER}\n${NOISE}\n${ARSON('community', 'automatic', 'ana', '2026-12-01')}\n`);
    expect(e.message).toContain(
      'bt.csv, row 3, field `provenance`: `automatic` beside reviewer `ana` and review date `2026-12-01`',
    );
    expect(e.hint).toContain('Write `reviewed` in `provenance`');
    expect(e.hint).toContain('clear `reviewer` and `reviewed_on`');
  });

  it('is refused with a reviewer alone or a date alone, every such row in one message', () => {
    const e = refusal(
      `${HEADER}\n${ARSON('', 'automatic', 'ana', '')}\n${NOISE.replace('automatic,,', 'automatic,,2026-12-01')}\n`,
    );
    expect(e).toBeInstanceOf(MappingFileErrors);
    const listed = (e as MappingFileErrors).problems.map((p) => [p.row, p.field]);
    expect(listed).toEqual([
      [2, 'provenance'],
      [3, 'provenance'],
    ]);
    expect(e.message).toContain('row 2, field `provenance`: `automatic` beside reviewer `ana`:');
    expect(e.message).toContain('row 3, field `provenance`: `automatic` beside review date `2026-12-01`:');
  });

  it('is read when it says `reviewed`, and when the reviewer and date are cleared', () => {
    const reviewed = parseMapping(
      `${HEADER}\n${ARSON('community', 'reviewed', 'ana', '2026-12-01')}\n`,
      'bt.csv',
      tax,
    );
    expect(reviewed[0]).toMatchObject({ provenance: 'reviewed', reviewer: 'ana', reviewedOn: '2026-12-01' });
    const cleared = parseMapping(`${HEADER}\n${ARSON('community', 'automatic', '', '')}\n`, 'bt.csv', tax);
    expect(cleared[0]!.eligibleOverride.current).toEqual([
      { responder: 'community', nonEmergencyOnly: false },
    ]);
  });
});

describe('an impossible review date on an automatic row (tester 392)', () => {
  it('is refused as on a reviewed row', () => {
    const e = refusal(`${HEADER}\n${NOISE}\n${ARSON('', 'automatic', '', '2026-02-30')}\n`);
    expect(e.message).toBe('bt.csv, row 3, field `reviewed_on`: `2026-02-30` is not a date that exists');
    // Written as YYYY-MM-DD already: the fix is a day the calendar has (tester 395).
    expect(e.hint).toBe(
      'Write a day the calendar has (a 30 February or a month 13 is none): the date the row was reviewed, as YYYY-MM-DD.',
    );
    const r = refusal(`${HEADER}\n${NOISE}\n${ARSON('', 'reviewed', 'ana', '2026-02-30')}\n`);
    expect(r.message).toBe(e.message);
  });
});

describe('status and auto on a hand-edited mapping (tester 392)', () => {
  // A small export of two types: 3 Arson calls and 2 Noise calls.
  const calls = join(dir, 'calls.csv');
  writeFileSync(calls, 'incident_number,call_type\n1,Arson\n2,Noise\n3,Arson\n4,Arson\n5,Noise\n');
  const args = (cmd: string, mapping: string) => [
    cmd,
    '--city',
    'burlington_vt',
    '--mapping',
    mapping,
    '--calls',
    calls,
    '--initial-column',
    'call_type',
    '--final-column',
    'call_type',
  ];

  it('refuse the signed automatic row, and auto leaves the file as it was', async () => {
    const mapping = join(dir, 'signed.csv');
    const text = `${HEADER}\n${ARSON('community', 'automatic', 'ana', '2026-12-01')}\n${NOISE}\n`;
    writeFileSync(mapping, text);
    for (const cmd of ['status', 'auto'])
      await expect(run(args(cmd, mapping)), cmd).rejects.toThrow(
        `${mapping}, row 2, field \`provenance\`: \`automatic\` beside reviewer \`ana\``,
      );
    expect(readFileSync(mapping, 'utf8')).toBe(text);
  });

  it('auto names an automatic row it classifies again, with what changed', async () => {
    // Arson set to `community` by hand, unsigned: the classifier's row leaves eligibility to the category's
    // rules (an empty cell).
    const mapping = join(dir, 'unsigned.csv');
    writeFileSync(mapping, `${HEADER}\n${ARSON('community', 'automatic', '', '')}\n${NOISE}\n`);
    const out = await run(args('auto', mapping));
    expect(out).toContain(
      '1 automatic type classified again to another meaning: `Arson` (eligible_current community -> (the rules)).',
    );
    expect(out).toContain('to keep an edit of one, mark it `reviewed` with a reviewer and date');
  });

  it('refuse the impossible date, and auto does not blank it', async () => {
    const mapping = join(dir, 'dated.csv');
    const text = `${HEADER}\n${ARSON('', 'automatic', '', '2026-02-30')}\n${NOISE}\n`;
    writeFileSync(mapping, text);
    for (const cmd of ['status', 'auto'])
      await expect(run(args(cmd, mapping)), cmd).rejects.toThrow(
        `${mapping}, row 2, field \`reviewed_on\`: \`2026-02-30\` is not a date that exists`,
      );
    expect(readFileSync(mapping, 'utf8')).toBe(text);
  });
});

describe('automatic rows auto gives another meaning are named (tester 392)', () => {
  it('names the hand-edited row with what changed, and neither the unedited nor a reviewed one', () => {
    const existing = parseMapping(
      `${HEADER}\n${ARSON('community', 'automatic', '', '')}\n${NOISE}\n` +
        'Welfare Check,Welfare Check,other,,non_criminal,,,community,,,1,reviewed,ana,2026-12-01,\n',
      'bt.csv',
      tax,
    );
    const index = classifierFor(tax, ['burlington_vt']);
    const mapped = autoMap(
      index,
      ['Arson', 'Noise', 'Welfare Check'].map((rawType) => ({ rawType, volume: 1 })),
      existing,
    );
    // The classifier never writes an eligibility override: Arson's `community` goes back to the rules.
    const named = reclassified(existing, mapped).filter((r) => r.rawType === 'Arson');
    expect(named).toHaveLength(1);
    expect(named[0]!.changes).toContain('eligible_current community -> (the rules)');
    expect(reclassified(existing, mapped).map((r) => r.rawType)).not.toContain('Welfare Check');
    // Noise, written as the classifier now gives it, is not named.
    const noise = mapped.find((e) => e.rawType === 'Noise')!;
    const again = parseMapping(
      `${HEADER}\n${NOISE.replace('noise,NOISE,non_criminal', `${noise.category},${noise.apcoCode ?? ''},${noise.tier}`)}\n`,
      'bt.csv',
      tax,
    );
    expect(reclassified(again, autoMap(index, [{ rawType: 'Noise', volume: 1 }], again))).toEqual([]);
    const sentence = reclassifiedSentence(named);
    expect(sentence).toMatch(/^1 automatic type classified again to another meaning: `Arson` \(/);
    expect(sentence).toContain('mark it `reviewed`');
    expect(reclassifiedSentence([])).toBe('');
  });
});

describe('city settings problems are listed together (tester 392)', () => {
  it('says a misspelt key, a responder `fire` and an empty `matches` in one message', () => {
    const file = join(dir, 'bt.yaml');
    writeFileSync(
      file,
      [
        "emergncy_priorities: ['1']",
        'actual_responder_rules:',
        "  - { column: cancel_reason, matches: '', responder: online_311 }",
        "  - { column: cancel_reason, matches: '^x', responder: fire }",
        '',
      ].join('\n'),
    );
    let e: unknown;
    try {
      readSettings(file, tax);
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(MappingFileErrors);
    const m = (e as MappingFileErrors).message;
    expect(m).toContain(`${file}: 3 problems:`);
    expect(m).toContain(
      '`emergncy_priorities` (line 1) is no key of the city settings (did you mean `emergency_priorities`?)',
    );
    expect(m).toContain('rule 1 of `actual_responder_rules` (line 3), field `matches`: is empty');
    expect(m).toContain(
      'rule 2 of `actual_responder_rules` (line 4), field `responder`: unknown responder `fire`',
    );
  });
});
