import type { Contest } from '../contest.entities.js';
import { describeRubric } from '../math/rubric.js';

/** What anyone may see of a contest (drafts are never shown publicly). */
export function contestView(contest: Contest, now: Date) {
  return {
    slug: contest.slug,
    title: contest.title,
    status: contest.status,
    rules: contest.rules,
    rulesVersion: contest.rulesVersion,
    opensAt: contest.opensAt.toISOString(),
    closesAt: contest.closesAt.toISOString(),
    judgingDeadline: contest.judgingDeadline.toISOString(),
    acceptingEntries: contest.status === 'open' && now >= contest.opensAt && now < contest.closesAt,
    eligibility: { minAge: contest.minAge, excludedCountries: contest.excludedCountries },
    prizePool: contest.prizePool,
    maxAward: contest.maxAward,
    winners: contest.winners,
    awardPolicy: contest.awardPolicy,
    judgesPerEntry: contest.judgesPerEntry,
    blind: contest.blind,
    rubric: contest.rubric,
    rubricFormula: describeRubric(contest.rubric),
    agreement: contest.agreement,
    finalisedAt: contest.finalisedAt?.toISOString() ?? null,
  };
}

export function contestAdminView(contest: Contest, now: Date) {
  return {
    id: contest.id,
    ...contestView(contest, now),
    disagreementThreshold: contest.disagreementThreshold,
    createdBy: contest.createdBy,
    createdAt: contest.createdAt.toISOString(),
    updatedAt: contest.updatedAt.toISOString(),
  };
}

/** A short reference to a contest, e.g. in an entrant's or a judge's lists. */
export function contestRef(contest: Contest) {
  return { slug: contest.slug, title: contest.title, status: contest.status };
}
