/**
 * The calls classify reads, as a tester gave them: a raw export with a quote left open or a row of the
 * wrong length (plain or gzip), a raw export's own call type columns, and a store that holds no calls.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileRelation, requireTypedCalls, typeCounts } from '../../src/classify/volumes.js';
import { ingest } from '../../src/ingest/ingest.js';
import { openEngine } from '../../src/store/duckdb.js';
import { synthesize } from '../../src/synth/synth.js';
import { UserError } from '../../src/util/user-error.js';
import { runClassify } from '../helpers/classify-cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'safegap-raw-calls-'));

/** 3,000 good rows, then `bad`, then `after`: past the lines DuckDB sniffs, as in the tester's files. */
function export_(name: string, bad: string[], after: string[] = [], good = 3000): string {
  const rows = Array.from({ length: good }, (_, i) => `${i + 1},Theft,Theft,none`);
  const file = join(dir, name);
  writeFileSync(file, ['id,initial,final,remark', ...rows, ...bad, ...after].join('\n') + '\n');
  return file;
}

/** typeCounts' refusal of `file`, as text. */
async function refusal(file: string): Promise<string> {
  const conn = await openEngine();
  try {
    const err = await typeCounts(conn, {
      relation: fileRelation(file),
      initialColumn: 'initial',
      finalColumn: 'final',
      file,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    return String(err);
  } finally {
    conn.closeSync();
  }
}

const run = runClassify;

afterEach(() => vi.restoreAllMocks());

describe('a raw export that is not well-formed CSV', () => {
  it('names the line of a quote never closed, and never quotes it (tester 224)', async () => {
    // DuckDB's "Error when sniffing file" was all that was said, with a hint to give a CSV, while the docs
    // say malformed CSV is refused at its first bad row. The quote opens a field before the last, as in the
    // tester's files: the rest of the row, and of the file, is then one value.
    const bad = '3001,Theft,"SMITH 612-555-0199,Theft,none';
    const last = export_('open-last.csv', [bad]);
    const early = export_('open-early.csv', [bad], ['3002,Theft,Theft,x']);
    const short = export_('open-short.csv', [bad], ['3,Theft,Theft,x'], 1);
    for (const [file, line] of [
      [last, '3,002'],
      [early, '3,002'],
      [short, '3'],
    ] as const) {
      const text = await refusal(file);
      expect(text).toContain(`${file} line ${line} opens a quoted value that is never closed`);
      expect(text).toMatch(/Close the quote on that line/);
      expect(text).not.toContain('555');
      expect(text).not.toContain('SMITH');
    }
  });

  it('names a quote closed only lines later, which makes a row of the wrong length (tester 224)', async () => {
    const file = export_(
      'open-closed.csv',
      ['3001,Theft,"SMITH 612-555-0199,Theft,none'],
      ['3002,Theft,Theft,x', '3003,Theft,Theft,y"', '3004,Theft,Theft,z'],
    );
    const text = await refusal(file);
    expect(text).toContain(
      `${file} line 3,002 opens a quoted value that is closed only on line 3,004, making one row of 3 fields where the header has 4`,
    );
    expect(text).not.toContain('SMITH');
  });

  it('reads a value that spans lines, and an inch mark, as well-formed', async () => {
    // Only a quote never closed is the defect: a quoted value may hold a line end.
    const file = export_('spans.csv', ['3001,Theft,Theft,"two\nlines"', '3002,Noise,Noise,5" pipe']);
    const conn = await openEngine();
    const counts = await typeCounts(conn, {
      relation: fileRelation(file),
      initialColumn: 'initial',
      finalColumn: 'final',
      file,
    });
    conn.closeSync();
    expect(counts.map((c) => [c.rawType, c.initial])).toEqual([
      ['Theft', 3001],
      ['Noise', 1],
    ]);
  });

  it('names the line of a row of the wrong length in a gzip export too (tester 224)', async () => {
    // rawA.csv was told "line 4,001 has 30 fields", rawA.csv.gz only DuckDB's sniffing error.
    const plain = export_('wide.csv', ['3001,Theft,Theft,SMITH,612-555-0199']);
    const gz = join(dir, 'wide.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(plain)));
    const text = await refusal(gz);
    expect(text).toContain(`${gz} line 3,002 has 5 fields where the header has 4`);
    expect(text).not.toContain('555');
    // And a quote never closed, gzip too.
    const open = join(dir, 'open.csv.gz');
    writeFileSync(open, gzipSync(readFileSync(export_('open.csv', ['3001,Theft,"SMITH 612,Theft,x']))));
    expect(await refusal(open)).toContain(`${open} line 3,002 opens a quoted value that is never closed`);
  });
});

/** The options every raw-export run below gives, its mapping named `name`. */
const common = (calls: string, name: string) => [
  '--city',
  'testville',
  '--mapping',
  join(dir, `${name}-mapping.csv`),
  '--calls',
  calls,
  '--initial-column',
  'initial',
  '--final-column',
  'final',
];

describe('a raw export read as ingest reads it (tester 231)', () => {
  it('reads a gzip export named .csv, as ingest does', async () => {
    // DuckDB goes by the name: "The calls cannot be read as a table: Invalid Input Error: Error when
    // sniffing file", while ingest, which tells gzip by its magic bytes, loaded the same file.
    const calls = join(dir, 'gz-named.csv');
    writeFileSync(calls, gzipSync('id,initial,final\n1,Theft,Theft\n2,Noise,Theft\n3,Noise,Noise\n'));
    const out = await run(['status', ...common(calls, 'gz-named')]);
    // After the note that its --mapping does not exist (tester 249).
    expect(out).toMatch(/^3 calls, 2 initial types/m);
    expect(out).toMatch(/Calls whose type changed from initial to final: 1 \(33\.3%\)/);
  });

  it('says a 0-byte export is empty, not that it lacks the call type column', async () => {
    // It was "The calls have no column `initial` (they have: column0)".
    const calls = join(dir, 'zero.csv');
    writeFileSync(calls, '');
    for (const args of [
      ['status', ...common(calls, 'zero')],
      ['export', ...common(calls, 'zero'), '--out', join(dir, 'zero-out.csv')],
    ]) {
      const err = await run(args).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(String(err)).toContain(`${calls} is empty (0 bytes): there is nothing to classify`);
      expect(String(err)).not.toContain('column0');
    }
  });

  it('says what a file that is no CSV text is, as ingest does (tester 239)', async () => {
    // A GeoJSON file was quoted whole (203 KB) as the columns it has; a workbook and UTF-16 text were
    // "line 1 cannot be read as a row".
    const cases = [
      [
        'b.geojson',
        '{"type": "FeatureCollection", "features": []}\n',
        'is GeoJSON (area boundaries), not a calls export.',
      ],
      [
        'book.csv',
        Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64)]),
        'is a ZIP archive, not a CSV file',
      ],
      [
        'u16.csv',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,initial,final\n1,A,A\n', 'utf16le')]),
        'is UTF-16 text, which this command reads only as UTF-8.',
      ],
      [
        'bin.csv',
        Buffer.from([0x41, 0x42, 0x00, 0x43, 0x44, 0x45, 0x46, 0x47]),
        'is not a text CSV file: it contains binary data (NUL bytes).',
      ],
    ] as const;
    for (const [name, bytes, said] of cases) {
      const calls = join(dir, name);
      writeFileSync(calls, bytes);
      const err = await run(['status', ...common(calls, 'nocsv')]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(String(err)).toContain(`${calls} ${said}`);
      expect(String(err).length).toBeLessThan(600);
    }
  });

  it('says a gzip of nothing and a file of blank lines are empty (tester 238)', async () => {
    const cases = [
      ['empty.csv.gz', gzipSync(''), 'a gzip of no text'],
      ['newline.csv', '\n', 'no text but blank lines'],
      ['blank-gz.csv', gzipSync('\r\n \n'), 'a gzip of no text'],
    ] as const;
    for (const [name, bytes, why] of cases) {
      const calls = join(dir, name);
      writeFileSync(calls, bytes);
      const err = await run(['status', ...common(calls, 'blank')]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(String(err)).toContain(`${calls} is empty (${why}): there is nothing to classify`);
    }
  });
});

describe('calls that have rows but no call type in the columns given (tester 231)', () => {
  it('are refused for a command that would write their types, saying so and how to fix', async () => {
    // export said "No mapping for tcity yet. How to fix: Pass --calls" with --calls given, and review saved
    // a mapping of no type: requireTypedCalls says what is wrong, for them to call.
    const file = join(dir, 'blank-types.csv');
    writeFileSync(file, 'id,initial,final,nature\n1,,,Theft\n2,NA,,Noise\n');
    const conn = await openEngine();
    try {
      const src = { relation: fileRelation(file), initialColumn: 'initial', finalColumn: 'final', file };
      const counts = await typeCounts(conn, src);
      expect(counts).toEqual([]);
      const err = await requireTypedCalls(conn, src, counts).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(String(err)).toContain(
        `No call of ${file} has a call type: \`initial\` and \`final\` are empty in every row (2 calls), so there is nothing to classify; nothing was written.`,
      );
      expect((err as UserError).hint).toContain(
        `--initial-column and --final-column (the columns of ${file}: id, initial, final, nature)`,
      );
      // Calls with a type pass.
      const typed = { ...src, initialColumn: 'nature' };
      await expect(requireTypedCalls(conn, typed, await typeCounts(conn, typed))).resolves.toBeUndefined();
    } finally {
      conn.closeSync();
    }
  });

  it('are refused by export and review, which write neither the sheet nor a mapping of no type', async () => {
    // export: "No mapping for tcity yet. How to fix: Pass --calls", with --calls given; review: "0 of 0
    // types to review ... saved to map.csv", a mapping of no type.
    const calls = join(dir, 'blank-types-cli.csv');
    writeFileSync(calls, 'id,initial,final\n1,,\n2,,\n3,NA,\n');
    const mapping = join(dir, 'blank-types-mapping.csv');
    const out = join(dir, 'blank-types-sheet.csv');
    const common = ['--city', 'tcity', '--mapping', mapping, '--calls', calls];
    const columns = ['--initial-column', 'initial', '--final-column', 'final'];
    for (const args of [
      ['export', ...common, ...columns, '--out', out],
      ['review', ...common, ...columns, '--reviewer', 'tester'],
    ]) {
      const err = await run(args).catch((e: unknown) => e);
      expect(err, args[0]).toBeInstanceOf(UserError);
      expect(String(err)).toContain(
        `No call of ${calls} has a call type: \`initial\` and \`final\` are empty in every row (3 calls)`,
      );
      expect(String(err)).not.toMatch(/No mapping for|Pass --calls/);
    }
    expect(existsSync(out)).toBe(false);
    expect(existsSync(mapping)).toBe(false);
    // status says so, and told a raw export to map its column in a profile and ingest it again.
    const status = await run(['status', ...common, ...columns]);
    expect(status).toContain(
      'No call has an initial call type, which status counts calls by: there is nothing to classify (3 calls have none). Name the columns that hold the call types with --initial-column and --final-column.',
    );
    expect(status).not.toContain('ingest it again');
  });
});

describe('classify auto on a raw export', () => {
  it("names the export's call type columns in its Next: hint (tester 224)", async () => {
    // Told only "the same --city, --mapping and --calls", a review of the raw export then failed with "no
    // column `call_type_initial_raw`".
    const calls = join(dir, 'raw.csv');
    writeFileSync(calls, 'id,initialProblem,Final Type\n1,Theft,Theft\n2,Noise,Noise\n');
    const out = await run([
      'auto',
      '--city',
      'testville',
      '--mapping',
      join(dir, 'raw-mapping.csv'),
      '--calls',
      calls,
      '--initial-column',
      'initialProblem',
      '--final-column',
      'Final Type',
    ]);
    expect(out).toMatch(
      /Next: .*given the same --city, --mapping and --calls, and --initial-column initialProblem --final-column 'Final Type';/,
    );
  });
});

describe('classify on a store that holds no calls (tester 230)', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'classify', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      input: '',
    });

  it('refuses status, auto, review and export as report does, naming the store', async () => {
    // status said "No call has a call type ... Map the export's call type column" and exited 0, auto that
    // the type columns were empty in every row, review offered the mapping's types at 0 calls each.
    const csv = join(dir, 'synth.csv');
    await synthesize({ calls: 100, years: 1, seed: 7, out: csv });
    const header = join(dir, 'header.csv');
    writeFileSync(header, readFileSync(csv, 'utf8').split('\n')[0] + '\n');
    const store = join(dir, 'empty-store');
    await ingest({ files: [header], profile: 'synthetic-city', store });
    const common = ['--city', 'synthetic-city', '--mapping', join(dir, 'empty.csv'), '--calls', store];
    for (const args of [
      ['status', ...common],
      ['auto', ...common],
      ['review', ...common, '--reviewer', 'tester'],
      ['export', ...common, '--out', join(dir, 'empty-export.csv')],
    ]) {
      const r = cli(...args);
      expect(r.status, `${args[0]}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.stderr).toContain(`The store \`${store}\` holds no calls`);
      expect(r.stderr).not.toMatch(/call type column|empty in every row/);
      expect(r.stdout).toBe('');
    }
  }, 120_000);

  it('still tells calls without a call type from no calls', async () => {
    const calls = join(dir, 'untyped.csv');
    writeFileSync(calls, 'id,initial,final\n1,,\n2,,\n');
    const err = await run(['auto', ...common(calls, 'untyped')]).catch((e: unknown) => e);
    expect(String(err)).toContain('`initial` and `final` are empty in every row');
  });
});

describe("a raw export's Excel text formulas", () => {
  it('are read as ingest reads them, the text inside (tester 312)', async () => {
    // `="ALARM"` was a type of its own in the mapping sheet made of the raw file, matching no stored type.
    const plain = export_('plain.csv', [], [], 20);
    const wrapped = join(dir, 'wrapped.csv');
    writeFileSync(
      wrapped,
      readFileSync(plain, 'utf8')
        .split('\n')
        .map((l, i) => (i === 0 || !l ? l : l.replace(/,Theft,Theft,/, ',="Theft","=""Theft""",')))
        .join('\n'),
    );
    const conn = await openEngine();
    try {
      const counts = (file: string) =>
        typeCounts(conn, {
          relation: fileRelation(file),
          initialColumn: 'initial',
          finalColumn: 'final',
          file,
        });
      expect(await counts(wrapped)).toEqual(await counts(plain));
      expect((await counts(wrapped)).map((c) => c.rawType)).toEqual(['Theft']);
    } finally {
      conn.closeSync();
    }
  });
});
