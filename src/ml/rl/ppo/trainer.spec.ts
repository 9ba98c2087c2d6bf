import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../backend.js';
import { loadCheckpoint } from '../../checkpoint/checkpoint.js';
import { presetConfig } from '../../model/config.js';
import { disposeParams, GptModel, initParams } from '../../model/gpt.js';
import { mulberry32 } from '../../model/sampling.js';
import { disposeHead, loadHead } from '../head.js';
import { copyParams, setTrainable } from '../params.js';
import {
  createRewardModel,
  disposeRewardModel,
  RewardModel,
  rewardModelVariables,
  scoreSequences,
} from '../reward-model.js';
import { PpoStepMetrics, PpoTrainer, rewardModelScorer } from './trainer.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const cfg = presetConfig('tiny', { vocabSize: 16, contextLength: 16, dModel: 16, nLayers: 1 });
const snapshot = (vars: Iterable<tf.Variable>) => [...vars].map((v) => Array.from(v.dataSync()));
const randomPrompts = (rng: () => number, n: number) =>
  Array.from({ length: n }, () =>
    Array.from({ length: 3 }, () => 1 + Math.floor(rng() * (cfg.vocabSize - 1))),
  );

describe('PpoTrainer', () => {
  it('raises the reward on a toy task (reward = fraction of token X in the reply), KL finite, π_ref unchanged', async () => {
    const X = 3;
    const policy: GptModel = { cfg, params: initParams(cfg, 2) };
    const trainer = new PpoTrainer({
      policy,
      scorer: (samples) => samples.map((s) => s.reply.filter((t) => t === X).length / s.reply.length),
      config: { learningRate: 1e-2, miniBatchSize: 8, maxNewTokens: 6, seed: 2 },
    });
    const reference = snapshot(trainer.reference.params.values());
    const rng = mulberry32(10);
    const history: PpoStepMetrics[] = [];
    for (let i = 0; i < 2; i++) history.push((await trainer.step(randomPrompts(rng, 8))).metrics); // warm up the tensor count
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) history.push((await trainer.step(randomPrompts(rng, 8))).metrics);
    expect(tf.memory().numTensors).toBe(tensors);

    const mean = (ms: PpoStepMetrics[]) => ms.reduce((a, m) => a + m.rewardMean, 0) / ms.length;
    const [first, last] = [mean(history.slice(0, 3)), mean(history.slice(-3))];
    console.log(
      `PPO toy: reward ${first.toFixed(3)} → ${last.toFixed(3)} over ${history.length} steps; KL ${history.at(-1)!.kl.toFixed(2)} nats, β ${history.at(-1)!.nextBeta.toFixed(5)}\n` +
        history
          .map(
            (m) =>
              `${m.step}: reward ${m.rewardMean.toFixed(3)} kl ${m.kl.toFixed(2)} entropy ${m.entropy.toFixed(2)} clip ${m.clipFraction.toFixed(2)}`,
          )
          .join('\n'),
    );
    expect(first).toBeLessThan(0.15); // ≈ 1/16 for an untrained policy
    expect(last).toBeGreaterThan(first + 0.25);
    for (const m of history) {
      for (const [k, v] of Object.entries(m))
        if (k !== 'explainedVariance') expect([k, Number.isFinite(v)]).toEqual([k, true]);
      expect(m.replyLength).toBe(6);
      expect(m.beta).toBeGreaterThan(0);
    }
    expect(history.map((m) => m.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(snapshot(trainer.reference.params.values())).toEqual(reference);
    expect([...trainer.reference.params.values()].every((v) => !v.trainable)).toBe(true);
    trainer.dispose();
    disposeParams(policy.params);
  });

  describe('with a reward model', () => {
    let policy: GptModel;
    let rewardModel: RewardModel;
    let reference: GptModel;
    let dir: string;
    beforeAll(async () => {
      policy = { cfg, params: initParams(cfg, 4) };
      rewardModel = createRewardModel(policy, { seed: 3, headStd: 0.5 });
      setTrainable(rewardModelVariables(rewardModel).values(), false); // frozen, as PPO wants it
      reference = { cfg, params: copyParams(policy.params, false) };
      dir = await mkdtemp(join(tmpdir(), 'ppo-'));
    });
    afterAll(async () => {
      disposeParams(policy.params);
      disposeParams(reference.params);
      disposeRewardModel(rewardModel);
      await rm(dir, { recursive: true, force: true });
    });

    it('updates only the policy and its value head (initialised from the RM head); the RM and π_ref stay bit for bit', async () => {
      const trainer = new PpoTrainer({
        policy,
        reference,
        scorer: rewardModelScorer(rewardModel),
        valueHead: rewardModel.head,
        stopIds: [15],
        config: { learningRate: 1e-3, miniBatchSize: 2, maxNewTokens: 4, ppoEpochs: 2 },
      });
      expect([...trainer.variables.keys()]).toEqual([...policy.params.keys(), 'value.w', 'value.b']);
      expect([...trainer.variables.values()].slice(0, policy.params.size)).toEqual([
        ...policy.params.values(),
      ]);
      expect(Array.from(trainer.valueHead.w.dataSync())).toEqual(Array.from(rewardModel.head.w.dataSync()));
      expect(trainer.valueHead.w).not.toBe(rewardModel.head.w);

      const frozen = snapshot([...rewardModelVariables(rewardModel).values(), ...reference.params.values()]);
      const policyBefore = snapshot(policy.params.values());
      const valueBefore = snapshot([trainer.valueHead.w, trainer.valueHead.b]);
      const rng = mulberry32(3);
      for (let i = 0; i < 2; i++) {
        const { samples, scores, metrics } = await trainer.step(randomPrompts(rng, 4));
        expect(Array.from(scores)).toEqual(
          Array.from(
            scoreSequences(
              rewardModel,
              samples.map((s) => [...s.prompt, ...s.reply]),
            ),
          ),
        );
        expect(metrics.rewardMean).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / scores.length, 5);
        for (const s of samples) expect(s.stopped).toBe(s.reply.at(-1) === 15);
      }
      expect(snapshot([...rewardModelVariables(rewardModel).values(), ...reference.params.values()])).toEqual(
        frozen,
      );
      const policyAfter = snapshot(policy.params.values());
      expect(policyAfter.every((v, i) => v.some((x, j) => x !== policyBefore[i][j]))).toBe(true); // every policy tensor moved
      expect(snapshot([trainer.valueHead.w, trainer.valueHead.b])).not.toEqual(valueBefore);

      await trainer.save(join(dir, 'policy'), { parent: 'v1' });
      expect((await readdir(join(dir, 'policy'))).sort()).toEqual([
        'config.json',
        'model.safetensors',
        'value_head.safetensors',
      ]);
      const loaded = await loadCheckpoint(join(dir, 'policy'), { trainable: false });
      expect(loaded.extra).toMatchObject({
        kind: 'policy',
        valueHead: 'value_head.safetensors',
        ppo: { step: 2, beta: trainer.klController.value },
        parent: 'v1',
      });
      expect(snapshot(loaded.params.values())).toEqual(policyAfter);
      const head = await loadHead(join(dir, 'policy', 'value_head.safetensors'), cfg.dModel);
      expect(Array.from(head.w.dataSync())).toEqual(Array.from(trainer.valueHead.w.dataSync()));
      disposeHead(head);
      disposeParams(loaded.params);
      trainer.dispose();
    });

    it('stops a batch early once a minibatch moves the policy past 1.5 × earlyStopKl, and not before', async () => {
      const run = async (earlyStopKl: number) => {
        const params = copyParams(policy.params, true);
        const trainer = new PpoTrainer({
          policy: { cfg, params },
          reference,
          scorer: rewardModelScorer(rewardModel),
          stopIds: [15],
          config: { learningRate: 1e-2, miniBatchSize: 2, maxNewTokens: 4, ppoEpochs: 3, earlyStopKl },
        });
        const { metrics } = await trainer.step(randomPrompts(mulberry32(8), 8));
        trainer.dispose();
        disposeParams(params);
        return metrics;
      };
      expect((await run(Infinity)).minibatches).toBe(3 * 4);
      // the first minibatch starts at the rollout policy (approx KL 0); the update it makes shows in the second
      const stopped = await run(1e-9);
      expect(stopped.minibatches).toBe(2);
      expect(stopped.approxKl).toBeGreaterThan(0);
      expect(() => new PpoTrainer({ policy, scorer: () => [], config: { earlyStopKl: 0 } })).toThrow(
        /earlyStopKl/,
      );
    });

    it('refuses a trainable or shared reference and a frozen policy', () => {
      const scorer = () => [];
      expect(() => new PpoTrainer({ policy, reference: policy, scorer })).toThrow(/separate, non-trainable/);
      const frozenPolicy = { cfg, params: copyParams(policy.params, false) };
      expect(() => new PpoTrainer({ policy: frozenPolicy, scorer })).toThrow(/non-trainable variables/);
      disposeParams(frozenPolicy.params);
      expect(() => new PpoTrainer({ policy, scorer, config: { ppoEpochs: 0 } })).toThrow(/ppoEpochs/);
    });
  });
});
