/**
 * What finalising would pay, from the live standings (best first): the server's own allocation
 * (src/contest/math), so the preview an admin confirms is computed exactly as the payout.
 */
import { allocateAwards, type AwardPolicy } from '../../../../src/contest/math/awards.js';

export interface AwardRules {
  prizePool: number;
  maxAward: number;
  winners: number;
  awardPolicy: AwardPolicy;
}

export interface AwardPreview<S> {
  standing: S;
  award: number;
}

export function previewAwards<S extends { entryId: string; awardEligible: boolean }>(
  standings: S[],
  rules: AwardRules,
): { rows: AwardPreview<S>[]; total: number } {
  const awards = allocateAwards(standings, {
    pool: rules.prizePool,
    maxPerEntry: rules.maxAward,
    winners: rules.winners,
    policy: rules.awardPolicy,
  });
  const rows = standings.map((standing) => ({ standing, award: awards.get(standing.entryId) ?? 0 }));
  return { rows, total: rows.reduce((sum, r) => sum + r.award, 0) };
}
