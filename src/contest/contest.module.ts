import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { CreditsModule } from '../credits/credits.module.js';
import { FeedbackModule } from '../feedback/feedback.module.js';
import { AggregationService } from './aggregation.service.js';
import { AwardsService } from './awards.service.js';
import { Clock } from './clock.js';
import {
  ContestAdminController,
  ContestsController,
  RubricTemplatesController,
} from './contests.controller.js';
import { ContestsService } from './contests.service.js';
import { EntriesController } from './entries.controller.js';
import { EntriesService } from './entries.service.js';
import { JudgingAdminController } from './judging-admin.controller.js';
import { JudgingController } from './judging.controller.js';
import { JudgingService } from './judging.service.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/** Feedback contests and bias bounties: rules, entries, blind judging, aggregation, awards; in-app notices. */
@Module({
  imports: [AuthModule, FeedbackModule, CreditsModule],
  controllers: [
    ContestsController,
    ContestAdminController,
    RubricTemplatesController,
    EntriesController,
    JudgingController,
    JudgingAdminController,
    NotificationsController,
  ],
  providers: [
    Clock,
    ContestsService,
    EntriesService,
    JudgingService,
    AggregationService,
    AwardsService,
    NotificationsService,
  ],
  exports: [NotificationsService],
})
export class ContestModule {}
