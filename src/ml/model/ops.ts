/**
 * The few heavy operations the transformer is made of, behind one interface so the formulation can be
 * picked per backend (REFERENCE §4):
 *
 * - `plainOps`: the textbook formulation, differentiated by tfjs. Fastest on native TensorFlow.
 * - `cpuOps` ("plain+scatter"): plainOps with an embedding gradient through scatterND (the JS backend's
 *   UnsortedSegmentSum, which gather's gradient uses, loops over the whole vocabulary once per id).
 * - `xnnOps`: every heavy product reaches XNNPACK on the wasm backend: custom gradients that transpose
 *   explicitly and then call plain 2-D matMul (wasm runs matMul with a transposed operand, and rank-3
 *   matMul, in a naive loop), attention's batched products as depthwiseConv2d (a grouped GEMM), column
 *   sums as ones·dY, GELU in its sigmoid form (wasm's tanh is slow), embedding gradient by scatterND.
 *
 * Every formulation computes the same function with the same gradients (ops.spec.ts checks this).
 */
import * as tf from '@tensorflow/tfjs-core';
import './gradients.js';

export interface GptOps {
  readonly name: string;
  /** Decoding keeps wteᵀ beside the KV cache, so the output head is a plain matMul (for wasm). */
  readonly transposedHead: boolean;
  /** x [N, in] · w [in, out] + b [out]. */
  linear(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D;
  /** a [N, k] · bᵀ where b is [M, k] (the tied output head: hidden · wteᵀ). */
  matMulT(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D;
  /** Rows of table [V, d] picked by ids [N] (int32). */
  embed(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D;
  /** x [N, m] + b [m] broadcast over rows. */
  addBias(x: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor2D;
  /** LayerNorm over the last axis of x [N, d]. */
  layerNorm(x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D, eps: number): tf.Tensor2D;
  /** GPT-2's GELU, 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
  gelu(x: tf.Tensor2D): tf.Tensor2D;
  /**
   * Causal multi-head attention, softmax(q·kᵀ/√hd + mask)·v, token-major: q [B, Tq, H, hd] and
   * k, v [B, Tk, H, hd] → [B, Tq, H, hd]. Query i sits at position offset + i and sees keys 0 … offset + i.
   */
  attention(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D, offset: number): tf.Tensor4D;
}

const GELU_C = Math.sqrt(2 / Math.PI);

/** Additive mask [Tq, Tk]: 0 where query i may see key j (j ≤ offset + i), −1e9 elsewhere; null if none is hidden. */
export function causalBias(tq: number, tk: number, offset: number): tf.Tensor2D | null {
  if (offset + tq >= tk && tq === 1) return null;
  const m = new Float32Array(tq * tk);
  for (let i = 0; i < tq; i++) for (let j = offset + i + 1; j < tk; j++) m[i * tk + j] = -1e9;
  return tf.tensor2d(m, [tq, tk]);
}

// ---------------------------------------------------------------- plain

export const plainOps: GptOps = {
  name: 'plain',
  transposedHead: false,
  linear: (x, w, b) => tf.add(tf.matMul(x, w), b),
  matMulT: (a, b) => tf.matMul(a, b, false, true),
  embed: (table, ids) => tf.gather(table, ids),
  addBias: (x, b) => tf.add(x, b),
  layerNorm(x, gain, bias, eps) {
    const { mean, variance } = tf.moments(x, -1, true);
    return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, eps))), gain), bias);
  },
  gelu(x) {
    const inner = tf.mul(GELU_C, tf.add(x, tf.mul(0.044715, tf.pow(x, 3))));
    return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
  },
  attention(q, k, v, offset) {
    const [, tq, , hd] = q.shape;
    const heads = (t: tf.Tensor4D) => tf.transpose(t, [0, 2, 1, 3]); // [B, H, T, hd]
    let scores: tf.Tensor = tf.mul(tf.matMul(heads(q), heads(k), false, true), 1 / Math.sqrt(hd));
    const mask = causalBias(tq, k.shape[1], offset);
    if (mask) scores = tf.add(scores, mask);
    return tf.transpose(tf.matMul(tf.softmax(scores), heads(v)), [0, 2, 1, 3]) as tf.Tensor4D;
  },
};

