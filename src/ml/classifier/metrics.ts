/** Precision / recall / F1 / ROC AUC per category, and thresholds that maximise F1. */
import { categoryRecord, CategoryScores, MODERATION_CATEGORIES, ModerationCategory } from './categories.js';

export interface CategoryMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Area under the ROC curve; absent when the set lacks positives or negatives. */
  auc?: number;
  /** Positive examples of this category in the set. */
  support: number;
  threshold: number;
}

export interface Evaluation {
  perCategory: Record<ModerationCategory, CategoryMetrics>;
  /** Mean F1 over the categories with at least one positive example. */
  macroF1: number;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function f1Of({ tp, fp, fn }: Counts): { precision: number; recall: number; f1: number } {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  return { precision, recall, f1 };
}

/** Probability that a random positive scores above a random negative (ties count half). */
export function rocAuc(scores: number[], positive: boolean[]): number | undefined {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => a[0] - b[0]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j < order.length && order[j][0] === order[i][0]) j++;
    const midRank = (i + 1 + j) / 2; // 1-based average rank of the tie block
    for (let k = i; k < j; k++) {
      if (!positive[order[k][1]]) continue;
      rankSumPos += midRank;
      nPos++;
    }
    i = j;
  }
  const nNeg = scores.length - nPos;
  if (nPos === 0 || nNeg === 0) return undefined;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/**
 * The threshold (flag when score >= t) with the highest F1. Among equally good cut points it takes
 * the widest gap between neighbouring scores, and puts t in the middle of that gap. 0.5 when there
 * are no positives.
 */
export function bestF1Threshold(scores: number[], positive: boolean[]): number {
  const totalPos = positive.filter(Boolean).length;
  if (totalPos === 0) return 0.5;
  const sorted = scores.map((s, i) => [s, positive[i]] as const).sort((a, b) => b[0] - a[0]);
  let best = { f1: -1, gap: -1, t: 0.5 };
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i][1]) tp++;
    else fp++;
    const below = i + 1 < sorted.length ? sorted[i + 1][0] : 0;
    if (below === sorted[i][0]) continue; // cut only between distinct scores
    const { f1 } = f1Of({ tp, fp, fn: totalPos - tp });
    const gap = sorted[i][0] - below;
    if (f1 > best.f1 + 1e-12 || (Math.abs(f1 - best.f1) <= 1e-12 && gap > best.gap)) {
      best = { f1, gap, t: (sorted[i][0] + below) / 2 };
    }
  }
  return best.t;
}

/** Metrics of scored examples at the given thresholds. */
export function evaluateScores(
  scores: CategoryScores[],
  labels: ModerationCategory[][],
  thresholds: CategoryScores,
): Evaluation {
  const perCategory = categoryRecord((c) => {
    const s = scores.map((row) => row[c]);
    const pos = labels.map((l) => l.includes(c));
    const counts: Counts = { tp: 0, fp: 0, fn: 0 };
    s.forEach((x, i) => {
      const flagged = x >= thresholds[c];
      if (flagged && pos[i]) counts.tp++;
      else if (flagged) counts.fp++;
      else if (pos[i]) counts.fn++;
    });
    const auc = rocAuc(s, pos);
    const support = pos.filter(Boolean).length;
    return { ...f1Of(counts), ...(auc === undefined ? {} : { auc }), support, threshold: thresholds[c] };
  });
  const present = MODERATION_CATEGORIES.filter((c) => perCategory[c].support > 0);
  const macroF1 = present.length ? present.reduce((a, c) => a + perCategory[c].f1, 0) / present.length : 0;
  return { perCategory, macroF1 };
}

export function suggestThresholdsFromScores(
  scores: CategoryScores[],
  labels: ModerationCategory[][],
): CategoryScores {
  return categoryRecord((c) =>
    bestF1Threshold(
      scores.map((row) => row[c]),
      labels.map((l) => l.includes(c)),
    ),
  );
}
