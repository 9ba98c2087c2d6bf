import { BadRequestException, ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { UsersService } from '../auth/users.service.js';
import { ReportsService } from '../feedback/reports.service.js';
import {
  Contest,
  ContestEntry,
  ContestJudge,
  JudgeAssignment,
  JudgeConflict,
  Score,
} from './contest.entities.js';
import {
  assignmentNotFound,
  cannotJudge,
  contestNotFound,
  entryNotFound,
  notAJudge,
  notJudging,
  notOnPanel,
} from './contest.errors.js';
import { ContestsService } from './contests.service.js';
import type { AssignmentDetail } from './dto/judging.view.js';
import { EntriesService } from './entries.service.js';
import {
  AssignmentShortfall,
  planAssignments,
  whyNotJudge,
  type AssignableEntry,
  type AssignableJudge,
  type Ineligibility,
} from './math/assignment.js';
import { RubricInputError, scoreRubric } from './math/rubric.js';

const WHY: Record<Ineligibility, string> = {
  own_entry: 'A judge cannot judge their own entry',
  conflict: 'This judge declared a conflict of interest with the entrant',
  already_assigned: 'This judge is already assigned to this entry',
};

/** Judges of a contest, their conflicts, who judges which entry, and the scores they give. */
@Injectable()
export class JudgingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly contests: ContestsService,
    private readonly entries: EntriesService,
    private readonly reports: ReportsService,
    private readonly users: UsersService,
  ) {}

  // ------------------------------------------------------------------------------------------------------
  // Panel (admins)

  async addJudge(slug: string, userId: string, actorId: string): Promise<void> {
    const contest = await this.contests.get(slug);
    const user = await this.users.get(userId);
    if (!user.roles.includes('judge')) throw notAJudge();
    await this.dataSource.transaction(async (manager) => {
      await manager.findOne(Contest, { where: { id: contest.id }, lock: { mode: 'pessimistic_write' } });
      if (await manager.existsBy(ContestJudge, { contestId: contest.id, judgeId: userId })) return;
      await manager.insert(ContestJudge, { contestId: contest.id, judgeId: userId, addedBy: actorId });
      await this.audit.record(
        {
          actorId,
          action: 'contest.judge.add',
          entityType: 'contest',
          entityId: contest.id,
          data: { judgeId: userId },
        },
        manager,
      );
    });
  }

  /** The judge leaves the panel; their unsubmitted assignments are recused (submitted scores stay). */
  async removeJudge(slug: string, userId: string, actorId: string): Promise<void> {
    const contest = await this.contests.get(slug);
    await this.dataSource.transaction(async (manager) => {
      const { affected } = await manager.delete(ContestJudge, { contestId: contest.id, judgeId: userId });
      if (!affected) return;
      await manager.update(
        JudgeAssignment,
        { contestId: contest.id, judgeId: userId, status: 'assigned' },
        { status: 'recused', recuseReason: 'removed from the panel' },
      );
      await this.audit.record(
        {
          actorId,
          action: 'contest.judge.remove',
          entityType: 'contest',
          entityId: contest.id,
          data: { judgeId: userId },
        },
        manager,
      );
    });
  }

  async panel(slug: string) {
    const contest = await this.contests.get(slug);
    const judges = await this.dataSource.manager.find(ContestJudge, {
      where: { contestId: contest.id },
      order: { createdAt: 'ASC' },
    });
    const assignments = await this.dataSource.manager.findBy(JudgeAssignment, {
      contestId: contest.id,
      status: Not('recused' as const),
    });
    const people = await Promise.all(judges.map((j) => this.users.get(j.judgeId).catch(() => null)));
    return judges.map((j, i) => ({
      userId: j.judgeId,
      email: people[i]?.email ?? null,
      displayName: people[i]?.displayName ?? null,
      assigned: assignments.filter((a) => a.judgeId === j.judgeId).length,
      submitted: assignments.filter((a) => a.judgeId === j.judgeId && a.status === 'submitted').length,
      addedAt: j.createdAt.toISOString(),
    }));
  }

  /** Contests the caller judges. */
  async myContests(principal: Principal): Promise<Contest[]> {
    const rows = await this.dataSource.manager.findBy(ContestJudge, { judgeId: principal.userId });
    return rows.length
      ? this.dataSource.manager.find(Contest, {
          where: { id: In(rows.map((r) => r.contestId)) },
          order: { closesAt: 'DESC' },
        })
      : [];
  }

  // ------------------------------------------------------------------------------------------------------
  // Conflicts (judges declare them)

  /**
   * A judge declares a conflict with a person by email. They are never assigned that person's entries, and
   * any such assignment not yet scored is recused.
   */
  async declareConflict(
    principal: Principal,
    slug: string,
    email: string,
    reason: string | undefined,
  ): Promise<JudgeConflict> {
    const contest = await this.panelContest(principal, slug);
    if (email === principal.email)
      throw new BadRequestException(
        'You are never assigned your own entries: no need to declare a conflict with yourself',
      );
    const entrants = await this.entrantIdsByEmail(contest.id, email);
    return this.dataSource.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(JudgeConflict)
        .values({ contestId: contest.id, judgeId: principal.userId, email, reason: reason ?? null })
        .orIgnore()
        .execute();
      const conflict = await manager.findOneByOrFail(JudgeConflict, {
        contestId: contest.id,
        judgeId: principal.userId,
        email,
      });
      if (entrants.length) {
        const entryIds = (
          await manager.findBy(ContestEntry, { contestId: contest.id, entrantId: In(entrants) })
        ).map((e) => e.id);
        if (entryIds.length) {
          await manager.update(
            JudgeAssignment,
            { judgeId: principal.userId, entryId: In(entryIds), status: 'assigned' },
            { status: 'recused', recuseReason: 'conflict of interest declared' },
          );
        }
      }
      await this.audit.record(
        {
          actorId: principal.userId,
          action: 'contest.conflict',
          entityType: 'contest',
          entityId: contest.id,
          data: { email, reason: reason ?? null },
        },
        manager,
      );
      return conflict;
    });
  }

  async conflicts(principal: Principal, slug: string): Promise<JudgeConflict[]> {
    const contest = await this.panelContest(principal, slug);
    return this.dataSource.manager.find(JudgeConflict, {
      where: { contestId: contest.id, judgeId: principal.userId },
      order: { createdAt: 'ASC' },
    });
  }

  // ------------------------------------------------------------------------------------------------------
  // Assignment (admins)

  /** Brings every eligible entry up to judges_per_entry judges, balancing load; all or nothing. */
  async assignAll(slug: string, actorId: string): Promise<{ created: number }> {
    const emails = await this.entrantEmails((await this.contests.get(slug)).id);
    return this.dataSource.transaction(async (manager) => {
      const contest = await this.contests.lock(manager, slug);
      if (contest.status !== 'judging') throw notJudging(contest.status);
      const { entries, judges } = await this.assignables(manager, contest, emails);
      if (judges.length === 0)
        throw new ConflictException(
          'This contest has no judges: add judges first (PUT /admin/contests/:slug/judges/:userId)',
        );
      let plan: { entryId: string; judgeId: string }[];
      try {
        plan = planAssignments(entries, judges, contest.judgesPerEntry);
      } catch (error) {
        if (error instanceof AssignmentShortfall) {
          throw new ConflictException(
            `${error.message} for ${contest.judgesPerEntry} judges each (entries: ${error.entryIds.join(', ')}): add judges to the panel`,
          );
        }
        throw error;
      }
      if (plan.length === 0) return { created: 0 };
      await manager.insert(
        JudgeAssignment,
        plan.map((p) => ({ ...p, contestId: contest.id, status: 'assigned' as const })),
      );
      await this.audit.record(
        {
          actorId,
          action: 'contest.assign',
          entityType: 'contest',
          entityId: contest.id,
          data: { created: plan.length },
        },
        manager,
      );
      return { created: plan.length };
    });
  }

  /**
   * One more judge on an entry: the named one (refused when it is the entrant or conflicted), or the
   * least-loaded eligible judge. Beyond judges_per_entry it counts as an extra judge.
   */
  async assignOne(
    slug: string,
    entryId: string,
    judgeId: string | undefined,
    actorId: string | null,
  ): Promise<JudgeAssignment> {
    const emails = await this.entrantEmails((await this.contests.get(slug)).id, entryId);
    return this.dataSource.transaction(async (manager) => {
      const contest = await this.contests.lock(manager, slug);
      if (contest.status !== 'judging') throw notJudging(contest.status);
      return this.addJudgeToEntry(manager, contest, entryId, emails, judgeId, actorId);
    });
  }

  private async addJudgeToEntry(
    manager: EntityManager,
    contest: Contest,
    entryId: string,
    emails: Map<string, string>,
    judgeId: string | undefined,
    actorId: string | null,
  ): Promise<JudgeAssignment> {
    const { entries, judges } = await this.assignables(manager, contest, emails, entryId);
    const entry = entries[0];
    if (!entry) throw entryNotFound();
    let judge: AssignableJudge | undefined;
    if (judgeId) {
      judge = judges.find((j) => j.id === judgeId);
      if (!judge) throw notOnPanel();
      const why = whyNotJudge(judge, entry);
      if (why) throw cannotJudge(WHY[why]);
    } else {
      try {
        judge = judges.find(
          (j) => j.id === planAssignments([{ ...entry, activeJudges: 0 }], judges, 1)[0].judgeId,
        );
      } catch (error) {
        if (error instanceof AssignmentShortfall)
          throw new ConflictException(
            'No judge of this contest is free to judge this entry: add judges to the panel',
          );
        throw error;
      }
    }
    const saved = await manager.save(
      manager.create(JudgeAssignment, {
        contestId: contest.id,
        entryId,
        judgeId: judge!.id,
        status: 'assigned',
        extra: entry.activeJudges >= contest.judgesPerEntry,
      }),
    );
    await this.audit.record(
      {
        actorId,
        action: 'contest.assign',
        entityType: 'contest_entry',
        entityId: entryId,
        data: { judgeId: judge!.id, extra: saved.extra },
      },
      manager,
    );
    return saved;
  }

  // ------------------------------------------------------------------------------------------------------
  // Judges at work

  async myAssignments(
    principal: Principal,
    query: { contest?: string; status?: JudgeAssignment['status']; limit: number; offset: number },
  ) {
    const contest = query.contest ? await this.contests.get(query.contest).catch(() => null) : undefined;
    if (contest === null) return { rows: [], total: 0 };
    const [assignments, total] = await this.dataSource.manager.findAndCount(JudgeAssignment, {
      where: {
        judgeId: principal.userId,
        ...(contest ? { contestId: contest.id } : {}),
        ...(query.status ? { status: query.status } : {}),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const contestIds = [...new Set(assignments.map((a) => a.contestId))];
    const contests = new Map(
      (contestIds.length ? await this.dataSource.manager.findBy(Contest, { id: In(contestIds) }) : []).map(
        (c) => [c.id, c],
      ),
    );
    const scores = assignments.length
      ? await this.dataSource.manager.findBy(Score, { assignmentId: In(assignments.map((a) => a.id)) })
      : [];
    return {
      total,
      rows: assignments.map((assignment) => ({
        assignment,
        contest: contests.get(assignment.contestId)!,
        score: scores.find((s) => s.assignmentId === assignment.id),
      })),
    };
  }

  async detail(principal: Principal, assignmentId: string): Promise<AssignmentDetail> {
    const manager = this.dataSource.manager;
    const assignment = await manager.findOneBy(JudgeAssignment, {
      id: assignmentId,
      judgeId: principal.userId,
    });
    if (!assignment) throw assignmentNotFound();
    const contest = await manager.findOneByOrFail(Contest, { id: assignment.contestId });
    const entry = await manager.findOneByOrFail(ContestEntry, { id: assignment.entryId });
    const scores = await manager.findBy(Score, { entryId: entry.id });
    const mine = scores.find((s) => s.assignmentId === assignment.id);
    let others: Score[] | null = null;
    if (assignment.status === 'submitted') {
      const active = await manager.findBy(JudgeAssignment, { entryId: entry.id, status: 'submitted' });
      others = scores
        .filter((s) => s.assignmentId !== assignment.id && active.some((a) => a.id === s.assignmentId))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
    }
    const entrantName = contest.blind
      ? null
      : ((await this.users.get(entry.entrantId).catch(() => null))?.displayName ?? null);
    return {
      assignment,
      contest,
      entry,
      reports: await this.orderedReports(entry.reportIds),
      mine,
      others,
      entrantName,
    };
  }

  /**
   * Submits or revises the caller's score while the contest is judging; the server computes the total.
   * Every submission and revision is audited with what changed.
   */
  async score(
    principal: Principal,
    assignmentId: string,
    values: Record<string, unknown>,
    comment: string | undefined,
  ): Promise<AssignmentDetail> {
    await this.dataSource.transaction(async (manager) => {
      const assignment = await manager.findOne(JudgeAssignment, {
        where: { id: assignmentId, judgeId: principal.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!assignment) throw assignmentNotFound();
      const contest = await manager.findOne(Contest, {
        where: { id: assignment.contestId },
        lock: { mode: 'pessimistic_read' },
      });
      if (!contest) throw contestNotFound();
      if (contest.status !== 'judging') throw notJudging(contest.status);
      if (assignment.status === 'recused')
        throw new ConflictException('You recused yourself from this entry');
      let scored;
      try {
        scored = scoreRubric(contest.rubric, values);
      } catch (error) {
        if (error instanceof RubricInputError) throw new BadRequestException(error.messages.join('; '));
        throw error;
      }
      const fields = {
        levels: scored.values,
        components: scored.components.map((c) => c.value),
        total: scored.total,
        formula: scored.formula,
        comment: comment ?? null,
      };
      const before = await manager.findOneBy(Score, { assignmentId });
      if (before) {
        await manager.update(Score, { id: before.id }, { ...fields, revision: before.revision + 1 });
      } else {
        await manager.insert(Score, {
          ...fields,
          assignmentId,
          contestId: contest.id,
          entryId: assignment.entryId,
          judgeId: principal.userId,
          revision: 1,
        });
      }
      if (assignment.status !== 'submitted') {
        await manager.update(
          JudgeAssignment,
          { id: assignment.id },
          { status: 'submitted', submittedAt: new Date() },
        );
      }
      await this.audit.record(
        {
          actorId: principal.userId,
          action: before ? 'score.revise' : 'score.submit',
          entityType: 'judge_assignment',
          entityId: assignment.id,
          data: {
            revision: before ? before.revision + 1 : 1,
            before: before ? { values: before.levels, total: before.total } : null,
            after: { values: scored.values, total: scored.total },
          },
        },
        manager,
      );
    });
    // Read after the commit: the view also reads users and reports through other modules' connections.
    return this.detail(principal, assignmentId);
  }

  /** A judge steps back from an entry (e.g. recognises the entrant); another eligible judge takes over if one is free. */
  async recuse(principal: Principal, assignmentId: string, reason: string): Promise<{ replaced: boolean }> {
    const known = await this.dataSource.manager.findOneBy(JudgeAssignment, {
      id: assignmentId,
      judgeId: principal.userId,
    });
    if (!known) throw assignmentNotFound();
    const emails = await this.entrantEmails(known.contestId, known.entryId);
    return this.dataSource.transaction(async (manager) => {
      const assignment = await manager.findOne(JudgeAssignment, {
        where: { id: assignmentId, judgeId: principal.userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!assignment) throw assignmentNotFound();
      const contest = await manager.findOne(Contest, {
        where: { id: assignment.contestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!contest) throw contestNotFound();
      if (contest.status !== 'judging') throw notJudging(contest.status);
      if (assignment.status === 'recused') return { replaced: false };
      await manager.update(
        JudgeAssignment,
        { id: assignment.id },
        { status: 'recused', recuseReason: reason },
      );
      await this.audit.record(
        {
          actorId: principal.userId,
          action: 'assignment.recuse',
          entityType: 'judge_assignment',
          entityId: assignment.id,
          data: { reason },
        },
        manager,
      );
      const active = await manager.countBy(JudgeAssignment, {
        entryId: assignment.entryId,
        status: Not('recused' as const),
      });
      if (active >= contest.judgesPerEntry) return { replaced: true };
      try {
        await this.addJudgeToEntry(manager, contest, assignment.entryId, emails, undefined, null);
        return { replaced: true };
      } catch (error) {
        if (error instanceof ConflictException) return { replaced: false };
        throw error;
      }
    });
  }

  // ------------------------------------------------------------------------------------------------------

  /** A contest the caller judges (404 otherwise, so non-judges learn nothing). */
  private async panelContest(principal: Principal, slug: string): Promise<Contest> {
    const contest = await this.contests.get(slug);
    if (
      !(await this.dataSource.manager.existsBy(ContestJudge, {
        contestId: contest.id,
        judgeId: principal.userId,
      }))
    )
      throw contestNotFound();
    return contest;
  }

  private async entrantIdsByEmail(contestId: string, email: string): Promise<string[]> {
    const emails = await this.entrantEmails(contestId);
    return [...emails.entries()].filter(([, e]) => e === email).map(([id]) => id);
  }

  /**
   * Entrants' emails by user id, for conflict checks. Read before a transaction starts: users are read through
   * AuthModule's service on another connection, never while this module holds row locks.
   */
  private async entrantEmails(contestId: string, entryId?: string): Promise<Map<string, string>> {
    const entries = await this.dataSource.manager.findBy(ContestEntry, {
      contestId,
      ...(entryId ? { id: entryId } : {}),
    });
    const entrants = await this.entries.entrants(entries.map((e) => e.entrantId));
    return new Map([...entrants.values()].map((u) => [u.id, u.email]));
  }

  /**
   * Eligible live entries (or one of them) and the panel, shaped for the assignment math. An entry whose
   * entrant's email was not read beforehand (screened meanwhile) waits for the next top-up.
   */
  private async assignables(
    manager: EntityManager,
    contest: Contest,
    emails: Map<string, string>,
    onlyEntryId?: string,
  ): Promise<{ entries: AssignableEntry[]; judges: AssignableJudge[] }> {
    const found = await manager.findBy(ContestEntry, {
      contestId: contest.id,
      status: 'submitted',
      screening: 'eligible',
      ...(onlyEntryId ? { id: onlyEntryId } : {}),
    });
    const rows = found.filter((e) => emails.has(e.entrantId));
    const assignments = await manager.findBy(JudgeAssignment, { contestId: contest.id });
    const panel = await manager.findBy(ContestJudge, { contestId: contest.id });
    const conflicts = await manager.findBy(JudgeConflict, { contestId: contest.id });
    const entries = rows.map((e) => {
      const own = assignments.filter((a) => a.entryId === e.id);
      return {
        id: e.id,
        entrantId: e.entrantId,
        entrantEmail: emails.get(e.entrantId)!,
        judgeIds: own.map((a) => a.judgeId),
        activeJudges: own.filter((a) => a.status !== 'recused').length,
      };
    });
    const judges = panel.map((j) => ({
      id: j.judgeId,
      conflicts: new Set(conflicts.filter((c) => c.judgeId === j.judgeId).map((c) => c.email)),
      load: assignments.filter((a) => a.judgeId === j.judgeId && a.status !== 'recused').length,
    }));
    return { entries, judges };
  }

  private async orderedReports(ids: string[]) {
    const found = new Map((await this.reports.findByIds(ids)).map((r) => [r.id, r]));
    return ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  }
}
