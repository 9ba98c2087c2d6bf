import type { Conversation } from '../chat/conversation.entity.js';
import type { Message } from '../chat/message.entity.js';
import { pathTo } from '../chat/message-tree.js';
import type { ModerationDecision } from '../moderation/moderation.entities.js';
import type { ReportSnapshot } from './feedback.entities.js';

/** Freezes what the reporter saw: the thread up to the message, the model, and the filter's decision. */
export function buildSnapshot(
  conversation: Conversation,
  messages: Message[],
  message: Message,
  decision: ModerationDecision | null,
): ReportSnapshot {
  return {
    conversation: { id: conversation.id, title: conversation.title },
    messages: pathTo(messages, message.id).map((m) => ({
      id: m.id,
      role: m.role,
      content: m.content,
      status: m.status,
      createdAt: m.createdAt.toISOString(),
    })),
    message: {
      id: message.id,
      role: message.role,
      content: message.content,
      status: message.status,
      modelName: message.modelName,
      modelVersionId: message.modelVersionId,
    },
    moderation: decision && {
      provider: decision.provider,
      modelVersion: decision.modelVersion,
      action: decision.action,
      categories: decision.categories,
      scores: decision.scores,
      thresholds: decision.thresholds,
    },
    takenAt: new Date().toISOString(),
  };
}
