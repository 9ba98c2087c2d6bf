/** Copies and freezing of parameter maps: PPO's reference policy and the reward model's trunk. */
import * as tf from '@tensorflow/tfjs-core';
import { GptParams } from '../model/gpt.js';

/**
 * New variables holding the same values under the same names. tfjs never mutates a tensor in place
 * (assign swaps the variable's data), so the copy and the original evolve independently.
 */
export function copyParams(params: ReadonlyMap<string, tf.Variable>, trainable = true): GptParams {
  return new Map([...params].map(([name, v]) => [name, tf.variable(v, trainable)]));
}

/** Marks every variable (non-)trainable, e.g. to freeze a reward model before PPO reads it. */
export function setTrainable(vars: Iterable<tf.Variable>, trainable: boolean): void {
  for (const v of vars) v.trainable = trainable;
}
