import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import { presetConfig } from '../model/config.js';
import { disposeParams, GptModel, initParams } from '../model/gpt.js';
import { mulberry32 } from '../model/sampling.js';
import { Ranking } from './ranking.js';
import {
  createRewardModel,
  disposeRewardModel,
  rewardModelVariables,
  RewardModel,
  scoreSequences,
} from './reward-model.js';
import {
  normaliseRewards,
  pairAccuracy,
  rankingLoss,
  RewardTrainProgress,
  trainRewardModel,
} from './reward-train.js';

beforeAll(async () => {
  await initBackend('cpu');
});

// −log σ(x) = softplus(−x) = ln(1 + e^−x)
const SP1 = Math.log(1 + Math.exp(-1)); // 0.31326168751822286
const SP2 = Math.log(1 + Math.exp(-2)); // 0.12692801104297263

describe('rankingLoss', () => {
  it('weights the pairs of a K=4 ranking with one tie by 1/6, and averages over rankings', () => {
    // ranks [0,1,1,2], scores [2,1,1,0]: margins (0,1) 1, (0,2) 1, (0,3) 2, (1,3) 1, (2,3) 1
    // loss = (4·softplus(−1) + softplus(−2))/6 = (1.25304675 + 0.12692801)/6 = 0.22999579
    const one = rankingLoss(tf.tensor1d([2, 1, 1, 0]), [{ ranks: [0, 1, 1, 2] }]);
    expect(one.dataSync()[0]).toBeCloseTo((4 * SP1 + SP2) / 6, 6);
    expect(one.dataSync()[0]).toBeCloseTo(0.2299958, 6);
    // plus a K=2 ranking whose reply 1 is better, both scored 0: softplus(0) = ln 2; mean of the two
    const two = rankingLoss(tf.tensor1d([2, 1, 1, 0, 0, 0]), [{ ranks: [0, 1, 1, 2] }, { ranks: [1, 0] }]);
    expect(two.dataSync()[0]).toBeCloseTo((0.2299958 + Math.LN2) / 2, 6);
    tf.dispose([one, two]);
  });

  it('has the hand-computed gradient: −w·σ(−margin) on the chosen, + on the rejected', () => {
    // s0 is chosen in 3 pairs (margins 1, 1, 2); s1 and s2 are chosen once and rejected once at margin 1 (cancel)
    const sig = (x: number) => 1 / (1 + Math.exp(-x));
    const g = tf.grad((s: tf.Tensor) => rankingLoss(s as tf.Tensor1D, [{ ranks: [0, 1, 1, 2] }]))(
      tf.tensor1d([2, 1, 1, 0]),
    );
    const expected = (2 * sig(-1) + sig(-2)) / 6; // 0.10951428
    Array.from(g.dataSync()).forEach((v, i) => expect(v).toBeCloseTo([-expected, 0, 0, expected][i], 6));
    g.dispose();
  });
});

/** Synthetic preference: replies containing token X beat replies without it (two of each: ties inside each group). */
const X = 3;
function syntheticRankings(n: number, seed: number, vocab: number): Ranking[] {
  const rng = mulberry32(seed);
  const tok = () => {
    let t;
    do t = 1 + Math.floor(rng() * (vocab - 1));
    while (t === X);
    return t;
  };
  return Array.from({ length: n }, () => {
    const withX = [true, true, false, false].sort(() => rng() - 0.5);
    const replies = withX.map((w) => {
      const r = Array.from({ length: 4 + Math.floor(rng() * 3) }, tok);
      if (w) r[Math.floor(rng() * r.length)] = X;
      return r;
    });
    return { prompt: Array.from({ length: 3 }, tok), replies, ranks: withX.map((w) => (w ? 0 : 1)) };
  });
}

describe('trainRewardModel', () => {
  const cfg = presetConfig('tiny', { vocabSize: 16, contextLength: 16, dModel: 16, nLayers: 1 });
  let policy: GptModel;
  let model: RewardModel;
  beforeAll(() => {
    policy = { cfg, params: initParams(cfg, 1) };
    model = createRewardModel(policy, { seed: 2 });
  });
  afterAll(() => {
    disposeParams(policy.params);
    disposeRewardModel(model);
  });

  it('learns a clean synthetic preference in one epoch (held-out pair accuracy ≥ 0.9), touching only its own variables', async () => {
    const train = syntheticRankings(96, 5, cfg.vocabSize);
    const heldOut = syntheticRankings(50, 6, cfg.vocabSize);
    const before = pairAccuracy(model, heldOut);
    expect(before.pairs).toBe(200); // 4 strictly ordered pairs per ranking (the 2 tied pairs give none)
    const policyBefore = [...policy.params.values()].map((v) => Array.from(v.dataSync()));
    const headBefore = Array.from(model.head.w.dataSync());
    const progress: RewardTrainProgress[] = [];
    const tensors = tf.memory().numTensors;
    const result = await trainRewardModel(model, train, {
      learningRate: 1e-2,
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(result).toMatchObject({ steps: 48, aborted: false });
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    expect(progress.every((p) => p.totalSteps === 48 && Number.isFinite(p.loss))).toBe(true);
    const after = pairAccuracy(model, heldOut);
    console.log(
      `reward model: held-out pair accuracy ${before.accuracy.toFixed(3)} → ${after.accuracy.toFixed(3)} (${after.pairs} pairs)`,
    );
    expect(after.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(Array.from(model.head.w.dataSync())).not.toEqual(headBefore);
    [...policy.params.values()].forEach((v, i) => expect(Array.from(v.dataSync())).toEqual(policyBefore[i]));
    expect(rewardModelVariables(model).size).toBe(policy.params.size + 2);
  });

  it('normalises so demonstrations score mean 0, by shifting the head bias only', () => {
    const demos = syntheticRankings(12, 7, cfg.vocabSize).map((r) => [...r.prompt, ...r.replies[0]]);
    const other = [[1, 2, 4, 5]];
    const otherBefore = scoreSequences(model, other)[0];
    const { meanBefore, shift } = normaliseRewards(model, demos);
    expect(shift).toBeCloseTo(-meanBefore, 12);
    const after = scoreSequences(model, demos);
    expect(Math.abs(after.reduce((a, b) => a + b, 0) / after.length)).toBeLessThan(1e-5);
    expect(scoreSequences(model, other)[0]).toBeCloseTo(otherBefore + shift, 5); // every score moves by the same shift
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const result = await trainRewardModel(model, syntheticRankings(24, 8, cfg.vocabSize), {
      learningRate: 1e-3,
      onProgress: () => controller.abort(),
      signal: controller.signal,
    });
    expect(result).toMatchObject({ steps: 1, aborted: true });
  });
});
