import { describe, expect, it } from 'vitest';
import {
  localSegments,
  localToUtc,
  segmentCaseSql,
  isValidTimeZone,
} from '../../src/time/zone-transitions.js';
import { openEngine, queryRows } from '../../src/store/duckdb.js';

const local = (s: string) => Date.parse(`${s}Z`); // local wall-clock as "ms since local epoch"
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

describe('local wall-clock to UTC', () => {
  const chicago = localSegments(
    'America/Chicago',
    local('2022-01-01T00:00:00'),
    local('2022-12-31T00:00:00'),
  );

  it('knows the 2022 US transitions of America/Chicago', () => {
    // 2022-03-13 02:00 CST -> 03:00 CDT (gap), 2022-11-06 02:00 CDT -> 01:00 CST (repeated hour).
    const kinds = chicago.filter((s) => s.kind !== 'normal').map((s) => [iso(s.startLocal!), s.kind]);
    expect(kinds).toEqual([
      ['2022-03-13T02:00:00', 'gap'],
      ['2022-11-06T01:00:00', 'ambiguous'],
    ]);
  });

  it('applies the documented policy: fall-back hour -> earlier instant, gap -> shifted forward', () => {
    expect(localToUtc(chicago, local('2022-07-01T12:00:00'))).toEqual({
      utc: Date.parse('2022-07-01T17:00:00Z'),
      kind: 'normal',
    });
    expect(localToUtc(chicago, local('2022-12-01T12:00:00'))).toEqual({
      utc: Date.parse('2022-12-01T18:00:00Z'),
      kind: 'normal',
    });
    // 01:30 happens at 06:30Z (CDT) and again at 07:30Z (CST): the earlier one.
    expect(localToUtc(chicago, local('2022-11-06T01:30:00'))).toEqual({
      utc: Date.parse('2022-11-06T06:30:00Z'),
      kind: 'ambiguous',
    });
    expect(localToUtc(chicago, local('2022-11-06T02:00:00')).utc).toBe(Date.parse('2022-11-06T08:00:00Z'));
    // 02:30 never happens; read with the offset before the change it is 08:30Z, i.e. 03:30 CDT.
    expect(localToUtc(chicago, local('2022-03-13T02:30:00'))).toEqual({
      utc: Date.parse('2022-03-13T08:30:00Z'),
      kind: 'gap',
    });
    expect(localToUtc(chicago, local('2022-03-13T03:00:00')).utc).toBe(Date.parse('2022-03-13T08:00:00Z'));
  });

  it('puts transitions on the whole minute even when the span starts at an odd second', () => {
    // A file whose first call is at 00:03:02 once moved both transitions 2 s late, so 03:00:01 on
    // 2022-03-13 was read as inside the gap (and 01:00:01 on 2022-11-06 as normal).
    const odd = localSegments('America/Chicago', local('2022-01-01T00:03:02'), local('2022-12-31T23:59:59'));
    expect(odd.filter((s) => s.startLocal !== null).map((s) => iso(s.startLocal!))).toEqual([
      '2022-03-13T02:00:00',
      '2022-03-13T03:00:00',
      '2022-11-06T01:00:00',
      '2022-11-06T02:00:00',
    ]);
    expect(localToUtc(odd, local('2022-03-13T03:00:01')).kind).toBe('normal');
    expect(localToUtc(odd, local('2022-11-06T01:00:01')).kind).toBe('ambiguous');
  });

  it('handles half-hour shifts and the southern hemisphere', () => {
    const lh = localSegments(
      'Australia/Lord_Howe',
      local('2022-01-01T00:00:00'),
      local('2022-12-31T00:00:00'),
    );
    // Lord Howe: UTC+11 in summer, UTC+10:30 in winter; 2022-04-03 02:00 -> 01:30 repeats 01:30-02:00.
    expect(localToUtc(lh, local('2022-04-03T01:45:00'))).toEqual({
      utc: Date.parse('2022-04-02T14:45:00Z'),
      kind: 'ambiguous',
    });
    expect(localToUtc(lh, local('2022-06-01T12:00:00')).utc).toBe(Date.parse('2022-06-01T01:30:00Z'));
  });

  it('gives the same answer in SQL as in TypeScript, for every minute around both transitions', async () => {
    const conn = await openEngine();
    await conn.run(`CREATE MACRO off(l) AS ${segmentCaseSql(chicago, 'l', (s) => s.offsetMinutes)}`);
    const minutes: number[] = [];
    for (const day of ['2022-03-13', '2022-11-06'])
      for (let m = 0; m < 6 * 60; m++) minutes.push(local(`${day}T00:00:00`) + m * 60_000);
    const rows = await queryRows<{ ms: string }>(
      conn,
      `SELECT epoch_ms(l - to_minutes(off(l)))::BIGINT::VARCHAR AS ms FROM unnest([${minutes.map((m) => `TIMESTAMP '${iso(m).replace('T', ' ')}'`).join(',')}]) t(l)`,
    );
    expect(rows.map((r) => Number(r.ms))).toEqual(minutes.map((m) => localToUtc(chicago, m).utc));
    conn.closeSync();
  });

  it('accepts IANA zones and refuses abbreviations', () => {
    expect(isValidTimeZone('America/Chicago')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('CST')).toBe(false);
    // IANA's fixed offsets, with their POSIX sign (tester 163); Etc/GMT+0 is UTC.
    expect(isValidTimeZone('Etc/GMT+8')).toBe(false);
    expect(isValidTimeZone('Etc/GMT-8')).toBe(false);
    expect(isValidTimeZone('Etc/GMT+10')).toBe(false);
    expect(isValidTimeZone('Etc/GMT+0')).toBe(true);
    expect(isValidTimeZone('Etc/UTC')).toBe(true);
    // A real IANA zone with New York's rules: 09:00 local in July is 13:00Z (EDT), in January 14:00Z.
    expect(isValidTimeZone('EST5EDT')).toBe(true);
    const est = localSegments('EST5EDT', local('2022-01-01T00:00:00'), local('2022-12-31T00:00:00'));
    expect(iso(localToUtc(est, local('2022-07-01T09:00:00')).utc)).toBe('2022-07-01T13:00:00');
    expect(iso(localToUtc(est, local('2022-01-03T09:00:00')).utc)).toBe('2022-01-03T14:00:00');
    expect(isValidTimeZone('XYZ5ABC')).toBe(false);
    // Names IANA keeps that are no abbreviation of a US zone (tester 108); its fixed offsets are refused,
    // as an EST profile would put New York's summer an hour off.
    for (const zone of ['CET', 'EET', 'GMT', 'Cuba', 'Europe/Paris'])
      expect(isValidTimeZone(zone), zone).toBe(true);
    for (const zone of ['EST', 'MST', 'HST', 'PST', 'CDT']) expect(isValidTimeZone(zone), zone).toBe(false);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
