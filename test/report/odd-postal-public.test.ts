/**
 * The public edition's note on values of the postal-code column that are not postal codes quoted the values
 * of rows the table hides as x, a caller's telephone number among them (tester 238): it names only the rows
 * it shows, and says how many of the hidden ones hold such a value, not which.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { buildReport } from '../../src/report/report.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { parseCsv, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';
import { reportCsv } from '../helpers/store.js';

/** Typed where a postal code goes, each on one call: phone numbers and words, as tester 238 found. */
const ONE_CALL = ['55411 +16125040113', '55412 612504-0139', '55406 TELEFONO X'];
/** A code cut short on enough calls (15) for its row to be shown, and so quoted. */
const SHOWN = '5540';

const textOf = (file: string) =>
  readFileSync(file, 'utf8')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .replaceAll('&quot;', '"');

describe('the note on odd postal codes in the public edition (tester 238)', () => {
  const dir = tempDir('safegap-odd-postal-');
  let pub: string;
  let internal: string;
  beforeAll(async () => {
    // The first 3,000 calls of Minneapolis' quarter, a few postal codes changed.
    const text = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8');
    let end = 0;
    for (let n = 0; n <= 3000; n++) end = text.indexOf('\n', end) + 1;
    const [header, ...rows] = parseCsv(text.slice(0, end)).filter((r) => r.length > 1);
    const objects = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
    ONE_CALL.forEach((v, i) => (objects[100 + 50 * i]!.Postal_Code = v));
    for (let i = 0; i < 15; i++) objects[1000 + 20 * i]!.Postal_Code = SHOWN;
    const file = writeRows(join(dir, 'calls.csv'), header!, {}, objects);
    // Postal codes alone: beside precincts and sectors a short period's postal codes nest in them but for a
    // call or two, and the public edition leaves their table out.
    const profile = loadProfile('minneapolis-cad');
    const fields = { ...profile.fields };
    delete fields.precinct;
    delete fields.sector;
    await ingest({ files: [file], profile: { ...profile, fields }, store: join(dir, 'store') });
    internal = (await buildReport({ store: join(dir, 'store'), out: join(dir, 'internal') })).html;
    pub = (await buildReport({ store: join(dir, 'store'), out: join(dir, 'public'), public: true })).html;
  }, 600_000);

  it('quotes no value whose row is hidden, and counts them', () => {
    // Ingest masks the telephone numbers ("55411 X"); what is left is still what was typed, one call each.
    const odd = reportCsv(join(dir, 'internal'), 'calls_by_postal_code')
      .map((r) => r.area!)
      .filter((a) => a !== 'No postal code recorded' && !/^\d{5}(-?\d{4})?$/.test(a));
    expect(odd).toContain(SHOWN);
    expect(odd).toContain('55406 TELEFONO X');
    // The premise: the internal edition quotes every one of them.
    const inside = textOf(internal);
    expect(odd.filter((v) => !inside.includes(`"${v}"`))).toEqual([]);
    // The public edition shows the rows of some (the one shown whole) and hides the others' (x).
    const shown = new Set(reportCsv(join(dir, 'public'), 'calls_by_postal_code').map((r) => r.area));
    const hidden = odd.filter((v) => !shown.has(v));
    expect(shown.has(SHOWN)).toBe(true);
    expect(hidden.length).toBeGreaterThanOrEqual(ONE_CALL.length);
    const text = textOf(pub);
    // No hidden one is quoted, nor found anywhere on the page.
    expect(hidden.filter((v) => text.includes(`"${v}"`))).toEqual([]);
    expect(text.includes('TELEFONO')).toBe(false);
    expect(
      text.includes(
        `"${SHOWN}" is not a postal code of five digits (or ZIP+4): shown as the export has it, it is likely a placeholder or a code cut short.`,
      ),
    ).toBe(true);
    // Counted, not named.
    expect(
      text.includes(
        `So are ${hidden.length} of the areas shown as x, whose values the public edition does not quote.`,
      ),
    ).toBe(true);
  });
});
