/** What the simulation reports: true preference of samples, win rate against SFT, KL to the reference. */
import * as tf from '@tensorflow/tfjs-core';
import { GptModel } from '../model/gpt.js';
import { gatherActions, packSamples, policyOutputs } from '../rl/ppo/rollout.js';
import type { Sample } from '../rl/ppo/sampler.js';
import { Ranking, rankingPairs } from '../rl/ranking.js';

export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  let sum = 0;
  for (let i = 0; i < xs.length; i++) sum += xs[i];
  return sum / xs.length;
}

/** Population standard deviation. */
export function std(xs: ArrayLike<number>): number {
  const m = mean(xs);
  let sq = 0;
  for (let i = 0; i < xs.length; i++) sq += (xs[i] - m) ** 2;
  return Math.sqrt(sq / xs.length);
}

/**
 * Paired win rate: candidate i against baseline i (replies to the same prompt); a tie counts ½.
 */
export function winRate(candidate: readonly number[], baseline: readonly number[]): number {
  if (candidate.length !== baseline.length)
    throw new Error(`winRate: ${candidate.length} candidate scores for ${baseline.length} baseline scores`);
  if (candidate.length === 0) return NaN;
  let wins = 0;
  candidate.forEach((c, i) => (wins += c > baseline[i] ? 1 : c === baseline[i] ? 0.5 : 0));
  return wins / candidate.length;
}

/**
 * Fraction of the rankings' strictly ordered pairs that the true scores order the same way (equal
 * true scores count ½): how far noisy trainers agree with the preference they simulate.
 */
export function trainerAgreement(
  rankings: readonly Pick<Ranking, 'ranks'>[],
  scores: readonly number[][],
): number {
  let agree = 0;
  let pairs = 0;
  rankings.forEach(({ ranks }, i) => {
    for (const { chosen, rejected } of rankingPairs(ranks)) {
      const [a, b] = [scores[i][chosen], scores[i][rejected]];
      agree += a > b ? 1 : a === b ? 0.5 : 0;
      pairs++;
    }
  });
  return pairs > 0 ? agree / pairs : NaN;
}

/**
 * Σ_t (log π(y_t) − log π_ref(y_t)) over each sample's reply tokens: for replies drawn from π its
 * mean estimates KL(π ‖ π_ref) per sequence, the quantity PPO's penalty keeps in check.
 */
export function sequenceKl(
  policy: GptModel,
  reference: GptModel,
  samples: readonly Sample[],
  batchSize = 16,
): Float32Array {
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i += batchSize) {
    const packed = packSamples(samples.slice(i, i + batchSize));
    const [own, ref] = tf.tidy(() =>
      [policy, reference].map(
        (m) => policyOutputs(m.params, m.cfg, null, packed).logp.dataSync() as Float32Array,
      ),
    );
    const a = gatherActions(packed, own);
    const b = gatherActions(packed, ref);
    a.forEach((row, r) => (out[i + r] = row.reduce((sum, x, t) => sum + x - b[r][t], 0)));
  }
  return out;
}
