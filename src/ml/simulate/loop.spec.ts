import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import { presetConfig } from '../model/config.js';
import { disposeParams, initParams } from '../model/gpt.js';
import { mulberry32 } from '../model/sampling.js';
import { SimulationConfig } from './config.js';
import { IterationReport, runSimulation } from './loop.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const cfg = presetConfig('tiny', { vocabSize: 16, contextLength: 16, dModel: 16, nLayers: 1 });
const STOP = 15;
const letters = 'abcdefghijklmnop';
const decode = (ids: number[]) => ids.map((i) => letters[i]).join('');
const rng = mulberry32(5);
const prompt = () => Array.from({ length: 3 }, () => 1 + Math.floor(rng() * 13));
const prompts = {
  train: Array.from({ length: 24 }, prompt),
  heldout: Array.from({ length: 6 }, prompt),
  demonstrations: Array.from({ length: 4 }, () => [...prompt(), 3, 3, STOP]),
};
const config: Partial<SimulationConfig> = {
  iterations: 2,
  candidates: 3,
  rankingPrompts: 8,
  heldoutRankingPrompts: 4,
  rewardLearningRate: 1e-3,
  ppoStepsPerIteration: 1,
  ppoPrompts: 2,
  ppoSamplesPerPrompt: 2,
  ppo: { learningRate: 1e-2, maxNewTokens: 4, ppoEpochs: 2 },
  evalPrompts: 4,
  evalSamplesPerPrompt: 2,
  seed: 3,
};
/** The trainers like the letter d. */
const preference = (text: string) => [...text].filter((ch) => ch === 'd').length;

async function micro(overrides: Partial<SimulationConfig> = {}): Promise<IterationReport[]> {
  const policy = { cfg, params: initParams(cfg, 9) };
  try {
    return (
      await runSimulation({
        policy,
        decode,
        stopId: STOP,
        prompts,
        preference,
        config: { ...config, ...overrides },
      })
    ).reports;
  } finally {
    disposeParams(policy.params);
  }
}

describe('runSimulation', () => {
  it('runs two iterations on a tiny policy, reports finite numbers and leaks no tensors', async () => {
    const tensors = tf.memory().numTensors;
    const reports = await micro();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(reports.map((r) => r.iteration)).toEqual([0, 1, 2]);

    const [sft, ...later] = reports;
    expect(sft).toMatchObject({
      kl: 0,
      rewardAccuracy: null,
      trainerAgreement: null,
      ppo: null,
      rankings: 0,
      trainingFlops: 0,
    });
    for (const r of reports) {
      for (const k of ['meanScore', 'winRate', 'kl', 'replyLength', 'seconds', 'trainingFlops'] as const)
        expect([k, Number.isFinite(r[k])]).toEqual([k, true]);
      expect(r.winRate).toBeGreaterThanOrEqual(0);
      expect(r.winRate).toBeLessThanOrEqual(1);
      expect(r.replyLength).toBeGreaterThanOrEqual(1);
      expect(r.replyLength).toBeLessThanOrEqual(4);
    }
    later.forEach((r, i) => {
      expect(r.rankings).toBe(8 * (i + 1));
      expect(r.rewardPairs).toBeGreaterThan(0);
      for (const acc of [r.rewardAccuracy!, r.rewardAccuracyTrue!, r.trainerAgreement!]) {
        expect(acc).toBeGreaterThanOrEqual(0);
        expect(acc).toBeLessThanOrEqual(1);
      }
      expect(r.kl).toBeGreaterThan(0); // the policy has moved away from the reference
      expect(Object.values(r.ppo!).every(Number.isFinite)).toBe(true);
      expect(r.trainingFlops).toBeGreaterThan(reports[i].trainingFlops);
    });
  });

  it('reproduces from its seed, and another seed gives another run', async () => {
    const strip = (rs: IterationReport[]) =>
      rs.map(({ seconds: _, ppo, ...r }) => ({ ...r, ppoReward: ppo?.rewardMean }));
    const once = strip(await micro({ iterations: 1 }));
    expect(strip(await micro({ iterations: 1 }))).toEqual(once);
    expect(strip(await micro({ iterations: 1, seed: 4 }))).not.toEqual(once);
  });

  it('trains the reward model on all rankings so far by default, or on the latest only', async () => {
    const all = await micro();
    const latest = await micro({ rewardData: 'latest' });
    expect(all[1].trainingFlops).toBe(latest[1].trainingFlops); // iteration 1: the same 8 rankings either way
    expect(all[1].rewardAccuracy).toBe(latest[1].rewardAccuracy);
    expect(all[2].trainingFlops).toBeGreaterThan(latest[2].trainingFlops); // iteration 2: 16 rankings against 8
    expect([all[2].rankings, latest[2].rankings]).toEqual([16, 16]);
  });

  it('trains a new reward model from the SFT trunk each iteration by default, or keeps training the last one', async () => {
    const warm = await micro({ rewardInit: 'warm' });
    const tensors = tf.memory().numTensors;
    const fresh = await micro();
    expect(tf.memory().numTensors).toBe(tensors); // the replaced reward models are disposed
    expect(fresh[1].ppo!.rewardMean).toBe(warm[1].ppo!.rewardMean); // iteration 1: one model either way
    expect(fresh[2].ppo!.rewardMean).not.toBe(warm[2].ppo!.rewardMean); // PPO is scored by another model
  });

  it('with scaleRewards, PPO sees the same reward-model scores divided by one positive factor', async () => {
    const once = { iterations: 1, ppoStepsPerIteration: 1 };
    const [raw, scaled] = [
      (await micro({ ...once, scaleRewards: false }))[1].ppo!,
      (await micro({ ...once, scaleRewards: true }))[1].ppo!,
    ];
    const factor = raw.rewardStd / scaled.rewardStd;
    expect(factor).toBeGreaterThan(0);
    expect(Math.abs(factor - 1)).toBeGreaterThan(1e-3);
    expect(raw.rewardMean / scaled.rewardMean).toBeCloseTo(factor, 4);
    expect(raw.replyLength).toBe(scaled.replyLength); // the same rollouts, scored on another scale
  });

  it('with a tie margin wider than any gap the trainers tie every ranking: no pairs to learn or score', async () => {
    const reports = await micro({ iterations: 1, tieMargin: 1e9 });
    expect(reports[1].rewardPairs).toBe(0);
    expect(reports[1].rewardAccuracy).toBeNaN();
  });

  it('scores a constant preference as a tie everywhere (noise-free trainers): win rate ½, mean score the constant, no pairs', async () => {
    const policy = { cfg, params: initParams(cfg, 9) };
    const { reports } = await runSimulation({
      policy,
      decode,
      stopId: STOP,
      prompts,
      preference: () => 0.25,
      config: { ...config, iterations: 1, noise: 0 },
    });
    disposeParams(policy.params);
    for (const r of reports) expect([r.meanScore, r.winRate]).toEqual([0.25, 0.5]);
    expect(reports[1].rewardPairs).toBe(0); // every ranking is one big tie: no pairs to be right or wrong about
    expect(reports[1].rewardAccuracy).toBeNaN();
  });
});