// ---------------------------------------------------------------- custom-gradient pieces

type GradFn = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor[];

/** tf.customGrad with typed inputs: f gets the inputs and `save`, returns the value and one gradient per input. */
export function customOp<T extends tf.Tensor>(
  f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => { value: tf.Tensor; gradFunc: GradFn },
) {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const save = args.pop() as tf.GradSaveFunc;
    return f(args as tf.Tensor[], save);
  });
  return (...inputs: tf.Tensor[]): T => op(...inputs) as T;
}

/** Embedding whose gradient is scatterND (sums duplicate ids) instead of UnsortedSegmentSum. */
const scatterEmbed = customOp<tf.Tensor2D>(([table, ids], save) => {
  save([ids]);
  return {
    value: tf.gather(table, ids),
    gradFunc: (dy, [i]) => [tf.scatterND(tf.reshape(i, [-1, 1]), dy, table.shape), tf.zerosLike(i)],
  };
});

export const cpuOps: GptOps = {
  ...plainOps,
  name: 'plain+scatter',
  embed: (table, ids) => scatterEmbed(table, ids),
};

// ---------------------------------------------------------------- XNNPACK-friendly (wasm)

/** Σ over rows of y [N, m] as ones[1, N]·y: a GEMM instead of wasm's slow axis-0 reduction. */
const colSum = (y: tf.Tensor): tf.Tensor1D =>
  tf.reshape(tf.matMul(tf.ones([1, y.shape[0]]), y as tf.Tensor2D), [y.shape[1]!]) as tf.Tensor1D;
const t2 = (x: tf.Tensor) => tf.transpose(x as tf.Tensor2D);
const mm = (a: tf.Tensor, b: tf.Tensor) => tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D);

/** xᵀ·dy [in, out] with plain matMuls, transposing whichever side moves fewer elements. */
function weightGrad(x: tf.Tensor, dy: tf.Tensor): tf.Tensor {
  const [n, din] = x.shape;
  const dout = dy.shape[1]!;
  return n * din <= n * dout + din * dout ? mm(t2(x), dy) : t2(mm(t2(dy), x));
}

const xnnLinear = customOp<tf.Tensor2D>(([x, w, b], save) => {
  save([x, w]);
  return {
    value: tf.add(mm(x, w), b),
    gradFunc: (dy, [xs, ws]) => [mm(dy, t2(ws)), weightGrad(xs, dy), colSum(dy)],
  };
});

/** a · bᵀ with b [M, k]: transposes the two smaller operands rather than the [N, M] gradient. */
const xnnMatMulT = customOp<tf.Tensor2D>(([a, b], save) => {
  save([a, b]);
  return {
    value: mm(a, t2(b)),
    gradFunc: (dy, [as, bs]) => [mm(dy, bs), t2(weightGrad(as, dy))],
  };
});

const xnnAddBias = customOp<tf.Tensor2D>(([x, b]) => ({
  value: tf.add(x, b),
  gradFunc: (dy) => [tf.clone(dy), colSum(dy)],
}));

const xnnLayerNorm = (x: tf.Tensor2D, gain: tf.Tensor1D, bias: tf.Tensor1D, eps: number) =>
  customOp<tf.Tensor2D>(([x_, g_, b_], save) => {
    const { mean, variance } = tf.moments(x_, -1, true);
    const rstd = tf.rsqrt(tf.add(variance, eps));
    const xhat = tf.mul(tf.sub(x_, mean), rstd);
    save([xhat, rstd, g_]);
    return {
      value: tf.add(tf.mul(xhat, g_), b_),
      gradFunc: (dy, [xh, rs, g]) => {
        // dx = rstd·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) with dx̂ = dy·g
        const dxhat = tf.mul(dy, g);
        const centred = tf.sub(dxhat, tf.mean(dxhat, -1, true));
        const dx = tf.mul(rs, tf.sub(centred, tf.mul(xh, tf.mean(tf.mul(dxhat, xh), -1, true))));
        return [dx, colSum(tf.mul(dy, xh)), colSum(dy)];
      },
    };
  })(x, gain, bias);

