/**
 * Tester 361: a refused ingest's quarantine file, which its refusal names, was replaced by the next run's
 * (both were run-0001.csv); and a `[` never closed in a profile or a city settings file was named at the
 * line where the parser noticed it, the line after, not where it was opened.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { readSettings } from '../../src/classify/mapping-file.js';
import { builtinTaxonomy } from '../../src/classify/taxonomy.js';
import { parseProfile } from '../../src/sources/load-profile.js';
import { CSV_COLUMNS } from '../../src/synth/synth.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { tempDir } from '../helpers/shared-data.js';
import { UserError } from '../../src/util/user-error.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BASE = {
  call_received: '2022-06-01 12:00:00',
  call_source: '911',
  initial_type: 'Welfare Check (P)',
  final_type: 'Welfare Check (P)',
  priority: '2',
  disposition: 'AOK',
  responder_type: 'POLICE',
  block_address: '1234 MAIN ST',
  latitude: '45.0',
  longitude: '-93.2',
};

/** A synthetic-city export of calls 1..n, the rows named in `bad` with a received time no format reads. */
function exportOf(file: string, n: number, bad: number[]): string {
  const rows = Array.from({ length: n }, (_, i) => ({
    incident_id: String(i + 1),
    ...(bad.includes(i + 1) ? { call_received: 'not a time' } : {}),
  }));
  return writeRows(file, CSV_COLUMNS, BASE, rows);
}

/** A refusal's hint and details, or a test failure for a run that was not refused. */
const refusal = (e: unknown) => {
  expect(e).toBeInstanceOf(UserError);
  return e as UserError & { details?: { quarantine_file?: string } };
};
const refusedWith = (): never => {
  throw new Error('not refused');
};

/** The row numbers a quarantine file lists. */
const rowsOf = (file: string) => csvObjects(readFileSync(file, 'utf8')).map((r) => Number(r.row));

describe("a refused run's quarantine file (tester 361)", () => {
  it('keeps its own name, which the refusal gives and no later run reuses', async () => {
    const dir = tempDir();
    const store = join(dir, 'store');
    const q = join(store, 'quarantine');
    // 2 of 10 rows bad: 20%, above the default limit of 1%. Data row k is row k (the header is row 0).
    const first = await ingest({
      files: [exportOf(join(dir, 'a.csv'), 10, [3, 7])],
      profile: 'synthetic-city',
      store,
    }).then(refusedWith, refusal);
    expect(first.hint).toContain(`the rows and their reasons are in ${join(q, 'refused-0001.csv')};`);
    expect(first.details?.quarantine_file).toBe(join(q, 'refused-0001.csv'));
    expect(rowsOf(join(q, 'refused-0001.csv'))).toEqual([3, 7]);
    // A second refusal has a file of its own, the first left as it was.
    const second = await ingest({
      files: [exportOf(join(dir, 'b.csv'), 10, [5])],
      profile: 'synthetic-city',
      store,
    }).then(refusedWith, refusal);
    expect(second.hint).toContain(join(q, 'refused-0002.csv'));
    // A run that commits, 1 of 10 rows quarantined, is run 1: its file is run-0001.csv.
    const s = await ingest({
      files: [exportOf(join(dir, 'c.csv'), 10, [9])],
      profile: 'synthetic-city',
      store,
      maxBadRatio: 0.5,
    });
    expect(s.run).toBe(1);
    expect(s.quarantine_file).toBe(join(q, 'run-0001.csv'));
    expect(readdirSync(q).sort()).toEqual(['refused-0001.csv', 'refused-0002.csv', 'run-0001.csv']);
    expect(rowsOf(join(q, 'refused-0001.csv'))).toEqual([3, 7]);
    expect(rowsOf(join(q, 'refused-0002.csv'))).toEqual([5]);
    expect(rowsOf(join(q, 'run-0001.csv'))).toEqual([9]);
  });
});

describe('a `[` or `{` never closed in YAML (tester 361)', () => {
  it("names a profile's line and column where it was opened, and where the parser stopped", () => {
    const dir = tempDir();
    const file = join(dir, 'p.yaml');
    // Line 3 opens the `[` at column 12 (`time_zone: ` is 11 characters); line 4 is where YAML stops.
    writeFileSync(file, 'name: X\nsource: x\ntime_zone: [America/Chicago\nformat:\n  delimiter: ","\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'profile', 'check', file], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      `Profile ${file} line 3 (a \`[\` opened there, column 12, is still open at line 4, column 1) is not valid YAML:`,
    );
    expect(r.stderr).toContain('close the `[` with a `]` on line 3');
  });

  it('names the outer one of two, and a `{` as a `[`', () => {
    const error = (text: string) => {
      try {
        parseProfile(text, 'p.yaml');
      } catch (e) {
        return String(e);
      }
      throw new Error('not refused');
    };
    // `nulls: [a, [b],` : the outer `[` at column 8 is open, the inner one closed.
    expect(error('name: X\nnulls: [a, [b],\nid: c\n')).toContain(
      'Profile p.yaml line 2 (a `[` opened there, column 8, is still open at line 3, column 1)',
    );
    // `fields: { a: b` : column 9.
    expect(error('name: X\nid: c\nfields: { a: b\nnulls: []\n')).toContain(
      'Profile p.yaml line 3 (a `{` opened there, column 9, is still open at line 4, column 1)',
    );
  });

  it('names it so in a city settings file too', () => {
    const dir = tempDir();
    const file = join(dir, 'city.yaml');
    // `emergency_priorities: ` is 22 characters: the `[` is at column 23 of line 2.
    writeFileSync(file, "name: X\nemergency_priorities: ['0', '1'\nactual_responder_rules: []\n");
    let message = '';
    try {
      readSettings(file, builtinTaxonomy());
    } catch (e) {
      message = `${(e as Error).message}\n${(e as { hint?: string }).hint ?? ''}`;
    }
    expect(message).toContain(
      `${file}: line 2 (a \`[\` opened there, column 23, is still open at line 3, column 1) is not valid YAML:`,
    );
    expect(message).toContain('Close the `[` with a `]` on line 2');
  });
});
