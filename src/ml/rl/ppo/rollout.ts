/**
 * Samples as a padded batch for one forward pass. Row b holds prompt ++ reply without its last token
 * (which is only ever a target), padded with 0; position t predicts token t + 1. Reply token i of row b
 * is predicted at position P_b − 1 + i: that is where its log-prob and the value of the state before
 * it are read (TRL's alignment). `mask` is 1 exactly at those action positions.
 */
import * as tf from '@tensorflow/tfjs-core';
import { GptConfig } from '../../model/config.js';
import { forward, GptParams, tokenLogProbs } from '../../model/gpt.js';
import { headScores, ScalarHead } from '../head.js';
import type { Sample } from './sampler.js';

export interface PackedSamples {
  batchSize: number;
  seqLen: number;
  tokens: Int32Array;
  targets: Int32Array;
  mask: Float32Array;
  /** Flat index of each row's first action. */
  starts: number[];
  /** Actions (reply tokens) per row. */
  lengths: number[];
}

export function packSamples(samples: readonly Sample[]): PackedSamples {
  if (samples.length === 0) throw new Error('packSamples: no samples');
  const T = Math.max(...samples.map((s) => s.prompt.length + s.reply.length - 1));
  const B = samples.length;
  const tokens = new Int32Array(B * T);
  const targets = new Int32Array(B * T);
  const mask = new Float32Array(B * T);
  const starts: number[] = [];
  samples.forEach(({ prompt, reply }, b) => {
    if (reply.length === 0) throw new Error(`packSamples: sample ${b} has an empty reply`);
    const seq = [...prompt, ...reply];
    for (let t = 0; t < seq.length - 1; t++) {
      tokens[b * T + t] = seq[t];
      targets[b * T + t] = seq[t + 1];
    }
    const start = b * T + prompt.length - 1;
    mask.fill(1, start, start + reply.length);
    starts.push(start);
  });
  return {
    batchSize: B,
    seqLen: T,
    tokens,
    targets,
    mask,
    starts,
    lengths: samples.map((s) => s.reply.length),
  };
}

/** Per-row arrays (one value per action) laid out flat like the packed batch, 0 elsewhere. */
export function scatterActions(packed: PackedSamples, perRow: readonly ArrayLike<number>[]): Float32Array {
  const flat = new Float32Array(packed.batchSize * packed.seqLen);
  perRow.forEach((row, b) => {
    if (row.length !== packed.lengths[b])
      throw new Error(`scatterActions: row ${b} has ${row.length} values for ${packed.lengths[b]} actions`);
    flat.set(row as ArrayLike<number>, packed.starts[b]);
  });
  return flat;
}

/** The actions' values of each row, out of a flat [B·T] array. */
export function gatherActions(packed: PackedSamples, flat: ArrayLike<number>): Float32Array[] {
  return packed.starts.map((s, b) => Float32Array.from({ length: packed.lengths[b] }, (_, i) => flat[s + i]));
}

export interface PolicyOutputs {
  /** [B·T, V] */
  logits: tf.Tensor2D;
  /** log π(target) at every position, [B·T]. */
  logp: tf.Tensor1D;
  /** Value head on the same hidden states, [B·T]; null without a head. */
  values: tf.Tensor1D | null;
}

/** One forward pass (differentiable): log-probs of the targets and, with a head, values. */
export function policyOutputs(
  params: GptParams,
  cfg: GptConfig,
  head: ScalarHead | null,
  packed: PackedSamples,
): PolicyOutputs {
  const { batchSize: B, seqLen: T } = packed;
  const out = tf.tidy(() => {
    const tokens = tf.tensor2d(packed.tokens, [B, T], 'int32');
    const { logits: logits3, hidden } = forward(params, cfg, tokens, { returnHidden: true });
    const logits = tf.reshape(logits3, [B * T, cfg.vocabSize]) as tf.Tensor2D;
    const logp = tokenLogProbs(logits, tf.tensor1d(packed.targets, 'int32'));
    if (!head) return { logits, logp };
    return { logits, logp, values: headScores(head, tf.reshape(hidden, [B * T, cfg.dModel]) as tf.Tensor2D) };
  });
  return { logits: out.logits, logp: out.logp, values: ('values' in out && out.values) || null };
}
