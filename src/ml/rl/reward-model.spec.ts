import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCheckpoint } from '../checkpoint/checkpoint.js';
import { presetConfig } from '../model/config.js';
import { disposeParams, GptModel, initParams } from '../model/gpt.js';
import {
  createRewardModel,
  disposeRewardModel,
  loadRewardModel,
  rewardModelVariables,
  rewardScores,
  RewardModel,
  saveRewardModel,
  scoreSequences,
} from './reward-model.js';
import { lastTokenMask, padSequences } from './sequences.js';

const cfg = presetConfig('tiny', { contextLength: 16 });
let policy: GptModel;
let model: RewardModel;
let dir: string;

beforeAll(async () => {
  await initBackend('cpu');
  policy = { cfg, params: initParams(cfg, 4) };
  model = createRewardModel(policy, { seed: 1, headStd: 0.5 });
  dir = await mkdtemp(join(tmpdir(), 'rm-'));
});
afterAll(async () => {
  disposeParams(policy.params);
  disposeRewardModel(model);
  await rm(dir, { recursive: true, force: true });
});

describe('padSequences', () => {
  it('right-pads to the longest, keeps the end of a sequence longer than maxLen, marks each last token', () => {
    const b = padSequences(
      [
        [1, 2, 3],
        [4, 5],
        [6, 7, 8, 9, 10],
      ],
      4,
    );
    expect(b).toMatchObject({ batchSize: 3, seqLen: 4 });
    expect(Array.from(b.tokens)).toEqual([1, 2, 3, 0, 4, 5, 0, 0, 7, 8, 9, 10]);
    expect(Array.from(b.lengths)).toEqual([3, 2, 4]);
    expect(Array.from(lastTokenMask(b))).toEqual([0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(() => padSequences([[1], []], 4)).toThrow(/empty/);
  });
});

describe('reward model', () => {
  it('copies the policy trunk instead of sharing its variables', () => {
    expect([...model.params.keys()]).toEqual([...policy.params.keys()]);
    for (const [name, v] of model.params) {
      expect(v).not.toBe(policy.params.get(name));
      expect(Array.from(v.dataSync())).toEqual(Array.from(policy.params.get(name)!.dataSync()));
    }
    expect([...rewardModelVariables(model).keys()].slice(-2)).toEqual(['score.w', 'score.b']);
  });

  it('reads the score at the last real token: padding neither its length nor its content matters', () => {
    const seqs = [
      [1, 2, 3, 4, 5, 6],
      [7, 8],
      [9, 10, 11],
    ];
    const batched = scoreSequences(model, seqs);
    const alone = seqs.map((s) => scoreSequences(model, [s])[0]);
    batched.forEach((s, i) => expect(s).toBeCloseTo(alone[i], 5));
    const garbage = padSequences(seqs, cfg.contextLength);
    garbage.tokens.forEach(
      (t, i) => (garbage.tokens[i] = i % 6 >= garbage.lengths[Math.floor(i / 6)] ? 13 : t),
    );
    rewardScores(model, garbage).forEach((s, i) => expect(s).toBeCloseTo(batched[i], 5));
    // and it does depend on the last token and on earlier ones
    expect(scoreSequences(model, [[7, 9]])[0]).not.toBeCloseTo(batched[1], 4);
    expect(scoreSequences(model, [[5, 8]])[0]).not.toBeCloseTo(batched[1], 4);
  });

  it('round-trips through a checkpoint directory plus reward_head.safetensors', async () => {
    tf.tidy(() => model.head.b.assign(tf.tensor1d([0.25])));
    const seqs = [
      [1, 2, 3],
      [4, 5, 6, 7],
    ];
    const before = scoreSequences(model, seqs);
    await saveRewardModel(join(dir, 'rm'), model, { heldOutAccuracy: 0.8 });
    expect((await readdir(join(dir, 'rm'))).sort()).toEqual([
      'config.json',
      'model.safetensors',
      'reward_head.safetensors',
    ]);
    const loaded = await loadRewardModel(join(dir, 'rm'), { trainable: false });
    expect(loaded.extra).toMatchObject({
      kind: 'reward',
      rewardHead: 'reward_head.safetensors',
      heldOutAccuracy: 0.8,
    });
    expect([...rewardModelVariables(loaded).values()].every((v) => !v.trainable)).toBe(true);
    expect(Array.from(scoreSequences(loaded, seqs))).toEqual(Array.from(before));
    disposeRewardModel(loaded);
  });

  it('refuses a plain policy checkpoint', async () => {
    await saveCheckpoint(join(dir, 'policy'), policy.params, cfg);
    await expect(loadRewardModel(join(dir, 'policy'))).rejects.toThrow(/not a reward model/);
  });
});
