import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ModelService } from '../model/model.service.js';
import { ModerationService } from '../moderation/moderation.service.js';
import { StreamingModeration } from '../moderation/streaming-moderation.js';
import { storable } from '../common/storable.js';
import { ConversationsService } from './conversations.service.js';
import { DEFAULT_SAMPLING, SamplingDto } from './dto/sampling.dto.js';
import { Generations } from './generations.js';
import { Message } from './message.entity.js';
import { pathTo, toPrompt } from './message-tree.js';
import { UsageService } from './usage.service.js';

/**
 * Receives a reply as it is produced; `begin` is called once the request is known to be valid, with no
 * assistant message when the filter blocked the user's message.
 */
export interface ReplySink {
  begin(userMessage: Message | null, assistant: Message | null): void;
  delta(text: string): void;
}

export interface ReplyOutcome {
  userMessage: Message | null;
  assistantMessage: Message | null;
}

@Injectable()
export class ChatService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly models: ModelService,
    private readonly generations: Generations,
    private readonly usage: UsageService,
    private readonly moderation: ModerationService,
  ) {}

  /** Adds a user message (under parentId, default the newest message) and answers it. */
  async send(
    principal: Principal,
    conversationId: string,
    input: { content: string; parentId?: string; sampling?: SamplingDto },
    sink: ReplySink,
    disconnect?: AbortSignal,
  ): Promise<ReplyOutcome> {
    await this.conversations.get(principal.userId, conversationId);
    const messages = await this.conversations.messages(conversationId);
    const parentId = input.parentId ?? messages.at(-1)?.id ?? null;
    if (parentId && !messages.some((m) => m.id === parentId)) throw new BadRequestException('parentId is not a message of this conversation');
    const verdict = await this.moderation.checkOne(storable(input.content));
    const userMessage = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(Message, {
          conversationId,
          parentId,
          role: 'user',
          content: storable(input.content),
          status: verdict.action === 'block' ? 'blocked' : 'complete',
          moderationAction: verdict.action,
          moderationCategories: verdict.categories,
        }),
      );
      await this.moderation.record(manager, saved.id, 'input', verdict);
      return saved;
    });
    if (verdict.action === 'block') {
      // The model never sees a blocked message.
      sink.begin(userMessage, null);
      await this.conversations.touch(conversationId);
      return { userMessage, assistantMessage: null };
    }
    return this.reply(principal, conversationId, [...messages, userMessage], userMessage, input.sampling, sink, disconnect);
  }

  /** A new reply to the same user message: a sibling of the one regenerated. */
  async regenerate(
    principal: Principal,
    conversationId: string,
    messageId: string,
    sampling: SamplingDto | undefined,
    sink: ReplySink,
    disconnect?: AbortSignal,
  ): Promise<ReplyOutcome> {
    await this.conversations.get(principal.userId, conversationId);
    const messages = await this.conversations.messages(conversationId);
    const target = messages.find((m) => m.id === messageId);
    if (!target) throw new NotFoundException('Message not found');
    const question = target.role === 'assistant' ? messages.find((m) => m.id === target.parentId) : target;
    if (!question || question.role !== 'user') throw new BadRequestException('Only a reply to a user message can be regenerated');
    if (question.status === 'blocked') throw new BadRequestException('The content filter blocked this message, so it has no reply to regenerate');
    const outcome = await this.reply(principal, conversationId, messages, question, sampling, sink, disconnect);
    return { ...outcome, userMessage: null };
  }

  stop(principal: Principal, messageId: string): boolean {
    return this.generations.stop(messageId, principal.userId);
  }

  private async reply(
    principal: Principal,
    conversationId: string,
    messages: Message[],
    question: Message,
    samplingInput: SamplingDto | undefined,
    sink: ReplySink,
    disconnect?: AbortSignal,
  ): Promise<ReplyOutcome> {
    const provider = this.models.provider;
    const sampling = { ...DEFAULT_SAMPLING, ...samplingInput };
    const manager = this.dataSource.manager;
    const assistant = await manager.save(
      manager.create(Message, {
        conversationId,
        parentId: question.id,
        role: 'assistant',
        content: '',
        status: 'streaming',
        modelVersionId: provider.modelVersionId,
        modelName: provider.modelId,
        sampling: { ...sampling },
      }),
    );
    sink.begin(question.role === 'user' ? question : null, assistant);
    const controller = this.generations.start(assistant.id, principal.userId);
    disconnect?.addEventListener('abort', () => controller.abort(), { once: true });
    const started = Date.now();
    const filter = new StreamingModeration(
      (text) => this.moderation.checkOne(text),
      (text) => sink.delta(text),
      () => controller.abort(),
    );
    try {
      const completion = await provider.complete(toPrompt(pathTo(messages, question.id)), sampling, (t) => filter.push(t), controller.signal);
      const verdict = await filter.finish(completion.text);
      await this.moderation.record(manager, assistant.id, 'output', verdict);
      const stopped = completion.finishReason === 'abort' && !filter.blocked;
      Object.assign(assistant, {
        content: storable(completion.text),
        status: verdict.action === 'block' ? 'withheld' : stopped ? 'stopped' : 'complete',
        moderationAction: verdict.action,
        moderationCategories: verdict.categories,
        finishReason: verdict.action === 'block' ? 'content_filter' : completion.finishReason,
        promptTokens: completion.promptTokens,
        completionTokens: completion.completionTokens,
        droppedMessages: completion.droppedMessages,
        latencyMs: Date.now() - started,
        sampling: { ...sampling, ...(completion.seed !== undefined ? { seed: completion.seed } : {}) },
      });
      await manager.save(assistant);
      await this.usage.record({
        userId: principal.userId,
        apiKeyId: principal.apiKeyId ?? null,
        model: provider.modelId,
        source: 'chat',
        promptTokens: completion.promptTokens,
        completionTokens: completion.completionTokens,
      });
      await this.conversations.touch(conversationId);
      return { userMessage: question, assistantMessage: assistant };
    } catch (error) {
      await manager.update(Message, { id: assistant.id }, { status: 'failed', latencyMs: Date.now() - started });
      throw error;
    } finally {
      this.generations.finish(assistant.id);
    }
  }
}
