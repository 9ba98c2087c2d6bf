import { Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../auth/principal.js';
import { CreditsService } from '../../credits/credits.service.js';
import type { ChatMessage } from '../../ml/tokenizer/chat-template.js';
import { ModelService } from '../../model/model.service.js';
import { ModerationService, noticeFor } from '../../moderation/moderation.service.js';
import { StreamingModeration } from '../../moderation/streaming-moderation.js';
import type { Completion } from '../../model/providers/chat-provider.js';
import { DEFAULT_SAMPLING } from '../dto/sampling.dto.js';
import { UsageService } from '../usage.service.js';
import type { ChatCompletionRequestDto } from './chat-completion.dto.js';

export interface ChoiceResult {
  index: number;
  completion: Completion;
  /** Set when the content filter blocked the input or withheld this reply. */
  refusal: string | null;
}

type FinishReason = 'stop' | 'length' | 'content_filter';
const FINISH: Record<Completion['finishReason'], FinishReason> = { stop: 'stop', length: 'length', abort: 'stop' };

/** The OpenAI chat-completions surface over whichever provider serves chat. */
@Injectable()
export class OpenAiService {
  constructor(
    private readonly models: ModelService,
    private readonly usage: UsageService,
    private readonly moderation: ModerationService,
    private readonly credits: CreditsService,
  ) {}

  listModels() {
    const created = Math.floor(Date.now() / 1000);
    return { object: 'list', data: [{ id: this.models.provider.modelId, object: 'model', created, owned_by: 'rlhf-portal' }] };
  }

  /** Runs the `n` choices one after another, reporting deltas per choice. */
  async complete(
    principal: Principal,
    request: ChatCompletionRequestDto,
    onDelta: (index: number, text: string) => void,
    signal?: AbortSignal,
  ): Promise<ChoiceResult[]> {
    const provider = this.models.provider;
    if (request.model !== provider.modelId) {
      throw new NotFoundException({
        message: `The model '${request.model}' does not exist; this server serves '${provider.modelId}' (GET /v1/models)`,
        param: 'model',
        code: 'model_not_found',
      });
    }
    // A priced model needs credits (429 insufficient_quota without); a model without a price is free.
    await this.credits.assertCanSpend(principal.userId, provider.modelId);
    // OpenAI's "developer" role is its newer name for system instructions.
    const messages: ChatMessage[] = request.messages.map((m) => ({ role: m.role === 'developer' ? 'system' : m.role, content: m.content }));
    const sampling = {
      temperature: request.temperature ?? DEFAULT_SAMPLING.temperature,
      topP: request.top_p ?? DEFAULT_SAMPLING.topP,
      maxTokens: request.max_completion_tokens ?? request.max_tokens ?? DEFAULT_SAMPLING.maxTokens,
      stop: typeof request.stop === 'string' ? [request.stop] : request.stop,
    };
    const results: ChoiceResult[] = [];
    const inputVerdicts = await this.moderation.check(messages.filter((m) => m.role !== 'assistant').map((m) => m.content));
    const blockedInput = inputVerdicts.find((v) => v.action === 'block');
    if (blockedInput) {
      // The model never sees a blocked input: every choice reports the filter instead.
      const refusal = noticeFor(blockedInput, 'input');
      const empty: Completion = { text: '', finishReason: 'stop', promptTokens: 0, completionTokens: 0, droppedMessages: 0 };
      return Array.from({ length: request.n ?? 1 }, (_, index) => ({ index, completion: empty, refusal }));
    }
    for (let index = 0; index < (request.n ?? 1); index++) {
      // Each choice gets its own seed derived from the request's, so n samples differ yet repeat.
      const seed = request.seed === undefined ? undefined : (request.seed + index) >>> 0;
      const choiceAbort = new AbortController();
      signal?.addEventListener('abort', () => choiceAbort.abort(), { once: true });
      const filter = new StreamingModeration(
        (text) => this.moderation.checkOne(text),
        (text) => onDelta(index, text),
        () => choiceAbort.abort(),
      );
      const completion = await provider.complete(messages, { ...sampling, seed }, (text) => filter.push(text), choiceAbort.signal);
      const verdict = await filter.finish(completion.text);
      results.push({ index, completion, refusal: verdict.action === 'block' ? noticeFor(verdict, 'output') : null });
      if (signal?.aborted) break;
    }
    const usage = {
      userId: principal.userId,
      apiKeyId: principal.apiKeyId ?? null,
      model: provider.modelId,
      promptTokens: results[0]?.completion.promptTokens ?? 0,
      completionTokens: results.reduce((sum, r) => sum + r.completion.completionTokens, 0),
    };
    await this.usage.record({ ...usage, source: 'api' });
    await this.credits.chargeUsage({ ...usage, requestId: randomUUID() });
    return results;
  }

  usageOf(results: ChoiceResult[]) {
    const prompt = results[0]?.completion.promptTokens ?? 0;
    const completion = results.reduce((sum, r) => sum + r.completion.completionTokens, 0);
    return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  }

  response(id: string, created: number, results: ChoiceResult[]) {
    return {
      id,
      object: 'chat.completion',
      created,
      model: this.models.provider.modelId,
      system_fingerprint: null,
      choices: results.map((result) => ({
        index: result.index,
        message: { role: 'assistant', content: result.refusal ? null : result.completion.text, refusal: result.refusal },
        logprobs: null,
        finish_reason: this.finishOf(result),
      })),
      usage: this.usageOf(results),
    };
  }

  chunk(id: string, created: number, choice: Record<string, unknown> | null, usage?: ReturnType<OpenAiService['usageOf']>) {
    return {
      id,
      object: 'chat.completion.chunk',
      created,
      model: this.models.provider.modelId,
      system_fingerprint: null,
      choices: choice ? [choice] : [],
      ...(usage ? { usage } : {}),
    };
  }

  newId(): { id: string; created: number } {
    return { id: `chatcmpl-${randomUUID().replaceAll('-', '')}`, created: Math.floor(Date.now() / 1000) };
  }

  finishOf(result: ChoiceResult): FinishReason {
    return result.refusal ? 'content_filter' : FINISH[result.completion.finishReason];
  }
}
