import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../backend.js';
import {
  clippedPolicyLoss,
  clippedValueLoss,
  entropyFromLogits,
  explainedVariance,
  maskedMean,
  meanStd,
  whiten,
} from './losses.js';

beforeAll(async () => {
  await initBackend('cpu');
});

const value = (t: tf.Tensor) => t.dataSync()[0];

describe('clippedPolicyLoss (ε = 0.2)', () => {
  // token:        1       2       3       4       5 (masked out)
  // ρ:            1.5     0.5     0.5     1.1     9
  // A:            +1      +1      −2      −1      100
  // −A·ρ:         −1.5    −0.5    1.0     1.1
  // −A·clip(ρ):   −1.2    −0.8    1.6     1.1
  // max:          −1.2    −0.5    1.6     1.1      → mean 1.0/4 = 0.25
  // clip binds:   yes     no      yes     no (equal) → 2/4
  const ratios = [1.5, 0.5, 0.5, 1.1, 9];
  const old = [-1, -2, -0.5, -3, -1];
  const logp = () => tf.tensor1d(ratios.map((r, i) => old[i] + Math.log(r)));
  const args = () =>
    [tf.tensor1d(old), tf.tensor1d([1, 1, -2, -1, 100]), tf.tensor1d([1, 1, 1, 1, 0])] as const;

  it('takes the pessimistic (larger) of the clipped and unclipped terms', () => {
    const out = clippedPolicyLoss(logp(), ...args(), 0.2);
    expect(value(out.loss)).toBeCloseTo(0.25, 5);
    expect(value(out.clipFraction)).toBeCloseTo(0.5, 6);
    expect(value(out.ratioMean)).toBeCloseTo((1.5 + 0.5 + 0.5 + 1.1) / 4, 5);
    const sq = [1.5, 0.5, 0.5, 1.1].map((r) => Math.log(r) ** 2); // 0.16440, 0.48045, 0.48045, 0.00908
    expect(value(out.approxKl)).toBeCloseTo((0.5 * sq.reduce((a, b) => a + b)) / 4, 5); // 0.141799
    expect(value(out.approxKl)).toBeCloseTo(0.141799, 5);
  });

  it('has no gradient where clipping binds, −A·ρ/N elsewhere', () => {
    // d/dlogp of −A·ρ is −A·ρ: token 2 → −0.5/4 = −0.125, token 4 → 1.1/4 = 0.275; tokens 1, 3 clipped; 5 masked
    const [o, a, m] = args();
    const g = tf.grad((lp: tf.Tensor) => clippedPolicyLoss(lp as tf.Tensor1D, o, a, m, 0.2).loss)(logp());
    Array.from(g.dataSync()).forEach((v, i) => expect(v).toBeCloseTo([0, -0.125, 0, 0.275, 0][i], 5));
  });

  it('is −mean A at ρ = 1 (the on-policy first minibatch)', () => {
    const [o, a] = args();
    const out = clippedPolicyLoss(o, o, a, tf.tensor1d([1, 1, 1, 1, 0]), 0.2);
    expect(value(out.loss)).toBeCloseTo(-(1 + 1 - 2 - 1) / 4, 6);
    expect(value(out.clipFraction)).toBe(0);
    expect(value(out.approxKl)).toBe(0);
  });
});

describe('clippedValueLoss (ε_v = 0.2)', () => {
  it('matches a hand-computed example where the clip binds on one token', () => {
    // V_old = [1, 1, 0], V = [1.5, 0.9, 0.1], R = [2, 0, 0.5]
    // token 1: (V−R)² = 0.25; clipped V = 1 + clip(0.5) = 1.2 → (1.2−2)² = 0.64 (binds)
    // token 2: (0.9−0)² = 0.81; clipped V = 0.9 (inside) → 0.81
    // token 3: (0.1−0.5)² = 0.16; clipped V = 0.1 → 0.16
    // loss = ½·(0.64 + 0.81 + 0.16)/3 = 0.268333
    const out = clippedValueLoss(
      tf.tensor1d([1.5, 0.9, 0.1, 7]),
      tf.tensor1d([1, 1, 0, 0]),
      tf.tensor1d([2, 0, 0.5, -7]),
      tf.tensor1d([1, 1, 1, 0]),
      0.2,
    );
    expect(value(out.loss)).toBeCloseTo(0.268333, 5);
    expect(value(out.clipFraction)).toBeCloseTo(1 / 3, 6);
  });
});

describe('entropyFromLogits', () => {
  it('averages −Σ p log p over masked-in rows', () => {
    // [0, 0] → ln 2 = 0.693147; [0, ln 3] → p = [¼, ¾]: ¼·ln 4 + ¾·ln(4/3) = 0.562335
    const h = entropyFromLogits(
      tf.tensor2d([
        [0, 0],
        [0, Math.log(3)],
        [0, 50],
      ]),
      tf.tensor1d([1, 1, 0]),
    );
    expect(value(h)).toBeCloseTo((0.693147 + 0.562335) / 2, 5);
  });
});

describe('maskedMean', () => {
  it('ignores masked-out entries and is 0 for an empty mask', () => {
    expect(value(maskedMean(tf.tensor1d([1, 2, 100]), tf.tensor1d([1, 1, 0])))).toBeCloseTo(1.5, 6);
    expect(value(maskedMean(tf.tensor1d([1, 2]), tf.tensor1d([0, 0])))).toBe(0);
  });
});

describe('whiten', () => {
  it('gives mean 0 and variance 1 over the masked-in entries', () => {
    // [1, 2, 3, 4]: mean 2.5, variance 1.25, std 1.118034
    Array.from(whiten([1, 2, 3, 4])).forEach((v, i) =>
      expect(v).toBeCloseTo([-1.341641, -0.447214, 0.447214, 1.341641][i], 5),
    );
    // mask out 100: [1, 2, 3] has mean 2, variance 2/3; the masked entry becomes 0
    Array.from(whiten([1, 2, 3, 100], [1, 1, 1, 0])).forEach((v, i) =>
      expect(v).toBeCloseTo([-1.224745, 0, 1.224745, 0][i], 5),
    );
    Array.from(whiten([1, 2, 3, 4], undefined, false)).forEach((v, i) =>
      expect(v).toBeCloseTo([1.158359, 2.052786, 2.947214, 3.841641][i], 5),
    );
  });
});

describe('explainedVariance', () => {
  it('is 1 − Var(R − V)/Var(R)', () => {
    // R = [1, 2, 4] (variance 14/9), residual [0, 0, 1] (variance 2/9) → 1 − 1/7 = 6/7
    expect(explainedVariance([1, 2, 3], [1, 2, 4])).toBeCloseTo(6 / 7, 10);
    expect(explainedVariance([1, 2, 4], [1, 2, 4])).toBe(1);
    expect(explainedVariance([0, 0, 0], [1, 2, 4])).toBeCloseTo(0, 10);
    expect(explainedVariance([1, 2], [3, 3])).toBeNaN();
  });

  it('meanStd uses the population standard deviation', () => {
    expect(meanStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(1.25) });
  });
});
