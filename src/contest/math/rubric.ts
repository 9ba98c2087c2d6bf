/**
 * Rubrics are data. Two kinds:
 * - `weighted`: criteria scored on integer scales; total = Σ weight·score / Σ weight (on the criteria's scale);
 * - `bias_bounty`: the first factor's level gives base points (the harm type), every other factor a multiplier;
 *   total = base × multiplier × … (Twitter's 2021 algorithmic bias bounty).
 * Judges only pick values or levels; the server computes every total, exactly, rounded to 2 decimals.
 */
import { formatScaled, fromScaled, hasAtMostDecimals, roundDiv, toScaled } from './decimal.js';

export const RUBRIC_KINDS = ['weighted', 'bias_bounty'] as const;
export type RubricKind = (typeof RUBRIC_KINDS)[number];

export interface Criterion {
  key: string;
  label: string;
  description?: string;
  min: number;
  max: number;
  weight: number;
}

export interface Level {
  key: string;
  label: string;
  value: number;
}

export interface Factor {
  key: string;
  label: string;
  description?: string;
  levels: Level[];
}

export interface WeightedRubric {
  kind: 'weighted';
  criteria: Criterion[];
}

export interface BiasBountyRubric {
  kind: 'bias_bounty';
  /** factors[0] is the harm type (base points); the others are multipliers. */
  factors: Factor[];
}

export type Rubric = WeightedRubric | BiasBountyRubric;

/** What a judge sends: a number per criterion (weighted) or a level key per factor (bias bounty). */
export type ScoreValues = Record<string, unknown>;

export interface ScoredComponent {
  key: string;
  label: string;
  /** The level picked (bias bounty). */
  level?: string;
  value: number;
}

export interface RubricScore {
  /** Rounded to 2 decimals, computed exactly. */
  total: number;
  /** The arithmetic written out, e.g. `15 × 1.2 × 1.2 × 1.1 × 1.0 × 0.75 × 1.0 = 17.82`. */
  formula: string;
  /** One per criterion or factor, in rubric order. */
  components: ScoredComponent[];
  /** The values to store, normalised (numbers or level keys) in rubric order. */
  values: Record<string, number | string>;
}

/** A judge's values do not fit the rubric; each message names the field (`values.novelty …`). */
export class RubricInputError extends Error {
  constructor(readonly messages: string[]) {
    super(messages.join('; '));
  }
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;
const WEIGHT_DECIMALS = 2;
const VALUE_DECIMALS = 2;

// ---------------------------------------------------------------------------------------------------------
// Validation of a rubric (admins write them)

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkLabel(errors: string[], path: string, value: unknown, field = 'label'): void {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > 100) {
    errors.push(`${path}.${field} must be a string of 1 to 100 characters`);
  }
}

function checkKeys(errors: string[], path: string, items: { key?: unknown }[]): void {
  const seen = new Set<unknown>();
  items.forEach((item, i) => {
    if (typeof item.key !== 'string' || !KEY.test(item.key)) {
      errors.push(
        `${path}.${i}.key must be lower-case letters, digits or _ (1 to 40, starting with a letter)`,
      );
    } else if (seen.has(item.key)) {
      errors.push(`${path}.${i}.key '${item.key}' is used twice`);
    }
    seen.add(item.key);
  });
}

function checkDescription(errors: string[], path: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'string' || value.length > 2000)) {
    errors.push(`${path}.description must be a string of at most 2000 characters`);
  }
}

function checkExtraFields(
  errors: string[],
  path: string,
  item: Record<string, unknown>,
  allowed: string[],
): void {
  for (const field of Object.keys(item)) {
    if (!allowed.includes(field))
      errors.push(`${path}.${field} is not a rubric field (allowed: ${allowed.join(', ')})`);
  }
}

