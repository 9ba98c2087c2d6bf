/**
 * A scalar head d → 1 on a trunk's final hidden states: the reward model's score and PPO's value
 * function. score = h · w + b with w [dModel, 1], b [1].
 */
import * as tf from '@tensorflow/tfjs-core';
import { F32Tensor, readSafetensors, writeSafetensors } from '../checkpoint/safetensors.js';
import { newVariable } from '../model/gpt.js';
import { gaussian, mulberry32 } from '../model/sampling.js';

export interface ScalarHead {
  w: tf.Variable;
  b: tf.Variable;
}

export interface HeadInit {
  /** Standard deviation of w's N(0, std) init; 0 gives a zero head (PPO's default value head). */
  std?: number;
  seed?: number;
  trainable?: boolean;
}

export function createHead(dModel: number, init: HeadInit = {}): ScalarHead {
  const rng = mulberry32(init.seed ?? 0);
  const std = init.std ?? 0;
  const w = new Float32Array(dModel).map(() => (std > 0 ? std * gaussian(rng) : 0));
  const trainable = init.trainable ?? true;
  return { w: newVariable(w, [dModel, 1], trainable), b: newVariable(new Float32Array(1), [1], trainable) };
}

export function copyHead(head: ScalarHead, trainable = true): ScalarHead {
  return { w: tf.variable(head.w, trainable), b: tf.variable(head.b, trainable) };
}

export function disposeHead(head: ScalarHead): void {
  head.w.dispose();
  head.b.dispose();
}

/** Scores [N] of hidden states [N, dModel]. */
export function headScores(head: ScalarHead, hidden: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(
    () =>
      tf.reshape(tf.add(tf.matMul(hidden, head.w as tf.Tensor2D), head.b), [hidden.shape[0]]) as tf.Tensor1D,
  );
}

/** Writes the head as a safetensors file with tensors `w` [d, 1] and `b` [1]. */
export async function saveHead(
  path: string,
  head: ScalarHead,
  metadata: Record<string, string> = {},
): Promise<void> {
  const tensors = new Map<string, F32Tensor>([
    ['w', { shape: head.w.shape, data: (await head.w.data()) as Float32Array }],
    ['b', { shape: [1], data: (await head.b.data()) as Float32Array }],
  ]);
  await writeSafetensors(path, tensors, metadata);
}

export async function loadHead(path: string, dModel: number, trainable = true): Promise<ScalarHead> {
  const file = await readSafetensors(path);
  const w = file.get('w');
  const b = file.get('b');
  if (w.shape.join() !== `${dModel},1` || b.shape.join() !== '1') {
    throw new Error(
      `loadHead: ${path} holds w [${w.shape}] and b [${b.shape}], expected [${dModel},1] and [1]`,
    );
  }
  return { w: newVariable(w.data, [dModel, 1], trainable), b: newVariable(b.data, [1], trainable) };
}
