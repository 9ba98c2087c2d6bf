import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Not } from 'typeorm';
import { UsersService } from '../auth/users.service.js';
import { CreditsService } from '../credits/credits.service.js';
import { MICRO } from '../credits/money.js';
import { AggregationService } from './aggregation.service.js';
import { Clock } from './clock.js';
import { Contest, ContestEntry } from './contest.entities.js';
import { badTransition } from './contest.errors.js';
import { ContestsService } from './contests.service.js';
import { EntriesService } from './entries.service.js';
import { allocateAwards } from './math/awards.js';
import { NotificationsService } from './notifications.service.js';

export interface Finalised {
  contest: Contest;
  /** True when an earlier call had already finalised it (nothing was paid again). */
  alreadyFinalised: boolean;
}

/**
 * Finalising: rank the judged entries, allocate awards within the pool and the per-entry maximum, pay them into
 * the credit ledger, notify the winners and close the contest, all in one transaction. The contest row lock
 * serialises concurrent calls; the ledger's and notifications' idempotency keys make a repeat pay nothing.
 */
@Injectable()
export class AwardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly aggregation: AggregationService,
    private readonly credits: CreditsService,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  async finalise(slug: string, actorId: string): Promise<Finalised> {
    const contest = await this.contests.get(slug);
    // First reporter wins: triage may have marked duplicates since screening, so check again. The reports
    // are read before the transaction (through the feedback module), never while holding the contest lock.
    const notes = new Map<string, string | null>();
    if (contest.status === 'judging') {
      const live = await this.dataSource.manager.findBy(ContestEntry, {
        contestId: contest.id,
        status: 'submitted',
        screening: 'eligible',
      });
      for (const entry of live) notes.set(entry.id, await this.entries.awardNote(entry));
    }
    return this.dataSource.transaction(async (manager) => {
      const locked = await this.contests.lock(manager, slug);
      if (locked.status === 'finalised') return { contest: locked, alreadyFinalised: true };
      if (locked.status !== 'judging') throw badTransition(locked.status, 'finalised');
      const standings = await this.aggregation.standings(locked, manager);
      if (standings.pending > 0 && this.clock.now() < locked.judgingDeadline) {
        throw new ConflictException(
          `${standings.pending} assigned score${standings.pending === 1 ? ' is' : 's are'} still to come: finalise once all are in, or after the judging deadline (${locked.judgingDeadline.toISOString()})`,
        );
      }
      const eligibility = new Map(
        standings.ranked.map((r) => {
          const note = notes.has(r.entryId) ? notes.get(r.entryId)! : r.entry.awardNote;
          return [r.entryId, { awardEligible: note === null, awardNote: note }];
        }),
      );
      const awards = allocateAwards(
        standings.ranked.map((r) => ({
          entryId: r.entryId,
          awardEligible: eligibility.get(r.entryId)!.awardEligible,
        })),
        {
          pool: locked.prizePool,
          maxPerEntry: locked.maxAward,
          winners: locked.winners,
          policy: locked.awardPolicy,
        },
      );
      let paid = 0;
      for (const r of standings.ranked) {
        const award = awards.get(r.entryId) ?? 0;
        await manager.update(
          ContestEntry,
          { id: r.entryId },
          {
            finalRank: r.rank,
            finalScore: r.score,
            finalRawScore: r.rawScore,
            award,
            ...eligibility.get(r.entryId)!,
          },
        );
        if (award === 0) continue;
        paid += award;
        await this.credits.award(
          {
            userId: r.entry.entrantId,
            amountMicro: award * MICRO,
            contestId: locked.id,
            entryId: r.entryId,
            reason: `Award for rank ${r.rank} in “${locked.title}”`,
            details: { contestSlug: locked.slug, rank: r.rank },
          },
          manager,
        );
        await this.notifications.notify(
          {
            userId: r.entry.entrantId,
            kind: 'contest_award',
            title: `You won ${award} credits in “${locked.title}”`,
            body: `Your entry ranked ${r.rank}. ${award} credits are in your balance and pay for API usage (GET /credits/balance).`,
            data: { contestSlug: locked.slug, entryId: r.entryId, rank: r.rank, award },
            dedupeKey: `contest_award:${r.entryId}`,
          },
          manager,
        );
      }
      await manager.update(Contest, { id: locked.id }, { agreement: standings.agreement });
      await this.contests.setStatus(manager, locked, 'finalised', actorId, {
        ranked: standings.ranked.length,
        winners: [...awards.values()].filter((a) => a > 0).length,
        paid,
        agreement: standings.agreement,
      });
      return { contest: await manager.findOneByOrFail(Contest, { id: locked.id }), alreadyFinalised: false };
    });
  }

  /** The public results of a finalised contest: rank, score, award, and a display name where the entrant opted in. */
  async results(slug: string) {
    const contest = await this.contests.getPublic(slug);
    if (contest.status !== 'finalised')
      throw new NotFoundException(
        `Results are published when the contest is finalised; it is ${contest.status}`,
      );
    const entries = await this.dataSource.manager.find(ContestEntry, {
      where: { contestId: contest.id, finalRank: Not(IsNull()) },
      order: { finalRank: 'ASC' },
    });
    const named = await Promise.all(
      entries.map((e) =>
        e.showName
          ? this.users.get(e.entrantId).then(
              (u) => u.displayName,
              () => null,
            )
          : Promise.resolve(null),
      ),
    );
    return { contest, rows: entries.map((entry, i) => ({ entry, name: named[i] })) };
  }
}
