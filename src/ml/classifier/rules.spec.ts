import { categoryRecord } from './categories.js';
import { applyRules, ModerationRule, withRuleMatches } from './rules.js';

const rules: ModerationRule[] = [
  { category: 'violence', term: 'kill' },
  { category: 'hate/threatening', term: 'drive them out' },
  { category: 'illicit', term: 'c++ crack' },
  { category: 'harassment', term: 'straße' },
];

describe('applyRules', () => {
  it('matches whole words case-insensitively, punctuation around them allowed', () => {
    for (const text of ['I will kill', 'Kill!', 'KILL them', '"kill"', 'kill, now', 'ｋｉｌｌ']) {
      expect(applyRules(text, rules)).toEqual([{ category: 'violence', term: 'kill' }]);
    }
  });

  it('does not match inside other words', () => {
    for (const text of ['skill', 'killer', 'overkill', 'kill_switch', 'killé', 'kill2']) {
      expect(applyRules(text, rules)).toEqual([]);
    }
  });

  it('matches phrases across any whitespace and terms with regex characters literally', () => {
    expect(applyRules('We should DRIVE  them\nout.', rules)).toEqual([
      { category: 'hate/threatening', term: 'drive them out' },
    ]);
    expect(applyRules('where is the C++ crack?', rules)).toEqual([
      { category: 'illicit', term: 'c++ crack' },
    ]);
    expect(applyRules('c crack', rules)).toEqual([]);
  });

  it('folds Unicode case (ß ~ SS) and reports every matching rule once, in rule order', () => {
    expect(applyRules('STRASSE', rules)).toEqual([{ category: 'harassment', term: 'straße' }]);
    const twice = [...rules, { category: 'violence', term: 'kill' } as const];
    expect(applyRules('kill kill, then drive them out', twice)).toEqual([
      { category: 'violence', term: 'kill' },
      { category: 'hate/threatening', term: 'drive them out' },
    ]);
  });

  it('ignores empty terms and follows a rule whose term changed', () => {
    const rule: ModerationRule = { category: 'sexual', term: '  ' };
    expect(applyRules('anything', [rule])).toEqual([]);
    rule.term = 'anything';
    expect(applyRules('anything', [rule])).toEqual([{ category: 'sexual', term: 'anything' }]);
  });
});

describe('withRuleMatches', () => {
  it('raises matched categories and their parents to 1, leaving others alone', () => {
    const scores = categoryRecord(() => 0.1);
    const out = withRuleMatches(scores, applyRules('drive them out', rules));
    expect(out['hate/threatening']).toBe(1);
    expect(out.hate).toBe(1);
    expect(out.violence).toBe(0.1);
    expect(scores.hate).toBe(0.1);
  });
});
