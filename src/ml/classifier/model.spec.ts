import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categoryRecord, MODERATION_CATEGORIES, ModerationCategory } from './categories.js';
import type { ModerationExample } from './dataset.js';
import { loadClassifier, saveClassifier, WEIGHTS_FILE } from './io.js';
import { Classifier, cloneClassifier, createClassifier, disposeClassifier, scoreTexts } from './model.js';
import { classWeights, evaluate, suggestThresholds, trainClassifier, weightedBce } from './train.js';

const TINY = { features: { buckets: 1024 }, hidden: 8 };
const FILLER = [
  'the',
  'green',
  'boat',
  'sings',
  'under',
  'quiet',
  'rain',
  'a',
  'tall',
  'window',
  'eats',
  'paper',
];
const MARKERS: [string, ModerationCategory[]][] = [
  ['zorptang', ['hate']],
  ['blickwum', ['sexual']],
  ['quamfrel', ['violence', 'violence/graphic']],
  ['', []],
];

/** Filler sentences with a made-up marker word per label set: a tiny, separable problem. */
function tinySet(seed: number, perClass: number): ModerationExample[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: ModerationExample[] = [];
  for (const [marker, labels] of MARKERS) {
    for (let i = 0; i < perClass; i++) {
      const words = Array.from({ length: 5 }, () => FILLER[Math.floor(next() * FILLER.length)]);
      if (marker) words.splice(Math.floor(next() * 5), 0, marker);
      out.push({ text: words.join(' '), labels });
    }
  }
  return out;
}

