import {
  BIAS_BOUNTY_RUBRIC,
  describeRubric,
  rubricErrors,
  RubricInputError,
  scoreRubric,
  SEED_FEEDBACK_RUBRIC,
  type Rubric,
} from './rubric.js';

function errorsOf(rubric: Rubric, values: Record<string, unknown>): string[] {
  try {
    scoreRubric(rubric, values);
  } catch (error) {
    if (error instanceof RubricInputError) return error.messages;
    throw error;
  }
  return [];
}

describe('bias-bounty formula', () => {
  it('15 × 1.2 × 1.2 × 1.1 × 1.0 × 0.75 × 1.0 = 17.82 exactly', () => {
    const score = scoreRubric(BIAS_BOUNTY_RUBRIC, {
      harm_type: 'erasure',
      damage: 'low',
      affected_users: 'from_1m_to_1b',
      likelihood_or_exploitability: 'monthly',
      justification: 'basic',
      clarity: 'fair',
      creativity: 'standard',
    });
    expect(score.total).toBe(17.82);
    expect(score.formula).toBe('15 × 1.2 × 1.2 × 1.1 × 1.0 × 0.75 × 1.0 = 17.82');
    expect(score.components.map((c) => c.value)).toEqual([15, 1.2, 1.2, 1.1, 1, 0.75, 1]);
    expect(score.values.harm_type).toBe('erasure');
  });

  it('20 × 1.3 × 1.2 × 1.3 × 1.0 × 1.5 = 60.84 exactly (creativity 1.0)', () => {
    const score = scoreRubric(BIAS_BOUNTY_RUBRIC, {
      harm_type: 'under_representation',
      damage: 'medium',
      affected_users: 'from_1m_to_1b',
      likelihood_or_exploitability: 'daily',
      justification: 'basic',
      clarity: 'excellent',
      creativity: 'standard',
    });
    expect(score.total).toBe(60.84);
    expect(score.formula).toBe('20 × 1.3 × 1.2 × 1.3 × 1.0 × 1.5 × 1.0 = 60.84');
  });

  it('rounds the exact product to 2 decimals, halves up', () => {
    // 7 × 1.25 × 1.25 = 10.9375 → 10.94
    const rubric: Rubric = {
      kind: 'bias_bounty',
      factors: [
        { key: 'base', label: 'Base', levels: [{ key: 'b', label: 'b', value: 7 }] },
        { key: 'm1', label: 'M1', levels: [{ key: 'x', label: 'x', value: 1.25 }] },
        { key: 'm2', label: 'M2', levels: [{ key: 'x', label: 'x', value: 1.25 }] },
      ],
    };
    expect(scoreRubric(rubric, { base: 'b', m1: 'x', m2: 'x' })).toMatchObject({
      total: 10.94,
      formula: '7 × 1.25 × 1.25 = 10.94',
    });
  });

  it('names unknown levels with the allowed ones, unknown and missing factors', () => {
    const messages = errorsOf(BIAS_BOUNTY_RUBRIC, { harm_type: 'boredom', damage: 'low', vibes: 'good' });
    expect(messages).toContain(
      'values.vibes is not a criterion of this rubric (criteria: harm_type, damage, affected_users, likelihood_or_exploitability, justification, clarity, creativity)',
    );
    expect(messages).toContain('values.clarity is required');
    expect(messages.find((m) => m.startsWith('values.harm_type'))).toMatch(
      /must be one of under_representation \(20\), erasure \(15\)/,
    );
  });
});

