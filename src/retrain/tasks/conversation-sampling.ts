import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import type { ComparisonTask } from '../data/retrain.entities.js';
import { TasksService } from './tasks.service.js';

/** Only one sweep at a time across all workers. */
const SWEEP_LOCK = 7_342_101;
/** Replies older than this are left alone (a worker that was down longer skips them: it is a sample). */
const LOOKBACK_HOURS = 24;
const MAX_PER_SWEEP = 200;

/**
 * Turns a random share (RETRAIN_CONVERSATION_SAMPLE_RATE) of ordinary assistant replies into ranking tasks,
 * in the worker every RETRAIN_SAMPLE_INTERVAL_SECONDS. A reply is chosen when the hash of its id falls below
 * the rate, so the choice is stable: repeated or concurrent sweeps never pick a reply twice nor skew the rate.
 * Replies someone reported are left to triage.
 */
@Injectable()
export class ConversationSampling implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConversationSampling.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tasks: TasksService,
  ) {}

  onApplicationBootstrap(): void {
    const { conversationSampleRate: rate, sampleIntervalSeconds } = this.config.retrain;
    if (!this.config.worksJobs || rate <= 0) return;
    this.timer = setInterval(() => {
      this.sweep(rate).catch((error: Error) =>
        this.logger.warn(`sampling conversations failed: ${error.message}`),
      );
    }, sampleIntervalSeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** One pass: tasks for the recent chosen replies that have none. Returns the tasks created. */
  async sweep(rate = this.config.retrain.conversationSampleRate): Promise<ComparisonTask[]> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [
        SWEEP_LOCK,
      ]);
      if (!locked) return [];
      const picked: { id: string; conversation_id: string }[] = await manager.query(
        `SELECT m.id, m.conversation_id FROM messages m
          WHERE m.role = 'assistant' AND m.status = 'complete'
            AND m.created_at > now() - make_interval(hours => $2)
            AND ('x' || left(md5(m.id::text), 8))::bit(32)::bigint < $1::float8 * 4294967296
            AND NOT EXISTS (SELECT 1 FROM comparison_tasks t WHERE t.message_id = m.id)
            AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.message_id = m.id)
          ORDER BY m.created_at LIMIT $3`,
        [rate, LOOKBACK_HOURS, MAX_PER_SWEEP],
      );
      const { taskK: k, taskMaxTokens: maxTokens } = this.config.retrain;
      const created = await this.tasks.fromMessages(manager, picked, { k, maxTokens, requiredRankings: 1 });
      if (created.length) this.logger.log(`sampled ${created.length} conversation(s) into ranking tasks`);
      return created;
    });
  }
}
