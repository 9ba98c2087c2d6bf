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

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
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
