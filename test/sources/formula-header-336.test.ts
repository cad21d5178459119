/**
 * A header name written as an Excel text formula (`="Problem"`) repeating another, or itself: read as the
 * plain name, and then made unique, `Problem` and `Problem_1`, by profile init, its draft's check, ingest
 * and `classify --calls` alike (tester 336). Made from Minneapolis' real rows, as the tester's files were.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fileRelation, typeCounts } from '../../src/classify/volumes.js';
import { ingest } from '../../src/ingest/ingest.js';
import { draftProfile } from '../../src/sources/init-profile.js';
import { headerNames } from '../../src/sources/inspect-file.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { openEngine } from '../../src/store/duckdb.js';
import { csvObjects } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

const minneapolis = csvObjects(readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8')).slice(
  0,
  300,
);

/** A CSV of `header` as written (formula cells and all), each row's values by column position. */
function writeFile(file: string, header: string[], rows: string[][]): string {
  const field = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  writeFileSync(file, [header.join(','), ...rows.map((r) => r.map(field).join(','))].join('\n') + '\n');
  return file;
}

/** Minneapolis' rows with its initial type in column 2 and its final type in column 5. */
const rowsOf = () =>
  minneapolis.map((r) => [
    r.Master_Incident_Number!,
    r.initialProblem!,
    r.Time_PhonePickUp!,
    r['911 Call']!,
    r.Problem!,
  ]);

describe('headerNames (tester 336)', () => {
  it('unwraps a formula name before it makes the names unique', () => {
    expect(headerNames('Problem,="Problem",="Problem"', ',', '"')).toEqual([
      'Problem',
      'Problem_1',
      'Problem_2',
    ]);
    expect(headerNames('"=""Problem""";="Problem"', ';', '"')).toEqual(['Problem', 'Problem_1']);
  });
});

describe('profile init and ingest: a formula header name repeating another (tester 336)', () => {
  for (const [label, second, fifth] of [
    ['plain first, formula last', 'Problem', '="Problem"'],
    ['formula first, plain last', '="Problem"', 'Problem'],
    ['formula twice', '="Problem"', '="Problem"'],
    ['plain twice', 'Problem', 'Problem'],
  ] as const)
    it(`reads them as Problem and Problem_1: ${label}`, async () => {
      const dir = tempDir();
      const f = writeFile(
        join(dir, 'mpls_dup.csv'),
        ['CallNo', second, 'Received', '911 Call', fifth],
        rowsOf(),
      );
      // Was an internal error ("Duplicate struct entry name"), or a draft naming `="Problem"_1`.
      const { yaml, guesses, notes } = await draftProfile(f, { timeZone: 'America/Chicago' });
      expect(yaml).not.toContain('=\\"');
      expect(guesses['fields.call_type_initial']).toBe('Problem');
      expect(guesses['fields.call_type_final']).toBe('Problem_1');
      const note = notes.find((n) => n.startsWith('the header of mpls_dup.csv names 2 columns'));
      expect(note).toContain('names 2 columns "Problem" (columns 2 and 5');
      expect(note).toContain('they are read as "Problem" and "Problem_1"');
      const formulas = [second, fifth].filter((h) => h.startsWith('='));
      if (formulas.length === 1)
        expect(note).toMatch(/column [25] is written `="Problem"`, an Excel text formula/);
      if (formulas.length === 2) expect(note).toContain('columns 2 and 5 are written as Excel text formulas');
      if (!formulas.length) expect(note).not.toContain('formula');

      // The draft is a valid profile (profile check) and ingest reads each column by its own name.
      const profile = parseProfile(yaml, 'draft.yaml');
      const store = join(dir, 'store');
      await ingest({ files: [f], profile, store });
      const stored = await storeRows<{ id: string; initial: string; final: string }>(
        store,
        'SELECT source_call_id AS id, call_type_initial_raw AS initial, call_type_final_raw AS final FROM calls',
      );
      expect(stored.length).toBeGreaterThan(0);
      const byId = new Map(minneapolis.map((r) => [r.Master_Incident_Number!, r]));
      for (const s of stored) {
        expect(s.initial).toBe(byId.get(s.id)!.initialProblem);
        expect(s.final).toBe(byId.get(s.id)!.Problem);
      }
      expect(stored.some((s) => s.initial !== s.final)).toBe(true);
    });
});

