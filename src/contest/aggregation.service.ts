import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Contest, ContestEntry, JudgeAssignment, Score } from './contest.entities.js';
import type { JudgeScore } from './math/normalise.js';
import { aggregate, rank, type EntryStanding } from './math/ranking.js';

export interface RankedEntry extends EntryStanding {
  rank: number;
  entry: ContestEntry;
  submittedAt: Date;
}

export interface Standings {
  ranked: RankedEntry[];
  agreement: number | null;
  rawAgreement: number | null;
  /** Eligible entries without any submitted score (not ranked). */
  unjudged: ContestEntry[];
  /** Assignments still waiting for a score. */
  pending: number;
}

/**
 * Reads a contest's eligible entries and submitted scores and runs the aggregation math: per-judge
 * normalisation, the rubric's weighting, agreement, disagreement flags and the ranking with tie-breaks.
 */
@Injectable()
export class AggregationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async standings(contest: Contest, manager: EntityManager = this.dataSource.manager): Promise<Standings> {
    const entries = await manager.findBy(ContestEntry, {
      contestId: contest.id,
      status: 'submitted',
      screening: 'eligible',
    });
    const ids = entries.map((e) => e.id);
    const assignments = ids.length ? await manager.findBy(JudgeAssignment, { entryId: In(ids) }) : [];
    const submitted = new Set(assignments.filter((a) => a.status === 'submitted').map((a) => a.id));
    const scores = ids.length
      ? (await manager.findBy(Score, { entryId: In(ids) })).filter((s) => submitted.has(s.assignmentId))
      : [];
    const judgeScores: JudgeScore[] = scores.map((s) => ({
      judgeId: s.judgeId,
      entryId: s.entryId,
      components: s.components,
      total: s.total,
    }));
    const rubric = contest.rubric;
    const result = aggregate(judgeScores, {
      mode: rubric.kind === 'weighted' ? 'components' : 'total',
      weights: rubric.kind === 'weighted' ? rubric.criteria.map((c) => c.weight) : [],
      disagreementThreshold: contest.disagreementThreshold,
    });
    const byId = new Map(entries.map((e) => [e.id, e]));
    const ranked = rank(
      result.standings.map((s) => ({
        ...s,
        entry: byId.get(s.entryId)!,
        submittedAt: byId.get(s.entryId)!.createdAt,
      })),
    );
    const judged = new Set(ranked.map((r) => r.entryId));
    return {
      ranked,
      agreement: result.agreement,
      rawAgreement: result.rawAgreement,
      unjudged: entries.filter((e) => !judged.has(e.id)),
      pending: assignments.filter((a) => a.status === 'assigned').length,
    };
  }
}
