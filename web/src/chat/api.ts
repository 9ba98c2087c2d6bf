import { api, query, type Page } from '../lib/api';

export interface Conversation {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

/** `interrupted` is the web app's own: the stream broke before the reply was finished. */
export type MessageStatus = 'complete' | 'streaming' | 'stopped' | 'failed' | 'interrupted' | 'blocked' | 'withheld';

export interface Message {
  id: string;
  conversationId: string;
  /** A tree: regenerated replies are siblings under the same parent. */
  parentId: string | null;
  role: 'system' | 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  modelVersionId: string | null;
  modelName: string | null;
  sampling: Record<string, unknown> | null;
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
  finishReason: string | null;
  droppedMessages: number;
  /** The content filter's verdict, with a notice to show when it warned or blocked. */
  moderation: { action: 'allow' | 'warn' | 'block'; categories: string[]; notice: string | null } | null;
  createdAt: string;
}

export interface ConversationDetail extends Conversation {
  messages: Message[];
}

export interface Sampling {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  seed?: number;
}

/**
 * What the `message` and `done` events carry: userMessage is null for a regeneration; assistantMessage is
 * null when the content filter blocked the user's message (it never reached the model).
 */
export interface ReplyMessages {
  userMessage: Message | null;
  assistantMessage: Message | null;
}

export const conversationsApi = {
  list: (cursor?: string | null, signal?: AbortSignal) =>
    api.get<Page<Conversation>>(`/conversations${query({ limit: 30, cursor })}`, signal),
  get: (id: string, signal?: AbortSignal) =>
    api.get<ConversationDetail>(`/conversations/${encodeURIComponent(id)}`, signal),
  create: (input: { title?: string; systemPrompt?: string }) =>
    api.post<Conversation>('/conversations', input),
  rename: (id: string, title: string) =>
    api.patch<Conversation>(`/conversations/${encodeURIComponent(id)}`, { title }),
  remove: (id: string) => api.delete(`/conversations/${encodeURIComponent(id)}`),
  stop: (conversationId: string, messageId: string) =>
    api.post<{ stopped: boolean }>(
      `/conversations/${encodeURIComponent(conversationId)}/messages/${encodeURIComponent(messageId)}/stop`,
    ),
};

export const messagesPath = (conversationId: string) =>
  `/conversations/${encodeURIComponent(conversationId)}/messages`;
export const regeneratePath = (conversationId: string, messageId: string) =>
  `${messagesPath(conversationId)}/${encodeURIComponent(messageId)}/regenerate`;

/** A title from the first message: its first line, shortened. */
export function titleFrom(content: string): string {
  const line = content.trim().split('\n')[0].replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57).trimEnd()}…` : line || 'New chat';
}
