/**
 * Batched sampling of PPO rollouts at temperature 1 with no top-k/top-p, so the replies are drawn from
 * exactly the distribution whose log-probs PPO uses (REFERENCE §3, §4). Prompts of equal length decode
 * together through one KV cache (the model has no attention mask, so rows of a batch must share
 * positions); each group stops when every row has hit a stop id or the token budget.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createKvCache, disposeKvCache, forwardStep, GptModel } from '../../model/gpt.js';
import { mulberry32, sampleToken } from '../../model/sampling.js';

export interface Sample {
  prompt: number[];
  /** Sampled tokens, ending with the stop id when the policy emitted one (it is an action PPO learns). */
  reply: number[];
  /** True when the reply ended with a stop id, false when it ran out of tokens or context. */
  stopped: boolean;
}

export interface SampleOptions {
  maxNewTokens: number;
  stopIds?: readonly number[];
  seed: number;
}

export async function sampleReplies(
  model: GptModel,
  prompts: readonly number[][],
  opts: SampleOptions,
): Promise<Sample[]> {
  const { cfg, params } = model;
  const stop = new Set(opts.stopIds ?? []);
  const rng = mulberry32(opts.seed);
  const out: Sample[] = prompts.map((p) => ({ prompt: [...p], reply: [], stopped: false }));
  const groups = new Map<number, number[]>();
  prompts.forEach((p, i) => {
    if (p.length === 0) throw new Error(`sampleReplies: prompt ${i} is empty`);
    if (p.length >= cfg.contextLength)
      throw new Error(`sampleReplies: prompt ${i} has ${p.length} tokens, context is ${cfg.contextLength}`);
    groups.set(p.length, [...(groups.get(p.length) ?? []), i]);
  });
  for (const [promptLen, rows] of groups) {
    const budget = Math.min(opts.maxNewTokens, cfg.contextLength - promptLen);
    const cache = createKvCache();
    try {
      let input = rows.flatMap((i) => prompts[i]);
      let width = promptLen;
      const live = new Set(rows);
      for (let t = 0; t < budget && live.size > 0; t++) {
        const tokens = tf.tensor2d(input, [rows.length, width], 'int32');
        const logits = forwardStep(params, cfg, cache, tokens);
        tokens.dispose();
        const values = (await logits.data()) as Float32Array;
        logits.dispose();
        const V = cfg.vocabSize;
        input = rows.map((i, r) => {
          if (!live.has(i)) return 0; // finished rows keep decoding padding; their output is ignored
          const id = sampleToken(values.subarray(r * V, (r + 1) * V), { temperature: 1 }, rng);
          out[i].reply.push(id);
          if (stop.has(id)) {
            out[i].stopped = true;
            live.delete(i);
          }
          return id;
        });
        width = 1;
      }
    } finally {
      disposeKvCache(cache);
    }
  }
  return out;
}
