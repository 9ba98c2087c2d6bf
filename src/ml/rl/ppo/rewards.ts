/**
 * Per-token rewards of one sampled reply (InstructGPT / Ziegler): r_t = −β·(log π_old(y_t) − log π_ref(y_t))
 * for every reply token, plus the reward model's score on the last one. The sum of
 * log π_old − log π_ref over the reply is the sequence's KL estimate (the quantity the adaptive
 * controller steers towards its target).
 */
export interface TokenRewards {
  rewards: Float32Array;
  /** log π_old − log π_ref per token. */
  kl: Float32Array;
  /** Σ_t kl_t: the sequence's KL estimate. */
  klSum: number;
}

export function tokenRewards(
  logp: ArrayLike<number>,
  refLogp: ArrayLike<number>,
  score: number,
  beta: number,
): TokenRewards {
  const n = logp.length;
  if (n === 0) throw new Error('tokenRewards: empty reply');
  if (refLogp.length !== n)
    throw new Error(`tokenRewards: ${n} log-probs but ${refLogp.length} reference log-probs`);
  const kl = new Float32Array(n);
  const rewards = new Float32Array(n);
  let klSum = 0;
  for (let t = 0; t < n; t++) {
    const d = logp[t] - refLogp[t];
    kl[t] = d;
    klSum += d;
    rewards[t] = -beta * d + (t === n - 1 ? score : 0);
  }
  return { rewards, kl, klSum };
}