describe('classify --calls: a header written in Excel text formulas (tester 336)', () => {
  // The real file's first 20,000 rows: gzip'd, more than the head of it fileRelation unpacks.
  const lines = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8').split('\n').slice(0, 20_001);
  for (const gzip of [false, true])
    it(`reads its names as ingest does${gzip ? ', gzip' : ''}`, async () => {
      const dir = tempDir();
      const plain = join(dir, 'plain.csv');
      writeFileSync(plain, lines.join('\n') + '\n');
      // Its lines end in CRLF, the header's too.
      const wrapped = [
        `${lines[0]!
          .replace(/\r$/, '')
          .split(',')
          .map((h) => `="${h}"`)
          .join(',')}\r`,
        ...lines.slice(1),
      ].join('\n');
      const formulas = join(dir, gzip ? 'formulas.csv.gz' : 'formulas.csv');
      writeFileSync(formulas, gzip ? gzipSync(`${wrapped}\n`) : `${wrapped}\n`);
      if (gzip) expect(readFileSync(formulas).length).toBeGreaterThan(65_536);
      const conn = await openEngine();
      try {
        const counts = (file: string) =>
          typeCounts(conn, {
            relation: fileRelation(file),
            initialColumn: 'initialProblem',
            finalColumn: 'Problem',
            file,
          });
        // Was "The calls have no column `initialProblem` (they have: ="Master_Incident_Number", ...)".
        const read = await counts(formulas);
        expect(read).toEqual(await counts(plain));
        expect(read.reduce((n, t) => n + t.initial, 0)).toBe(20_000);
      } finally {
        conn.closeSync();
      }
    });

  it('names the line of a row of the wrong length, as of a plain header', async () => {
    const dir = tempDir();
    const header = lines[0]!.replace(/\r$/, '').split(',');
    const rows = lines.slice(1, 3001).map((l) => l.replace(/\r$/, ''));
    const f = join(dir, 'bad-row.csv');
    writeFileSync(
      f,
      [header.map((h) => `="${h}"`).join(','), ...rows, `${rows[0]},extra,fields`, ...rows.slice(1, 5)].join(
        '\n',
      ) + '\n',
    );
    const conn = await openEngine();
    try {
      const err = await typeCounts(conn, {
        relation: fileRelation(f),
        initialColumn: 'initialProblem',
        finalColumn: 'Problem',
        file: f,
      }).catch((e: unknown) => e);
      // Was DuckDB's line with no word of the header, the column looked for not being found in it.
      expect(String(err)).toContain(
        `${f} line 3,002 has ${header.length + 2} fields where the header has ${header.length}`,
      );
    } finally {
      conn.closeSync();
    }
  });

  it('reads a formula name repeating a plain one as Problem_1', async () => {
    const dir = tempDir();
    const f = writeFile(
      join(dir, 'dup.csv'),
      ['CallNo', 'Problem', 'Received', '911 Call', '="Problem"'],
      rowsOf(),
    );
    const conn = await openEngine();
    try {
      const read = await typeCounts(conn, {
        relation: fileRelation(f),
        initialColumn: 'Problem',
        finalColumn: 'Problem_1',
        file: f,
      });
      const finals = new Map(read.map((t) => [t.rawType, t.final]));
      const same = minneapolis.filter((r) => r.Problem === minneapolis[0]!.Problem).length;
      expect(finals.get(minneapolis[0]!.Problem!)).toBe(same);
    } finally {
      conn.closeSync();
    }
  });
});
