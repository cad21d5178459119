/**
 * Ingest defects found by helper D75: a typed Parquet TIMESTAMP under `format: iso8601`, a CSV naming a
 * column the profile reads twice, two copies of one file in one command, and a read-only store asked to
 * re-ingest a file it holds. Real rows of the shared exports, copied into a temp dir; every expectation is
 * worked out here from the rows themselves.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import type { Profile } from '../../src/sources/profile-schema.js';
import { openEngine } from '../../src/store/duckdb.js';
import { literal } from '../../src/util/sql.js';
import { parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

const BURLINGTON = readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8').split(/\r?\n/);
const HEADER = BURLINGTON[0]!.split(',');
/** The header and the first 60 rows of Burlington's export, as its own text. */
const LINES = BURLINGTON.slice(0, 61);

async function sql(statement: string): Promise<void> {
  const conn = await openEngine();
  try {
    await conn.run(statement);
  } finally {
    conn.closeSync();
  }
}

describe('a Parquet file whose time column is typed, under timestamps.format: iso8601', () => {
  const dir = tempDir();
  const csv = join(dir, 'calls.csv');
  writeFileSync(csv, `${LINES.join('\n')}\n`);

  it('is read, a TIMESTAMP as the clock it holds and a TIMESTAMPTZ as its instant', async () => {
    // By hand: under `clock: utc_is_local` the UTC reading of each `call_time` is the local clock
    // (2021-12-31T20:08:55-05:00 is 01:08:55 on 1 January), which a typed TIMESTAMP without offset holds.
    const at = HEADER.indexOf('call_time');
    const expected = LINES.slice(1).map((l) => {
      const f = l.split(',');
      return { id: f[0]!, local: new Date(f[at]!).toISOString().slice(0, 19).replace('T', ' ') };
    });
    expect(expected[0]).toEqual({ id: '22BU000002', local: '2022-01-01 01:08:55' });
    const naive = join(dir, 'naive.parquet');
    const zoned = join(dir, 'zoned.parquet');
    await sql(
      `COPY (SELECT * REPLACE (CAST(CAST(call_time AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP) AS call_time)
         FROM read_csv(${literal(csv)}, all_varchar = true)) TO ${literal(naive)} (FORMAT parquet)`,
    );
    await sql(
      `COPY (SELECT * REPLACE (CAST(call_time AS TIMESTAMPTZ) AS call_time)
         FROM read_csv(${literal(csv)}, all_varchar = true)) TO ${literal(zoned)} (FORMAT parquet)`,
    );
    const rows = (store: string) =>
      storeRows<{ id: string; local: string; at: string }>(
        store,
        `SELECT source_call_id AS id, CAST(received_local AS VARCHAR) AS local, CAST(received_at AS VARCHAR) AS "at"
         FROM calls ORDER BY 1`,
      );
    const fromCsv = await rows(
      (await ingest({ files: [csv], profile: 'burlington-vt', store: join(dir, 'csv') })).store,
    );
    expect(fromCsv.map(({ id, local }) => ({ id, local }))).toEqual(expected);
    for (const file of [naive, zoned]) {
      // The TIMESTAMP's every row was quarantined: "does not match an ISO-8601 time with offset".
      const s = await ingest({
        files: [file],
        profile: 'burlington-vt',
        store: join(dir, `s-${file.length}`),
      });
      expect(s.totals.quarantined, file).toBe(0);
      expect(s.totals.loaded, file).toBe(60);
      // The same local clock and the same instant as the CSV the file was made from.
      expect(await rows(s.store), file).toEqual(fromCsv);
    }
  });
});

