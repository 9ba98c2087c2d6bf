import type { Conversation } from '../conversation.entity.js';
import type { Message } from '../message.entity.js';

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
    content: message.content,
    status: message.status,
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
