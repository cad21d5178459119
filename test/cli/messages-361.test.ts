/**
 * Tester 361's messages: a store whose calls file is a whole Parquet file of another shape (an internal
 * "Binder Error" in every command, and `classify export` told to leave out options never given), and a
 * line break in a quoted value printed raw where a tab and a CR were escaped.
 */
import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/store/duckdb.js';
import { CALL_COLUMNS } from '../../src/store/calls-schema.js';
import { literal } from '../../src/util/sql.js';
import { cli } from '../helpers/cli.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const dir = tempDir();

/** A store of one source, `city`, whose calls file DuckDB writes from `select` (no rows). */
async function storeOf(name: string, select: string): Promise<string> {
  const store = join(dir, name);
  mkdirSync(join(store, 'versions', 'v000001', 'calls'), { recursive: true });
  const conn = await openEngine();
  try {
    const file = join(store, 'versions', 'v000001', 'calls', 'city.parquet');
    await conn.run(`COPY (${select} WHERE false) TO ${literal(file)} (FORMAT parquet)`);
  } finally {
    conn.closeSync();
  }
  writeFileSync(
    join(store, 'versions', 'v000001', 'manifest.json'),
    JSON.stringify({
      format: 'safegap-store',
      format_version: 1,
      version: 'v000001',
      created_at: '2026-01-01T00:00:00.000Z',
      runs: [],
      profiles: {},
      sources: { city: { calls: 0, file: 'calls/city.parquet' } },
    }),
  );
  writeFileSync(join(store, 'CURRENT'), 'v000001\n');
  return store;
}

const columns = (leave = '') =>
  CALL_COLUMNS.filter((c) => c.name !== leave)
    .map((c) => `NULL::${c.type} AS ${c.name}`)
    .join(', ');

let whole = '';
let alien = '';
let noBeat = '';
// The first 20 rows of a Minneapolis export, for an ingest into the store.
const sample = join(dir, 'minneapolis.csv');
beforeAll(async () => {
  const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n');
  writeFileSync(sample, lines.slice(0, 21).join('\n') + '\n');
  whole = await storeOf('whole', `SELECT ${columns()}`);
  // An analysis table's shape, as tester 361 copied one over the calls file.
  alien = await storeOf('alien', "SELECT 'intake' AS phase, 'queue' AS stage, 1::BIGINT AS calls");
  noBeat = await storeOf('no-beat', `SELECT ${columns('beat')}`);
}, 60_000);

const damaged = (store: string) =>
  `The store \`${store}\` is damaged: the calls file of city in version \`v000001\`, ${join(store, 'versions', 'v000001', 'calls', 'city.parquet')}, is not a calls file: `;

describe('a calls file that is a whole Parquet file of another shape (tester 361)', () => {
  it('makes the store damaged, naming the file and the columns missing, in every command', () => {
    // 37 columns in a calls file: the first six named, 31 counted.
    const said = `${damaged(alien)}it lacks the columns call_id, source, source_call_id, received_at, received_local, time_zone and 31 more (it has phase, stage, calls).`;
    for (const args of [
      ['store', 'info', '--store', alien],
      ['analyze', '--store', alien, '--no-save'],
      ['report', '--store', alien, '--out', join(dir, 'report')],
      ['ingest', sample, '--profile', 'minneapolis-cad', '--store', alien],
      ['classify', 'export', '--calls', alien, '--city', 'minneapolis', '--out', join(dir, 'x.csv')],
    ]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(said);
      expect(r.stderr).toContain('restore the file from a backup');
      expect(r.stderr).not.toMatch(/internal error|Binder Error|--initial-column/);
    }
  }, 120_000);

  it('names a single column missing, and leaves a whole calls file alone', () => {
    const r = cli('store', 'info', '--store', noBeat);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `${damaged(noBeat)}it lacks the column beat (it has call_id, source, source_call_id, received_at, received_local, time_zone and 30 more).`,
    );
    const ok = cli('store', 'info', '--store', whole);
    expect(ok.stderr).not.toContain('damaged');
    expect(ok.status).toBe(0);
  }, 60_000);
});

describe('a calls file copied over by another calls file (tester 367)', () => {
  it("is the store's damage, found by the size its manifest gives", async () => {
    // Two stores of Burlington's first 200 and 400 rows: the second's calls file over the first's is a
    // whole calls file of the same shape, read as 400 calls beside a manifest of 200.
    const lines = readFileSync(sharedFile('burlington_vt/police-incidents-2022.csv'), 'utf8').split('\n');
    const stores = [200, 400].map((n) => {
      const csv = join(dir, `burlington-${n}.csv`);
      writeFileSync(csv, lines.slice(0, n + 1).join('\n') + '\n');
      return { csv, store: join(dir, `burlington-${n}`) };
    });
    for (const { csv, store } of stores) {
      const r = cli('ingest', csv, '--profile', 'burlington-vt', '--store', store);
      expect(r.status, r.stderr).toBe(0);
    }
    const file = join(stores[0]!.store, 'versions', 'v000001', 'calls', 'burlington_vt.parquet');
    const other = join(stores[1]!.store, 'versions', 'v000001', 'calls', 'burlington_vt.parquet');
    const manifest = JSON.parse(
      readFileSync(join(stores[0]!.store, 'versions', 'v000001', 'manifest.json'), 'utf8'),
    ) as { sources: Record<string, { bytes: number }> };
    expect(manifest.sources.burlington_vt!.bytes).toBe(statSync(file).size);
    copyFileSync(other, file);
    const r = cli('store', 'info', '--store', stores[0]!.store);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `is not the file this version wrote (${statSync(other).size} bytes where its manifest says ${manifest.sources.burlington_vt!.bytes}): another file was copied over it.`,
    );
  }, 120_000);
});

describe('a line break in a quoted value (tester 361)', () => {
  it('is escaped as a tab and a CR are, while the message keeps its own line for the advice', () => {
    const r = cli('store', 'info', '-s', join(dir, 'bad\nname\tx\r'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'bad')}\\x0aname\\x09x\\x0d does not exist`);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^safegap: /);
    expect(lines[1]).toMatch(/^ {2}How to fix: /);
  }, 60_000);
});
