import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { reportUnlessShuttingDown } from '../common/shutdown-signals.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { ModelRegistryService } from './model-registry.service.js';
import { ModelService } from './model.service.js';
import { SERVING_CHANNEL, type ServingChange } from './serving-changes.js';

/**
 * Keeps this process serving the policy the database says is serving, whoever changed it: another API
 * process, or a worker whose PPO gate promoted a candidate. It LISTENs for the NOTIFY each promotion and
 * rollback sends on commit, and checks every MODEL_SERVING_CHECK_SECONDS in case a notification was missed
 * (connection lost, a change made by hand). It follows changes only: a process started with
 * POLICY_CHECKPOINT keeps serving that folder until a version is promoted.
 */
@Injectable()
export class ServingWatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ServingWatcher.name);
  private client: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The serving policy id this process last followed (undefined: none yet). */
  private followed: string | undefined;
  private checking: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: ModelRegistryService,
    private readonly models: ModelService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.followed = (await this.registry.serving('policy'))?.id;
    await this.listen().catch((error: Error) =>
      this.logger.warn(`cannot listen for model promotions (periodic checks only): ${error.message}`),
    );
    this.timer = setInterval(() => void this.check(), this.config.model.servingCheckSeconds * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await this.checking;
    await this.client?.end().catch(() => undefined);
  }

  /** Follows the serving policy now if it changed since the last look. Safe to call at any time; calls queue up. */
  check(): Promise<void> {
    this.checking = this.checking
      .then(() => this.follow())
      .catch((error: Error) => this.logger.error(`following the serving policy failed: ${error.message}`));
    return this.checking;
  }

  private async follow(): Promise<void> {
    if (this.closed) return;
    if (!this.client) await this.listen().catch(() => undefined); // reconnect after a lost connection
    const serving = await this.registry.serving('policy');
    if (!serving || serving.id === this.followed) return;
    await this.models.reloadPolicy(serving);
    this.followed = serving.id; // only once loaded: a failed reload is tried again at the next check
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: (this.dataSource.options as { url?: string }).url });
    client.on('notification', (message) => {
      if (message.channel !== SERVING_CHANNEL) return;
      const change = JSON.parse(message.payload ?? '{}') as Partial<ServingChange>;
      if (change.kind === 'policy') void this.check();
    });
    client.on('error', (error: Error) => {
      if (!this.closed) {
        reportUnlessShuttingDown(error, () => this.logger.warn(`model promotion listener lost its connection: ${error.message}`));
      }
      if (this.client === client) this.client = undefined;
      client.end().catch(() => undefined);
    });
    await client.connect();
    await client.query(`LISTEN ${SERVING_CHANNEL}`);
    this.client = client;
  }
}
