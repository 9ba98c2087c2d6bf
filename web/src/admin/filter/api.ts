import { api } from '../../lib/api';

import { MODERATION_CATEGORIES as CATEGORIES, type ModerationCategory as Category } from '../../lib/categories';

export { CATEGORIES, type Category };

export interface Threshold {
  warn: number;
  block: number;
}

export interface FilterPolicy {
  provider: string;
  model: string;
  thresholds: Record<Category, Threshold>;
}

export interface FilterRule {
  id: string;
  category: Category;
  term: string;
  createdAt: string;
}

export interface ModerationCheck {
  results: {
    flagged: boolean;
    categories: Record<Category, boolean>;
    category_scores: Record<Category, number>;
  }[];
}

export const filterApi = {
  thresholds: (signal?: AbortSignal) => api.get<FilterPolicy>('/moderation/thresholds', signal),
  setThresholds: (thresholds: ({ category: Category } & Threshold)[]) =>
    api.put<FilterPolicy>('/moderation/thresholds', { thresholds }),
  rules: (signal?: AbortSignal) => api.get<{ data: FilterRule[] }>('/moderation/rules', signal),
  addRule: (category: Category, term: string) =>
    api.post<FilterRule>('/moderation/rules', { category, term }),
  removeRule: (id: string) => api.delete(`/moderation/rules/${encodeURIComponent(id)}`),
  check: (input: string) => api.post<ModerationCheck>('/v1/moderations', { input }),
};

/** The filter's decision for these scores: block at or above any block threshold, warn at or above a warn one. */
export function decide(
  scores: Record<Category, number>,
  thresholds: Record<Category, Threshold>,
): { action: 'allow' | 'warn' | 'block'; categories: Category[] } {
  const flagged = CATEGORIES.filter((c) => scores[c] >= thresholds[c].warn);
  const blocked = flagged.some((c) => scores[c] >= thresholds[c].block);
  return { action: blocked ? 'block' : flagged.length ? 'warn' : 'allow', categories: flagged };
}
