import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { storable } from '../../common/storable.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { ModelService } from '../../model/model.service.js';
import { type Candidate, ComparisonTask } from '../data/retrain.entities.js';
import { seededShuffle } from './agreement.js';

export const SAMPLE_QUEUE = 'retrain.sample-candidates';
const RETRY_LIMIT = 3;

export interface SampleJob {
  taskId: string;
}

function seedOf(id: string): number {
  return Number.parseInt(id.replace(/-/g, '').slice(0, 8), 16) >>> 0;
}

/** The background job that fills a task with K−1 alternatives sampled from the serving policy. */
@Injectable()
export class CandidateSampler implements OnApplicationBootstrap {
  private readonly logger = new Logger(CandidateSampler.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly models: ModelService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worksJobs) return;
    await this.jobs.define(SAMPLE_QUEUE, { retryLimit: RETRY_LIMIT, retryDelaySeconds: 2 });
    await this.jobs.work<SampleJob>(SAMPLE_QUEUE, ({ taskId }, job) => this.sample(taskId, job.retryCount >= RETRY_LIMIT));
  }

  /** Queues the sampling job; given `manager`, inside its transaction, so the job exists exactly when the task does. */
  queue(taskId: string, manager?: EntityManager): Promise<string> {
    const db = manager && { executeSql: async (text: string, values: unknown[]) => ({ rows: (await manager.query(text, values)) as unknown[] }) };
    return this.jobs.send<SampleJob>(SAMPLE_QUEUE, { taskId }, db ? { db } : {});
  }

  /** Fills the task; a failure is retried by the queue (the model may be busy) and marks the task failed on the last attempt. */
  async sample(taskId: string, lastAttempt = true): Promise<void> {
    const task = await this.dataSource.manager.findOneBy(ComparisonTask, { id: taskId });
    if (!task || task.status !== 'sampling') return;
    try {
      const base = seedOf(task.id);
      const original = task.candidates.filter((c) => c.origin === 'original');
      const sampled: Candidate[] = [];
      for (let i = 1; sampled.length + original.length < task.k; i++) {
        const seed = (base + i) >>> 0;
        const reply = await this.models.provider.complete(task.prompt, { maxTokens: task.maxTokens, temperature: 1, topP: 1, seed }, () => undefined);
        sampled.push({ text: storable(reply.text), origin: 'sampled', seed });
      }
      const candidates = seededShuffle([...original, ...sampled], base);
      await this.dataSource.manager.update(ComparisonTask, { id: task.id, status: 'sampling' }, {
        candidates,
        status: 'open',
        modelVersionId: this.models.provider.modelVersionId,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.error(`sampling candidates for task ${task.id} failed: ${message}`);
      if (!lastAttempt) throw error;
      await this.dataSource.manager.update(ComparisonTask, { id: task.id }, { status: 'failed', error: message });
    }
  }
}
