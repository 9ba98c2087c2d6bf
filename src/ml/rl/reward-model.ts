/**
 * Reward model (InstructGPT): the policy's transformer trunk, initialised from a policy checkpoint,
 * plus a scalar head read at the last real token of each sequence. Sequences are right-padded, so the
 * causal trunk's state at a row's last real token has seen exactly that row's tokens.
 *
 * On disk a reward model is a policy checkpoint directory (checkpoint.ts: model.safetensors holding the
 * trunk, config.json) plus `reward_head.safetensors` (head.ts: `w` [d, 1], `b` [1]); config.json's
 * `extra.rewardHead` names that file. loadCheckpoint() on the same directory still loads the trunk.
 */
import * as tf from '@tensorflow/tfjs-core';
import { join } from 'node:path';
import { loadCheckpoint, saveCheckpoint } from '../checkpoint/checkpoint.js';
import { GptConfig } from '../model/config.js';
import { disposeParams, GptModel, GptParams, hiddenStates } from '../model/gpt.js';
import { copyHead, createHead, disposeHead, headScores, loadHead, saveHead, ScalarHead } from './head.js';
import { copyParams } from './params.js';
import { lastTokenMask, padSequences, SequenceBatch } from './sequences.js';

export const REWARD_HEAD_FILE = 'reward_head.safetensors';

export interface RewardModel {
  cfg: GptConfig;
  /** The trunk: GPT parameters (the tied output embedding is unused but kept, so the file is a valid policy checkpoint). */
  params: GptParams;
  head: ScalarHead;
}

export interface CreateRewardModelOptions {
  /** Seed of the head's N(0, headStd) init (default 0). */
  seed?: number;
  /** Default 0.02, GPT-2's init (Hugging Face's sequence-classification `score` layer). */
  headStd?: number;
  trainable?: boolean;
}

/** A reward model whose trunk is a copy of the policy's weights (the policy itself is untouched). */
export function createRewardModel(policy: GptModel, opts: CreateRewardModelOptions = {}): RewardModel {
  const trainable = opts.trainable ?? true;
  return {
    cfg: policy.cfg,
    params: copyParams(policy.params, trainable),
    head: createHead(policy.cfg.dModel, { std: opts.headStd ?? 0.02, seed: opts.seed ?? 0, trainable }),
  };
}

/** Every variable of the model under a unique name (trunk names, then `score.w`, `score.b`): the optimizer's var list. */
export function rewardModelVariables(model: RewardModel): Map<string, tf.Variable> {
  return new Map([...model.params, ['score.w', model.head.w], ['score.b', model.head.b]]);
}

/** Differentiable scores [batchSize], one per row, read at each row's last real token. */
export function rewardScoresTensor(model: RewardModel, batch: SequenceBatch): tf.Tensor1D {
  const { batchSize: B, seqLen: T } = batch;
  return tf.tidy(() => {
    const hidden = hiddenStates(model.params, model.cfg, tf.tensor2d(batch.tokens, [B, T], 'int32')); // [B, T, d]
    const last = tf.sum(tf.mul(hidden, tf.tensor3d(lastTokenMask(batch), [B, T, 1])), 1) as tf.Tensor2D; // [B, d]
    return headScores(model.head, last);
  });
}

/** Scores of a padded batch. */
export function rewardScores(model: RewardModel, batch: SequenceBatch): Float32Array {
  const scores = rewardScoresTensor(model, batch);
  try {
    return Float32Array.from(scores.dataSync());
  } finally {
    scores.dispose();
  }
}

/** Scores of token sequences, batchSize at a time (longer than the context: their last tokens). */
export function scoreSequences(model: RewardModel, seqs: readonly number[][], batchSize = 16): Float32Array {
  const out = new Float32Array(seqs.length);
  for (let i = 0; i < seqs.length; i += batchSize) {
    out.set(rewardScores(model, padSequences(seqs.slice(i, i + batchSize), model.cfg.contextLength)), i);
  }
  return out;
}

export async function saveRewardModel(
  dir: string,
  model: RewardModel,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await saveCheckpoint(dir, model.params, model.cfg, {
    kind: 'reward',
    rewardHead: REWARD_HEAD_FILE,
    ...extra,
  }); // creates dir
  await saveHead(join(dir, REWARD_HEAD_FILE), model.head, { kind: 'reward-head' });
}

export async function loadRewardModel(
  dir: string,
  opts: { trainable?: boolean } = {},
): Promise<RewardModel & { extra?: Record<string, unknown> }> {
  const ckpt = await loadCheckpoint(dir, opts);
  const file = ckpt.extra?.rewardHead;
  if (typeof file !== 'string') {
    disposeParams(ckpt.params);
    throw new Error(`loadRewardModel: ${dir} is not a reward model (config.json has no extra.rewardHead)`);
  }
  const head = await loadHead(join(dir, file), ckpt.cfg.dModel, opts.trainable ?? true);
  return { cfg: ckpt.cfg, params: ckpt.params, head, ...(ckpt.extra ? { extra: ckpt.extra } : {}) };
}

/** A copy with its own variables (e.g. a frozen copy for PPO: `cloneRewardModel(rm, false)`). */
export function cloneRewardModel(model: RewardModel, trainable = true): RewardModel {
  return {
    cfg: model.cfg,
    params: copyParams(model.params, trainable),
    head: copyHead(model.head, trainable),
  };
}

export function disposeRewardModel(model: RewardModel): void {
  disposeParams(model.params);
  disposeHead(model.head);
}
