import { bands, shingles, signature, similarity, fromSigned, toSigned } from './minhash.js';

const exactJaccard = (a: string, b: string) => {
  const x = shingles(a);
  const y = shingles(b);
  const inter = [...x].filter((s) => y.has(s)).length;
  return inter / (x.size + y.size - inter);
};

describe('MinHash', () => {
  const base = 'The assistant told me that the moon landing was staged and gave fake sources for it in the reply';

  it('estimates Jaccard similarity within sampling error', () => {
    const variants = [base, base.replace('fake', 'made up'), base + ' yesterday evening', 'An unrelated text about baking bread at home'];
    for (const v of variants) {
      expect(Math.abs(similarity(signature(base), signature(v)) - exactJaccard(base, v))).toBeLessThan(0.2);
    }
  });

  it('scores identical texts 1, ignoring case and punctuation, and unrelated texts near 0', () => {
    expect(similarity(signature(base), signature(base.toUpperCase() + '!!!'))).toBe(1);
    expect(similarity(signature(base), signature('An unrelated text about baking bread at home'))).toBeLessThan(0.1);
  });

  it('puts near-duplicates in a shared LSH band and unrelated texts in none', () => {
    const near = base.replace('fake', 'invented');
    const shared = (a: string, b: string) => bands(signature(a)).filter((h, i) => h === bands(signature(b))[i]).length;
    expect(shared(base, near)).toBeGreaterThan(0);
    expect(shared(base, 'An unrelated text about baking bread at home')).toBe(0);
  });

  it('round-trips through signed 32-bit storage', () => {
    const sig = signature(base);
    expect(fromSigned(toSigned(sig))).toEqual(sig);
    expect(toSigned(sig).every((v) => v >= -(2 ** 31) && v < 2 ** 31)).toBe(true);
  });
});
