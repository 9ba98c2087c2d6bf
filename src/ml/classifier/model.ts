/**
 * The content-filter model: hashed text features → one ReLU hidden layer → 13 sigmoid outputs,
 * one per moderation category. Framework-free; runs on whichever tfjs backend is active.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mulberry32 } from '../model/sampling.js';
import { categoryRecord, CategoryScores, MODERATION_CATEGORIES } from './categories.js';
import type { Evaluation } from './metrics.js';
import {
  DEFAULT_FEATURES,
  denseRows,
  featurize,
  FeatureSettings,
  SparseFeatures,
  validateFeatureSettings,
} from './features.js';

export interface ClassifierConfig {
  features: FeatureSettings;
  /** Width of the hidden layer. */
  hidden: number;
}

export interface ClassifierConfigInput {
  features?: Partial<FeatureSettings>;
  hidden?: number;
}

export const DEFAULT_HIDDEN = 16;

export interface ClassifierVars {
  /** [buckets, hidden] */
  w1: tf.Variable;
  /** [hidden] */
  b1: tf.Variable;
  /** [hidden, 13] */
  w2: tf.Variable;
  /** [13] */
  b2: tf.Variable;
}

/** Order of the tensors in weights.bin and of the optimizer's variable list. */
export const VAR_NAMES = ['w1', 'b1', 'w2', 'b2'] as const;

export interface Classifier {
  readonly config: ClassifierConfig;
  /** Seeds the initial weights and, unless training says otherwise, the order of training batches. */
  readonly seed: number;
  readonly vars: ClassifierVars;
  /** Per-category score above which a text counts as flagged (from held-out data); 0.5 when absent. */
  suggestedThresholds?: CategoryScores;
  /** Held-out evaluation recorded when the model was trained. */
  metrics?: Evaluation;
}

export function resolveConfig(input: ClassifierConfigInput = {}): ClassifierConfig {
  const features = { ...DEFAULT_FEATURES, ...input.features };
  validateFeatureSettings(features);
  const hidden = input.hidden ?? DEFAULT_HIDDEN;
  if (!Number.isInteger(hidden) || hidden < 1)
    throw new Error(`hidden must be a positive integer, got ${hidden}`);
  return { features: { ...features, charNgrams: [...features.charNgrams] }, hidden };
}

/** Glorot-uniform weights from a JS PRNG, so the same seed gives the same model on every backend. */
function glorot(rows: number, cols: number, rng: () => number): tf.Tensor2D {
  const limit = Math.sqrt(6 / (rows + cols));
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = (2 * rng() - 1) * limit;
  return tf.tensor2d(data, [rows, cols]);
}

export function createClassifier(config: ClassifierConfigInput = {}, seed = 0): Classifier {
  const cfg = resolveConfig(config);
  const rng = mulberry32(seed);
  const n = MODERATION_CATEGORIES.length;
  const vars = tf.tidy(() => ({
    w1: tf.variable(glorot(cfg.features.buckets, cfg.hidden, rng), true),
    b1: tf.variable(tf.zeros([cfg.hidden]), true),
    w2: tf.variable(glorot(cfg.hidden, n, rng), true),
    b2: tf.variable(tf.zeros([n]), true),
  }));
  return { config: cfg, seed, vars };
}

/** Builds a classifier around existing weights (used by loadClassifier). */
export function classifierFromTensors(
  config: ClassifierConfig,
  seed: number,
  tensors: Record<(typeof VAR_NAMES)[number], tf.Tensor>,
): Classifier {
  const expected = {
    w1: [config.features.buckets, config.hidden],
    b1: [config.hidden],
    w2: [config.hidden, MODERATION_CATEGORIES.length],
    b2: [MODERATION_CATEGORIES.length],
  };
  for (const name of VAR_NAMES) {
    if (tensors[name].shape.join() !== expected[name].join()) {
      throw new Error(`${name} has shape [${tensors[name].shape}], expected [${expected[name]}]`);
    }
  }
  const vars = Object.fromEntries(
    VAR_NAMES.map((k) => [k, tf.variable(tensors[k], true)]),
  ) as unknown as ClassifierVars;
  return { config, seed, vars };
}

/** An independent copy (own variables) with the same config, seed and thresholds: the start of a fine-tune. */
export function cloneClassifier(model: Classifier): Classifier {
  const { w1, b1, w2, b2 } = model.vars;
  const tensors = { w1: w1.clone(), b1: b1.clone(), w2: w2.clone(), b2: b2.clone() };
  try {
    const copy = classifierFromTensors(model.config, model.seed, tensors);
    if (model.suggestedThresholds) copy.suggestedThresholds = { ...model.suggestedThresholds };
    return copy;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

export function classifierVarList(model: Classifier): tf.Variable[] {
  return VAR_NAMES.map((k) => model.vars[k]);
}

export function disposeClassifier(model: Classifier): void {
  tf.dispose(classifierVarList(model));
}

/** Logits [rows, 13] from dense features [rows, buckets]. */
export function forward(model: Classifier, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const { w1, b1, w2, b2 } = model.vars;
    const h = tf.relu(tf.add(tf.matMul(x, w1), b1));
    return tf.add(tf.matMul(h, w2), b2) as tf.Tensor2D;
  });
}

/** Logits [rows, 13] for already-featurised rows. */
export function logitsOf(model: Classifier, rows: SparseFeatures[]): tf.Tensor2D {
  const { buckets } = model.config.features;
  return tf.tidy(() => forward(model, tf.tensor2d(denseRows(rows, buckets), [rows.length, buckets])));
}

const SCORE_BATCH = 256;

/** Scores in [0, 1] per category for each text. */
export function scoreTexts(model: Classifier, texts: string[]): CategoryScores[] {
  const out: CategoryScores[] = [];
  for (let start = 0; start < texts.length; start += SCORE_BATCH) {
    const rows = texts.slice(start, start + SCORE_BATCH).map((t) => featurize(t, model.config.features));
    const probs = tf.tidy(() => tf.sigmoid(logitsOf(model, rows)));
    const data = probs.dataSync();
    probs.dispose();
    const n = MODERATION_CATEGORIES.length;
    rows.forEach((_, i) => out.push(categoryRecord((_c, j) => data[i * n + j])));
  }
  return out;
}

/** The model's thresholds, or 0.5 for every category. */
export function thresholdsOf(model: Classifier): CategoryScores {
  return model.suggestedThresholds ?? categoryRecord(() => 0.5);
}
