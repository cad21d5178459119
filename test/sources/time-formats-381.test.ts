/**
 * Time formats found by tester 381: a strptime `%z` (a numeric UTC offset) under `clock: local` read every
 * time as its UTC reading on the local clock, hours off, while `profile check` said valid; `%Z` (a zone's
 * name) read `EST` and refused `EDT`; seven digits of a fraction under `%S` were refused with no word of
 * `%S.%n`. Every expected time below is worked by hand from the values written here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { draftProfile } from '../../src/sources/init-profile.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { csvObjects } from '../helpers/csv.js';
import { tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

const dir = tempDir('safegap-381-');

/** A profile of `id`, `received` and `arrived` in New York, with the given timestamps and times lines. */
function profileYaml(format: string, times: string, clock = 'local'): string {
  return [
    'name: Test 381',
    'source: t381',
    'time_zone: America/New_York',
    'timestamps:',
    `  format: '${format}'`,
    `  clock: ${clock}`,
    'id: id',
    'times:',
    times,
    "origin: { default: '911' }",
    'responder: { default: police }',
    '',
  ].join('\n');
}

/** Writes `csv` and `yaml`, ingests with every bad row let through: the store and the summary. */
async function ingestOf(name: string, csv: string, yaml: string) {
  const file = join(dir, `${name}.csv`);
  writeFileSync(file, csv);
  const store = join(dir, `${name}.store`);
  const summary = await ingest({
    files: [file],
    profile: parseProfile(yaml, `${name}.yaml`),
    store,
    maxBadRatio: 1,
  });
  return { store, summary };
}

/** Each call's local received time, UTC received time and seconds to arrival, by id. */
async function times(store: string) {
  return storeRows<{ id: string; local: string; utc: string; secs: number }>(
    store,
    `SELECT source_call_id AS id, CAST(received_local AS VARCHAR) AS local,
       strftime(received_at, '%Y-%m-%dT%H:%M:%SZ') AS utc,
       epoch(arrived_at) - epoch(received_at) AS secs
     FROM calls ORDER BY id`,
  );
}

describe('a strptime %z format under clock: local (tester 381)', () => {
  it('reads the offset: the local hour is the hour written, and intervals to local stages are right', async () => {
    // Call 1: 01:08:55 at -05:00 (EST) is 06:08:55 UTC and 01 local in New York; arrived 01:20:00 local
    // (EST, so 06:20:00 UTC) is 11 min 5 s = 665 s later. Call 2: 13:00:00 at -04:00 (EDT) is 17:00:00 UTC;
    // arrived 13:10:00 local EDT is 600 s later.
    const { store, summary } = await ingestOf(
      'pz',
      'id,received,arrived\n1,2022-01-01T01:08:55-05:00,2022-01-01 01:20:00\n2,2022-07-01T13:00:00-0400,2022-07-01 13:10:00\n',
      profileYaml(
        '%Y-%m-%dT%H:%M:%S%z',
        "  received: received\n  arrived: { column: arrived, format: '%Y-%m-%d %H:%M:%S' }",
      ),
    );
    expect(summary.totals.quarantined).toBe(0);
    expect(await times(store)).toEqual([
      { id: '1', local: '2022-01-01 01:08:55', utc: '2022-01-01T06:08:55Z', secs: 665 },
      { id: '2', local: '2022-07-01 13:00:00', utc: '2022-07-01T17:00:00Z', secs: 600 },
    ]);
  }, 60_000);

  it("reads a stage's own %z format as an instant beside local times (Minneapolis' arrivals)", async () => {
    // Received 00:04 local in New York, EDT (04:04 UTC); arrived 00:17 at -04:00 is 04:17 UTC: 13 min = 780 s.
    const { store } = await ingestOf(
      'arrz',
      'id,received,arrived\n1,10/1/2022 0:04,2022-10-01T00:17:00-0400\n',
      profileYaml(
        '%m/%d/%Y %H:%M',
        "  received: received\n  arrived: { column: arrived, format: '%Y-%m-%dT%H:%M:%S%z' }",
      ),
    );
    expect(await times(store)).toEqual([
      { id: '1', local: '2022-10-01 00:04:00', utc: '2022-10-01T04:04:00Z', secs: 780 },
    ]);
  }, 60_000);
});

