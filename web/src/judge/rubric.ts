/**
 * The rubric arithmetic the judge's form shows live. It is the server's own module (src/contest/math), so
 * the total on screen is computed exactly as the stored one: weighted criteria Σ w·x / Σ w, or the bias
 * bounty's base points × multipliers, on scaled integers, rounded to 2 decimals.
 */
import {
  componentKeys,
  describeRubric,
  scoreRubric,
  type Rubric,
  type RubricScore,
} from '../../../src/contest/math/rubric.js';

export type {
  BiasBountyRubric,
  Criterion,
  Factor,
  Level,
  Rubric,
  RubricScore,
  WeightedRubric,
} from '../../../src/contest/math/rubric.js';
export { describeRubric };

/** What the form holds: a whole number per criterion, or a level key per factor; '' while unpicked. */
export type DraftValues = Record<string, string>;

/** The values to send: numbers for weighted criteria, level keys for bias-bounty factors. */
export function toScoreValues(rubric: Rubric, draft: DraftValues): Record<string, number | string> {
  const values: Record<string, number | string> = {};
  for (const key of componentKeys(rubric)) {
    const raw = draft[key] ?? '';
    if (raw === '') continue;
    values[key] = rubric.kind === 'weighted' ? Number(raw) : raw;
  }
  return values;
}

/** The form's values from a stored score (or empty ones). */
export function toDraft(rubric: Rubric, stored: Record<string, number | string> | undefined): DraftValues {
  return Object.fromEntries(
    componentKeys(rubric).map((key) => [key, stored?.[key] === undefined ? '' : String(stored[key])]),
  );
}

export type LiveTotal =
  { complete: true; score: RubricScore } | { complete: false; missing: string[]; problems: string[] };

/** The total as it stands: the server's formula once every criterion is picked and valid. */
export function liveTotal(rubric: Rubric, draft: DraftValues): LiveTotal {
  const missing = componentKeys(rubric).filter((key) => (draft[key] ?? '') === '');
  if (missing.length) return { complete: false, missing, problems: [] };
  try {
    return { complete: true, score: scoreRubric(rubric, toScoreValues(rubric, draft)) };
  } catch (error) {
    const messages = (error as { messages?: string[] }).messages;
    return { complete: false, missing: [], problems: messages ?? [String(error)] };
  }
}
