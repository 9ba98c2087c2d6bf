/**
 * The fast formulations must compute the same function with the same gradients as the plain one.
 * Checked on the JS cpu backend and on wasm (where the fast paths are meant to run).
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import { presetConfig } from './config.js';
import { disposeParams, forward, initParams, tokenLogProbs } from './gpt.js';
import { cpuOps, GptOps, groupedMatMul, opsFor, plainOps, xnnOps } from './ops.js';

const rand = (shape: number[], seed: number, scale = 1) =>
  tf.mul(tf.randomNormal(shape, 0, 1, 'float32', seed), scale);

/** Value and gradients of sum(f(inputs) · R) for a fixed random cotangent R. */
function valueAndGrads(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  inputs: tf.Tensor[],
): { value: Float32Array; grads: Float32Array[] } {
  return tf.tidy(() => {
    const value = f(...inputs);
    const r = rand(value.shape, 99);
    const grads = tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), r)))(inputs);
    return { value: value.dataSync() as Float32Array, grads: grads.map((g) => g.dataSync() as Float32Array) };
  });
}

function expectClose(a: Float32Array, b: Float32Array, tol: number) {
  expect(a.length).toBe(b.length);
  let worst = 0;
  const scale = Math.max(1e-6, ...Array.from(b, Math.abs));
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst / scale).toBeLessThan(tol);
}

type Pick = (o: GptOps) => (...xs: tf.Tensor[]) => tf.Tensor;

function sameAsPlain(ops: GptOps, pick: Pick, inputs: () => tf.Tensor[], tol = 1e-5) {
  const xs = inputs();
  const plain = valueAndGrads(pick(plainOps), xs);
  const fast = valueAndGrads(pick(ops), xs);
  expectClose(fast.value, plain.value, tol);
  fast.grads.forEach((g, i) => expectClose(g, plain.grads[i], tol));
  tf.dispose(xs);
}

const ids = () => tf.tensor1d([3, 1, 3, 0, 3], 'int32');
// wasm has no UnsortedSegmentSum, so plain gather has no gradient there: compare with one-hot · table
const embedReference: Pick = (o) => (t) =>
  o === plainOps ? tf.matMul(tf.oneHot(ids(), 5), t as tf.Tensor2D) : o.embed(t as tf.Tensor2D, ids());

const cases: [string, Pick, () => tf.Tensor[]][] = [
  [
    'linear',
    (o) => (x, w, b) => o.linear(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D),
    () => [rand([6, 5], 1), rand([5, 7], 2), rand([7], 3)],
  ],
  [
    'matMulT',
    (o) => (a, b) => o.matMulT(a as tf.Tensor2D, b as tf.Tensor2D),
    () => [rand([6, 5], 4), rand([9, 5], 5)],
  ],
  [
    'addBias',
    (o) => (x, b) => o.addBias(x as tf.Tensor2D, b as tf.Tensor1D),
    () => [rand([4, 6], 6), rand([6], 7)],
  ],
  [
    'layerNorm',
    (o) => (x, g, b) => o.layerNorm(x as tf.Tensor2D, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5),
    () => [rand([5, 8], 8, 3), tf.add(1, rand([8], 9, 0.2)), rand([8], 10)],
  ],
  ['gelu', (o) => (x) => o.gelu(x as tf.Tensor2D), () => [rand([7, 9], 11, 3)]],
  ['embed (gradient of the table, repeated ids)', embedReference, () => [rand([5, 4], 12)]],
  [
    'attention, prefill (T×T, causal)',
    (o) => (q, k, v) => o.attention(q as tf.Tensor4D, k as tf.Tensor4D, v as tf.Tensor4D, 0),
    () => [rand([2, 5, 3, 4], 13), rand([2, 5, 3, 4], 14), rand([2, 5, 3, 4], 15)],
  ],
  [
    'attention, chunk after a cached prefix',
    (o) => (q, k, v) => o.attention(q as tf.Tensor4D, k as tf.Tensor4D, v as tf.Tensor4D, 3),
    () => [rand([1, 2, 2, 4], 16), rand([1, 5, 2, 4], 17), rand([1, 5, 2, 4], 18)],
  ],
  [
    'attention, one decoding step',
    (o) => (q, k, v) => o.attention(q as tf.Tensor4D, k as tf.Tensor4D, v as tf.Tensor4D, 4),
    () => [rand([1, 1, 2, 4], 19), rand([1, 5, 2, 4], 20), rand([1, 5, 2, 4], 21)],
  ],
];

