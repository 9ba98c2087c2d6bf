import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Conversation } from './conversation.entity.js';
import { Message } from './message.entity.js';

const conversationNotFound = () => new NotFoundException('Conversation not found');
/** A message that is missing and one in someone else's conversation get this same answer: nothing leaks. */
export const messageNotFound = () => new NotFoundException('Message not found');

@Injectable()
export class ConversationsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  create(userId: string, title: string | undefined, systemPrompt: string | undefined): Promise<Conversation> {
    return this.dataSource.transaction(async (manager) => {
      const conversation = await manager.save(manager.create(Conversation, { userId, title: title ?? 'New chat' }));
      if (systemPrompt) {
        await manager.save(manager.create(Message, { conversationId: conversation.id, parentId: null, role: 'system', content: systemPrompt }));
      }
      return conversation;
    });
  }

  list(userId: string, limit: number, offset: number): Promise<[Conversation[], number]> {
    return this.dataSource.manager.findAndCount(Conversation, {
      where: { userId },
      order: { updatedAt: 'DESC', id: 'ASC' },
      take: limit,
      skip: offset,
    });
  }

  /** Only the owner sees a conversation; anyone else gets the same 404 as for a missing one. */
  async get(userId: string, id: string): Promise<Conversation> {
    const conversation = await this.dataSource.manager.findOneBy(Conversation, { id, userId });
    if (!conversation) throw conversationNotFound();
    return conversation;
  }

  /** A message in one of the user's conversations; anyone else gets the same 404 as for a missing one. */
  async visibleMessage(userId: string, messageId: string): Promise<{ message: Message; conversation: Conversation }> {
    const message = await this.dataSource.manager.findOneBy(Message, { id: messageId });
    const conversation = message && (await this.dataSource.manager.findOneBy(Conversation, { id: message.conversationId, userId }));
    if (!message || !conversation) throw messageNotFound();
    return { message, conversation };
  }

  messages(conversationId: string): Promise<Message[]> {
    return this.dataSource.manager.find(Message, { where: { conversationId }, order: { createdAt: 'ASC' } });
  }

  async rename(userId: string, id: string, title: string): Promise<Conversation> {
    const conversation = await this.get(userId, id);
    conversation.title = title;
    return this.dataSource.manager.save(conversation);
  }

  async delete(userId: string, id: string): Promise<void> {
    const { affected } = await this.dataSource.manager.delete(Conversation, { id, userId });
    if (!affected) throw conversationNotFound();
  }

  async touch(id: string): Promise<void> {
    await this.dataSource.manager.update(Conversation, { id }, { updatedAt: new Date() });
  }
}
