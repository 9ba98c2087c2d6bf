import { Module } from '@nestjs/common';
import { ModelModule } from '../model/model.module.js';
import { ModerationPolicyService } from './moderation-policy.service.js';
import { ModerationController, OpenAiModerationController } from './moderation.controller.js';
import { ModerationService } from './moderation.service.js';

@Module({
  imports: [ModelModule],
  controllers: [ModerationController, OpenAiModerationController],
  providers: [ModerationService, ModerationPolicyService],
  exports: [ModerationService],
})
export class ModerationModule {}
