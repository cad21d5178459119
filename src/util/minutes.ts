/**
 * Seconds as minutes to the tenth, by one division of the seconds: 4521 s is 75.35 min, a tie that
 * `(4521 / 60).toFixed(1)` rounds down (75.34999... as a double) and the report's CSV rounded up.
 */
export function tenthsOfMinutes(seconds: number): number {
  return Math.round(seconds / 6) / 10;
}

/**
 * Minutes to the tenth, as a time set beside a goal of whole minutes is read; but where the tenth reads a
 * whole minute the time misses by seconds, minutes and seconds: a fixed part of 901 s printed "15.0 min"
 * beside "0.0% of them are reached in time" within 15 minutes (tester 187).
 */
export function minutesText(minutes: number): string {
  const seconds = Math.round(minutes * 60);
  const tenths = tenthsOfMinutes(seconds);
  return Number.isInteger(tenths) && seconds % 60 !== 0
    ? `${Math.floor(seconds / 60)} min ${seconds % 60} s`
    : `${tenths.toFixed(1)} min`;
}