function validateWeighted(input: Record<string, unknown>, errors: string[]): void {
  checkExtraFields(errors, 'rubric', input, ['kind', 'criteria']);
  const criteria = input.criteria;
  if (!Array.isArray(criteria) || criteria.length < 1 || criteria.length > 20) {
    errors.push('rubric.criteria must be an array of 1 to 20 criteria');
    return;
  }
  criteria.forEach((c: unknown, i) => {
    const path = `rubric.criteria.${i}`;
    if (!isRecord(c)) {
      errors.push(`${path} must be an object`);
      return;
    }
    checkExtraFields(errors, path, c, ['key', 'label', 'description', 'min', 'max', 'weight']);
    checkLabel(errors, path, c.label);
    checkDescription(errors, path, c.description);
    const { min, max, weight } = c;
    if (
      !Number.isInteger(min) ||
      !Number.isInteger(max) ||
      (min as number) < 0 ||
      (max as number) > 100 ||
      (min as number) >= (max as number)
    ) {
      errors.push(`${path}: min and max must be integers with 0 <= min < max <= 100`);
    }
    if (
      typeof weight !== 'number' ||
      !(weight > 0) ||
      weight > 100 ||
      !hasAtMostDecimals(weight, WEIGHT_DECIMALS)
    ) {
      errors.push(`${path}.weight must be a number above 0 and at most 100, with at most 2 decimals`);
    }
  });
  checkKeys(errors, 'rubric.criteria', criteria as { key?: unknown }[]);
}

function validateBiasBounty(input: Record<string, unknown>, errors: string[]): void {
  checkExtraFields(errors, 'rubric', input, ['kind', 'factors']);
  const factors = input.factors;
  if (!Array.isArray(factors) || factors.length < 2 || factors.length > 12) {
    errors.push('rubric.factors must be an array of 2 to 12 factors (the first gives base points)');
    return;
  }
  factors.forEach((f: unknown, i) => {
    const path = `rubric.factors.${i}`;
    if (!isRecord(f)) {
      errors.push(`${path} must be an object`);
      return;
    }
    checkExtraFields(errors, path, f, ['key', 'label', 'description', 'levels']);
    checkLabel(errors, path, f.label);
    checkDescription(errors, path, f.description);
    const levels = f.levels;
    if (!Array.isArray(levels) || levels.length < 1 || levels.length > 20) {
      errors.push(`${path}.levels must be an array of 1 to 20 levels`);
      return;
    }
    levels.forEach((l: unknown, j) => {
      const levelPath = `${path}.levels.${j}`;
      if (!isRecord(l)) {
        errors.push(`${levelPath} must be an object`);
        return;
      }
      checkExtraFields(errors, levelPath, l, ['key', 'label', 'value']);
      checkLabel(errors, levelPath, l.label);
      const v = l.value;
      if (typeof v !== 'number' || !(v > 0) || v > 1000 || !hasAtMostDecimals(v, VALUE_DECIMALS)) {
        errors.push(`${levelPath}.value must be a number above 0 and at most 1000, with at most 2 decimals`);
      }
    });
    checkKeys(errors, `${path}.levels`, levels as { key?: unknown }[]);
  });
  checkKeys(errors, 'rubric.factors', factors as { key?: unknown }[]);
}

/** Every problem with a rubric an admin wrote, each naming its field; empty when it is valid. */
export function rubricErrors(input: unknown): string[] {
  const errors: string[] = [];
  if (!isRecord(input)) return ['rubric must be an object'];
  if (input.kind === 'weighted') validateWeighted(input, errors);
  else if (input.kind === 'bias_bounty') validateBiasBounty(input, errors);
  else errors.push(`rubric.kind must be one of ${RUBRIC_KINDS.join(', ')}`);
  return errors;
}

// ---------------------------------------------------------------------------------------------------------
// Scoring (judges pick values; the server computes)

/** Keys of the criteria (weighted) or factors (bias bounty), in rubric order; the first breaks ties. */
export function componentKeys(rubric: Rubric): string[] {
  return rubric.kind === 'weighted' ? rubric.criteria.map((c) => c.key) : rubric.factors.map((f) => f.key);
}

function checkKnownKeys(rubric: Rubric, values: ScoreValues): string[] {
  const keys = componentKeys(rubric);
  const errors: string[] = [];
  for (const key of Object.keys(values)) {
    if (!keys.includes(key))
      errors.push(`values.${key} is not a criterion of this rubric (criteria: ${keys.join(', ')})`);
  }
  for (const key of keys) if (values[key] === undefined) errors.push(`values.${key} is required`);
  return errors;
}

/** The scaled-integer factor as people write it: base points plain (15), multipliers with a decimal (1.0, 0.75). */
function formatFactor(value: number, multiplier: boolean): string {
  const text = formatScaled(toScaled(value, VALUE_DECIMALS), VALUE_DECIMALS)
    .replace(/0+$/, '')
    .replace(/\.$/, '');
  return multiplier && !text.includes('.') ? `${text}.0` : text;
}

