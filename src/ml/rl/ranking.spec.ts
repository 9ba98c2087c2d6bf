import { pairCount, rankingPairs, rankingSequences, validateRanking } from './ranking.js';

describe('rankingPairs', () => {
  it('gives every strictly ordered pair of a K=4 ranking with one tie, each weighted 1/C(4,2) = 1/6', () => {
    // replies 1 and 2 tie: of the 6 pairs, (1,2) is dropped; the other 5 keep weight 1/6 (total 5/6)
    const pairs = rankingPairs([0, 1, 1, 2]);
    expect(pairs.map(({ chosen, rejected }) => [chosen, rejected])).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    for (const p of pairs) expect(p.weight).toBeCloseTo(1 / 6, 12);
    expect(pairs.reduce((a, p) => a + p.weight, 0)).toBeCloseTo(5 / 6, 12);
  });

  it('orders each pair by rank, not by position', () => {
    expect(rankingPairs([2, 0, 1])).toEqual([
      { chosen: 1, rejected: 0, weight: 1 / 3 },
      { chosen: 2, rejected: 0, weight: 1 / 3 },
      { chosen: 1, rejected: 2, weight: 1 / 3 },
    ]);
  });

  it('gives nothing for an all-tied ranking and refuses fewer than 2 candidates', () => {
    expect(rankingPairs([1, 1, 1])).toEqual([]);
    expect(() => rankingPairs([0])).toThrow(/at least 2/);
  });

  it('counts C(K,2) = K(K−1)/2 pairs for K = 4 … 9', () => {
    expect([4, 5, 6, 7, 8, 9].map(pairCount)).toEqual([6, 10, 15, 21, 28, 36]);
    expect(rankingPairs([0, 1, 2, 3, 4, 5, 6, 7, 8])).toHaveLength(36);
  });
});

describe('rankings', () => {
  it('are scored as prompt ++ reply, and checked for shape', () => {
    const r = { prompt: [1, 2], replies: [[3], [4, 5]], ranks: [1, 0] };
    expect(rankingSequences(r)).toEqual([
      [1, 2, 3],
      [1, 2, 4, 5],
    ]);
    expect(() => validateRanking(r)).not.toThrow();
    expect(() => validateRanking({ ...r, ranks: [0] })).toThrow(/2 replies but 1 ranks/);
    expect(() => validateRanking({ ...r, ranks: [0, NaN] })).toThrow(/finite/);
  });
});
