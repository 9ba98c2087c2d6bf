/**
 * Text → fixed-size bag of hashed features: word unigrams and bigrams plus character n-grams taken
 * inside each space-padded word. Counts become 1 + ln(count) and each row is scaled to unit L2 norm,
 * so long and short texts land on the same scale.
 */

export interface FeatureSettings {
  /** Hash buckets (a power of two): the width of the model's input. */
  buckets: number;
  /** Shortest and longest character n-gram. */
  charNgrams: [number, number];
  /** 1: word unigrams only; 2: unigrams and bigrams. */
  wordNgrams: 1 | 2;
}

export const DEFAULT_FEATURES: Readonly<FeatureSettings> = {
  buckets: 4096,
  charNgrams: [3, 5],
  wordNgrams: 2,
};

/** Names of the choices baked into this file; a saved model records them and refuses a mismatch. */
export const FEATURE_SCHEME = {
  normalize: 'NFKC+lowercase',
  hash: 'fnv1a32+fmix32',
  weighting: '1+ln(count), L2',
} as const;

export interface SparseFeatures {
  /** Bucket ids, ascending, no repeats. */
  indices: Int32Array;
  values: Float32Array;
}

export function validateFeatureSettings(s: FeatureSettings): void {
  const [lo, hi] = s.charNgrams;
  if (!Number.isInteger(s.buckets) || s.buckets < 2 || (s.buckets & (s.buckets - 1)) !== 0) {
    throw new Error(`feature buckets must be a power of two, got ${s.buckets}`);
  }
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || lo < 1 || hi < lo) {
    throw new Error(`charNgrams must be [min, max] with 1 <= min <= max, got [${lo}, ${hi}]`);
  }
  if (s.wordNgrams !== 1 && s.wordNgrams !== 2)
    throw new Error(`wordNgrams must be 1 or 2, got ${s.wordNgrams}`);
}

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'");
}

const WORD = /[\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*/gu;

/** Words of the normalised text (letters, marks and digits; inner apostrophes kept: "you're"). */
export function wordsOf(text: string): string[] {
  return normalizeText(text).match(WORD) ?? [];
}

/** FNV-1a over UTF-16 code units, then murmur3's finaliser so the low bits (the bucket) mix well. */
function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function featurize(text: string, settings: FeatureSettings = DEFAULT_FEATURES): SparseFeatures {
  const mask = settings.buckets - 1;
  const [lo, hi] = settings.charNgrams;
  const counts = new Map<number, number>();
  const add = (key: string) => {
    const b = hash32(key) & mask;
    counts.set(b, (counts.get(b) ?? 0) + 1);
  };
  const words = wordsOf(text);
  words.forEach((w, i) => {
    add(`w ${w}`);
    if (settings.wordNgrams === 2 && i > 0) add(`b ${words[i - 1]} ${w}`);
    // Array.from splits by code point, so an astral character is one unit of an n-gram.
    const chars = Array.from(` ${w} `);
    for (let n = lo; n <= hi; n++) {
      for (let j = 0; j + n <= chars.length; j++) add(`c ${chars.slice(j, j + n).join('')}`);
    }
  });
  const indices = Int32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float32Array(indices.length);
  let norm = 0;
  indices.forEach((b, k) => {
    values[k] = 1 + Math.log(counts.get(b)!);
    norm += values[k] * values[k];
  });
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < values.length; k++) values[k] *= scale;
  return { indices, values };
}

/** Rows of features laid out densely, row-major [rows.length, buckets], for a matMul. */
export function denseRows(rows: SparseFeatures[], buckets: number): Float32Array {
  const out = new Float32Array(rows.length * buckets);
  rows.forEach((r, i) => r.indices.forEach((b, k) => (out[i * buckets + b] = r.values[k])));
  return out;
}
