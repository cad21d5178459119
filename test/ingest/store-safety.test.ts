import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import {
  attachCalls,
  beginWrite,
  readStore,
  requireStore,
  unfinishedIngests,
  useVersion,
} from '../../src/store/store.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { UserError } from '../../src/util/user-error.js';
import { ingestTotals, summarizeStore } from '../../src/store/summary.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { draftProfile } from '../../src/sources/init-profile.js';
import { csvObjects, parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const MPLS = sharedFile('minneapolis/calls_2022_d.csv');
const SEATTLE = sharedFile('seattle/call_data_sample_2018-2023.csv');
const CLI = resolve(import.meta.dirname, '../../bin/safegap.js');
const mplsText = readFileSync(MPLS, 'utf8');
const [HEADER, ...MPLS_ROWS] = parseCsv(mplsText.replace(/\r?\n$/, ''));

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
/**
 * Calls of `stored` (the file's rows) received within the span of `rows`' times and not among `rows`' ids,
 * worked from the file (its times are local minutes, `10/1/2022 0:04`; no clock change in these spans).
 */
function heldOutsideRows(rows: string[][], stored: string[][]): number {
  const at = HEADER!.indexOf('Time_PhonePickUp');
  const id = HEADER!.indexOf('Master_Incident_Number');
  const key = (v: string) => {
    const [m, d, y, h, min] = v.split(/[/ :]/);
    return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')} ${h!.padStart(2, '0')}:${min}`;
  };
  const times = rows.map((r) => key(r[at]!)).sort();
  const [lo, hi] = [times[0]!, times.at(-1)!];
  const held = new Set(rows.map((r) => r[id]));
  return new Set(
    stored.filter((r) => key(r[at]!) >= lo && key(r[at]!) <= hi && !held.has(r[id])).map((r) => r[id]),
  ).size;
}
const keptNote = (calls: number) =>
  new RegExp(
    `^${calls} calls of minneapolis_cad the store held, received between .* \\(the span of this run's calls\\), are not in this run's files, and are kept: an export replaces calls by id and removes none`,
  );

const toCsv = (rows: string[][]) => `${[HEADER!, ...rows].map((r) => r.map(quote).join(',')).join('\n')}\n`;

async function callCount(store: string, where = 'true'): Promise<number> {
  const conn = await openEngine();
  await attachCalls(conn, requireStore(store));
  const r = await queryRows<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM calls WHERE ${where}`);
  conn.closeSync();
  return r[0]!.n;
}

/** Everything a reader could see of a store: version, manifest and the content of its calls. */
async function snapshot(store: string): Promise<string> {
  const state = requireStore(store);
  const conn = await openEngine();
  await attachCalls(conn, state);
  const r = await queryRows(
    conn,
    'SELECT count(*) n, sum(hash(call_id, received_at, call_type_final)) h FROM calls',
  );
  conn.closeSync();
  return JSON.stringify({ version: state.manifest.version, runs: state.manifest.runs.length, r });
}

describe('re-ingesting and overlapping exports', () => {
  const dir = tempDir();
  const store = join(dir, 'store');

  it('re-ingesting the same file changes nothing', async () => {
    const first = await ingest({ files: [MPLS], profile: 'minneapolis-cad', store });
    const before = await snapshot(store);
    const again = await ingest({ files: [MPLS], profile: 'minneapolis-cad', store });
    expect(again.committed).toBe(false);
    // The run's time figures keep their keys, each 0: it loaded nothing (tester 89 found `"time": {}`).
    expect(Object.keys(again.time).sort()).toEqual(Object.keys(first.time).sort());
    expect(Object.values(again.time).every((v) => v === 0)).toBe(true);
    expect(again.files[0]!.skipped).toMatch(/already ingested/);
    expect(await snapshot(store)).toBe(before);
  });

  it('a file already ingested, given after a file this command loads, is said to lose to it (tester 236)', async () => {
    // Skipped as "nothing to change", while the edited file given before it replaced its calls.
    const seattle = join(dir, 'seattle-order');
    const text = readFileSync(SEATTLE, 'utf8');
    const edited = join(dir, 'seattle-edited.csv');
    writeFileSync(edited, text.replace(',--SUSPICIOUS CIRCUM. - SUSPICIOUS PERSON,', ',--EDITED TYPE,'));
    expect(readFileSync(edited, 'utf8')).not.toBe(text);
    await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store: seattle });
    const original = await snapshot(seattle);
    const s = await ingest({ files: [edited, SEATTLE], profile: 'seattle-call-data', store: seattle });
    expect(s.files[0]!.skipped).toBeUndefined();
    expect(s.files[1]!.skipped).toBe(
      "already ingested with this profile, skipped: any calls it shares with seattle-edited.csv, loaded before it in this command, keep that file's records, not this one's, whatever the order given (a skipped file is not read, so whether they share any is not checked); --again loads it in its place",
    );
    expect(JSON.parse(await snapshot(seattle)).r).not.toEqual(JSON.parse(original).r);
    // --again loads it in its place: the store holds its records again.
    await ingest({ files: [edited, SEATTLE], profile: 'seattle-call-data', store: seattle, again: true });
    expect(JSON.parse(await snapshot(seattle)).r).toEqual(JSON.parse(original).r);
  });

  it('the same records in a byte-different file replace themselves and change no call', async () => {
    // The export has CRLF line endings; the same records with LF endings are a byte-different file.
    expect(mplsText).toContain('\r\n');
    const crlf = join(dir, 'same-records-lf.csv');
    writeFileSync(crlf, mplsText.replace(/\r\n/g, '\n'));
    const before = await snapshot(store);
    const s = await ingest({ files: [crlf], profile: 'minneapolis-cad', store });
    expect(s.committed).toBe(true);
    expect(s.replaced).toBe(63_306);
    expect(s.inserted).toBe(0);
    const after = JSON.parse(await snapshot(store));
    expect(after.r).toEqual(JSON.parse(before).r);
  });

  it('a newer overlapping export replaces records by id and adds the new ones', async () => {
    const dispCol = HEADER!.indexOf('Call_Disposition');
    const idCol = HEADER!.indexOf('Master_Incident_Number');
    const overlap = MPLS_ROWS.slice(100, 300).map((r) => r.map((v, i) => (i === dispCol ? 'RPT-Report' : v)));
    const ids = new Set(overlap.map((r) => r[idCol]));
    // New calls under ids of another year (`NEW-22-232587` is the stored id with a prefix: ingest now
    // warns of it as the same call written another way).
    const fresh = MPLS_ROWS.slice(0, 10).map((r) =>
      r.map((v, i) => (i === idCol ? v.replace(/^22-/, '99-') : v)),
    );
    const file = join(dir, 'newer-export.csv');
    writeFileSync(file, toCsv([...overlap, ...fresh]));
    const s = await ingest({ files: [file], profile: 'minneapolis-cad', store });
    expect(s.inserted).toBe(10);
    expect(s.replaced).toBe(ids.size);
    // A part of the file's calls: the others of its span are kept, and said to be (231, the first ten
    // calls' stored records among them, under their old ids).
    expect(s.warnings).toEqual([
      expect.stringMatching(keptNote(heldOutsideRows([...overlap, ...fresh], MPLS_ROWS))),
    ]);
    expect(await callCount(store)).toBe(63_306 + 10);
    const list = [...ids].map((i) => `'${i}'`).join(',');
    expect(await callCount(store, `source_call_id IN (${list}) AND disposition_raw = 'RPT-Report'`)).toBe(
      ids.size,
    );
  });

  it('accounts for every row loaded: the records held, and those a later record replaced', async () => {
    // `store info` said "68,347 rows read, 24 exact duplicates dropped" beside 63,306 records, and nothing
    // of the 5,017 rows that overlapping exports replaced.
    const state = requireStore(store);
    const conn = await openEngine();
    const s = await summarizeStore(conn, state);
    conn.closeSync();
    const records = await callCount(store);
    // Three runs so far: the export, the same records with LF (63,306 replaced), the newer export (the
    // calls of its 200 overlapping rows).
    const idCol = HEADER!.indexOf('Master_Incident_Number');
    const overlapping = new Set(MPLS_ROWS.slice(100, 300).map((r) => r[idCol])).size;
    expect(s.quality.replaced).toBe(63_306 + overlapping);
    expect(ingestTotals(state).loaded - s.quality.replaced).toBe(records);
  });

  it('an older export loaded after a newer one: replaced as asked, and said', async () => {
    // The same calls while still open: no arrival yet for the ones that had one.
    const arrived = HEADER!.indexOf('Time_First_Unit_Arrived');
    const old = MPLS_ROWS.slice(400, 500).map((r) => r.map((v, i) => (i === arrived ? '' : v)));
    const hadArrival = new Set(
      MPLS_ROWS.slice(400, 500)
        .filter((r) => r[arrived] !== '')
        .map((r) => r.join()),
    ).size;
    const file = join(dir, 'older-export.csv');
    writeFileSync(file, toCsv(old));
    const s = await ingest({ files: [file], profile: 'minneapolis-cad', store });
    expect(s.replaced).toBe(100);
    expect(hadArrival).toBeGreaterThan(0);
    // The store's other calls: the file's, and the ten of the export above, outside this span (before 1 am).
    expect(s.warnings).toEqual([
      `${hadArrival} of the 100 calls replaced lost a time the store had (an arrival, a clearance...). If this export is older than the one already loaded, it has overwritten newer records: ingest the newer export again to restore them.`,
      expect.stringMatching(keptNote(heldOutsideRows(old, MPLS_ROWS))),
    ]);
    // Doing as the warning says restores them: the newer export was skipped as "already ingested".
    const withArrival = `source_call_id IN (${MPLS_ROWS.slice(400, 500)
      .map((r) => `'${r[HEADER!.indexOf('Master_Incident_Number')]}'`)
      .join(',')}) AND arrived_at IS NOT NULL`;
    const lost = await callCount(store, withArrival);
    const again = await ingest({
      files: [join(dir, 'same-records-lf.csv')],
      profile: 'minneapolis-cad',
      store,
    });
    expect(again.files[0]!.skipped).toBeUndefined();
    expect(await callCount(store, withArrival)).toBeGreaterThan(lost);
    // And a file nothing has replaced since is still skipped.
    const once = await ingest({
      files: [join(dir, 'same-records-lf.csv')],
      profile: 'minneapolis-cad',
      store,
    });
    expect(once.files[0]!.skipped).toMatch(/already ingested/);
  });

  it('two files of one run: the later one kept, and said when it lacks times the earlier had', async () => {
    const arrived = HEADER!.indexOf('Time_First_Unit_Arrived');
    const newer = join(dir, 'run-newer.csv');
    const older = join(dir, 'run-older.csv');
    writeFileSync(newer, toCsv(MPLS_ROWS.slice(600, 700)));
    writeFileSync(
      older,
      toCsv(MPLS_ROWS.slice(600, 700).map((r) => r.map((v, i) => (i === arrived ? '' : v)))),
    );
    const lostIds = new Set(
      MPLS_ROWS.slice(600, 700)
        .filter((r) => r[arrived] !== '')
        .map((r) => r[HEADER!.indexOf('Master_Incident_Number')]),
    ).size;
    expect(lostIds).toBeGreaterThan(0);
    const s = await ingest({
      files: [newer, older],
      profile: 'minneapolis-cad',
      store: join(dir, 'store-run'),
    });
    expect(s.warnings).toEqual([
      `${lostIds} calls in more than one of this run's files lost a time (an arrival, a clearance...) in the file given later, whose version was kept: files are applied in the order given. If that file is the older export, ingest the newer one again, or give the files oldest first.`,
    ]);
    // Ingesting the newer one again, as advised, restores the times; the older one stays skipped.
    const store = join(dir, 'store-run');
    const again = await ingest({ files: [newer, older], profile: 'minneapolis-cad', store });
    expect(again.files.map((f) => f.skipped ?? 'loaded')).toEqual([
      'loaded',
      expect.stringMatching(/already/),
    ]);
    const arrivedNow = await callCount(store, 'arrived_at IS NOT NULL');
    expect(arrivedNow).toBe(lostIds);
  });

  it('loading exports oldest first, then the same command again, changes nothing', async () => {
    // Each newer export replaces records, as it should: that was taken for an overwrite, and running the
    // same two files again alternated the store between them.
    const arrived = HEADER!.indexOf('Time_First_Unit_Arrived');
    const older = join(dir, 'a-old.csv');
    const newer = join(dir, 'b-new.csv');
    writeFileSync(
      older,
      toCsv(MPLS_ROWS.slice(800, 900).map((r) => r.map((v, i) => (i === arrived ? '' : v)))),
    );
    writeFileSync(newer, toCsv(MPLS_ROWS.slice(800, 900)));
    const store = join(dir, 'store-nightly');
    await ingest({ files: [older], profile: 'minneapolis-cad', store });
    await ingest({ files: [newer], profile: 'minneapolis-cad', store });
    const before = await snapshot(store);
    const again = await ingest({ files: [older, newer], profile: 'minneapolis-cad', store });
    expect(again.committed).toBe(false);
    expect(await snapshot(store)).toBe(before);
  });

  it('a file with a header and no rows is said to have none', async () => {
    const empty = join(dir, 'header-only.csv');
    writeFileSync(empty, `${HEADER!.join(',')}\n`);
    const s = await ingest({ files: [empty], profile: 'minneapolis-cad', store: join(dir, 'store-empty') });
    expect(s.warnings).toEqual(['header-only.csv has a header but no rows: nothing of it was loaded.']);
  });

  it('several files in one run: gzip and plain, accounted per file, the later file winning', async () => {
    const store2 = join(dir, 'store2');
    const a = join(dir, 'week1.csv.gz');
    const b = join(dir, 'week2.csv');
    writeFileSync(a, gzipSync(toCsv(MPLS_ROWS.slice(0, 1000))));
    writeFileSync(b, toCsv(MPLS_ROWS.slice(900, 1500)));
    const s = await ingest({ files: [a, b], profile: 'minneapolis-cad', store: store2 });
    expect(s.files.map((f) => f.rows_read)).toEqual([1000, 600]);
    for (const f of s.files) expect(f.loaded + f.quarantined + f.duplicates).toBe(f.rows_read);
    const distinctIds = new Set(MPLS_ROWS.slice(0, 1500).map((r) => r[0])).size;
    expect(await callCount(store2)).toBe(distinctIds);
  });

  it('a gzip file cut short is refused with a message, and no empty store is left behind', async () => {
    // It ended in Node's zlib stack trace ("internal error"), with an empty store folder left.
    const whole = gzipSync(toCsv(MPLS_ROWS.slice(0, 3000)));
    const cut = join(dir, 'cut.csv.gz');
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const fresh = join(dir, 'fresh-store');
    const err = await ingest({ files: [cut], profile: 'minneapolis-cad', store: fresh }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect(String(err)).toContain('cut.csv.gz is gzip-compressed but cannot be decompressed to its end');
    expect(existsSync(fresh)).toBe(false);
  });
});

