/** Call types counted from a raw export: missing-value markers are no type. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { examples, fileRelation, typeChanges, typeCounts, untypedCalls } from '../../src/classify/volumes.js';
import { UserError } from '../../src/util/user-error.js';
import { openEngine } from '../../src/store/duckdb.js';

describe('call types of a raw export', () => {
  it('reads NA, NULL and N/A as no type, as a profile does by default', async () => {
    // Burlington's raw export gave a type `NA` (102 types where the store, through its profile, has 101).
    const file = join(mkdtempSync(join(tmpdir(), 'safegap-vol-')), 'calls.csv');
    writeFileSync(file, 'id,call_type\n1,Theft\n2,NA\n3,Theft\n4,N/A\n5,Noise\n6,NULL\n7,\n');
    const conn = await openEngine();
    const counts = await typeCounts(conn, { relation: fileRelation(file), initialColumn: 'call_type' });
    conn.closeSync();
    expect(counts.map((c) => [c.rawType, c.initial]).sort()).toEqual([
      ['Noise', 1],
      ['Theft', 2],
    ]);
  });

  it("masks a raw export's call types as ingest masks the store's (tester 301)", async () => {
    // By hand, as docs/schema.md's rules write them: the number and the date of birth go, the house number
    // is at block level and the flat dropped; a 10-code and a type without such data stay.
    const file = join(mkdtempSync(join(tmpdir(), 'safegap-vol-')), 'calls.csv');
    writeFileSync(
      file,
      [
        'id,initial,final,disposition',
        '1,Welfare Check per JOHN 612-555-0179 (P),Theft,ADV',
        '2,Suspicious DOB 03/14/1987 (P),Theft,AOK at 4567 ELM AVE APT 5 CB 612-555-0134',
        '3,Check the Welfare 4567 ELM AVE APT 5 (P),10-50 PD Lake St,ADV',
        '',
      ].join('\n'),
    );
    const conn = await openEngine();
    const src = { relation: fileRelation(file), initialColumn: 'initial', finalColumn: 'final', file };
    const counts = await typeCounts(conn, src);
    const shown = await examples(conn, src, 'Suspicious DOB X (P)');
    conn.closeSync();
    expect(counts.map((c) => c.rawType).sort()).toEqual([
      '10-50 PD Lake St',
      'Check the Welfare 45XX ELM AVE (P)',
      'Suspicious DOB X (P)',
      'Theft',
      'Welfare Check per X (P)',
    ]);
    // The masked type still finds its records, and shows them with the type masked.
    expect(shown.map((r) => [r.id, r.initial])).toEqual([['2', 'Suspicious DOB X (P)']]);
    // And its other text columns masked too (tester 305).
    expect(shown[0]!.disposition).toBe('AOK at 45XX ELM AVE CB X');
  });

  it('names a malformed line DuckDB meets past its sniffing, and never quotes it', async () => {
    // A row of 5 fields after 3,000 good ones ended classify in an internal error whose DuckDB message
    // quoted the whole line, the caller's phone number with it (tester 222).
    const file = join(mkdtempSync(join(tmpdir(), 'safegap-vol-')), 'calls.csv');
    const good = Array.from({ length: 3000 }, (_, i) => `${i + 1},Theft,Theft,none`);
    writeFileSync(
      file,
      `id,initial,final,remark
${good.join('\n')}
3001,Theft,Theft,SMITH,612-555-0199
`,
    );
    const conn = await openEngine();
    const src = { relation: fileRelation(file), initialColumn: 'initial', finalColumn: 'final', file };
    for (const read of [
      () => typeCounts(conn, src),
      () => untypedCalls(conn, src),
      () => typeChanges(conn, src),
      () => examples(conn, src, 'Noise'),
    ]) {
      const err = await read().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      // Line 3,002 of the file: the header is line 1.
      expect(String(err)).toMatch(/calls\.csv line 3,002 has 5 fields where the header has 4/);
      expect(String(err)).not.toContain('555');
      expect(String(err)).not.toContain('SMITH');
    }
    conn.closeSync();
  });

  it('never reads a column named as personal, as a profile never does', async () => {
    // `--initial-column Narrative` put callers' names, phones and house numbers in the mapping sheet, a file
    // made to be passed round (tester 107).
    const file = join(mkdtempSync(join(tmpdir(), 'safegap-vol-')), 'calls.csv');
    writeFileSync(
      file,
      'id,call_type,Narrative,ANI/ALI,Reported By,Address,Resp Party,CB#,Apt/Unit,Direccion\n1,Theft,CALLER JOHN SMITH AT 1234 W LAKE ST,612-555-0199,MARY JONES,1234 W LAKE ST,"SMITH, JOHN",612-555-0100,APT 1,1234 W LAKE ST\n',
    );
    const conn = await openEngine();
    for (const [initialColumn, finalColumn] of [
      ['Narrative', undefined],
      ['call_type', 'ANI/ALI'],
    ] as const)
      await expect(
        typeCounts(conn, { relation: fileRelation(file), initialColumn, finalColumn }),
      ).rejects.toThrow(
        /is named as one that holds a person, a phone number or free text: safegap never reads such a column/,
      );
    // Nor an address as a call type (tester 184: whole addresses in the sheet).
    for (const initialColumn of ['Address', 'Direccion'])
      await expect(typeCounts(conn, { relation: fileRelation(file), initialColumn })).rejects.toThrow(
        /is named as one that holds an address: safegap never reads such a column/,
      );
    const src = { relation: fileRelation(file), initialColumn: 'call_type' };
    expect(await typeCounts(conn, src)).toHaveLength(1);
    // The review's example records show the other columns, and never these.
    expect(await examples(conn, src, 'Theft')).toEqual([{ id: '1', call_type: 'Theft' }]);
    conn.closeSync();
  });

  it('refuses a column of times as call types, and counts codes written as whole numbers (tester 254)', async () => {
    // A store's `arrived_at` named as the final type ended in DuckDB's conversion error and a stack trace.
    const file = join(mkdtempSync(join(tmpdir(), 'safegap-vol-')), 'calls.parquet');
    const conn = await openEngine();
    await conn.run(
      `COPY (SELECT * FROM (VALUES (1, 'Theft', 12, TIMESTAMP '2022-10-01 12:00'), (2, 'Noise', 12, NULL), (3, 'Theft', 7, NULL)) t(id, call_type, code, arrived))
       TO '${file}' (FORMAT parquet)`,
    );
    const src = (initialColumn: string, finalColumn?: string) => ({
      relation: fileRelation(file),
      initialColumn,
      finalColumn,
      file,
    });
    for (const s of [src('call_type', 'arrived'), src('arrived')]) {
      const err = await typeCounts(conn, s).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(String(err)).toContain('The column `arrived` holds TIMESTAMP values, not call types.');
      expect(String(err)).toContain('(the columns of ' + file + ': id, call_type, code, arrived)');
    }
    expect((await typeCounts(conn, src('code'))).map((c) => [c.rawType, c.initial]).sort()).toEqual([
      ['12', 2],
      ['7', 1],
    ]);
    conn.closeSync();
  });

  it('names the line of a malformed CSV rather than a column it has (tester 146)', async () => {
    // DuckDB guessed the layout from the bad line: a 2-row file's bad row became the header, a longer
    // file was read as one column, and either way the call type column was said to be missing.
    const dir = mkdtempSync(join(tmpdir(), 'safegap-vol-'));
    const short = join(dir, 'short.csv');
    writeFileSync(short, 'call_type_initial_raw,call_type_final_raw\nA,--B, C\n');
    const rows = Array.from({ length: 35 }, (_, i) => (i === 1 ? `X${i},Y, ${i}` : `"X,${i}",Y${i}`));
    const long = join(dir, 'long.csv');
    writeFileSync(long, `call_type_initial_raw,call_type_final_raw\r\n${rows.join('\r\n')}\r\n`);
    const conn = await openEngine();
    const src = (file: string) => ({
      relation: fileRelation(file),
      initialColumn: 'call_type_initial_raw',
      finalColumn: 'call_type_final_raw',
      file,
    });
    await expect(typeCounts(conn, src(short))).rejects.toThrow(
      `${short} line 2 has 3 fields where the header has 2`,
    );
    // Line 3 is the second data row; the quoted commas of the others are no extra field.
    await expect(typeCounts(conn, src(long))).rejects.toThrow(
      `${long} line 3 has 3 fields where the header has 2`,
    );
    // A column truly missing is still said to be missing.
    const one = join(dir, 'one.csv');
    writeFileSync(one, 'call_type_initial_raw\nA\n');
    await expect(typeCounts(conn, src(one))).rejects.toThrow(
      'The calls have no column `call_type_final_raw`',
    );
    // A store is a folder, never read as a CSV (tester 149: EISDIR, an internal error), and its columns
    // are the defaults.
    const store = join(dir, 'store');
    mkdirSync(store);
    await expect(typeCounts(conn, { ...src(one), file: store })).rejects.toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/^The calls have no column `call_type_final_raw`/),
        hint: expect.stringMatching(
          /^A store's call types are in `call_type_initial_raw` and `call_type_final_raw`, read by default/,
        ),
      }),
    );
    conn.closeSync();
  });
});
