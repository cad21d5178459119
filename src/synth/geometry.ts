/**
 * Planar geometry on lon/lat pairs, enough to build the city's areas from cells and to place points.
 * At city scale (20 km) treating degrees as planar coordinates is accurate far beyond the 6 decimals written.
 */

export type Point = [lon: number, lat: number];
/** A closed ring: the first point repeated at the end, as GeoJSON requires. */
export type Ring = Point[];

/** Even-odd rule; a point exactly on an edge may go either way, so callers keep points off edges. */
export function pointInRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

export function distanceToRing(x: number, y: number, ring: Ring): number {
  let best = Infinity;
  for (let i = 1; i < ring.length; i++)
    best = Math.min(best, distanceToSegment(x, y, ring[i - 1]!, ring[i]!));
  return best;
}

/** Twice the signed area: positive for counter-clockwise rings (GeoJSON's exterior orientation). */
export function signedArea2(ring: Ring): number {
  let s = 0;
  for (let i = 1; i < ring.length; i++) s += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return s;
}

/**
 * A cell of a tiling: its outline as vertex ids, counter-clockwise. Neighbouring cells name their shared
 * vertices with the same ids, which is what lets unions be traced exactly, with no floating-point matching.
 */
export interface Cell {
  vertices: string[];
}

/**
 * The outline of a union of cells, one counter-clockwise ring per edge-connected group. An edge is on the
 * outline when the neighbouring cell across it is not in the union (its reverse edge is absent). Groups
 * are traced one at a time so that two groups meeting at a single corner stay two separate polygons.
 */
export function unionOutlines(cells: Cell[], coords: Map<string, Point>): Ring[] {
  const edgeKey = (a: string, b: string) => `${a}>${b}`;
  const owner = new Map<string, number>();
  cells.forEach((c, i) =>
    c.vertices.forEach((v, k) => owner.set(edgeKey(v, c.vertices[(k + 1) % c.vertices.length]!), i)),
  );
  // Edge-connected groups by union-find over shared (reversed) edges.
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  cells.forEach((c, i) =>
    c.vertices.forEach((v, k) => {
      const other = owner.get(edgeKey(c.vertices[(k + 1) % c.vertices.length]!, v));
      if (other !== undefined) parent[find(i)] = find(other);
    }),
  );
  const groups = new Map<number, Cell[]>();
  cells.forEach((c, i) => {
    const g = find(i);
    groups.set(g, [...(groups.get(g) ?? []), c]);
  });
  const rings: Ring[] = [];
  for (const group of groups.values()) {
    const edges = new Set<string>();
    for (const c of group)
      c.vertices.forEach((v, k) => edges.add(edgeKey(v, c.vertices[(k + 1) % c.vertices.length]!)));
    const next = new Map<string, string>();
    for (const e of edges) {
      const [a, b] = e.split('>') as [string, string];
      if (edges.has(edgeKey(b, a))) continue;
      if (next.has(a)) throw new Error(`outline of a cell group touches itself at vertex ${a}`);
      next.set(a, b);
    }
    const seen = new Set<string>();
    for (const start of next.keys()) {
      if (seen.has(start)) continue;
      const ids: string[] = [];
      let v = start;
      while (!seen.has(v)) {
        seen.add(v);
        ids.push(v);
        v = next.get(v)!;
      }
      if (v !== start) throw new Error('cell outline is not a closed ring');
      const ring: Ring = ids.map((id) => coords.get(id)!);
      ring.push(ring[0]!);
      if (signedArea2(ring) <= 0) throw new Error('cell group has a hole; the layout must not make one');
      rings.push(ring);
    }
  }
  return rings;
}
