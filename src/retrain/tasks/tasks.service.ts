import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { pathTo } from '../../chat/message-tree.js';
import { Message } from '../../chat/message.entity.js';
import type { Report, ReportSnapshot } from '../../feedback/feedback.entities.js';
import { type Candidate, ComparisonTask, type PromptMessage, TaskRanking } from '../data/retrain.entities.js';
import { rankingAgreement } from './agreement.js';
import { CandidateSampler } from './candidate-sampler.js';
import type { CreateTasksDto, SampleConversationsDto, SubmitRankingDto } from './dto/tasks.dto.js';

const ROLES = new Set(['system', 'user', 'assistant']);

function promptOf(messages: { role: string; content: string }[]): PromptMessage[] {
  return messages.filter((m) => ROLES.has(m.role)).map((m) => ({ role: m.role as PromptMessage['role'], content: m.content }));
}

export interface TaskSettings {
  k: number;
  requiredRankings: number;
  maxTokens: number;
}

function settings(input: CreateTasksDto): TaskSettings {
  return { k: input.k ?? 4, requiredRankings: input.requiredRankings ?? 1, maxTokens: input.maxTokens ?? 32 };
}

/** Reports of these kinds, once accepted, become ranking tasks. */
const TASK_REPORT_KINDS = ['harmful_output', 'bias'];

type ReportForTask = Pick<Report, 'id' | 'kind' | 'reporterId' | 'messageId' | 'snapshot'>;

