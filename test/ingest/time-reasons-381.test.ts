/**
 * Quarantine reasons for times found by tester 381: `13:05:00 PM` and `01:00:00PM` under a 12-hour format,
 * and a leap second, were only "does not match format"; under iso8601 a decimal comma and `infinity` were
 * told they lacked an offset. Each reason below is written by hand from the values in the test, and every
 * row written is counted as loaded, quarantined or a duplicate.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import type { UserError } from '../../src/util/user-error.js';
import { csvObjects } from '../helpers/csv.js';
import { tempDir } from '../helpers/shared-data.js';

const dir = tempDir('safegap-381-reasons-');

/** A profile of `id` and `received` in New York under `format` (quoted as YAML wants it). */
function profileYaml(format: string): string {
  return [
    'name: Test 381 reasons',
    'source: t381r',
    'time_zone: America/New_York',
    'timestamps:',
    `  format: ${format}`,
    '  clock: local',
    'id: id',
    'times:',
    '  received: received',
    "origin: { default: '911' }",
    'responder: { default: police }',
    '',
  ].join('\n');
}

/**
 * Ingests `received` values (one row each, ids 1, 2, ...) with every bad row let through: the reason of each
 * quarantined row by its row number, and the run's totals.
 */
async function reasonsOf(name: string, format: string, values: string[]) {
  const file = join(dir, `${name}.csv`);
  // Quoted: a decimal comma is a CSV delimiter otherwise.
  writeFileSync(file, `id,received\n${values.map((v, i) => `${i + 1},"${v}"`).join('\n')}\n`);
  const summary = await ingest({
    files: [file],
    profile: parseProfile(profileYaml(format), `${name}.yaml`),
    store: join(dir, `${name}.store`),
    maxBadRatio: 1,
  });
  const rows = summary.quarantine_file ? csvObjects(readFileSync(summary.quarantine_file, 'utf8')) : [];
  const reasons = Object.fromEntries(rows.map((r) => [r.row, r.reason]));
  const t = summary.totals;
  // Every row written is read, and each read row loaded, quarantined or a duplicate.
  expect(t.rows_read).toBe(values.length);
  expect(t.loaded + t.quarantined + t.duplicates).toBe(values.length);
  expect(t.quarantined).toBe(rows.length);
  return { reasons, totals: t };
}

describe('time reasons under a 12-hour format (tester 381)', () => {
  it('names an hour outside 1-12, a missing space before PM and a leap second', async () => {
    const f = '%m/%d/%Y %I:%M:%S %p';
    const { reasons, totals } = await reasonsOf('ampm', `'${f}'`, [
      '01/02/2022 13:05:00 PM',
      '01/02/2022 01:00:00PM',
      '01/02/2022 11:59:60 PM',
      '01/02/2022 01:05:00 PM',
      '01/02/2022 00:30:00 AM',
    ]);
    const twelve =
      ', and a 12-hour clock (%I) goes from 1 to 12: if the export mixes 24-hour times with AM and PM, the fix is in the export (a 24-hour time has no AM or PM)';
    expect(reasons).toEqual({
      '1': `received time: 01/02/2022 13:05:00 PM does not match format ${f}: its hour is 13 with PM${twelve} (column received)`,
      '2': `received time: 01/02/2022 01:00:00PM does not match format ${f}: it has no space before PM, where the format has one: if the export writes its times so, the format is %m/%d/%Y %I:%M:%S%p (column received)`,
      '3': `received time: 01/02/2022 11:59:60 PM does not match format ${f}: its second 60 (a leap second) is not read: write it as second 59 in the export (column received)`,
      '5': `received time: 01/02/2022 00:30:00 AM does not match format ${f}: its hour is 00 with AM${twelve} (column received)`,
    });
    // Row 4, a time the format reads, is the one loaded.
    expect(totals.loaded).toBe(1);
  }, 60_000);

  it('reads the spaceless value under the format the reason names', async () => {
    const { totals } = await reasonsOf('nospace', "'%m/%d/%Y %I:%M:%S%p'", ['01/02/2022 01:00:00PM']);
    expect(totals.loaded).toBe(1);
  }, 60_000);
});

describe('time reasons under a 24-hour strptime format (tester 381)', () => {
  it('names a leap second and a decimal comma; a minute 60 stays "does not match"', async () => {
    const f = '%Y-%m-%d %H:%M:%S';
    const { reasons, totals } = await reasonsOf('ymd', `'${f}'`, [
      '2022-06-01 23:59:60',
      '2022-06-01 12:00:00',
      '2022-06-01 12:60:00',
      '2022-06-01 12:00:00,5',
    ]);
    expect(reasons).toEqual({
      '1': `received time: 2022-06-01 23:59:60 does not match format ${f}: its second 60 (a leap second) is not read: write it as second 59 in the export (column received)`,
      '3': `received time: 2022-06-01 12:60:00 does not match format ${f} (column received)`,
      '4': `received time: 2022-06-01 12:00:00,5 does not match format ${f}: its seconds have a decimal comma, which ISO 8601 allows and no format here reads: write the fraction with a point (2022-06-01 12:00:00.5) (column received)`,
    });
    expect(totals.loaded).toBe(1);
  }, 60_000);
});

describe('time reasons under iso8601 (tester 381)', () => {
  it('names a decimal comma, a leap second and infinity, none of them as lacking an offset', async () => {
    const { reasons, totals } = await reasonsOf('iso', 'iso8601', [
      '2022-01-01T01:08:55,25-05:00',
      'infinity',
      '2022-01-01T01:08:55-05:00',
      '-infinity',
      '2022-06-01T23:59:60-04:00',
    ]);
    const notATime =
      "is not a time (column received; a placeholder for a missing time goes in the profile's nulls)";
    expect(reasons).toEqual({
      '1': 'received time: 2022-01-01T01:08:55,25-05:00 is not an ISO-8601 time: its seconds have a decimal comma, which ISO 8601 allows and no format here reads: write the fraction with a point (2022-01-01T01:08:55.25-05:00) (column received)',
      '2': `received time: infinity ${notATime}`,
      '4': `received time: -infinity ${notATime}`,
      '5': 'received time: 2022-06-01T23:59:60-04:00 is not an ISO-8601 time: its second 60 (a leap second) is not read: write it as second 59 in the export (column received)',
    });
    expect(totals.loaded).toBe(1);
  }, 60_000);

  it('does not advise iso8601 for times with a decimal comma, which it refuses', async () => {
    const file = join(dir, 'comma.csv');
    writeFileSync(file, 'id,received\n1,"2022-01-01T01:08:55,25-05:00"\n2,"2022-01-01T02:08:55,5-05:00"\n');
    // Both rows refused, the run is refused: its message must not send the profile to iso8601, which
    // refuses them as well, from iso8601 itself or from a strptime format.
    for (const format of ['iso8601', "'%Y-%m-%dT%H:%M:%S'"]) {
      const err = await ingest({
        files: [file],
        profile: parseProfile(profileYaml(format), 'comma.yaml'),
        store: join(dir, 'comma.store'),
      }).then(
        () => undefined,
        (e: unknown) => e as UserError,
      );
      expect(err?.message).toContain('its seconds have a decimal comma');
      // The advice is the hint: before, "All of the refused times fit `iso8601` instead".
      expect(err?.hint).toBeDefined();
      expect(err?.hint).not.toContain('iso8601');
    }
  }, 60_000);
});
