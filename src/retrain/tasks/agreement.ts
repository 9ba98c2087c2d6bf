/**
 * How often two rankings of the same K candidates order a pair the same way (both prefer the same one,
 * or both tie it), over all C(K,2) pairs; the mean over every two rankings. 1 = identical orderings.
 */
export function rankingAgreement(rankings: readonly (readonly number[])[]): number | null {
  if (rankings.length < 2) return null;
  let total = 0;
  let count = 0;
  for (let a = 0; a < rankings.length; a++) {
    for (let b = a + 1; b < rankings.length; b++) {
      const [x, y] = [rankings[a], rankings[b]];
      let same = 0;
      let pairs = 0;
      for (let i = 0; i < x.length; i++) {
        for (let j = i + 1; j < x.length; j++) {
          pairs++;
          if (Math.sign(x[i] - x[j]) === Math.sign(y[i] - y[j])) same++;
        }
      }
      total += pairs ? same / pairs : 1;
      count++;
    }
  }
  return total / count;
}

/** A stable shuffle (mulberry32-seeded Fisher–Yates) so the original candidate is not always first. */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rng = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
