import { allocateAwards, type RankedCandidate } from './awards.js';

const ranked = (n: number, ineligible: number[] = []): RankedCandidate[] =>
  Array.from({ length: n }, (_, i) => ({ entryId: `e${i + 1}`, awardEligible: !ineligible.includes(i + 1) }));

const values = (m: Map<string, number>) => [...m.values()];

describe('awards', () => {
  it('the seed contest: 20 winners × 500 from a pool of 10 000', () => {
    const awards = allocateAwards(ranked(25), {
      pool: 10_000,
      maxPerEntry: 500,
      winners: 20,
      policy: 'equal',
    });
    expect(values(awards)).toEqual([...Array(20).fill(500), 0, 0, 0, 0, 0]);
  });

  it('equal shares never exceed the per-entry maximum or the pool', () => {
    expect(
      values(allocateAwards(ranked(4), { pool: 1000, maxPerEntry: 500, winners: 3, policy: 'equal' })),
    ).toEqual([333, 333, 333, 0]);
    expect(
      values(allocateAwards(ranked(4), { pool: 9000, maxPerEntry: 500, winners: 3, policy: 'equal' })),
    ).toEqual([500, 500, 500, 0]);
    // Fewer eligible entries than winners: the pool is shared among those there are.
    expect(
      values(allocateAwards(ranked(2), { pool: 1000, maxPerEntry: 800, winners: 5, policy: 'equal' })),
    ).toEqual([500, 500]);
  });

  it('rank order pays the best first until the pool runs out', () => {
    expect(
      values(allocateAwards(ranked(4), { pool: 1200, maxPerEntry: 500, winners: 3, policy: 'rank_order' })),
    ).toEqual([500, 500, 200, 0]);
    expect(
      values(allocateAwards(ranked(4), { pool: 400, maxPerEntry: 500, winners: 3, policy: 'rank_order' })),
    ).toEqual([400, 0, 0, 0]);
  });

  it('passes over entries that cannot win (first reporter wins) and gives the place to the next', () => {
    const awards = allocateAwards(ranked(4, [2]), {
      pool: 1000,
      maxPerEntry: 500,
      winners: 2,
      policy: 'equal',
    });
    expect(Object.fromEntries(awards)).toEqual({ e1: 500, e2: 0, e3: 500, e4: 0 });
  });

  it('never pays more than the pool or the cap, whatever the numbers', () => {
    for (let pool = 0; pool < 3000; pool += 137) {
      for (const winners of [0, 1, 2, 5, 9]) {
        for (const policy of ['equal', 'rank_order'] as const) {
          const awards = values(allocateAwards(ranked(7, [3]), { pool, maxPerEntry: 450, winners, policy }));
          expect(awards.reduce((s, a) => s + a, 0)).toBeLessThanOrEqual(pool);
          expect(Math.max(...awards)).toBeLessThanOrEqual(450);
          expect(awards.filter((a) => a > 0).length).toBeLessThanOrEqual(winners);
        }
      }
    }
  });

  it('refuses fractional or negative rules', () => {
    expect(() =>
      allocateAwards(ranked(1), { pool: 10.5, maxPerEntry: 5, winners: 1, policy: 'equal' }),
    ).toThrow(/pool must be a whole number/);
  });
});
