import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ModelService } from '../model/model.service.js';
import { ConversationsService } from './conversations.service.js';
import { DEFAULT_SAMPLING, SamplingDto } from './dto/sampling.dto.js';
import { Generations } from './generations.js';
import { Message } from './message.entity.js';
import { pathTo, toPrompt } from './message-tree.js';
import { UsageService } from './usage.service.js';

/** Receives a reply as it is produced; `begin` is called once the request is known to be valid. */
export interface ReplySink {
  begin(userMessage: Message | null, assistant: Message): void;
  delta(text: string): void;
}

export interface ReplyOutcome {
  userMessage: Message | null;
  assistantMessage: Message;
}

@Injectable()
export class ChatService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly models: ModelService,
    private readonly generations: Generations,
    private readonly usage: UsageService,
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
    const userMessage = await this.dataSource.manager.save(
      this.dataSource.manager.create(Message, { conversationId, parentId, role: 'user', content: input.content }),
    );
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
    try {
      const completion = await provider.complete(toPrompt(pathTo(messages, question.id)), sampling, (t) => sink.delta(t), controller.signal);
      Object.assign(assistant, {
        content: completion.text,
        status: completion.finishReason === 'abort' ? 'stopped' : 'complete',
        finishReason: completion.finishReason,
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
