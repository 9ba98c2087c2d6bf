import type { Conversation } from '../conversation.entity.js';
import type { ModerationCategory } from '../../ml/classifier/categories.js';
import { noticeFor } from '../../moderation/moderation.service.js';
import type { Message } from '../message.entity.js';

function moderationView(message: Message) {
  if (!message.moderationAction) return null;
  const result = { action: message.moderationAction, categories: (message.moderationCategories ?? []) as ModerationCategory[] };
  return { ...result, notice: noticeFor(result, message.role === 'assistant' ? 'output' : 'input') };
}

export function conversationView(conversation: Conversation) {
  return {
    id: conversation.id,
    title: conversation.title,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
  };
}

export function messageView(message: Message) {
  return {
    id: message.id,
    conversationId: message.conversationId,
    parentId: message.parentId,
    role: message.role,
    // A withheld reply is kept for reviewers and retraining, never shown.
    content: message.status === 'withheld' ? '' : message.content,
    status: message.status,
    moderation: moderationView(message),
    modelVersionId: message.modelVersionId,
    modelName: message.modelName,
    sampling: message.sampling,
    promptTokens: message.promptTokens,
    completionTokens: message.completionTokens,
    latencyMs: message.latencyMs,
    finishReason: message.finishReason,
    droppedMessages: message.droppedMessages,
    createdAt: message.createdAt.toISOString(),
  };
}
