/**
 * Ingest's advice on refused times, field by field (tester 284): Minneapolis' pickup times written as
 * ISO-8601 with `Z`, its arrival times with seconds and its closing times as a spreadsheet's date numbers,
 * beside the profile's `M/D/YYYY H:MM` in its other columns. One sample of them all was told "all fit
 * `iso8601`: set the profile's format", and under iso8601 "all fit `%m/%d/%Y %H:%M`": a loop.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { loadProfile } from '../../src/sources/load-profile.js';
import type { Profile } from '../../src/sources/profile-schema.js';
import { UserError } from '../../src/util/user-error.js';
import { parseCsv, writeRows } from '../helpers/csv.js';
import { sharedFile, tempDir } from '../helpers/shared-data.js';

const ROWS = 300;
const dir = tempDir('safegap-format-hint-');

/** The first ROWS calls of Minneapolis' quarter, read as the built-in profile's columns. */
function minneapolis(): { header: string[]; rows: Record<string, string>[] } {
  const text = readFileSync(sharedFile('minneapolis/calls_2022_d.csv'), 'utf8');
  let end = 0;
  for (let n = 0; n <= ROWS; n++) end = text.indexOf('\n', end) + 1;
  const [header, ...rows] = parseCsv(text.slice(0, end)).filter((r) => r.length > 1);
  return {
    header: header!,
    rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? '']))),
  };
}

