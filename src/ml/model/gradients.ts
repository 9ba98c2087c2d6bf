/**
 * Gradient functions for the kernels our models differentiate through.
 *
 * Why this file exists: tfjs-core's Node (CommonJS) bundle ships the kernels' forward ops but no
 * gradient functions — those are registered by the union package `@tensorflow/tfjs`, which is not a
 * dependency here, and tfjs-core's own per-kernel ESM gradient files use extensionless imports that
 * Node cannot load. These are the same formulas as tfjs-core's src/gradients. Registration is skipped
 * for any kernel that already has a gradient (e.g. once tfjs-node has loaded the union package).
 */
import * as tf from '@tensorflow/tfjs-core';

type Saved = tf.Tensor[];
type Attrs = tf.NamedAttrMap;
type GradFunc = (dy: tf.Tensor | tf.Tensor[], saved: Saved, attrs: Attrs) => Record<string, () => tf.Tensor>;

const { getReductionAxes, assertAndGetBroadcastShape, getUndoAxesPermutation, expandShapeToKeepDim } =
  tf.backend_util;
const axes = (axis: unknown, shape: number[]) => tf.util.parseAxisParam(axis as number | number[], shape);
const f32 = (x: tf.Tensor) => tf.cast(x, 'float32');

/** Sums a broadcast gradient back down to `shape`. */
function unbroadcast(g: tf.Tensor, shape: number[], outShape: number[]): tf.Tensor {
  const reduce = getReductionAxes(shape, outShape);
  return tf.reshape(reduce.length > 0 ? tf.sum(g, reduce) : g, shape);
}

/** Gradient of an element-wise binary kernel with broadcasting: da = fa(dy, a, b), db = fb(dy, a, b). */
function binary(
  fa: (dy: tf.Tensor, a: tf.Tensor, b: tf.Tensor, y: tf.Tensor) => tf.Tensor,
  fb: typeof fa,
  saveOutput = false,
) {
  return {
    inputsToSave: ['a', 'b'],
    outputsToSave: saveOutput ? [true] : undefined,
    gradFunc: ((dy, [a, b, y]) => {
      const out = assertAndGetBroadcastShape(a.shape, b.shape);
      return {
        a: () => unbroadcast(fa(dy as tf.Tensor, a, b, y), a.shape, out),
        b: () => unbroadcast(fb(dy as tf.Tensor, a, b, y), b.shape, out),
      };
    }) as GradFunc,
  };
}

/** Gradient of a unary kernel from its saved input (x) or output (y). */
const unaryX = (f: (dy: tf.Tensor, x: tf.Tensor, attrs: Attrs) => tf.Tensor) => ({
  inputsToSave: ['x'],
  gradFunc: ((dy, [x], attrs) => ({ x: () => f(dy as tf.Tensor, x, attrs) })) as GradFunc,
});
const unaryY = (f: (dy: tf.Tensor, y: tf.Tensor) => tf.Tensor) => ({
  outputsToSave: [true],
  gradFunc: ((dy, [y]) => ({ x: () => f(dy as tf.Tensor, y) })) as GradFunc,
});

function minMax(dy: tf.Tensor, [x, y]: Saved, attrs: Attrs) {
  const ax = axes(attrs.reductionIndices ?? attrs.axis, x.shape); // Max names it reductionIndices, Min axis
  const yk = y.rank < x.rank ? tf.reshape(y, expandShapeToKeepDim(y.shape, ax)) : y;
  const dyk = dy.rank < x.rank ? tf.reshape(dy, expandShapeToKeepDim(dy.shape, ax)) : dy;
  return { x: () => tf.mul(dyk, f32(tf.equal(x, yk))) };
}

function expandReduced(dy: tf.Tensor, x: tf.Tensor, attrs: Attrs): tf.Tensor {
  const shape = x.shape.slice();
  for (const a of axes(attrs.axis, x.shape)) shape[a] = 1;
  return tf.mul(tf.reshape(dy, shape), tf.ones(x.shape, 'float32'));
}