/** Comparison tasks: built from accepted reports and sampled conversations, ranked by trainers. */
@Injectable()
export class TasksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sampler: CandidateSampler,
  ) {}

  /** A task for every accepted harmful_output/bias report that has none yet; candidates are sampled in the background. */
  async fromReports(input: CreateTasksDto): Promise<ComparisonTask[]> {
    const s = settings(input);
    // Reads the feedback module's table directly: a read-only query for reports not yet turned into tasks.
    const reports: { id: string; kind: Report['kind']; reporter_id: string; message_id: string; snapshot: ReportSnapshot }[] = await this.dataSource.query(
      `SELECT r.id, r.kind, r.reporter_id, r.message_id, r.snapshot FROM reports r
        WHERE r.status = 'accepted' AND r.kind = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM comparison_tasks t WHERE t.report_id = r.id)
        ORDER BY r.created_at`,
      [TASK_REPORT_KINDS],
    );
    return this.dataSource.transaction(async (manager) => {
      const created: ComparisonTask[] = [];
      for (const r of reports) {
        const report = { id: r.id, kind: r.kind, reporterId: r.reporter_id, messageId: r.message_id, snapshot: r.snapshot };
        const task = await this.fromAcceptedReport(manager, report, s);
        if (task) created.push(task);
      }
      return created;
    });
  }

  /**
   * The ranking task of one accepted report, created in the caller's transaction together with its sampling
   * job. Idempotent: a report that already has a task (unique report_id) gets no second one, and null is returned,
   * as it is for reports of other kinds or about a message that is not a model reply.
   */
  async fromAcceptedReport(manager: EntityManager, report: ReportForTask, s: TaskSettings): Promise<ComparisonTask | null> {
    if (!TASK_REPORT_KINDS.includes(report.kind) || report.snapshot.message.role !== 'assistant') return null;
    const row = manager.create(ComparisonTask, {
      source: 'report',
      reportId: report.id,
      reporterId: report.reporterId,
      messageId: report.messageId,
      prompt: promptOf(report.snapshot.messages.slice(0, -1)),
      candidates: [{ text: report.snapshot.message.content, origin: 'original', seed: null }],
      ...s,
      status: 'sampling',
    });
    return this.insertAndQueue(manager, row);
  }

  /** A task for each of `count` random model messages of ordinary conversations (none reported into a task yet). */
  async fromConversations(input: SampleConversationsDto): Promise<ComparisonTask[]> {
    const picked: { id: string; conversation_id: string }[] = await this.dataSource.query(
      `SELECT m.id, m.conversation_id FROM messages m
        WHERE m.role = 'assistant' AND m.status = 'complete'
          AND NOT EXISTS (SELECT 1 FROM comparison_tasks t WHERE t.message_id = m.id)
        ORDER BY random() LIMIT $1`,
      [input.count ?? 10],
    );
    return this.dataSource.transaction((manager) => this.fromMessages(manager, picked, settings(input)));
  }

  /** Sample tasks for these assistant messages, in the caller's transaction, each with its sampling job. */
  async fromMessages(manager: EntityManager, picked: { id: string; conversation_id: string }[], s: TaskSettings): Promise<ComparisonTask[]> {
    const created: ComparisonTask[] = [];
    for (const { id, conversation_id } of picked) {
      const thread = await manager.find(Message, { where: { conversationId: conversation_id } });
      const path = pathTo(thread, id);
      const message = path.at(-1)!;
      const row = manager.create(ComparisonTask, {
        source: 'sample',
        reportId: null,
        reporterId: null,
        messageId: id,
        prompt: promptOf(path.slice(0, -1)),
        candidates: [{ text: message.content, origin: 'original', seed: null } satisfies Candidate],
        ...s,
        status: 'sampling',
      });
      const task = await this.insertAndQueue(manager, row);
      if (task) created.push(task);
    }
    return created;
  }

  private async insertAndQueue(manager: EntityManager, row: ComparisonTask): Promise<ComparisonTask | null> {
    const inserted = await manager.createQueryBuilder().insert().into(ComparisonTask).values(row).orIgnore().returning('id').execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;
    if (!id) return null;
    await this.sampler.queue(id, manager);
    return manager.findOneByOrFail(ComparisonTask, { id });
  }

  async get(id: string): Promise<ComparisonTask> {
    const task = await this.dataSource.manager.findOneBy(ComparisonTask, { id });
    if (!task) throw new NotFoundException('Comparison task not found');
    return task;
  }

  list(status: ComparisonTask['status'] | undefined, limit: number, offset: number): Promise<[ComparisonTask[], number]> {
    return this.dataSource.manager.findAndCount(ComparisonTask, {
      where: status ? { status } : {},
      order: { createdAt: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  /** The oldest open task this trainer may rank: not from their own report, not ranked by them yet. */
  async next(trainerId: string): Promise<ComparisonTask | null> {
    return this.dataSource.manager
      .createQueryBuilder(ComparisonTask, 't')
      .where(`t.status = 'open'`)
      .andWhere('(t.reporter_id IS NULL OR t.reporter_id <> :trainerId)', { trainerId })
      .andWhere('NOT EXISTS (SELECT 1 FROM task_rankings r WHERE r.task_id = t.id AND r.trainer_id = :trainerId)', { trainerId })
      .orderBy('t.created_at', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .getOne();
  }

  async rank(trainerId: string, taskId: string, input: SubmitRankingDto): Promise<TaskRanking> {
    return this.dataSource.transaction(async (manager) => {
      const task = await manager.findOne(ComparisonTask, { where: { id: taskId }, lock: { mode: 'pessimistic_write' } });
      if (!task) throw new NotFoundException('Comparison task not found');
      if (task.reporterId === trainerId) throw new ForbiddenException('You cannot rank a task built from your own report');
      if (task.status !== 'open') throw new ConflictException(`This task is ${task.status}, not open for ranking`);
      if (input.ranks.length !== task.candidates.length || input.ranks.some((r) => r >= task.candidates.length)) {
        throw new BadRequestException(`ranks must give each of the ${task.candidates.length} candidates a rank from 0 to ${task.candidates.length - 1}`);
      }
      if (await manager.existsBy(TaskRanking, { taskId, trainerId })) throw new ConflictException('You have already ranked this task');
      const ranking = await manager.save(manager.create(TaskRanking, { taskId, trainerId, ranks: input.ranks, allUnacceptable: input.allUnacceptable ?? false }));
      const all = await manager.find(TaskRanking, { where: { taskId } });
      if (all.length >= task.requiredRankings) {
        await manager.update(ComparisonTask, { id: taskId }, { status: 'complete', agreement: rankingAgreement(all.map((r) => r.ranks)) });
      }
      return ranking;
    });
  }
}
