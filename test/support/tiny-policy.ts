import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveCheckpoint } from '../../src/ml/checkpoint/checkpoint.js';
import { presetConfig } from '../../src/ml/model/config.js';
import { disposeParams, initParams } from '../../src/ml/model/gpt.js';
import { trainBpe } from '../../src/ml/tokenizer/bpe.js';
import { saveTokenizer } from '../../src/ml/tokenizer/load.js';

tf.env().set('PROD', true); // no "install tfjs-node" banner in test output

const TEXTS = ['Hello, how can I help you today?', 'The answer is 42.', 'Thanks for asking: I do not know.'];

/** A tiny random-weight policy checkpoint (config, weights, tokenizer) in a temp folder. */
export async function writeTinyPolicy(overrides: { contextLength?: number } = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tiny-policy-'));
  const tokenizer = trainBpe(TEXTS, 300);
  const cfg = presetConfig('tiny', { vocabSize: tokenizer.vocabSize, contextLength: overrides.contextLength ?? 128 });
  const params = initParams(cfg, 7);
  await saveCheckpoint(dir, params, cfg, { note: 'random weights for tests' });
  disposeParams(params);
  await saveTokenizer(dir, tokenizer);
  return dir;
}
