import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { RunRunner } from './run-runner.js';
import { TRAINING_QUEUE } from './runs.service.js';

/**
 * Works the training queue in this process when it is a worker (`npm start` by default, or
 * `npm run worker`). One run at a time: training holds the accelerator. At start, and every
 * RUN_STALE_SECONDS after, it re-queues runs whose worker died (no heartbeat), so a run is resumed
 * from its last checkpoint or failed, never silently lost, even while other workers keep running.
 */
@Injectable()
export class RunWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunWorker.name);
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly runner: RunRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worksJobs) return;
    await this.jobs.define(TRAINING_QUEUE, { exclusive: true, retryLimit: 2, expireInSeconds: 6 * 3600 });
    await this.jobs.work<{ runId: string }>(TRAINING_QUEUE, ({ runId }) => this.runner.handle(runId));
    await this.requeueOrphans();
    this.sweep = setInterval(() => {
      this.requeueOrphans().catch((error: Error) => this.logger.warn(`looking for orphaned runs failed: ${error.message}`));
    }, this.config.runStaleSeconds * 1000);
    this.sweep.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
  }

  async requeueOrphans(): Promise<number> {
    const stale = [this.config.runStaleSeconds];
    await this.dataSource.query(
      `UPDATE training_runs SET status = 'cancelled', finished_at = now()
        WHERE status = 'cancelling' AND heartbeat_at < now() - make_interval(secs => $1)`,
      stale,
    );
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM training_runs WHERE status = 'running' AND heartbeat_at < now() - make_interval(secs => $1)`,
      stale,
    );
    for (const { id } of rows) await this.jobs.send(TRAINING_QUEUE, { runId: id });
    if (rows.length) this.logger.warn(`re-queued ${rows.length} run(s) whose worker stopped`);
    return rows.length;
  }
}