function scoreWeighted(rubric: WeightedRubric, values: ScoreValues): RubricScore {
  const errors = checkKnownKeys(rubric, values);
  for (const c of rubric.criteria) {
    const v = values[c.key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < c.min || v > c.max)) {
      errors.push(`values.${c.key} must be a whole number from ${c.min} to ${c.max}`);
    }
  }
  if (errors.length) throw new RubricInputError(errors);
  // Weights carry 2 decimals: scale them to integers, then Σ w·x / Σ w is an exact fraction.
  let numerator = 0n;
  let denominator = 0n;
  for (const c of rubric.criteria) {
    const w = toScaled(c.weight, WEIGHT_DECIMALS);
    numerator += w * BigInt(values[c.key] as number);
    denominator += w;
  }
  const hundredths = roundDiv(numerator * 100n, denominator);
  const terms = rubric.criteria.map((c) => `${formatFactor(c.weight, false)}×${values[c.key] as number}`);
  const weightSum = formatScaled(denominator, WEIGHT_DECIMALS).replace(/\.?0+$/, '');
  return {
    total: fromScaled(hundredths, 2),
    formula: `(${terms.join(' + ')}) / ${weightSum} = ${formatScaled(hundredths, 2)}`,
    components: rubric.criteria.map((c) => ({ key: c.key, label: c.label, value: values[c.key] as number })),
    values: Object.fromEntries(rubric.criteria.map((c) => [c.key, values[c.key] as number])),
  };
}

function scoreBiasBounty(rubric: BiasBountyRubric, values: ScoreValues): RubricScore {
  const errors = checkKnownKeys(rubric, values);
  const picked: Level[] = [];
  for (const f of rubric.factors) {
    const v = values[f.key];
    const level = f.levels.find((l) => l.key === v);
    if (level) picked.push(level);
    else if (v !== undefined) {
      errors.push(
        `values.${f.key} must be one of ${f.levels.map((l) => `${l.key} (${formatFactor(l.value, f !== rubric.factors[0])})`).join(', ')}`,
      );
    }
  }
  if (errors.length) throw new RubricInputError(errors);
  // Every factor has at most 2 decimals: multiply the scaled integers, then divide by 100^factors once.
  let product = 1n;
  for (const level of picked) product *= toScaled(level.value, VALUE_DECIMALS);
  const hundredths = roundDiv(product * 100n, 100n ** BigInt(picked.length));
  const terms = picked.map((level, i) => formatFactor(level.value, i > 0));
  return {
    total: fromScaled(hundredths, 2),
    formula: `${terms.join(' × ')} = ${formatScaled(hundredths, 2)}`,
    components: rubric.factors.map((f, i) => ({
      key: f.key,
      label: f.label,
      level: picked[i].key,
      value: picked[i].value,
    })),
    values: Object.fromEntries(rubric.factors.map((f, i) => [f.key, picked[i].key])),
  };
}

/** The total of one judge's values on a rubric; throws RubricInputError naming each bad field. */
export function scoreRubric(rubric: Rubric, values: ScoreValues): RubricScore {
  return rubric.kind === 'weighted' ? scoreWeighted(rubric, values) : scoreBiasBounty(rubric, values);
}

/** The formula in words, shown with the rubric. */
export function describeRubric(rubric: Rubric): string {
  if (rubric.kind === 'weighted') {
    const terms = rubric.criteria.map((c) => `${formatFactor(c.weight, false)}×${c.label}`);
    const sum = rubric.criteria.reduce((s, c) => s + toScaled(c.weight, WEIGHT_DECIMALS), 0n);
    return `total = (${terms.join(' + ')}) / ${formatScaled(sum, WEIGHT_DECIMALS).replace(/\.?0+$/, '')}, rounded to 2 decimals`;
  }
  const [base, ...multipliers] = rubric.factors;
  return `total = ${base.label} base points × ${multipliers.map((f) => f.label).join(' × ')}, rounded to 2 decimals`;
}

// ---------------------------------------------------------------------------------------------------------
// Templates

