/**
 * Messages and drafts found by testers 367 and 362: a profile's key given twice named its line but not the
 * key, a tab drew the generic "check indentation and quoting", a store given as a pipe was "a file, not a
 * safegap store", and `profile init` drafted no call type from a crisis team's `Presenting Concern` or a
 * 311 export's `Request Type`. Every line and column below is counted by hand in the YAML written here.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinTaxonomy } from '../../src/classify/taxonomy.js';
import { readSettings } from '../../src/classify/mapping-file.js';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { readStore, requireStore } from '../../src/store/store.js';
import { tempDir } from '../helpers/shared-data.js';

const dir = tempDir('safegap-367-');

/** The message and the fix of what `run` throws. */
function refusal(run: () => unknown): { message: string; hint: string } {
  try {
    run();
  } catch (e) {
    return { message: (e as Error).message, hint: (e as { hint?: string }).hint ?? '' };
  }
  throw new Error('not refused');
}

describe('a profile with a YAML mistake (testers 367, 362)', () => {
  it('names a key given twice and both of its lines', () => {
    // Line 1: source; line 2: time_zone; line 3: source again, at column 1.
    const { message, hint } = refusal(() =>
      parseProfile('source: a\ntime_zone: America/Chicago\nsource: b\n', 'p.yaml'),
    );
    expect(message).toBe(
      'Profile p.yaml line 3, column 1 (a key first given on line 1, column 1) is not valid YAML: Map keys must be unique (`source` is given twice).',
    );
    expect(hint).toBe(
      'keep one `source` (on line 1 or line 3) and delete the other: a key is given once in each mapping.',
    );
  });

  it('names a key given twice inside `{ ... }`, and in a nested mapping, where they are', () => {
    // `fields: { a: 1, b: 2, a: 3 }`: the first `a` is the 11th character, the second the 23rd.
    const flow = refusal(() => parseProfile('source: x\nfields: { a: 1, b: 2, a: 3 }\n', 'p.yaml'));
    expect(flow.message).toContain('line 2, column 23 (a key first given on line 2, column 11)');
    expect(flow.message).toContain('(`a` is given twice)');
    expect(flow.hint).toContain('keep one `a` (both are on line 2)');
    // Indented by two under `times:` on lines 3 and 5; the quotes make no other key.
    const nested = refusal(() =>
      parseProfile('source: x\ntimes:\n  received: a\n  arrived: b\n  "received": c\n', 'p.yaml'),
    );
    expect(nested.message).toContain('line 5, column 3 (a key first given on line 3, column 3)');
    expect(nested.message).toContain('(`received` is given twice)');
  });

  it('says where a tab indents a line, that YAML indents with spaces, and to replace it', () => {
    const one = refusal(() => parseProfile('source: x\ntimes:\n\treceived: a\n', 'p.yaml'));
    expect(one.message).toBe(
      'Profile p.yaml line 3, column 1 (a tab) is not valid YAML: Tabs are not allowed as indentation.',
    );
    expect(one.hint).toBe(
      'replace the tab at the start of line 3 with spaces, as many as the other lines at its level are indented: YAML indents with spaces only.',
    );
    const two = refusal(() => parseProfile('source: x\ntimes:\n\t\treceived: a\n', 'p.yaml'));
    expect(two.message).toContain('line 3, column 1 (tabs)');
    expect(two.hint).toContain('replace the tabs at the start of line 3 with spaces');
  });

  it("names the first line of a city settings file's key given twice, as a profile's", () => {
    const file = join(dir, 'city.yaml');
    writeFileSync(file, "name: X\nemergency_priorities: ['0', '1']\nemergency_priorities: ['0']\n");
    const { message } = refusal(() => readSettings(file, builtinTaxonomy()));
    expect(message).toContain('line 3, column 1 (a key first given on line 2, column 1)');
    expect(message).toContain('`emergency_priorities` is given twice');
  });
});

describe('a store given as a pipe or a device (tester 367)', () => {
  const NOT_REGULAR = 'is not a regular file (a device, pipe or socket)';
  const fifo = join(dir, 'store-pipe');
  spawnSync('mkfifo', [fifo]);

  it('is called what every other reader calls it, not "a file"', () => {
    // Both only look at the path (stat), never open it: a pipe's open waits for a writer.
    for (const run of [() => readStore(fifo), () => requireStore(fifo), () => requireStore('/dev/null')]) {
      const { message } = refusal(run);
      expect(message).toContain(NOT_REGULAR);
      expect(message).not.toContain('is a file');
    }
    // A plain file is still a file.
    const plain = join(dir, 'plain');
    writeFileSync(plain, 'x');
    expect(refusal(() => requireStore(plain)).message).toBe(`${plain} is a file, not a safegap store.`);
  });
});

describe('profile init: call types named in other words (testers 367, 362)', () => {
  let n = 0;
  const draft = async (header: string[], rows: string[][]) => {
    const f = join(dir, `f${n++}.csv`);
    writeFileSync(f, [header, ...rows].map((r) => r.join(',')).join('\n') + '\n');
    return draftProfile(f, { timeZone: 'America/Chicago' });
  };
  const times = ['2024-03-01 10:00', '2024-03-01 12:30', '2024-03-02 09:15'];
  const withType = (name: string, values: string[]) =>
    draft(
      ['Contact ID', 'Request Time', name],
      times.map((t, i) => [`C-10${i}`, t, values[i]!]),
    );

  it("drafts a crisis team's Presenting Concern and a 311 export's Request Type as the call type", async () => {
    const words = ['Welfare check', 'Suicidal ideation', 'Welfare check'];
    for (const name of [
      'Presenting Concern',
      'Request Type',
      'Complaint',
      'Reason for Call',
      'Incident Type',
    ]) {
      const { guesses, yaml } = await withType(name, words);
      expect(guesses['fields.call_type_final'], name).toBe(name);
      expect(guesses['fields.call_type_initial'], name).toBe(name);
      expect(parseProfile(yaml, 'draft').fields.call_type_final).toEqual(
        expect.objectContaining({ column: name }),
      );
    }
  });

  it('never drafts such a column of numbers or times, nor a cancel reason or a force type', async () => {
    expect((await withType('Reason', ['12', '7', '3'])).guesses['fields.call_type_final']).toBeUndefined();
    expect(
      (await withType('Concern', ['10:05', '11:40', '09:30'])).guesses['fields.call_type_final'],
    ).toBeUndefined();
    expect(
      (await withType('Concern', ['2024-03-01 11:00', '2024-03-01 13:10', '2024-03-02 09:50'])).guesses[
        'fields.call_type_final'
      ],
    ).toBeUndefined();
    for (const name of ['Cancel Reason', 'Force Type', 'is_Private_Problem_Type']) {
      const { guesses } = await withType(name, ['Noise', 'Theft', 'Noise']);
      expect(guesses['fields.call_type_final'], name).toBeUndefined();
    }
  });
});
