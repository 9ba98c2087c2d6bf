/**
 * GPT-2 in TensorFlow.js, after nanoGPT's model.py: token + learnt position embeddings, pre-LayerNorm
 * blocks (causal multi-head self-attention, tanh-GELU MLP), a final LayerNorm and an output head tied to
 * the token embedding.
 *
 * Parameters live in a flat Map with these names (weights are [in, out], i.e. y = x·W + b):
 *
 *   wte                [vocabSize, dModel]      token embedding; also the output head (logits = h·wteᵀ)
 *   wpe                [contextLength, dModel]  position embedding
 *   h.{i}.ln1.g, .b    [dModel]                 LayerNorm before attention
 *   h.{i}.attn.qkv.w   [dModel, 3·dModel]       columns q | k | v, heads contiguous inside each
 *   h.{i}.attn.qkv.b   [3·dModel]
 *   h.{i}.attn.proj.w  [dModel, dModel]         attention output projection (residual branch)
 *   h.{i}.attn.proj.b  [dModel]
 *   h.{i}.ln2.g, .b    [dModel]                 LayerNorm before the MLP
 *   h.{i}.mlp.fc.w     [dModel, 4·dModel]
 *   h.{i}.mlp.fc.b     [4·dModel]
 *   h.{i}.mlp.proj.w   [4·dModel, dModel]       MLP output projection (residual branch)
 *   h.{i}.mlp.proj.b   [dModel]
 *   lnf.g, lnf.b       [dModel]                 final LayerNorm
 */
import * as tf from '@tensorflow/tfjs-core';
import { GptConfig, validateConfig } from './config.js';
import { customOp, GptOps, opsFor } from './ops.js';
import { gaussian, mulberry32 } from './sampling.js';

export type GptParams = Map<string, tf.Variable>;

export interface GptModel {
  cfg: GptConfig;
  params: GptParams;
}

/** Every parameter's name and shape, in a stable order. */
export function paramShapes(cfg: GptConfig): Map<string, number[]> {
  const { vocabSize: V, contextLength: C, dModel: d } = cfg;
  const shapes = new Map<string, number[]>([
    ['wte', [V, d]],
    ['wpe', [C, d]],
  ]);
  for (let i = 0; i < cfg.nLayers; i++) {
    const h = `h.${i}.`;
    shapes.set(h + 'ln1.g', [d]).set(h + 'ln1.b', [d]);
    shapes.set(h + 'attn.qkv.w', [d, 3 * d]).set(h + 'attn.qkv.b', [3 * d]);
    shapes.set(h + 'attn.proj.w', [d, d]).set(h + 'attn.proj.b', [d]);
    shapes.set(h + 'ln2.g', [d]).set(h + 'ln2.b', [d]);
    shapes.set(h + 'mlp.fc.w', [d, 4 * d]).set(h + 'mlp.fc.b', [4 * d]);
    shapes.set(h + 'mlp.proj.w', [4 * d, d]).set(h + 'mlp.proj.b', [d]);
  }
  shapes.set('lnf.g', [d]).set('lnf.b', [d]);
  return shapes;
}

/**
 * GPT-2 initialisation from a seed: weights and embeddings N(0, 0.02), the two residual projections of
 * each block N(0, 0.02/√(2·nLayers)), biases 0, LayerNorm gains 1. Uses our own PRNG, so the same seed
 * gives the same weights on every backend.
 */
export function initParams(cfg: GptConfig, seed = 0, trainable = true): GptParams {
  validateConfig(cfg);
  const rng = mulberry32(seed);
  const residualStd = 0.02 / Math.sqrt(2 * cfg.nLayers);
  const params: GptParams = new Map();
  for (const [name, shape] of paramShapes(cfg)) {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (name.endsWith('.g')) values.fill(1);
    else if (!name.endsWith('.b')) {
      const std = name.endsWith('proj.w') ? residualStd : 0.02;
      for (let j = 0; j < values.length; j++) values[j] = std * gaussian(rng);
    }
    params.set(name, newVariable(values, shape, trainable));
  }
  return params;
}

/** A variable holding a copy of values, without leaving the initial tensor behind. */
export function newVariable(values: Float32Array, shape: number[], trainable = true): tf.Variable {
  const initial = tf.tensor(values, shape, 'float32');
  const v = tf.variable(initial, trainable);
  initial.dispose();
  return v;
}

