/**
 * The white space a spreadsheet or CAD leaves at the ends of a value (tester 269): `\tTabbed Type` and
 * `\rCR start` were stored with a leading space (trim kept the tab or CR, collapse_spaces made it a space),
 * and `Theft (P)` written with a tab after or before it, or with a no-break space before `(P)`, was stored
 * as three call types. Expectations are worked by hand from docs/profiles.md's normalisers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { normalisedSql } from '../../src/sources/profile-sql.js';
import type { Normaliser } from '../../src/sources/profile-schema.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';
import { literal } from '../../src/util/sql.js';
import { csvObjects, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { storeRows } from '../helpers/store.js';

/** Visible white space: a run of any of these is one space between words. */
const VISIBLE = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00A0',
  '\u1680',
  '\u2000',
  '\u2005',
  '\u200A',
  '\u2028',
  '\u2029',
  '\u202F',
  '\u205F',
  '\u3000',
];
/**
 * Characters of no width (zero-width space, non-joiner, joiner, word joiner, byte-order mark, soft hyphen,
 * Mongolian vowel separator, and the invisible marks below): gone from the ends of a value, and from inside it under collapse_spaces, but
 * no space between its words.
 */
const ZERO_WIDTH = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u180E',
  // Tester 300: marks of writing direction, the combining grapheme joiner, an invisible operator, a
  // variation selector.
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202C',
  '\u202E',
  '\u2066',
  '\u2069',
  '\u061C',
  '\u034F',
  '\u2062',
  '\uFE0F',
];
const ALL = [...VISIBLE, ...ZERO_WIDTH];
const hex = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** The Minneapolis profile's call type normalisers (profiles/minneapolis-cad.yaml). */
const CALL_TYPE: Normaliser[] = ['trim', 'strip_agency_suffix', 'strip_discipline_suffix', 'collapse_spaces'];

describe('the normaliser SQL over white space', () => {
  let conn: Awaited<ReturnType<typeof openEngine>>;
  beforeAll(async () => {
    conn = await openEngine();
  });
  afterAll(() => conn.closeSync());

  /** Each value through `normalisers`, as ingest's SQL computes it over a column `v`. */
  const run = async (values: readonly string[], normalisers: Normaliser[]): Promise<(string | null)[]> => {
    const rows = await queryRows<{ n: string | null }>(
      conn,
      `SELECT ${normalisedSql('v', normalisers)} AS n FROM (VALUES ${values.map((v, i) => `(${i}, ${literal(v)})`).join(', ')}) t(i, v) ORDER BY i`,
    );
    return rows.map((r) => r.n);
  };

  it('trim takes every white space from both ends, and none between words', async () => {
    const values = ALL.flatMap((c) => [
      `${c}Theft`,
      `Theft${c}`,
      `${c}${c} ${c}Theft${c}\t ${c}`,
      `Check${c}Welfare`,
    ]);
    const expected = ALL.flatMap((c) => ['Theft', 'Theft', 'Theft', `Check${c}Welfare`]);
    const got = await run(values, ['trim']);
    expect(got.map((g, i) => `${hex(ALL[Math.floor(i / 4)]!)} ${JSON.stringify(g)}`)).toEqual(
      expected.map((e, i) => `${hex(ALL[Math.floor(i / 4)]!)} ${JSON.stringify(e)}`),
    );
  });

  it('trim keeps a value whose ends are other characters, and makes white space alone empty', async () => {
    const kept = ['Theft', 'Café', 'Ñandu Check', '日本', 'Cafe\u0301', '~PD', '(P)', 'a', '!'];
    expect(await run([...kept, '\t\u00A0\r\n', '\uFEFF', ''], ['trim'])).toEqual([...kept, '', '', '']);
    expect(await run(['\tTabbed Type', '\rCR start'], ['trim'])).toEqual(['Tabbed Type', 'CR start']);
  });

  it('trim after another normaliser reads that one’s result (an expression, not a column)', async () => {
    expect(await run(['\tTheft\u00A0', 'theft'], ['upper', 'trim'])).toEqual(['THEFT', 'THEFT']);
  });

  it('collapse_spaces makes a run of visible white space one space, and takes characters of no width out', async () => {
    const got = await run(
      [
        ...VISIBLE.map((c) => `Check${c}${c}the \t${c}Welfare`),
        ...ZERO_WIDTH.map((c) => `Check the${c} Wel${c}fare`),
        ...ZERO_WIDTH.map((c) => `Check${c}${c}Welfare`),
      ],
      ['collapse_spaces'],
    );
    expect(got).toEqual([
      ...VISIBLE.map(() => 'Check the Welfare'),
      ...ZERO_WIDTH.map(() => 'Check the Welfare'),
      ...ZERO_WIDTH.map(() => 'CheckWelfare'),
    ]);
    // A value of ASCII alone is as it was; one of other letters keeps them.
    expect(await run(['Check the Welfare', 'Café  Ñandu', '日本 語'], ['collapse_spaces'])).toEqual([
      'Check the Welfare',
      'Café Ñandu',
      '日本 語',
    ]);
  });

  it('strip_discipline_suffix takes the white space before and after the suffix', async () => {
    const got = await run(
      ALL.flatMap((c) => [`Theft${c}(P)`, `Theft (P)${c}`, `Theft${c}${c}(PE`]),
      ['strip_discipline_suffix'],
    );
    expect(got).toEqual(ALL.flatMap(() => ['Theft', 'Theft', 'Theft']));
    // In any case (tester 307); a word in brackets is no suffix.
    expect(
      await run(['theft (p)', 'Theft(pe', 'Theft (Um)', 'Theft (pro)'], ['strip_discipline_suffix']),
    ).toEqual(['theft', 'Theft', 'Theft', 'Theft (pro)']);
  });

  it("gives the Minneapolis call type one value however `Theft (P)`'s white space is written", async () => {
    const got = await run(
      [
        'Theft (P)',
        'Theft (P)\t',
        '\tTheft (P)',
        'Theft\u00A0(P)',
        '\u3000Theft\u202F(P)~PD\r\n',
        '\uFEFFTheft (P)',
      ],
      CALL_TYPE,
    );
    expect(new Set(got)).toEqual(new Set(['Theft']));
    expect(await run(['\tCheck\u00A0the\t Welfare (P)'], CALL_TYPE)).toEqual(['Check the Welfare']);
    // Tester 277's spellings of one type, each with a character of no width somewhere in it.
    const spellings = ZERO_WIDTH.flatMap((c) => [
      `Check the${c} Welfare (P)`,
      `Check the Wel${c}fare(P)`,
      `${c}Check the Welfare (P)${c}`,
    ]);
    expect(new Set(await run(spellings, CALL_TYPE))).toEqual(new Set(['Check the Welfare']));
  });
});

