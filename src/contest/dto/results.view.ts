import type { AuditLog } from '../../audit/audit-log.entity.js';
import type { Contest, ContestEntry, Notification } from '../contest.entities.js';
import type { Standings } from '../aggregation.service.js';
import { round } from '../math/decimal.js';
import type { EntrantInfo } from './entry.view.js';

/** Public results: rank, score, award, and a display name only where the entrant opted in. */
export function resultsView(contest: Contest, rows: { entry: ContestEntry; name: string | null }[]) {
  return {
    contest: {
      slug: contest.slug,
      title: contest.title,
      status: contest.status,
      finalisedAt: contest.finalisedAt?.toISOString() ?? null,
      prizePool: contest.prizePool,
      maxAward: contest.maxAward,
      winners: contest.winners,
      agreement: contest.agreement === null ? null : round(contest.agreement, 4),
    },
    results: rows.map(({ entry, name }) => ({
      rank: entry.finalRank!,
      score: round(entry.finalScore ?? 0, 4),
      rawScore: round(entry.finalRawScore ?? 0, 2),
      award: entry.award ?? 0,
      name,
    })),
  };
}

/** Admins: the live ranking while judging (or the final one), with disagreement flags. */
export function standingsView(standings: Standings, entrants: Map<string, EntrantInfo>) {
  return {
    agreement: standings.agreement === null ? null : round(standings.agreement, 4),
    rawAgreement: standings.rawAgreement === null ? null : round(standings.rawAgreement, 4),
    pendingScores: standings.pending,
    unjudged: standings.unjudged.map((e) => e.id),
    standings: standings.ranked.map((r) => ({
      rank: r.rank,
      entryId: r.entryId,
      entrant: entrants.get(r.entry.entrantId) ?? null,
      score: round(r.score, 4),
      rawScore: round(r.rawScore, 2),
      firstCriterion: round(r.firstCriterion, 4),
      judges: r.judges,
      perJudge: r.perJudge.map((z) => round(z, 4)),
      spread: round(r.spread, 4),
      flagged: r.flagged,
      awardEligible: r.entry.awardEligible,
      awardNote: r.entry.awardNote,
      submittedAt: r.submittedAt.toISOString(),
    })),
  };
}

export function historyView(rows: AuditLog[]) {
  return rows.map((row) => ({
    action: row.action,
    actorId: row.actorId,
    data: row.data,
    at: row.createdAt.toISOString(),
  }));
}

export function notificationView(notice: Notification) {
  return {
    id: notice.id,
    kind: notice.kind,
    title: notice.title,
    body: notice.body,
    data: notice.data,
    readAt: notice.readAt?.toISOString() ?? null,
    createdAt: notice.createdAt.toISOString(),
  };
}