describe.each(['cpu', 'wasm'])('fast ops on %s', (backend) => {
  beforeAll(async () => {
    await initBackend(backend);
  });

  it('picks the formulation per backend', () => {
    expect(opsFor()).toBe(backend === 'wasm' ? xnnOps : cpuOps);
    expect(opsFor('tensorflow')).toBe(plainOps);
  });

  describe.each([
    ['xnnpack', xnnOps],
    ['cpu', cpuOps],
  ] as const)('%s formulation', (_name, ops) => {
    it.each(cases)('%s: same values and gradients as plain', (_label, pick, inputs) =>
      sameAsPlain(ops, pick, inputs),
    );
  });

  it('groupedMatMul equals a per-group matmul, gradients included', () => {
    // a [M, K, G], f [K, G, N] → out[m, g, n] = Σ_k a[m, k, g] f[k, g, n]
    const reference = (a: tf.Tensor, f: tf.Tensor) =>
      tf.transpose(
        tf.matMul(tf.transpose(a, [2, 0, 1]) as tf.Tensor3D, tf.transpose(f, [1, 0, 2]) as tf.Tensor3D),
        [1, 0, 2],
      );
    const xs = [rand([4, 3, 5], 30), rand([3, 5, 6], 31)];
    const fast = valueAndGrads((a, f) => groupedMatMul(a, f), xs);
    const plain = valueAndGrads(reference, xs);
    expectClose(fast.value, plain.value, 1e-5);
    fast.grads.forEach((g, i) => expectClose(g, plain.grads[i], 1e-5));
    tf.dispose(xs);
  });

  it('a whole GPT gives the same loss and parameter gradients with either formulation', () => {
    const cfg = presetConfig('tiny', { contextLength: 8, vocabSize: 16 });
    const params = initParams(cfg, 4);
    const names = [...params.keys()];
    const tokens = tf.tensor2d(
      [
        [1, 5, 2, 9, 5, 3, 1, 7],
        [4, 4, 0, 15, 2, 8, 8, 6],
      ],
      [2, 8],
      'int32',
    );
    const targets = tf.tensor1d([5, 2, 9, 5, 3, 1, 7, 2, 4, 0, 15, 2, 8, 8, 6, 1], 'int32');
    const run = (ops: GptOps) =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => {
          const logits = tf.reshape(forward(params, cfg, tokens, { ops }), [
            16,
            cfg.vocabSize,
          ]) as tf.Tensor2D;
          return tf.neg(tf.mean(tokenLogProbs(logits, targets))) as tf.Scalar;
        }, [...params.values()]);
        return {
          loss: value.dataSync()[0],
          grads: names.map((n) => grads[params.get(n)!.name].dataSync() as Float32Array),
        };
      });
    const fast = run(xnnOps);
    const reference = run(cpuOps); // plain, except an embedding gradient wasm can compute
    expect(fast.loss).toBeCloseTo(reference.loss, 5);
    fast.grads.forEach((g, i) => expectClose(g, reference.grads[i], 1e-4));
    tf.dispose([tokens, targets]);
    disposeParams(params);
  });

  it('gelu in sigmoid form is GPT-2 tanh-GELU', () => {
    const x = tf.linspace(-6, 6, 49);
    const exact = Array.from(
      x.dataSync(),
      (v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))),
    );
    const got = xnnOps.gelu(tf.reshape(x, [7, 7]) as tf.Tensor2D).dataSync();
    exact.forEach((e, i) => expect(got[i]).toBeCloseTo(e, 5));
  });
});
