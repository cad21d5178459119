/** What offsets written on times say of the zone (src/time/offset-zones.ts), worked by hand. */
import { describe, expect, it } from 'vitest';
import { contradicts, offsetFit, offsetText, zoneOffset } from '../../src/time/offset-zones.js';

describe('offsets and zones', () => {
  it("reads a zone's offset at an instant, across daylight saving", () => {
    // New York: -05:00 in January, -04:00 in July; Phoenix -07:00 all year; 2022-11-06 06:00 UTC is
    // 01:00 EST (after the fall-back at 06:00 UTC), 05:59 UTC is 01:59 EDT.
    expect(zoneOffset('America/New_York', Date.UTC(2022, 0, 15, 12))).toBe(-300);
    expect(zoneOffset('America/New_York', Date.UTC(2022, 6, 15, 12))).toBe(-240);
    expect(zoneOffset('America/Phoenix', Date.UTC(2022, 6, 15, 12))).toBe(-420);
    expect(zoneOffset('America/New_York', Date.UTC(2022, 10, 6, 6, 0))).toBe(-300);
    expect(zoneOffset('America/New_York', Date.UTC(2022, 10, 6, 5, 59))).toBe(-240);
    expect(zoneOffset('UTC', Date.UTC(2022, 0, 1))).toBe(0);
    expect(offsetText(-480)).toBe('-08:00');
    expect(offsetText(330)).toBe('+05:30');
  });

  it('counts the values whose offset the zone does not have, leaving UTC values out', () => {
    const values = [
      '2023-11-04T18:51:06-07:00', // Seattle, the day before the fall-back: PDT
      '2023-11-05T18:51:06-08:00', // the day after: PST
      '2023-07-01 10:00:00-0700',
      '2023-07-01T17:00:00Z', // UTC: says nothing
      '2023-07-01T17:00:00+00:00',
      'not a time',
    ];
    const ny = offsetFit(values, 'America/New_York');
    expect(ny).toEqual({
      sampled: 3,
      misfits: 3,
      offsets: ['-08:00', '-07:00'],
      fitting: ['America/Los_Angeles'],
    });
    expect(contradicts(ny)).toBe(true);
    const la = offsetFit(values, 'America/Los_Angeles');
    expect(la.misfits).toBe(0);
    expect(contradicts(la)).toBe(false);
    // A value in the fall-back hour: 01:30-07:00 is PDT's, 01:30-08:00 PST's; both are Los Angeles'.
    expect(
      offsetFit(['2023-11-05T01:30:00-07:00', '2023-11-05T01:30:00-08:00'], 'America/Los_Angeles').misfits,
    ).toBe(0);
  });

  it('leaves out the times ingest quarantines: the hour 24 and offsets no zone has', () => {
    // Only the three -05:00 values load; the others are quarantined (docs/time.md), so the warning about
    // the loaded rows neither counts nor names them (+00:60 was named +01:00).
    const fit = offsetFit(
      [
        '2023-07-01T10:00:00-05:00',
        '2023-07-02T10:00:00-05:00',
        '2023-07-03T10:00:00-05:00',
        '2023-07-04T10:00:00+00:60',
        '2023-07-04T10:00:00-13:00',
        '2023-07-04T10:00:00+14:30',
        '2023-07-04T24:00:00-05:00',
        // Dates and times that do not exist, and a year outside 1970-2099 (tester 167).
        '2023-02-30T10:00:00-08:00',
        '2023-13-01T10:00:00-08:00',
        '2023-07-32T10:00:00-08:00',
        '2023-07-04T10:60:00-08:00',
        '2023-07-04T10:00:60-08:00',
        '1900-07-04T10:00:00-08:00',
      ],
      'America/Los_Angeles',
    );
    expect(fit).toEqual({ sampled: 3, misfits: 3, offsets: ['-05:00'], fitting: ['America/Chicago'] });
    // The extremes a zone has are kept.
    expect(offsetFit(['2023-07-01T10:00:00-12:00', '2023-07-01T10:00:00+14:00']).offsets).toEqual([
      '-12:00',
      '+14:00',
    ]);
  });

  it('does not call two odd values a contradiction, nor half of them', () => {
    const two = offsetFit(['2023-07-01T10:00:00-07:00', '2023-07-01T11:00:00-07:00'], 'America/Chicago');
    expect(two.misfits).toBe(2);
    expect(contradicts(two)).toBe(false);
    const half = offsetFit(
      ['-07:00', '-07:00', '-07:00', '-05:00', '-05:00', '-05:00'].map(
        (o, i) => `2023-07-0${i + 1}T10:00:00${o}`,
      ),
      'America/Chicago',
    );
    expect(half.misfits).toBe(3);
    expect(contradicts(half)).toBe(false);
  });
});
