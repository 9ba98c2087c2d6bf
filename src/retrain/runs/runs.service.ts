import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MoreThan } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { RunExecutors } from './run-executors.js';
import { RunKind, RunMetric, TrainingRun } from './training-run.entity.js';

export const TRAINING_QUEUE = 'training';

@Injectable()
export class RunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly executors: RunExecutors,
    private readonly audit: AuditService,
  ) {}

  async start(kind: RunKind, params: Record<string, unknown>, actorId: string | null): Promise<TrainingRun> {
    const prepared = await this.executors.get(kind).prepare(params);
    const run = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(manager.create(TrainingRun, { kind, status: 'queued', params: prepared, createdBy: actorId }));
      await this.audit.record({ actorId, action: 'run.start', entityType: 'training_run', entityId: saved.id, data: { kind, params: prepared } }, manager);
      return saved;
    });
    await this.jobs.send(TRAINING_QUEUE, { runId: run.id });
    return run;
  }

  async get(id: string): Promise<TrainingRun> {
    const run = await this.dataSource.manager.findOneBy(TrainingRun, { id });
    if (!run) throw new NotFoundException('Run not found');
    return run;
  }

  list(kind: RunKind | undefined, limit: number, offset: number): Promise<[TrainingRun[], number]> {
    return this.dataSource.manager.findAndCount(TrainingRun, { where: kind ? { kind } : {}, order: { createdAt: 'DESC' }, take: limit, skip: offset });
  }

  metrics(runId: string, afterId = '0', limit = 1000): Promise<RunMetric[]> {
    return this.dataSource.manager.find(RunMetric, { where: { runId, id: MoreThan(afterId) }, order: { id: 'ASC' }, take: limit });
  }

  /** A queued run is cancelled at once; a running one stops at its next step. */
  async cancel(id: string, actorId: string): Promise<TrainingRun> {
    return this.dataSource.transaction(async (manager) => {
      const run = await manager.findOne(TrainingRun, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw new NotFoundException('Run not found');
      if (!['queued', 'running'].includes(run.status)) throw new ConflictException(`The run is already ${run.status}`);
      const status = run.status === 'queued' ? 'cancelled' : 'cancelling';
      await manager.update(TrainingRun, { id }, { status, ...(status === 'cancelled' ? { finishedAt: new Date() } : {}) });
      await this.audit.record({ actorId, action: 'run.cancel', entityType: 'training_run', entityId: id }, manager);
      return manager.findOneByOrFail(TrainingRun, { id });
    });
  }
}
