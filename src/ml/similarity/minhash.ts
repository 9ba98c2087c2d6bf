/**
 * MinHash over word shingles: near-identical texts get near-identical signatures, so similar reports
 * are found by comparing signatures (or, at scale, by LSH bands) instead of every pair of texts.
 */
export const SIGNATURE_SIZE = 64;
export const ROWS_PER_BAND = 4;

export function normalise(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Word k-shingles; texts shorter than k give their words joined, so short texts still compare. */
export function shingles(text: string, k = 3): Set<string> {
  const words = normalise(text);
  if (words.length < k) return new Set(words.length ? [words.join(' ')] : []);
  const out = new Set<string>();
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A fixed family of hash functions h_i(x) = (a_i·x + b_i) mod 2^32, seeded so signatures are stable. */
const COEFFICIENTS = Array.from({ length: SIGNATURE_SIZE }, (_, i) => [fnv1a(`a${i}`) | 1, fnv1a(`b${i}`)] as const);

export function signature(text: string): number[] {
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
  for (const shingle of shingles(text)) {
    const x = fnv1a(shingle);
    for (let i = 0; i < SIGNATURE_SIZE; i++) {
      const [a, b] = COEFFICIENTS[i];
      const h = (Math.imul(a, x) + b) >>> 0;
      if (h < sig[i]) sig[i] = h;
    }
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
    out.push((start / ROWS_PER_BAND) * 2 ** 32 + fnv1a(sig.slice(start, start + ROWS_PER_BAND).join(',')));
  }
  return out;
}

/** Signatures are stored as PostgreSQL int[]: unsigned 32-bit values shifted into the signed range. */
export const toSigned = (sig: number[]) => sig.map((v) => v | 0);
export const fromSigned = (sig: number[]) => sig.map((v) => v >>> 0);
