import { rankingAgreement, seededShuffle } from './agreement.js';

describe('rankingAgreement', () => {
  it('is null for one ranking, 1 for identical ones', () => {
    expect(rankingAgreement([[0, 1, 2]])).toBeNull();
    expect(rankingAgreement([[0, 1, 2], [0, 1, 2]])).toBe(1);
  });

  it('counts pairs ordered alike: [0,1,2] vs [1,0,2] agree on 2 of 3 pairs', () => {
    expect(rankingAgreement([[0, 1, 2], [1, 0, 2]])).toBeCloseTo(2 / 3);
  });

  it('treats a tie as its own verdict: [0,0,1] vs [0,1,2] agree on 2 of 3', () => {
    expect(rankingAgreement([[0, 0, 1], [0, 1, 2]])).toBeCloseTo(2 / 3);
  });
});

describe('seededShuffle', () => {
  it('is a permutation and repeatable', () => {
    const a = seededShuffle([1, 2, 3, 4, 5], 42);
    expect([...a].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(seededShuffle([1, 2, 3, 4, 5], 42)).toEqual(a);
  });
});
