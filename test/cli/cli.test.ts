import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { resourceError } from '../../src/util/user-error.js';
import { printIngestSummary } from '../../src/cli/ingest.js';
import type { IngestSummary } from '../../src/ingest/ingest.js';

const CLI = resolve(import.meta.dirname, '../../bin/safegap.js');
const run = (...args: string[]) => spawnSync('node', [CLI, ...args], { encoding: 'utf8' });

describe('safegap command line', () => {
  const dir = tempDir();
  /** `safegap ingest` of the Seattle sample into one store, with a profile and more arguments. */
  const ingestSeattle = (profile: string, ...more: string[]) =>
    run(
      'ingest',
      sharedFile('seattle/call_data_sample_2018-2023.csv'),
      '-p',
      profile,
      '-s',
      join(dir, 's'),
      ...more,
    );

  /** The Seattle sample ingested with its built-in profile into a store of its own. */
  const seattleInto = (store: string) =>
    run(
      'ingest',
      sharedFile('seattle/call_data_sample_2018-2023.csv'),
      '-p',
      'seattle-call-data',
      '-s',
      store,
    );

  it('ingests with --json and prints the accounting', () => {
    const r = ingestSeattle('seattle-call-data', '--json');
    expect(r.status).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.totals).toEqual({ rows_read: 222, loaded: 222, quarantined: 0, duplicates: 0 });
    expect(r.stderr).toBe(''); // no progress bar when not on a terminal
  });

  it("names what store info's responder shares are of, which is not the report's denominator (tester 295)", () => {
    const store = join(dir, 'info-share');
    expect(seattleInto(store).status).toBe(0);
    const r = run('store', 'info', '-s', store);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("share of all the store's calls, every period and origin");
    // The shares, by hand from the JSON's counts: each responder's records over the store's 222 calls.
    const info = JSON.parse(run('store', 'info', '-s', store, '--json').stdout) as {
      by_responder: { records: number; share: number }[];
    };
    for (const x of info.by_responder) expect(x.share).toBeCloseTo(x.records / 222, 12);
  });

  it('counts records, not calls, once the store holds several sources', () => {
    // A call in two sources has a record in each: "9 calls added, 21 in all" beside store info's 16 calls.
    const store = join(dir, 'two');
    const first = seattleInto(store);
    expect(first.stdout).toMatch(/: 222 calls added, 0 replaced, 222 in all\./);
    const second = run(
      'ingest',
      sharedFile('seattle/spd_dispatch_2024-01-01_to_04.csv'),
      '-p',
      'seattle-spd-dispatch',
      '-s',
      store,
    );
    expect(second.status).toBe(0);
    const added =
      /: ([\d,]+) records of seattle_dispatch added, 0 replaced; ([\d,]+) records of 2 sources in all, ([\d,]+) calls \(a call in several sources has a record in each\)\./.exec(
        second.stdout,
      );
    expect(added, second.stdout).not.toBeNull();
    const [records, calls] = [added![2]!, added![3]!].map((x) => Number(x.replaceAll(',', '')));
    expect(records).toBe(222 + Number(added![1]!.replaceAll(',', '')));
    expect(calls).toBe(records);
    // A third source holding the first's 222 calls again: 1,444 records, and the calls as store info counts
    // them, each call in two sources once (tester 134: --json gave the records as calls).
    const copy = join(dir, 'copy.yaml');
    writeFileSync(
      copy,
      readFileSync(resolve(import.meta.dirname, '../../profiles/seattle-call-data.yaml'), 'utf8').replace(
        /^source: seattle_calls$/m,
        'source: copy',
      ),
    );
    const third = run(
      'ingest',
      sharedFile('seattle/call_data_sample_2018-2023.csv'),
      '-p',
      copy,
      '-s',
      store,
      '--json',
    );
    const summary = JSON.parse(third.stdout) as IngestSummary;
    expect(summary).toMatchObject({ records_in_store: records! + 222, calls_in_store: records });
    expect(summary.calls_in_store).toBe(JSON.parse(run('store', 'info', '-s', store, '--json').stdout).calls);
  });

  it('says how many of the calls it replaced changed', () => {
    const store = join(dir, 'again');
    const file = sharedFile('seattle/call_data_sample_2018-2023.csv');
    const text = readFileSync(file, 'utf8');
    // The same export with the first call's priority 2 made 3: one call changed, in a value, not a time.
    const edited = join(dir, 'edited.csv');
    expect(text.split('\n')[1]).toMatch(/^2023000319821,[^,]*,911,2,/);
    writeFileSync(edited, text.replace(/^(2023000319821,[^,]*,911,)2,/m, '$13,'));
    expect(run('ingest', file, '-p', 'seattle-call-data', '-s', store).status).toBe(0);
    const second = run('ingest', edited, '-p', 'seattle-call-data', '-s', store);
    expect(second.stdout).toMatch(
      /: 0 calls added, 222 replaced \(1 of them changed: 0 in their times, 1 in other values\), 222 in all\./,
    );
    // The same records in other bytes (LF line ends for the export's CRLF): replaced, none changed.
    expect(text).toContain('\r\n');
    const lf = join(dir, 'edited-lf.csv');
    writeFileSync(lf, readFileSync(edited, 'utf8').replace(/\r\n/g, '\n'));
    expect(run('ingest', lf, '-p', 'seattle-call-data', '-s', store).stdout).toMatch(
      /: 0 calls added, 222 replaced \(none of them changed\), 222 in all\./,
    );
    // The counts overlap: a call changed in its time and a value counts in both, and is said to (tester
    // 236: 3 changed, 2 + 2, read as a split).
    const both = join(dir, 'edited-both.csv');
    writeFileSync(
      both,
      // The store holds the edited export (priority 3): priority 2 again, and a minute earlier.
      readFileSync(lf, 'utf8').replace(
        /^(2023000319821,[^,]*,911,)3,(.*?),11\/04\/2023 6:08:26 PM,/m,
        '$12,$2,11/04/2023 6:07:26 PM,',
      ),
    );
    expect(readFileSync(both, 'utf8')).not.toBe(readFileSync(lf, 'utf8'));
    expect(run('ingest', both, '-p', 'seattle-call-data', '-s', store).stdout).toMatch(
      /: 0 calls added, 222 replaced \(1 of them changed: 1 in their times, 1 in other values, 1 in both\), 222 in all\./,
    );
  });

  it('classify auto on calls without a call type says why, and writes nothing (tester 151)', () => {
    // "0 types in mappings/x.csv (0 reviewed)", exit 0.
    const calls = join(dir, 'untyped.csv');
    writeFileSync(calls, 'id,call_type_initial_raw,call_type_final_raw\n1,,\n2,,\n');
    const mapping = join(dir, 'untyped-mapping.csv');
    const r = run('classify', 'auto', '--city', 'untyped', '--calls', calls, '--mapping', mapping);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      // A raw export is told to name its type columns; a store, to map them in its profile (tester 231).
      /No call of .*untyped\.csv has a call type: .* nothing was written\.\n {2}How to fix: name the columns that hold the call types with --initial-column and --final-column \(the columns of .*untyped\.csv: id, call_type_initial_raw, call_type_final_raw\)/,
    );
    expect(existsSync(mapping)).toBe(false);
  });

  it('marks in --help the options that must be given (tester 149)', () => {
    // They were learnt only from "required option ... not specified".
    const help = run('report', '--help').stdout;
    expect(help).toMatch(/-s, --store <dir> +\(required\) store directory/);
    expect(help).toMatch(/-o, --out <dir> +\(required\) output directory/);
    expect(help).toMatch(/--public +public edition/);
    expect(run('synth', '--help').stdout).toMatch(/--calls <n> +\(required\) rows to write/);
  });

  it('stops quietly when the reader of its output closes the pipe', () => {
    // `head -c 0` exits at once, before anything is written: the write finds the pipe closed.
    const r = spawnSync('bash', ['-c', `node "${CLI}" --help | head -c 0; echo "\${PIPESTATUS[0]}"`], {
      encoding: 'utf8',
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stdout.trim()).toBe('0');
    // And finishes its work: `demo | head -1` stopped after the synthesis, with no store and exit 0.
    const demoDir = join(dir, 'piped-demo');
    const demo = spawnSync(
      'bash',
      [
        '-c',
        `node "${CLI}" demo --dir "${demoDir}" --calls 2000 --years 0.25 | head -1; echo "\${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(demo.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^Synthesising 2,000 calls/), '0']);
    expect(existsSync(join(demoDir, 'report', 'report.html'))).toBe(true);
  });

  it('goes on to its end when the reader of its messages stops early (tester 339)', () => {
    // SAFEGAP_TIMING's lines on stderr, read by `head`: the closed pipe killed the ingest half-written,
    // exit 1 and no word, its store locked.
    const store = join(dir, 'timed');
    const r = spawnSync(
      'bash',
      [
        '-c',
        `SAFEGAP_TIMING=1 node "${CLI}" ingest "${sharedFile('seattle/call_data_sample_2018-2023.csv')}" -p seattle-call-data -s "${store}" 2>&1 >/dev/null | head -c 0; echo "\${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stdout.trim()).toBe('0');
    const info = run('store', 'info', '--store', store, '--json');
    expect(info.status).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ calls: 222 });
  });

  it('says so, exit 2, when its output cannot be written (a full disk), where it said nothing, exit 0', () => {
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [
        ['profile', 'list'],
        ['profile', 'schema'],
      ]) {
        const r = spawnSync('node', [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', full, 'pipe'] });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(
          /^safegap: What this command printed could not all be written to its output \(the disk is full\)/,
        );
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    } finally {
      closeSync(full);
    }
  });

  it('says so when a file takes only part of its output, where it kept the first part with exit 0 (tester 127)', () => {
    // A disk filling part-way through one write: a file size limit (ulimit -f, in KiB) cuts the write short
    // the same way, and Node ignores SIGXFSZ. Node took no notice of the short count.
    const out = join(dir, 'cut-short.json');
    const r = spawnSync('bash', ['-c', `ulimit -f 8; exec node "${CLI}" profile schema > "${out}"`], {
      encoding: 'utf8',
    });
    expect(statSync(out).size).toBe(8192);
    expect(r.stderr).toMatch(
      /^safegap: What this command printed could not all be written to its output \(the file would pass the size limit set for it\), so that output is incomplete/,
    );
    expect(r.status).toBe(2);
    // Whole, the same output is written with exit 0, also appended to a file.
    const whole = spawnSync(
      'bash',
      ['-c', `node "${CLI}" profile schema > "${out}" && node "${CLI}" profile schema >> "${out}"`],
      {
        encoding: 'utf8',
      },
    );
    expect(whole.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(run('profile', 'schema').stdout.repeat(2));
  });

  it('a file past a size limit is a message, and a synth that fails leaves none of its files (tester 130)', () => {
    // An internal error (EFBIG); and the boundary files stayed, so the next synth there refused to overwrite.
    const folder = join(dir, 'limited');
    mkdirSync(folder);
    const r = spawnSync(
      'bash',
      [
        '-c',
        `ulimit -f 64; exec node "${CLI}" synth --calls 20000 --years 1 --out "${join(folder, 'city.csv')}"`,
      ],
      { encoding: 'utf8' },
    );
    expect({ status: r.status, stderr: r.stderr }).toEqual({
      status: 2,
      stderr: expect.stringMatching(/^safegap: A file would pass the size limit set for this process\./),
    });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('says the current folder is gone, where every relative path was a stack trace (tester 101)', () => {
    const gone = join(tempDir('safegap-cwd-'), 'gone');
    mkdirSync(gone);
    const r = spawnSync(
      'bash',
      ['-c', `cd "${gone}" && rmdir "${gone}" && node "${CLI}" store info --store store`],
      {
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^safegap: The current folder no longer exists[^]*How to fix: `cd` to a folder that exists/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('names TMPDIR when the temporary folder is missing or a file, where it was a stack trace (tester 101)', () => {
    const here = tempDir('safegap-tmpdir-');
    const file = join(here, 'a-file');
    writeFileSync(file, 'x');
    const store = join(here, 'store');
    expect(seattleInto(store).status).toBe(0);
    for (const [tmp, why] of [
      ['/nonexistent/safegap', /does not exist \(ENOENT\)/],
      [file, /is a file, not a folder \(ENOTDIR\)/],
    ] as const) {
      for (const args of [
        ['analyze', '--store', store, '--no-save'],
        ['profile', 'init', sharedFile('seattle/call_data_sample_2018-2023.csv')],
      ]) {
        const r = spawnSync('node', [CLI, ...args], {
          encoding: 'utf8',
          env: { ...process.env, TMPDIR: tmp },
        });
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(why);
        expect(r.stderr).toContain(
          `set TMPDIR to a folder that exists and can be written (TMPDIR is ${tmp})`,
        );
      }
    }
  });

  it('answers a user mistake with a message and a fix, never a stack trace', () => {
    const cases = [
      run('ingest', join(dir, 'missing.csv'), '-p', 'seattle-call-data', '-s', join(dir, 's')),
      ingestSeattle('no-such-profile'),
      ingestSeattle('minneapolis-cad'),
      // Number() reads 0x1 and 1e0 as 1: a typo must not allow every row to be bad.
      ...['lots', '0x1', '1e0'].map((ratio) => ingestSeattle('seattle-call-data', '--max-bad-ratio', ratio)),
    ];
    for (const r of cases) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^safegap: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(cases[2]!.stderr).toMatch(/lacks column\(s\) the profile minneapolis-cad reads/);
    // With --json the refusal is on stdout as JSON too (stdout was empty).
    const j = run(
      'ingest',
      join(dir, 'missing.csv'),
      '-p',
      'seattle-call-data',
      '-s',
      join(dir, 's'),
      '--json',
    );
    expect(j.status).toBe(2);
    expect(JSON.parse(j.stdout)).toEqual({
      error: expect.stringMatching(/^Cannot read .*missing\.csv/),
      hint: 'check the path (its spelling, and the folder the command is run from).',
    });
  });

  it('refuses the paths a newcomer mistypes, each with exit 2 and no stack trace', () => {
    // Each of these ended in a stack trace (EISDIR, ENOENT, DuckDB's sniffer) or went on to lose files.
    const folder = join(dir, 'a-folder');
    mkdirSync(folder, { recursive: true });
    const store = join(dir, 's');
    expect(ingestSeattle('seattle-call-data').status).toBe(0);
    const binary = join(dir, 'binary.csv');
    writeFileSync(binary, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 256)));
    const synthOut = join(dir, 'city.csv');
    writeFileSync(synthOut, 'an export of real data');
    const dangling = join(dir, 'dangling');
    symlinkSync(join(dir, 'nothing-there'), dangling);
    // Renamed over, /dev/full became a plain file and synth reported success (tester 111): a pipe stands for
    // any file that is not a regular one.
    const pipe = join(dir, 'a-pipe');
    execFileSync('mkfifo', [pipe]);
    // The boundary files synth writes beside its CSV were replaced without --force, and a pipe among them
    // with it (tester 112).
    const precincts = join(dir, 'kept.precincts.geojson');
    writeFileSync(precincts, "an analyst's boundary file");
    execFileSync('mkfifo', [join(dir, 'piped.beats.geojson')]);
    const cases: [string[], RegExp][] = [
      [['synth', '--calls', '10', '-o', pipe, '--force'], /a-pipe is not a regular file/],
      [['synth', '--calls', '10', '-o', join(dir, 'kept.csv')], /kept\.precincts\.geojson exists already/],
      [
        ['synth', '--calls', '10', '-o', join(dir, 'piped.csv'), '--force'],
        /safegap: the boundary file .*piped\.beats\.geojson \(written beside --out\) is not a regular file/,
      ],
      [['profile', 'schema', '-o', pipe, '--force'], /a-pipe is not a regular file/],
      // Every command's --out has the short form -o the README promises (tester 111: analyze had none).
      [['analyze', '-s', store, '-o', join(store, 'analysis')], /is inside the store/],
      [['classify', 'export', '--city', 'minneapolis', '--calls', store, '-o', folder], /is a folder/],
      [['profile', 'check', folder], /is a folder, not a file/],
      [
        ['profile', 'init', sharedFile('seattle/call_data_sample_2018-2023.csv'), '--out', folder, '--force'],
        /is a folder/,
      ],
      [['profile', 'schema', '--out', folder], /is a folder/],
      // It replaced a draft profile with the schema in silence (a tester's find).
      [['profile', 'schema', '--out', synthOut], /exists already.*--force/s],
      // "add --force", and with it "is a folder": the folder is said first (a tester's find).
      [['synth', '--calls', '10', '--out', folder], /is a folder/],
      // Node's recursive mkdir goes round for ever where a folder cannot be made (/proc).
      [
        ['profile', 'schema', '--out', '/proc/safegap-test/x.json'],
        /cannot make the folder \/proc\/safegap-test/,
      ],
      // Named for what it is, as ingest names it (tester 239); it was DuckDB's "cannot be read as a table".
      [
        ['classify', 'auto', '--city', 'minneapolis', '--calls', binary],
        /is not a text CSV file: it contains binary data/,
      ],
      [['analyze', '--store', store, '--out', join(store, 'analysis')], /is inside the store/],
      [['report', '--store', store, '--out', store], /--out \S+ is the store /],
      [['synth', '--calls', '10', '--out', synthOut], /exists already/],
      // An --out under a file was a stack trace (tester 101).
      [
        [
          'profile',
          'init',
          sharedFile('seattle/call_data_sample_2018-2023.csv'),
          '--out',
          join(synthOut, 'p.yaml'),
        ],
        /--out .*p\.yaml: cannot write .*: a part of that path is a file, not a folder \(ENOTDIR\)/,
      ],
      [
        ['synth', '--calls', '10', '--out', join(dir, 'x.csv'), '--start', '2022-02-30'],
        /that exists; got `2022-02-30`: 2022-02 has no day 30/,
      ],
      [
        ['synth', '--calls', '10', '--out', join(dir, 'x.csv'), '--start', '2022-13-01'],
        /month 13 does not exist/,
      ],
      // A file named with a leading dash was an unknown option, no more (tester 149).
      [
        ['ingest', '-calls.csv', '-p', 'synthetic-city', '-s', join(dir, 'dash-store')],
        /^safegap: unknown option '-calls\.csv'\n {2}How to fix: if -calls\.csv is a file, write it as \.\/-calls\.csv\./,
      ],
      // A store under a file, or at a link to nothing: mkdir's ENOTDIR and ENOENT (a reviewer's finds).
      [
        [
          'ingest',
          sharedFile('seattle/call_data_sample_2018-2023.csv'),
          '-p',
          'seattle-call-data',
          '-s',
          join(synthOut, 'sub'),
        ],
        /a part of that path is a file, not a folder/,
      ],
      [
        [
          'ingest',
          sharedFile('seattle/call_data_sample_2018-2023.csv'),
          '-p',
          'seattle-call-data',
          '-s',
          dangling,
        ],
        /a part of that path is a link to something that does not exist/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      expect({ args, status: r.status }).toEqual({ args, status: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(synthOut, 'utf8')).toBe('an export of real data');
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(readFileSync(precincts, 'utf8')).toBe("an analyst's boundary file");
    expect(lstatSync(join(dir, 'piped.beats.geojson')).isFIFO()).toBe(true);
    expect(existsSync(join(dir, 'kept.csv'))).toBe(false);
    // Missing folders of a profile draft are made.
    const nested = join(dir, 'new', 'folder', 'draft.yaml');
    const drafted = run(
      'profile',
      'init',
      sharedFile('seattle/call_data_sample_2018-2023.csv'),
      '--out',
      nested,
    );
    expect(drafted.status).toBe(0);
    expect(existsSync(nested)).toBe(true);
    // The zone is a guess the file cannot settle: said on the terminal, unless --time-zone names it.
    expect(drafted.stdout).toMatch(/Note: time_zone is drafted as America\/Chicago, a guess/);
    const named = run(
      'profile',
      'init',
      sharedFile('seattle/call_data_sample_2018-2023.csv'),
      '--time-zone',
      'America/Los_Angeles',
    );
    expect(named.stdout).toMatch(/^time_zone: America\/Los_Angeles$/m);
    expect(named.stderr).not.toMatch(/time_zone/);
    // Fourteen years and more overflowed the call stack (a spread over every hour).
    const long = run('synth', '--calls', '50', '--years', '20', '--out', join(dir, 'long.csv'));
    expect(long.stderr).not.toMatch(/Maximum call stack/);
    expect(long.status).toBe(0);
  });

  it('rejects a bad profile file naming the key', () => {
    const p = join(dir, 'bad.yaml');
    writeFileSync(p, 'name: x\nsource: Bad Name\n');
    const r = run('profile', 'check', p);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/source: .*lower-case/);
  });

  it('classify review takes answers piped to it (they were lost before the first question)', () => {
    ingestSeattle('seattle-call-data');
    const mapping = join(dir, 'review.csv');
    const r = spawnSync(
      'node',
      [
        CLI,
        'classify',
        'review',
        '--city',
        'seattle',
        '--calls',
        join(dir, 's'),
        '--mapping',
        mapping,
        '--reviewer',
        'Rita',
      ],
      { encoding: 'utf8', input: 'a\na\nq\n' },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('2 reviewed this session');
    expect(readFileSync(mapping, 'utf8').match(/,reviewed,Rita,/g)).toHaveLength(2);
  });

  it('classify review in a terminal: the Ctrl-C key says it was interrupted and exits 130, keeping what was decided', async () => {
    // Tester 141: readline took the key in the terminal, and the review ended as `q` does, exit code 0, so
    // a script could not tell an interrupted review from a finished one. util-linux's `script` gives it a
    // terminal; the keys are typed once each prompt is shown.
    ingestSeattle('seattle-call-data');
    const mapping = join(dir, 'review-tty.csv');
    const command = [CLI, 'classify', 'review', '--city', 'seattle', '--calls', join(dir, 's')]
      .concat(['--mapping', mapping, '--reviewer', 'Tia'])
      .map((a) => `'${a}'`)
      .join(' ');
    const child = spawn('script', ['-qec', `node ${command}`, '/dev/null'], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    const keys = ['\r', '\x03'];
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
      const prompts = screen.split('accept [Enter]').length - 1;
      // One key per prompt: Enter at the first, Ctrl-C at the second.
      if (keys.length > 0 && prompts > 2 - keys.length) child.stdin.write(keys.shift()!);
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(screen).toContain('safegap: classify review was interrupted (SIGINT).');
    expect(code).toBe(130);
    expect(readFileSync(mapping, 'utf8').match(/,reviewed,Tia,/g)).toHaveLength(1);
  });

  it('lists the built-in profiles', () => {
    const r = run('profile', 'list');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/minneapolis-cad\s+minneapolis_cad/);
    // And where they are (tester 151).
    expect(r.stdout).toContain(`These are the files ${resolve('profiles', '<name>.yaml')};`);
  });
});

describe('errors of the machine, not of the input', () => {
  it('names a full disk, a refused folder and exhausted memory, whether Node or DuckDB reports them', () => {
    // Disk full during ingest read "s4.csv could not be read as CSV ... check that the file is a complete,
    // uncorrupted export"; at later writes it was an internal error with a stack.
    const node = Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      path: '/data/store/work/1/pass1-0.parquet',
    });
    expect(String(resourceError(node))).toMatch(
      /^The disk is full \(\/data\/store\/work\/1\/pass1-0\.parquet\)\. The store and any output folder are replaced only when whole/,
    );
    const duck = new Error('IO Error: Could not write file "/x/calls.parquet": No space left on device');
    // DuckDB names the file in its message (tester 144: "The disk is full" named no disk).
    expect(resourceError(duck)?.message).toMatch(/^The disk is full \(\/x\/calls\.parquet\)\./);
    expect(
      resourceError(Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' }))?.message,
    ).toMatch(/^Permission denied: EACCES: permission denied, open\./);
    // A read-only disk is no permission a user can be given, and the message's own stop was doubled.
    const ro = resourceError(
      Object.assign(new Error('--out ro/x: cannot make the folder (EROFS).'), { code: 'EROFS' }),
    );
    expect(ro?.message).toMatch(
      /^The file system is read-only: --out ro\/x: cannot make the folder \(EROFS\)\. The store/,
    );
    expect(ro?.hint).toMatch(/a disk that can be written/);
    expect(
      resourceError(new Error('Out of Memory Error: could not allocate block of size 256 KiB'))?.hint,
    ).toMatch(/SAFEGAP_MEMORY_LIMIT/);
    expect(resourceError(new Error('Binder Error: column "x" not found'))).toBeNull();
    expect(resourceError('ENOSPC')).toBeNull();
  });
});

describe('help', () => {
  it("says when the command asked about does not exist (a tester's find), and helps with one that does", () => {
    const bogus = run('help', 'bogus');
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/There is no command `bogus`\..*the commands are ingest, profile/s);
    const ingest = run('help', 'ingest');
    expect(ingest.status).toBe(0);
    expect(ingest.stdout).toMatch(/^Usage: safegap ingest/);
  });
});

describe('the ingest summary', () => {
  /** What printIngestSummary prints for `s`. */
  const printed = (s: IngestSummary) => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      printIngestSummary(s);
    } finally {
      spy.mockRestore();
    }
    return lines.join('\n');
  };

  /** A run that changed nothing: every file already ingested. */
  const unchanged: IngestSummary = {
    store: 's',
    run: null,
    version: 'v000001',
    source: 'x',
    profile: 'p',
    committed: false,
    files: [],
    totals: { rows_read: 0, loaded: 0, quarantined: 0, duplicates: 0 },
    inserted: 0,
    replaced: 0,
    superseded_in_run: 0,
    kept_not_in_files: 0,
    calls_in_store: 2,
    records_in_store: 2,
    sources_in_store: 1,
    quarantine_file: null,
    time: {},
    warnings: [],
    seconds: 0,
  };

  it("gives its notes when nothing changed too (a killed ingest's removal was said only in --json)", () => {
    const text = printed({
      ...unchanged,
      warnings: ['An earlier ingest (process 7) was stopped before it finished v000002.'],
    });
    expect(text).toContain('Nothing changed');
    expect(text).toContain('Note: An earlier ingest (process 7) was stopped before it finished v000002.');
  });

  it("prints a skipped file's note whole, where a call type would be cut (tester 160)", () => {
    const note = `already ingested with this profile (run 6), skipped; since then run 8 (20 changed in all) replaced calls with other records, this file's or others', so the store's may differ from this file's: --again loads it over them, undoing any such change to its calls (corrections too)`;
    const file = { name: 'w05.csv', path: '/w05.csv', sha256: 'x', bytes: 1, quarantine_reasons: {} };
    const text = printed({
      ...unchanged,
      files: [{ ...file, rows_read: 0, loaded: 0, quarantined: 0, duplicates: 0, skipped: note }],
    });
    expect(text).toContain(note);
  });

  it('says "1 call", not "1 calls" (a tester\'s find)', () => {
    const text = printed({
      ...unchanged,
      run: 1,
      committed: true,
      totals: { rows_read: 2, loaded: 2, quarantined: 0, duplicates: 0 },
      inserted: 2,
      time: {
        dst_ambiguous_calls: 1,
        dst_gap_calls: 0,
        negative_interval_calls: 1,
        implausible_interval_calls: 2,
      },
    });
    expect(text).toContain(': 2 calls added, 0 replaced, 2 in all.');
    expect(text).toContain(
      'Time: 1 call had a time in a DST fall-back hour (read call by call, docs/time.md), 0 in a spring-forward gap (shifted forward); 1 call has a negative interval and 2 an implausibly long one (flagged, kept).',
    );
  });
});
