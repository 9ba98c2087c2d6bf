import { aggregate, rank } from './ranking.js';
import type { JudgeScore } from './normalise.js';

const R = Math.sqrt(1.5);

/**
 * Three judges, four entries, two judges each, one criterion (weight 1):
 *   A (lenient): E1 10, E2 8, E3 9   → mean 9, sd √(2/3): z = +R, −R, 0
 *   B (harsh):   E2 5,  E3 3, E4 4   → mean 4, sd √(2/3): z = +R, −R, 0
 *   C:           E1 6,  E4 8         → mean 7, sd 1:      z = −1, +1
 * Normalised: E1 (R − 1)/2 = 0.1124, E2 0, E3 −R/2 = −0.6124, E4 1/2 = 0.5
 * Raw means:  E1 8, E2 6.5, E3 6, E4 6 — raw order E1, E2, E3/E4; normalised order E4, E1, E2, E3.
 */
// prettier-ignore
const HAND_WORKED: JudgeScore[] = [
  ['A', 'E1', 10], ['A', 'E2', 8], ['A', 'E3', 9],
  ['B', 'E2', 5], ['B', 'E3', 3], ['B', 'E4', 4],
  ['C', 'E1', 6], ['C', 'E4', 8],
].map(([judgeId, entryId, total]) => ({ judgeId: judgeId as string, entryId: entryId as string, components: [total as number], total: total as number }));

describe('aggregation', () => {
  const result = aggregate(HAND_WORKED, { mode: 'components', weights: [1], disagreementThreshold: 1.5 });
  const by = Object.fromEntries(result.standings.map((s) => [s.entryId, s]));

  it('normalises per judge before averaging (hand-worked)', () => {
    expect(by.E1.score).toBeCloseTo((R - 1) / 2, 12);
    expect(by.E2.score).toBeCloseTo(0, 12);
    expect(by.E3.score).toBeCloseTo(-R / 2, 12);
    expect(by.E4.score).toBeCloseTo(0.5, 12);
    expect([by.E1.rawScore, by.E2.rawScore, by.E3.rawScore, by.E4.rawScore]).toEqual([8, 6.5, 6, 6]);
  });

  it('ranks by the normalised score, not the raw mean', () => {
    const ranked = rank(result.standings.map((s) => ({ ...s, submittedAt: new Date(0) })));
    expect(ranked.map((s) => [s.rank, s.entryId])).toEqual([
      [1, 'E4'],
      [2, 'E1'],
      [3, 'E2'],
      [4, 'E3'],
    ]);
  });

  it('flags entries whose judges disagree beyond the threshold', () => {
    expect(by.E1.spread).toBeCloseTo(R + 1, 12);
    expect(by.E2.spread).toBeCloseTo(2 * R, 12);
    expect([by.E1.flagged, by.E2.flagged, by.E3.flagged, by.E4.flagged]).toEqual([true, true, false, false]);
  });

  it("measures agreement with Krippendorff's alpha on normalised and raw scores", () => {
    // Normalised units: (R, −1) (−R, R) (0, −R) (0, 1). D_o = 2·[(R+1)² + 4R² + R² + 1] / 8; all values sum 0, Σv² = 8: D_e = 128/56.
    const observed = (2 * ((R + 1) ** 2 + 4 * R ** 2 + R ** 2 + 1)) / 8;
    expect(result.agreement).toBeCloseTo(1 - observed / (128 / 56), 12);
    expect(result.rawAgreement).not.toBeNull();
  });

  it('weights per-criterion z-scores (weighted rubric) or uses the total z (bias bounty)', () => {
    const scores: JudgeScore[] = [
      { judgeId: 'j', entryId: 'a', components: [0, 10], total: 7.5 },
      { judgeId: 'j', entryId: 'b', components: [10, 0], total: 2.5 },
    ];
    const weighted = aggregate(scores, { mode: 'components', weights: [1, 3], disagreementThreshold: 9 });
    expect(weighted.standings.map((s) => s.score)).toEqual([(-1 + 3) / 4, (1 - 3) / 4]);
    const total = aggregate(scores, { mode: 'total', weights: [], disagreementThreshold: 9 });
    expect(total.standings.map((s) => s.score)).toEqual([1, -1]);
  });
});

describe('tie-breaks', () => {
  it('break by the first criterion, then by the earlier submission', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const ranked = rank([
      { entryId: 'late', score: 0.5, firstCriterion: 0.2, submittedAt: at(9) },
      { entryId: 'better-first', score: 0.5 + 1e-12, firstCriterion: 0.9, submittedAt: at(5) },
      { entryId: 'early', score: 0.5, firstCriterion: 0.2, submittedAt: at(1) },
      { entryId: 'top', score: 0.7, firstCriterion: -1, submittedAt: at(8) },
    ]);
    expect(ranked.map((r) => r.entryId)).toEqual(['top', 'better-first', 'early', 'late']);
    expect(ranked.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });
});
