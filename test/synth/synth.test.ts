import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { printSynthSummary, synthJson } from '../../src/cli/synth.js';
import { ingest, type IngestSummary } from '../../src/ingest/ingest.js';
import { CSV_COLUMNS, synthesize, type SynthSummary } from '../../src/synth/synth.js';
import { UserError } from '../../src/util/user-error.js';
import { parseCsv } from '../helpers/csv.js';
import { tempDir } from '../helpers/shared-data.js';

const ROWS = 40_000;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('safegap synth', () => {
  const dir = tempDir();
  let s: SynthSummary;
  let header: string[];
  let rows: string[][];
  let col: (name: (typeof CSV_COLUMNS)[number]) => number;

  beforeAll(async () => {
    // One year from 2022-01-01 holds one spring-forward (2022-03-13) and one fall-back (2022-11-06).
    s = await synthesize({ calls: ROWS, years: 1, seed: 7, out: join(dir, 'city.csv') });
    const all = parseCsv(readFileSync(s.out, 'utf8')).filter((r) => r.length > 1);
    header = all[0]!;
    rows = all.slice(1);
    col = (name) => header.indexOf(name);
  });

  it('prints one time in a gap in the singular (tester 230: "1 times in a spring-forward gap")', () => {
    const printed = (gap: number) => {
      const spy = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        printSynthSummary({ ...s, dirt: { ...s.dirt, dst_gap_rows: gap } });
        return String(spy.mock.calls[0]?.[0]);
      } finally {
        spy.mockRestore();
      }
    };
    expect(printed(1)).toContain('dirt: 1 time in a spring-forward gap,');
    expect(printed(3)).toContain('dirt: 3 times in a spring-forward gap,');
  });

  it('writes its --json figures to 15 significant digits, as every output does (tester 275)', () => {
    // `"seconds": 0.27346697300000006`, `"diverted_share": 0.09321864372874575`.
    const j = JSON.parse(synthJson({ ...s, seconds: 0.27346697300000006, diverted_share: 466 / 4999 })) as {
      seconds: number;
      diverted_share: number;
      rows: number;
    };
    expect(j.seconds).toBe(0.273466973);
    expect(String(j.diverted_share)).toBe(String(Number((466 / 4999).toPrecision(15))));
    expect(String(j.diverted_share).replace(/^0\.0*/, '').length).toBeLessThanOrEqual(15);
    expect(j.rows).toBe(s.rows);
  });

  it('writes exactly the rows asked for, under the documented header', () => {
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(ROWS);
    expect(s.rows).toBe(ROWS);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
  });

  it('counts its duplicates and responders as a second reading of the file finds them', () => {
    let repeats = 0;
    for (let i = 1; i < rows.length; i++)
      if (rows[i]!.join('\u0001') === rows[i - 1]!.join('\u0001')) repeats++;
    expect(repeats).toBe(s.dirt.duplicate_rows);
    expect(repeats).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r[col('incident_id')])).size).toBe(s.calls);

    // By distinct call, as `calls` and the store count them (tester 240: by row, beside distinct calls).
    const byResponder: Record<string, number> = {};
    for (const r of new Map(rows.map((r) => [r[col('incident_id')], r])).values())
      byResponder[r[col('responder_type')]!] = (byResponder[r[col('responder_type')]!] ?? 0) + 1;
    expect(byResponder).toEqual(Object.fromEntries(Object.entries(s.responders).filter(([, n]) => n > 0)));
    expect(s.diverted_share).toBe((s.calls - byResponder.POLICE!) / s.calls);
    // Some alternative responses, but police take most calls, as in the cities safegap is for.
    const notPolice = ROWS - (byResponder.POLICE ?? 0);
    expect(notPolice / ROWS).toBeGreaterThan(0.04);
    expect(notPolice / ROWS).toBeLessThan(0.2);
  });

  it('carries the real-world dirt: DST hours, missing arrivals, changed types', () => {
    const received = rows.map((r) => r[col('call_received')]!);
    // 2022-03-13 02:00-02:59 does not exist in Chicago; the file has a few such times on purpose.
    const gap = received.filter((t) => t.startsWith('2022-03-13 02:')).length;
    expect(gap).toBe(s.dirt.dst_gap_rows);
    expect(gap).toBeGreaterThan(0);
    // 2022-11-06 01:00-01:59 happens twice: both passes are written.
    const fallBack = received.filter((t) => t.startsWith('2022-11-06 01:')).length;
    expect(fallBack).toBe(s.dirt.fall_back_hour_rows);
    expect(fallBack).toBeGreaterThan(0);

    const noArrival = rows.filter((r) => r[col('arrived')] === '').length;
    expect(noArrival).toBe(s.no_arrival_rows);
    const changed = rows.filter((r) => r[col('initial_type')] !== r[col('final_type')]).length;
    expect(changed).toBe(s.type_changed_rows);
    expect(changed / ROWS).toBeGreaterThan(0.02);
  });

  it('has busier evenings than early mornings and every hour of the week covered', () => {
    const byHour = new Array<number>(24).fill(0);
    for (const t of rows.map((r) => r[col('call_received')]!)) byHour[Number(t.slice(11, 13))]!++;
    expect(byHour.every((n) => n > 0)).toBe(true);
    expect(byHour[17]!).toBeGreaterThan(1.5 * byHour[5]!);
  });

  it('writes boundaries whose area names are the ones in the calls', () => {
    const names = (layer: 'precincts' | 'beats' | 'neighborhoods', key: string) => {
      const fc = JSON.parse(readFileSync(s.boundaries[layer], 'utf8'));
      expect(fc.type).toBe('FeatureCollection');
      for (const f of fc.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      return new Set<string>(
        fc.features.map((f: { properties: Record<string, string> }) => f.properties[key]),
      );
    };
    const inCalls = (c: (typeof CSV_COLUMNS)[number]) => new Set(rows.map((r) => r[col(c)]!).filter(Boolean));
    expect(inCalls('precinct')).toEqual(names('precincts', 'precinct'));
    expect(inCalls('beat')).toEqual(names('beats', 'beat'));
    expect(inCalls('neighborhood')).toEqual(names('neighborhoods', 'neighborhood'));
  });

  it('is deterministic: the same seed gives the same bytes, another seed another city; gzip holds the same', async () => {
    const again = await synthesize({ calls: ROWS, years: 1, seed: 7, out: join(dir, 'again.csv.gz') });
    expect(
      createHash('sha256')
        .update(gunzipSync(readFileSync(again.out)))
        .digest('hex'),
    ).toBe(sha(s.out));
    const other = await synthesize({ calls: ROWS, years: 1, seed: 8, out: join(dir, 'other.csv') });
    expect(sha(other.out)).not.toBe(sha(s.out));
  });

  it('ingests with the synthetic-city profile, every row accounted for', async () => {
    const r: IngestSummary = await ingest({
      files: [s.out],
      profile: 'synthetic-city',
      store: join(dir, 'store'),
    });
    expect(r.totals).toEqual({
      rows_read: ROWS,
      loaded: s.calls,
      quarantined: 0,
      duplicates: s.dirt.duplicate_rows,
    });
    expect(r.time.dst_gap_calls).toBe(s.dirt.dst_gap_rows);
    expect(r.time.dst_ambiguous_calls).toBeGreaterThanOrEqual(s.dirt.fall_back_hour_rows);
    expect(r.time.negative_interval_calls).toBeGreaterThanOrEqual(s.dirt.arrival_before_received_rows);
  });

  it('refuses impossible options with a message', async () => {
    await expect(synthesize({ calls: 0, years: 1, seed: 1, out: join(dir, 'x.csv') })).rejects.toThrow(
      UserError,
    );
    writeFileSync(join(dir, 'a-file'), '');
    await expect(
      synthesize({ calls: 10, years: 1, seed: 1, out: join(dir, 'a-file/x.csv') }),
    ).rejects.toThrow(/the folder of --out is a file/);
    await expect(
      synthesize({ calls: 10, years: 1, seed: 1, out: join(dir, 'a-file/b/x.csv') }),
    ).rejects.toThrow(/cannot make the folder .*a part of that path is a file/);
  });

  it('makes the missing folders of --out, as the other commands do', async () => {
    const s = await synthesize({ calls: 10, years: 1, seed: 1, out: join(dir, 'no/such/x.csv') });
    expect(s.rows).toBe(10);
    expect(readFileSync(join(dir, 'no/such/x.csv'), 'utf8').trim().split('\n')).toHaveLength(11);
  });
});