/** `10/1/2022 0:04` as its parts. */
function parts(v: string): { y: number; mo: number; d: number; h: number; mi: number } {
  const m = /^(\d+)\/(\d+)\/(\d{4}) (\d+):(\d+)$/.exec(v.trim());
  if (!m) throw new Error(`not M/D/YYYY H:MM: ${v}`);
  return { mo: Number(m[1]), d: Number(m[2]), y: Number(m[3]), h: Number(m[4]), mi: Number(m[5]) };
}
const pad = (n: number) => String(n).padStart(2, '0');
const iso = (v: string) => {
  const p = parts(v);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:00Z`;
};
const withSeconds = (v: string) => {
  const p = parts(v);
  return `${pad(p.mo)}/${pad(p.d)}/${p.y} ${pad(p.h)}:${pad(p.mi)}:00`;
};
/** A spreadsheet's date number: days since 1899-12-30, the time of day as a fraction. */
const serial = (v: string) => {
  const p = parts(v);
  const days = (Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) - Date.UTC(1899, 11, 30)) / 86_400_000;
  return days.toFixed(10);
};

/** The hint of a refused ingest of the calls with `rewrite` applied to each row. */
async function hintOf(
  name: string,
  rewrite: (r: Record<string, string>, i: number) => void,
  profile: Profile = loadProfile('minneapolis-cad'),
): Promise<string> {
  const { header, rows } = minneapolis();
  rows.forEach((r, i) => {
    if (r.Time_PhonePickUp) rewrite(r, i);
  });
  const file = writeRows(join(dir, `${name}.csv`), header, {}, rows);
  const err = await ingest({ files: [file], profile, store: join(dir, `${name}-store`) }).catch(
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return (err as UserError).hint ?? '';
}

/** Tester 284's three columns, each in a way of its own. */
const threeWays = (r: Record<string, string>) => {
  r.Time_PhonePickUp = iso(r.Time_PhonePickUp!);
  if (r.Time_First_Unit_Arrived) r.Time_First_Unit_Arrived = withSeconds(r.Time_First_Unit_Arrived);
  if (r.Time_CallClosed) r.Time_CallClosed = serial(r.Time_CallClosed);
};

describe("ingest's advice on refused times, field by field (tester 284)", () => {
  it('judges each refused field on its own sample, and says how to give one its own format', async () => {
    const hint = await hintOf('three-ways', threeWays);
    expect(hint).toContain(
      'The refused `received` times (column Time_PhonePickUp) all fit `iso8601`, and none of them was read: give that field its own format, `received: { column: Time_PhonePickUp, format: iso8601 }`.',
    );
    expect(hint).toContain('set `clock: utc_is_local` as well');
    expect(hint).toContain(
      "The refused `arrived` times (column Time_First_Unit_Arrived) all fit `%m/%d/%Y %H:%M:%S`, and none of them was read: give that field its own format, `arrived: { column: Time_First_Unit_Arrived, format: '%m/%d/%Y %H:%M:%S' }`.",
    );
    expect(hint).toContain(
      "The refused `closed` times (column Time_CallClosed) fit no format: they look like a spreadsheet's date number",
    );
    // The pooled sample's "all" and the profile-wide format, which would refuse the columns that read.
    expect(hint).not.toContain('All of the refused times');
    expect(hint).not.toContain("Set the profile's format");
    expect(hint).not.toContain("set the profile's format");
  });

  it('under iso8601, names each other column with its own format instead of the old one for all (the loop)', async () => {
    const base = loadProfile('minneapolis-cad');
    const isoProfile: Profile = {
      ...base,
      timestamps: { ...base.timestamps, format: 'iso8601', clock: 'utc_is_local' },
    };
    const hint = await hintOf('three-ways-iso', threeWays, isoProfile);
    expect(hint).toContain(
      "The refused `queued` times (column Time_CallEnteredQueue) all fit `%m/%d/%Y %H:%M`, and none of them was read: give that field its own format, `queued: { column: Time_CallEnteredQueue, format: '%m/%d/%Y %H:%M' }`.",
    );
    expect(hint).toContain("`arrived: { column: Time_First_Unit_Arrived, format: '%m/%d/%Y %H:%M:%S' }`");
    // Read as written under utc_is_local: right for the export's own clock, hours early for offsets a
    // spreadsheet dropped (tester 391), which only the file can tell.
    expect(hint).toContain(
      "Under `clock: utc_is_local` that format reads them as the city's clock as written: right if the export wrote them so, hours early if a spreadsheet's re-save dropped their UTC offsets",
    );
    expect(hint).not.toContain('received');
    expect(hint).not.toContain("profile's format");
  });

  it("gives one refused field its own format when other columns read under the profile's", async () => {
    const hint = await hintOf('pickup-iso', (r) => (r.Time_PhonePickUp = iso(r.Time_PhonePickUp!)));
    expect(hint).toContain('`received: { column: Time_PhonePickUp, format: iso8601 }`');
    expect(hint).not.toContain("set the profile's format to `iso8601`");
  });

  it("keeps the profile-wide wording, naming the field, when no other field reads under the profile's format", async () => {
    const times = ['Time_CallEnteredQueue', 'Time_First_Unit_Assigned', 'Time_First_Unit_Enroute'];
    const others = [...times, 'Time_First_Unit_Arrived', 'timeFirstCallCleared', 'Time_CallClosed'];
    const hint = await hintOf('pickup-alone', (r) => {
      r.Time_PhonePickUp = iso(r.Time_PhonePickUp!);
      for (const c of others) r[c] = '';
    });
    expect(hint).toContain(
      "Only `received` times (column Time_PhonePickUp) were refused. All of the refused times fit `iso8601` instead, and no row of the file loaded: set the profile's format to `iso8601` and ingest again.",
    );
  });

  it('says which column mixes two formats, beside another refused field', async () => {
    const hint = await hintOf('arrived-mixed', (r, i) => {
      r.Time_PhonePickUp = iso(r.Time_PhonePickUp!);
      if (i % 2 && r.Time_First_Unit_Arrived)
        r.Time_First_Unit_Arrived = withSeconds(r.Time_First_Unit_Arrived);
    });
    expect(hint).toMatch(
      /The refused `arrived` times \(column Time_First_Unit_Arrived\) all fit `%m\/%d\/%Y %H:%M:%S`, but [0-9,]+ of that column's times read under `%m\/%d\/%Y %H:%M`: the column mixes two formats/,
    );
    expect(hint).toContain('`received: { column: Time_PhonePickUp, format: iso8601 }`');
  });

  it('says a field of Unix epoch seconds is one, beside another refused field', async () => {
    const hint = await hintOf('closed-epoch', (r) => {
      r.Time_PhonePickUp = iso(r.Time_PhonePickUp!);
      if (r.Time_CallClosed) {
        const p = parts(r.Time_CallClosed);
        r.Time_CallClosed = String(Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi) / 1000);
      }
    });
    expect(hint).toContain(
      'The refused `closed` times (column Time_CallClosed) look like Unix epoch seconds',
    );
    expect(hint).toContain('`received: { column: Time_PhonePickUp, format: iso8601 }`');
  });
  it('says when the times fit with day and month either way round (tester 293)', async () => {
    // Closing times written day first with seconds: in the first calls of October every day is 12 or less,
    // so `%m/%d/%Y %H:%M:%S` reads them as well, on the wrong dates, and loaded in silence when followed.
    const dayFirst = (v: string) => {
      const p = parts(v);
      return `${pad(p.d)}/${pad(p.mo)}/${p.y} ${pad(p.h)}:${pad(p.mi)}:00`;
    };
    const hint = await hintOf('closed-day-first', (r) => {
      r.Time_PhonePickUp = iso(r.Time_PhonePickUp!);
      if (r.Time_CallClosed) r.Time_CallClosed = dayFirst(r.Time_CallClosed);
    });
    expect(hint).toMatch(
      /The refused `closed` times \(column Time_CallClosed\) all fit `%m\/%d\/%Y %H:%M:%S`, .*\. They read as well as `%d\/%m\/%Y %H:%M:%S` \(day and month the other way round: no day is over 12\): check one call/,
    );
    // Only there: the pickup times fit one reading.
    expect(hint.match(/They read as well as/g)).toHaveLength(1);
  });
});
