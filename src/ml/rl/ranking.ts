/**
 * A ranking of K candidate replies to one prompt, and the pairwise comparisons it implies
 * (InstructGPT, REFERENCE §3): every strictly ordered pair (i better than j) is one comparison,
 * weighted 1/C(K,2) so that each ranking counts once however large K is. Tied candidates give no
 * pair, but the weight still uses C(K,2): a ranking with ties carries less total weight.
 */

export interface Ranking {
  /** Context the replies answer (e.g. renderChat(…, { addGenerationPrompt: true }).ids). */
  prompt: number[];
  /** K ≥ 2 candidate replies; the scored sequence is prompt ++ reply. */
  replies: number[][];
  /** One rank per reply: 0 is best, larger is worse, equal ranks are ties. */
  ranks: number[];
}

export interface RankedPair {
  /** Index of the better reply. */
  chosen: number;
  /** Index of the worse reply. */
  rejected: number;
  weight: number;
}

/** C(K, 2) = K·(K−1)/2. */
export function pairCount(k: number): number {
  return (k * (k - 1)) / 2;
}

/** The strictly ordered pairs of a ranking, in index order (i < j), each weighted 1/C(K,2). */
export function rankingPairs(ranks: readonly number[]): RankedPair[] {
  const k = ranks.length;
  if (k < 2) throw new Error(`a ranking needs at least 2 candidates, got ${k}`);
  const weight = 1 / pairCount(k);
  const pairs: RankedPair[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (ranks[i] < ranks[j]) pairs.push({ chosen: i, rejected: j, weight });
      else if (ranks[j] < ranks[i]) pairs.push({ chosen: j, rejected: i, weight });
    }
  }
  return pairs;
}

export function validateRanking(r: Ranking): void {
  if (r.replies.length !== r.ranks.length)
    throw new Error(`ranking has ${r.replies.length} replies but ${r.ranks.length} ranks`);
  if (r.replies.length < 2) throw new Error(`a ranking needs at least 2 candidates, got ${r.replies.length}`);
  if (!r.ranks.every(Number.isFinite)) throw new Error('ranking has a rank that is not a finite number');
}

/** The K sequences a reward model scores for a ranking: prompt ++ reply. */
export function rankingSequences(r: Ranking): number[][] {
  return r.replies.map((reply) => [...r.prompt, ...reply]);
}
