/**
 * Files of other shapes (tester 341): typed Parquet times with seconds, a UTF-8 file under `encoding:
 * latin-1`, a quote mark other than the profile's, a CSV under a `type: parquet` profile, and the format
 * keys `profile check` took or refused wrongly. Real rows of the shared exports, altered in a temp dir.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { profileSchema, type Profile } from '../../src/sources/profile-schema.js';
import { openEngine } from '../../src/store/duckdb.js';
import { literal } from '../../src/util/sql.js';
import { csvObjects, parseCsv } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

/** The header and the first `n` rows of a shared export, as lines. */
const firstLines = (rel: string, n: number) =>
  readFileSync(sharedFile(rel), 'utf8')
    .split(/\r?\n/)
    .slice(0, n + 1);

async function sql(statement: string): Promise<void> {
  const conn = await openEngine();
  try {
    await conn.run(statement);
  } finally {
    conn.closeSync();
  }
}

const received = (store: string) =>
  storeRows<{ id: string; at: string }>(
    store,
    'SELECT source_call_id AS id, CAST(received_at AS VARCHAR) AS "at" FROM calls ORDER BY 1',
  );

describe('typed Parquet times (tester 341)', () => {
  const dir = tempDir();
  const csv = join(dir, 'calls.csv');
  writeFileSync(csv, `${firstLines('minneapolis/calls_2022_d.csv', 200).join('\n')}\n`);
  const plus = (t: string) => `strptime("${t}", '%m/%d/%Y %H:%M') + INTERVAL 37250 MILLISECOND`;

  /** The CSV's times 37.25 s later: what a typed column with seconds holds. */
  let stores = 0;
  const later = async () => {
    const fromCsv = await received(
      (await ingest({ files: [csv], profile: 'minneapolis-cad', store: join(dir, `csv${++stores}`) })).store,
    );
    expect(fromCsv.length).toBeGreaterThan(190);
    return fromCsv.map((r) => ({
      id: r.id,
      at: new Date(Date.parse(r.at.replace(' ', 'T').replace(/\+00$/, 'Z')) + 37_250)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.(\d\d)0Z$/, '.$1+00'),
    }));
  };

  it('keep their seconds and fractions whatever timestamps.format says, in any unit', async () => {
    const expected = await later();
    for (const unit of ['TIMESTAMP', 'TIMESTAMP_NS']) {
      const file = join(dir, `${unit}.parquet`);
      await sql(
        `COPY (SELECT * REPLACE (CAST(${plus('Time_PhonePickUp')} AS ${unit}) AS Time_PhonePickUp)
           FROM read_csv(${literal(csv)}, all_varchar = true)) TO ${literal(file)} (FORMAT parquet)`,
      );
      const s = await ingest({ files: [file], profile: 'minneapolis-cad', store: join(dir, unit) });
      expect(s.totals.quarantined, unit).toBe(0);
      // Was 00:04:00 for 00:04:37.25: written in `%m/%d/%Y %H:%M` and read back.
      expect(await received(s.store), unit).toEqual(expected);
    }
  });

  it('keep them as a DATE with a TIME in time_column', async () => {
    const expected = await later();
    // A date and a time of day in columns of their own, typed: read whole as well (quarantined before, as
    // `2022-10-01 00:04:37.25` does not match `%m/%d/%Y %H:%M`).
    const file = join(dir, 'date-time.parquet');
    await sql(
      `COPY (SELECT * EXCLUDE (Time_PhonePickUp), CAST(${plus('Time_PhonePickUp')} AS DATE) AS pickup_date,
         CAST(${plus('Time_PhonePickUp')} AS TIME) AS pickup_time
         FROM read_csv(${literal(csv)}, all_varchar = true)) TO ${literal(file)} (FORMAT parquet)`,
    );
    const base = loadProfile('minneapolis-cad');
    const profile: Profile = {
      ...base,
      times: { ...base.times, received: { column: 'pickup_date', time_column: 'pickup_time' } },
    };
    const s = await ingest({ files: [file], profile, store: join(dir, 'date-time') });
    expect(s.totals.quarantined).toBe(0);
    expect(await received(s.store)).toEqual(expected);
  });
});

