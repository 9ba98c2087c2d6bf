import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
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
    };
    try {
      const outcome = await this.executors.get(run.kind).execute(context);
      await this.finish(run.id, 'succeeded', { summary: outcome.summary, modelVersionId: outcome.modelVersionId ?? null });
    } catch (error) {
      if (error instanceof RunCancelled) {
        await this.finish(run.id, 'cancelled', {});
      } else {
        this.logger.error(`run ${run.id} (${run.kind}) failed: ${(error as Error).message}`, (error as Error).stack);
        await this.finish(run.id, 'failed', { error: (error as Error).message });
      }
    }
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
