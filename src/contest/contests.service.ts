import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { AuditLog } from '../audit/audit-log.entity.js';
import { Clock } from './clock.js';
import { Contest, type ContestStatus } from './contest.entities.js';
import { badTransition, contestNotFound, notEditable, slugTaken, windowStillOpen } from './contest.errors.js';
import type { CreateContestDto, UpdateContestDto } from './dto/contest.dto.js';
import { RUBRIC_TEMPLATES, rubricErrors, type Rubric } from './math/rubric.js';

/** Fields copied as sent on an update (the rubric and the dates are converted first). */
const PLAIN_FIELDS = [
  'title',
  'rules',
  'minAge',
  'excludedCountries',
  'prizePool',
  'maxAward',
  'winners',
  'awardPolicy',
  'judgesPerEntry',
  'blind',
  'disagreementThreshold',
] as const satisfies (keyof UpdateContestDto & keyof Contest)[];
const DATE_FIELDS = ['opensAt', 'closesAt', 'judgingDeadline'] as const;

/** Moves an admin may ask for; finalising has its own use case (AwardsService). */
const FORWARD: Record<ContestStatus, ContestStatus[]> = {
  draft: ['open', 'cancelled'],
  open: ['judging', 'cancelled'],
  judging: ['finalised', 'cancelled'],
  finalised: [],
  cancelled: [],
};

export function canMove(from: ContestStatus, to: ContestStatus): boolean {
  return FORWARD[from].includes(to);
}

const isUniqueViolation = (error: unknown) =>
  error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505';

function rubricOf(input: Pick<UpdateContestDto, 'rubric' | 'rubricTemplate'>): Rubric | undefined {
  if (input.rubric && input.rubricTemplate)
    throw new BadRequestException('Send rubric or rubricTemplate, not both');
  if (input.rubricTemplate) return structuredClone(RUBRIC_TEMPLATES[input.rubricTemplate]);
  if (!input.rubric) return undefined;
  const errors = rubricErrors(input.rubric);
  if (errors.length) throw new BadRequestException(errors.join('; '));
  return input.rubric as unknown as Rubric;
}

function checkWindow(opensAt: Date, closesAt: Date, judgingDeadline: Date): void {
  if (!(opensAt < closesAt)) throw new BadRequestException('closesAt must be after opensAt');
  if (closesAt > judgingDeadline)
    throw new BadRequestException('judgingDeadline must not be before closesAt');
}

