import { pretokenize } from './pretokenize.js';

export type Merge = readonly [number, number];

/** Pair keys pack two ids below 2^16 into one number, so pairs can be Map keys. */
const KEY = 65536;
export const MAX_BPE_VOCAB = KEY;

/**
 * Learns up to `maxMerges` byte-pair merges (merge i creates token 256 + i). Works on the unique
 * pre-token words weighted by frequency and keeps pair counts up to date incrementally: a merge
 * only revisits the words that contain its pair. Stops early when no pair occurs twice. Ties are
 * broken by the smaller pair so the result is reproducible.
 */
export function learnMerges(texts: string[], maxMerges: number): Merge[] {
  const { words, freqs } = countWords(texts);
  const counts = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  words.forEach((word, w) => addPairs(word, freqs[w], w, counts, where));

  const merges: Merge[] = [];
  while (merges.length < maxMerges) {
    const best = bestPair(counts);
    if (best === undefined) break;
    const a = Math.floor(best / KEY);
    const b = best % KEY;
    const id = 256 + merges.length;
    for (const w of where.get(best) ?? []) {
      const word = words[w];
      if (!containsPair(word, a, b)) continue; // stale: an earlier merge consumed the pair here
      addPairs(word, -freqs[w], w, counts, where);
      words[w] = mergeWord(word, a, b, id);
      addPairs(words[w], freqs[w], w, counts, where);
    }
    where.delete(best);
    merges.push([a, b]);
  }
  return merges;
}

/** Replaces every non-overlapping (a, b), left to right, with `id`. */
export function mergeWord(word: number[], a: number, b: number, id: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < word.length; i++) {
    if (i + 1 < word.length && word[i] === a && word[i + 1] === b) {
      out.push(id);
      i++;
    } else {
      out.push(word[i]);
    }
  }
  return out;
}

function countWords(texts: string[]): { words: number[][]; freqs: number[] } {
  const freq = new Map<string, number>();
  for (const text of texts) {
    for (const piece of pretokenize(text)) freq.set(piece, (freq.get(piece) ?? 0) + 1);
  }
  const encoder = new TextEncoder();
  const words: number[][] = [];
  const freqs: number[] = [];
  for (const [piece, n] of freq) {
    words.push(Array.from(encoder.encode(piece)));
    freqs.push(n);
  }
  return { words, freqs };
}

function addPairs(
  word: number[],
  delta: number,
  w: number,
  counts: Map<number, number>,
  where: Map<number, Set<number>>,
): void {
  for (let i = 0; i + 1 < word.length; i++) {
    const key = word[i] * KEY + word[i + 1];
    const n = (counts.get(key) ?? 0) + delta;
    if (n > 0) counts.set(key, n);
    else counts.delete(key);
    if (delta > 0) {
      let set = where.get(key);
      if (!set) where.set(key, (set = new Set()));
      set.add(w);
    }
  }
}

function bestPair(counts: Map<number, number>): number | undefined {
  let best: number | undefined;
  let bestCount = 1; // a pair seen once saves nothing
  for (const [key, n] of counts) {
    if (n > bestCount || (n === bestCount && best !== undefined && key < best)) {
      best = key;
      bestCount = n;
    }
  }
  return best;
}

function containsPair(word: number[], a: number, b: number): boolean {
  for (let i = 0; i + 1 < word.length; i++) if (word[i] === a && word[i + 1] === b) return true;
  return false;
}