describe('a UTF-8 file under encoding: latin-1 (tester 341)', () => {
  const dir = tempDir();
  const lines = firstLines('burlington_vt/police-incidents-2022.csv', 300);
  // Row 7's street (the fifth column) with an accented letter, as a street name may have.
  const accented = lines.map((l, i) => (i === 7 ? l.replace(/^((?:[^,]*,){4})[^,]*/, '$1Café St') : l));
  const latin1: Profile = { ...loadProfile('burlington-vt') };
  latin1.format = { ...latin1.format, encoding: 'latin-1' };

  it('is refused, naming a byte pair and its row, with or without a byte-order mark', async () => {
    const text = `${accented.join('\n')}\n`;
    const plain = join(dir, 'utf8.csv');
    writeFileSync(plain, text);
    // Was loaded, `CafÃ© St` stored without a word.
    await expect(ingest({ files: [plain], profile: latin1, store: join(dir, 'a') })).rejects.toThrow(
      'utf8.csv is UTF-8 text, not Latin-1 (it holds UTF-8 byte pairs such as `Ã©` for é, on row 7)',
    );
    await expect(ingest({ files: [plain], profile: latin1, store: join(dir, 'a') })).rejects.toMatchObject({
      hint: expect.stringContaining('remove `encoding: latin-1` from the profile'),
    });
    // Was "`incident_number` may be `ï»¿incident_number`. Fix the column names".
    const bom = join(dir, 'bom.csv');
    writeFileSync(bom, `\uFEFF${lines.join('\n')}\n`);
    await expect(ingest({ files: [bom], profile: latin1, store: join(dir, 'b') })).rejects.toThrow(
      /bom\.csv is UTF-8 text, not Latin-1 \(it starts with the UTF-8 byte-order mark[^)]*\): read as Latin-1, the first column's name would begin with `ï»¿`/,
    );
    // É is C3 89, whose 89 Latin-1 does not use: it was refused as Windows-1252, to convert with iconv.
    const capital = join(dir, 'capital.csv');
    writeFileSync(
      capital,
      `${lines.map((l, i) => (i === 3 ? l.replace(',Main St,', ',LAKÉ ST,') : l)).join('\n')}\n`,
    );
    await expect(ingest({ files: [capital], profile: latin1, store: join(dir, 'd') })).rejects.toThrow(
      'capital.csv is UTF-8 text, not Latin-1 (it holds UTF-8 byte pairs such as bytes C3 89 for É, on row 3)',
    );
    // Gzipped too: the text is read, not the compressed bytes.
    const gz = join(dir, 'utf8.csv.gz');
    writeFileSync(gz, gzipSync(Buffer.from(text)));
    await expect(ingest({ files: [gz], profile: latin1, store: join(dir, 'c') })).rejects.toThrow(
      'utf8.csv.gz is UTF-8 text, not Latin-1',
    );
  });

  it('a true Latin-1 file (é the byte E9 alone) still loads under it', async () => {
    const file = join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.from(`${accented.join('\n')}\n`, 'latin1'));
    const s = await ingest({ files: [file], profile: latin1, store: join(dir, 'l') });
    expect(s.totals.loaded + s.totals.quarantined + s.totals.duplicates).toBe(300);
  });
});

