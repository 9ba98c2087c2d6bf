import { BadRequestException, ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { isModerationCategory, withParents, type ModerationCategory } from '../ml/classifier/categories.js';
import { ModerationService } from '../moderation/moderation.service.js';
import type { TriageDecisionDto, TriageQueryDto } from './dto/feedback.dto.js';
import { Report, ReportEvent, type ReportStatus } from './feedback.entities.js';
import { ReportAcceptedHooks } from './report-accepted.hooks.js';

export const NEEDS_INFO_DAYS = 30;

const OPEN: ReportStatus[] = ['new', 'needs_info'];

/** The label an accepted filter report teaches the classifier about the reported text. */
export function correctedLabels(report: Pick<Report, 'kind' | 'categories' | 'snapshot'>): ModerationCategory[] | null {
  const reported = report.categories.filter(isModerationCategory);
  if (report.kind === 'filter_false_negative') return withParents(reported);
  if (report.kind === 'filter_false_positive') {
    const flagged = (report.snapshot.moderation?.categories ?? []).filter(isModerationCategory);
    const wrong = new Set(reported.length ? reported : flagged);
    return withParents(flagged.filter((c) => !wrong.has(c) && ![...wrong].some((w) => w.startsWith(`${c}/`))));
  }
  return null;
}

@Injectable()
export class TriageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly moderation: ModerationService,
    private readonly acceptedHooks: ReportAcceptedHooks,
  ) {}

  /** Oldest first, filtered by kind, status (default new) and category. */
  queue(query: TriageQueryDto, offset: number): Promise<[Report[], number]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(Report, 'r')
      .where('r.status = :status', { status: query.status ?? 'new' })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .take(query.limit)
      .skip(offset);
    if (query.kind) qb.andWhere('r.kind = :kind', { kind: query.kind });
    if (query.category) qb.andWhere(':category = ANY(r.categories)', { category: query.category });
    return qb.getManyAndCount();
  }

  async decide(principal: Principal, id: string, input: TriageDecisionDto): Promise<Report> {
    return this.dataSource.transaction(async (manager) => {
      const report = await manager.findOne(Report, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!report) throw new NotFoundException('Report not found');
      if (report.reporterId === principal.userId) throw new ForbiddenException('You cannot triage your own report');
      if (!OPEN.includes(report.status)) throw new ConflictException(`This report was already decided (${report.status})`);
      const changes: Partial<Report> = { status: input.decision, needsInfoSince: null, duplicateOf: null };
      if (input.decision === 'duplicate') changes.duplicateOf = await this.originalOf(manager, report, input.duplicateOf);
      if (input.decision === 'needs_info') {
        if (!input.note) throw new BadRequestException('note must say what information is needed');
        changes.needsInfoSince = new Date();
      }
      await manager.update(Report, { id }, changes);
      await manager.insert(ReportEvent, {
        reportId: id,
        actorId: principal.userId,
        type: 'decision',
        fromStatus: report.status,
        toStatus: input.decision,
        note: input.note ?? null,
      });
      await this.audit.record(
        { actorId: principal.userId, action: `report.${input.decision}`, entityType: 'report', entityId: id, data: { from: report.status, duplicateOf: changes.duplicateOf } },
        manager,
      );
      const labels = input.decision === 'accepted' ? correctedLabels(report) : null;
      if (labels) await this.moderation.addCorrection(manager, report.id, report.snapshot.message.content, labels);
      if (input.decision === 'accepted') await this.acceptedHooks.notify(manager, report);
      return manager.findOneByOrFail(Report, { id });
    });
  }

  /** Duplicates link to the first report of the finding: an earlier report, followed to its own original. */
  private async originalOf(manager: EntityManager, report: Report, duplicateOf: string | undefined): Promise<string> {
    if (!duplicateOf) throw new BadRequestException('duplicateOf must name the earlier report this one repeats');
    let original = await manager.findOneBy(Report, { id: duplicateOf });
    if (!original || original.id === report.id) throw new BadRequestException('duplicateOf must be another existing report');
    if (original.createdAt >= report.createdAt) throw new BadRequestException('duplicateOf must be an earlier report');
    for (let hops = 0; original.duplicateOf && hops < 100; hops++) {
      original = await manager.findOneByOrFail(Report, { id: original.duplicateOf });
    }
    return original.id;
  }

  /** needs_info left unanswered for 30 days closes as rejected, saying why. */
  async closeUnanswered(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - NEEDS_INFO_DAYS * 86_400_000);
    return this.dataSource.transaction(async (manager) => {
      const stale = await manager.find(Report, { where: { status: 'needs_info', needsInfoSince: LessThan(cutoff) }, lock: { mode: 'pessimistic_write' } });
      for (const report of stale) {
        await manager.update(Report, { id: report.id }, { status: 'rejected', needsInfoSince: null });
        await manager.insert(ReportEvent, {
          reportId: report.id,
          actorId: null,
          type: 'auto_closed',
          fromStatus: 'needs_info',
          toStatus: 'rejected',
          note: `No answer within ${NEEDS_INFO_DAYS} days`,
        });
      }
      return stale.length;
    });
  }
}
