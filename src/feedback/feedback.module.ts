import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { FeedbackController } from './feedback.controller.js';
import { RatingsService } from './ratings.service.js';
import { ReportAcceptedHooks } from './report-accepted.hooks.js';
import { ReportsService } from './reports.service.js';
import { TriageController } from './triage.controller.js';
import { TriageService } from './triage.service.js';
import { UnansweredReportsScheduler } from './unanswered-reports.scheduler.js';

@Module({
  imports: [ChatModule, ModerationModule],
  controllers: [FeedbackController, TriageController],
  providers: [RatingsService, ReportsService, TriageService, UnansweredReportsScheduler, ReportAcceptedHooks],
  exports: [ReportsService, ReportAcceptedHooks],
})
export class FeedbackModule {}
