import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import { parameterCount, presetConfig } from './config.js';
import { plainOps, xnnOps } from './ops.js';
import {
  createKvCache,
  disposeKvCache,
  disposeParams,
  forward,
  forwardStep,
  GptParams,
  initParams,
  tokenLogProbs,
} from './gpt.js';

const cfg = presetConfig('tiny');
let params: GptParams;

beforeAll(async () => {
  await initBackend('cpu');
  params = initParams(cfg, 1);
});
afterAll(() => disposeParams(params));

const tokens = (rows: number[][]) => tf.tensor2d(rows, [rows.length, rows[0].length], 'int32');
const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe('gpt forward', () => {
  it('gives logits [B, T, V] and hidden states [B, T, d]', () => {
    const input = tokens([
      [1, 2, 3, 4, 5],
      [5, 4, 3, 2, 1],
    ]);
    const { logits, hidden } = forward(params, cfg, input, { returnHidden: true });
    expect(logits.shape).toEqual([2, 5, cfg.vocabSize]);
    expect(hidden.shape).toEqual([2, 5, cfg.dModel]);
    tf.dispose([input, logits, hidden]);
  });

  it('has the parameter count the config predicts', () => {
    const total = [...params.values()].reduce((n, v) => n + v.size, 0);
    expect(total).toBe(parameterCount(cfg));
  });

  it('initialises reproducibly from a seed, GPT-2 style', () => {
    const again = initParams(cfg, 1);
    const other = initParams(cfg, 2);
    expect(maxAbsDiff(again.get('h.0.mlp.fc.w')!, params.get('h.0.mlp.fc.w')!)).toBe(0);
    expect(maxAbsDiff(other.get('h.0.mlp.fc.w')!, params.get('h.0.mlp.fc.w')!)).toBeGreaterThan(0);
    const std = (name: string) =>
      tf.tidy(() => tf.sqrt(tf.moments(params.get(name)!).variance).dataSync()[0]);
    expect(std('wte')).toBeCloseTo(0.02, 2);
    expect(std('h.1.mlp.proj.w')).toBeCloseTo(0.02 / Math.sqrt(2 * cfg.nLayers), 2);
    expect(
      params
        .get('h.0.ln1.g')!
        .dataSync()
        .every((x) => x === 1),
    ).toBe(true);
    disposeParams(again);
    disposeParams(other);
  });

  it('is causal: changing later tokens never changes earlier logits', () => {
    const a = tokens([[3, 1, 4, 1, 5, 9, 2, 6]]);
    const b = tokens([[3, 1, 4, 1, 7, 7, 7, 7]]);
    const la = forward(params, cfg, a);
    const lb = forward(params, cfg, b);
    const early = (l: tf.Tensor3D) => tf.slice(l, [0, 0, 0], [1, 4, cfg.vocabSize]);
    const late = (l: tf.Tensor3D) => tf.slice(l, [0, 4, 0], [1, 4, cfg.vocabSize]);
    expect(maxAbsDiff(early(la), early(lb))).toBeLessThan(1e-6);
    expect(maxAbsDiff(late(la), late(lb))).toBeGreaterThan(1e-4);
    tf.dispose([a, b, la, lb]);
  });

  it('refuses sequences longer than the context', () => {
    const long = tf.zeros([1, cfg.contextLength + 1], 'int32') as tf.Tensor2D;
    expect(() => forward(params, cfg, long)).toThrow(/contextLength/);
    long.dispose();
  });
});

describe('KV cache', () => {
  const seq = [7, 3, 9, 1, 12, 5, 8, 2, 30, 4, 11];

  it.each([
    ['one token at a time after a 4-token prefill', [4, 1, 1, 1, 1, 1, 1, 1], plainOps],
    ['chunks of 3', [3, 3, 3, 2], plainOps],
    ['XNNPACK formulation, transposed head kept in the cache', [4, 1, 3, 1, 1, 1], xnnOps],
  ])('forwardStep matches the full forward pass: %s', (_label, chunks, ops) => {
    const full = forward(params, cfg, tokens([seq]));
    const cache = createKvCache();
    let at = 0;
    for (const n of chunks) {
      const input = tokens([seq.slice(at, at + n)]);
      const step = forwardStep(params, cfg, cache, input, { ops });
      at += n;
      const expected = tf.reshape(tf.slice(full, [0, at - 1, 0], [1, 1, cfg.vocabSize]), [1, cfg.vocabSize]);
      expect(maxAbsDiff(step, expected)).toBeLessThan(1e-4);
      expect(cache.length).toBe(at);
      tf.dispose([input, step, expected]);
    }
    disposeKvCache(cache);
    full.dispose();
  });

  it('leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const cache = createKvCache();
    for (const t of [1, 2, 3]) {
      const input = tokens([[t]]);
      forwardStep(params, cfg, cache, input).dispose();
      input.dispose();
    }
    expect(tf.memory().numTensors).toBe(before + 2 * cfg.nLayers);
    disposeKvCache(cache);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('tokenLogProbs', () => {
  it('equals log-softmax at the target, gradient included, even far out in the tail', () => {
    const logits = tf.tensor2d([
      [2, -1, 0.5, 3],
      [0, 0, 0, 0],
      [150, -60, 0, 1],
    ]);
    const targets = tf.tensor1d([0, 2, 1], 'int32');
    const expected = [
      2 - Math.log(Math.exp(2) + Math.exp(-1) + Math.exp(0.5) + Math.exp(3)),
      -Math.log(4),
      -210,
    ];
    const got = tokenLogProbs(logits, targets).dataSync();
    expected.forEach((e, i) => expect(got[i]).toBeCloseTo(e, 4));
    const w = tf.tensor1d([1, -2, 0.5]);
    const ours = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tokenLogProbs(x as tf.Tensor2D, targets), w)))(
      logits,
    );
    const plain = tf.grad((x: tf.Tensor) =>
      tf.sum(tf.mul(tf.sum(tf.mul(tf.logSoftmax(x), tf.oneHot(targets, 4)), -1), w)),
    )(logits);
    expect(maxAbsDiff(ours, plain)).toBeLessThan(1e-6);
    tf.dispose([logits, targets, w, ours, plain]);
  });
});
