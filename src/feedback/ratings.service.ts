import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConversationsService } from '../chat/conversations.service.js';
import type { RateMessageDto } from './dto/feedback.dto.js';
import { Message } from '../chat/message.entity.js';
import { Rating } from './feedback.entities.js';

@Injectable()
export class RatingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
  ) {}

  /** One rating per user per message: rating again changes it. */
  async rate(userId: string, messageId: string, input: RateMessageDto): Promise<Rating> {
    const { message } = await this.conversations.visibleMessage(userId, messageId);
    if (message.role !== 'assistant') throw new BadRequestException('Only assistant messages can be rated');
    await this.dataSource.manager.upsert(
      Rating,
      { userId, messageId, value: input.value, reasons: input.reasons ?? [], comment: input.comment ?? null },
      { conflictPaths: ['userId', 'messageId'] },
    );
    return this.dataSource.manager.findOneByOrFail(Rating, { userId, messageId });
  }

  async mine(userId: string, messageId: string): Promise<Rating | null> {
    await this.conversations.visibleMessage(userId, messageId);
    return this.dataSource.manager.findOneBy(Rating, { userId, messageId });
  }

  /** The user's ratings of the replies in one of their conversations (one request for a whole chat). */
  async mineInConversation(userId: string, conversationId: string): Promise<Rating[]> {
    await this.conversations.get(userId, conversationId);
    return this.dataSource.manager
      .createQueryBuilder(Rating, 'r')
      .innerJoin(Message, 'm', 'm.id = r.message_id')
      .where('r.user_id = :userId AND m.conversation_id = :conversationId', { userId, conversationId })
      .getMany();
  }
}