/** x·σ(2u) equals 0.5·x·(1 + tanh u) exactly, and wasm's sigmoid is ~7× faster than its tanh. */
const xnnGelu = customOp<tf.Tensor2D>(([x], save) => {
  const x2 = tf.square(x);
  const s = tf.sigmoid(tf.mul(tf.mul(x, tf.add(1, tf.mul(0.044715, x2))), 2 * GELU_C));
  save([x, x2, s]);
  return {
    value: tf.mul(x, s),
    gradFunc: (dy, [xs, x2s, ss]) => {
      // d/dx x·σ(2u) = σ + x·σ(1 − σ)·2c(1 + 3·0.044715·x²)
      const du = tf.mul(tf.add(1, tf.mul(3 * 0.044715, x2s)), 2 * GELU_C);
      return [tf.mul(dy, tf.add(ss, tf.mul(tf.mul(xs, tf.mul(ss, tf.sub(1, ss))), du)))];
    },
  };
});

function dwMatMul(a: tf.Tensor, f: tf.Tensor): tf.Tensor3D {
  const [m, k, g] = a.shape;
  const n = f.shape[2]!;
  const out = tf.depthwiseConv2d(
    tf.reshape(a, [1, m, k!, g!]) as tf.Tensor4D,
    tf.reshape(f, [1, k!, g!, n]) as tf.Tensor4D,
    1,
    'valid',
  );
  return tf.reshape(out, [m, g!, n]) as tf.Tensor3D;
}

/**
 * Grouped matmul as a depthwise convolution: out[m, g, n] = Σ_k a[m, k, g] · f[k, g, n], i.e. for every
 * group g, A_g [M, K] · F_g [K, N]. XNNPACK runs it as a grouped GEMM.
 */
export const groupedMatMul = customOp<tf.Tensor3D>(([a, f], save) => {
  save([a, f]);
  return {
    value: dwMatMul(a, f),
    gradFunc: (dy, [as, fs]) => [
      // dA_g = dY_g · F_gᵀ and dF_g = A_gᵀ · dY_g: grouped matmuls again (dy is [M, G, N])
      tf.transpose(dwMatMul(tf.transpose(dy, [0, 2, 1]), tf.transpose(fs, [2, 1, 0])), [0, 2, 1]),
      dwMatMul(tf.transpose(as, [1, 0, 2]), dy),
    ],
  };
});

function xnnAttention(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D, offset: number): tf.Tensor4D {
  const [B, tq, H, hd] = q.shape;
  const tk = k.shape[1];
  if (tq === 1) return plainOps.attention(q, k, v, offset); // decoding: tiny products, fewer ops win
  const G = B * H;
  // put the (batch, head) group where the depthwise convolution wants it, with rank-4 transposes only
  const qa = tf.reshape(tf.transpose(tf.mul(q, 1 / Math.sqrt(hd)), [1, 3, 0, 2]), [tq, hd, G]);
  const kf = tf.reshape(tf.transpose(k, [3, 0, 2, 1]), [hd, G, tk]);
  let scores: tf.Tensor = groupedMatMul(qa, kf); // [Tq, G, Tk]
  const mask = causalBias(tq, tk, offset);
  if (mask) scores = tf.add(scores, tf.reshape(mask, [tq, 1, tk]));
  const pa = tf.transpose(tf.softmax(scores), [0, 2, 1]); // [Tq, Tk, G]
  const vf = tf.reshape(tf.transpose(v, [1, 0, 2, 3]), [tk, G, hd]);
  const out = groupedMatMul(pa, vf); // [Tq, G, hd]
  return tf.transpose(tf.reshape(out, [tq, B, H, hd]), [1, 0, 2, 3]) as tf.Tensor4D;
}

export const xnnOps: GptOps = {
  name: 'xnnpack',
  transposedHead: true,
  linear: (x, w, b) => xnnLinear(x, w, b),
  matMulT: (a, b) => xnnMatMulT(a, b),
  embed: (table, ids) => scatterEmbed(table, ids),
  addBias: (x, b) => xnnAddBias(x, b),
  layerNorm: xnnLayerNorm,
  gelu: (x) => xnnGelu(x),
  attention: xnnAttention,
};

/** The formulation that runs fastest on a backend. */
export function opsFor(backend: string = tf.getBackend()): GptOps {
  if (backend === 'wasm') return xnnOps;
  if (backend === 'cpu') return cpuOps;
  return plainOps;
}
