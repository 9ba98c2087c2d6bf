import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, MoreThan } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { RunCancelled, type RunContext } from './run-executor.js';
import { RunExecutors } from './run-executors.js';
import { RunMetric, TrainingRun } from './training-run.entity.js';

/** Runs a queued training run in this worker: claims it, executes it, and records how it ended. */
@Injectable()
export class RunRunner {
  private readonly logger = new Logger(RunRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly executors: RunExecutors,
    private readonly audit: AuditService,
  ) {}

  /**
   * Claims the run atomically: a queued run, or a running one whose worker stopped sending heartbeats.
   * A duplicate delivery of the same job finds nothing to claim and returns.
   */
  private async claim(runId: string): Promise<TrainingRun | null> {
    const result = await this.dataSource.manager
      .createQueryBuilder()
      .update(TrainingRun)
      .set({
        status: 'running',
        attempts: () => 'attempts + 1',
        heartbeatAt: () => 'now()',
        startedAt: () => 'COALESCE(started_at, now())',
      })
      .where('id = :runId', { runId })
      .andWhere(
        `(status = 'queued' OR (status = 'running' AND heartbeat_at < now() - make_interval(secs => :stale)))`,
        { stale: this.config.runStaleSeconds },
      )
      .execute();
    return result.affected ? this.dataSource.manager.findOneBy(TrainingRun, { id: runId }) : null;
  }

  async handle(runId: string): Promise<void> {
    const run = await this.claim(runId);
    if (!run) return;
    const dir = join(this.config.dataDir, 'models', 'runs', run.id);
    await mkdir(dir, { recursive: true });
    const context: RunContext = {
      run,
      dir,
      report: (step, totalSteps, values) => this.report(run.id, step, totalSteps, values),
      checkpointed: async (step, path) => {
        await this.dataSource.manager.update(TrainingRun, { id: run.id }, { step, checkpointPath: path });
      },
      resumed: (step, path) => this.resumed(run, step, path),
    };
    const heartbeat = this.keepAlive(run.id);
    try {
      // A retried run without a checkpoint starts over: its earlier attempt's metrics would repeat.
      if (run.attempts > 1 && !run.checkpointPath) await this.resumed(run, 0, null);
      const outcome = await this.executors.get(run.kind).execute(context);
      await this.finish(run.id, 'succeeded', { summary: outcome.summary, modelVersionId: outcome.modelVersionId ?? null });
    } catch (error) {
      if (error instanceof RunCancelled) {
        await this.finish(run.id, 'cancelled', {});
      } else {
        this.logger.error(`run ${run.id} (${run.kind}) failed: ${(error as Error).message}`, (error as Error).stack);
        await this.finish(run.id, 'failed', { error: (error as Error).message });
      }
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Beats while the run executes, also between the steps that report (loading, evaluation), so a live
   * worker's run is never taken for an orphan. A step must not block longer than RUN_STALE_SECONDS.
   */
  private keepAlive(runId: string): NodeJS.Timeout {
    const timer = setInterval(() => {
      this.dataSource
        .query(`UPDATE training_runs SET heartbeat_at = now() WHERE id = $1 AND status IN ('running', 'cancelling')`, [runId])
        .catch((error: Error) => this.logger.warn(`heartbeat of run ${runId} failed: ${error.message}`));
    }, Math.max(250, (this.config.runStaleSeconds * 1000) / 3));
    timer.unref();
    return timer;
  }

  private async resumed(run: TrainingRun, step: number, path: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const dropped = await manager.delete(RunMetric, { runId: run.id, step: MoreThan(step) });
      await manager.update(TrainingRun, { id: run.id }, { step });
      await this.audit.record(
        {
          actorId: null,
          action: 'run.resume',
          entityType: 'training_run',
          entityId: run.id,
          data: { fromStep: step, checkpointPath: path, attempt: run.attempts, droppedMetrics: dropped.affected ?? 0 },
        },
        manager,
      );
    });
    this.logger.warn(`run ${run.id} (${run.kind}) resumed from step ${step} (attempt ${run.attempts})`);
  }

  private async report(runId: string, step: number, totalSteps: number, values: Record<string, number>): Promise<void> {
    const finite = Object.fromEntries(Object.entries(values).filter(([, v]) => Number.isFinite(v)));
    await this.dataSource.manager.insert(RunMetric, { runId, step, values: finite });
    await this.dataSource.manager.update(TrainingRun, { id: runId }, { step, totalSteps, heartbeatAt: new Date() });
    const { status } = await this.dataSource.manager.findOneByOrFail(TrainingRun, { id: runId });
    if (status === 'cancelling') throw new RunCancelled();
  }

  private async finish(
    runId: string,
    status: TrainingRun['status'],
    fields: { summary?: Record<string, unknown>; modelVersionId?: string | null; error?: string },
  ): Promise<void> {
    const now = new Date();
    await this.dataSource.manager.update(TrainingRun, { id: runId }, { ...fields, status, finishedAt: now, heartbeatAt: now } as object);
  }
}
