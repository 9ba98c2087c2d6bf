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
import { reportContextLoader } from './report-context.js';
import { reportWriter } from './report-insert.js';
import { buildSnapshot } from './report-snapshot.js';

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
   * their round trips (group commit): under load, one query serves a whole batch of them.
   */
  async submit(principal: Principal, input: CreateReportDto, idempotencyKey?: string): Promise<{ report: Report; created: boolean }> {
    const hash = requestHash(input);
    // Both look-ups at once: a retry is rare, and waiting for its answer first would add a round trip to every submission.
    const [earlier, context] = await Promise.all([
      idempotencyKey ? this.byIdempotencyKey(principal.userId, idempotencyKey, hash) : null,
      this.contexts.submit(input.messageId),
    ]);
    if (earlier) return { report: earlier, created: false };
    if (!context || context.conversation.userId !== principal.userId) throw messageNotFound();
    const { message, conversation, thread, decision } = context;
    checkReportable(input, message, Boolean(decision && decision.action !== 'allow'));
    const sig = signature(`${input.description}\n${message.content}`);
    const report = await this.writer.submit({
      reporterId: principal.userId,
      kind: input.kind,
      messageId: message.id,
      categories: input.categories ?? (input.kind === 'filter_false_positive' ? decision!.categories : []),
      description: input.description,
      snapshot: buildSnapshot(conversation, thread, message, decision),
      idempotencyKey: idempotencyKey ?? null,
      requestHash: hash,
      signature: toSigned(sig),
      bands: bands(sig),
    });
    if (report) return { report, created: true };
    // A concurrent submission with the same key was stored first: return it.
    const first = await this.byIdempotencyKey(principal.userId, idempotencyKey!, hash);
    if (!first) throw new Error('Report insert skipped without an earlier report for its Idempotency-Key');
    return { report: first, created: false };
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
