import { normalisePerJudge, standardDeviation, zScores } from './normalise.js';

const R = Math.sqrt(1.5); // 1.2247…: the z of ±1 when a judge's scores are {m − 1, m, m + 1}

describe('z-scores within a judge', () => {
  it('uses the population standard deviation: [2, 4, 6] → [−1.2247, 0, 1.2247]', () => {
    expect(standardDeviation([2, 4, 6])).toBeCloseTo(Math.sqrt(8 / 3), 12);
    const z = zScores([2, 4, 6]);
    expect(z[0]).toBeCloseTo(-R, 12);
    expect(z[1]).toBeCloseTo(0, 12);
    expect(z[2]).toBeCloseTo(R, 12);
  });

  it('gives zeros when a judge does not vary or scored one entry', () => {
    expect(zScores([5, 5, 5])).toEqual([0, 0, 0]);
    expect(zScores([7])).toEqual([0]);
  });

  it('makes a harsh and a lenient judge count alike', () => {
    const harsh = [2, 4, 6].map((total, i) => ({
      judgeId: 'harsh',
      entryId: `e${i}`,
      components: [total],
      total,
    }));
    const lenient = [6, 8, 10].map((total, i) => ({
      judgeId: 'lenient',
      entryId: `e${i}`,
      components: [total],
      total,
    }));
    const out = normalisePerJudge([...harsh, ...lenient]);
    expect(out.slice(0, 3).map((s) => s.zTotal)).toEqual(out.slice(3).map((s) => s.zTotal));
    expect(out.slice(0, 3).map((s) => s.zComponents[0])).toEqual(out.slice(0, 3).map((s) => s.zTotal));
  });

  it('normalises each component separately', () => {
    const out = normalisePerJudge([
      { judgeId: 'j', entryId: 'a', components: [1, 10], total: 5.5 },
      { judgeId: 'j', entryId: 'b', components: [3, 10], total: 6.5 },
    ]);
    expect(out.map((s) => s.zComponents)).toEqual([
      [-1, 0],
      [1, 0],
    ]);
  });
});
