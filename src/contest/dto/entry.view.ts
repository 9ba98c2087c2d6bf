import type { Contest, ContestEntry } from '../contest.entities.js';
import { contestRef } from './contest.view.js';

/** What entrants see of their own entry (screening reason and award note included). */
export function entryView(entry: ContestEntry, contest: Contest) {
  return {
    id: entry.id,
    contest: contestRef(contest),
    reportIds: entry.reportIds,
    writeUp: entry.writeUp,
    country: entry.country,
    rulesVersion: entry.rulesVersion,
    showName: entry.showName,
    status: entry.status,
    screening: entry.screening,
    screeningReason: entry.screeningReason,
    awardEligible: entry.awardEligible,
    awardNote: entry.awardNote,
    result:
      entry.finalRank === null
        ? null
        : {
            rank: entry.finalRank,
            score: entry.finalScore,
            rawScore: entry.finalRawScore,
            award: entry.award,
          },
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    withdrawnAt: entry.withdrawnAt?.toISOString() ?? null,
  };
}

export interface EntrantInfo {
  id: string;
  email: string;
  displayName: string | null;
}

/** Admins see who entered, the attestations and the judging progress. */
export function entryAdminView(
  entry: ContestEntry,
  contest: Contest,
  entrant: EntrantInfo | undefined,
  judging: { assigned: number; submitted: number },
) {
  return {
    ...entryView(entry, contest),
    entrant: entrant ?? null,
    attestedAge: entry.attestedAge,
    rulesAcceptedAt: entry.rulesAcceptedAt.toISOString(),
    screenedAt: entry.screenedAt?.toISOString() ?? null,
    judging,
  };
}
