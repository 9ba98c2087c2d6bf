/**
 * PPO's losses and diagnostics (Schulman et al. 2017; InstructGPT; TRL). Tensor functions take flat
 * per-token tensors [N] and a 0/1 mask [N] (padding and prompt tokens are 0); every mean is over the
 * masked-in tokens of the minibatch. The plain-JS helpers at the end work on rollout arrays.
 */
import * as tf from '@tensorflow/tfjs-core';
import '../../model/gradients.js'; // tfjs-core alone has no gradient functions

/** Σ x·mask / Σ mask. */
export function maskedMean(x: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.div(tf.sum(tf.mul(x, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar);
}

export interface PolicyLoss {
  /** mean max(−A·ρ, −A·clip(ρ, 1−ε, 1+ε)), ρ = exp(log π − log π_old). */
  loss: tf.Scalar;
  /** Fraction of tokens where the clipped term is the larger one (clipping binds, no gradient). */
  clipFraction: tf.Scalar;
  /** ½·mean (log π − log π_old)² (TRL's approx KL). */
  approxKl: tf.Scalar;
  ratioMean: tf.Scalar;
}

export function clippedPolicyLoss(
  logp: tf.Tensor1D,
  oldLogp: tf.Tensor1D,
  advantages: tf.Tensor1D,
  mask: tf.Tensor1D,
  clipRange: number,
): PolicyLoss {
  return tf.tidy(() => {
    const logRatio = tf.sub(logp, oldLogp);
    const ratio = tf.exp(logRatio);
    const unclipped = tf.mul(tf.neg(advantages), ratio);
    const clipped = tf.mul(tf.neg(advantages), tf.clipByValue(ratio, 1 - clipRange, 1 + clipRange));
    return {
      loss: maskedMean(tf.maximum(unclipped, clipped), mask),
      clipFraction: maskedMean(tf.cast(tf.greater(clipped, unclipped), 'float32'), mask),
      approxKl: tf.mul(0.5, maskedMean(tf.square(logRatio), mask)) as tf.Scalar,
      ratioMean: maskedMean(ratio, mask),
    };
  });
}

export interface ValueLoss {
  /** ½·mean max((V − R)², (V_old + clip(V − V_old, −ε_v, ε_v) − R)²). */
  loss: tf.Scalar;
  /** Fraction of tokens where the clipped error is the larger one. */
  clipFraction: tf.Scalar;
}

export function clippedValueLoss(
  values: tf.Tensor1D,
  oldValues: tf.Tensor1D,
  returns: tf.Tensor1D,
  mask: tf.Tensor1D,
  clipRange: number,
): ValueLoss {
  return tf.tidy(() => {
    const clippedValues = tf.add(oldValues, tf.clipByValue(tf.sub(values, oldValues), -clipRange, clipRange));
    const unclipped = tf.square(tf.sub(values, returns));
    const clipped = tf.square(tf.sub(clippedValues, returns));
    return {
      loss: tf.mul(0.5, maskedMean(tf.maximum(unclipped, clipped), mask)) as tf.Scalar,
      clipFraction: maskedMean(tf.cast(tf.greater(clipped, unclipped), 'float32'), mask),
    };
  });
}

/** Mean over masked-in rows of the entropy −Σ p log p of softmax(logits [N, V]). */
export function entropyFromLogits(logits: tf.Tensor2D, mask: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits);
    return maskedMean(tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), -1)), mask);
  });
}

// ---------------------------------------------------------------- plain JS, on rollout arrays

function moments(
  x: ArrayLike<number>,
  mask?: ArrayLike<number>,
): { mean: number; variance: number; count: number } {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    if (mask && !mask[i]) continue;
    sum += x[i];
    count++;
  }
  const mean = count > 0 ? sum / count : 0;
  let sq = 0;
  for (let i = 0; i < x.length; i++) if (!mask || mask[i]) sq += (x[i] - mean) ** 2;
  return { mean, variance: count > 0 ? sq / count : 0, count };
}

/**
 * Advantage whitening: (x − mean)/√(var + 1e-8) over the masked-in entries (population variance);
 * masked-out entries become 0. With shiftMean false the mean is added back (only the scale changes).
 */
export function whiten(x: ArrayLike<number>, mask?: ArrayLike<number>, shiftMean = true): Float32Array {
  const { mean, variance } = moments(x, mask);
  const scale = 1 / Math.sqrt(variance + 1e-8);
  return Float32Array.from(x, (v, i) => (!mask || mask[i] ? (v - mean) * scale + (shiftMean ? 0 : mean) : 0));
}

/** 1 − Var(target − pred)/Var(target): 1 is a perfect value function, 0 no better than a constant. NaN if target is constant. */
export function explainedVariance(
  pred: ArrayLike<number>,
  target: ArrayLike<number>,
  mask?: ArrayLike<number>,
): number {
  const residual = Array.from(target, (t, i) => t - pred[i]);
  const { variance } = moments(target, mask);
  return variance > 0 ? 1 - moments(residual, mask).variance / variance : NaN;
}

export function meanStd(x: ArrayLike<number>): { mean: number; std: number } {
  const { mean, variance } = moments(x);
  return { mean, std: Math.sqrt(variance) };
}
