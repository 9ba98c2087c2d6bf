/**
 * Writes a tiny GPT-2 checkpoint in Hugging Face's layout (transformer. prefix, Conv1D [in, out]
 * weights, attn.bias buffers, tied lm_head), imports it, and compares the logits with a plain-JS
 * GPT-2 forward pass computed straight from the HF tensors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../backend.js';
import { disposeParams, forward } from '../model/gpt.js';
import { gaussian, mulberry32 } from '../model/sampling.js';
import { loadCheckpoint } from './checkpoint.js';
import { importHfGpt2 } from './hf-gpt2.js';
import { F32Tensor, writeSafetensors } from './safetensors.js';

const hp = { n_embd: 16, n_layer: 2, n_head: 4, n_positions: 12, vocab_size: 23, layer_norm_epsilon: 1e-5 };
type Weights = Record<string, Float32Array>;

function randomHfWeights(seed: number): { weights: Weights; shapes: Record<string, number[]> } {
  const rng = mulberry32(seed);
  const d = hp.n_embd;
  const shapes: Record<string, number[]> = {
    'wte.weight': [hp.vocab_size, d],
    'wpe.weight': [hp.n_positions, d],
    'ln_f.weight': [d],
    'ln_f.bias': [d],
  };
  for (let i = 0; i < hp.n_layer; i++) {
    Object.assign(shapes, {
      [`h.${i}.ln_1.weight`]: [d],
      [`h.${i}.ln_1.bias`]: [d],
      [`h.${i}.attn.c_attn.weight`]: [d, 3 * d],
      [`h.${i}.attn.c_attn.bias`]: [3 * d],
      [`h.${i}.attn.c_proj.weight`]: [d, d],
      [`h.${i}.attn.c_proj.bias`]: [d],
      [`h.${i}.ln_2.weight`]: [d],
      [`h.${i}.ln_2.bias`]: [d],
      [`h.${i}.mlp.c_fc.weight`]: [d, 4 * d],
      [`h.${i}.mlp.c_fc.bias`]: [4 * d],
      [`h.${i}.mlp.c_proj.weight`]: [4 * d, d],
      [`h.${i}.mlp.c_proj.bias`]: [d],
    });
  }
  const weights: Weights = {};
  for (const [name, shape] of Object.entries(shapes)) {
    const n = shape.reduce((a, b) => a * b, 1);
    const isGain = /ln_.*\.weight$|ln_f\.weight$/.test(name);
    // large enough that a transposed or mis-split weight changes the logits clearly
    weights[name] = Float32Array.from({ length: n }, () => (isGain ? 1 : 0) + 0.3 * gaussian(rng));
  }
  return { weights, shapes };
}

/** GPT-2 forward for one sequence, straight from HF tensors: logits [T][V]. */
function referenceLogits(w: Weights, ids: number[]): number[][] {
  const d = hp.n_embd,
    H = hp.n_head,
    hd = d / H,
    T = ids.length;
  const linear = (x: number[], W: Float32Array, b: Float32Array, nOut: number) =>
    Array.from({ length: nOut }, (_, o) => x.reduce((s, xi, i) => s + xi * W[i * nOut + o], b[o]));
  const ln = (x: number[], g: Float32Array, b: Float32Array) => {
    const mean = x.reduce((a, c) => a + c, 0) / x.length;
    const variance = x.reduce((a, c) => a + (c - mean) ** 2, 0) / x.length;
    return x.map((xi, i) => ((xi - mean) / Math.sqrt(variance + hp.layer_norm_epsilon)) * g[i] + b[i]);
  };
  const gelu = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
  let x = ids.map((id, t) =>
    Array.from({ length: d }, (_, j) => w['wte.weight'][id * d + j] + w['wpe.weight'][t * d + j]),
  );
  for (let l = 0; l < hp.n_layer; l++) {
    const p = (n: string) => w[`h.${l}.${n}`];
    const qkv = x.map((xt) =>
      linear(ln(xt, p('ln_1.weight'), p('ln_1.bias')), p('attn.c_attn.weight'), p('attn.c_attn.bias'), 3 * d),
    );
    const y = x.map(() => new Array<number>(d).fill(0));
    for (let h = 0; h < H; h++) {
      for (let t = 0; t < T; t++) {
        const q = qkv[t].slice(h * hd, (h + 1) * hd);
        const scores = Array.from(
          { length: t + 1 },
          (_, s) => q.reduce((a, qi, i) => a + qi * qkv[s][d + h * hd + i], 0) / Math.sqrt(hd),
        );
        const max = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - max));
        const z = e.reduce((a, c) => a + c, 0);
        for (let s = 0; s <= t; s++)
          for (let i = 0; i < hd; i++) y[t][h * hd + i] += (e[s] / z) * qkv[s][2 * d + h * hd + i];
      }
    }
    x = x.map((xt, t) =>
      linear(y[t], p('attn.c_proj.weight'), p('attn.c_proj.bias'), d).map((v, j) => v + xt[j]),
    );
    x = x.map((xt) => {
      const f = linear(
        ln(xt, p('ln_2.weight'), p('ln_2.bias')),
        p('mlp.c_fc.weight'),
        p('mlp.c_fc.bias'),
        4 * d,
      ).map(gelu);
      return linear(f, p('mlp.c_proj.weight'), p('mlp.c_proj.bias'), d).map((v, j) => v + xt[j]);
    });
  }
  return x.map((xt) => {
    const h = ln(xt, w['ln_f.weight'], w['ln_f.bias']);
    return Array.from({ length: hp.vocab_size }, (_, v) =>
      h.reduce((a, hi, j) => a + hi * w['wte.weight'][v * d + j], 0),
    );
  });
}

