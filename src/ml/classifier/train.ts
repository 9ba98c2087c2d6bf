/** Training and evaluation of the content-filter model. */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle registers no gradient functions; the project's shared set does.
import '../model/gradients.js';
import { mulberry32 } from '../model/sampling.js';
import { CategoryScores, MODERATION_CATEGORIES } from './categories.js';
import type { ModerationExample } from './dataset.js';
import { denseRows, featurize } from './features.js';
import { evaluateScores, Evaluation, suggestThresholdsFromScores } from './metrics.js';
import { Classifier, classifierVarList, forward, scoreTexts, thresholdsOf } from './model.js';

/** Longest stretch of training between two turns of the event loop. */
const YIELD_MS = 50;

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on the weight matrices (not the biases). Default 0. */
  l2?: number;
  /** Largest positive-class weight given to a rare category. Default 10. */
  maxClassWeight?: number;
  /** Exponent p of the positive-class weight (negatives / positives)^p. Default 0.5 (square root). */
  classWeightPower?: number;
  /** Seeds the batch order; defaults to the model's seed. */
  seed?: number;
  onProgress?(epoch: number, loss: number): void;
}

export interface TrainResult {
  /** Mean training loss of each epoch (with the L2 penalty, if any). */
  losses: number[];
  classWeights: number[];
}

/**
 * Weight of a positive example per category: (negatives / positives)^power (by default the square
 * root), clamped to [1, max], so a rare category is not learnt as "always 0" while a common one keeps
 * weight 1. Power 1 balances each category's positives against its negatives.
 */
export function classWeights(examples: ModerationExample[], max = 10, power = 0.5): number[] {
  return MODERATION_CATEGORIES.map((c) => {
    const pos = examples.filter((e) => e.labels.includes(c)).length;
    if (pos === 0) return 1;
    const ratio = (examples.length - pos) / pos;
    return Math.min(max, Math.max(1, power === 0.5 ? Math.sqrt(ratio) : ratio ** power));
  });
}

/**
 * Mean over rows and categories of −[w·y·log σ(z) + (1−y)·log(1−σ(z))], written with
 * softplus(−z) = max(−z, 0) + log1p(exp(−|z|)) so large logits neither overflow nor lose precision.
 */
export function weightedBce(logits: tf.Tensor2D, targets: tf.Tensor2D, posWeight: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const softplusNeg = tf.add(tf.relu(tf.neg(logits)), tf.log1p(tf.exp(tf.neg(tf.abs(logits)))));
    const negTerm = tf.mul(tf.sub(1, targets), logits);
    const coef = tf.add(tf.mul(targets, tf.sub(posWeight, 1)), 1);
    return tf.mean(tf.add(negTerm, tf.mul(coef, softplusNeg))) as tf.Scalar;
  });
}

function shuffle(order: number[], rng: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
}

/** Trains in place with Adam on exactly the model's variables; deterministic for a given seed and backend. */
export async function trainClassifier(
  model: Classifier,
  examples: ModerationExample[],
  opts: TrainOptions,
): Promise<TrainResult> {
  if (examples.length === 0) throw new Error('no training examples');
  for (const key of ['epochs', 'batchSize'] as const) {
    if (!Number.isInteger(opts[key]) || opts[key] < 1) throw new Error(`${key} must be a positive integer`);
  }
  const n = MODERATION_CATEGORIES.length;
  const features = examples.map((e) => featurize(e.text, model.config.features));
  const targets = new Float32Array(examples.length * n);
  examples.forEach((e, i) =>
    MODERATION_CATEGORIES.forEach((c, j) => (targets[i * n + j] = e.labels.includes(c) ? 1 : 0)),
  );
  const weights = classWeights(examples, opts.maxClassWeight, opts.classWeightPower);
  const posWeight = tf.tensor1d(weights);
  const varList = classifierVarList(model);
  const optimizer = tf.train.adam(opts.learningRate);
  const rng = mulberry32(opts.seed ?? model.seed);
  const order = examples.map((_, i) => i);
  const l2 = opts.l2 ?? 0;
  const { buckets } = model.config.features;
  const losses: number[] = [];
  let lastYield = performance.now();
  try {
    for (let epoch = 1; epoch <= opts.epochs; epoch++) {
      shuffle(order, rng);
      let total = 0;
      for (let start = 0; start < order.length; start += opts.batchSize) {
        const batch = order.slice(start, start + opts.batchSize);
        const yData = new Float32Array(batch.length * n);
        batch.forEach((i, row) => yData.set(targets.subarray(i * n, (i + 1) * n), row * n));
        const y = tf.tensor2d(yData, [batch.length, n]);
        const rows = batch.map((i) => features[i]);
        const x = tf.tensor2d(denseRows(rows, buckets), [batch.length, buckets]);
        const loss = optimizer.minimize(
          () => {
            const data = weightedBce(forward(model, x), y, posWeight);
            if (l2 === 0) return data;
            const penalty = tf.add(tf.sum(tf.square(model.vars.w1)), tf.sum(tf.square(model.vars.w2)));
            return tf.add(data, tf.mul(penalty, l2)) as tf.Scalar;
          },
          true,
          varList,
        )!;
        total += loss.dataSync()[0] * batch.length;
        tf.dispose([loss, x, y]);
        // Training may share its thread with an HTTP server (the in-process worker): an epoch can take minutes,
        // so the event loop gets a turn every YIELD_MS rather than only between epochs.
        if (performance.now() - lastYield > YIELD_MS) {
          await new Promise((resolve) => setImmediate(resolve));
          lastYield = performance.now();
        }
      }
      losses.push(total / order.length);
      opts.onProgress?.(epoch, losses[losses.length - 1]);
      await new Promise((resolve) => setImmediate(resolve)); // let the event loop breathe between epochs
    }
  } finally {
    optimizer.dispose();
    posWeight.dispose();
  }
  return { losses, classWeights: weights };
}

const texts = (examples: ModerationExample[]) => examples.map((e) => e.text);
const labels = (examples: ModerationExample[]) => examples.map((e) => e.labels);

/** Metrics on labelled examples at the given thresholds (default: the model's own, else 0.5). */
export function evaluate(
  model: Classifier,
  examples: ModerationExample[],
  thresholds?: CategoryScores,
): Evaluation {
  const scores = scoreTexts(model, texts(examples));
  return evaluateScores(scores, labels(examples), thresholds ?? thresholdsOf(model));
}

/** Per-category thresholds that maximise F1 on these (held-out) examples. */
export function suggestThresholds(model: Classifier, examples: ModerationExample[]): CategoryScores {
  return suggestThresholdsFromScores(scoreTexts(model, texts(examples)), labels(examples));
}
