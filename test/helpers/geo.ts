import { writeFileSync } from 'node:fs';

/** The closed ring of a rectangle, west to east, south to north: a GeoJSON Polygon's outer ring. */
export const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** Writes `file` as a GeoJSON FeatureCollection of polygons, each its properties and rings (outer first). */
export function writePolygons(
  file: string,
  polygons: { properties: Record<string, unknown>; rings: [number, number][][] }[],
): string {
  const features = polygons.map((p) => ({
    type: 'Feature',
    properties: p.properties,
    geometry: { type: 'Polygon', coordinates: p.rings },
  }));
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}
