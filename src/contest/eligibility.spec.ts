import { duplicateNote, entrantRefusal, type ReportFacts } from './eligibility.js';

describe('entrant eligibility', () => {
  const rules = { minAge: 18, excludedCountries: ['XX'] };

  it('names the rule that refuses', () => {
    expect(entrantRefusal(rules, { age: 17, country: 'GB' })).toEqual({
      rule: 'minimum_age',
      message: 'entrants must be at least 18 years old',
    });
    expect(entrantRefusal(rules, { age: 30, country: 'xx' })?.rule).toBe('excluded_country');
    expect(entrantRefusal(rules, { age: 18, country: 'GB' })).toBeNull();
  });
});

describe('first reporter wins', () => {
  const at = (n: number) => new Date(Date.UTC(2026, 0, n));
  const report = (
    id: string,
    reporterId: string,
    day: number,
    duplicateOf: string | null = null,
  ): ReportFacts => ({
    id,
    reporterId,
    status: duplicateOf ? 'duplicate' : 'accepted',
    duplicateOf,
    createdAt: at(day),
  });
  const originals = new Map([
    ['orig', report('orig', 'alice', 1)],
    ['mine', report('mine', 'bob', 1)],
  ]);

  it("bars a duplicate of someone else's earlier report, naming both", () => {
    expect(duplicateNote('bob', [report('r1', 'bob', 2, 'orig')], originals)).toBe(
      'Report r1 duplicates an earlier report (orig) by another reporter; the first reporter wins, so this entry cannot win an award',
    );
  });

  it('allows duplicates of the entrant’s own report and reports that are not duplicates', () => {
    expect(
      duplicateNote('bob', [report('r1', 'bob', 2, 'mine'), report('r2', 'bob', 3)], originals),
    ).toBeNull();
  });
});
