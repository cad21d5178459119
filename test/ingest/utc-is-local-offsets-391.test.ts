/**
 * Tester 391: Burlington's export writes `2021-12-31T20:08:55-05:00`, whose UTC reading (01:08:55 on
 * 1 January) is the city's clock, read so under `clock: utc_is_local`. A month re-saved in Excel lost the
 * offsets (`12/31/2021 20:08`); ingest and profile init advised `%m/%d/%Y %H:%M`, and with it (the clock
 * left as it was) every call loaded 4-5 hours early, with no warning.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/ingest.js';
import { draftProfile } from '../../src/sources/init-profile.js';
import { loadProfile, parseProfile } from '../../src/sources/load-profile.js';
import { UserError } from '../../src/util/user-error.js';
import { tempDir } from '../helpers/shared-data.js';

const dir = tempDir('safegap-391-');
const builtin = readFileSync(resolve(import.meta.dirname, '../../profiles/burlington-vt.yaml'), 'utf8');
/** burlington-vt with its format changed as ingest advised, the clock left utc_is_local. */
const advised = builtin.replace('  format: iso8601\n', "  format: '%m/%d/%Y %H:%M'\n");

/**
 * The columns burlington-vt reads, 40 calls on 1 March 2022 from 00:05 local (EST, -05:00), each written
 * as Excel re-saves the export's value: its time as written, without the offset or seconds. The export
 * wrote 00:05 local as `2022-02-28T19:05:00-05:00`, so Excel's value is `02/28/2022 19:05`, 5 hours early.
 */
function excelCopy(): string {
  const header =
    'incident_number,call_type,call_time,Street,call_origin,Area,AreaName,Latitude,Longitude,Hour,DISTRICT,priority';
  const rows = Array.from({ length: 40 }, (_, i) => {
    const local = 5 + i * 30; // minutes after midnight, local
    const written = local - 5 * 60; // the value as written: the UTC reading converted to -05:00
    const day = written < 0 ? '02/28/2022' : '03/01/2022';
    const m = (written + 24 * 60) % (24 * 60);
    const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const hour = Math.floor(local / 60);
    const hourWord = `${hour % 12 || 12} ${hour < 12 ? 'am' : 'pm'}`;
    return `22BU${String(3000 + i).padStart(6, '0')},Welfare Check,${day} ${hhmm},Main St,911,E,SouthEnd,44.4754,-73.1971,${hourWord},East,Priority 2`;
  });
  // By hand: the first call, 00:05 local on 1 March, is 19:05 on 28 February as written.
  expect(rows[0]).toContain(',02/28/2022 19:05,');
  expect(rows[0]).toContain(',12 am,');
  const file = join(dir, 'excel.csv');
  writeFileSync(file, `\uFEFF${[header, ...rows].join('\r\n')}\r\n`);
  return file;
}

describe('clock: utc_is_local with times that have no offset (tester 391)', () => {
  it('refuses a profile none of whose times is read with an offset, saying why and what works', () => {
    let err: unknown;
    try {
      parseProfile(advised, 'burlington-copy.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const { message, hint } = err as UserError;
    expect(message).toContain('Profile burlington-copy.yaml: timestamps.clock is utc_is_local');
    expect(message).toContain("reads each time's UTC reading as the city's clock");
    expect(message).toContain('needs each time');
    expect(message).toContain('`%m/%d/%Y %H:%M` of times.received reads no offset');
    expect(message).toContain('spreadsheet that re-saves such an export drops the offsets');
    expect(hint).toContain('ingest the export as it came, not re-saved');
    expect(hint).toContain('keeping the time column as text');
    expect(hint).toContain(
      "Set `clock: local` instead only if the times as written are the city's wall clock",
    );
    expect(hint).toContain("the file's own hour column");
    // What reads an offset still loads: %z, a literal Z (the UTC reading as written), and a stage without
    // one beside a received time with one, the export's own clock (tester 284).
    const ok = (format: string) => builtin.replace('  format: iso8601\n', `  format: '${format}'\n`);
    expect(parseProfile(ok('%Y-%m-%dT%H:%M:%S%z'), 'z.yaml').timestamps.clock).toBe('utc_is_local');
    expect(parseProfile(ok('%Y-%m-%dT%H:%M:%SZ'), 'zulu.yaml').timestamps.clock).toBe('utc_is_local');
    const stage = advised.replace(
      '  received: call_time\n',
      '  received: { column: call_time, format: iso8601 }\n  arrived: Arrived\n',
    );
    expect(parseProfile(stage, 'stage.yaml').times.arrived).toBe('Arrived');
    // Under clock: local the same format is the analyst's to choose.
    expect(
      parseProfile(advised.replace('clock: utc_is_local', 'clock: local'), 'local.yaml').timestamps.clock,
    ).toBe('local');
  });

  it("ingest's refusal of the re-saved file gives that advice, not a format without an offset", async () => {
    const file = excelCopy();
    const err = await ingest({
      files: [file],
      profile: loadProfile('burlington-vt'),
      store: join(dir, 'store'),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const hint = (err as UserError).hint ?? '';
    expect(hint).toContain('Only `received` times (column call_time) were refused.');
    expect(hint).toContain('The refused times have no UTC offset (they fit `%m/%d/%Y %H:%M`)');
    expect(hint).toContain('`clock: utc_is_local`');
    expect(hint).toContain('ingest the export as it came, not re-saved');
    expect(hint).toContain('keeping the time column as text');
    expect(hint).not.toContain("set the profile's format to");
    expect(hint).not.toContain("Set the profile's format to");
  }, 60_000);

  it("profile init's note on burlington-vt gives that advice, not a format without an offset", async () => {
    const file = excelCopy();
    const draft = await draftProfile(file, { outDir: dir, timeZone: 'America/New_York' });
    const note = draft.notes.find((n) => n.includes('built-in profile burlington-vt')) ?? '';
    expect(note).toContain('parses 0 of 40 sampled values of call_time, which have no UTC offset');
    expect(note).toContain('`clock: utc_is_local`');
    expect(note).toContain('ingest the export as it came, not re-saved');
    expect(note).toContain('keeping the time column as text');
    expect(note).not.toContain('it must be changed to');
  }, 60_000);
});