describe('ingest of a Minneapolis file with white space around its values', () => {
  const FILE = sharedFile('minneapolis/calls_2022_d.csv');
  // Values written as a spreadsheet or CAD leaves them, each over a row of the real file: the call types
  // (initial and final alike), and a field trimmed by default (Battalion, stored as the sector).
  const SHAPES: { Problem: string; stored: string; Battalion?: string }[] = [
    { Problem: 'Theft (P)', stored: 'Theft' },
    { Problem: 'Theft (P)\t', stored: 'Theft' },
    { Problem: '\tTheft (P)', stored: 'Theft' },
    { Problem: 'Theft\u00A0(P)', stored: 'Theft' },
    { Problem: '\tTabbed Type', stored: 'Tabbed Type' },
    { Problem: '\rCR start', stored: 'CR start' },
    { Problem: '\uFEFFAssault (P)\u200B', stored: 'Assault' },
    { Problem: 'Disturbance\u2060 Noise\u00AD (P)\u200D', stored: 'Disturbance Noise' },
    {
      Problem: 'Check\u00A0the\tWelfare (P)\r\n',
      stored: 'Check the Welfare',
      Battalion: '\tP1 Sec 3\u00A0\r',
    },
  ];
  let rows: { id: string; initial: string | null; final: string | null; sector: string | null }[];
  let ids: string[];

  beforeAll(async () => {
    const dir = tempDir();
    // The first rows of the real file (none of which runs over several lines), read in place.
    const lines = readFileSync(FILE, 'utf8')
      .split('\n')
      .slice(0, 1 + SHAPES.length + 4);
    const real = csvObjects(`${lines.join('\n')}\n`);
    const header = Object.keys(real[0]!);
    const changed = real.map((r, i) => {
      const s = SHAPES[i];
      if (!s) return r;
      return {
        ...r,
        Problem: s.Problem,
        initialProblem: s.Problem,
        ...(s.Battalion ? { Battalion: s.Battalion } : {}),
      };
    });
    ids = changed.slice(0, SHAPES.length).map((r) => r.Master_Incident_Number!);
    const file = writeRows(join(dir, 'white-space.csv'), header, {}, changed);
    const store = join(dir, 'store');
    const summary = await ingest({ files: [file], profile: 'minneapolis-cad', store });
    expect(summary.totals).toMatchObject({ rows_read: real.length, loaded: real.length, quarantined: 0 });
    rows = await storeRows(
      store,
      `SELECT source_call_id AS id, call_type_initial AS initial, call_type_final AS final, sector FROM calls`,
    );
  });

  it('stores each call type without the white space around it', () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(ids.map((id) => byId.get(id)?.final)).toEqual(SHAPES.map((s) => s.stored));
    expect(ids.map((id) => byId.get(id)?.initial)).toEqual(SHAPES.map((s) => s.stored));
  });

  it('stores `Theft (P)` written four ways as one call type', () => {
    const thefts = rows.filter((r) => r.final?.includes('Theft')).map((r) => r.final);
    expect(thefts).toEqual(['Theft', 'Theft', 'Theft', 'Theft']);
  });

  it('trims a field trimmed by default (no normalise) of tabs, line ends and no-break spaces too', () => {
    const last = rows.find((r) => r.id === ids[SHAPES.length - 1]);
    expect(last?.sector).toBe('P1 Sec 3');
  });
});
