/**
 * MinHash over word shingles: near-identical texts get near-identical signatures, so similar reports
 * are found by comparing signatures (or, at scale, by LSH bands) instead of every pair of texts.
 */
export const SIGNATURE_SIZE = 64;
export const ROWS_PER_BAND = 4;
const SHINGLE_WORDS = 3;

export function normalise(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Word k-shingles; texts shorter than k give their words joined, so short texts still compare. */
export function shingles(text: string, k = SHINGLE_WORDS): Set<string> {
  const words = normalise(text);
  if (words.length < k) return new Set(words.length ? [words.join(' ')] : []);
  const out = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units (charCodeAt), continuing from `h`. */
function fnv1a(text: string, h = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** A fixed family of hash functions h_i(x) = (a_i·x + b_i) mod 2^32, seeded so signatures are stable. */
const MULTIPLIERS = Int32Array.from({ length: SIGNATURE_SIZE }, (_, i) => fnv1a(`a${i}`) | 1);
const OFFSETS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => fnv1a(`b${i}`));
const SPACE = ' '.charCodeAt(0);
const COMMA = ','.charCodeAt(0);

/**
 * FNV-1a of each of the text's shingles, computed word by word with the separating spaces instead of
 * building the shingle strings. Repeated shingles repeat their hash: no dedupe is needed, as the minimum
 * over a hash seen twice is the minimum over it seen once.
 */
function shingleHashes(words: string[]): Uint32Array {
  // As in `shingles`: a text of fewer words is one shingle of all its words, an empty text none.
  const width = Math.min(SHINGLE_WORDS, words.length);
  const hashes = new Uint32Array(width && words.length - width + 1);
  for (let start = 0; start < hashes.length; start++) {
    let h = fnv1a(words[start]);
    for (let w = start + 1; w < start + width; w++) h = fnv1a(words[w], Math.imul(h ^ SPACE, FNV_PRIME));
    hashes[start] = h;
  }
  return hashes;
}

/** The MinHash signature of `shingles(text)`. */
export function signature(text: string): number[] {
  const hashes = shingleHashes(normalise(text));
  const sig = new Array<number>(SIGNATURE_SIZE);
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    const a = MULTIPLIERS[i];
    const b = OFFSETS[i];
    let min = 0xffffffff;
    for (let s = 0; s < hashes.length; s++) {
      const h = (Math.imul(a, hashes[s]) + b) >>> 0;
      if (h < min) min = h;
    }
    sig[i] = min;
  }
  return sig;
}

/** Estimated Jaccard similarity of the two texts' shingle sets. */
export function similarity(a: number[], b: number[]): number {
  let same = 0;
  for (let i = 0; i < SIGNATURE_SIZE; i++) if (a[i] === b[i]) same++;
  return same / SIGNATURE_SIZE;
}

/**
 * LSH band keys: texts sharing any key are candidates (≈ 50 % Jaccard and above with 16 bands of 4).
 * A key is the band's number × 2^32 + the hash of its rows, so two texts share a key only when the same
 * band matches; keys stay below 2^36, exact as JavaScript numbers and as PostgreSQL bigints.
 */
export function bands(sig: number[]): number[] {
  const out: number[] = [];
  for (let start = 0; start < SIGNATURE_SIZE; start += ROWS_PER_BAND) {
    out.push((start / ROWS_PER_BAND) * 2 ** 32 + bandHash(sig, start));
  }
  return out;
}

/** fnv1a(sig.slice(start, start + ROWS_PER_BAND).join(',')), without building the joined text. */
function bandHash(sig: number[], start: number): number {
  const end = Math.min(start + ROWS_PER_BAND, sig.length);
  let h = FNV_OFFSET;
  for (let row = start; row < end; row++) {
    if (row > start) h = Math.imul(h ^ COMMA, FNV_PRIME);
    h = fnv1a(String(sig[row]), h);
  }
  return h >>> 0;
}

/** Signatures are stored as PostgreSQL int[]: unsigned 32-bit values shifted into the signed range. */
export const toSigned = (sig: number[]) => sig.map((v) => v | 0);
export const fromSigned = (sig: number[]) => sig.map((v) => v >>> 0);
