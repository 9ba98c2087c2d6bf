import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../backend.js';
import { presetConfig } from '../model/config.js';
import { disposeParams, GptModel, initParams } from '../model/gpt.js';
import { Adam, gradsClipped } from './optim.js';
import { evaluateLoss, maskedNextTokenLoss, packBatch, SftExample, SftTrainer } from './sft.js';

beforeAll(() => initBackend('cpu'));

describe('packBatch', () => {
  it('shifts targets by one, takes weights from the target mask and masks padding out', () => {
    const b = packBatch(
      [
        { ids: [1, 2, 3, 4], mask: [0, 0, 1, 1] },
        { ids: [5, 6], mask: [0, 1] },
      ],
      64,
    );
    expect(b).toMatchObject({ batchSize: 2, seqLen: 3 });
    expect(Array.from(b.inputs)).toEqual([1, 2, 3, 5, 0, 0]);
    expect(Array.from(b.targets)).toEqual([2, 3, 4, 6, 0, 0]);
    expect(Array.from(b.weights)).toEqual([0, 1, 1, 1, 0, 0]);
  });

  it('keeps the end of an example longer than the row', () => {
    const b = packBatch([{ ids: [1, 2, 3, 4, 5, 6], mask: [0, 0, 0, 0, 1, 1] }], 3);
    expect(Array.from(b.inputs)).toEqual([3, 4, 5]);
    expect(Array.from(b.targets)).toEqual([4, 5, 6]);
    expect(Array.from(b.weights)).toEqual([0, 1, 1]);
  });
});

describe('maskedNextTokenLoss', () => {
  const cfg = presetConfig('tiny');
  let model: GptModel;
  beforeAll(() => (model = { cfg, params: initParams(cfg, 5) }));
  afterAll(() => disposeParams(model.params));
  const lossOf = (ex: SftExample) => {
    const { loss } = maskedNextTokenLoss(model.params, cfg, packBatch([ex], cfg.contextLength));
    const value = loss.dataSync()[0];
    loss.dispose();
    return value;
  };

  it('starts near ln(vocab) for a fresh model', () => {
    expect(
      Math.abs(lossOf({ ids: [1, 2, 3, 4, 5], mask: [1, 1, 1, 1, 1] }) - Math.log(cfg.vocabSize)),
    ).toBeLessThan(0.1);
  });

  it('counts only masked-in targets', () => {
    const base = lossOf({ ids: [1, 2, 3, 4, 5], mask: [1, 1, 0, 1, 1] });
    expect(lossOf({ ids: [1, 2, 9, 4, 5], mask: [1, 1, 0, 1, 1] })).not.toBeCloseTo(base, 6); // token 9 is still context for later targets
    expect(lossOf({ ids: [1, 2, 3, 4, 9], mask: [1, 1, 1, 1, 0] })).toBeCloseTo(
      lossOf({ ids: [1, 2, 3, 4, 5], mask: [1, 1, 1, 1, 0] }),
      6,
    );
  });
});

describe('optimizer', () => {
  it('clips gradients by global norm', () => {
    const vars = new Map([
      ['x', tf.variable(tf.tensor1d([3]))],
      ['y', tf.variable(tf.tensor1d([4]))],
    ]);
    const loss = () =>
      tf.mul(0.5, tf.add(tf.sum(tf.square(vars.get('x')!)), tf.sum(tf.square(vars.get('y')!)))) as tf.Scalar;
    const { grads, norm } = gradsClipped(loss, vars, 1);
    expect(norm.dataSync()[0]).toBeCloseTo(5, 5);
    expect(grads.get('x')!.dataSync()[0]).toBeCloseTo(0.6, 5);
    expect(grads.get('y')!.dataSync()[0]).toBeCloseTo(0.8, 5);
    const unclipped = gradsClipped(loss, vars, 10).grads;
    expect(unclipped.get('x')!.dataSync()[0]).toBeCloseTo(3, 5);
  });

  it('moves only its own variables; the first Adam step is lr·sign(g)', () => {
    const mine = new Map([['w', tf.variable(tf.tensor1d([1, -2, 0.5]))]]);
    const other = tf.variable(tf.tensor1d([1, 1, 1]));
    const adam = new Adam(mine, { learningRate: 0.1 });
    const { grads } = gradsClipped(
      () => tf.sum(tf.mul(tf.add(mine.get('w')!, other), tf.tensor1d([2, -3, 0.01]))) as tf.Scalar,
      mine,
    );
    adam.apply(grads);
    const w = Array.from(mine.get('w')!.dataSync());
    [0.9, -1.9, 0.4].forEach((v, i) => expect(w[i]).toBeCloseTo(v, 4));
    expect(Array.from(other.dataSync())).toEqual([1, 1, 1]);
  });
});

describe('SftTrainer', () => {
  it('overfits a tiny corpus', () => {
    const cfg = presetConfig('tiny', { contextLength: 16 });
    const baseline = tf.memory().numTensors;
    const model: GptModel = { cfg, params: initParams(cfg, 2) };
    const corpus: SftExample[] = [
      [1, 10, 11, 12, 13, 14, 15, 16, 2],
      [1, 20, 21, 22, 23, 24, 25, 26, 2],
      [1, 30, 31, 32, 33, 34, 35, 36, 2],
      [1, 40, 41, 42, 43, 44, 45, 46, 2],
    ].map((ids) => ({ ids, mask: ids.map((_, i) => (i >= 2 ? 1 : 0)) }));
    const trainer = new SftTrainer(model, { learningRate: 1e-2 });
    const batch = packBatch(corpus, cfg.contextLength);
    const start = evaluateLoss(model, corpus);
    const first = trainer.trainStep(batch);
    expect(first.loss).toBeCloseTo(start, 4);
    expect(first.gradNorm).toBeGreaterThan(0);
    const before = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 25; i++) last = trainer.trainStep(batch);
    expect(tf.memory().numTensors).toBe(before);
    expect(last.loss).toBeLessThan(0.2 * start);
    expect(trainer.evaluateLoss(corpus)).toBeLessThan(0.2 * start);
    trainer.dispose();
    disposeParams(model.params);
    expect(tf.memory().numTensors).toBe(baseline);
  });
});
