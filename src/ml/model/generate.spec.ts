import { initBackend } from '../backend.js';
import { presetConfig } from './config.js';
import { generate } from './generate.js';
import { disposeParams, GptModel, initParams } from './gpt.js';
import * as tf from '@tensorflow/tfjs-core';

const cfg = presetConfig('tiny', { contextLength: 48 });
let model: GptModel;
const prompt = [1, 5, 9, 2];

beforeAll(async () => {
  await initBackend('cpu');
  model = { cfg, params: initParams(cfg, 3) };
  // larger weights make the random model less repetitive, so greedy decoding visits several tokens
  tf.tidy(() => {
    for (const [name, v] of model.params) if (name.endsWith('.w')) v.assign(tf.mul(v, 4));
  });
});
afterAll(() => disposeParams(model.params));

describe.each(['cpu', 'wasm'])('generate on %s', (backend) => {
  beforeAll(() => initBackend(backend));
  afterAll(() => initBackend('cpu'));

  it('with the KV cache equals generation without it, greedy', async () => {
    const opts = { maxTokens: 30, temperature: 0 };
    const cached = await generate(model, prompt, { ...opts, useCache: true });
    const uncached = await generate(model, prompt, { ...opts, useCache: false });
    expect(cached.ids).toHaveLength(30);
    expect(new Set(cached.ids).size).toBeGreaterThan(3); // not a trivial repeat
    expect(cached.ids).toEqual(uncached.ids);
    expect(cached.finishReason).toBe('length');
  });

  it('with the KV cache equals generation without it, seeded sampling', async () => {
    const opts = { maxTokens: 30, temperature: 1, topP: 0.95, topK: 40, seed: 11 };
    const cached = await generate(model, prompt, { ...opts, useCache: true });
    const uncached = await generate(model, prompt, { ...opts, useCache: false });
    expect(cached.ids).toEqual(uncached.ids);
  });
});

describe('generate', () => {
  it('reproduces a sample from its seed; another seed gives another sample', async () => {
    const opts = { maxTokens: 24, temperature: 1.2 };
    const a = await generate(model, prompt, { ...opts, seed: 5 });
    const b = await generate(model, prompt, { ...opts, seed: 5 });
    const c = await generate(model, prompt, { ...opts, seed: 6 });
    expect(b.ids).toEqual(a.ids);
    expect(c.ids).not.toEqual(a.ids);
    expect(a.seed).toBe(5);
    const unseeded = await generate(model, prompt, { ...opts });
    const replay = await generate(model, prompt, { ...opts, seed: unseeded.seed });
    expect(replay.ids).toEqual(unseeded.ids);
  });

  it('reproduces a seeded sample across backends (sampling runs in JS, not in tfjs)', async () => {
    const opts = { maxTokens: 24, temperature: 1, topP: 0.9, seed: 21 };
    const onCpu = await generate(model, prompt, opts);
    await initBackend('wasm');
    const onWasm = await generate(model, prompt, opts);
    await initBackend('cpu');
    expect(onWasm.ids).toEqual(onCpu.ids);
  });

  it('stops on a stop id, excluding it, and reports which', async () => {
    const free = await generate(model, prompt, { maxTokens: 20, temperature: 0 });
    const stopAt = free.ids[5];
    const firstIndex = free.ids.indexOf(stopAt);
    const stopped = await generate(model, prompt, { maxTokens: 20, temperature: 0, stopIds: [stopAt] });
    expect(stopped).toMatchObject({
      finishReason: 'stop',
      stopId: stopAt,
      ids: free.ids.slice(0, firstIndex),
    });
  });

  it('stops when onToken returns true, keeping that token', async () => {
    const seen: number[] = [];
    const out = await generate(model, prompt, {
      maxTokens: 20,
      temperature: 0,
      onToken: (id) => (seen.push(id), seen.length === 3),
    });
    expect(out.finishReason).toBe('stop');
    expect(out.ids).toEqual(seen);
    expect(out.ids).toHaveLength(3);
  });

  it("stops with 'length' when prompt plus reply fills the context", async () => {
    const out = await generate(model, prompt, { maxTokens: 1000, temperature: 1, seed: 1 });
    expect(out).toMatchObject({ finishReason: 'length' });
    expect(prompt.length + out.ids.length).toBe(cfg.contextLength);
    const full = await generate(model, new Array(cfg.contextLength).fill(1), {
      maxTokens: 5,
      temperature: 0,
    });
    expect(full).toMatchObject({ finishReason: 'length', ids: [] });
  });

  it("stops with 'abort' when the signal fires", async () => {
    const controller = new AbortController();
    const out = await generate(model, prompt, {
      maxTokens: 40,
      temperature: 0,
      signal: controller.signal,
      onToken: (id) => void (id >= 0 && controller.abort()),
    });
    expect(out.finishReason).toBe('abort');
    expect(out.ids).toHaveLength(1);
  });

  it('refuses an empty prompt and ids outside the vocabulary', async () => {
    await expect(generate(model, [], { maxTokens: 3, temperature: 0 })).rejects.toThrow(/at least one/);
    await expect(generate(model, [1, cfg.vocabSize], { maxTokens: 3, temperature: 0 })).rejects.toThrow(
      /outside the vocabulary/,
    );
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await generate(model, prompt, { maxTokens: 10, temperature: 1, seed: 2 });
    await generate(model, prompt, { maxTokens: 10, temperature: 1, seed: 2, useCache: false });
    expect(tf.memory().numTensors).toBe(before);
  });
});