const configs: Record<string, Omit<tf.GradConfig, 'kernelName'>> = {
  Add: binary(
    (dy) => dy,
    (dy) => dy,
  ),
  Sub: binary(
    (dy) => dy,
    (dy) => tf.neg(dy),
  ),
  Multiply: binary(
    (dy, _a, b) => tf.mul(dy, f32(b)),
    (dy, a) => tf.mul(dy, f32(a)),
  ),
  RealDiv: binary(
    (dy, _a, b) => tf.div(dy, f32(b)),
    (dy, a, b) => tf.neg(tf.div(tf.mul(dy, f32(a)), tf.square(f32(b)))),
  ),
  Maximum: binary(
    (dy, a, b) => tf.mul(dy, f32(tf.greaterEqual(a, b))),
    (dy, a, b) => tf.mul(dy, f32(tf.less(a, b))),
  ),
  Minimum: binary(
    (dy, a, b) => tf.mul(dy, f32(tf.lessEqual(a, b))),
    (dy, a, b) => tf.mul(dy, f32(tf.greater(a, b))),
  ),
  SquaredDifference: binary(
    (dy, a, b) => tf.mul(dy, tf.mul(2, tf.sub(a, b))),
    (dy, a, b) => tf.mul(dy, tf.mul(2, tf.sub(b, a))),
  ),
  Pow: binary(
    (dy, a, b) => tf.mul(dy, tf.mul(f32(b), tf.pow(a, tf.sub(f32(b), 1)))),
    (dy, a, _b, y) => tf.mul(dy, tf.mul(y, tf.where(tf.greater(a, 0), tf.log(a), tf.zerosLike(a)))),
    true,
  ),
  Neg: { gradFunc: ((dy) => ({ x: () => tf.neg(dy as tf.Tensor) })) as GradFunc },
  Cast: { gradFunc: ((dy) => ({ x: () => tf.clone(dy as tf.Tensor) })) as GradFunc },
  Identity: { gradFunc: ((dy) => ({ x: () => f32(dy as tf.Tensor) })) as GradFunc },
  Square: unaryX((dy, x) => tf.mul(dy, tf.mul(f32(x), 2))),
  Sqrt: unaryX((dy, x) => tf.div(dy, tf.mul(tf.sqrt(f32(x)), 2))),
  Rsqrt: unaryX((dy, x) => tf.neg(tf.div(dy, tf.mul(tf.pow(x, 1.5), 2)))),
  Log: unaryX((dy, x) => tf.div(dy, f32(x))),
  Log1p: unaryX((dy, x) => tf.div(dy, tf.add(x, 1))),
  Reciprocal: unaryX((dy, x) => tf.neg(tf.div(dy, tf.square(x)))),
  Softplus: unaryX((dy, x) => tf.mul(dy, tf.sigmoid(x))),
  Abs: unaryX((dy, x) => tf.mul(dy, tf.step(f32(x), -1))),
  Relu: unaryX((dy, x) => tf.mul(dy, f32(tf.step(x)))),
  ClipByValue: unaryX((dy, x, { clipValueMin, clipValueMax }) =>
    tf.where(
      tf.logicalAnd(tf.greaterEqual(x, clipValueMin as number), tf.lessEqual(x, clipValueMax as number)),
      dy,
      tf.zerosLike(dy),
    ),
  ),
  Exp: unaryY((dy, y) => tf.mul(dy, y)),
  Tanh: unaryY((dy, y) => tf.mul(tf.sub(1, tf.square(y)), dy)),
  Sigmoid: unaryY((dy, y) => tf.mul(dy, tf.mul(y, tf.sub(1, y)))),
  Sum: unaryX((dy, x, attrs) => expandReduced(dy, x, attrs)),
  Mean: unaryX((dy, x, attrs) => {
    const n = axes(attrs.axis, x.shape).reduce((p, a) => p * x.shape[a], 1);
    return tf.div(expandReduced(dy, x, attrs), n);
  }),
  Max: {
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: ((dy, saved, attrs) => minMax(dy as tf.Tensor, saved, attrs)) as GradFunc,
  },
  Min: {
    inputsToSave: ['x'],
    outputsToSave: [true],
    gradFunc: ((dy, saved, attrs) => minMax(dy as tf.Tensor, saved, attrs)) as GradFunc,
  },
  Softmax: {
    outputsToSave: [true],
    gradFunc: ((dy, [y], { dim }) => {
      const dyy = tf.mul(dy as tf.Tensor, y);
      return { logits: () => tf.sub(dyy, tf.mul(tf.sum(dyy, [dim as number], true), y)) };
    }) as GradFunc,
  },
  LogSoftmax: {
    outputsToSave: [true],
    gradFunc: ((dy, [value], { axis }) => ({
      logits: () =>
        tf.sub(dy as tf.Tensor, tf.mul(tf.sum(dy as tf.Tensor, axis as number, true), tf.exp(value))),
    })) as GradFunc,
  },
  BatchMatMul: {
    inputsToSave: ['a', 'b'],
    gradFunc: ((dy, [a, b], { transposeA, transposeB }) => {
      const g = dy as tf.Tensor;
      if (!transposeA && !transposeB)
        return { a: () => tf.matMul(g, b, false, true), b: () => tf.matMul(a, g, true, false) };
      if (!transposeA && transposeB)
        return { a: () => tf.matMul(g, b, false, false), b: () => tf.matMul(g, a, true, false) };
      if (transposeA && !transposeB)
        return { a: () => tf.matMul(b, g, false, true), b: () => tf.matMul(a, g, false, false) };
      return { a: () => tf.matMul(b, g, true, true), b: () => tf.matMul(g, a, true, true) };
    }) as GradFunc,
  },
  Reshape: unaryX((dy, x) => tf.reshape(dy, x.shape)),
  ExpandDims: {
    inputsToSave: ['input'],
    gradFunc: ((dy, [input]) => ({ input: () => tf.reshape(dy as tf.Tensor, input.shape) })) as GradFunc,
  },
  Transpose: {
    gradFunc: ((dy, _s, { perm }) => ({
      x: () => tf.transpose(dy as tf.Tensor, getUndoAxesPermutation(perm as number[])),
    })) as GradFunc,
  },
  Slice: unaryX((dy, x, { begin, size }) => {
    const [b, s] = tf.slice_util.parseSliceParams(x, begin as number[], size as number[]);
    return tf.pad(
      dy,
      b.map((bi, i) => [bi, x.shape[i] - bi - s[i]] as [number, number]),
    );
  }),
  PadV2: unaryX((dy, x, { paddings }) =>
    tf.slice(
      dy,
      (paddings as [number, number][]).map((p) => p[0]),
      x.shape,
    ),
  ),
  Concat: {
    saveAllInputs: true,
    gradFunc: ((dy, saved, { axis }) => {
      const a = axes(axis, saved[0].shape)[0];
      return tf
        .split(
          dy as tf.Tensor,
          saved.map((t) => t.shape[a]),
          a,
        )
        .map((t) => () => t) as unknown as Record<string, () => tf.Tensor>;
    }) as GradFunc,
  },
  SplitV: {
    gradFunc: ((dy, _s, { axis }) => ({ x: () => tf.concat(dy as tf.Tensor[], axis as number) })) as GradFunc,
  },
  Pack: {
    saveAllInputs: true,
    gradFunc: ((dy, _s, { axis }) =>
      tf.unstack(dy as tf.Tensor, axis as number).map((t) => () => t) as unknown as Record<
        string,
        () => tf.Tensor
      >) as GradFunc,
  },
  Unpack: {
    gradFunc: ((dy, _s, { axis }) => ({
      value: () => tf.stack(dy as tf.Tensor[], axis as number),
    })) as GradFunc,
  },
  BroadcastTo: {
    gradFunc: ((dy, _s, { inputShape, shape }) => {
      const inShape = inputShape as number[];
      const outShape = shape as number[];
      const lead = outShape.length - inShape.length;
      const reduce = outShape
        .map((n, i) => (i < lead || inShape[i - lead] !== n ? i : -1))
        .filter((i) => i >= 0);
      return { x: () => tf.reshape(tf.sum(dy as tf.Tensor, reduce), inShape) };
    }) as GradFunc,
  },
  Tile: unaryX((dy, x, { reps }) => {
    // dy viewed as [r0, n0, r1, n1, …]: sum the repeat axes
    const r = reps as number[];
    const interleaved = x.shape.flatMap((n, i) => [r[i], n]);
    return tf.sum(
      tf.reshape(dy, interleaved),
      r.map((_, i) => 2 * i),
    );
  }),
  Select: {
    inputsToSave: ['condition'],
    gradFunc: ((dy, [c]) => ({
      condition: () => f32(tf.zerosLike(c)),
      t: () => tf.mul(dy as tf.Tensor, tf.cast(c, (dy as tf.Tensor).dtype)),
      e: () => tf.mul(dy as tf.Tensor, tf.cast(tf.logicalNot(c), (dy as tf.Tensor).dtype)),
    })) as GradFunc,
  },
  AddN: {
    saveAllInputs: true,
    gradFunc: ((dy, saved) =>
      Object.fromEntries(saved.map((_, i) => [i, () => tf.clone(dy as tf.Tensor)]))) as GradFunc,
  },
  GatherV2: {
    inputsToSave: ['x', 'indices'],
    gradFunc: ((dy, [x, indices], { axis, batchDims }) => {
      if (batchDims) throw new Error('GatherV2 gradient: batchDims is not supported');
      const a = axes(axis, x.shape)[0];
      const g = dy as tf.Tensor;
      return {
        x: () => {
          // move the gathered axis first, sum rows per index, move it back
          const outer = x.shape.slice(0, a),
            inner = x.shape.slice(a + 1);
          const values = tf.reshape(g, [...outer, indices.size, ...inner]);
          const perm = [
            outer.length,
            ...outer.map((_, i) => i),
            ...inner.map((_, i) => outer.length + 1 + i),
          ];
          const summed = tf.unsortedSegmentSum(
            tf.transpose(values, perm),
            tf.reshape(indices, [indices.size]) as tf.Tensor1D,
            x.shape[a],
          );
          return tf.transpose(summed, getUndoAxesPermutation(perm));
        },
        indices: () => indices,
      };
    }) as GradFunc,
  },
};

let registered = false;

/** Registers the gradients above once per process, leaving existing registrations alone. */
export function registerGradients(): void {
  if (registered) return;
  registered = true;
  for (const [kernelName, config] of Object.entries(configs)) {
    if (!tf.getGradient(kernelName)) tf.registerGradient({ kernelName, ...config } as tf.GradConfig);
  }
}

registerGradients();
