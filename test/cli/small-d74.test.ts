/**
 * Small fixes: the example `ingest --max-bad-ratio` gives, the reason the capacity section gives for a
 * team's busy time not being measured, the spellings `profile init --encoding` takes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { cli, ROOT } from '../helpers/cli.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

/** The text of a report's HTML, tags out and white space folded, for its sentences. */
const reportText = (out: string) =>
  readFileSync(join(out, 'report.html'), 'utf8')
    .replace(/<[^>]+>/g, ' ')
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replace(/\s+/g, ' ');

const dir = tempDir();
// The first 20,000 rows of a Minneapolis export: about five weeks of calls.
const sample = join(dir, 'minneapolis.csv');
beforeAll(() => {
  const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n');
  writeFileSync(sample, lines.slice(0, 20_001).join('\n') + '\n');
});

describe('ingest --max-bad-ratio', () => {
  it('gives its own default, 0.01, as the example of a share refused', () => {
    const r = cli(
      'ingest',
      sample,
      '-p',
      'minneapolis-cad',
      '-s',
      join(dir, 'refused'),
      '--max-bad-ratio',
      '1.5',
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      '--max-bad-ratio must be a plain decimal from 0 to 1, such as 0.01 (0.05 is 5%)',
    );
    expect(r.stderr).toContain('such as 0.01 for 1%');
    expect(r.stderr).not.toContain('0.2');
  });
});

describe("the capacity section's busy sentence", () => {
  const store = join(dir, 'store');
  beforeAll(async () => {
    await ingest({ files: [sample], profile: 'minneapolis-cad', store });
  }, 120_000);
  const busy = (text: string) =>
    /How busy its units are with the team's own calls is not measured: [^.]*\./.exec(text)?.[0];

  it("says no call is recorded as the team's where there is none, not that too few have a time", async () => {
    // Counted here: Minneapolis' CAD records no call as police_clinician's.
    const [own] = await storeRows<{ n: number }>(
      store,
      "SELECT count(*)::INTEGER AS n FROM calls WHERE responder = 'police_clinician'",
    );
    expect(own?.n).toBe(0);
    const out = join(dir, 'clinician');
    const r = cli(
      'report',
      '-s',
      store,
      '-o',
      out,
      '--capacity-responder',
      'police_clinician',
      '--schedule',
      '2@08-20',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(busy(reportText(out))).toBe(
      "How busy its units are with the team's own calls is not measured: no call of the period is recorded as handled by it.",
    );
  }, 120_000);

  it('still says too few have a time where the team has calls, fewer than 30 of them timed', async () => {
    // One day: the crisis team's own calls of 2022-10-04, and those with an assignment and a clearance.
    const [own] = await storeRows<{ n: number; timed: number }>(
      store,
      `SELECT count(*)::INTEGER AS n,
         count(*) FILTER (WHERE assigned_at IS NOT NULL AND cleared_at IS NOT NULL)::INTEGER AS timed
       FROM calls WHERE responder = 'behavioural_crisis' AND received_local::DATE = DATE '2022-10-04'`,
    );
    expect(own?.n).toBeGreaterThan(0);
    expect(own?.timed).toBeLessThan(30);
    const out = join(dir, 'one-day');
    const r = cli(
      'report',
      '-s',
      store,
      '-o',
      out,
      '--from',
      '2022-10-04',
      '--to',
      '2022-10-04',
      '--schedule',
      '2@08-20',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(busy(reportText(out))).toBe(
      "How busy its units are with the team's own calls is not measured: too few of them have a time from assignment to clearance.",
    );
  }, 120_000);
});

describe('profile init --encoding', () => {
  it('takes the spellings a profile takes, and drafts the encoding as the profile writes it', () => {
    const small = join(dir, 'small.csv');
    writeFileSync(small, readFileSync(sample, 'utf8').split('\n').slice(0, 201).join('\n') + '\n');
    for (const [given, drafted] of [
      ['ISO-8859-1', 'latin-1'],
      ['latin1', 'latin-1'],
      ['UTF-8', null],
    ] as const) {
      const r = cli('profile', 'init', small, '--encoding', given, '--time-zone', 'America/Chicago');
      expect(r.status, `${given}: ${r.stderr}`).toBe(0);
      const line = /^ {2}encoding: .*$/m.exec(r.stdout)?.[0];
      expect(line, given).toBe(drafted === null ? undefined : `  encoding: ${drafted}`);
    }
  }, 120_000);

  it('refuses another with the message a profile naming it gets', () => {
    // The built-in Minneapolis profile, which names no format, with one naming the encoding.
    const builtin = readFileSync(join(ROOT, 'profiles/minneapolis-cad.yaml'), 'utf8');
    const profile = (encoding: string) => `${builtin}\nformat:\n  encoding: ${encoding}\n`;
    for (const given of ['ebcdic', 'cp1252']) {
      let said = '';
      try {
        parseProfile(profile(given), 'x.yaml');
      } catch (e) {
        said = String(e);
      }
      const r = cli('profile', 'init', sample, '--encoding', given);
      expect(r.status, r.stderr).toBe(2);
      // The profile's own refusal, as `profile check` prints it, holds the same words.
      const words = /^safegap: --encoding (.*); got `[^`]*`\.$/m.exec(r.stderr)?.[1];
      expect(words, r.stderr).toBeDefined();
      expect(said).toContain(words!);
    }
  });
});
