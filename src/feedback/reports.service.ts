import { BadRequestException, ForbiddenException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { messageNotFound } from '../chat/conversations.service.js';
import type { Message } from '../chat/message.entity.js';
import { Batcher } from '../common/batcher.js';
import { hydrate } from '../database/hydrate.js';
import { bands, fromSigned, signature, similarity, toSigned } from '../ml/similarity/minhash.js';
import type { AnswerReportDto, CreateReportDto } from './dto/feedback.dto.js';
import { Report, ReportEvent } from './feedback.entities.js';
import { type ReportContext, reportContextLoader } from './report-context.js';
import { type NewReport, reportWriter } from './report-insert.js';
import { frozenContext } from './report-snapshot.js';

/** Estimated Jaccard similarity at which an earlier report is shown to the reviewer as a likely duplicate. */
export const SIMILAR_THRESHOLD = 0.5;

export interface SimilarReport {
  id: string;
  kind: string;
  status: string;
  createdAt: string;
  similarity: number;
  sameMessage: boolean;
}

function requestHash(input: CreateReportDto): string {
  const canonical = JSON.stringify([input.kind, input.messageId, [...(input.categories ?? [])].sort(), input.description]);
  return createHash('sha256').update(canonical).digest('hex');
}

const REPORTS_BY_IDEMPOTENCY_KEY = `
SELECT r.* FROM reports r JOIN unnest($1::uuid[], $2::text[]) AS k(reporter_id, key)
  ON r.reporter_id = k.reporter_id AND r.idempotency_key = k.key`;

/** Which messages each kind of report is about, and what the reporter must say. */
function checkReportable(input: CreateReportDto, message: Message, flagged: boolean): void {
  if ((input.kind === 'harmful_output' || input.kind === 'bias') && message.role !== 'assistant') {
    throw new BadRequestException(`${input.kind} reports are about model replies; messageId is a ${message.role} message`);
  }
  if (input.kind === 'filter_false_positive' && !flagged) {
    throw new BadRequestException('filter_false_positive reports are about flagged messages; the filter did not flag this one');
  }
  if (input.kind === 'filter_false_negative' && !input.categories?.length) {
    throw new BadRequestException('categories must name what the filter should have flagged');
  }
}

/** The report to store, once the reporter may see the message and may report it as `input.kind`. */
function newReport(principal: Principal, input: CreateReportDto, context: ReportContext | null, idempotencyKey: string | null, hash: string): NewReport {
  if (!context || context.conversation.userId !== principal.userId) throw messageNotFound();
  const { message, decision } = context;
  checkReportable(input, message, Boolean(decision && decision.action !== 'allow'));
  const sig = signature(`${input.description}\n${message.content}`);
  return {
    reporterId: principal.userId,
    kind: input.kind,
    messageId: message.id,
    categories: input.categories ?? (input.kind === 'filter_false_positive' ? decision!.categories : []),
    description: input.description,
    frozen: frozenContext(context),
    takenAt: new Date().toISOString(),
    idempotencyKey,
    requestHash: hash,
    signature: toSigned(sig),
    bands: bands(sig),
  };
}

@Injectable()
export class ReportsService {
  private readonly contexts = reportContextLoader(this.dataSource.manager);
  private readonly writer = reportWriter(this.dataSource.manager);
  private readonly idempotencyKeys = new Batcher<{ reporterId: string; key: string }, Report | null>(async (lookups) => {
    const rows = (await this.dataSource.query(REPORTS_BY_IDEMPOTENCY_KEY, [lookups.map((l) => l.reporterId), lookups.map((l) => l.key)])) as Record<string, unknown>[];
    const found = new Map(rows.map((row) => [`${row.reporter_id}\n${row.idempotency_key}`, hydrate(this.dataSource.manager, Report, row)]));
    return lookups.map((l) => found.get(`${l.reporterId}\n${l.key}`) ?? null);
  });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Files a report with a frozen snapshot. With an Idempotency-Key, a retry returns the first report
   * (`created: false`); the same key with a different request is refused. Concurrent submissions share
   * their round trips (group commit): under load, one query serves a whole batch of them. `context` may
   * be loaded ahead (`context(messageId)`), e.g. while the caller's session is looked up.
   */
  async submit(
    principal: Principal,
    input: CreateReportDto,
    idempotencyKey?: string,
    context: Promise<ReportContext | null> = this.context(input.messageId),
  ): Promise<{ report: Report; created: boolean }> {
    const hash = requestHash(input);
    let report: Report | null;
    try {
      // No look-up of the key first: the insert skips a key already used, and a retry is rare enough that
      // every other submission should not wait a round trip for it.
      report = await this.writer.submit(newReport(principal, input, await context, idempotencyKey ?? null, hash));
    } catch (error) {
      // A retry gets its report back even if the message has changed since; a reused key still gets its 422.
      const earlier = idempotencyKey ? await this.byIdempotencyKey(principal.userId, idempotencyKey, hash) : null;
      if (earlier) return { report: earlier, created: false };
      throw error;
    }
    if (report) return { report, created: true };
    // The key was used before: by this request's first try, or by a concurrent one stored first.
    const first = await this.byIdempotencyKey(principal.userId, idempotencyKey!, hash);
    if (!first) throw new Error('Report insert skipped without an earlier report for its Idempotency-Key');
    return { report: first, created: false };
  }

  /** What a report on `messageId` freezes (null if the message does not exist); callers check who may see it. */
  context(messageId: string): Promise<ReportContext | null> {
    return this.contexts.submit(messageId);
  }

  private async byIdempotencyKey(reporterId: string, key: string, hash: string): Promise<Report | null> {
    const earlier = await this.idempotencyKeys.submit({ reporterId, key });
    if (earlier && earlier.requestHash !== hash) {
      throw new UnprocessableEntityException('This Idempotency-Key was already used for a different report');
    }
    return earlier;
  }

  mine(userId: string, limit: number, offset: number): Promise<[Report[], number]> {
    return this.dataSource.manager.findAndCount(Report, { where: { reporterId: userId }, order: { createdAt: 'DESC' }, take: limit, skip: offset });
  }

  /** Reporters see their own reports; trainers and admins see all. Others get a 404. */
  async visible(principal: Principal, id: string): Promise<Report> {
    const report = await this.dataSource.manager.findOneBy(Report, { id });
    const reviewer = principal.roles.includes('trainer') || principal.roles.includes('admin');
    if (!report || (report.reporterId !== principal.userId && !reviewer)) throw new NotFoundException('Report not found');
    return report;
  }

  events(reportId: string): Promise<ReportEvent[]> {
    return this.dataSource.manager.find(ReportEvent, { where: { reportId }, order: { createdAt: 'ASC' } });
  }

  findByIds(ids: string[]): Promise<Report[]> {
    return ids.length ? this.dataSource.manager.findBy(Report, { id: In(ids) }) : Promise.resolve([]);
  }

  /** The reporter answers a needs_info request; the report goes back to the queue. */
  async answer(principal: Principal, id: string, input: AnswerReportDto): Promise<Report> {
    return this.dataSource.transaction(async (manager) => {
      const report = await manager.findOne(Report, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report || report.reporterId !== principal.userId) throw new NotFoundException('Report not found');
      if (report.status !== 'needs_info') throw new ForbiddenException('This report is not waiting for an answer');
      await manager.update(Report, { id }, { status: 'new', needsInfoSince: null });
      await manager.insert(ReportEvent, { reportId: id, actorId: principal.userId, type: 'answer', fromStatus: 'needs_info', toStatus: 'new', note: input.text });
      return manager.findOneByOrFail(Report, { id });
    });
  }

  /** Earlier reports on the same message, or whose text is near-identical (MinHash over LSH bands). */
  async similar(report: Report, manager: EntityManager = this.dataSource.manager): Promise<SimilarReport[]> {
    const candidates: Report[] = await manager
      .createQueryBuilder(Report, 'r')
      .where('r.id <> :id AND r.created_at < :createdAt', { id: report.id, createdAt: report.createdAt })
      .andWhere(
        '(r.message_id = :messageId OR r.bands && (SELECT mine.bands FROM reports mine WHERE mine.id = :id))',
        { messageId: report.messageId },
      )
      .orderBy('r.created_at', 'ASC')
      .limit(50)
      .getMany();
    const own = fromSigned(report.signature);
    return candidates
      .map((c) => ({
        id: c.id,
        kind: c.kind,
        status: c.status,
        createdAt: c.createdAt.toISOString(),
        similarity: Math.round(similarity(own, fromSigned(c.signature)) * 100) / 100,
        sameMessage: c.messageId === report.messageId,
      }))
      .filter((c) => c.sameMessage || c.similarity >= SIMILAR_THRESHOLD);
  }
}