let dir: string;
let weights: Weights;

beforeAll(async () => {
  await initBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'hf-gpt2-'));
  const made = randomHfWeights(17);
  weights = made.weights;
  const tensors = new Map<string, F32Tensor>();
  for (const [name, data] of Object.entries(weights))
    tensors.set(`transformer.${name}`, { shape: made.shapes[name], data });
  for (let i = 0; i < hp.n_layer; i++) {
    const mask = new Float32Array(hp.n_positions ** 2).map((_, k) =>
      k % hp.n_positions <= Math.floor(k / hp.n_positions) ? 1 : 0,
    );
    tensors.set(`transformer.h.${i}.attn.bias`, {
      shape: [1, 1, hp.n_positions, hp.n_positions],
      data: mask,
    });
    tensors.set(`transformer.h.${i}.attn.masked_bias`, { shape: [], data: Float32Array.from([-1e4]) });
  }
  tensors.set('lm_head.weight', { shape: made.shapes['wte.weight'], data: weights['wte.weight'] });
  await writeSafetensors(join(dir, 'model.safetensors'), tensors, { format: 'pt' });
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({ model_type: 'gpt2', activation_function: 'gelu_new', n_ctx: hp.n_positions, ...hp }),
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('Hugging Face GPT-2 import', () => {
  it('maps the config', async () => {
    const { cfg, params } = await importHfGpt2(dir);
    expect(cfg).toEqual({
      vocabSize: 23,
      contextLength: 12,
      dModel: 16,
      nLayers: 2,
      nHeads: 4,
      layerNormEpsilon: 1e-5,
    });
    disposeParams(params);
  });

  it('gives the same logits as a plain GPT-2 forward pass on the HF weights', async () => {
    const { cfg, params } = await loadCheckpoint(dir); // detects the HF config and imports
    const ids = [3, 17, 0, 22, 9, 9, 4, 11, 5, 1, 20, 8];
    const expected = referenceLogits(weights, ids);
    const input = tf.tensor2d([ids], [1, ids.length], 'int32');
    const logits = forward(params, cfg, input);
    const got = (await logits.array())[0];
    let maxDiff = 0;
    for (let t = 0; t < ids.length; t++)
      for (let v = 0; v < cfg.vocabSize; v++)
        maxDiff = Math.max(maxDiff, Math.abs(got[t][v] - expected[t][v]));
    expect(maxDiff).toBeLessThan(2e-3);
    expect(Math.max(...expected.flat().map(Math.abs))).toBeGreaterThan(1); // logits are not trivially small
    tf.dispose([input, logits]);
    disposeParams(params);
  });

  it('rejects an untied lm_head', async () => {
    const other = await mkdtemp(join(tmpdir(), 'hf-gpt2-'));
    const { weights: w, shapes } = randomHfWeights(18);
    const tensors = new Map<string, F32Tensor>(
      Object.entries(w).map(([n, data]) => [n, { shape: shapes[n], data }]),
    );
    tensors.set('lm_head.weight', { shape: shapes['wte.weight'], data: w['wte.weight'].map((x) => x + 1) });
    await writeSafetensors(join(other, 'model.safetensors'), tensors);
    await writeFile(join(other, 'config.json'), JSON.stringify(hp));
    await expect(importHfGpt2(other)).rejects.toThrow(/untied/);
    await rm(other, { recursive: true, force: true });
  });
});
