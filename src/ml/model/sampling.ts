/** Seeded randomness and token sampling, on the CPU in plain JS so a seed reproduces on every backend. */

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/** mulberry32: tiny, fast, good enough for sampling; seeds are taken mod 2³². */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draw (Box–Muller). */
export function gaussian(rng: Rng): number {
  const u = 1 - rng(); // (0, 1], keeps log finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

export interface SamplingOptions {
  /** 0 = greedy (argmax). */
  temperature: number;
  /** Keep the k most likely tokens; 0 or undefined = all. */
  topK?: number;
  /** Keep the smallest set of most likely tokens whose probability reaches topP; 1 or undefined = all. */
  topP?: number;
}

export function argmax(x: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < x.length; i++) if (x[i] > x[best]) best = i;
  return best;
}

/**
 * The tokens sampling may pick and their renormalised probabilities, most likely first:
 * temperature, then top-k, then top-p (the order Hugging Face applies them in).
 */
export function candidateSet(
  logits: ArrayLike<number>,
  opts: SamplingOptions,
): { ids: number[]; probs: number[] } {
  const { temperature } = opts;
  if (!(temperature > 0)) return { ids: [argmax(logits)], probs: [1] };
  const order = Array.from({ length: logits.length }, (_, i) => i).sort(
    (a, b) => logits[b] - logits[a] || a - b,
  );
  const k = opts.topK && opts.topK > 0 ? Math.min(opts.topK, order.length) : order.length;
  const ids = order.slice(0, k);
  const max = logits[ids[0]];
  let probs = ids.map((i) => Math.exp((logits[i] - max) / temperature));
  let total = probs.reduce((a, b) => a + b, 0);
  probs = probs.map((p) => p / total);
  const topP = opts.topP ?? 1;
  if (topP < 1) {
    let cum = 0;
    let keep = 0;
    while (keep < probs.length && cum < topP) cum += probs[keep++];
    ids.length = keep;
    probs.length = keep;
    total = cum;
    probs = probs.map((p) => p / total);
  }
  return { ids, probs };
}

/** One token id drawn from logits (Float32Array of the vocabulary) with rng. */
export function sampleToken(logits: ArrayLike<number>, opts: SamplingOptions, rng: Rng): number {
  if (!(opts.temperature > 0)) return argmax(logits);
  if (!(opts.topK && opts.topK > 0) && (opts.topP ?? 1) >= 1)
    return sampleFull(logits, opts.temperature, rng);
  const { ids, probs } = candidateSet(logits, opts);
  let u = rng();
  for (let i = 0; i < ids.length; i++) {
    u -= probs[i];
    if (u < 0) return ids[i];
  }
  return ids[ids.length - 1];
}

/** Plain softmax sampling over the whole vocabulary: no sort needed. */
function sampleFull(logits: ArrayLike<number>, temperature: number, rng: Rng): number {
  const max = logits[argmax(logits)];
  const weights = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += weights[i] = Math.exp((logits[i] - max) / temperature);
  let u = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return argmax(logits);
}
