import { loadCheckpoint } from '../checkpoint/checkpoint.js';
import { generate } from '../model/generate.js';
import { disposeParams, type GptModel } from '../model/gpt.js';
import { chatFormatFor, PLAIN_STOP_TEXTS, renderChat, truncateToContext, type ChatFormat, type ChatMessage } from '../tokenizer/chat-template.js';
import { loadTokenizer } from '../tokenizer/load.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';
import { StopSequenceFilter } from './stop-sequences.js';

export interface ChatSampling {
  maxTokens: number;
  temperature: number;
  topP: number;
  topK?: number;
  stop?: string[];
  seed?: number;
}

export interface ChatReply {
  text: string;
  finishReason: 'stop' | 'length' | 'abort';
  promptTokens: number;
  completionTokens: number;
  /** Oldest messages left out so the prompt fits the context. */
  droppedMessages: number;
  seed: number;
}

export class PromptTooLongError extends Error {}

/** A checkpoint and its tokenizer, able to answer a chat. Runs wherever tfjs runs (the inference worker). */
export class ChatPolicy {
  private constructor(
    readonly model: GptModel,
    readonly tokenizer: Tokenizer,
    private readonly format: ChatFormat,
  ) {}

  static async load(dir: string): Promise<ChatPolicy> {
    const { cfg, params } = await loadCheckpoint(dir, { trainable: false });
    const tokenizer = await loadTokenizer(dir);
    return new ChatPolicy({ cfg, params }, tokenizer, chatFormatFor(tokenizer, cfg.vocabSize));
  }

  get contextLength(): number {
    return this.model.cfg.contextLength;
  }

  countTokens(messages: ChatMessage[]): number {
    return renderChat(this.tokenizer, messages, { format: this.format, addGenerationPrompt: true }).ids.length;
  }

  async reply(
    messages: ChatMessage[],
    sampling: ChatSampling,
    onDelta: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<ChatReply> {
    // Leave room for at least a short reply; the rest of the budget is the prompt's.
    const replyBudget = Math.min(sampling.maxTokens, Math.floor(this.contextLength / 2));
    const fitted = truncateToContext(messages, this.tokenizer, this.contextLength - replyBudget, { format: this.format });
    if (!fitted.fits) {
      throw new PromptTooLongError(
        `the last message and system prompt need ${fitted.tokens} tokens; this model's context is ${this.contextLength}`,
      );
    }
    const prompt = renderChat(this.tokenizer, fitted.messages, { format: this.format, addGenerationPrompt: true }).ids;
    const stops = [...(sampling.stop ?? []), ...(this.format === 'plain' ? PLAIN_STOP_TEXTS : [])];
    const filter = new StopSequenceFilter(stops);
    const decoder = this.tokenizer.createStreamDecoder();
    // Plain-format replies start with the space after "Assistant:".
    let leading = this.format === 'plain';
    const emit = (delta: string) => {
      if (leading && delta) {
        delta = delta.replace(/^ /, '');
        leading = false;
      }
      if (delta) onDelta(delta);
    };
    let stoppedByText = false;
    const result = await generate(this.model, prompt, {
      maxTokens: sampling.maxTokens,
      temperature: sampling.temperature,
      topP: sampling.topP,
      topK: sampling.topK,
      seed: sampling.seed,
      stopIds: [this.tokenizer.special.end],
      signal,
      onToken: (id) => {
        const { delta, stopped } = filter.push(decoder.push(id));
        emit(delta);
        stoppedByText = stopped;
        return stopped;
      },
    });
    if (!stoppedByText) emit(filter.push(decoder.flush()).delta + filter.flush());
    const text = this.format === 'plain' ? filter.fullText.replace(/^ /, '') : filter.fullText;
    return {
      text,
      finishReason: result.finishReason,
      promptTokens: prompt.length,
      completionTokens: result.ids.length,
      droppedMessages: fitted.dropped,
      seed: result.seed,
    };
  }

  dispose(): void {
    disposeParams(this.model.params);
  }
}
