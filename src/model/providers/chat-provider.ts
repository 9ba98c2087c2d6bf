import type { ChatReply, ChatSampling } from '../../ml/serving/chat-policy.js';
import type { ChatMessage } from '../../ml/tokenizer/chat-template.js';

export type { ChatMessage, ChatSampling };
export type Completion = Omit<ChatReply, 'seed'> & { seed?: number };

/** Where replies come from: the embedded tfjs policy, or a remote OpenAI-compatible server. */
export interface ChatProvider {
  readonly kind: 'embedded' | 'openai-compatible';
  /** The `model` id clients send and see. */
  readonly modelId: string;
  /** The model_versions row behind it (embedded only). */
  readonly modelVersionId: string | null;
  complete(messages: ChatMessage[], sampling: ChatSampling, onDelta: (text: string) => void, signal?: AbortSignal): Promise<Completion>;
  describe(): Record<string, unknown>;
  close(): Promise<void>;
}
