/** Every gradient gradients.ts registers, checked against central finite differences. */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import './gradients.js';

beforeAll(() => initBackend('cpu'));

const rand = (shape: number[], seed: number, lo = -2, hi = 2) =>
  tf.randomUniform(shape, lo, hi, 'float32', seed);

/** Max relative difference between tf.grads and central differences of sum(f(xs) · R). */
function gradError(f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[]): number {
  return tf.tidy(() => {
    const r = tf.randomUniform(f(...inputs).shape, 0.5, 1.5, 'float32', 7);
    const loss = (...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), r));
    const analytic = tf
      .grads(loss)(inputs)
      .map((g) => g.dataSync());
    const eps = 1e-2;
    let worst = 0;
    inputs.forEach((x, k) => {
      const base = x.dataSync().slice();
      const scale = Math.max(1, ...Array.from(analytic[k], Math.abs));
      for (let i = 0; i < base.length; i++) {
        const at = (delta: number) => {
          const v = base.slice();
          v[i] += delta;
          const xs = inputs.map((y, j) => (j === k ? tf.tensor(v, x.shape) : y));
          return loss(...xs).dataSync()[0];
        };
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        worst = Math.max(worst, Math.abs(numeric - analytic[k][i]) / scale);
      }
    });
    return worst;
  });
}

const a23 = () => rand([2, 3], 1);
const b3 = () => rand([3], 2);
const pos = (shape: number[], seed: number) => rand(shape, seed, 0.5, 2);

const cases: [string, (...xs: tf.Tensor[]) => tf.Tensor, () => tf.Tensor[]][] = [
  ['Add (broadcast)', (a, b) => tf.add(a, b), () => [a23(), b3()]],
  ['Sub (broadcast)', (a, b) => tf.sub(a, b), () => [a23(), b3()]],
  ['Multiply (broadcast)', (a, b) => tf.mul(a, b), () => [a23(), b3()]],
  ['RealDiv (broadcast)', (a, b) => tf.div(a, b), () => [a23(), pos([3], 3)]],
  [
    'Maximum / Minimum',
    (a, b) => tf.add(tf.maximum(a, b), tf.mul(2, tf.minimum(a, b))),
    () => [tf.tensor([1, -1, 0.5]), tf.tensor([0, 0.3, 2])],
  ],
  ['SquaredDifference', (a, b) => tf.squaredDifference(a, b), () => [a23(), rand([2, 3], 4)]],
  ['Pow', (a, b) => tf.pow(a, b), () => [pos([4], 5), rand([4], 6, 0.5, 2)]],
  ['Neg, Square, Exp', (x) => tf.add(tf.neg(tf.square(x)), tf.exp(x)), () => [a23()]],
  [
    'Sqrt, Rsqrt, Log, Log1p, Reciprocal',
    (x) => tf.addN([tf.sqrt(x), tf.rsqrt(x), tf.log(x), tf.log1p(x), tf.reciprocal(x)]),
    () => [pos([5], 8)],
  ],
  ['Tanh, Sigmoid, Softplus', (x) => tf.addN([tf.tanh(x), tf.sigmoid(x), tf.softplus(x)]), () => [a23()]],
  [
    'Abs, Relu, ClipByValue (away from kinks)',
    (x) => tf.addN([tf.abs(x), tf.relu(x), tf.clipByValue(x, -1, 1)]),
    () => [tf.tensor([-1.7, -0.6, 0.4, 1.5])],
  ],
  ['Sum, Mean over axes', (x) => tf.add(tf.sum(x, 1, true), tf.mean(x, 0)), () => [rand([3, 3], 9)]],
  [
    'Max, Min',
    (x) => tf.concat([tf.max(x, 1), tf.min(x, 0)]),
    () => [
      tf.tensor([
        [1, 5, 2],
        [7, 0, 3],
      ]),
    ],
  ],
  ['Softmax, LogSoftmax', (x) => tf.add(tf.softmax(x), tf.logSoftmax(x)), () => [a23()]],
  ['logSumExp (Max + Exp + Log)', (x) => tf.logSumExp(x, -1), () => [a23()]],
  ['BatchMatMul', (a, b) => tf.matMul(a, b), () => [rand([2, 2, 3], 10), rand([2, 3, 2], 11)]],
  [
    'BatchMatMul transposeA',
    (a, b) => tf.matMul(a, b, true, false),
    () => [rand([2, 3], 12), rand([2, 4], 13)],
  ],
  [
    'BatchMatMul transposeB',
    (a, b) => tf.matMul(a, b, false, true),
    () => [rand([2, 3], 14), rand([4, 3], 15)],
  ],
  [
    'BatchMatMul transposeA and B',
    (a, b) => tf.matMul(a, b, true, true),
    () => [rand([3, 2], 16), rand([4, 3], 17)],
  ],
  [
    'Reshape, ExpandDims, Transpose',
    (x) => tf.transpose(tf.expandDims(tf.reshape(x, [3, 2]), 0), [2, 0, 1]),
    () => [a23()],
  ],
  [
    'Slice, PadV2',
    (x) =>
      tf.pad(tf.slice(x, [0, 1], [2, 2]), [
        [1, 0],
        [0, 2],
      ]),
    () => [a23()],
  ],
  [
    'Concat, SplitV',
    (a, b) => tf.mul(tf.split(tf.concat([a, b], 1), [2, 4], 1)[1], 3),
    () => [a23(), rand([2, 3], 18)],
  ],
  [
    'Pack, Unpack',
    (a, b) => tf.mul(tf.unstack(tf.stack([a, b], 1), 0)[1], 2),
    () => [a23(), rand([2, 3], 19)],
  ],
  [
    'BroadcastTo, Tile',
    (x) => tf.add(tf.broadcastTo(x, [2, 2, 3]), tf.tile(tf.reshape(x, [1, 1, 3]), [2, 2, 1])),
    () => [rand([1, 3], 20)],
  ],
  [
    'Select (where)',
    (a, b) => tf.where(tf.tensor([true, false, true], [3], 'bool'), a, b),
    () => [b3(), rand([3], 21)],
  ],
  ['GatherV2 (repeated ids)', (x) => tf.gather(x, tf.tensor1d([2, 0, 2], 'int32')), () => [rand([3, 2], 22)]],
  ['GatherV2 axis 1', (x) => tf.gather(x, tf.tensor1d([1, 1, 0], 'int32'), 1), () => [rand([2, 3], 23)]],
  ['Cast', (x) => tf.cast(tf.mul(x, 2), 'float32'), () => [b3()]],
];

describe('registered gradients match finite differences', () => {
  it.each(cases)('%s', (_name, f, inputs) => {
    const xs = inputs();
    expect(gradError(f, xs)).toBeLessThan(5e-3);
    tf.dispose(xs);
  });
});
