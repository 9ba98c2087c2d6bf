/**
 * The operator's rules stage: exact terms or phrases per category. Matching is case-insensitive on
 * Unicode word boundaries after NFKC normalisation, so "Kill" and "kill!" match "kill", a
 * full-width "ｋｉｌｌ" does too, and "skill" does not. Spaced-out spellings ("k i l l") are out of scope.
 */
import { CategoryScores, ModerationCategory, parentCategory } from './categories.js';

export interface ModerationRule {
  category: ModerationCategory;
  term: string;
}

/** Case folding that also maps ß → ss and final sigma ς → σ. */
const fold = (s: string) => s.normalize('NFKC').toUpperCase().toLowerCase();

// Only syntax characters may be escaped in a /u pattern ("\-" is an error there).
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A word character for boundary purposes: letter, combining mark, digit or connector (underscore). */
const BEFORE = '(?<![\\p{L}\\p{M}\\p{N}\\p{Pc}])';
const AFTER = '(?![\\p{L}\\p{M}\\p{N}\\p{Pc}])';

function compile(term: string): RegExp | undefined {
  const words = fold(term).trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return undefined;
  // Any run of whitespace in the text matches the single spaces of a phrase.
  return new RegExp(`${BEFORE}${words.map(escape).join('\\s+')}${AFTER}`, 'u');
}

const compiled = new WeakMap<ModerationRule, { term: string; pattern?: RegExp }>();

function patternOf(rule: ModerationRule): RegExp | undefined {
  let entry = compiled.get(rule);
  if (entry?.term !== rule.term) {
    entry = { term: rule.term, pattern: compile(rule.term) };
    compiled.set(rule, entry);
  }
  return entry.pattern;
}

/** The rules whose term occurs in the text, in rule order, each (category, term) once. */
export function applyRules(text: string, rules: readonly ModerationRule[]): ModerationRule[] {
  const folded = fold(text);
  const seen = new Set<string>();
  const hits: ModerationRule[] = [];
  for (const rule of rules) {
    const key = `${rule.category}\u0000${rule.term}`;
    if (seen.has(key) || !patternOf(rule)?.test(folded)) continue;
    seen.add(key);
    hits.push({ category: rule.category, term: rule.term });
  }
  return hits;
}

/** Scores with every matched category (and its parent) raised to 1. */
export function withRuleMatches(scores: CategoryScores, matches: readonly ModerationRule[]): CategoryScores {
  const out = { ...scores };
  for (const m of matches) {
    out[m.category] = 1;
    const parent = parentCategory(m.category);
    if (parent) out[parent] = 1;
  }
  return out;
}