describe('a process killed during ingest leaves the store as it was', () => {
  const dir = tempDir();
  const store = join(dir, 'store');
  let before: string;

  beforeAll(async () => {
    await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store });
    before = await snapshot(store);
  });

  it('killed after writing the new version but before moving the pointer', async () => {
    const r = spawnSync('node', [CLI, 'ingest', MPLS, '-p', 'minneapolis-cad', '-s', store], {
      env: { ...process.env, SAFEGAP_FAULT: 'before-pointer' },
      encoding: 'utf8',
    });
    expect(r.signal).toBe('SIGKILL');
    expect(existsSync(join(store, 'versions', 'v000002'))).toBe(true); // written, never made current
    expect(await snapshot(store)).toBe(before);
    // store info says so, as the next ingest does (tester 236: it said nothing).
    expect(unfinishedIngests(requireStore(store))).toEqual([
      "The store holds v000002, a version newer than its current one (CURRENT moved back by `store use` or by hand, or an ingest stopped just before it moved CURRENT): these figures are v000001's, and the next ingest removes v000002.",
    ]);
  });

  it('a disk that fills while the pointer moves: nothing of the new version is left (tester 166)', async () => {
    const r = spawnSync('node', [CLI, 'ingest', MPLS, '-p', 'minneapolis-cad', '-s', store], {
      env: { ...process.env, SAFEGAP_FAULT: 'pointer-full' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('The disk is full');
    // An empty CURRENT.tmp and the whole new version stayed, which the next run took for a hand edit.
    expect(existsSync(join(store, 'CURRENT.tmp'))).toBe(false);
    expect(readdirSync(join(store, 'versions'))).toEqual(['v000001']);
    expect(await snapshot(store)).toBe(before);
  });

  /** An ingest of the Minneapolis file into the store, once it has started writing scratch files. */
  async function ingestUnderway() {
    const child = spawn('node', [CLI, 'ingest', MPLS, '-p', 'minneapolis-cad', '-s', store], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const workDir = join(store, 'work', String(child.pid));
    for (let i = 0; i < 400 && !(existsSync(workDir) && readdirSync(workDir).length > 0); i++)
      await new Promise((r) => setTimeout(r, 10));
    return { child, workDir };
  }

  it('killed part-way through reading', async () => {
    const { child } = await ingestUnderway();
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(await snapshot(store)).toBe(before);
    expect(unfinishedIngests(requireStore(store))).toEqual([
      expect.stringMatching(
        new RegExp(
          `^An ingest \\(process ${child.pid}\\) was stopped before it finished v\\d+: the store is as it stood at v000001, without that ingest's files`,
        ),
      ),
    ]);
  });

  it('interrupted with Ctrl-C: unlocked and cleaned at once, the store as it was', async () => {
    // There was no handler: LOCK, work/<pid> and the partial version stayed until the next ingest.
    const { child, workDir } = await ingestUnderway();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.kill('SIGINT');
    const code = await new Promise((r) => child.on('close', (c) => r(c)));
    expect(code).toBe(130);
    // It ended in silence: nothing said that the run was stopped, nor where the store stands.
    expect(stderr).toBe(
      `\nsafegap: the ingest was interrupted (SIGINT): nothing was committed; the store \`${store}\` stays at v000001.\n`,
    );
    expect(existsSync(join(store, 'LOCK'))).toBe(false);
    expect(existsSync(workDir)).toBe(false);
    expect(readdirSync(join(store, 'versions')).filter((v) => v.includes(`partial-${child.pid}`))).toEqual(
      [],
    );
    expect(await snapshot(store)).toBe(before);
  });

  it('watches Ctrl-C only while it writes, so a program using the library keeps its own handling', () => {
    // The handler stayed after the write and ended the host program at its next Ctrl-C.
    const before = process.listenerCount('SIGINT');
    const w = beginWrite(join(tempDir(), 'library-store'));
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    w.release();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  it('a store without a version says whether its first ingest is running or ended without one', () => {
    // "wait for the ingest to finish" was said after a refused first ingest too, when none was running.
    const empty = join(tempDir(), 'first');
    mkdirSync(join(empty, 'versions'), { recursive: true });
    expect(() => requireStore(empty)).toThrow(/none is running; the first was refused or stopped/);
    // One killed part-way left its version (tester 238: only "refused or stopped" was said).
    mkdirSync(join(empty, 'versions', 'v000001.partial-17923'));
    expect(() => requireStore(empty)).toThrow(
      /its first ingest \(process 17923\) was stopped before it finished, leaving versions\/v000001\.partial-17923, which the next ingest removes/,
    );
    writeFileSync(join(empty, 'LOCK'), String(process.pid));
    expect(() => requireStore(empty)).toThrow(
      new RegExp(`its first ingest \\(process ${process.pid}\\) is still running`),
    );
  });

  it('a LOCK that is no file is refused by name (testers 127, 130)', async () => {
    // A folder was an internal error, a link to nothing "another process" for ever, and a named pipe hung
    // the ingest past any Ctrl-C.
    const lock = join(store, 'LOCK');
    const kinds: [string, () => void][] = [
      ['a folder', () => mkdirSync(lock)],
      ['a link', () => symlinkSync(join(store, 'nothing-here'), lock)],
      ['something other than a file', () => expect(spawnSync('mkfifo', [lock]).status).toBe(0)],
    ];
    for (const [kind, make] of kinds) {
      make();
      try {
        const err = await ingest({ files: [MPLS], profile: 'minneapolis-cad', store }).catch(
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(UserError);
        expect(String(err)).toMatch(
          new RegExp(`has ${kind} named LOCK, [\\s\\S]*How to fix: if it is nothing of yours, remove it`),
        );
        expect(readdirSync(store).filter((f) => f.startsWith('LOCK.'))).toEqual([]);
        expect(await snapshot(store)).toBe(before);
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
  });

  it('a lock held by a live process is refused, and left to it', async () => {
    writeFileSync(join(store, 'LOCK'), String(process.pid));
    const err = await ingest({ files: [MPLS], profile: 'minneapolis-cad', store }).catch((e: unknown) => e);
    // What the test's own process is called decides the words (lock.test in cli/failures.test.ts).
    expect(String(err)).toMatch(
      new RegExp(
        `LOCK file names process ${process.pid}, which is running|another safegap process \\(pid ${process.pid}:`,
      ),
    );
    expect(readFileSync(join(store, 'LOCK'), 'utf8')).toBe(String(process.pid));
    expect(await snapshot(store)).toBe(before);
    // A killed writer's lock (its process gone) is taken over below.
    writeFileSync(join(store, 'LOCK'), '999999999');
  });

  it('the next ingest takes over the stale lock, sweeps the leftovers and succeeds', async () => {
    // A writer killed while building its version, as the tests above killed theirs (no process has this id).
    mkdirSync(join(store, 'versions', 'v000002.partial-4194305', 'calls'), { recursive: true });
    // And a whole version newer than the current one, as a writer killed before it moved CURRENT leaves.
    cpSync(join(store, 'versions', 'v000001'), join(store, 'versions', 'v000002'), { recursive: true });
    // And one without its manifest, as only a hand makes one (tester 130: called whole).
    mkdirSync(join(store, 'versions', 'v000003', 'calls'), { recursive: true });
    const s = await ingest({ files: [MPLS], profile: 'minneapolis-cad', store });
    expect(s.committed).toBe(true);
    // And says so, where a scheduled job's log read as if nothing had happened (tester 101).
    expect(s.warnings).toContainEqual(
      "An earlier ingest (process 4194305) was stopped before it finished v000002: what it had written was removed, and this run began from the store as it stood at v000001. Its files were not loaded by it; if they are not among this run's, ingest them again.",
    );
    // Removed without a word, it looked as if a committed version had been written over (tester 127).
    expect(s.warnings).toContainEqual(
      "The store held v000002, a whole version newer than its current one, v000001 (CURRENT was moved back by `store use` or by hand, or an ingest was stopped just before it moved CURRENT). v000002 was removed, and this run began from v000001: files loaded only into v000002 are not in the store; if they are not among this run's, ingest them again.",
    );
    // Not whole, in `store versions`' words (tester 393).
    const manifest3 = join(store, 'versions', 'v000003', 'manifest.json');
    expect(s.warnings).toContainEqual(
      `The store held v000003, a version newer than its current one, v000001, which was not a whole version: its manifest cannot be read (ENOENT: no such file or directory, open '${manifest3}'). v000003 was removed, and this run began from v000001: files loaded only into v000003 are not in the store; if they are not among this run's, ingest them again.`,
    );
    expect(s.warnings).toHaveLength(3);
    // The first ingest into a store killed just before it wrote CURRENT, or a CURRENT deleted by hand: a
    // whole version and no pointer to it. The next ingest removed it and its calls, and said so after
    // (tester 144's words, tester 202's store); now it is refused, as `store info` is, and nothing moves.
    const first = join(dir, 'first-killed');
    mkdirSync(join(first, 'versions'), { recursive: true });
    cpSync(join(store, 'versions', 'v000001'), join(first, 'versions', 'v000001'), { recursive: true });
    const everything = () =>
      readdirSync(first, { recursive: true })
        .map(String)
        .sort()
        .map((f) => (statSync(join(first, f)).isFile() ? `${f} ${readFileSync(join(first, f)).length}` : f));
    const lost = everything();
    const refused = await ingest({ files: [MPLS], profile: 'minneapolis-cad', store: first }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).message).toMatch(
      /has no CURRENT file, but holds a whole version \(`v000001`\): its pointer was lost/,
    );
    expect((refused as UserError).hint).toBe(
      `point CURRENT at the newest: \`safegap store use v000001 -s ${first}\`, then run this again (or, to start afresh, give another --store).`,
    );
    expect(everything()).toEqual(lost);
    expect(readdirSync(first).sort()).toEqual(['versions']);
    // Pointed at it as the message says, the store has its calls, and takes the next ingest.
    expect(useVersion(first, 'v000001').version).toBe('v000001');
    const again = await ingest({ files: [MPLS], profile: 'minneapolis-cad', store: first });
    expect(again.version).toBe('v000002');
    expect(await callCount(first)).toBe(222 + 63_306);
    // Named after the versions it removed: v000002 again made an analysis saved of that one pass for this
    // one's (tester 130).
    expect(s.version).toBe('v000004');
    expect(readdirSync(join(store, 'versions')).filter((v) => v.includes('partial'))).toEqual([]);
    expect(await callCount(store)).toBe(222 + 63_306);
    expect(readdirSync(store).filter((f) => f.startsWith('LOCK'))).toEqual([]);
    // Nothing of the run is left: an empty work/ stayed after every ingest.
    expect(readdirSync(store).sort()).toEqual(['CURRENT', 'versions']);
  });
});

describe('bad files get a clear error and lose nothing already stored', () => {
  const dir = tempDir();
  const store = join(dir, 'store');
  let before: string;
  const lines = mplsText.split('\n');

  beforeAll(async () => {
    await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store });
    before = await snapshot(store);
  });

  async function rejects(file: string, pattern: RegExp, profile = 'minneapolis-cad') {
    const err = await ingest({ files: [file], profile, store }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect(String(err)).toMatch(pattern);
    expect(String(err)).toContain('How to fix');
    expect(await snapshot(store)).toBe(before);
    expect(existsSync(join(store, 'LOCK'))).toBe(false);
  }

  it('a truncated file', async () => {
    const file = join(dir, 'truncated.csv');
    const kept = lines.slice(0, 5001).join('\n');
    writeFileSync(file, `${kept}\n${lines[5001]!.slice(0, 40)}`);
    await rejects(file, /truncated.*row 5001/);
  });

  it('a truncated file with blank lines names its last row as the file numbers it', async () => {
    // The message counted rows read (5001), not the blank lines before the cut row (decisions.md, 4).
    const file = join(dir, 'truncated-blanks.csv');
    const kept = [...lines.slice(0, 101), '\r', ...lines.slice(101, 201), '\r', ...lines.slice(201, 5001)];
    writeFileSync(file, `${kept.join('\n')}\n${lines[5001]!.slice(0, 40)}`);
    await rejects(file, /truncated: its last row read \(row 5003\)[\s\S]*goes on after row 5003/);
  });

  it("a file cut inside its last row's last value loads with a note that it does not end with a line end", async () => {
    // Every field is there, so nothing else can tell the cut (tester 81: 22,000 calls silently missing).
    const d2 = tempDir();
    const cut = lines[3000]!.replace(/,[^,]*\r?$/, ',311-Ref');
    const file = join(d2, 'cut.csv');
    writeFileSync(file, `${lines.slice(0, 3000).join('\n')}\n${cut}`);
    const s = await ingest({ files: [file], profile: 'minneapolis-cad', store: join(d2, 'store') });
    expect(s.files[0]!.rows_read).toBe(3000);
    expect(s.warnings.join('\n')).toContain(
      'cut.csv does not end with a line end, as most complete exports do. If it was cut short, its last row is incomplete and the rows after it are missing: check the 3,000 rows read',
    );
    // Gzip'd too: its text is read in full anyway (tester 85).
    writeFileSync(join(d2, 'cut.csv.gz'), gzipSync(readFileSync(file)));
    const z = await ingest({
      files: [join(d2, 'cut.csv.gz')],
      profile: 'minneapolis-cad',
      store: join(d2, 'zstore'),
    });
    expect(z.warnings.join('\n')).toContain('cut.csv.gz does not end with a line end');
    // A whole file says nothing of it.
    const whole = join(d2, 'whole.csv');
    writeFileSync(whole, `${lines.slice(0, 3001).join('\n')}\n`);
    const w = await ingest({ files: [whole], profile: 'minneapolis-cad', store: join(d2, 'store2') });
    expect(w.warnings.join('\n')).not.toContain('line end');
  });

  it('a short last row without a line end after it is still a cut: the file is refused', async () => {
    const file = join(dir, 'total-cut.csv');
    writeFileSync(file, `${lines.slice(0, 2001).join('\n')}\nTotal,2000`);
    await rejects(
      file,
      /truncated: its last row read \(row 2001\) ends part-way through a record \(2 of the header's 29 fields\)/,
    );
  });

  it('a quote opened in the middle of a file and never closed on its line (rows after it were lost)', async () => {
    // The street of data row 300 starts with a stray quote: DuckDB read the next 1,800-odd lines as part
    // of it, one bad row, and the file loaded 1,834 calls short with exit code 0.
    const file = join(dir, 'unclosed.csv');
    const bad = lines.slice(0, 5001).map((l, i) => (i === 300 ? l.replace(/^((?:[^,]*,){9})/, '$1"') : l));
    expect(bad[300]).not.toBe(lines[300]);
    writeFileSync(file, `${bad.join('\n')}\n`);
    // Named by the header's tenth column, where the quote opens; DuckDB's words are gone (tester 348).
    const column = lines[0]!.split(',')[9]!;
    await rejects(
      file,
      new RegExp(
        `row 300 opens a quote in its value of ${column} that is not closed on its line, so .*the rows in them would be lost`,
      ),
    );
  });

  // A street starting with `"` at row 50 and `5"` before the delimiter at row 60: the ten rows between
  // became one street name of a record of the right width, and loaded with exit code 0. Closed on the next
  // row, no line between is whole: two rows were one, a call lost (tester 185).
  it.each([10, 1])(
    'a stray quote closed %i lines later by an inch mark in the same column, which DuckDB reads without an error',
    async (later) => {
      const file = join(dir, `inch-${later}.csv`);
      const bad = lines
        .slice(0, 301)
        .map((l, i) =>
          i === 50
            ? l.replace(/^((?:[^,]*,){9})/, '$1"')
            : i === 50 + later
              ? l.replace(/^((?:[^,]*,){9}[^,]*)/, '$1 5"')
              : l,
        );
      expect(bad[50]).not.toBe(lines[50]);
      expect(bad[50 + later]).not.toBe(lines[50 + later]);
      writeFileSync(file, `${bad.join('\n')}\n`);
      // Named by its line (the header is line 1), not by its text, which ran on over the row's other
      // columns, those the profile does not read too (tester 179: a caller's name and phone).
      await rejects(
        file,
        /^[^`]*a value of Street Display that begins on line 51 runs over the lines after it, which hold rows of their own: [^`]*How to fix: find the stray `"` at the start of that value \(line 51 of the file/,
      );
    },
  );

  it('a cell wrapped in Excel beside a quoted value holding the delimiter is no stray quote (tester 325)', async () => {
    // Seattle's row of `FALSE<LF>COMPLAINT/UNFOUNDED` and `ALARM - RESIDENTIAL - BURGLARY, SILENT/AUDIBLE`:
    // its second line and the fields after it, written back bare, counted the header's 13 fields with a
    // time where the received time is, and the valid file was refused for a stray quote.
    const [header, ...rows] = parseCsv(
      readFileSync(sharedFile('seattle/call_data_sample_2018-2023.csv'), 'utf8'),
    ) as [string[], ...string[][]];
    const clearance = header.indexOf('Event Clearance Description');
    const at = rows.findIndex(
      (r) =>
        r[clearance] === 'FALSE COMPLAINT/UNFOUNDED' && r.slice(clearance + 1).some((v) => v.includes(',')),
    );
    expect(at).toBeGreaterThanOrEqual(0);
    const some = rows.slice(0, Math.max(20, at + 1)).map((r) => [...r]);
    some[at]![clearance] = 'FALSE\nCOMPLAINT/UNFOUNDED';
    const file = join(dir, 'seattle-wrapped.csv');
    writeFileSync(file, `${[header, ...some].map((r) => r.map(quote).join(',')).join('\n')}\n`);
    const s = await ingest({
      files: [file],
      profile: 'seattle-call-data',
      store: join(dir, 'seattle-wrapped'),
    });
    expect(s.totals).toMatchObject({ loaded: some.length, quarantined: 0 });
  });

  it('a header with one column more than the rows (a delimiter at its end)', async () => {
    // Every row was short, and the message said the file was cut short at its last row.
    const file = join(dir, 'header-comma.csv');
    writeFileSync(file, `${lines[0]!.replace(/\r?$/, ',\r')}\n${lines.slice(1, 2001).join('\n')}\n`);
    // In words, thousands separated (tester 179: "(22: Expected Number of Columns: 22 Found: 21)").
    await rejects(
      file,
      /2,000 of its 2,000 rows have fewer values than its header has columns \(30; they have 29\)\./,
    );
  });

  it('binary garbage', async () => {
    const file = join(dir, 'garbage.csv');
    const bytes = Buffer.alloc(50_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    writeFileSync(file, bytes);
    await rejects(file, /not a text CSV file/);
  });

  it("names the built-in profile that reads a file given another's (tester 239)", async () => {
    // Seattle's call data under burlington-vt was told "`call_type` may be `Call Type`", how a call came in.
    await rejects(
      SEATTLE,
      /lacks column\(s\) the profile burlington-vt reads: .*; it has every column of the built-in profile `seattle-call-data`\.\n {2}How to fix: if it is that source's export, ingest it with `-p seattle-call-data`/,
      'burlington-vt',
    );
    // A profile file is named by its path, as given, not by its source; and one of its own whose source is a
    // built-in's is pointed at the built-in the file fits (tester 248: "the profile minneapolis_cad reads",
    // and no profile named, for a copy of Minneapolis' read by other column names).
    const copy = join(dir, 'my-mpls.yaml');
    writeFileSync(
      copy,
      readFileSync(resolve('profiles/minneapolis-cad.yaml'), 'utf8').replaceAll(
        'Time_PhonePickUp',
        'Pickup_Time',
      ),
    );
    expect(loadProfile(copy).source).toBe('minneapolis_cad');
    const mpls = join(dir, 'mpls-100.csv');
    writeFileSync(mpls, toCsv(MPLS_ROWS.slice(0, 100)));
    await rejects(
      mpls,
      new RegExp(
        `lacks column\\(s\\) the profile ${copy.replaceAll('.', '\\.')} reads: \`Pickup_Time\`; it has every column of the built-in profile \`minneapolis-cad\`\\.\n {2}How to fix: if it is that source's export, ingest it with \`-p minneapolis-cad\`; if it is the export ${copy.replaceAll('.', '\\.')} was written for`,
      ),
      copy,
    );
  });

  it('GeoJSON, other JSON and a profile given as the export, each named for what it is (tester 239)', async () => {
    // Read as CSV, GeoJSON was drafted as a header of JSON fragments and a profile as `|`-separated text.
    const geo = join(dir, 'precincts.csv');
    copyFileSync(sharedFile('minneapolis/boundaries/mpls_precincts_wgs84.geojson'), geo);
    await rejects(
      geo,
      /precincts\.csv is GeoJSON \(area boundaries\), not a calls export\.\n.*--boundaries NAME=FILE/,
    );
    const json = join(dir, 'calls.json');
    writeFileSync(json, '[{"id": 1, "type": "Theft"}]\n');
    await rejects(json, /calls\.json is JSON, not a CSV export\./);
    const profile = join(dir, 'profile.csv');
    copyFileSync(resolve('profiles/minneapolis-cad.yaml'), profile);
    await rejects(
      profile,
      /profile\.csv is a profile \(YAML, with `source:` and `fields:`\), not a calls export\.\n.*give it as --profile/,
    );
    // A header whose names are in brackets, as a SQL Server export writes them, is no JSON.
    const bracketed = join(dir, 'bracketed.csv');
    writeFileSync(bracketed, '[Master_Incident_Number],[Problem]\n1,Theft\n');
    await rejects(bracketed, /lacks column\(s\) the profile minneapolis-cad reads/);
    // profile init says the same.
    for (const file of [geo, profile])
      expect(String(await draftProfile(file).catch((e: unknown) => e))).toMatch(/not a calls export/);
  });

  it('a spreadsheet workbook, and UTF-16 text, each named for what it is', async () => {
    const xlsx = join(dir, 'calls.xlsx');
    writeFileSync(xlsx, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(300)]));
    await rejects(xlsx, /is a ZIP archive, not a CSV file \(an Excel \.xlsx workbook is one\)/);
    const u16 = join(dir, 'utf16.csv');
    writeFileSync(
      u16,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(toCsv(MPLS_ROWS.slice(0, 5)), 'utf16le')]),
    );
    await rejects(
      u16,
      /is UTF-16 little-endian text: it starts with the little-endian byte-order mark[\s\S]*encoding: utf-16/,
    );
    // Without the mark it was "binary data (NUL bytes)", and big-endian too (tester 130).
    const le = Buffer.from(toCsv(MPLS_ROWS.slice(0, 5)), 'utf16le');
    const be = Buffer.from(le).swap16();
    const leBare = join(dir, 'utf16le-bare.csv');
    writeFileSync(leBare, le);
    await rejects(
      leBare,
      /is UTF-16 little-endian text: every other byte is zero, and it has no byte-order mark\.[\s\S]*`format: \{ encoding: utf-16 \}`/,
    );
    const beBare = join(dir, 'utf16be-bare.csv');
    writeFileSync(beBare, be);
    await rejects(
      beBare,
      /is UTF-16 big-endian text: every other byte is zero[\s\S]*iconv -f UTF-16BE -t UTF-8/,
    );
  });

  it('a title line above the header', async () => {
    // The hint told to set a comma delimiter (the title held a comma), or listed the title as the columns.
    const file = join(dir, 'titled.csv');
    writeFileSync(file, `Calls for service, Q4 2022\n${toCsv(MPLS_ROWS.slice(0, 100))}`);
    await rejects(
      file,
      /lacks column[\s\S]*the header of line 2: the line above it \(a title or notes\) must go, e\.g\. `tail -n \+2 titled\.csv > fixed\.csv`/,
    );
  });

  it('columns renamed in a new export: each missing one is matched to its likeliest new name', async () => {
    // Only the first of two renames was suggested: `Problem` in `Final Problem` was not.
    const file = join(dir, 'renamed.csv');
    const csv = toCsv(MPLS_ROWS.slice(0, 100));
    const header = csv.slice(0, csv.indexOf('\n'));
    // And a word put in between went unsuggested (tester 129: `Arrived Time`, `Arrived Date Time`).
    const renamed = header
      .replace('Time_PhonePickUp', 'Time_Phone_Pickup')
      .replace(',Problem,', ',Final Problem,')
      .replace('Call_Disposition', 'Call_Final_Disposition');
    writeFileSync(file, renamed + csv.slice(header.length));
    await rejects(
      file,
      /lacks column\(s\) the profile minneapolis-cad reads: `Problem`, `Call_Disposition`, `Time_PhonePickUp`[\s\S]*Cancel_Reason\. `Problem` may be `Final Problem`\. `Call_Disposition` may be `Call_Final_Disposition`\. `Time_PhonePickUp` may be `Time_Phone_Pickup`\. Fix/,
    );
  });

  it('a wrong delimiter', async () => {
    const file = join(dir, 'semicolons.csv');
    writeFileSync(file, toCsv(MPLS_ROWS.slice(0, 100)).replaceAll(',', ';'));
    await rejects(file, /lacks column[\s\S]*delimiter: ';'/);
    // A tab is written as YAML reads it: in double quotes ('\t' in single quotes is two characters).
    const tabs = join(dir, 'tabs.tsv');
    writeFileSync(tabs, toCsv(MPLS_ROWS.slice(0, 100)).replaceAll(',', '\t'));
    await rejects(tabs, /lacks column[\s\S]*`format: \{ delimiter: "\\t" \}`/);
  });

  it('line endings the reader does not take: a carriage return alone, and CRLF mixed with LF', async () => {
    const cr = join(dir, 'cr.csv');
    writeFileSync(cr, toCsv(MPLS_ROWS.slice(0, 50)).replace(/\n/g, '\r'));
    // It was read as one header holding the whole file, and the profile's columns "missing".
    await rejects(cr, /ends its lines with a carriage return alone[\s\S]*tr '\\r' '\\n'/);
    const mixed = join(dir, 'mixed.csv');
    const text = toCsv(MPLS_ROWS.slice(0, 60)).split('\n');
    writeFileSync(mixed, `${text.slice(0, 30).join('\n')}\n${text.slice(30).join('\r\n')}`);
    // Lines 1-30 end in LF, line 31 in CRLF: the line is named (tester 143: DuckDB's words, and no line).
    await rejects(
      mixed,
      /could not be read as CSV: line 31 ends in CRLF, where the lines before it end in LF[\s\S]*line endings are mixed[\s\S]*dos2unix/,
    );
    // A CRLF file with a cell wrapped in Excel (an LF inside quotes, on line 5), a `""` in a quoted value
    // and a quote inside an unquoted one, and LF lines from line 42: the wrapped cell's line was named
    // (tester 319), which DuckDB reads, and not the lines that end otherwise.
    const crossing = HEADER!.indexOf('crossStreet');
    const rows = MPLS_ROWS.slice(0, 60).map((r) => [...r]);
    rows[3]![crossing] = 'LAKE ST W\nAND "THE" 5TH';
    rows[6]![crossing] = 'Slumper" ST';
    const lines = [HEADER!, ...rows].map((r) =>
      r.map((v) => (v.includes('\n') || v.startsWith('LAKE') ? quote(v) : v)).join(','),
    );
    expect(lines[4]).toContain('"LAKE ST W\nAND ""THE"" 5TH"');
    const wrapped = join(dir, 'wrapped-mixed.csv');
    // Records 1-40 (physical lines 1-41, the wrapped record taking two) end in CRLF, the rest in LF.
    writeFileSync(wrapped, `${lines.slice(0, 40).join('\r\n')}\r\n${lines.slice(40).join('\n')}\n`);
    await rejects(
      wrapped,
      /could not be read as CSV: line 42 ends in LF, where the lines before it end in CRLF/,
    );
    // Gzipped, the advice unpacks it: `sed -i` on the .gz file corrupts it (tester 325). The command's
    // output is a file that ingests.
    const zipped = join(dir, 'mixed.csv.gz');
    writeFileSync(zipped, gzipSync(readFileSync(mixed)));
    const err = await ingest({ files: [zipped], profile: 'minneapolis-cad', store }).catch((e: unknown) => e);
    const fixed = join(dir, 'mixed-fixed.csv');
    expect((err as UserError).hint).toContain(`(\`gunzip -c ${zipped} | sed 's/\\r$//' > ${fixed}\`)`);
    expect(await snapshot(store)).toBe(before);
    const run = spawnSync('sh', ['-c', `gunzip -c ${zipped} | sed 's/\\r$//' > ${fixed}`]);
    expect(run.status).toBe(0);
    const s = await ingest({ files: [fixed], profile: 'minneapolis-cad', store: join(dir, 'fixed-store') });
    expect(s.totals.loaded + s.totals.duplicates).toBe(60);
    // profile init, the first command run on an export, said DuckDB could not sniff it and to check that it
    // is a CSV (tester 326): it names the line and the fix as ingest does, and drafts from the fixed file.
    for (const [file, fix] of [
      [
        zipped,
        `(\`gunzip -c ${zipped} | sed 's/\\r$//' > ${fixed}\`) and run \`safegap profile init\` on that file.`,
      ],
      [mixed, 'convert the file with `dos2unix`'],
    ] as const) {
      const drafted = await draftProfile(file).catch((e: unknown) => e);
      expect(drafted).toBeInstanceOf(UserError);
      expect((drafted as UserError).message).toMatch(
        /line 31 ends in CRLF, where the lines before it end in LF/,
      );
      expect((drafted as UserError).hint).toContain(fix);
    }
    expect((await draftProfile(fixed)).guesses.id).toBe('Master_Incident_Number');
  });

  it('UTF-16 big-endian text, which the utf-16 encoding does not read', async () => {
    const file = join(dir, 'utf16be.csv');
    const le = Buffer.from(toCsv(MPLS_ROWS.slice(0, 5)), 'utf16le');
    const be = Buffer.from(le);
    be.swap16();
    writeFileSync(file, Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    const base = loadProfile('minneapolis-cad');
    const u16 = { ...base, format: { ...base.format, encoding: 'utf-16' as const } };
    const err = await ingest({ files: [file], profile: u16, store }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(String(err)).toMatch(/UTF-16 big-endian[\s\S]*iconv -f UTF-16BE -t UTF-8/);
    expect(await snapshot(store)).toBe(before);
    // Without its mark, it was read as little-endian: a header of garbled names "lacking" the profile's
    // columns (tester 130).
    writeFileSync(file, be);
    const bare = await ingest({ files: [file], profile: u16, store }).catch((e: unknown) => e);
    expect(String(bare)).toMatch(
      /utf16be\.csv is UTF-16 big-endian text \(every other byte is zero, and it has no byte-order mark\), which safegap reads only as little-endian[\s\S]*iconv -f UTF-16BE/,
    );
    expect(await snapshot(store)).toBe(before);
    // Gzip'd, the conversion unpacks it first: iconv on the .gz converted compressed bytes (tester 133).
    const gz = join(dir, 'utf16be.csv.gz');
    writeFileSync(gz, gzipSync(be));
    const packed = await ingest({ files: [gz], profile: u16, store }).catch((e: unknown) => e);
    expect(String(packed)).toMatch(
      /`gunzip -c \S*\/utf16be\.csv\.gz \| iconv -f UTF-16BE -t UTF-8 > out\.csv`/,
    );
    // A path a shell would split is quoted (tester 134: the pasted command failed inside the pipe).
    const spaced = join(dir, "calls oct's.csv.gz");
    writeFileSync(spaced, gzipSync(be));
    const quoted = await ingest({ files: [spaced], profile: u16, store }).catch((e: unknown) => e);
    expect(String(quoted)).toContain(`\`gunzip -c '${dir}/calls oct'\\''s.csv.gz' | iconv -f UTF-16BE`);
    // A UTF-8 export under the utf-16 profile was garbled column names "missing" (tester 134).
    const utf8 = join(dir, 'utf8-under-utf16.csv');
    writeFileSync(utf8, toCsv(MPLS_ROWS.slice(0, 5)));
    const plain = await ingest({ files: [utf8], profile: u16, store }).catch((e: unknown) => e);
    expect(String(plain)).toMatch(
      /is not UTF-16 text: its first \d+ bytes hold no zero byte[\s\S]*most likely UTF-8/,
    );
    // Not UTF-16 at all, under utf-16: UTF-32 text and a database file were columns "missing" that the
    // message then listed, and old Mac line ends (tester 133).
    const u32 = join(dir, 'utf32.csv');
    writeFileSync(
      u32,
      Buffer.concat(
        [...toCsv(MPLS_ROWS.slice(0, 5))].map((c) => {
          const b = Buffer.alloc(4);
          b.writeUInt32LE(c.codePointAt(0)!);
          return b;
        }),
      ),
    );
    const sqlite = join(dir, 'calls.sqlite');
    writeFileSync(sqlite, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(4000, 0)]));
    for (const f of [u32, sqlite]) {
      const err = await ingest({ files: [f], profile: u16, store }).catch((e: unknown) => e);
      expect(String(err)).toMatch(
        /is not UTF-16 text: read as UTF-16, it holds NUL characters in its first [\d.]+ (bytes|KB), as binary data and UTF-32 text do[\s\S]*iconv -f UTF-32 -t UTF-8/,
      );
    }
    expect(await snapshot(store)).toBe(before);
  });

  it('UTF-16 little-endian text, with or without its byte-order mark, read whole and said to be whole', async () => {
    // Its last line end's zero byte made every such file "perhaps cut short" (tester 127).
    const base = loadProfile('minneapolis-cad');
    const u16 = { ...base, format: { ...base.format, encoding: 'utf-16' as const } };
    const text = Buffer.from(toCsv(MPLS_ROWS.slice(0, 5)), 'utf16le');
    expect(text.subarray(-2)).toEqual(Buffer.from([0x0a, 0x00]));
    // Gzip'd too, whose text is read through (tester 130).
    for (const [bom, gz] of [
      [true, false],
      [false, false],
      [true, true],
    ]) {
      const file = join(dir, `utf16le-${bom}.csv${gz ? '.gz' : ''}`);
      const bytes = bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), text]) : text;
      writeFileSync(file, gz ? gzipSync(bytes) : bytes);
      const s = await ingest({ files: [file], profile: u16, store: join(tempDir(), 'u16') });
      expect(s.totals).toEqual({ rows_read: 5, loaded: 5, quarantined: 0, duplicates: 0 });
      expect(s.warnings).toEqual([]);
    }
    // One emoji (a surrogate pair) anywhere: DuckDB's UTF-16 reader refuses the file whole, and the advice
    // was to check the file for damage (tester 134). The advice converts it.
    const emoji = join(dir, 'utf16le-emoji.csv');
    const rows = MPLS_ROWS.slice(0, 5).map((r, i) =>
      i === 3 ? r.map((v, k) => (k === 9 ? `${v} 😀` : v)) : r,
    );
    writeFileSync(emoji, Buffer.from(toCsv(rows), 'utf16le'));
    const err = await ingest({ files: [emoji], profile: u16, store: join(tempDir(), 'u16e') }).catch(
      (e: unknown) => e,
    );
    expect(String(err)).toMatch(
      /utf16le-emoji\.csv could not be read as UTF-16: it holds a character the UTF-16 reader does not take, most often one outside the Basic Multilingual Plane[\s\S]*iconv -f UTF-16LE -t UTF-8 \S*utf16le-emoji\.csv > out\.csv/,
    );
  });

  it('a file that is not UTF-8, naming the row as every other message counts rows', async () => {
    // It said "line 6", a line of the file, where the row is 4: the header is no row, and a quoted value
    // that runs over two lines is one row.
    const file = join(dir, 'latin1.csv');
    const rows = MPLS_ROWS.slice(0, 100).map((r, i) =>
      i === 1 || i === 3 ? r.map((v, k) => (k === 9 ? (i === 1 ? `${v}\nat the back` : `${v} Ñ`) : v)) : r,
    );
    writeFileSync(file, Buffer.from(toCsv(rows), 'latin1'));
    // Row 4 is on line 6: after the header, and row 2's two lines (tester 382: the line is said too).
    await rejects(file, /not UTF-8 text: row 4, line 6 of the file, holds bytes that are not valid UTF-8/);
  });

  it('a non-UTF-8 byte beyond the first 64 KB is caught by the reader, naming the row', async () => {
    const file = join(dir, 'latin1-late.csv');
    const rows = MPLS_ROWS.slice(0, 2000).map((r, i) =>
      i === 1500 ? r.map((v, k) => (k === 9 ? `${v} Ã` : v)) : r,
    );
    writeFileSync(file, Buffer.from(toCsv(rows), 'latin1'));
    const text = toCsv(rows);
    const line = text.slice(0, text.indexOf('Ã')).split('\n').length;
    await rejects(
      file,
      new RegExp(`not UTF-8 text: row 1501, line ${line} of the file, holds bytes that are not valid UTF-8`),
    );
  });

  it('a Windows-1252 file read as Latin-1 (its curly quotes are bytes Latin-1 does not use)', async () => {
    const file = join(dir, 'cp1252.csv');
    const text = toCsv(MPLS_ROWS.slice(0, 100)).replace('Suspicious', 'Suspicious \u201cperson\u201d');
    const bytes = Buffer.from(text.replaceAll('\u201c', '\x93').replaceAll('\u201d', '\x94'), 'latin1');
    writeFileSync(file, bytes);
    const base = loadProfile('minneapolis-cad');
    const latin1 = { ...base, format: { ...base.format, encoding: 'latin-1' as const } };
    const err = await ingest({ files: [file], profile: latin1, store }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    // The line of the first such byte (DuckDB's message names none).
    const line = text.slice(0, text.indexOf('\u201c')).split('\n').length;
    expect(line).toBeGreaterThan(1);
    expect(String(err)).toMatch(
      new RegExp(
        `not Latin-1 text: line ${line} holds byte 0x93, one of bytes 0x80-0x9F[\\s\\S]*iconv -f WINDOWS-1252`,
      ),
    );
    expect(await snapshot(store)).toBe(before);
    // profile init --encoding latin-1 says the same (tester 143: DuckDB's words, and "not .xlsx").
    const draft = await draftProfile(file, { encoding: 'latin-1' }).catch((e: unknown) => e);
    expect(draft).toBeInstanceOf(UserError);
    expect((draft as UserError).message).toBe((err as UserError).message);
    expect((draft as UserError).hint).toBe((err as UserError).hint);
  });

  it('lines that yield no rows (doubled carriage returns)', async () => {
    const file = join(dir, 'cr-cr-lf.csv');
    writeFileSync(file, toCsv(MPLS_ROWS.slice(0, 50)).replace(/\n/g, '\r\r\n'));
    await rejects(file, /could not be read|none could be read/);
  });

  it('a --store that is a file, and a store whose CURRENT names a missing version', async () => {
    // Both ended in a Node stack trace (ENOTDIR, ENOENT).
    const notDir = join(dir, 'a-file');
    writeFileSync(notDir, 'x');
    await expect(ingest({ files: [SEATTLE], profile: 'seattle-call-data', store: notDir })).rejects.toThrow(
      /a-file is a file, not a safegap store/,
    );
    const damaged = join(dir, 'damaged');
    mkdirSync(join(damaged, 'versions'), { recursive: true });
    writeFileSync(join(damaged, 'CURRENT'), 'v000009\n');
    const err = await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store: damaged }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    // Not there, it is no damage (tester 391): said so, with what the store holds.
    expect(String(err)).toMatch(
      /CURRENT names version `v000009`, which the store no longer holds [^:]*: it holds no whole version/,
    );
  });

  it('a store in a format this safegap does not know, or with a manifest cut short', async () => {
    // A later format was read and written on as if it were this one; a manifest without its runs ended
    // in a TypeError.
    for (const [change, message] of [
      [
        (m: Record<string, unknown>) => ({ ...m, format_version: 2 }),
        /in a format this safegap does not know \(safegap-store version 2/,
      ],
      [
        (m: Record<string, unknown>) => ({ ...m, runs: undefined, profiles: undefined }),
        /damaged: the manifest of v000001 lacks runs, profiles/,
      ],
      // `null` is valid JSON: it ended in a TypeError.
      [() => null, /damaged: its CURRENT file names version `v000001`, whose manifest is not a JSON object/],
      // `{}` was in "a format this safegap does not know (undefined version undefined)" (tester 231).
      [() => ({}), /damaged: its CURRENT file names version `v000001`, whose manifest names no format/],
    ] as const) {
      const copy = join(dir, `format-${String(message).length}`);
      cpSync(store, copy, { recursive: true });
      const manifest = join(copy, 'versions', 'v000001', 'manifest.json');
      writeFileSync(manifest, JSON.stringify(change(JSON.parse(readFileSync(manifest, 'utf8')))));
      const err = await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store: copy }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UserError);
      expect(String(err)).toMatch(message);
      // The only version is the broken one: pointing CURRENT back at it mends nothing (tester 231).
      if (String(message).includes('CURRENT'))
        expect(String(err)).toMatch(/no other version of the store has a manifest\.json[^`]*$/);
      expect(readdirSync(join(copy, 'versions'))).toEqual(['v000001']);
      expect(existsSync(join(copy, 'LOCK'))).toBe(false);
    }
  });

  it('a CURRENT naming a path out of the store is refused, not followed (tester 231)', async () => {
    // `../../other/versions/v000001` read another store's calls as this one's.
    const other = join(dir, 'pointing-out');
    mkdirSync(join(other, 'versions'), { recursive: true });
    const out = relative(join(other, 'versions'), join(store, 'versions', 'v000001'));
    expect(existsSync(join(other, 'versions', out, 'manifest.json'))).toBe(true);
    writeFileSync(join(other, 'CURRENT'), `${out}\n`);
    const err = await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store: other }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect(String(err)).toMatch(/its CURRENT file names `[^`]*`, which is not a version of this store/);
    expect(readdirSync(join(other, 'versions'))).toEqual([]);
  });

  it("a version that is a link to another store's is refused, not followed nor removed (tester 238)", async () => {
    // It read the other store's calls; the next ingest removed the link and failed on files it could not find.
    const other = join(dir, 'linking-out');
    cpSync(store, other, { recursive: true });
    symlinkSync(join(store, 'versions', 'v000001'), join(other, 'versions', 'v000009'));
    writeFileSync(join(other, 'CURRENT'), 'v000009\n');
    for (const run of [
      async () => readStore(other),
      () => ingest({ files: [SEATTLE], profile: 'seattle-call-data', store: other }),
    ]) {
      const err = await run().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(String(err)).toMatch(
        /its CURRENT file names version `v000009`, which is a link \(to .*\), not a folder of this store/,
      );
      // The store's own whole version is the one to point at, by store use (tester 393).
      expect(String(err)).toContain(`safegap store use v000001 -s ${other}`);
    }
    expect(lstatSync(join(other, 'versions', 'v000009')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(other, 'CURRENT'), 'utf8')).toBe('v000009\n');
  });

  it('a folder given as the export, with how to give its files (tester 239)', async () => {
    const folder = join(dir, 'exports');
    mkdirSync(folder, { recursive: true });
    // One of no CSV file is not given a pattern that matches nothing (tester 245: a folder of GeoJSON).
    expect(String(await draftProfile(folder).catch((e: unknown) => e))).toContain(
      'is a folder, not an export file.\n  How to fix: give the export files themselves; this folder holds no CSV file.',
    );
    writeFileSync(join(folder, 'calls.csv'), 'id\n');
    await rejects(
      folder,
      /exports is a folder, not an export file\.\n {2}How to fix: give the export files themselves \(all the CSV files of a folder: .*exports\/\*\.csv\)\./,
    );
  });

  it('a missing file and an empty file', async () => {
    await rejects(join(dir, 'nope.csv'), /Cannot read .*nope\.csv/);
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    await rejects(empty, /empty/);
    // Beside a good file, the run loads neither, and says so (tester 319: the empty file alone was named).
    const good = join(dir, 'good.csv');
    writeFileSync(good, toCsv(MPLS_ROWS.slice(0, 20)));
    const err = await ingest({ files: [good, empty], profile: 'minneapolis-cad', store }).catch(
      (e: unknown) => e,
    );
    expect(String(err)).toBe(
      "empty.csv is empty (0 bytes).\n  How to fix: export the data again. None of the run's 2 files was loaded and the store is as it was: fix this file, or leave it out of the command, and run it again.",
    );
    expect(await snapshot(store)).toBe(before);
  });
});

describe('quarantine', () => {
  const dir = tempDir();
  const store = join(dir, 'store');
  const pickup = HEADER!.indexOf('Time_PhonePickUp');
  const rows = MPLS_ROWS.slice(0, 1000).map((r, i) =>
    i % 50 === 7 ? r.map((v, k) => (k === pickup ? '13/45/2022 99:99' : v)) : r,
  );
  const badRows = rows.map((_, i) => i + 1).filter((n) => (n - 1) % 50 === 7); // 1-based data rows
  const file = join(dir, 'some-bad-times.csv');
  // A malformed line between rows 500 and 501: the rows after it must keep their true numbers.
  const text = toCsv(rows).split('\n');
  text.splice(501, 0, 'only,three,fields');
  writeFileSync(file, text.join('\n'));
  const malformedRow = 501;
  const expectedBad = [...badRows.map((n) => (n > 500 ? n + 1 : n)), malformedRow].sort((a, b) => a - b);

  it('refuses a run above --max-bad-ratio, commits nothing, and says why and where', async () => {
    const err = await ingest({ files: [file], profile: 'minneapolis-cad', store }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    // With thousands separators, as every other figure (a tester found 107 of 2002).
    expect(String(err)).toMatch(/21 of 1,001 rows.*more than --max-bad-ratio 0.01/);
    expect(String(err)).toMatch(/received time \(20\)/);
    // The first bad row's own words, so the message alone says what is wrong.
    expect(String(err)).toContain(
      `The first, row ${expectedBad[0]}: received time: 13/45/2022 99:99 does not match format`,
    );
    expect(readStore(store)).toBeNull();
    // A name of its own, no run's (tester 361).
    const q = csvObjects(readFileSync(join(store, 'quarantine', 'refused-0001.csv'), 'utf8'));
    expect(q.map((r) => Number(r.row))).toEqual(expectedBad);
    for (const r of q) expect(r.reason).not.toBe('');
    const malformed = q.find((r) => Number(r.row) === malformedRow)!.reason!;
    expect(malformed).toMatch(/^has 3 fields where the header has 29: /);
    // One message for the line, not one per missing column (it ran to 1,180 characters).
    expect(malformed.length).toBeLessThan(300);
    const timeRow = q.find((r) => Number(r.row) === expectedBad[0])!;
    expect(timeRow.reason).toContain('received time: 13/45/2022 99:99 does not match format %m/%d/%Y %H:%M');
    expect(JSON.parse(timeRow.raw_values!).Time_PhonePickUp).toBe('13/45/2022 99:99');
  });

  it("a refused run's quarantine file is not one of a run: the clean run 1 leaves it and writes none", async () => {
    // The refused run's run-0001.csv stayed beside the clean run 1, listing rows of another file; then,
    // removed by the next run, it was gone though the refusal had named it (tester 361).
    const other = join(dir, 'other-store');
    await ingest({ files: [file], profile: 'minneapolis-cad', store: other }).catch(() => undefined);
    expect(readdirSync(join(other, 'quarantine'))).toEqual(['refused-0001.csv']);
    const s = await ingest({ files: [SEATTLE], profile: 'seattle-call-data', store: other });
    expect(s.quarantine_file).toBeNull();
    expect(readdirSync(join(other, 'quarantine'))).toEqual(['refused-0001.csv']);
  });

  it('loads the rest when allowed, each row numbered as in the file', async () => {
    const s = await ingest({ files: [file], profile: 'minneapolis-cad', store, maxBadRatio: 0.05 });
    const f = s.files[0]!;
    expect(f.rows_read).toBe(1001);
    expect(f.quarantined).toBe(21);
    expect(f.loaded + f.quarantined + f.duplicates).toBe(1001);
    const conn = await openEngine();
    await attachCalls(conn, requireStore(store));
    const got = await queryRows<{ id: string; row_no: number }>(
      conn,
      'SELECT source_call_id id, source_row::INTEGER AS row_no FROM calls',
    );
    const idCol = HEADER!.indexOf('Master_Incident_Number');
    for (const g of got.slice(0, 1000)) {
      const n = g.row_no > 501 ? g.row_no - 1 : g.row_no; // the inserted malformed line shifts later rows by one
      expect(rows[n - 1]![idCol]).toBe(g.id);
    }
    conn.closeSync();
  });
});

describe('rows with the wrong number of fields', () => {
  it('are quarantined with their row and field counts, a short summary row at the end of a whole file too', async () => {
    // A complete export ending in `Total,2000` and a line end was refused as truncated, nothing loaded; a
    // row with a field too many was quarantined as `not valid CSV: Expected Number of Columns: 29 Found: 30`.
    const dir = tempDir();
    const lines = mplsText.split('\n');
    // Six fields too many read as 32 (DuckDB reports some extra fields once): counted here, a quoted
    // delimiter not counted.
    const rows = lines
      .slice(1, 2001)
      .map((l, i) =>
        i === 999
          ? l.replace(/\r?$/, ',EXTRA,MORE\r')
          : i === 1499
            ? l.replace(/\r?$/, ',a,b,"c,d",e,f,g\r')
            : l,
      );
    const file = join(dir, 'total.csv');
    writeFileSync(file, `${[lines[0]!, ...rows].join('\n')}\nTotal,2000\r\n`);
    const s = await ingest({ files: [file], profile: 'minneapolis-cad', store: join(dir, 'store') });
    const f = s.files[0]!;
    expect(f).toMatchObject({ rows_read: 2001, quarantined: 3 });
    expect(f.loaded + f.duplicates + f.quarantined).toBe(f.rows_read);
    const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
    expect(q.map((r) => [r.row, r.reason!.split(':')[0]])).toEqual([
      ['1000', 'has 31 fields where the header has 29'],
      ['1500', 'has 35 fields where the header has 29'],
      ['2001', 'has 2 fields where the header has 29'],
    ]);
    expect(q[0]!.reason).toContain('a value holds the delimiter, `,`, without quotes around it');
    expect(q[2]!.reason).toContain('a summary line (a total) or a row cut short');
    // Gzipped, the same file was refused as cut short (tester 263): its text ends in a line end too.
    writeFileSync(`${file}.gz`, gzipSync(readFileSync(file)));
    const z = await ingest({ files: [`${file}.gz`], profile: 'minneapolis-cad', store: join(dir, 'zstore') });
    expect(z.files[0]).toMatchObject({ rows_read: 2001, quarantined: 3 });
    // Without the line end after it, the short last row is a cut, gzipped or not.
    writeFileSync(`${file}.cut.gz`, gzipSync(readFileSync(file, 'utf8').replace(/\r\n$/, '')));
    const cut = await ingest({
      files: [`${file}.cut.gz`],
      profile: 'minneapolis-cad',
      store: join(dir, 'cutstore'),
    }).catch((e: unknown) => e);
    expect(String(cut)).toMatch(/total\.csv\.cut\.gz looks truncated: its last row read \(row 2001\)/);
    // Which may be a whole export's total without a line end: the hint says so (tester 319 was told only
    // to fetch the file again).
    expect((cut as UserError).hint).toMatch(
      /If that row is the export's summary line \(a total such as `Total,5000`\) and no call, the file is whole: delete the line, or end it with a line break, and ingest it again\./,
    );
  });
});

describe('rows whose extra fields are empty', () => {
  // DuckDB's reader takes a row with more fields than the header when the extra ones are empty, dropping
  // them: a street holding an unquoted comma, in a row without a cancel reason (the last column), was
  // loaded with every value after the street one column to the right (received time intact, priority
  // from the street's second half).
  const street = HEADER!.indexOf('Street Display');
  const id = HEADER!.indexOf('Master_Incident_Number');
  const line = (r: string[], unquoted = -1) => r.map((v, k) => (k === unquoted ? v : quote(v))).join(',');
  const emptyLast = MPLS_ROWS.slice(0, 3000).filter((r) => r.at(-1) === '');
  const stray = new Set([5, 700, 1500]);

  async function loaded(store: string): Promise<Map<string, string | null>> {
    const conn = await openEngine();
    await attachCalls(conn, requireStore(store));
    const r = await queryRows<{ id: string; a: string | null }>(
      conn,
      'SELECT source_call_id id, disposition_raw a FROM calls',
    );
    conn.closeSync();
    return new Map(r.map((x) => [x.id, x.a]));
  }

  it('are quarantined with their row number, in a plain and a gzip file, after a blank line and a value over lines', async () => {
    const dir = tempDir();
    const rows = emptyLast.slice(0, 2000);
    // Row 10's street runs over two lines and the line after row 20 is blank: DuckDB numbers records, and
    // a blank line takes a number.
    const text = rows.map((r, i) =>
      stray.has(i)
        ? line([...r.slice(0, street), `${r[street]}, APT 2`, ...r.slice(street + 1)], street)
        : i === 9
          ? line(r.map((v, k) => (k === street ? `${v}\nREAR` : v)))
          : line(r),
    );
    text.splice(20, 0, '');
    const expectedRows = [...stray].map((i) => i + 1 + (i >= 20 ? 1 : 0));
    const body = `${HEADER!.join(',')}\r\n${text.join('\r\n')}\r\n`;
    const plain = join(dir, 'stray.csv');
    writeFileSync(plain, body);
    const zipped = join(dir, 'stray.csv.gz');
    writeFileSync(zipped, gzipSync(body));
    for (const file of [plain, zipped]) {
      const store = join(dir, `store-${file.endsWith('.gz') ? 'gz' : 'plain'}`);
      const s = await ingest({ files: [file], profile: 'minneapolis-cad', store });
      expect(s.files[0]).toMatchObject({ rows_read: 2000, quarantined: 3 });
      expect(s.files[0]!.loaded + s.files[0]!.duplicates).toBe(1997);
      const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
      expect(q.map((r) => [Number(r.row), r.reason!.split(':')[0]])).toEqual(
        expectedRows.map((n) => [n, 'has 30 fields where the header has 29']),
      );
      const calls = await loaded(store);
      for (const i of stray) expect(calls.has(rows[i]![id]!)).toBe(false);
      // The other rows are in their columns: the disposition, after the street, is each row's own.
      const disposition = HEADER!.indexOf('Call_Disposition');
      const kept = rows.filter((_, i) => !stray.has(i));
      expect(kept.filter((r) => calls.get(r[id]!) !== (r[disposition] || null))).toEqual([]);
    }
  });

  it('in an export that ends every row with a delimiter, are those with more fields than the other rows', async () => {
    const dir = tempDir();
    const rows = emptyLast.slice(0, 1000);
    const text = rows.map(
      (r, i) =>
        `${stray.has(i) ? line([...r.slice(0, street), `${r[street]}, APT 2`, ...r.slice(street + 1)], street) : line(r)},`,
    );
    const file = join(dir, 'trailing.csv');
    writeFileSync(file, `${HEADER!.join(',')}\n${text.join('\n')}\n`);
    const s = await ingest({ files: [file], profile: 'minneapolis-cad', store: join(dir, 'store') });
    expect(s.files[0]).toMatchObject({ rows_read: 1000, quarantined: 2 });
    const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
    expect(q.map((r) => [Number(r.row), r.reason!.split(':')[0]])).toEqual([
      [6, "has 31 fields where the file's other rows have 30"],
      [701, "has 31 fields where the file's other rows have 30"],
    ]);
  });
});

describe('one id in several rows of a file', () => {
  it('keeps the version of the last loadable row, and never loses the call', async () => {
    const dir = tempDir();
    const col = (name: string) => HEADER!.indexOf(name);
    const [a, c, e] = [MPLS_ROWS[0]!, MPLS_ROWS[1]!, MPLS_ROWS[2]!];
    const with_ = (r: string[], name: string, v: string) => r.map((x, k) => (k === col(name) ? v : x));
    const aOther = with_(a, 'Call_Disposition', 'ZZZ-Other');
    const cBad = with_(with_(c, 'Call_Disposition', 'ZZZ-Other'), 'Time_PhonePickUp', 'not a time');
    // A column the profile does not read (County) tells E's two versions apart.
    const eOther = with_(e, 'County', 'Elsewhere');
    // Rows 1-3: A, A with another disposition, A again: A's last row repeats its first, so A stays (it was
    // lost: row 1 quarantined against row 3, row 3 dropped as row 1's copy). Rows 4-5: C, then C changed
    // with a bad time: C's first version is the last that can load.
    const file = join(dir, 'versions.csv');
    writeFileSync(file, toCsv([a, aOther, a, c, cBad, e, eOther]));
    const store = join(dir, 'store');
    const s = await ingest({ files: [file], profile: 'minneapolis-cad', store, maxBadRatio: 0.9 });
    expect(s.files[0]).toMatchObject({ rows_read: 7, loaded: 3, quarantined: 3, duplicates: 1 });
    const conn = await openEngine();
    await attachCalls(conn, requireStore(store));
    const got = await queryRows<{ id: string; row: number; d: string }>(
      conn,
      'SELECT source_call_id id, source_row::INTEGER AS row, disposition_raw d FROM calls ORDER BY row',
    );
    conn.closeSync();
    const id = col('Master_Incident_Number');
    expect(got).toEqual([
      { id: a[id], row: 1, d: a[col('Call_Disposition')] },
      { id: c[id], row: 4, d: c[col('Call_Disposition')] },
      { id: e[id], row: 7, d: e[col('Call_Disposition')] },
    ]);
    const q = csvObjects(readFileSync(join(store, 'quarantine', 'run-0001.csv'), 'utf8'));
    expect(q.map((r) => [Number(r.row), r.reason!.split(':')[0]])).toEqual([
      [2, 'conflicting id'],
      [5, 'received time'],
      [6, 'conflicting id'],
    ]);
    // The conflicting row names the field that differs, and shows its raw values as any quarantined row:
    // the columns the profile reads, as the file wrote them (tester 369), the address at block level.
    expect(q[0]!.reason).toContain(
      'appears again at row 3 with different values of disposition; the version of that later row was kept',
    );
    const asWritten = (raw: string, r: string[]) => {
      const shown = JSON.parse(raw) as Record<string, string | null>;
      expect(Object.keys(shown)).not.toContain('County');
      for (const [k, v] of Object.entries(shown))
        if (k !== 'Street Display') expect([k, v]).toEqual([k, r[col(k)] || null]);
      return shown;
    };
    expect(asWritten(q[0]!.raw_values!, aOther).Call_Disposition).toBe('ZZZ-Other');
    expect(q[2]!.reason).toContain(
      // Or written otherwise only, as times with and without a fraction of a second (tester 332: it read as
      // if no read field differed in its text).
      "appears again at row 7 with different values, none of them read differently into a field the profile reads or a rule's outcome (they differ in columns the profile does not read, or only in how a value is written, such as 12:00:00 and 12:00:00.000);",
    );
    // Its raw values, though no column the profile reads differs: the County that does is not among them.
    expect(asWritten(q[2]!.raw_values!, eOther).Master_Incident_Number).toBe(e[id]);
  });

  it('names the rule outcome that differs when the column behind it is read by a rule only', async () => {
    // A tester's find: two rows of a team log differing only in a column an origin rule reads were said
    // to differ "in columns the profile does not read", though the call's origin changed with it.
    const dir = tempDir();
    const file = join(dir, 'log.csv');
    writeFileSync(
      file,
      'Case No,Contact Received,Referral Source\nT-1,2022-10-01 10:00:00,911\nT-2,2022-10-01 11:00:00,911\nT-1,2022-10-01 10:00:00,Dispatch\n',
    );
    const profile = join(dir, 'log.yaml');
    writeFileSync(
      profile,
      [
        'name: Team log',
        'source: team_log',
        'time_zone: America/Chicago',
        "timestamps: { format: '%Y-%m-%d %H:%M:%S' }",
        'id: Case No',
        'times: { received: Contact Received }',
        "origin: { default: unknown, rules: [ { if: { column: Referral Source, equals: '911' }, then: '911' } ] }",
        'responder: { default: behavioural_crisis, rules: [] }',
        '',
      ].join('\n'),
    );
    const store = join(dir, 'store');
    await ingest({ files: [file], profile, store, maxBadRatio: 0.5 });
    const q = csvObjects(readFileSync(join(store, 'quarantine', 'run-0001.csv'), 'utf8'));
    expect(q).toHaveLength(1);
    expect(q[0]!.reason).toContain('appears again at row 3 with different values of origin;');
    // Row 1 as the file wrote it (tester 369: the outcome's value was shown, not the export's).
    expect(JSON.parse(q[0]!.raw_values!)).toEqual({
      'Case No': 'T-1',
      'Contact Received': '2022-10-01 10:00:00',
      'Referral Source': '911',
    });
  });
});

describe('an export with a row per contact', () => {
  it('is refused with a message about repeated ids, not about formats', async () => {
    // A team log with a follow-up row under the same id was told "usually the profile's formats or column
    // names do not match this export".
    const dir = tempDir();
    const col = (name: string) => HEADER!.indexOf(name);
    const [a, c, e] = [MPLS_ROWS[0]!, MPLS_ROWS[1]!, MPLS_ROWS[2]!];
    const followUp = a.map((x, k) => (k === col('Call_Disposition') ? 'ZZZ-Follow up' : x));
    const file = join(dir, 'contacts.csv');
    writeFileSync(file, toCsv([a, c, followUp, e]));
    const err = await ingest({ files: [file], profile: 'minneapolis-cad', store: join(dir, 'store') }).catch(
      (x: unknown) => x,
    );
    expect(err).toBeInstanceOf(UserError);
    expect(String(err)).toMatch(/1 of 4 rows .*Reasons: conflicting id \(1\)/);
    expect((err as UserError).hint).toMatch(/every one repeats the id of another row .* a row per contact/);
    expect((err as UserError).hint).not.toMatch(/formats or column names/);
  });
});

describe('blank lines', () => {
  // UTF-16 too: its line feed is two bytes, and its blank lines were never found (tester 179).
  it.each(['utf-8', 'utf-16'] as const)(
    'take a row number, as in a spreadsheet, so rows after them keep their place (%s)',
    async (encoding) => {
      // Rows after a blank line were numbered one low, and a bad row after it shared its number with a call.
      const dir = tempDir();
      const rows = MPLS_ROWS.slice(0, 20);
      // Data row 12 gets a quoted field with a blank line inside it: one record, and no blank line.
      const problem = HEADER!.indexOf('Problem');
      const text = toCsv(
        rows.map((r, i) => (i === 11 ? r.map((v, k) => (k === problem ? `${v}\n\nsee above` : v)) : r)),
      )
        .replace(/\n$/, '')
        .split('\n');
      // text: header, data rows 1-11, row 12 over three lines (indexes 12-14), rows 13-20 (15-22). Insert a
      // blank line before data row 5, a line that is not valid CSV before row 9 and a blank line before row 16.
      const out = [
        ...text.slice(0, 5),
        '',
        ...text.slice(5, 9),
        'garbage',
        ...text.slice(9, 18),
        '',
        ...text.slice(18),
      ];
      const file = join(dir, 'blank.csv');
      const written = `${out.join('\n')}\n`;
      writeFileSync(file, encoding === 'utf-8' ? written : Buffer.from(`\ufeff${written}`, 'utf16le'));
      const store = join(dir, 'store');
      const base = loadProfile('minneapolis-cad');
      const profile = { ...base, format: { ...base.format, encoding } };
      const s = await ingest({ files: [file], profile, store, maxBadRatio: 0.1 });
      expect(s.totals).toMatchObject({ rows_read: 21, quarantined: 1 });
      // Spreadsheet rows less one: data rows 1-4, blank 5, data 5-8 at 6-9, garbage 10, data 9-15 at 11-17,
      // blank 18, data 16-20 at 19-23.
      const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
      expect(q.map((r) => r.row)).toEqual(['10']);
      const idCol = HEADER!.indexOf('Master_Incident_Number');
      const expected = rows.map((r, i) => ({
        id: r[idCol]!,
        row: i + 1 + (i >= 4 ? 1 : 0) + (i >= 8 ? 1 : 0) + (i >= 15 ? 1 : 0),
      }));
      const conn = await openEngine();
      await attachCalls(conn, requireStore(store));
      const got = await queryRows<{ id: string; row: number }>(
        conn,
        'SELECT source_call_id AS id, source_row::INTEGER AS row FROM calls ORDER BY row',
      );
      conn.closeSync();
      expect(got).toEqual(expected);
    },
  );
});

describe('a file of no good row let through by --max-bad-ratio 1', () => {
  it('says that nothing of it was loaded, and why', async () => {
    // The run said only "0 calls added" (stop 49).
    const [header, ...rows] = readFileSync(MPLS, 'utf8').split('\n').slice(0, 4);
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(file, [header, ...rows.map((r) => r.replaceAll('/2022 ', '/20x2 '))].join('\n') + '\n');
    const s = await ingest({
      files: [file],
      profile: 'minneapolis-cad',
      store: join(tempDir(), 's'),
      maxBadRatio: 1,
    });
    expect(s.totals).toEqual({ rows_read: 3, loaded: 0, quarantined: 3, duplicates: 0 });
    expect(s.warnings).toContain(
      'bad.csv: all 3 of its rows were quarantined (--max-bad-ratio 1 let the run go on), so nothing of it was loaded. Reasons: received time (3).',
    );
  });
});