describe('weighted criteria', () => {
  it('averages equally weighted criteria: (1×7 + 1×5 + 1×8) / 3 = 6.67', () => {
    const score = scoreRubric(SEED_FEEDBACK_RUBRIC, { harm: 7, novelty: 5, stakeholder_ideas: 8 });
    expect(score.total).toBe(6.67);
    expect(score.formula).toBe('(1×7 + 1×5 + 1×8) / 3 = 6.67');
  });

  it('weights criteria: (3×7 + 1×5 + 0.5×8) / 4.5 = 6.67; (2×10 + 1×0) / 3 = 6.67; (1×1 + 1×0) / 2 = 0.50', () => {
    const rubric = (weights: number[]): Rubric => ({
      kind: 'weighted',
      criteria: weights.map((weight, i) => ({ key: `c${i}`, label: `C${i}`, min: 0, max: 10, weight })),
    });
    expect(scoreRubric(rubric([3, 1, 0.5]), { c0: 7, c1: 5, c2: 8 })).toMatchObject({
      total: 6.67,
      formula: '(3×7 + 1×5 + 0.5×8) / 4.5 = 6.67',
    });
    expect(scoreRubric(rubric([2, 1]), { c0: 10, c1: 0 }).total).toBe(6.67);
    expect(scoreRubric(rubric([1, 1]), { c0: 1, c1: 0 }).formula).toBe('(1×1 + 1×0) / 2 = 0.50');
  });

  it('refuses scores outside the scale, fractions, unknown and missing criteria, naming each field', () => {
    expect(errorsOf(SEED_FEEDBACK_RUBRIC, { harm: 11, novelty: 2.5, wit: 3 })).toEqual([
      'values.wit is not a criterion of this rubric (criteria: harm, novelty, stakeholder_ideas)',
      'values.stakeholder_ideas is required',
      'values.harm must be a whole number from 0 to 10',
      'values.novelty must be a whole number from 0 to 10',
    ]);
    expect(errorsOf(SEED_FEEDBACK_RUBRIC, { harm: -1, novelty: '5', stakeholder_ideas: 0 })).toEqual([
      'values.harm must be a whole number from 0 to 10',
      'values.novelty must be a whole number from 0 to 10',
    ]);
  });
});

describe('rubric validation', () => {
  it('accepts the templates', () => {
    expect(rubricErrors(SEED_FEEDBACK_RUBRIC)).toEqual([]);
    expect(rubricErrors(BIAS_BOUNTY_RUBRIC)).toEqual([]);
  });

  it('names every problem', () => {
    expect(rubricErrors({ kind: 'vibes' })).toEqual(['rubric.kind must be one of weighted, bias_bounty']);
    expect(
      rubricErrors({
        kind: 'weighted',
        criteria: [
          { key: 'Harm', label: '', min: 5, max: 5, weight: 0 },
          { key: 'ok', label: 'OK', min: 0, max: 10, weight: 1.005, colour: 'red' },
          { key: 'ok', label: 'Again', min: 0, max: 10, weight: 1 },
        ],
      }),
    ).toEqual([
      'rubric.criteria.0.label must be a string of 1 to 100 characters',
      'rubric.criteria.0: min and max must be integers with 0 <= min < max <= 100',
      'rubric.criteria.0.weight must be a number above 0 and at most 100, with at most 2 decimals',
      'rubric.criteria.1.colour is not a rubric field (allowed: key, label, description, min, max, weight)',
      'rubric.criteria.1.weight must be a number above 0 and at most 100, with at most 2 decimals',
      'rubric.criteria.0.key must be lower-case letters, digits or _ (1 to 40, starting with a letter)',
      "rubric.criteria.2.key 'ok' is used twice",
    ]);
    expect(
      rubricErrors({
        kind: 'bias_bounty',
        factors: [{ key: 'base', label: 'Base', levels: [{ key: 'a', label: 'A', value: 1.234 }] }],
      }),
    ).toEqual(['rubric.factors must be an array of 2 to 12 factors (the first gives base points)']);
  });

  it('describes the formula in words', () => {
    expect(describeRubric(SEED_FEEDBACK_RUBRIC)).toBe(
      'total = (1×Real-world harm + 1×Novelty + 1×Ideas for wider feedback) / 3, rounded to 2 decimals',
    );
    expect(describeRubric(BIAS_BOUNTY_RUBRIC)).toMatch(
      /^total = Harm type base points × Damage × Affected users × /,
    );
  });
});
