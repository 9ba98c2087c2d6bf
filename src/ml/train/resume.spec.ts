import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../backend.js';
import { loadCheckpoint, saveCheckpoint } from '../checkpoint/checkpoint.js';
import { loadOptimizerState, saveOptimizerState } from '../checkpoint/optimizer-state.js';
import { presetConfig } from '../model/config.js';
import { disposeParams, GptModel, initParams } from '../model/gpt.js';
import { packBatch, SftExample, SftTrainer } from './sft.js';

beforeAll(() => initBackend('cpu'));

const cfg = presetConfig('tiny', { contextLength: 16 });
const corpus: SftExample[] = [
  [1, 10, 11, 12, 13, 14, 15, 16, 2],
  [1, 20, 21, 22, 23, 24, 25, 26, 2],
  [1, 30, 31, 32, 33, 34, 35, 36, 2],
].map((ids) => ({ ids, mask: ids.map((_, i) => (i >= 2 ? 1 : 0)) }));
const batches = corpus.map((e) => packBatch([e], cfg.contextLength));
const N = 8;
const K = 3;
const OPTIONS = { learningRate: 3e-3 };

function train(trainer: SftTrainer, from: number, to: number): number[] {
  const losses: number[] = [];
  for (let step = from; step < to; step++)
    losses.push(trainer.trainStep(batches[step % batches.length]).loss);
  return losses;
}

async function weights(model: GptModel): Promise<Float32Array> {
  const parts = await Promise.all([...model.params.values()].map((v) => v.data() as Promise<Float32Array>));
  return Float32Array.from(parts.flatMap((p) => Array.from(p)));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Trains K steps, saves weights (and optimizer state unless told not to), loads both into new objects, trains to N. */
async function trainWithResume(
  dir: string,
  keepOptimizer: boolean,
): Promise<{ losses: number[]; final: Float32Array }> {
  const first: GptModel = { cfg, params: initParams(cfg, 3) };
  const before = new SftTrainer(first, OPTIONS);
  const losses = train(before, 0, K);
  await saveCheckpoint(dir, first.params, cfg, { step: K });
  if (keepOptimizer) await saveOptimizerState(dir, await before.optimizer.state());
  before.dispose();
  disposeParams(first.params);

  const loaded = await loadCheckpoint(dir);
  const second: GptModel = { cfg: loaded.cfg, params: loaded.params };
  const after = new SftTrainer(second, OPTIONS);
  const state = await loadOptimizerState(dir);
  if (state) after.optimizer.restore(state);
  losses.push(...train(after, K, N));
  const final = await weights(second);
  after.dispose();
  disposeParams(second.params);
  return { losses, final };
}

describe('resuming training from a checkpoint', () => {
  let straight: { losses: number[]; final: Float32Array };
  const dirs: string[] = [];
  const dir = () => {
    dirs.push(mkdtempSync(join(tmpdir(), 'resume-')));
    return dirs.at(-1)!;
  };
  beforeAll(async () => {
    const model: GptModel = { cfg, params: initParams(cfg, 3) };
    const trainer = new SftTrainer(model, OPTIONS);
    straight = { losses: train(trainer, 0, N), final: await weights(model) };
    trainer.dispose();
    disposeParams(model.params);
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('with the optimizer state saved, k steps + save + load + N−k steps equals N steps straight', async () => {
    const baseline = tf.memory().numTensors;
    const resumed = await trainWithResume(dir(), true);
    expect(resumed.losses).toHaveLength(N);
    resumed.losses.forEach((loss, i) => expect(loss).toBeCloseTo(straight.losses[i], 5));
    expect(maxAbsDiff(resumed.final, straight.final)).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('without it the moments restart and the run drifts (what the saved state prevents)', async () => {
    const restarted = await trainWithResume(dir(), false);
    expect(maxAbsDiff(restarted.final, straight.final)).toBeGreaterThan(1e-4);
  });

  it('refuses a state that does not fit the variables', async () => {
    const model: GptModel = { cfg, params: initParams(cfg, 3) };
    const trainer = new SftTrainer(model, OPTIONS);
    const state = await trainer.optimizer.state();
    expect(state.step).toBe(0);
    const name = [...state.m.keys()][0];
    state.m.set(name, new Float32Array(1));
    expect(() => trainer.optimizer.restore(state)).toThrow(`m of ${name} has 1 values`);
    state.m.delete(name);
    expect(() => trainer.optimizer.restore(state)).toThrow(`has no m for ${name}`);
    trainer.dispose();
    disposeParams(model.params);
  });
});
