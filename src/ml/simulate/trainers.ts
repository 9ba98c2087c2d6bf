/**
 * Simulated trainers: they rank K candidate replies by a known preference score plus Gaussian noise
 * (labeller disagreement), so the loop can be checked against the truth it is meant to learn.
 */
import { gaussian, mulberry32, Rng } from '../model/sampling.js';

/** Ranks for scores, 0 for the highest; equal scores share a rank (a tie gives no comparison pair). */
export function ranksByScore(scores: readonly number[]): number[] {
  const distinct = [...new Set(scores)].sort((a, b) => b - a);
  return scores.map((s) => distinct.indexOf(s));
}

export class SimulatedTrainers {
  private readonly rng: Rng;

  /**
   * `noise`: standard deviation of the Gaussian added to each score before ranking (0 = exact).
   * `tieMargin`: perceived scores closer than this are called a tie (0 = only equal scores tie).
   */
  constructor(
    readonly noise: number,
    seed: number,
    readonly tieMargin = 0,
  ) {
    if (!(noise >= 0) || !Number.isFinite(noise))
      throw new Error(`SimulatedTrainers: noise must be a finite number ≥ 0, got ${noise}`);
    if (!(tieMargin >= 0) || !Number.isFinite(tieMargin))
      throw new Error(`SimulatedTrainers: tieMargin must be a finite number ≥ 0, got ${tieMargin}`);
    this.rng = mulberry32(seed);
  }

  /**
   * One trainer's ranking of one prompt's candidates, given their true scores. The noise is drawn once
   * per distinct score: replies the preference cannot tell apart stay tied (a trainer sees no
   * difference between them, and a coin-flip order would only add pairs nobody could learn), while
   * replies it can tell apart swap places when the noise outweighs their gap.
   */
  rank(scores: readonly number[]): number[] {
    if (!scores.every(Number.isFinite)) throw new Error('SimulatedTrainers: a score is not a finite number');
    const perceived = new Map<number, number>();
    for (const s of scores)
      if (!perceived.has(s)) perceived.set(s, this.noise === 0 ? s : s + this.noise * gaussian(this.rng));
    return ranksWithMargin(
      scores.map((s) => perceived.get(s)!),
      this.tieMargin,
    );
  }
}

/**
 * Ranks for perceived scores, 0 for the highest, where a score within `margin` of the next higher one
 * shares its rank: walking down the sorted scores, a new rank starts only at a gap of `margin` or more.
 */
export function ranksWithMargin(scores: readonly number[], margin: number): number[] {
  if (margin === 0) return ranksByScore(scores);
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const ranks = new Array<number>(scores.length);
  let rank = 0;
  order.forEach((i, k) => {
    if (k > 0 && scores[order[k - 1]] - scores[i] >= margin) rank++;
    ranks[i] = rank;
  });
  return ranks;
}
