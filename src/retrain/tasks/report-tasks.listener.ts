import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/config.js';
import type { Report } from '../../feedback/feedback.entities.js';
import { ReportAcceptedHooks, type ReportAcceptedListener } from '../../feedback/report-accepted.hooks.js';
import { TasksService } from './tasks.service.js';

/**
 * Accepting a harmful_output or bias report creates its ranking task and the job that samples the
 * alternatives, in the triage decision's transaction: both exist exactly when the acceptance does.
 */
@Injectable()
export class ReportTasksListener implements ReportAcceptedListener, OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hooks: ReportAcceptedHooks,
    private readonly tasks: TasksService,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async onReportAccepted(manager: EntityManager, report: Report): Promise<void> {
    const { autoTasks, taskK: k, taskMaxTokens: maxTokens } = this.config.retrain;
    if (!autoTasks) return;
    await this.tasks.fromAcceptedReport(manager, report, { k, maxTokens, requiredRankings: 1 });
  }
}