const toData = (model: Classifier) => Object.values(model.vars).map((v) => Array.from(v.dataSync()));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('classifier', () => {
  it('gives 13 scores in [0, 1] per text', () => {
    const model = createClassifier(TINY, 1);
    const scores = scoreTexts(model, ['hello there', '', 'x'.repeat(500)]);
    expect(scores).toHaveLength(3);
    for (const row of scores) {
      expect(Object.keys(row)).toEqual([...MODERATION_CATEGORIES]);
      for (const v of Object.values(row)) expect(v >= 0 && v <= 1).toBe(true);
    }
    disposeClassifier(model);
  });

  it('starts from the same weights for the same seed and different ones for another', () => {
    const [a, b, c] = [createClassifier(TINY, 7), createClassifier(TINY, 7), createClassifier(TINY, 8)];
    expect(toData(a)).toEqual(toData(b));
    expect(toData(a)[0]).not.toEqual(toData(c)[0]);
    [a, b, c].forEach(disposeClassifier);
  });

  it('clones into independent weights: training the copy leaves the original as it was', async () => {
    const original = createClassifier(TINY, 5);
    original.suggestedThresholds = categoryRecord(() => 0.3);
    const before = toData(original);
    const copy = cloneClassifier(original);
    expect(toData(copy)).toEqual(before);
    expect(copy.suggestedThresholds).toEqual(original.suggestedThresholds);
    await trainClassifier(copy, tinySet(2, 4), { epochs: 1, batchSize: 8, learningRate: 0.05 });
    expect(toData(copy)[0]).not.toEqual(before[0]);
    expect(toData(original)).toEqual(before);
    disposeClassifier(copy);
    expect(toData(original)).toEqual(before);
    disposeClassifier(original);
  });

  it('weights rare categories up, capped', () => {
    const examples: ModerationExample[] = [
      { text: 'a', labels: ['hate'] },
      ...Array.from({ length: 15 }, () => ({ text: 'b', labels: [] as ModerationCategory[] })),
    ];
    const w = classWeights(examples, 3);
    expect(w[MODERATION_CATEGORIES.indexOf('hate')]).toBe(3); // sqrt(15/1) capped at 3
    expect(w[MODERATION_CATEGORIES.indexOf('sexual')]).toBe(1); // no positives
    expect(classWeights(examples, 10)[MODERATION_CATEGORIES.indexOf('hate')]).toBeCloseTo(Math.sqrt(15));
    expect(classWeights(examples, 20, 1)[MODERATION_CATEGORIES.indexOf('hate')]).toBe(15); // balanced
    expect(classWeights(examples, 10, 1)[MODERATION_CATEGORIES.indexOf('hate')]).toBe(10);
  });

  it('computes the weighted binary cross-entropy worked out by hand', () => {
    // logit 0 → σ = 0.5: a positive with weight 2 costs 2·ln 2, a negative costs ln 2; logit 2 on a negative costs ln(1 + e²)
    const loss = weightedBce(tf.tensor2d([[0, 0, 2]]), tf.tensor2d([[1, 0, 0]]), tf.tensor1d([2, 5, 5]));
    expect(loss.dataSync()[0]).toBeCloseTo((2 * Math.LN2 + Math.LN2 + Math.log(1 + Math.exp(2))) / 3, 5);
    expect(
      weightedBce(tf.tensor2d([[60, -60]]), tf.tensor2d([[1, 0]]), tf.tensor1d([1, 1])).dataSync()[0],
    ).toBeCloseTo(0, 6);
  });

  it('learns a tiny separable set: loss falls, held-out examples classified, training reproducible', async () => {
    const train = tinySet(1, 24);
    const heldout = tinySet(99, 8);
    const run = async () => {
      const model = createClassifier(TINY, 3);
      const progress: number[] = [];
      const { losses } = await trainClassifier(model, train, {
        epochs: 15,
        batchSize: 16,
        learningRate: 0.02,
        onProgress: (_epoch, loss) => progress.push(loss),
      });
      return { model, losses, progress };
    };
    const { model, losses, progress } = await run();
    expect(progress).toEqual(losses);
    expect(losses).toHaveLength(15);
    expect(losses[14]).toBeLessThan(losses[0] / 5);

    const ev = evaluate(model, heldout);
    for (const c of ['hate', 'sexual', 'violence', 'violence/graphic'] as const)
      expect(ev.perCategory[c].f1).toBe(1);
    expect(ev.perCategory.harassment.support).toBe(0);
    const scores = scoreTexts(
      model,
      heldout.map((e) => e.text),
    );
    const exact = heldout.filter((e, i) =>
      MODERATION_CATEGORIES.every((c) => scores[i][c] >= 0.5 === e.labels.includes(c)),
    );
    expect(exact.length / heldout.length).toBeGreaterThanOrEqual(0.95);
    expect(suggestThresholds(model, heldout).hate).toBeGreaterThan(0);

    const again = await run();
    expect(toData(again.model)).toEqual(toData(model));
    disposeClassifier(again.model);
    disposeClassifier(model);
  });

  it('gives the event loop turns during a long epoch (training can share its thread with the HTTP server)', async () => {
    const model = createClassifier(TINY, 4);
    let timerFired = false;
    let firedBeforeFirstEpochEnded: boolean | undefined;
    setTimeout(() => (timerFired = true), 0);
    const started = performance.now();
    await trainClassifier(model, tinySet(3, 300), {
      epochs: 1,
      batchSize: 4,
      learningRate: 0.01,
      onProgress: () => (firedBeforeFirstEpochEnded = timerFired),
    });
    expect(performance.now() - started).toBeGreaterThan(100); // long enough that it must have yielded
    expect(firedBeforeFirstEpochEnded).toBe(true);
    disposeClassifier(model);
  });

  it('saves and loads bit-exactly', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classifier-'));
    try {
      const model = createClassifier(TINY, 5);
      await trainClassifier(model, tinySet(2, 6), { epochs: 2, batchSize: 8, learningRate: 0.01 });
      model.suggestedThresholds = categoryRecord((_c, i) => 0.1 + i / 100);
      await saveClassifier(dir, model);
      const loaded = await loadClassifier(dir);
      expect(loaded.config).toEqual(model.config);
      expect(loaded.seed).toBe(5);
      expect(loaded.suggestedThresholds).toEqual(model.suggestedThresholds);
      expect(toData(loaded)).toEqual(toData(model));
      const texts = ['zorptang the boat', 'kill the process', 'ünïcödé ✓'];
      expect(scoreTexts(loaded, texts)).toEqual(scoreTexts(model, texts));

      const bytes = await readFile(join(dir, WEIGHTS_FILE));
      expect(bytes.length).toBe((1024 * 8 + 8 + 8 * 13 + 13) * 4);
      disposeClassifier(model);
      disposeClassifier(loaded);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a folder written for other categories', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'classifier-'));
    try {
      const model = createClassifier(TINY, 5);
      await saveClassifier(dir, model);
      disposeClassifier(model);
      const path = join(dir, 'classifier.json');
      const json = JSON.parse(await readFile(path, 'utf8'));
      json.categories = json.categories.slice(1);
      await (await import('node:fs/promises')).writeFile(path, JSON.stringify(json));
      await expect(loadClassifier(dir)).rejects.toThrow(/categories/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
