import { argmax, candidateSet, mulberry32, sampleToken } from './sampling.js';

const logits = Float32Array.from([2.0, -1.0, 0.5, 3.0, 1.0, -3.0, 2.5, 0.0]);
// sorted by logit: 3 (3.0), 6 (2.5), 0 (2.0), 4 (1.0), 2 (0.5), 7 (0.0), 1 (-1.0), 5 (-3.0)

function draws(opts: Parameters<typeof sampleToken>[1], n = 2000, seed = 7): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: n }, () => sampleToken(logits, opts, rng));
}

describe('mulberry32', () => {
  it('is reproducible per seed and differs across seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('sampleToken', () => {
  it('is greedy at temperature 0', () => {
    expect(new Set(draws({ temperature: 0 }, 50))).toEqual(new Set([argmax(logits)]));
    expect(argmax(logits)).toBe(3);
  });

  it('top-k never picks a token outside the k most likely', () => {
    const picked = new Set(draws({ temperature: 1.5, topK: 3 }));
    expect([...picked].every((id) => [3, 6, 0].includes(id))).toBe(true);
    expect(picked.size).toBe(3);
  });

  it('top-p keeps the smallest most-likely set reaching p', () => {
    // softmax at T=1: p(3)≈0.442, p(6)≈0.268, p(0)≈0.163 → cumulative 0.710 < 0.8 ≤ 0.873
    const { ids } = candidateSet(logits, { temperature: 1, topP: 0.8 });
    expect(ids).toEqual([3, 6, 0]);
    const picked = new Set(draws({ temperature: 1, topP: 0.8 }));
    expect([...picked].every((id) => ids.includes(id))).toBe(true);
    expect(picked.size).toBe(3);
  });

  it('applies top-k before top-p', () => {
    const allowed = candidateSet(logits, { temperature: 1, topK: 2, topP: 0.99 }).ids;
    expect(allowed).toEqual([3, 6]);
    expect(new Set(draws({ temperature: 1, topK: 2, topP: 0.99 }))).toEqual(new Set(allowed));
  });

  it('samples in proportion to softmax(logits / T)', () => {
    const n = 20000;
    const counts = new Array(logits.length).fill(0);
    for (const id of draws({ temperature: 1 }, n, 3)) counts[id]++;
    const z = Array.from(logits).map(Math.exp);
    const total = z.reduce((a, b) => a + b, 0);
    z.forEach((w, i) => expect(Math.abs(counts[i] / n - w / total)).toBeLessThan(0.015));
  });
});
