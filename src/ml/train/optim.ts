import * as tf from '@tensorflow/tfjs-core';
import '../model/gradients.js';

export interface AdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled weight decay (AdamW) applied to matrices only, not to biases and LayerNorm gains. */
  weightDecay?: number;
}

/**
 * Adam bound to an explicit, fixed list of variables (REFERENCE §4: an optimizer without a var list
 * would differentiate every trainable variable in the process, and moments are kept per variable).
 */
export class Adam {
  learningRate: number;
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly epsilon: number;
  private readonly weightDecay: number;
  private readonly m: Map<string, tf.Variable>;
  private readonly v: Map<string, tf.Variable>;
  step = 0;

  constructor(
    readonly vars: Map<string, tf.Variable>,
    opts: AdamOptions,
  ) {
    this.learningRate = opts.learningRate;
    this.beta1 = opts.beta1 ?? 0.9;
    this.beta2 = opts.beta2 ?? 0.999;
    this.epsilon = opts.epsilon ?? 1e-8;
    this.weightDecay = opts.weightDecay ?? 0;
    const zeros = () =>
      new Map([...vars].map(([k, x]) => [k, tf.tidy(() => tf.variable(tf.zerosLike(x), false))] as const));
    this.m = zeros();
    this.v = zeros();
  }

  /** One update from gradients keyed like `vars`; a missing gradient leaves that variable alone. */
  apply(grads: Map<string, tf.Tensor>): void {
    this.step++;
    const c1 = 1 - this.beta1 ** this.step;
    const c2 = 1 - this.beta2 ** this.step;
    const lr = this.learningRate;
    tf.tidy(() => {
      for (const [name, x] of this.vars) {
        const g = grads.get(name);
        if (!g) continue;
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        m.assign(tf.add(tf.mul(m, this.beta1), tf.mul(g, 1 - this.beta1)));
        v.assign(tf.add(tf.mul(v, this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        let update: tf.Tensor = tf.div(tf.div(m, c1), tf.add(tf.sqrt(tf.div(v, c2)), this.epsilon));
        if (this.weightDecay > 0 && x.rank >= 2) update = tf.add(update, tf.mul(x, this.weightDecay));
        x.assign(tf.sub(x, tf.mul(update, lr)));
      }
    });
  }

  /** Copies of the moments and the step count: what a resumed run needs to continue exactly. */
  async state(): Promise<AdamState> {
    const read = async (moments: Map<string, tf.Variable>) =>
      new Map(await Promise.all([...moments].map(async ([k, x]) => [k, Float32Array.from(await x.data())] as const)));
    return { step: this.step, m: await read(this.m), v: await read(this.v) };
  }

  /** Continues from a saved state; every variable must have both moments, of the same size. */
  restore(state: AdamState): void {
    for (const [name, x] of this.vars) {
      for (const [label, saved] of [['m', state.m], ['v', state.v]] as const) {
        const data = saved.get(name);
        if (!data) throw new Error(`Adam.restore: the saved state has no ${label} for ${name}`);
        if (data.length !== x.size) throw new Error(`Adam.restore: ${label} of ${name} has ${data.length} values, the variable ${x.size}`);
      }
    }
    tf.tidy(() => {
      for (const [name, x] of this.vars) {
        this.m.get(name)!.assign(tf.tensor(state.m.get(name)!, x.shape));
        this.v.get(name)!.assign(tf.tensor(state.v.get(name)!, x.shape));
      }
    });
    this.step = state.step;
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
}

/** Adam's moments per variable name, and the number of updates taken (for bias correction). */
export interface AdamState {
  step: number;
  m: Map<string, Float32Array>;
  v: Map<string, Float32Array>;
}

/**
 * Computes the loss and the gradients of exactly `vars`; returns the loss, gradients scaled so their
 * global L2 norm is at most maxNorm (when given), and the norm before clipping.
 */
export function gradsClipped(
  lossFn: () => tf.Scalar,
  vars: Map<string, tf.Variable>,
  maxNorm?: number,
): { loss: tf.Scalar; grads: Map<string, tf.Tensor>; norm: tf.Scalar } {
  const names = [...vars.keys()];
  const list = [...vars.values()];
  const out = tf.tidy(() => {
    const { value, grads } = tf.variableGrads(lossFn, list);
    let gs = list.map((x) => grads[x.name]);
    const norm = tf.sqrt(tf.addN(gs.map((g) => tf.sum(tf.square(g))))) as tf.Scalar;
    if (maxNorm !== undefined) {
      const scale = tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-6)));
      gs = gs.map((g) => tf.mul(g, scale));
    }
    return { loss: value, gs, norm }; // tidy keeps tensors in arrays and objects, not in Maps
  });
  return { loss: out.loss, grads: new Map(names.map((n, i) => [n, out.gs[i]])), norm: out.norm };
}
