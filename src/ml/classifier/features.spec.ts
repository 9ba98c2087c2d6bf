import {
  DEFAULT_FEATURES,
  denseRows,
  featurize,
  normalizeText,
  validateFeatureSettings,
  wordsOf,
} from './features.js';

const norm = (values: Float32Array) => Math.sqrt(values.reduce((a, v) => a + v * v, 0));

describe('features', () => {
  it('are deterministic', () => {
    const a = featurize('How do I kill the process on port 3000?');
    const b = featurize('How do I kill the process on port 3000?');
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
  });

  it('give sorted, distinct buckets in range and a unit-length row', () => {
    const f = featurize('The quick brown fox jumps over the lazy dog, the end.');
    const idx = Array.from(f.indices);
    expect(idx).toEqual([...new Set(idx)].sort((x, y) => x - y));
    expect(Math.min(...idx)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...idx)).toBeLessThan(DEFAULT_FEATURES.buckets);
    expect(norm(f.values)).toBeCloseTo(1, 5);
  });

  it('ignore case, punctuation and compatibility forms (NFKC)', () => {
    const base = featurize('kill the process');
    for (const variant of ['KILL the Process!', 'ｋｉｌｌ　the process', 'kill,   the process...']) {
      expect(Array.from(featurize(variant).values)).toEqual(Array.from(base.values));
      expect(Array.from(featurize(variant).indices)).toEqual(Array.from(base.indices));
    }
    expect(normalizeText('Ｉ’M')).toBe("i'm");
    expect(wordsOf("You're a 2nd-rate café owner")).toEqual(["you're", 'a', '2nd', 'rate', 'café', 'owner']);
  });

  it('tell different texts apart and give empty text no features', () => {
    expect(Array.from(featurize('kill the process').indices)).not.toEqual(
      Array.from(featurize('skill the process').indices),
    );
    expect(featurize('?!').indices.length).toBe(0);
  });

  it('lay rows out densely', () => {
    const rows = [featurize('a b'), featurize('c')];
    const dense = denseRows(rows, 4096);
    expect(dense.length).toBe(2 * 4096);
    rows[1].indices.forEach((b, k) => expect(dense[4096 + b]).toBe(rows[1].values[k]));
  });

  it('reject settings the model cannot use', () => {
    expect(() => validateFeatureSettings({ ...DEFAULT_FEATURES, buckets: 1000 })).toThrow(/power of two/);
    expect(() => validateFeatureSettings({ ...DEFAULT_FEATURES, charNgrams: [5, 3] })).toThrow(/charNgrams/);
  });
});
