import { MODERATION_CATEGORIES } from '../ml/classifier/categories.js';
import type { ModerationExample } from '../ml/classifier/dataset.js';
import { scoreTexts, type Classifier } from '../ml/classifier/model.js';
import { evaluate } from '../ml/classifier/train.js';
import type { Thresholds } from './moderation-policy.service.js';

export interface FilterEvaluation {
  macroF1: number;
  perCategory: Record<string, { precision: number; recall: number; f1: number }>;
  /** Share of benign held-out texts the filter flags at the thresholds in force. */
  falsePositiveRate: number;
  /** Share of harmful held-out texts it flags in none of their categories. */
  falseNegativeRate: number;
  examples: number;
}

/** How a classifier does on held-out examples at the thresholds the service applies (warn level). */
export function evaluateFilter(model: Classifier, heldout: ModerationExample[], thresholds: Thresholds): FilterEvaluation {
  const warn = Object.fromEntries(MODERATION_CATEGORIES.map((c) => [c, thresholds[c].warn])) as Record<(typeof MODERATION_CATEGORIES)[number], number>;
  const evaluation = evaluate(model, heldout, warn);
  const scores = scoreTexts(model, heldout.map((e) => e.text));
  let benign = 0;
  let flaggedBenign = 0;
  let harmful = 0;
  let missed = 0;
  heldout.forEach((example, i) => {
    const flagged = MODERATION_CATEGORIES.filter((c) => scores[i][c] >= warn[c]);
    if (example.labels.length === 0) {
      benign++;
      if (flagged.length) flaggedBenign++;
    } else {
      harmful++;
      if (!example.labels.some((label) => flagged.includes(label))) missed++;
    }
  });
  const perCategory = Object.fromEntries(
    Object.entries(evaluation.perCategory).map(([c, m]) => [c, { precision: m.precision, recall: m.recall, f1: m.f1 }]),
  );
  return {
    macroF1: evaluation.macroF1,
    perCategory,
    falsePositiveRate: benign ? flaggedBenign / benign : 0,
    falseNegativeRate: harmful ? missed / harmful : 0,
    examples: heldout.length,
  };
}

/** Noise allowed before a retrained filter counts as worse than the serving one. */
export const GATE_TOLERANCE = 0.01;

/** Promote only when the candidate is not worse: macro-F1 not lower, FP and FN rates not higher (within tolerance). */
export function filterGate(candidate: FilterEvaluation, serving: FilterEvaluation) {
  const checks = {
    macroF1: candidate.macroF1 >= serving.macroF1 - GATE_TOLERANCE,
    falsePositiveRate: candidate.falsePositiveRate <= serving.falsePositiveRate + GATE_TOLERANCE,
    falseNegativeRate: candidate.falseNegativeRate <= serving.falseNegativeRate + GATE_TOLERANCE,
  };
  const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([name]) => name);
  return { promote: failed.length === 0, checks, reason: failed.length ? `worse on ${failed.join(', ')}` : 'not worse on any check' };
}
