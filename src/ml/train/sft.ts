/**
 * Supervised fine-tuning: next-token cross-entropy on the tokens a mask selects (for chat data, the
 * assistant's tokens), Adam on the model's own variables, gradients clipped by global norm.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GptConfig } from '../model/config.js';
import { forward, GptModel, GptParams, tokenLogProbs } from '../model/gpt.js';
import type { GptOps } from '../model/ops.js';
import { Adam, AdamOptions, gradsClipped } from './optim.js';

/** mask[t] = 1: learn to predict ids[t] from ids[0..t-1]; 0: context only. */
export interface SftExample {
  ids: number[];
  mask: number[];
}

/** Inputs, next-token targets and loss weights, row-major [B, T]; padding has weight 0. */
export interface PackedBatch {
  batchSize: number;
  seqLen: number;
  inputs: Int32Array;
  targets: Int32Array;
  weights: Float32Array;
}

/**
 * One example per row. A row holds seqLen inputs, so an example of n tokens needs seqLen ≥ n − 1;
 * longer examples keep their last seqLen + 1 tokens (the reply, for chat data). seqLen defaults to the
 * longest example, capped at maxLen.
 */
export function packBatch(examples: SftExample[], maxLen: number, seqLen?: number): PackedBatch {
  if (examples.length === 0) throw new Error('packBatch: no examples');
  const T = seqLen ?? Math.max(1, Math.min(maxLen, Math.max(...examples.map((e) => e.ids.length - 1))));
  const B = examples.length;
  const inputs = new Int32Array(B * T);
  const targets = new Int32Array(B * T);
  const weights = new Float32Array(B * T);
  examples.forEach(({ ids, mask }, b) => {
    if (ids.length !== mask.length)
      throw new Error(`packBatch: example ${b} has ${ids.length} ids but ${mask.length} mask entries`);
    const start = Math.max(0, ids.length - (T + 1));
    for (let t = 0; start + t + 1 < ids.length; t++) {
      inputs[b * T + t] = ids[start + t];
      targets[b * T + t] = ids[start + t + 1];
      weights[b * T + t] = mask[start + t + 1] ? 1 : 0;
    }
  });
  return { batchSize: B, seqLen: T, inputs, targets, weights };
}

/** Mean cross-entropy over weighted positions, and that sum of weights. */
export function maskedNextTokenLoss(
  params: GptParams,
  cfg: GptConfig,
  batch: PackedBatch,
  ops?: GptOps,
): { loss: tf.Scalar; count: number } {
  const { batchSize: B, seqLen: T } = batch;
  const count = batch.weights.reduce((a, b) => a + b, 0);
  const loss = tf.tidy(() => {
    const logits = forward(params, cfg, tf.tensor2d(batch.inputs, [B, T], 'int32'), { ops });
    const logp = tokenLogProbs(
      tf.reshape(logits, [B * T, cfg.vocabSize]),
      tf.tensor1d(batch.targets, 'int32'),
    );
    return tf.div(tf.neg(tf.sum(tf.mul(logp, tf.tensor1d(batch.weights)))), Math.max(count, 1)) as tf.Scalar;
  });
  return { loss, count };
}

export interface SftOptions extends Partial<AdamOptions> {
  /** Clip gradients to this global L2 norm (default 1; Infinity disables). */
  clipNorm?: number;
  /** Formulation of the heavy ops; default: the fastest for the current backend. */
  ops?: GptOps;
}

export interface StepResult {
  loss: number;
  /** Global gradient norm before clipping. */
  gradNorm: number;
}

export class SftTrainer {
  readonly optimizer: Adam;
  private readonly clipNorm: number;
  private readonly ops?: GptOps;

  constructor(
    readonly model: GptModel,
    opts: SftOptions = {},
  ) {
    this.optimizer = new Adam(model.params, { ...opts, learningRate: opts.learningRate ?? 3e-4 });
    this.clipNorm = opts.clipNorm ?? 1;
    this.ops = opts.ops;
  }

  trainStep(batch: PackedBatch): StepResult {
    const { cfg, params } = this.model;
    const clip = Number.isFinite(this.clipNorm) ? this.clipNorm : undefined;
    const { loss, grads, norm } = gradsClipped(
      () => maskedNextTokenLoss(params, cfg, batch, this.ops).loss,
      params,
      clip,
    );
    try {
      this.optimizer.apply(grads);
      return { loss: loss.dataSync()[0], gradNorm: norm.dataSync()[0] };
    } finally {
      tf.dispose([loss, norm, ...grads.values()]);
    }
  }

  /** Token-weighted mean loss over examples, without updating anything. */
  evaluateLoss(examples: SftExample[], batchSize = 8): number {
    return evaluateLoss(this.model, examples, batchSize);
  }

  dispose(): void {
    this.optimizer.dispose();
  }
}

export function evaluateLoss(model: GptModel, examples: SftExample[], batchSize = 8): number {
  let total = 0;
  let count = 0;
  for (let i = 0; i < examples.length; i += batchSize) {
    const batch = packBatch(examples.slice(i, i + batchSize), model.cfg.contextLength);
    const { loss, count: n } = maskedNextTokenLoss(model.params, model.cfg, batch);
    total += loss.dataSync()[0] * n;
    count += n;
    loss.dispose();
  }
  return count > 0 ? total / count : NaN;
}