describe('a strptime %Z format (tester 381)', () => {
  const refusal = (yaml: string) => {
    try {
      parseProfile(yaml, 'p.yaml');
    } catch (e) {
      return { message: (e as Error).message, hint: (e as { hint?: string }).hint ?? '' };
    }
    throw new Error('not refused');
  };

  it('is refused at load, naming the key and the format, with the fix', () => {
    const { message, hint } = refusal(profileYaml('%Y-%m-%d %H:%M:%S %Z', '  received: received'));
    expect(message).toContain('p.yaml: timestamps.format `%Y-%m-%d %H:%M:%S %Z` reads a time zone');
    expect(hint).toContain('`timestamps.clock: local`');
    expect(hint).toContain('`format: iso8601`');
  });

  it("is refused in a stage's own format too", () => {
    const { message } = refusal(
      profileYaml(
        '%Y-%m-%d %H:%M:%S',
        "  received: received\n  arrived: { column: arrived, format: '%Y-%m-%d %H:%M %Z' }",
      ),
    );
    expect(message).toContain('times.arrived.format `%Y-%m-%d %H:%M %Z`');
  });

  it('leaves a literal %% followed by Z alone', () => {
    // `%%Z` is a percent sign and the letter Z, no specifier: the literal-Z check speaks of it, not this one.
    const { message } = refusal(profileYaml('%Y-%m-%d %H:%M:%S%%Z', '  received: received'));
    expect(message).not.toContain("time zone's name");
  });
});

describe('seven digits of a fraction of a second (tester 381)', () => {
  const csv =
    'id,received,arrived\n1,2022-01-01 01:08:55.2500000,2022-01-01 01:09:00\n2,2022-01-01 02:00:00,2022-01-01 02:00:01.5000000\n';

  it('are refused under %S with the advice to write %S.%n', async () => {
    const { summary } = await ingestOf(
      'frac',
      csv,
      profileYaml('%Y-%m-%d %H:%M:%S', '  received: received\n  arrived: arrived'),
    );
    const reasons = csvObjects(readFileSync(summary.quarantine_file!, 'utf8')).map((r) => r.reason);
    // Row 1's received time and row 2's arrival have seven digits after the point; the others none.
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toContain(
      'received time: 2022-01-01 01:08:55.2500000 does not match format %Y-%m-%d %H:%M:%S: its seconds have more than six digits after the point',
    );
    expect(reasons[0]).toContain('write %S.%n');
    expect(reasons[1]).toContain('arrived time: 2022-01-01 02:00:01.5000000 does not match');
    expect(reasons[1]).toContain('write %S.%n');
  }, 60_000);

  it('are read under %S.%n, and so are seconds without a fraction', async () => {
    // Call 1: 01:08:55.25 EST to 01:09:00 is 4.75 s; call 2: 02:00:00 to 02:00:01.5 is 1.5 s.
    const { store, summary } = await ingestOf(
      'frac7',
      csv,
      profileYaml('%Y-%m-%d %H:%M:%S.%n', '  received: received\n  arrived: arrived'),
    );
    expect(summary.totals.quarantined).toBe(0);
    expect(await times(store)).toEqual([
      { id: '1', local: '2022-01-01 01:08:55.25', utc: '2022-01-01T06:08:55Z', secs: 4.75 },
      { id: '2', local: '2022-01-01 02:00:00', utc: '2022-01-01T07:00:00Z', secs: 1.5 },
    ]);
  }, 60_000);

  it('are drafted %S.%n by profile init', async () => {
    const file = join(dir, 'draft.csv');
    writeFileSync(
      file,
      `incident_number,call_time\n${[1, 2, 3].map((i) => `A${i},2022-01-0${i} 01:08:55.2500000`).join('\n')}\n`,
    );
    const draft = await draftProfile(file, { outDir: dir, timeZone: 'America/New_York' });
    expect(draft.yaml).toContain('format: "%Y-%m-%d %H:%M:%S.%n"');
  }, 60_000);
});
