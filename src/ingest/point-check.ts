/**
 * Whether a file's points lie where its profile's time zone says the city is: latitude and longitude
 * mapped the wrong way round load without a word, each a valid number (tester 247: Burlington's 9,920
 * points at latitude -73, in Antarctica, and a boundary layer there placed them). The zone gives the
 * part of the world only roughly, so only most points outside it are said, never one stray point.
 */

/** A part of the world, roughly, as a test of `lat` and `lon` in SQL. */
interface Region {
  name: string;
  inside: (lat: string, lon: string) => string;
}

/**
 * The region of a time zone's city, for the zones of the Americas, Europe and Australia; none for the
 * others. Loose on purpose: the Americas run from Greenland's -11 to Alaska's -180, and south to -56.
 */
export function regionOf(zone: string): Region | null {
  // And the POSIX-style zones of the United States, which profiles take (tester 252: CST6CDT got no note).
  if (/^(America|US|Canada|Brazil|Mexico|Chile)\/|^(EST5EDT|CST6CDT|MST7MDT|PST8PDT)$/.test(zone))
    return { name: 'the Americas', inside: (lat, lon) => `(${lon} < -10 AND ${lat} > -60)` };
  if (/^Europe\//.test(zone))
    return { name: 'Europe', inside: (lat, lon) => `(${lon} BETWEEN -32 AND 70 AND ${lat} > 25)` };
  if (/^Australia\//.test(zone))
    return { name: 'Australia', inside: (lat, lon) => `(${lon} BETWEEN 100 AND 170 AND ${lat} < 0)` };
  return null;
}

/**
 * SQL columns of an aggregate over rows with `lat` and `lon`, counted in the scan ingest makes already
 * (the accounting's): calls with a point, those outside the zone's region, and of those the ones inside
 * it read the other way round. Null for a zone of no region.
 */
export function pointCountsSql(zone: string): string | null {
  const region = regionOf(zone);
  if (!region) return null;
  const outside = `lat IS NOT NULL AND lon IS NOT NULL AND NOT ${region.inside('lat', 'lon')}`;
  return `count(lat)::DOUBLE AS points_n, count(*) FILTER (WHERE ${outside})::DOUBLE AS points_outside,
    count(*) FILTER (WHERE ${outside} AND ${region.inside('lon', 'lat')})::DOUBLE AS points_swapped`;
}

/**
 * The warning when most of the calls' points (counts of pointCountsSql) lie outside the zone's region; of
 * one `file` of several, counted alone (tester 252: a file with its points' signs dropped, ingested beside
 * a good one, got no note, counted with it).
 */
export function pointWarnings(
  counts: { points: number; outside: number; swapped: number },
  zone: string,
  file?: string,
): string[] {
  const region = regionOf(zone);
  const { points, outside, swapped } = counts;
  if (!region || outside <= points / 2) return [];
  const n = (x: number) => x.toLocaleString('en-US');
  const cause =
    swapped > outside / 2
      ? `the columns mapped as \`lat\` and \`lon\` are most likely the wrong way round (read the other way, ${swapped === outside ? 'every one' : n(swapped)} of them would lie there): swap them in the profile and ingest the file again`
      : 'check the columns mapped as `lat` and `lon` in the profile, and the time zone';
  return [
    `${file ? `${file}: ` : ''}${n(outside)} of the ${n(points)} calls with a point lie outside ${region.name}, though the profile's time zone is ${zone}: ${cause}. Maps, and areas joined from boundaries, place calls by these points.`,
  ];
}
