/**
 * Generalised advantage estimation (Schulman et al. 2016) over one sequence of T actions:
 *   δ_t = r_t + γ·V_{t+1} − V_t,   A_t = δ_t + γλ·A_{t+1},   R_t = A_t + V_t,
 * with V_T = 0 and A_T = 0 after the last action (the episode ends with the reply).
 */
export interface Gae {
  advantages: Float32Array;
  /** Targets of the value function: A + V. */
  returns: Float32Array;
}

export function gae(
  rewards: ArrayLike<number>,
  values: ArrayLike<number>,
  gamma: number,
  lambda: number,
): Gae {
  const n = rewards.length;
  if (values.length !== n) throw new Error(`gae: ${n} rewards but ${values.length} values`);
  const advantages = new Float32Array(n);
  const returns = new Float32Array(n);
  let next = 0; // A_{t+1}, accumulated in double precision
  for (let t = n - 1; t >= 0; t--) {
    const nextValue = t + 1 < n ? values[t + 1] : 0;
    const delta = rewards[t] + gamma * nextValue - values[t];
    next = delta + gamma * lambda * next;
    advantages[t] = next;
    returns[t] = next + values[t];
  }
  return { advantages, returns };
}