describe('a CSV naming a column the profile reads twice', () => {
  const dir = tempDir();
  const typeAt = HEADER.indexOf('call_type');
  // A second `call_type` at the end, its values another type, so which one was read shows in the store.
  const file = join(dir, 'twice.csv');
  writeFileSync(file, `${LINES.map((l, i) => `${l},${i === 0 ? 'call_type' : 'Other Type'}`).join('\n')}\n`);

  it('loads the first and says so, naming both columns and the other’s name', async () => {
    const s = await ingest({ files: [file], profile: 'burlington-vt', store: join(dir, 'a') });
    expect(s.totals.loaded).toBe(60);
    // Columns counted from 1: call_type's own place, and one past the export's last.
    expect(s.warnings).toContain(
      `twice.csv: its header names \`call_type\` twice (columns ${typeAt + 1} and ${HEADER.length + 1}); the profile reads the first (column ${typeAt + 1}) and not the other, which the reader names \`call_type_1\`: if that is the column to read, map that name in a profile of your own (a copy of this one), or give the columns names of their own in the file, and ingest it again.`,
    );
    const first = new Set(LINES.slice(1).map((l) => parseCsv(l)[0]![typeAt]!));
    const stored = await storeRows<{ t: string }>(
      s.store,
      'SELECT DISTINCT call_type_final_raw AS t FROM calls',
    );
    expect(stored.every((r) => first.has(r.t))).toBe(true);
    expect(stored.some((r) => r.t === 'Other Type')).toBe(false);
  });

  it('says nothing where the profile reads the repeat by its own name too', async () => {
    const base = loadProfile('burlington-vt');
    const profile: Profile = { ...base, fields: { ...base.fields, call_type_final: 'call_type_1' } };
    const s = await ingest({ files: [file], profile, store: join(dir, 'b') });
    expect(s.warnings.filter((w) => w.includes('header names'))).toEqual([]);
    const stored = await storeRows<{ t: string }>(
      s.store,
      'SELECT DISTINCT call_type_final_raw AS t FROM calls',
    );
    expect(stored).toEqual([{ t: 'Other Type' }]);
  });
});

describe('two copies of one file in one command', () => {
  const dir = tempDir();
  const a1 = join(dir, 'a1.csv');
  const a2 = join(dir, 'a2.csv');
  writeFileSync(a1, `${LINES.join('\n')}\n`);
  copyFileSync(a1, a2);
  const store = join(dir, 'store');

  it('each names the other', async () => {
    const s = await ingest({ files: [a1, a2], profile: 'burlington-vt', store });
    expect(s.files.map((f) => f.skipped ?? null)).toEqual([
      'given again later in this command, as a2.csv; applied there',
      null,
    ]);
    expect(s.totals.loaded).toBe(60);
    // Again: the last copy is skipped, as already ingested (run 1 loaded it by its own name).
    const t = await ingest({ files: [a1, a2], profile: 'burlington-vt', store });
    expect(t.files.map((f) => f.skipped ?? null)).toEqual([
      'given again later in this command, as a2.csv; skipped there too',
      'already ingested with this profile; nothing to change (the same file as a1.csv, given before it in this command)',
    ]);
  });
});

describe('a store this user may only read, asked to re-ingest a file it holds', () => {
  // Outside the tests' TMPDIR, a folder of mode 0700 that nobody may not enter.
  const dir = mkdtempSync('/tmp/safegap-d75-');
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'calls.csv');
  writeFileSync(file, `${LINES.join('\n')}\n`);
  const store = join(dir, 'store');
  // Before the folder is removed (afterAll runs last first): removing needs write permission.
  afterAll(() => execFileSync('chmod', ['-R', 'u+w', store]));

  it('says already ingested, nothing to change, where it said "Cannot write to the store"', async () => {
    await ingest({ files: [file], profile: 'burlington-vt', store });
    const before = readdirSync(store).sort();
    execFileSync('chmod', ['-R', 'a-w', store]);
    // Root writes whatever the permissions: the CLI runs as nobody then (uid 65534).
    const node = [process.execPath, '--import', 'tsx', resolve(import.meta.dirname, '../../src/cli/main.ts')];
    const args = ['ingest', file, '--profile', 'burlington-vt', '--store', store];
    // tsx keeps its cache in TMPDIR, which the tests' is, and nobody may not write there.
    const tmp = join(dir, 'tmp');
    mkdirSync(tmp, { mode: 0o777 });
    chmodSync(tmp, 0o777);
    const env = { ...process.env, TMPDIR: tmp };
    const run =
      process.getuid?.() === 0
        ? spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ...node, ...args], {
            encoding: 'utf8',
            cwd: resolve(import.meta.dirname, '../..'),
            env,
          })
        : spawnSync(node[0]!, [...node.slice(1), ...args], {
            encoding: 'utf8',
            cwd: resolve(import.meta.dirname, '../..'),
            env,
          });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('already ingested with this profile; nothing to change');
    expect(run.status).toBe(0);
    expect(readdirSync(store).sort()).toEqual(before);
  });
});
