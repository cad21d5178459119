/**
 * Ingest's and profile init's advice on a file whose every time is in one format other than the profile's
 * (tester 336): Minneapolis' calls with ISO times and a fraction of a second, `2022-10-01 00:04:00.5`, under
 * minneapolis-cad's `%m/%d/%Y %H:%M`. Ingest told each of the seven fields to take its own format, where one
 * line does; profile init said to ingest with `--profile minneapolis-cad`, whose format reads none of them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import { draftProfile } from '../../src/sources/init-profile.js';
import { UserError } from '../../src/util/user-error.js';
import { parseCsv, writeRows } from '../helpers/csv.js';
import { MINNEAPOLIS_TIME_COLUMNS } from '../helpers/minneapolis-times.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const ROWS = 300;
const dir = tempDir('safegap-format-advice-');

/** The first ROWS calls of Minneapolis' quarter, each time rewritten by `rewrite` where it has one. */
function minneapolis(name: string, rewrite: (column: string, v: string) => string): string {
  const text = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8');
  let end = 0;
  for (let n = 0; n <= ROWS; n++) end = text.indexOf('\n', end) + 1;
  const [header, ...cells] = parseCsv(text.slice(0, end)).filter((r) => r.length > 1);
  const rows = cells.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
  for (const r of rows) for (const c of MINNEAPOLIS_TIME_COLUMNS) if (r[c]?.trim()) r[c] = rewrite(c, r[c]);
  return writeRows(join(dir, `${name}.csv`), header!, {}, rows);
}

const pad = (n: number) => String(n).padStart(2, '0');
/** `10/1/2022 0:04` as `2022-10-01 00:04:00.5`, as tester 336's file writes it. */
const isoFraction = (v: string) => {
  const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d+)$/.exec(v.trim());
  if (!m) throw new Error(`not M/D/YYYY H:MM: ${v}`);
  return `${m[3]}-${pad(Number(m[1]))}-${pad(Number(m[2]))} ${pad(Number(m[4]))}:${m[5]}:00.5`;
};

async function hintOf(file: string, store: string): Promise<string> {
  const err = await ingest({
    files: [file],
    profile: loadProfile('minneapolis-cad'),
    store: join(dir, store),
  }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(UserError);
  return (err as UserError).hint ?? '';
}

describe('advice on a file whose times are all in one other format (tester 336)', () => {
  it("ingest gives the one line of the profile's format, not a format for each of the seven fields", async () => {
    const hint = await hintOf(
      minneapolis('iso-fraction', (_, v) => isoFraction(v)),
      'iso-store',
    );
    expect(hint).toContain(
      "all fit `%Y-%m-%d %H:%M:%S` (`%S` reads their fractions of a second too), and none of them was read under `%m/%d/%Y %H:%M`: set the profile's `timestamps.format` to `%Y-%m-%d %H:%M:%S`, one line for every field (`format: '%Y-%m-%d %H:%M:%S'` under `timestamps:`), and ingest again.",
    );
    expect(hint).toContain('The refused times of 7 fields (`received` in column Time_PhonePickUp, ');
    expect(hint).not.toContain('give that field its own format');
  });

  it('ingest still advises field by field where the fields differ', async () => {
    // Closing times kept as the profile writes them: only the other six change, each with its own line.
    const hint = await hintOf(
      minneapolis('iso-but-closed', (c, v) => (c === 'Time_CallClosed' ? v : isoFraction(v))),
      'iso-but-closed-store',
    );
    expect(hint).toContain(
      "give that field its own format, `received: { column: Time_PhonePickUp, format: '%Y-%m-%d %H:%M:%S' }`",
    );
    expect(hint).not.toContain('`timestamps.format`');
  });

  it('profile init names the built-in only with the format its times need, since its own reads none', async () => {
    const d = await draftProfile(minneapolis('iso-init', (_, v) => isoFraction(v)));
    const notes = d.notes.filter((n) => n.includes('the built-in profile minneapolis-cad'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(
      'every column the built-in profile minneapolis-cad reads is in iso-init.csv, but its timestamps.format, "%m/%d/%Y %H:%M", parses 0 of 300 sampled values of Time_PhonePickUp: it must be changed to "%Y-%m-%d %H:%M:%S.%f", which parses 300.',
    );
    expect(notes[0]).not.toContain('ingest it with `--profile minneapolis-cad` instead');
  });
});