/** Variables from named arrays (a loaded checkpoint), after checking every expected name and shape. */
export function paramsFromArrays(
  cfg: GptConfig,
  arrays: Map<string, { shape: number[]; data: Float32Array }>,
  trainable = true,
): GptParams {
  const expected = paramShapes(cfg);
  for (const [name, shape] of expected) {
    const t = arrays.get(name);
    if (!t) throw new Error(`missing parameter ${name}`);
    if (t.shape.join() !== shape.join())
      throw new Error(`parameter ${name} is [${t.shape}], expected [${shape}]`);
  }
  return new Map(
    [...expected].map(([name, shape]) => [name, newVariable(arrays.get(name)!.data, shape, trainable)]),
  );
}

export function disposeParams(params: GptParams): void {
  for (const v of params.values()) v.dispose();
}

/**
 * Past keys and values of every layer, [B, length, nHeads, headDim] each, grown as tokens are decoded.
 * A cache belongs to one state of the parameters (it may also hold wteᵀ, see GptOps.transposedHead).
 */
export interface KvCache {
  length: number;
  layers: { k: tf.Tensor4D; v: tf.Tensor4D }[];
  headT?: tf.Tensor2D;
}

export function createKvCache(): KvCache {
  return { length: 0, layers: [] };
}

export function disposeKvCache(cache: KvCache): void {
  for (const { k, v } of cache.layers) tf.dispose([k, v]);
  cache.headT?.dispose();
  cache.layers = [];
  cache.headT = undefined;
  cache.length = 0;
}

function get<R extends tf.Rank>(params: GptParams, name: string): tf.Tensor<R> {
  const t = params.get(name);
  if (!t) throw new Error(`missing parameter ${name}`);
  return t as unknown as tf.Tensor<R>;
}

interface TrunkOut {
  /** Final hidden states after ln_f, [B·T, dModel]. */
  hidden: tf.Tensor2D;
  kv: { k: tf.Tensor4D; v: tf.Tensor4D }[];
}

/** The transformer without its output head. `past` holds earlier positions' keys/values (KV cache). */
function trunk(
  params: GptParams,
  cfg: GptConfig,
  tokens: tf.Tensor2D,
  ops: GptOps,
  past: { k: tf.Tensor4D; v: tf.Tensor4D }[] = [],
  pos0 = 0,
): TrunkOut {
  const [B, T] = tokens.shape;
  const { dModel: d, nHeads: H, layerNormEpsilon: eps } = cfg;
  const hd = d / H;
  if (pos0 + T > cfg.contextLength) {
    throw new Error(`sequence of ${pos0 + T} tokens exceeds contextLength ${cfg.contextLength}`);
  }
  const p = <R extends tf.Rank>(name: string) => get<R>(params, name);
  const toHeads = (t: tf.Tensor) => tf.reshape(t, [B, T, H, hd]) as tf.Tensor4D;

  const tok = ops.embed(p('wte'), tf.reshape(tokens, [B * T]) as tf.Tensor1D);
  const pos = tf.reshape(tf.slice(p<tf.Rank.R2>('wpe'), [pos0, 0], [T, d]), [T * d]) as tf.Tensor1D;
  let x = tf.reshape(ops.addBias(tf.reshape(tok, [B, T * d]), pos), [B * T, d]) as tf.Tensor2D;

  const kv: TrunkOut['kv'] = [];
  for (let i = 0; i < cfg.nLayers; i++) {
    const h = `h.${i}.`;
    // causal self-attention
    const a = ops.layerNorm(x, p(h + 'ln1.g'), p(h + 'ln1.b'), eps);
    const [q, k, v] = tf.split(ops.linear(a, p(h + 'attn.qkv.w'), p(h + 'attn.qkv.b')), 3, 1).map(toHeads);
    const keys = past[i] ? tf.concat([past[i].k, k], 1) : k;
    const values = past[i] ? tf.concat([past[i].v, v], 1) : v;
    kv.push({ k: keys, v: values });
    const y = tf.reshape(ops.attention(q, keys, values, pos0), [B * T, d]) as tf.Tensor2D;
    x = tf.add(x, ops.linear(y, p(h + 'attn.proj.w'), p(h + 'attn.proj.b')));
    // MLP
    const m = ops.layerNorm(x, p(h + 'ln2.g'), p(h + 'ln2.b'), eps);
    const f = ops.gelu(ops.linear(m, p(h + 'mlp.fc.w'), p(h + 'mlp.fc.b')));
    x = tf.add(x, ops.linear(f, p(h + 'mlp.proj.w'), p(h + 'mlp.proj.b')));
  }
  return { hidden: ops.layerNorm(x, p('lnf.g'), p('lnf.b'), eps), kv };
}

export interface ForwardOptions {
  /** Formulation of the heavy ops; defaults to the fastest for the current backend. */
  ops?: GptOps;
}

