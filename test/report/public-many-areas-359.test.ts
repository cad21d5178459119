/**
 * Tester 359: a public report of 2,999 Minneapolis calls whose beat was the export's cross street (874
 * beats) ran 14 minutes in the disclosure audit, two linear programs per hidden count for every cell it
 * withheld, and never finished. The audit now has a budget: a table it cannot settle within it has every
 * count withheld and is left out, as the page and the run's notes say.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport, type ReportResult } from '../../src/report/report.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

/** Count columns of the report's CSVs, by their header. */
const COUNTS = /^(calls|diverted|eligible|valid|missing|negative|implausible|handled)$/;

describe('a public report of an area column of hundreds of values (tester 359)', () => {
  const dir = tempDir('safegap-359-');
  let pub: ReportResult;
  let beats: number;
  beforeAll(async () => {
    const text = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8');
    const lines = text.split('\n').slice(0, 3001);
    writeFileSync(join(dir, 'calls.csv'), `${lines.join('\n')}\n`);
    // The built-in profile with the cross street read as a beat, as the tester's draft did.
    const profile = readFileSync('profiles/minneapolis-cad.yaml', 'utf8').replace(
      /^ {2}sector: Battalion$/m,
      '  sector: Battalion\n  beat: crossStreet',
    );
    expect(profile).toContain('beat: crossStreet');
    writeFileSync(join(dir, 'profile.yaml'), `${profile}\nnot_personal: [crossStreet]\n`);
    // Counted here from the file itself: the cross streets of its calls.
    const header = lines[0]!.split(',');
    const at = header.indexOf('crossStreet');
    beats = new Set(
      lines
        .slice(1)
        .map((l) => l.split(',')[at])
        .filter((v) => v && v.trim()),
    ).size;
    await ingest({
      files: [join(dir, 'calls.csv')],
      profile: join(dir, 'profile.yaml'),
      store: join(dir, 'store'),
    });
    pub = await buildReport({ store: join(dir, 'store'), out: join(dir, 'pub'), public: true });
  }, 240_000);

  it('is an area column of hundreds of values', () => {
    expect(beats).toBeGreaterThan(300);
  });

  it('ends, and publishes no count from 1 to 10 in any CSV', () => {
    const files = readdirSync(join(dir, 'pub', 'csv')).map((f) => f.replace(/\.csv$/, ''));
    expect(files.length).toBeGreaterThan(5);
    const small: string[] = [];
    for (const f of files)
      for (const r of reportCsv(join(dir, 'pub'), f))
        for (const [k, v] of Object.entries(r))
          if (COUNTS.test(k) && /^\d+$/.test(v ?? '') && Number(v) >= 1 && Number(v) <= 10)
            small.push(`${f}: ${k} ${v}`);
    expect(small).toEqual([]);
  });

  it('leaves the beat table out, saying so on the page and in the notes, where the audit gave up', () => {
    const rows = reportCsv(join(dir, 'pub'), 'calls_by_beat');
    const html = readFileSync(join(dir, 'pub', 'report.html'), 'utf8');
    const note = pub.warnings.find((w) => w.startsWith('Calls by beat are left out'));
    if (rows.every((r) => r.calls === 'x')) {
      expect(note).toMatch(/too many for the check/);
      expect(html).toContain('Calls by beat are left out of this edition');
    } else expect(note).toBeUndefined();
  });
});