/** The seed feedback contest: three equally weighted criteria, each 0–10. */
export const SEED_FEEDBACK_RUBRIC: WeightedRubric = {
  kind: 'weighted',
  criteria: [
    {
      key: 'harm',
      label: 'Real-world harm',
      description: 'Real-world, non-adversarial harm the finding shows',
      min: 0,
      max: 10,
      weight: 1,
    },
    { key: 'novelty', label: 'Novelty', description: 'How new the finding is', min: 0, max: 10, weight: 1 },
    {
      key: 'stakeholder_ideas',
      label: 'Ideas for wider feedback',
      description: 'Ideas for gathering feedback from wider stakeholders',
      min: 0,
      max: 10,
      weight: 1,
    },
  ],
};

/** Twitter's 2021 algorithmic bias bounty, rebuilt from entrants' published self-scores. */
export const BIAS_BOUNTY_RUBRIC: BiasBountyRubric = {
  kind: 'bias_bounty',
  factors: [
    {
      key: 'harm_type',
      label: 'Harm type',
      description:
        'Base points. Under-representation 20, erasure 15, mis-recognition 15 (7 if intentional) and economic harm 8 are the ' +
        'published values; the bases of stereotyping, denigration and ex-nomination were not recovered, so this template ' +
        'gives them 10 — set them before opening the contest.',
      levels: [
        { key: 'under_representation', label: 'Under-representation', value: 20 },
        { key: 'erasure', label: 'Erasure', value: 15 },
        { key: 'mis_recognition', label: 'Mis-recognition', value: 15 },
        { key: 'mis_recognition_intentional', label: 'Mis-recognition (intentional)', value: 7 },
        { key: 'stereotyping', label: 'Stereotyping', value: 10 },
        { key: 'denigration', label: 'Denigration', value: 10 },
        { key: 'ex_nomination', label: 'Ex-nomination', value: 10 },
        { key: 'economic_harm', label: 'Economic harm', value: 8 },
      ],
    },
    {
      key: 'damage',
      label: 'Damage',
      levels: [
        { key: 'low', label: 'Low', value: 1.2 },
        { key: 'medium', label: 'Medium', value: 1.3 },
        { key: 'high', label: 'High', value: 1.4 },
      ],
    },
    {
      key: 'affected_users',
      label: 'Affected users',
      levels: [
        { key: 'under_1m', label: 'Fewer than 1 million', value: 1.0 },
        { key: 'from_1m_to_1b', label: '1 million to 1 billion', value: 1.2 },
        { key: 'over_1b', label: 'More than 1 billion', value: 1.3 },
      ],
    },
    {
      key: 'likelihood_or_exploitability',
      label: 'Likelihood or exploitability',
      levels: [
        { key: 'rare', label: 'Rare / hard to exploit', value: 1.0 },
        { key: 'monthly', label: 'Likely monthly', value: 1.1 },
        { key: 'frequent', label: 'Likely frequently', value: 1.2 },
        { key: 'daily', label: 'Likely daily', value: 1.3 },
        { key: 'exploitable_moderate', label: 'Moderately exploitable', value: 1.2 },
        { key: 'exploitable_easy', label: 'Easily exploitable', value: 1.3 },
      ],
    },
    {
      key: 'justification',
      label: 'Justification',
      levels: [
        { key: 'basic', label: 'Basic', value: 1.0 },
        { key: 'good', label: 'Good', value: 1.25 },
        { key: 'excellent', label: 'Excellent', value: 1.5 },
      ],
    },
    {
      key: 'clarity',
      label: 'Clarity',
      levels: [
        { key: 'poor', label: 'Poor', value: 0.5 },
        { key: 'fair', label: 'Fair', value: 0.75 },
        { key: 'good', label: 'Good', value: 1.0 },
        { key: 'very_good', label: 'Very good', value: 1.25 },
        { key: 'excellent', label: 'Excellent', value: 1.5 },
      ],
    },
    {
      key: 'creativity',
      label: 'Creativity',
      levels: [
        { key: 'standard', label: 'Standard', value: 1.0 },
        { key: 'creative', label: 'Creative', value: 1.1 },
        { key: 'exceptional', label: 'Exceptional', value: 1.5 },
      ],
    },
  ],
};

export const RUBRIC_TEMPLATES = {
  seed_feedback: SEED_FEEDBACK_RUBRIC,
  bias_bounty: BIAS_BOUNTY_RUBRIC,
} as const;
export type RubricTemplate = keyof typeof RUBRIC_TEMPLATES;
