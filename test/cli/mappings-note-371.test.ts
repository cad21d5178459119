/**
 * Tester 371: analyze, run beside `mappings/burlington_vt.csv` and `mappings/my-city.csv` on a Minneapolis
 * store whose own mapping (built in, named after its source) classified it, said on every run that both
 * were not read, and to "pass --city burlington_vt" if "one of them" was this city's. And `safegap import
 * --help`, a command there is not, printed the general help with exit 0.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const TSX = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
const BUILTIN = join(ROOT, 'taxonomy/mappings/minneapolis.csv');
const HEADER =
  'raw_type,normalised,category,apco_code,tier,flags,handled_by,eligible_current,eligible_near_term,eligible_potential,confidence,provenance,reviewer,reviewed_on,note';

describe('the note on mappings of ./mappings not read (tester 371)', () => {
  const dir = tempDir('safegap-371-');
  const store = join(dir, 'store');
  const wd = join(dir, 'wd');
  const mappings = join(wd, 'mappings');
  beforeAll(() => {
    const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n');
    const file = join(dir, 'mpls.csv');
    writeFileSync(file, `${lines.slice(0, 2001).join('\n')}\n`);
    const r = cli('ingest', file, '--profile', 'minneapolis-cad', '--store', store);
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  /** The notes on unread mappings of `analyze`, run from the working folder `wd`. */
  const unreadNotes = (files: Record<string, string>) => {
    rmSync(mappings, { recursive: true, force: true });
    mkdirSync(mappings, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(mappings, name), text);
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        TSX,
        join(ROOT, 'src/cli/main.ts'),
        'analyze',
        '--store',
        store,
        '--no-save',
        '--out',
        join(dir, 'out'),
      ],
      { cwd: wd, encoding: 'utf8', input: '', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    return r.stdout.split('\n').filter((l) => / not read: without --city/.test(l));
  };

  // Another city's mapping: its own types, and one type of this store (`Panic Alarm (P)`, 2 of the 2,000
  // calls), classified otherwise than the built-in mapping's `alarm`.
  const burlington = [
    HEADER,
    'Burlington Parking Complaint,Burlington Parking Complaint,parking,,non_criminal,,,,,,0.6,automatic,,,',
    'Church Street Marketplace Check,Church Street Marketplace Check,other_crime,,non_criminal,,,,,,0.6,automatic,,,',
    'Panic Alarm (P),Panic Alarm,other_crime,,non_criminal,,,,,,0.6,automatic,,,',
  ].join('\n');
  const builtin = readFileSync(BUILTIN, 'utf8');
  // This city's mapping reviewed otherwise, as tester 321's `mpls.csv` was: one type of the store changed.
  const edited = builtin.replace(
    /^Panic Alarm \(P\),Panic Alarm,alarm,/m,
    'Panic Alarm (P),Panic Alarm,other_crime,',
  );

  it('names no other city mapping, nor a copy of the one taken, when the source names its own', () => {
    expect(edited).not.toBe(builtin);
    expect(unreadNotes({ 'burlington_vt.csv': `${burlington}\n`, 'my-city.csv': builtin })).toEqual([]);
  }, 120_000);

  it("names one that could be the store's, and each of several with its own --city", () => {
    expect(unreadNotes({ 'burlington_vt.csv': `${burlington}\n`, 'mpls.csv': edited })).toEqual([
      `Note: ./mappings/mpls.csv is not read: without --city, the mapping named after the store's source was taken (${BUILTIN}). If it is this city's, pass --city mpls to analyze and report.`,
    ]);
    expect(
      unreadNotes({ 'burlington_vt.csv': `${burlington}\n`, 'mpls.csv': edited, 'my-city.csv': edited }),
    ).toEqual([
      `Note: ./mappings/mpls.csv and ./mappings/my-city.csv are not read: without --city, the mapping named after the store's source was taken (${BUILTIN}). If one of them is this city's, pass --city with its name (--city mpls or --city my-city) to analyze and report.`,
    ]);
  }, 240_000);
});

describe('a command there is not, with options after it (tester 371)', () => {
  it('is refused as without them, exit 2, with the command most likely meant', () => {
    for (const args of [['import'], ['import', '--help'], ['import', '-h', '--json'], ['import', '-V']]) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(
        // `ingest`, not commander's `report` by spelling (tester 374).
        /^safegap: unknown command 'import'\n {2}How to fix: did you mean `safegap ingest( -h| --help| --json)*`\?/,
      );
      expect(r.stdout, args.join(' ')).not.toMatch(/Usage:/);
    }
    const sub = cli('classify', 'imprt', '--help');
    expect(sub.status).toBe(2);
    expect(sub.stderr).toMatch(
      /^safegap: unknown command 'imprt'\n {2}How to fix: did you mean `safegap classify import --help`\?/,
    );
    // Not "add --help", which the command was given (tester 374).
    expect(sub.stderr).toContain('`safegap --help` lists the commands');
    expect(sub.stderr).not.toContain('add --help');
  }, 120_000);

  it('leaves help as it was', () => {
    for (const [args, usage] of [
      [['--help'], 'Usage: safegap [options] [command]'],
      [['help'], 'Usage: safegap [options] [command]'],
      [['help', 'report'], 'Usage: safegap report [options]'],
      [['report', '--help'], 'Usage: safegap report [options]'],
      [['classify', 'import', '--help'], 'Usage: safegap classify import [options]'],
    ] as const) {
      const r = cli(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout.split('\n')[0], args.join(' ')).toBe(usage);
    }
  }, 120_000);
});
