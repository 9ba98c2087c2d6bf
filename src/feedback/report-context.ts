import { type EntityManager, In } from 'typeorm';
import { Conversation } from '../chat/conversation.entity.js';
import { Message } from '../chat/message.entity.js';
import { Batcher } from '../common/batcher.js';
import { hydrate } from '../database/hydrate.js';
import { ModerationDecision } from '../moderation/moderation.entities.js';

/** What a report about one message freezes: the message, its conversation and thread, the filter's last decision. */
export interface ReportContext {
  message: Message;
  conversation: Conversation;
  thread: Message[];
  decision: ModerationDecision | null;
}

const LATEST_DECISIONS = `
SELECT DISTINCT ON (message_id) * FROM moderation_decisions
WHERE message_id = ANY($1::uuid[])
ORDER BY message_id, created_at DESC`;

/** Loads the context of many reported messages in four queries; a message that does not exist gets null. */
async function loadContexts(manager: EntityManager, messageIds: string[]): Promise<(ReportContext | null)[]> {
  const ids = [...new Set(messageIds)];
  const messages = await manager.findBy(Message, { id: In(ids) });
  const conversationIds = [...new Set(messages.map((m) => m.conversationId))];
  const [conversations, threads, decisions] = conversationIds.length
    ? await Promise.all([
        manager.findBy(Conversation, { id: In(conversationIds) }),
        manager.find(Message, { where: { conversationId: In(conversationIds) }, order: { createdAt: 'ASC' } }),
        manager.query(LATEST_DECISIONS, [ids]) as Promise<Record<string, unknown>[]>,
      ])
    : [[], [], []];
  const messageById = new Map(messages.map((m) => [m.id, m]));
  const conversationById = new Map(conversations.map((c) => [c.id, c]));
  const decisionByMessage = new Map(
    decisions.map((row) => hydrate(manager, ModerationDecision, row)).map((d) => [d.messageId, d]),
  );
  const threadOf = new Map<string, Message[]>();
  for (const m of threads) {
    const thread = threadOf.get(m.conversationId);
    if (thread) thread.push(m);
    else threadOf.set(m.conversationId, [m]);
  }
  return messageIds.map((id) => {
    const message = messageById.get(id);
    const conversation = message && conversationById.get(message.conversationId);
    if (!message || !conversation) return null;
    return { message, conversation, thread: threadOf.get(conversation.id) ?? [], decision: decisionByMessage.get(id) ?? null };
  });
}

/**
 * Report submissions arriving together load their messages' contexts together. Callers share the
 * returned objects: read them, do not change them.
 */
export function reportContextLoader(manager: EntityManager): Batcher<string, ReportContext | null> {
  return new Batcher((messageIds) => loadContexts(manager, messageIds));
}
