import { Module } from '@nestjs/common';
import { ModelModule } from '../model/model.module.js';
import { RunsModule } from '../retrain/runs/runs.module.js';
import { ModerationPolicyService } from './moderation-policy.service.js';
import { ModerationController, OpenAiModerationController } from './moderation.controller.js';
import { ModerationTrainingExecutor } from './moderation-training.executor.js';
import { ModerationService } from './moderation.service.js';

@Module({
  imports: [ModelModule, RunsModule],
  controllers: [ModerationController, OpenAiModerationController],
  providers: [ModerationService, ModerationPolicyService, ModerationTrainingExecutor],
  exports: [ModerationService],
})
export class ModerationModule {}
