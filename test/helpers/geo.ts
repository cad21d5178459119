/** The closed ring of a rectangle, west to east, south to north: a GeoJSON Polygon's outer ring. */
export const square = (x0: number, y0: number, x1: number, y1: number): [number, number][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
