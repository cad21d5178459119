/**
 * Tester 356: Burlington's export rewritten with true UTC instants (`2022-01-01T06:08:55Z` for the 1:08 am
 * call) was drafted as such (clock: local), but the draft's note said to ingest it with the built-in
 * burlington-vt, whose `clock: utc_is_local` read every time 4-5 hours off without a word.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftProfile } from '../../src/sources/init-profile.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const lines = readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8')
  .split('\r\n')
  .filter((l) => l !== '');
const header = lines[0]!.split(',');
const at = header.indexOf('call_time');

/**
 * A call's true UTC instant. The export writes Burlington's clock as UTC converted to Eastern time
 * (`2021-12-31T20:08:55-05:00` is the 1:08 am call: its Hour column says `1 am`), so the UTC reading of the
 * value is the local wall clock; New York is 5 hours behind UTC before 2 am on 13 March 2022 and 4 after
 * (the export ends in June).
 */
function trueInstant(value: string): string {
  const local = new Date(value).toISOString().slice(0, 19);
  const hours = local < '2022-03-13T02:00:00' ? 5 : 4;
  return `${new Date(Date.parse(`${local}Z`) + hours * 3_600_000).toISOString().slice(0, 19)}Z`;
}

describe('profile init names the clock a built-in would misread (tester 356)', () => {
  it('for true UTC instants in burlington-vt columns: clock: local, or every time hours off', async () => {
    const dir = tempDir('safegap-356-');
    const file = join(dir, 'bur_z.csv');
    const rows = lines.slice(1).filter((l) => !l.includes('"'));
    writeFileSync(
      file,
      [
        lines[0],
        ...rows.map((l) => {
          const f = l.split(',');
          f[at] = trueInstant(f[at]!);
          return f.join(',');
        }),
      ].join('\n') + '\n',
    );
    // The first call, worked by hand: 1:08:55 am EST on 1 January is 06:08:55 UTC.
    expect(readFileSync(file, 'utf8').split('\n')[1]).toContain(',2022-01-01T06:08:55Z,');
    const draft = await draftProfile(file, { outDir: dir, timeZone: 'America/New_York' });
    expect(draft.yaml).toMatch(/clock: local/);
    const note = draft.notes.find((n) => n.includes('built-in profile burlington-vt'));
    expect(note).toContain(
      'its timestamps.clock, utc_is_local, reads the times of call_time as local times labelled UTC, where this draft reads them as true instants',
    );
    expect(note).toContain('it must have `clock: local` under timestamps');
    expect(note).toContain('`--profile burlington-vt` as it stands would read every time on the wrong clock');
  }, 120_000);

  it('says nothing of the clock for the export as it is, which burlington-vt reads right', async () => {
    const dir = tempDir('safegap-356-');
    const draft = await draftProfile(sharedFile('burlington_vt/police-incidents-2022.csv'), {
      outDir: dir,
      timeZone: 'America/New_York',
    });
    const note = draft.notes.find((n) => n.includes('built-in profile burlington-vt'));
    expect(note).toContain('ingest it with `--profile burlington-vt` instead of a draft');
    expect(note).not.toContain('clock');
  }, 120_000);
});
