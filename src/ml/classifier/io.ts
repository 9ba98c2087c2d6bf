/**
 * A saved classifier is a folder of two files: classifier.json (format, categories, config, feature
 * scheme, tensor layout, thresholds, metrics) and weights.bin (the tensors as little-endian float32,
 * back to back). Loading restores the exact bits, so scores are identical after a round trip.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CategoryScores, MODERATION_CATEGORIES } from './categories.js';
import { FEATURE_SCHEME } from './features.js';
import type { Evaluation } from './metrics.js';
import { Classifier, ClassifierConfig, classifierFromTensors, resolveConfig, VAR_NAMES } from './model.js';

export const CLASSIFIER_FILE = 'classifier.json';
export const WEIGHTS_FILE = 'weights.bin';
const FORMAT = 'rlhf-portal.moderation-classifier';
const VERSION = 1;

interface TensorEntry {
  name: (typeof VAR_NAMES)[number];
  shape: number[];
  /** Byte offset in weights.bin. */
  offset: number;
}

export interface ClassifierJson {
  format: typeof FORMAT;
  version: typeof VERSION;
  categories: string[];
  seed: number;
  config: ClassifierConfig;
  featureScheme: typeof FEATURE_SCHEME;
  weights: { file: string; dtype: 'float32'; byteOrder: 'little-endian'; tensors: TensorEntry[] };
  suggestedThresholds?: CategoryScores;
  metrics?: Evaluation;
}

export async function saveClassifier(dir: string, model: Classifier): Promise<void> {
  const arrays = VAR_NAMES.map((name) => ({
    name,
    shape: model.vars[name].shape,
    data: model.vars[name].dataSync() as Float32Array,
  }));
  const bytes = Buffer.alloc(arrays.reduce((n, a) => n + a.data.length * 4, 0));
  const tensors: TensorEntry[] = [];
  let offset = 0;
  for (const a of arrays) {
    tensors.push({ name: a.name, shape: a.shape, offset });
    for (const x of a.data) offset = bytes.writeFloatLE(x, offset);
  }
  const json: ClassifierJson = {
    format: FORMAT,
    version: VERSION,
    categories: [...MODERATION_CATEGORIES],
    seed: model.seed,
    config: model.config,
    featureScheme: FEATURE_SCHEME,
    weights: { file: WEIGHTS_FILE, dtype: 'float32', byteOrder: 'little-endian', tensors },
    ...(model.suggestedThresholds ? { suggestedThresholds: model.suggestedThresholds } : {}),
    ...(model.metrics ? { metrics: model.metrics } : {}),
  };
  await mkdir(dir, { recursive: true });
  // Write to temporary names, then rename: a crash mid-write never leaves a truncated file behind.
  await writeFile(join(dir, `${WEIGHTS_FILE}.tmp`), bytes);
  await writeFile(join(dir, `${CLASSIFIER_FILE}.tmp`), JSON.stringify(json, null, 2) + '\n');
  await rename(join(dir, `${WEIGHTS_FILE}.tmp`), join(dir, WEIGHTS_FILE));
  await rename(join(dir, `${CLASSIFIER_FILE}.tmp`), join(dir, CLASSIFIER_FILE));
}

export async function loadClassifier(dir: string): Promise<Classifier> {
  const json = JSON.parse(await readFile(join(dir, CLASSIFIER_FILE), 'utf8')) as ClassifierJson;
  const where = join(dir, CLASSIFIER_FILE);
  if (json.format !== FORMAT || json.version !== VERSION) {
    throw new Error(
      `${where}: not a ${FORMAT} v${VERSION} file (format ${json.format}, version ${json.version})`,
    );
  }
  if (json.categories?.join() !== MODERATION_CATEGORIES.join()) {
    throw new Error(`${where}: categories ${JSON.stringify(json.categories)} differ from this build's`);
  }
  for (const key of Object.keys(FEATURE_SCHEME) as (keyof typeof FEATURE_SCHEME)[]) {
    if (json.featureScheme?.[key] !== FEATURE_SCHEME[key]) {
      throw new Error(
        `${where}: feature ${key} "${json.featureScheme?.[key]}" differs from this build's "${FEATURE_SCHEME[key]}"`,
      );
    }
  }
  const thresholds = json.suggestedThresholds;
  const bad = thresholds && MODERATION_CATEGORIES.find((c) => typeof thresholds[c] !== 'number');
  if (bad) throw new Error(`${where}: suggestedThresholds lacks a number for ${bad}`);
  const config = resolveConfig(json.config);
  const bytes = await readFile(join(dir, json.weights.file));
  const tensors = {} as Record<(typeof VAR_NAMES)[number], tf.Tensor>;
  try {
    let end = 0;
    for (const name of VAR_NAMES) {
      const entry = json.weights.tensors.find((t) => t.name === name);
      if (!entry) throw new Error(`${where}: tensor ${name} missing`);
      const data = new Float32Array(entry.shape.reduce((a, b) => a * b, 1));
      if (entry.offset + data.length * 4 > bytes.length) {
        throw new Error(`${where}: ${json.weights.file} is too short for ${name}`);
      }
      for (let i = 0; i < data.length; i++) data[i] = bytes.readFloatLE(entry.offset + i * 4);
      tensors[name] = tf.tensor(data, entry.shape);
      end = Math.max(end, entry.offset + data.length * 4);
    }
    if (end !== bytes.length) {
      throw new Error(`${where}: ${json.weights.file} has ${bytes.length - end} unexpected trailing bytes`);
    }
    const model = classifierFromTensors(config, json.seed ?? 0, tensors);
    if (json.suggestedThresholds) model.suggestedThresholds = json.suggestedThresholds;
    if (json.metrics) model.metrics = json.metrics;
    return model;
  } finally {
    tf.dispose(Object.values(tensors));
  }
}
