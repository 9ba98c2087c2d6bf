import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In, Not, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { UsersService } from '../auth/users.service.js';
import type { Report } from '../feedback/feedback.entities.js';
import { ReportsService } from '../feedback/reports.service.js';
import { Clock } from './clock.js';
import { Contest, ContestEntry, ContestEntryReport, JudgeAssignment } from './contest.entities.js';
import {
  contestNotFound,
  entryNotFound,
  idempotencyKeyReused,
  ineligible,
  notScreenable,
  notYourReport,
  reportAlreadyEntered,
  rulesNotAccepted,
  windowNotOpen,
} from './contest.errors.js';
import { ContestsService } from './contests.service.js';
import type { CreateEntryDto, UpdateEntryDto } from './dto/entry.dto.js';
import type { EntrantInfo } from './dto/entry.view.js';
import { duplicateNote, entrantRefusal, type ReportFacts } from './eligibility.js';

const uniqueViolation = (error: unknown): { table?: string; constraint?: string } | null =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505'
    ? (error.driverError as { table?: string; constraint?: string })
    : null;

function requestHash(input: CreateEntryDto): string {
  const canonical = JSON.stringify([
    [...input.reportIds].sort(),
    input.writeUp,
    input.age,
    input.country,
    input.acceptRulesVersion,
    input.showName ?? false,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

const facts = (r: Report): ReportFacts => ({
  id: r.id,
  reporterId: r.reporterId,
  status: r.status,
  duplicateOf: r.duplicateOf,
  createdAt: r.createdAt,
});

/** Entering reports into a contest, editing and withdrawing entries, and screening them. */
@Injectable()
export class EntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly contests: ContestsService,
    private readonly reports: ReportsService,
    private readonly users: UsersService,
  ) {}

  /**
   * Enters the caller's own reports. With an Idempotency-Key a retry returns the first entry (`created: false`);
   * the same reports entered again with the same request also return the entry they are in.
   */
  async create(
    principal: Principal,
    slug: string,
    input: CreateEntryDto,
    idempotencyKey?: string,
  ): Promise<{ entry: ContestEntry; contest: Contest; created: boolean }> {
    const contest = await this.contests.getPublic(slug);
    const hash = requestHash(input);
    if (idempotencyKey) {
      const earlier = await this.byIdempotencyKey(contest.id, principal.userId, idempotencyKey, hash);
      if (earlier) return { entry: earlier, contest, created: false };
    }
    this.checkOpen(contest);
    if (input.acceptRulesVersion !== contest.rulesVersion) throw rulesNotAccepted(contest.rulesVersion);
    const refusal = entrantRefusal(contest, { age: input.age, country: input.country });
    if (refusal) throw ineligible(refusal.rule, refusal.message);
    await this.checkOwnReports(principal.userId, input.reportIds);
    try {
      return await this.dataSource.transaction(async (manager) => {
        // Shares the lock a status change takes: no entry lands after the window closes or the status moves.
        const locked = await manager.findOne(Contest, {
          where: { id: contest.id },
          lock: { mode: 'pessimistic_read' },
        });
        if (!locked) throw contestNotFound();
        this.checkOpen(locked);
        const same = await this.sameEntry(manager, locked.id, principal.userId, input.reportIds, hash);
        if (same) return { entry: same, contest: locked, created: false };
        const entry = await manager.save(
          manager.create(ContestEntry, {
            contestId: locked.id,
            entrantId: principal.userId,
            reportIds: input.reportIds,
            writeUp: input.writeUp,
            attestedAge: input.age,
            country: input.country,
            rulesVersion: locked.rulesVersion,
            rulesAcceptedAt: this.clock.now(),
            showName: input.showName ?? false,
            status: 'submitted',
            screening: 'pending',
            idempotencyKey: idempotencyKey ?? null,
            requestHash: hash,
          }),
        );
        await manager.insert(
          ContestEntryReport,
          input.reportIds.map((reportId) => ({ reportId, entryId: entry.id })),
        );
        await this.audit.record(
          {
            actorId: principal.userId,
            action: 'contest_entry.create',
            entityType: 'contest_entry',
            entityId: entry.id,
            data: { contestId: locked.id, reportIds: input.reportIds },
          },
          manager,
        );
        return { entry, contest: locked, created: true };
      });
    } catch (error) {
      const violation = uniqueViolation(error);
      if (violation?.constraint === 'contest_entries_idempotency_unique' && idempotencyKey) {
        const earlier = await this.byIdempotencyKey(contest.id, principal.userId, idempotencyKey, hash);
        if (earlier) return { entry: earlier, contest, created: false };
      }
      if (violation?.table === 'contest_entry_reports') throw await this.alreadyEntered(input.reportIds);
      throw error;
    }
  }

  /** Entrants change their entry until the window closes; a change sends it back to screening. */
  async update(
    principal: Principal,
    id: string,
    input: UpdateEntryDto,
  ): Promise<{ entry: ContestEntry; contest: Contest }> {
    if (input.reportIds) await this.checkOwnReports(principal.userId, input.reportIds);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { entry, contest } = await this.ownLiveEntry(manager, principal.userId, id);
        const changes: Partial<ContestEntry> = {};
        if (input.writeUp !== undefined) changes.writeUp = input.writeUp;
        if (input.showName !== undefined) changes.showName = input.showName;
        if (input.reportIds) {
          changes.reportIds = input.reportIds;
          await manager.delete(ContestEntryReport, { entryId: entry.id });
          await manager.insert(
            ContestEntryReport,
            input.reportIds.map((reportId) => ({ reportId, entryId: entry.id })),
          );
        }
        if (changes.writeUp !== undefined || changes.reportIds) {
          Object.assign(changes, {
            screening: 'pending',
            screeningReason: null,
            screenedAt: null,
            awardEligible: true,
            awardNote: null,
          });
        }
        if (Object.keys(changes).length) {
          await manager.update(ContestEntry, { id: entry.id }, changes);
          await this.audit.record(
            {
              actorId: principal.userId,
              action: 'contest_entry.update',
              entityType: 'contest_entry',
              entityId: entry.id,
              data: { fields: Object.keys(changes) },
            },
            manager,
          );
        }
        return { entry: await manager.findOneByOrFail(ContestEntry, { id: entry.id }), contest };
      });
    } catch (error) {
      if (uniqueViolation(error)?.table === 'contest_entry_reports')
        throw await this.alreadyEntered(input.reportIds ?? []);
      throw error;
    }
  }

  /** Withdrawing frees the entry's reports (they may be entered again) and keeps the entry for the record. */
  async withdraw(principal: Principal, id: string): Promise<{ entry: ContestEntry; contest: Contest }> {
    return this.dataSource.transaction(async (manager) => {
      const { entry, contest } = await this.ownLiveEntry(manager, principal.userId, id);
      await manager.delete(ContestEntryReport, { entryId: entry.id });
      await manager.update(
        ContestEntry,
        { id: entry.id },
        { status: 'withdrawn', withdrawnAt: this.clock.now() },
      );
      await this.audit.record(
        {
          actorId: principal.userId,
          action: 'contest_entry.withdraw',
          entityType: 'contest_entry',
          entityId: entry.id,
        },
        manager,
      );
      return { entry: await manager.findOneByOrFail(ContestEntry, { id: entry.id }), contest };
    });
  }

  async mine(
    userId: string,
    limit: number,
    offset: number,
  ): Promise<{ rows: { entry: ContestEntry; contest: Contest }[]; total: number }> {
    const [entries, total] = await this.dataSource.manager.findAndCount(ContestEntry, {
      where: { entrantId: userId },
      order: { createdAt: 'DESC' },
      take: limit,
      skip: offset,
    });
    const contests = await this.contestsById(entries.map((e) => e.contestId));
    return { rows: entries.map((entry) => ({ entry, contest: contests.get(entry.contestId)! })), total };
  }

  async getOwn(userId: string, id: string): Promise<{ entry: ContestEntry; contest: Contest }> {
    const entry = await this.dataSource.manager.findOneBy(ContestEntry, { id, entrantId: userId });
    if (!entry) throw entryNotFound();
    return {
      entry,
      contest: await this.dataSource.manager.findOneByOrFail(Contest, { id: entry.contestId }),
    };
  }

  // ------------------------------------------------------------------------------------------------------
  // Screening (admins)

  /**
   * Eligible or disqualified (with a reason the entrant sees). An eligible entry holding a duplicate of
   * someone else's earlier report is marked as unable to win, and the entrant is told which report.
   */
  async screen(
    slug: string,
    entryId: string,
    decision: 'eligible' | 'disqualified',
    reason: string | undefined,
    actorId: string,
  ) {
    if (decision === 'disqualified' && !reason)
      throw new BadRequestException('reason is required to disqualify an entry (the entrant sees it)');
    const contest = await this.contests.get(slug);
    const entry = await this.dataSource.manager.findOneBy(ContestEntry, {
      id: entryId,
      contestId: contest.id,
    });
    if (!entry) throw entryNotFound();
    const note = decision === 'eligible' ? await this.awardNote(entry) : null;
    return this.dataSource.transaction(async (manager) => {
      const locked = await manager.findOne(Contest, {
        where: { id: contest.id },
        lock: { mode: 'pessimistic_read' },
      });
      if (!locked || (locked.status !== 'open' && locked.status !== 'judging'))
        throw notScreenable(locked?.status ?? contest.status);
      const current = await manager.findOneByOrFail(ContestEntry, { id: entry.id });
      if (current.status !== 'submitted')
        throw new BadRequestException('A withdrawn entry cannot be screened');
      await manager.update(
        ContestEntry,
        { id: entry.id },
        {
          screening: decision,
          screeningReason: decision === 'disqualified' ? reason! : null,
          screenedAt: this.clock.now(),
          awardEligible: note === null,
          awardNote: note,
        },
      );
      await this.audit.record(
        {
          actorId,
          action: 'contest_entry.screen',
          entityType: 'contest_entry',
          entityId: entry.id,
          data: { decision, reason: reason ?? null, awardNote: note },
        },
        manager,
      );
      return { entry: await manager.findOneByOrFail(ContestEntry, { id: entry.id }), contest: locked };
    });
  }

  /** Null when the entry can win; otherwise why not (first reporter wins). */
  async awardNote(entry: ContestEntry): Promise<string | null> {
    const reports = (await this.reports.findByIds(entry.reportIds)).map(facts);
    const originals = new Map(
      (await this.reports.findByIds(reports.flatMap((r) => (r.duplicateOf ? [r.duplicateOf] : [])))).map(
        (r) => [r.id, facts(r)],
      ),
    );
    return duplicateNote(entry.entrantId, reports, originals);
  }

  async listForAdmin(slug: string, limit: number, offset: number) {
    const contest = await this.contests.get(slug);
    const [entries, total] = await this.dataSource.manager.findAndCount(ContestEntry, {
      where: { contestId: contest.id },
      order: { createdAt: 'ASC' },
      take: limit,
      skip: offset,
    });
    const entrants = await this.entrants(entries.map((e) => e.entrantId));
    const judging = await this.judgingProgress(entries.map((e) => e.id));
    return {
      contest,
      total,
      rows: entries.map((entry) => ({
        entry,
        entrant: entrants.get(entry.entrantId),
        judging: judging.get(entry.id)!,
      })),
    };
  }

  /** Per entry: judges assigned (not recused) and scores submitted. */
  async judgingProgress(entryIds: string[]): Promise<Map<string, { assigned: number; submitted: number }>> {
    const assignments = entryIds.length
      ? await this.dataSource.manager.findBy(JudgeAssignment, {
          entryId: In(entryIds),
          status: Not('recused' as const),
        })
      : [];
    return new Map(
      entryIds.map((id) => {
        const own = assignments.filter((a) => a.entryId === id);
        return [id, { assigned: own.length, submitted: own.filter((a) => a.status === 'submitted').length }];
      }),
    );
  }

  /** Entrants' identities, for admin views and conflict checks only (never for judges). */
  async entrants(ids: string[]): Promise<Map<string, EntrantInfo>> {
    const users = await Promise.all([...new Set(ids)].map((id) => this.users.get(id).catch(() => null)));
    return new Map(
      users.flatMap((u) =>
        u ? [[u.id, { id: u.id, email: u.email, displayName: u.displayName }] as const] : [],
      ),
    );
  }

  // ------------------------------------------------------------------------------------------------------

  private checkOpen(contest: Contest): void {
    const now = this.clock.now();
    if (contest.status !== 'open' || now < contest.opensAt || now >= contest.closesAt) {
      throw windowNotOpen(contest.status, contest.opensAt, contest.closesAt, now);
    }
  }

  /** Every report must exist and be the caller's (the message does not tell which of the two failed). */
  private async checkOwnReports(userId: string, ids: string[]): Promise<void> {
    const found = new Map((await this.reports.findByIds(ids)).map((r) => [r.id, r]));
    for (const id of ids) if (found.get(id)?.reporterId !== userId) throw notYourReport(id);
  }

  private async ownLiveEntry(
    manager: EntityManager,
    userId: string,
    id: string,
  ): Promise<{ entry: ContestEntry; contest: Contest }> {
    const entry = await manager.findOneBy(ContestEntry, { id, entrantId: userId });
    if (!entry) throw entryNotFound();
    const contest = await manager.findOne(Contest, {
      where: { id: entry.contestId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!contest) throw entryNotFound();
    this.checkOpen(contest);
    if (entry.status === 'withdrawn') throw new BadRequestException('This entry was withdrawn');
    return { entry, contest };
  }

  /** The caller's live entry in this contest holding exactly these reports with the same request, if any. */
  private async sameEntry(
    manager: EntityManager,
    contestId: string,
    userId: string,
    reportIds: string[],
    hash: string,
  ): Promise<ContestEntry | null> {
    const held = await manager.findBy(ContestEntryReport, { reportId: In(reportIds) });
    if (held.length === 0) return null;
    const entry = await manager.findOneBy(ContestEntry, { id: held[0].entryId });
    const same =
      entry &&
      entry.contestId === contestId &&
      entry.entrantId === userId &&
      entry.requestHash === hash &&
      held.every((h) => h.entryId === entry.id);
    if (same && entry.reportIds.length === reportIds.length) return entry;
    throw reportAlreadyEntered(held[0].reportId);
  }

  private async alreadyEntered(reportIds: string[]) {
    const held = await this.dataSource.manager.findBy(ContestEntryReport, { reportId: In(reportIds) });
    return reportAlreadyEntered(held[0]?.reportId ?? reportIds[0]);
  }

  private async byIdempotencyKey(
    contestId: string,
    entrantId: string,
    key: string,
    hash: string,
  ): Promise<ContestEntry | null> {
    const earlier = await this.dataSource.manager.findOneBy(ContestEntry, {
      contestId,
      entrantId,
      idempotencyKey: key,
    });
    if (earlier && earlier.requestHash !== hash) throw idempotencyKeyReused();
    return earlier;
  }

  private async contestsById(ids: string[]): Promise<Map<string, Contest>> {
    const unique = [...new Set(ids)];
    const rows = unique.length ? await this.dataSource.manager.findBy(Contest, { id: In(unique) }) : [];
    return new Map(rows.map((c) => [c.id, c]));
  }
}
