import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import { presetConfig } from '../model/config.js';
import { disposeParams, forward, GptModel, initParams } from '../model/gpt.js';
import { Sample } from '../rl/ppo/sampler.js';
import { mean, sequenceKl, trainerAgreement, winRate } from './metrics.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('winRate', () => {
  it('counts paired wins, ties as ½', () => {
    // win, tie, loss, win → (1 + ½ + 0 + 1) / 4
    expect(winRate([1, 2, 3, 0.5], [0.5, 2, 4, 0])).toBe(0.625);
    expect(winRate([0, 0], [0, 0])).toBe(0.5);
    expect(winRate([], [])).toBeNaN();
    expect(() => winRate([1], [1, 2])).toThrow(/1 candidate scores for 2/);
  });
});

describe('trainerAgreement', () => {
  it('scores each labelled pair against the true scores: agree 1, tie ½, disagree 0', () => {
    // ranking 1 (K = 3): pairs (0>1) agrees, (0>2) agrees, (2>1) disagrees (0.2 < 0.5) → 2 of 3
    // ranking 2 (K = 2): (1>0) with equal true scores → ½;  total (1 + 1 + 0 + ½) / 4
    const rankings = [{ ranks: [0, 2, 1] }, { ranks: [1, 0] }];
    expect(
      trainerAgreement(rankings, [
        [0.9, 0.5, 0.2],
        [3, 3],
      ]),
    ).toBe(0.625);
    expect(trainerAgreement([{ ranks: [0, 0] }], [[1, 2]])).toBeNaN(); // a tie gives no pair
  });
});

describe('mean', () => {
  it('averages, NaN when empty', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean(new Float32Array([0.5, 1.5]))).toBe(1);
    expect(mean([])).toBeNaN();
  });
});

describe('sequenceKl', () => {
  const cfg = presetConfig('tiny', { vocabSize: 12, contextLength: 16, dModel: 8, nLayers: 1 });
  let policy: GptModel;
  let reference: GptModel;
  beforeAll(() => {
    policy = { cfg, params: initParams(cfg, 1) };
    reference = { cfg, params: initParams(cfg, 2, false) };
  });
  afterAll(() => {
    disposeParams(policy.params);
    disposeParams(reference.params);
  });

  /** Σ over the reply of log π − log π_ref, read one sequence at a time straight off the logits. */
  function byHand(s: Sample): number {
    const seq = [...s.prompt, ...s.reply];
    const logp = (m: GptModel) =>
      tf.tidy(() => {
        const logits = forward(m.params, cfg, tf.tensor2d([seq], [1, seq.length], 'int32'));
        return tf.logSoftmax(logits).arraySync()[0] as number[][];
      });
    const [a, b] = [logp(policy), logp(reference)];
    let kl = 0;
    s.reply.forEach((token, i) => {
      const t = s.prompt.length - 1 + i; // the position that predicts reply token i
      kl += a[t][token] - b[t][token];
    });
    return kl;
  }

  it('sums log π − log π_ref over each reply, whatever the lengths in the batch', () => {
    const samples: Sample[] = [
      { prompt: [1, 2, 3], reply: [4, 5], stopped: false },
      { prompt: [7], reply: [8, 9, 10, 11], stopped: true },
      { prompt: [2, 2, 2, 2, 2], reply: [3], stopped: false },
    ];
    const kl = sequenceKl(policy, reference, samples, 2);
    samples.forEach((s, i) => expect(kl[i]).toBeCloseTo(byHand(s), 4));
    expect(Array.from(sequenceKl(policy, { cfg, params: policy.params }, samples))).toEqual([0, 0, 0]);
  });
});
