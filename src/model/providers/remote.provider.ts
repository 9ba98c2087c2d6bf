import { BadGatewayException, HttpException } from '@nestjs/common';
import OpenAI from 'openai';
import type { ChatMessage, ChatProvider, ChatSampling, Completion } from './chat-provider.js';

/** Any OpenAI-compatible server (vLLM, llama.cpp server, Ollama, OpenAI) through the official client. */
export class RemoteProvider implements ChatProvider {
  readonly kind = 'openai-compatible';
  readonly modelVersionId = null;
  private readonly client: OpenAI;

  constructor(
    private readonly baseUrl: string,
    readonly modelId: string,
    apiKey: string | undefined,
  ) {
    // Ollama and llama.cpp need no key, but the client insists on one.
    this.client = new OpenAI({ baseURL: baseUrl, apiKey: apiKey ?? 'not-needed', maxRetries: 1, timeout: 120_000 });
  }

  async complete(messages: ChatMessage[], sampling: ChatSampling, onDelta: (text: string) => void, signal?: AbortSignal): Promise<Completion> {
    let text = '';
    let finishReason: Completion['finishReason'] = 'stop';
    let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.modelId,
          messages,
          temperature: sampling.temperature,
          top_p: sampling.topP,
          max_tokens: sampling.maxTokens,
          ...(sampling.stop?.length ? { stop: sampling.stop } : {}),
          ...(sampling.seed !== undefined ? { seed: sampling.seed } : {}),
          stream: true,
          stream_options: { include_usage: true },
        },
        { signal },
      );
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        const delta = choice?.delta?.content;
        if (delta) {
          text += delta;
          onDelta(delta);
        }
        if (choice?.finish_reason) finishReason = choice.finish_reason === 'length' ? 'length' : 'stop';
        if (chunk.usage) usage = chunk.usage;
      }
      // The client ends the stream quietly when aborted.
      if (signal?.aborted) finishReason = 'abort';
    } catch (error) {
      if (signal?.aborted) finishReason = 'abort';
      else throw this.upstreamError(error);
    }
    return {
      text,
      finishReason,
      promptTokens: usage?.prompt_tokens ?? 0,
      completionTokens: usage?.completion_tokens ?? 0,
      droppedMessages: 0,
    };
  }

  private upstreamError(error: unknown): HttpException {
    if (error instanceof OpenAI.APIConnectionError) {
      return new BadGatewayException(`could not reach the model server at ${this.baseUrl}`);
    }
    if (error instanceof OpenAI.APIError) {
      return new BadGatewayException(`the model server at ${this.baseUrl} answered ${error.status ?? 'an error'}: ${error.message}`);
    }
    return new BadGatewayException(`the model server at ${this.baseUrl} failed: ${(error as Error).message}`);
  }

  describe() {
    return { provider: this.kind, model: this.modelId, baseUrl: this.baseUrl };
  }

  async close(): Promise<void> {}
}
