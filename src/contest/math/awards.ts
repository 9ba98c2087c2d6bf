/**
 * Awards from a prize pool, in whole credits: never above the per-entry maximum, never above the pool.
 * - `equal`: each of the top `winners` award-eligible entries gets min(cap, ⌊pool / number of winners⌋);
 * - `rank_order`: best first, each gets min(cap, what is left of the pool).
 * Entries that cannot win (a duplicate of someone else's earlier report) are passed over, and the next
 * eligible entry in rank order takes the place.
 */

export const AWARD_POLICIES = ['equal', 'rank_order'] as const;
export type AwardPolicy = (typeof AWARD_POLICIES)[number];

export interface AwardRules {
  pool: number;
  maxPerEntry: number;
  winners: number;
  policy: AwardPolicy;
}

export interface RankedCandidate {
  entryId: string;
  /** False when the entry can be ranked but not paid. */
  awardEligible: boolean;
}

/** Award per entry id (0 for entries that win nothing), for candidates given best first. */
export function allocateAwards(ranked: RankedCandidate[], rules: AwardRules): Map<string, number> {
  for (const [name, value] of Object.entries({
    pool: rules.pool,
    maxPerEntry: rules.maxPerEntry,
    winners: rules.winners,
  })) {
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a whole number >= 0`);
  }
  const awards = new Map(ranked.map((c) => [c.entryId, 0]));
  const winners = ranked.filter((c) => c.awardEligible).slice(0, rules.winners);
  if (winners.length === 0) return awards;
  if (rules.policy === 'equal') {
    const each = Math.min(rules.maxPerEntry, Math.floor(rules.pool / winners.length));
    for (const w of winners) awards.set(w.entryId, each);
  } else {
    let left = rules.pool;
    for (const w of winners) {
      const award = Math.min(rules.maxPerEntry, left);
      awards.set(w.entryId, award);
      left -= award;
    }
  }
  return awards;
}
