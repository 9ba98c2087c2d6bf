import { Module } from '@nestjs/common';
import { CreditsModule } from '../credits/credits.module.js';
import { ModelModule } from '../model/model.module.js';
import { ModerationModule } from '../moderation/moderation.module.js';
import { ChatService } from './chat.service.js';
import { ConversationsController } from './conversations.controller.js';
import { ConversationsService } from './conversations.service.js';
import { Generations } from './generations.js';
import { OpenAiController } from './openai/openai.controller.js';
import { OpenAiService } from './openai/openai.service.js';
import { UsageService } from './usage.service.js';

@Module({
  imports: [ModelModule, ModerationModule, CreditsModule],
  controllers: [ConversationsController, OpenAiController],
  providers: [ConversationsService, ChatService, Generations, UsageService, OpenAiService],
  exports: [ConversationsService, ChatService],
})
export class ChatModule {}
