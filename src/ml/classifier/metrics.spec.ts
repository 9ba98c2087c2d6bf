import { categoryRecord } from './categories.js';
import { bestF1Threshold, evaluateScores, f1Of, rocAuc } from './metrics.js';

describe('metrics', () => {
  it('compute precision, recall and F1 as worked out by hand', () => {
    // tp 3, fp 1, fn 2: P = 3/4, R = 3/5, F1 = 6/9
    const m = f1Of({ tp: 3, fp: 1, fn: 2 });
    expect(m.precision).toBeCloseTo(0.75);
    expect(m.recall).toBeCloseTo(0.6);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(f1Of({ tp: 0, fp: 0, fn: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('compute ROC AUC with ties counted half', () => {
    expect(rocAuc([0.9, 0.8, 0.1, 0.2], [true, true, false, false])).toBe(1);
    // positives 0.9, 0.4; negatives 0.5, 0.1: pairs won 1 + 1 + 0 + 1 = 3 of 4
    expect(rocAuc([0.9, 0.4, 0.5, 0.1], [true, true, false, false])).toBeCloseTo(0.75);
    expect(rocAuc([0.5, 0.5], [true, false])).toBeCloseTo(0.5);
    expect(rocAuc([0.5, 0.4], [true, true])).toBeUndefined();
  });

  it('put the F1-best threshold in the middle of the widest gap', () => {
    expect(bestF1Threshold([0.9, 0.7, 0.2, 0.1], [true, true, false, false])).toBeCloseTo(0.45);
    // one positive below a negative: cutting at 0.35 (F1 = 6/7) beats cutting at 0.7 (F1 = 4/5)
    expect(bestF1Threshold([0.9, 0.8, 0.6, 0.4, 0.3], [true, true, false, true, false])).toBeCloseTo(0.35);
    expect(bestF1Threshold([0.3, 0.2], [false, false])).toBe(0.5);
  });

  it('average F1 over the categories present', () => {
    const scores = [categoryRecord(() => 0), categoryRecord((c) => (c === 'hate' ? 0.9 : 0))];
    const ev = evaluateScores(
      scores,
      [[], ['hate']],
      categoryRecord(() => 0.5),
    );
    expect(ev.perCategory.hate).toMatchObject({
      precision: 1,
      recall: 1,
      f1: 1,
      auc: 1,
      support: 1,
      threshold: 0.5,
    });
    expect(ev.perCategory.sexual.support).toBe(0);
    expect(ev.macroF1).toBe(1);
  });
});
