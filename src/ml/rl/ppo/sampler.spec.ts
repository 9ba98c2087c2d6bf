import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../backend.js';
import { presetConfig } from '../../model/config.js';
import { generate } from '../../model/generate.js';
import { disposeParams, forward, GptModel, initParams } from '../../model/gpt.js';
import { gatherActions, packSamples, policyOutputs, scatterActions } from './rollout.js';
import { sampleReplies } from './sampler.js';

const cfg = presetConfig('tiny', { vocabSize: 32, contextLength: 12, dModel: 16, nLayers: 1 });
let model: GptModel;

beforeAll(async () => {
  await initBackend('cpu');
  model = { cfg, params: initParams(cfg, 3) };
  // larger weights: a less uniform distribution, so stop ids and sequences are not all alike
  tf.tidy(() => {
    for (const [name, v] of model.params) if (name.endsWith('.w') || name === 'wte') v.assign(tf.mul(v, 6));
  });
});
afterAll(() => disposeParams(model.params));

describe('sampleReplies', () => {
  it('draws exactly what generate() draws at temperature 1 with the same seed', async () => {
    const prompt = [1, 5, 9];
    const [s] = await sampleReplies(model, [prompt], { maxNewTokens: 6, seed: 17 });
    const g = await generate(model, prompt, { maxTokens: 6, temperature: 1, seed: 17 });
    expect(s).toEqual({ prompt, reply: g.ids, stopped: false });
    // with a stop id: generate drops it, the sampler keeps it as the reply's last action
    const stopId = g.ids[2];
    const [stopped] = await sampleReplies(model, [prompt], { maxNewTokens: 6, seed: 17, stopIds: [stopId] });
    const gs = await generate(model, prompt, { maxTokens: 6, temperature: 1, seed: 17, stopIds: [stopId] });
    expect(gs.finishReason).toBe('stop');
    expect(stopped).toEqual({ prompt, reply: [...gs.ids, stopId], stopped: true });
  });

  it('batches prompts of equal length, keeps the order, reproduces from its seed and stays inside the context', async () => {
    const prompts = [[1, 2, 3], [4, 5], [6, 7, 8], Array.from({ length: 10 }, (_, i) => i + 1)];
    const tensors = tf.memory().numTensors;
    const a = await sampleReplies(model, prompts, { maxNewTokens: 5, seed: 4 });
    expect(tf.memory().numTensors).toBe(tensors);
    const b = await sampleReplies(model, prompts, { maxNewTokens: 5, seed: 4 });
    expect(b).toEqual(a);
    expect(a.map((s) => s.prompt)).toEqual(prompts);
    expect(a.map((s) => s.reply.length)).toEqual([5, 5, 5, 2]); // the last prompt has 2 positions left
    expect(a.every((s) => s.reply.every((t) => t >= 0 && t < cfg.vocabSize))).toBe(true);
    await expect(sampleReplies(model, [Array(12).fill(1)], { maxNewTokens: 1, seed: 0 })).rejects.toThrow(
      /context/,
    );
  });
});

describe('packSamples', () => {
  const samples = [
    { prompt: [1, 2], reply: [3, 4, 5], stopped: true },
    { prompt: [6], reply: [7], stopped: false },
  ];

  it('lays out inputs, next-token targets and the action mask at positions P−1 … P+L−2', () => {
    const p = packSamples(samples);
    expect(p).toMatchObject({ batchSize: 2, seqLen: 4, starts: [1, 4], lengths: [3, 1] });
    expect(Array.from(p.tokens)).toEqual([1, 2, 3, 4, 6, 0, 0, 0]);
    expect(Array.from(p.targets)).toEqual([2, 3, 4, 5, 7, 0, 0, 0]);
    expect(Array.from(p.mask)).toEqual([0, 1, 1, 1, 1, 0, 0, 0]);
    const rows = [Float32Array.of(0.1, 0.2, 0.3), Float32Array.of(0.4)];
    const flat = scatterActions(p, rows);
    expect(Array.from(flat)).toEqual(Array.from(Float32Array.of(0, 0.1, 0.2, 0.3, 0.4, 0, 0, 0)));
    expect(gatherActions(p, flat)).toEqual(rows);
  });

  it("reads each action's log-prob from the logits that predicted it, unaffected by padding", () => {
    const p = packSamples(samples);
    const actions = tf.tidy(() =>
      gatherActions(p, policyOutputs(model.params, cfg, null, p).logp.dataSync()),
    );
    // the first reply token of row 0 is predicted by the last prompt position of [1, 2]
    const direct = tf.tidy(
      () =>
        tf
          .logSoftmax(
            tf.reshape(forward(model.params, cfg, tf.tensor2d([[1, 2]], [1, 2], 'int32')), [
              2,
              cfg.vocabSize,
            ]),
          )
          .arraySync() as number[][],
    );
    expect(actions[0][0]).toBeCloseTo(direct[1][3], 4);
    // row 1 alone (no padding) gives the same log-prob as inside the padded batch
    const alone = packSamples([samples[1]]);
    const single = tf.tidy(() =>
      gatherActions(alone, policyOutputs(model.params, cfg, null, alone).logp.dataSync()),
    );
    expect(single[0][0]).toBeCloseTo(actions[1][0], 4);
  });
});