describe('a quote mark other than the profile’s (tester 341)', () => {
  const dir = tempDir();
  const rows = parseCsv(firstLines('minneapolis/calls_2022_d.csv', 200).join('\n'));
  const header = rows[0]!;
  const cross = header.indexOf('crossStreet');
  const semicolons: Profile = { ...loadProfile('minneapolis-cad') };
  semicolons.format = { ...semicolons.format, delimiter: ';' };

  it('in every header name: the refusal says to set format.quote, not to fix the column names', async () => {
    const file = join(dir, 'all-quoted.csv');
    writeFileSync(file, `${rows.map((r) => r.map((v) => `'${v}'`).join(';')).join('\n')}\n`);
    const refusal = ingest({ files: [file], profile: semicolons, store: join(dir, 'a') });
    await expect(refusal).rejects.toMatchObject({
      hint: expect.stringContaining(
        'every column name is within `\'`, which the profile does not read as a quote mark (it reads `"`): set `format: { quote: "\'" }` in the profile',
      ),
    });
    await expect(refusal).rejects.toMatchObject({
      hint: expect.not.stringContaining('Fix the column names'),
    });
  });

  it('around a value holding the delimiter: the quarantine reason names format.quote, not quoting it', async () => {
    // Quoted only where a value holds the delimiter, as a minimal-quoting export writes: some of these rows
    // end in an empty field (read by DuckDB, found in the bytes), the others not (DuckDB's rejects).
    const changed = [10, 20, 30, 40, 50, 60];
    const lines = rows.map((r, i) =>
      r.map((v, c) => (changed.includes(i) && c === cross ? `'${v || 'N'}; REAR'` : v)).join(';'),
    );
    const file = join(dir, 'min-quoted.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const endsEmpty = changed.filter((i) => rows[i]!.at(-1) === '');
    expect(endsEmpty.length).toBeGreaterThan(0);
    expect(endsEmpty.length).toBeLessThan(changed.length);
    const s = await ingest({ files: [file], profile: semicolons, store: join(dir, 'b'), maxBadRatio: 0.1 });
    const q = csvObjects(readFileSync(s.quarantine_file!, 'utf8'));
    expect(q.map((r) => Number(r.row))).toEqual(changed);
    for (const r of q)
      expect(r.reason, r.row).toBe(
        'has 30 fields where the header has 29: its value of crossStreet holds the delimiter, `;`, within `\'`, which the profile does not read as a quote mark (it reads `"`); set `format: { quote: "\'" }` in the profile and ingest the file again',
      );
  });
});

describe('format keys (tester 341)', () => {
  const dir = tempDir();
  const lines = firstLines('minneapolis/calls_2022_d.csv', 200);

  it('a CSV, plain or gzipped, under type: parquet is read as CSV', async () => {
    const csv = join(dir, 'calls.csv');
    writeFileSync(csv, `${lines.join('\n')}\n`);
    writeFileSync(`${csv}.gz`, gzipSync(readFileSync(csv)));
    const parquet: Profile = { ...loadProfile('minneapolis-cad') };
    parquet.format = { ...parquet.format, type: 'parquet' };
    const fromCsv = await received(
      (await ingest({ files: [csv], profile: 'minneapolis-cad', store: join(dir, 'c') })).store,
    );
    // Was "could not be read as Parquet: No magic bytes".
    for (const f of [csv, `${csv}.gz`]) {
      const s = await ingest({ files: [f], profile: parquet, store: join(dir, `p${f.length}`) });
      expect(await received(s.store), f).toEqual(fromCsv);
    }
  });

  const raw = (format: Record<string, string>) => {
    const p = JSON.parse(JSON.stringify(loadProfile('minneapolis-cad'))) as Record<string, unknown>;
    return profileSchema.safeParse({ ...p, format });
  };

  it('a quote equal to the delimiter is refused, with the fix', () => {
    const r = raw({ delimiter: ',', quote: ',' });
    expect(r.success).toBe(false);
    expect(r.error!.issues).toEqual([
      expect.objectContaining({
        path: ['format', 'quote'],
        message: expect.stringContaining('is the same character as format.delimiter'),
      }),
    ]);
    expect(raw({ delimiter: ';', quote: "'" }).success).toBe(true);
  });

  it('other spellings of the encodings are read as them; windows-1252 is told to convert', () => {
    for (const [given, read] of [
      ['UTF-8', 'utf-8'],
      ['utf8', 'utf-8'],
      ['ISO-8859-1', 'latin-1'],
      ['latin1', 'latin-1'],
      ['LATIN-1', 'latin-1'],
      ['UTF-16LE', 'utf-16'],
    ]) {
      const r = raw({ encoding: given! });
      expect(r.success, given).toBe(true);
      expect(r.data!.format.encoding, given).toBe(read);
    }
    const w = raw({ encoding: 'windows-1252' });
    expect(w.success).toBe(false);
    expect(w.error!.issues[0]!.message).toContain('`iconv -f WINDOWS-1252 -t UTF-8 in.csv > out.csv`');
    expect(raw({ encoding: 'koi8-r' }).success).toBe(false);
  });
});
