import { bands, shingles, signature, similarity, fromSigned, toSigned, SIGNATURE_SIZE, ROWS_PER_BAND } from './minhash.js';

/** The straightforward implementation the stored signatures and band keys were computed with. */
const reference = (() => {
  const fnv1a = (text: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
  };
  const coefficients = Array.from({ length: SIGNATURE_SIZE }, (_, i) => [fnv1a(`a${i}`) | 1, fnv1a(`b${i}`)] as const);
  const shingleSet = (text: string, k = 3) => {
    const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length < k) return new Set(words.length ? [words.join(' ')] : []);
    const out = new Set<string>();
    for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
    return out;
  };
  return {
    signature(text: string): number[] {
      const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff);
      for (const shingle of shingleSet(text)) {
        const x = fnv1a(shingle);
        for (let i = 0; i < SIGNATURE_SIZE; i++) {
          const [a, b] = coefficients[i];
          const h = (Math.imul(a, x) + b) >>> 0;
          if (h < sig[i]) sig[i] = h;
        }
      }
      return sig;
    },
    bands(sig: number[]): number[] {
      const out: number[] = [];
      for (let start = 0; start < SIGNATURE_SIZE; start += ROWS_PER_BAND) {
        out.push((start / ROWS_PER_BAND) * 2 ** 32 + fnv1a(sig.slice(start, start + ROWS_PER_BAND).join(',')));
      }
      return out;
    },
  };
})();

/** mulberry32: a seeded generator, so the generated texts are the same on every run. */
const seededRandom = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), seed | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};

const VOCABULARY = [
  'the', 'The', 'MOON', 'reply', 'café', 'cafe\u0301', 'Straße', 'STRASSE', 'Ω', 'ωmega', 'Ωhm', '東京', '日本語',
  '😀', 'a😀b', '𝒜lpha', '𠀀', '𐐀', 'İstanbul', '42', '3.14', '²', '①', 'Ⅻ', "don't", 'e-mail', '!!!', '…', '—',
  'ﬁne', 'ﬀ', 'Ｆｕｌｌ', 'ｗｉｄｔｈ', '１２３', 'ǅ', 'x',
];
const SEPARATORS = [' ', ' ', ' ', '  ', '\n', ', ', '. ', '-', '\t', ''];

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

  it('gives exactly the reference signatures and band keys for generated and edge-case texts', () => {
    const random = seededRandom(20240611);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    const generated = Array.from({ length: 1500 }, () =>
      Array.from({ length: Math.floor(random() * 61) }, () => pick(VOCABULARY) + pick(SEPARATORS)).join(''),
    );
    const edgeCases = ['', '   ', '!!! …', 'one', 'Two words', 'three words here', 'a b c a b c a b c', 'x x x x x x', '😀', 'ﬁ', base];
    const same = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]);
    const differing = [...edgeCases, ...generated].filter((text) => {
      const sig = signature(text);
      return !same(sig, reference.signature(text)) || !same(bands(sig), reference.bands(sig));
    });
    expect(differing).toEqual([]);
    expect(signature('')).toEqual(new Array(SIGNATURE_SIZE).fill(0xffffffff));
  });

  it('gives exactly the reference band keys for digit-count boundaries, signed values and short arrays', () => {
    const random = seededRandom(7);
    const boundaries = [0, 1, 9, 10, 99, 100, 999_999_999, 1_000_000_000, 2 ** 31 - 1, 2 ** 31, 0xffffffff];
    for (let n = 0; n < 200; n++) {
      const sig = Array.from({ length: SIGNATURE_SIZE }, () =>
        random() < 0.5 ? boundaries[Math.floor(random() * boundaries.length)] : Math.floor(random() * 2 ** 32),
      );
      expect(bands(sig)).toEqual(reference.bands(sig));
      expect(bands(toSigned(sig))).toEqual(reference.bands(toSigned(sig)));
    }
    const short = [7, 8, 9, 10, 11, 12];
    expect(bands(short)).toEqual(reference.bands(short));
  });

  it('round-trips through signed 32-bit storage', () => {
    const sig = signature(base);
    expect(fromSigned(toSigned(sig))).toEqual(sig);
    expect(toSigned(sig).every((v) => v >= -(2 ** 31) && v < 2 ** 31)).toBe(true);
  });
});
