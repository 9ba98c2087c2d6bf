import * as tf from '@tensorflow/tfjs-core';
import { createKvCache, disposeKvCache, forward, forwardStep, GptModel } from './gpt.js';
import { mulberry32, sampleToken, SamplingOptions } from './sampling.js';

export interface GenerateOptions extends SamplingOptions {
  maxTokens: number;
  /** Token ids that end the reply (e.g. the tokenizer's `end`); not included in `ids`. */
  stopIds?: number[];
  /** Seed of the sampling PRNG; random when omitted (the one used is returned). */
  seed?: number;
  /** Reuse past keys/values (default). Without it every step reruns the whole sequence. */
  useCache?: boolean;
  signal?: AbortSignal;
  /**
   * Called with each generated token. Return true to stop there with finishReason 'stop'
   * (how callers implement stop sequences); the token stays in `ids`.
   */
  onToken?: (id: number) => void | boolean;
}

export type FinishReason = 'stop' | 'length' | 'abort';

export interface GenerateResult {
  /** Generated tokens, prompt and stop id excluded. */
  ids: number[];
  finishReason: FinishReason;
  /** The stop id that ended generation, when one did. */
  stopId?: number;
  seed: number;
}

/**
 * Autoregressive sampling from the last position's logits. Stops on a stop id, when onToken says so,
 * after maxTokens, when prompt + reply reaches the context length ('length'; callers truncate prompts
 * beforehand), or when the signal aborts. Yields to the event loop between tokens.
 */
export async function generate(
  model: GptModel,
  promptIds: number[],
  opts: GenerateOptions,
): Promise<GenerateResult> {
  const { cfg } = model;
  if (promptIds.length === 0) throw new Error('generate needs at least one prompt token');
  const bad = promptIds.find((id) => !Number.isInteger(id) || id < 0 || id >= cfg.vocabSize);
  if (bad !== undefined)
    throw new Error(`prompt token ${bad} is outside the vocabulary (size ${cfg.vocabSize})`);
  const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 32);
  const rng = mulberry32(seed);
  const stop = new Set(opts.stopIds ?? []);
  const useCache = opts.useCache ?? true;
  const cache = createKvCache();
  const seq = [...promptIds];
  const ids: number[] = [];
  const done = (finishReason: FinishReason, stopId?: number): GenerateResult => ({
    ids,
    finishReason,
    seed,
    ...(stopId === undefined ? {} : { stopId }),
  });

  try {
    let pending = promptIds; // tokens the cache has not seen yet
    while (true) {
      if (opts.signal?.aborted) return done('abort');
      if (ids.length >= opts.maxTokens || seq.length >= cfg.contextLength) return done('length');
      const logits = useCache ? stepLogits(model, cache, pending) : lastLogits(model, seq);
      const values = (await logits.data()) as Float32Array;
      logits.dispose();
      const id = sampleToken(values, opts, rng);
      if (stop.has(id)) return done('stop', id);
      ids.push(id);
      seq.push(id);
      pending = [id];
      if (opts.onToken?.(id) === true) return done('stop');
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    disposeKvCache(cache);
  }
}

function stepLogits(model: GptModel, cache: ReturnType<typeof createKvCache>, pending: number[]): tf.Tensor {
  const input = tf.tensor2d([pending], [1, pending.length], 'int32');
  try {
    return forwardStep(model.params, model.cfg, cache, input);
  } finally {
    input.dispose();
  }
}

function lastLogits(model: GptModel, seq: number[]): tf.Tensor {
  return tf.tidy(() => {
    const logits = forward(model.params, model.cfg, tf.tensor2d([seq], [1, seq.length], 'int32'));
    const [, T, V] = logits.shape;
    return tf.reshape(tf.slice(logits, [0, T - 1, 0], [1, 1, V]), [V]);
  });
}
