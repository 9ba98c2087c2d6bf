import { rankingPairs } from '../rl/ranking.js';
import { ranksByScore, ranksWithMargin, SimulatedTrainers } from './trainers.js';

describe('ranksByScore', () => {
  it('gives rank 0 to the highest score and one shared rank to equal scores', () => {
    expect(ranksByScore([0.2, 0.9, 0.5, 0.9])).toEqual([2, 0, 1, 0]);
    expect(ranksByScore([-1, -3])).toEqual([0, 1]);
    expect(ranksByScore([4, 4, 4])).toEqual([0, 0, 0]);
  });
});

describe('ranksWithMargin', () => {
  it('starts a new rank only where the gap to the next higher score reaches the margin', () => {
    expect(ranksWithMargin([0.2, 0.9, 0.5, 0.85], 0.1)).toEqual([2, 0, 1, 0]);
    expect(ranksWithMargin([0.2, 0.9, 0.5, 0.85], 0)).toEqual([3, 0, 2, 1]);
    expect(ranksWithMargin([1, 0.92, 0.84, 0.5], 0.1)).toEqual([0, 0, 0, 1]); // a chain of small gaps is one tie
    expect(ranksWithMargin([1, 0.75], 0.25)).toEqual([0, 1]); // a gap of exactly the margin is told apart
  });
});

describe('SimulatedTrainers', () => {
  it('with zero noise sorts by score: every pair it implies prefers the higher score', () => {
    const trainers = new SimulatedTrainers(0, 1);
    const scores = [0.3, 1.2, -0.4, 0.8, 0.31];
    const ranks = trainers.rank(scores);
    expect(ranks).toEqual([3, 0, 4, 1, 2]);
    for (const { chosen, rejected } of rankingPairs(ranks))
      expect(scores[chosen]).toBeGreaterThan(scores[rejected]);
    expect(trainers.rank(scores)).toEqual(ranks); // no randomness involved
    expect(trainers.rank([1, 1, 0])).toEqual([0, 0, 1]); // ties stay ties
  });

  it('is reproducible: the same seed gives the same noisy rankings, another seed others', () => {
    const scores = [0, 0.05, 0.1, 0.15];
    const run = (seed: number) => {
      const t = new SimulatedTrainers(0.2, seed);
      return Array.from({ length: 50 }, () => t.rank(scores));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    expect(new Set(run(7).map((r) => r.join())).size).toBeGreaterThan(5); // the noise does reorder
  });

  it('keeps equal scores tied under noise, while unequal ones can swap', () => {
    const trainers = new SimulatedTrainers(1, 2);
    const rankings = Array.from({ length: 200 }, () => trainers.rank([0.5, 0.2, 0.5, 0.3]));
    for (const r of rankings) expect(r[0]).toBe(r[2]);
    expect(new Set(rankings.map((r) => r.join())).size).toBeGreaterThan(3);
  });

  it('orders a pair with score gap Δ correctly with probability Φ(Δ / (σ√2))', () => {
    // Δ = σ: Φ(1/√2) = 0.7602
    const trainers = new SimulatedTrainers(0.5, 3);
    const n = 4000;
    let correct = 0;
    for (let i = 0; i < n; i++) correct += trainers.rank([1, 0.5])[0] === 0 ? 1 : 0;
    expect(correct / n).toBeGreaterThan(0.76 - 0.03);
    expect(correct / n).toBeLessThan(0.76 + 0.03);
  });

  it('with a tie margin, ties close pairs and orders the pairs it does tell apart more often correctly', () => {
    const n = 4000;
    const count = (margin: number) => {
      const trainers = new SimulatedTrainers(0.1, 5, margin);
      let correct = 0;
      let ordered = 0;
      for (let i = 0; i < n; i++) {
        const [better, worse] = trainers.rank([0.55, 0.5]);
        if (better !== worse) ordered++;
        if (better < worse) correct++;
      }
      return { ordered: ordered / n, correct: correct / ordered };
    };
    const exact = count(0);
    expect(exact.ordered).toBe(1);
    expect(exact.correct).toBeCloseTo(0.638, 1); // Φ(0.05 / (0.1·√2))
    // perceived gap ~ N(0.05, 0.141²): P(gap ≥ 0.1) = 0.362, P(gap ≤ −0.1) = 0.144, so half the pairs are
    // ordered, 0.362 / 0.506 = 71.5 % of them the right way
    const tied = count(0.1);
    expect(tied.ordered).toBeCloseTo(0.506, 1);
    expect(tied.correct).toBeCloseTo(0.715, 1);
  });

  it('refuses negative noise or margin and non-finite scores', () => {
    expect(() => new SimulatedTrainers(0, 0, -0.1)).toThrow(/tieMargin/);
    expect(() => new SimulatedTrainers(-0.1, 0)).toThrow(/noise/);
    expect(() => new SimulatedTrainers(0, 0).rank([1, NaN])).toThrow(/finite/);
  });
});
