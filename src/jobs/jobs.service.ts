import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { reportUnlessShuttingDown } from '../common/shutdown-signals.js';
import { DATABASE_URL } from '../database/database-url.js';

export type JobHandler<T> = (data: T, job: { id: string; retryCount: number }) => Promise<void>;

export interface QueueSpec {
  /** Jobs of this queue run one at a time per worker (training holds the accelerator). */
  exclusive?: boolean;
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job active longer than this is presumed lost (its worker died) and retried. */
  expireInSeconds?: number;
}

/**
 * Background jobs on pg-boss, in the same PostgreSQL. Producers `send`; the worker process — the server
 * itself by default, or `npm run worker` elsewhere — registers handlers with `work`.
 */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private boss: Promise<PgBoss> | undefined;
  private readonly specs = new Map<string, QueueSpec>();
  private stopped = false;

  constructor(@Inject(DATABASE_URL) private readonly databaseUrl: string) {}

  private start(): Promise<PgBoss> {
    this.boss ??= (async () => {
      const boss = new PgBoss({ connectionString: this.databaseUrl, max: 4, schedule: false, supervise: true });
      boss.on('error', (error: Error) => {
        if (!this.stopped) reportUnlessShuttingDown(error, () => this.logger.error(`job queue error: ${error.message}`));
      });
      await boss.start();
      return boss;
    })();
    return this.boss;
  }

  /** Declares a queue; idempotent. */
  async define(name: string, spec: QueueSpec = {}): Promise<void> {
    this.specs.set(name, spec);
    const boss = await this.start();
    await boss.createQueue(name, {
      name,
      retryLimit: spec.retryLimit ?? 3,
      retryDelay: spec.retryDelaySeconds ?? 5,
      expireInSeconds: spec.expireInSeconds ?? 15 * 60,
    });
  }

  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<string> {
    if (!this.specs.has(name)) await this.define(name);
    const id = await (await this.start()).send(name, data, options);
    if (!id) throw new Error(`job ${name} was not queued`);
    return id;
  }

  async work<T extends object>(name: string, handler: JobHandler<T>): Promise<void> {
    if (!this.specs.has(name)) await this.define(name);
    const boss = await this.start();
    const spec = this.specs.get(name)!;
    await boss.work<T>(name, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: spec.exclusive ? 1 : 0.5 }, async ([job]) => {
      await handler(job.data, { id: job.id, retryCount: job.retryCount });
    });
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.boss) return;
    const boss = await this.boss.catch(() => undefined);
    await boss?.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
    // pg's pool resolves end() before its connections have closed: one the database stops under after this
    // reports an error that says nothing about the queue.
    this.stopped = true;
  }
}
