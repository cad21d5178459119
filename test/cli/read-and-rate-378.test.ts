/**
 * Two of tester 378's faults. A file that could not be read was "no such file, or no permission": which of
 * the two, and what to do, was left to the user. And "Took 6.7 s (0 rows/s)" of a 2-row file: a rate of a
 * few rows measures start-up, not reading, so it is given from 1,000 rows, where it rounds to 1 row/s or
 * more.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { printIngestSummary } from '../../src/cli/ingest.js';
import { printSynthSummary } from '../../src/cli/synth.js';
import { ingest, type IngestSummary } from '../../src/ingest/ingest.js';
import { inspectFile } from '../../src/sources/inspect-file.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { synthesize, type SynthSummary } from '../../src/synth/synth.js';
import { tempDir } from '../helpers/shared-data.js';

const HEADER =
  'incident_number,call_type,call_type_group,call_time,Street,call_origin,mental_health,drug_related,dv_related,alcohol_related,Area,AreaName,Latitude,Longitude,Hour,DayOfWeek,WARD,DISTRICT,priority,Month,year';
const row = (n: number) =>
  `22BU00000${n},Welfare Check,Public Service,2022-03-0${n}T20:08:55-05:00,Main St,911,0,0,0,0,E,SouthEnd,44.4754,-73.1971,8 pm,Tuesday,8,East,Priority 2,March,2022`;

/** What `print` writes to the terminal, one string. */
function printed(print: () => void): string {
  const lines: string[] = [];
  const spy = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  try {
    print();
  } finally {
    spy.mockRestore();
  }
  return lines.join('\n');
}

/** The last line of a summary, "Took ...". */
const took = (text: string) => text.split('\n').at(-1);

describe('a file that cannot be read says why (tester 378)', () => {
  const dir = tempDir('safegap-read-378-');
  const profile = loadProfile('burlington-vt');

  it('says a missing file does not exist, with a hint to check the path', async () => {
    const missing = join(dir, 'm13.csv');
    const e = await inspectFile(missing, profile, []).catch((x: unknown) => x as Error & { hint?: string });
    expect((e as Error).message).toBe(`Cannot read ${missing}: it does not exist.`);
    expect((e as Error).message).not.toContain('no permission');
    expect(String((e as { hint?: string }).hint)).toMatch(/^check the path/);
  });

  it('says a path through a file is no folder, not that it is missing or forbidden', async () => {
    const file = join(dir, 'a-file.csv');
    writeFileSync(file, `${HEADER}\n${row(1)}\n`);
    const e = (await inspectFile(join(file, 'x.csv'), profile, []).catch((x: unknown) => x)) as Error;
    expect(e.message).toBe(
      `Cannot read ${join(file, 'x.csv')}: a part of that path is a file, not a folder.`,
    );
  });
});

describe('the rate a summary gives (tester 378)', () => {
  const dir = tempDir('safegap-rate-378-');
  let s: IngestSummary;
  let synth: SynthSummary;
  beforeAll(async () => {
    const file = join(dir, 'two.csv');
    writeFileSync(file, `${HEADER}\n${row(1)}\n${row(2)}\n`);
    s = await ingest({ files: [file], profile: 'burlington-vt', store: join(dir, 'store') });
    synth = await synthesize({ calls: 50, years: 1, seed: 7, out: join(dir, 'city.csv') });
  }, 120_000);

  it('gives no rate of an ingest of 2 rows', () => {
    expect(s.totals.rows_read).toBe(2);
    expect(took(printed(() => printIngestSummary({ ...s, seconds: 6.7 })))).toBe('Took 6.7 s.');
    // 999 rows are too few, however fast.
    const few = { ...s, seconds: 0.5, totals: { ...s.totals, rows_read: 999 } };
    expect(took(printed(() => printIngestSummary(few)))).toBe('Took 0.5 s.');
  });

  it('gives the rate from 1,000 rows, worked out by hand', () => {
    // 3,000 rows in 2 s: 1,500 rows/s.
    const many = { ...s, seconds: 2, totals: { ...s.totals, rows_read: 3000 } };
    expect(took(printed(() => printIngestSummary(many)))).toBe('Took 2.0 s (1,500 rows/s).');
    // 1,000 rows in 2,500 s: 0.4 rows/s, which rounds to 0, is not given.
    const slow = { ...s, seconds: 2500, totals: { ...s.totals, rows_read: 1000 } };
    expect(took(printed(() => printIngestSummary(slow)))).toBe('Took 2500.0 s.');
  });

  it("gives synth's rate by the same rule", () => {
    expect(
      took(printed(() => printSynthSummary({ ...synth, rows: 2, rows_per_second: 0.3, seconds: 6.7 }))),
    ).toBe('Took 6.7 s.');
    // 40,000 rows in 4 s: 10,000 rows/s.
    expect(
      took(printed(() => printSynthSummary({ ...synth, rows: 40_000, rows_per_second: 10_000, seconds: 4 }))),
    ).toBe('Took 4.0 s (10,000 rows/s).');
  });
});