/** Logits [B, T, vocabSize] for tokens [B, T] (int32). */
export function forward(
  params: GptParams,
  cfg: GptConfig,
  tokens: tf.Tensor2D,
  opts?: ForwardOptions,
): tf.Tensor3D;
/** Logits and the final hidden states [B, T, dModel] (for reward and value heads). */
export function forward(
  params: GptParams,
  cfg: GptConfig,
  tokens: tf.Tensor2D,
  opts: ForwardOptions & { returnHidden: true },
): { logits: tf.Tensor3D; hidden: tf.Tensor3D };
export function forward(
  params: GptParams,
  cfg: GptConfig,
  tokens: tf.Tensor2D,
  opts: ForwardOptions & { returnHidden?: boolean } = {},
): tf.Tensor3D | { logits: tf.Tensor3D; hidden: tf.Tensor3D } {
  const ops = opts.ops ?? opsFor();
  const [B, T] = tokens.shape;
  return tf.tidy(() => {
    const { hidden } = trunk(params, cfg, tokens, ops);
    const logits = tf.reshape(ops.matMulT(hidden, get(params, 'wte')), [B, T, cfg.vocabSize]) as tf.Tensor3D;
    if (!opts.returnHidden) return logits;
    return { logits, hidden: tf.reshape(hidden, [B, T, cfg.dModel]) as tf.Tensor3D };
  });
}

/** Final hidden states [B, T, dModel] without computing logits. */
export function hiddenStates(
  params: GptParams,
  cfg: GptConfig,
  tokens: tf.Tensor2D,
  opts: ForwardOptions = {},
): tf.Tensor3D {
  const [B, T] = tokens.shape;
  return tf.tidy(() => {
    const { hidden } = trunk(params, cfg, tokens, opts.ops ?? opsFor());
    return tf.reshape(hidden, [B, T, cfg.dModel]) as tf.Tensor3D;
  });
}

/**
 * Incremental decoding: runs tokens [B, Tnew] at positions cache.length …, appends their keys/values to
 * the cache, and returns the logits of the last new position, [B, vocabSize]. Each new token attends to
 * the cached keys instead of recomputing the whole prefix.
 */
export function forwardStep(
  params: GptParams,
  cfg: GptConfig,
  cache: KvCache,
  tokens: tf.Tensor2D,
  opts: ForwardOptions = {},
): tf.Tensor2D {
  const ops = opts.ops ?? opsFor();
  const [B, T] = tokens.shape;
  if (ops.transposedHead && !cache.headT)
    cache.headT = tf.tidy(() => tf.transpose(get<tf.Rank.R2>(params, 'wte')));
  const { logits, kv } = tf.tidy(() => {
    const out = trunk(params, cfg, tokens, ops, cache.layers, cache.length);
    const last = tf.reshape(
      tf.slice(tf.reshape(out.hidden, [B, T, cfg.dModel]), [0, T - 1, 0], [B, 1, cfg.dModel]),
      [B, cfg.dModel],
    ) as tf.Tensor2D;
    const logits = cache.headT ? tf.matMul(last, cache.headT) : ops.matMulT(last, get(params, 'wte'));
    return { logits, kv: out.kv };
  });
  const old = cache.layers;
  cache.layers = kv;
  cache.length += T;
  for (const { k, v } of old) tf.dispose([k, v]);
  return logits as tf.Tensor2D;
}

/**
 * log p(target) for each row of logits [N, V] and targets [N] (int32), with the gradient written out
 * (onehot − softmax), so it needs neither gatherND's missing gradient nor a [N, V] one-hot product chain.
 */
export function tokenLogProbs(logits: tf.Tensor2D, targets: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => pickLogProb(logits, tf.oneHot(targets, logits.shape[1])));
}

// tensors the gradient needs must be inputs (and saved): closures are disposed before backprop
const pickLogProb = customOp<tf.Tensor1D>(([logits, oneHot], save) => {
  // log-sum-exp = max(x) − log(max(softmax x)): the softmax kernel instead of exp (slow on wasm), and
  // max(softmax) ≥ 1/V never underflows
  const p = tf.softmax(logits);
  const lse = tf.sub(tf.max(logits, -1), tf.log(tf.max(p, -1)));
  save([p, oneHot]);
  return {
    value: tf.sub(tf.sum(tf.mul(logits, oneHot), -1), lse),
    gradFunc: (dy, [ps, oh]) => [tf.mul(tf.expandDims(dy, -1), tf.sub(oh, ps)), tf.zerosLike(oh)],
  };
});
