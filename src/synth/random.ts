/**
 * Seeded randomness for the synthetic city. Everything here is plain 32-bit integer arithmetic so that the
 * same seed gives the same stream on every platform; the generator draws about twenty numbers per row, so
 * the hot methods are small enough for V8 to inline.
 */

/** Small Fast Counter (sfc32): 128 bits of state, passes PractRand far beyond what a run here consumes. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string, stream: string) {
    // Hashing seed and stream name together gives independent streams (layout, daily noise, rows), so
    // changing how many numbers one part draws never shifts the others.
    const words = hashWords(`${stream}\u0000${seed}`);
    this.a = words[0]!;
    this.b = words[1]!;
    this.c = words[2]!;
    this.d = words[3]!;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal, from the quantile table (one draw, no log/cos per call). */
  normal(): number {
    return NORMAL_QUANTILES[(this.next() * NORMAL_TABLE_SIZE) | 0]!;
  }

  /** Lognormal with the given median and log-space spread. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}

/** Four 32-bit words from a string: two rounds of FNV-1a with different bases, finished with a murmur mix. */
function hashWords(text: string): [number, number, number, number] {
  const out: [number, number, number, number] = [0, 0, 0, 0];
  for (let w = 0; w < 4; w++) {
    let h = (0x811c9dc5 ^ Math.imul(w + 1, 0x9e3779b9)) >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    out[w] = h | 0;
  }
  // sfc32 needs a state that is not all zero; a zero word anywhere is harmless but make it impossible anyway.
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1;
  return out;
}

const NORMAL_TABLE_SIZE = 8192;

/**
 * Standard normal quantiles at the midpoints of 8,192 equal-probability bins, found by integrating the
 * density numerically (Simpson's rule) and inverting the running total. The tails stop near +-3.7 sigma,
 * which caps a lognormal at about 40 times its median for sigma 1: long enough for realistic outliers,
 * never absurd ones.
 */
const NORMAL_QUANTILES: Float64Array = (() => {
  const table = new Float64Array(NORMAL_TABLE_SIZE);
  const lo = -8;
  const hi = 8;
  const steps = 160_000;
  const h = (hi - lo) / steps;
  const pdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
  let cdf = 0;
  let x = lo;
  let k = 0;
  for (let s = 0; s < steps && k < NORMAL_TABLE_SIZE; s++) {
    const next = cdf + (h / 6) * (pdf(x) + 4 * pdf(x + h / 2) + pdf(x + h));
    while (k < NORMAL_TABLE_SIZE && next >= (k + 0.5) / NORMAL_TABLE_SIZE) {
      const target = (k + 0.5) / NORMAL_TABLE_SIZE;
      // Linear within one step of 1e-4 sigma: far finer than any use of the value.
      table[k] = x + (h * (target - cdf)) / (next - cdf);
      k++;
    }
    cdf = next;
    x += h;
  }
  // Symmetrise so that rounding in the integration never biases the mean.
  for (let i = 0; i < NORMAL_TABLE_SIZE / 2; i++) {
    const v = (table[NORMAL_TABLE_SIZE - 1 - i]! - table[i]!) / 2;
    table[i] = -v;
    table[NORMAL_TABLE_SIZE - 1 - i] = v;
  }
  return table;
})();

/**
 * Weighted choice in constant time with one uniform draw (Vose's alias method): the fractional part of
 * u * n decides between a bin and its alias, so no second draw is needed.
 */
export class AliasTable {
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;
  readonly size: number;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new Error('AliasTable needs at least one weight');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new Error(`AliasTable weight ${i} is not a finite >= 0`);
      total += w;
    }
    if (total <= 0) throw new Error('AliasTable weights sum to zero');
    this.size = n;
    this.prob = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      (scaled[i]! < 1 ? small : large).push(i);
    }
    while (small.length > 0 && large.length > 0) {
      const s = small.pop()!;
      const l = large.pop()!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      (scaled[l]! < 1 ? small : large).push(l);
    }
    for (const i of large) {
      this.prob[i] = 1;
      this.alias[i] = i;
    }
    for (const i of small) {
      this.prob[i] = 1;
      this.alias[i] = i;
    }
  }

  pick(rng: Rng): number {
    const x = rng.next() * this.size;
    const i = x | 0;
    return x - i < this.prob[i]! ? i : this.alias[i]!;
  }
}