/** Contests: creating and editing them, and moving their status forward (each move audited). */
@Injectable()
export class ContestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(input: CreateContestDto, actorId: string): Promise<Contest> {
    const opensAt = new Date(input.opensAt);
    const closesAt = new Date(input.closesAt);
    const judgingDeadline = new Date(input.judgingDeadline);
    checkWindow(opensAt, closesAt, judgingDeadline);
    const rubric = rubricOf(input) ?? structuredClone(RUBRIC_TEMPLATES.seed_feedback);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const contest = await manager.save(
          manager.create(Contest, {
            slug: input.slug,
            title: input.title,
            rules: input.rules,
            opensAt,
            closesAt,
            judgingDeadline,
            minAge: input.minAge ?? 18,
            excludedCountries: input.excludedCountries ?? [],
            prizePool: input.prizePool,
            maxAward: input.maxAward ?? 500,
            winners: input.winners,
            awardPolicy: input.awardPolicy ?? 'equal',
            judgesPerEntry: input.judgesPerEntry ?? 3,
            blind: input.blind ?? true,
            disagreementThreshold: input.disagreementThreshold ?? 1.5,
            rubric,
            status: 'draft',
            createdBy: actorId,
          }),
        );
        await this.audit.record(
          {
            actorId,
            action: 'contest.create',
            entityType: 'contest',
            entityId: contest.id,
            data: { slug: contest.slug },
          },
          manager,
        );
        return contest;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw slugTaken(input.slug);
      throw error;
    }
  }

  /** Drafts and open contests can be edited; a rules change raises the rules version entrants accept. */
  async update(slug: string, input: UpdateContestDto, actorId: string): Promise<Contest> {
    return this.dataSource.transaction(async (manager) => {
      const contest = await this.lock(manager, slug);
      if (contest.status !== 'draft' && contest.status !== 'open') throw notEditable(contest.status);
      const changes: Partial<Contest> = {};
      for (const key of PLAIN_FIELDS)
        if (input[key] !== undefined) Object.assign(changes, { [key]: input[key] });
      for (const key of DATE_FIELDS) if (input[key] !== undefined) changes[key] = new Date(input[key]);
      const rubric = rubricOf(input);
      if (rubric) changes.rubric = rubric;
      checkWindow(
        changes.opensAt ?? contest.opensAt,
        changes.closesAt ?? contest.closesAt,
        changes.judgingDeadline ?? contest.judgingDeadline,
      );
      if (input.rules !== undefined && input.rules !== contest.rules)
        changes.rulesVersion = contest.rulesVersion + 1;
      if (Object.keys(changes).length === 0) return contest;
      await manager.update(Contest, { id: contest.id }, changes);
      await this.audit.record(
        {
          actorId,
          action: 'contest.update',
          entityType: 'contest',
          entityId: contest.id,
          data: {
            fields: Object.keys(changes).filter((k) => k !== 'rubric' && k !== 'rules'),
            rubric: Boolean(rubric),
            rulesVersion: changes.rulesVersion,
          },
        },
        manager,
      );
      return manager.findOneByOrFail(Contest, { id: contest.id });
    });
  }

  /**
   * draft → open, open → judging (only once the entry window has closed by the server clock), or cancelled.
   * Finalising goes through AwardsService.
   */
  async transition(
    slug: string,
    to: Exclude<ContestStatus, 'draft' | 'finalised'>,
    actorId: string,
  ): Promise<Contest> {
    return this.dataSource.transaction(async (manager) => {
      const contest = await this.lock(manager, slug);
      const from = contest.status;
      if (from === to) return contest;
      if (!canMove(from, to)) throw badTransition(from, to);
      if (to === 'judging' && this.clock.now() < contest.closesAt) throw windowStillOpen(contest.closesAt);
      await this.setStatus(manager, contest, to, actorId);
      return manager.findOneByOrFail(Contest, { id: contest.id });
    });
  }

  /** Writes a forward move and its audit row in the caller's transaction. */
  async setStatus(
    manager: EntityManager,
    contest: Contest,
    to: ContestStatus,
    actorId: string | null,
    data: Record<string, unknown> = {},
  ) {
    if (!canMove(contest.status, to)) throw badTransition(contest.status, to);
    await manager.update(
      Contest,
      { id: contest.id },
      { status: to, ...(to === 'finalised' ? { finalisedAt: this.clock.now() } : {}) },
    );
    await this.audit.record(
      {
        actorId,
        action: 'contest.status',
        entityType: 'contest',
        entityId: contest.id,
        data: { from: contest.status, to, ...data },
      },
      manager,
    );
  }

  /** The contest row, locked for the rest of the caller's transaction. */
  async lock(manager: EntityManager, slug: string): Promise<Contest> {
    const contest = await manager.findOne(Contest, { where: { slug }, lock: { mode: 'pessimistic_write' } });
    if (!contest) throw contestNotFound();
    return contest;
  }

  async get(slug: string, manager: EntityManager = this.dataSource.manager): Promise<Contest> {
    const contest = await manager.findOneBy(Contest, { slug });
    if (!contest) throw contestNotFound();
    return contest;
  }

  /** Anyone may see a contest once it is no longer a draft. */
  async getPublic(slug: string): Promise<Contest> {
    const contest = await this.dataSource.manager.findOneBy(Contest, { slug, status: Not('draft' as const) });
    if (!contest) throw contestNotFound();
    return contest;
  }

  list(options: {
    status?: ContestStatus;
    includeDrafts: boolean;
    limit: number;
    offset: number;
  }): Promise<[Contest[], number]> {
    if (options.status === 'draft' && !options.includeDrafts) return Promise.resolve([[], 0]);
    const where = options.status
      ? { status: options.status }
      : options.includeDrafts
        ? {}
        : { status: Not('draft' as const) };
    return this.dataSource.manager.findAndCount(Contest, {
      where,
      order: { opensAt: 'DESC', id: 'ASC' },
      take: options.limit,
      skip: options.offset,
    });
  }

  history(contest: Contest): Promise<AuditLog[]> {
    return this.audit.list('contest', contest.id);
  }
}
