import type { EntityManager } from 'typeorm';
import { Conversation } from '../chat/conversation.entity.js';
import { Message } from '../chat/message.entity.js';
import { Batcher } from '../common/batcher.js';
import { hydrate } from '../database/hydrate.js';
import { preparedQuery } from '../database/prepared-query.js';
import { ModerationDecision } from '../moderation/moderation.entities.js';

/** What a report about one message freezes: the message, its conversation and thread, the filter's last decision. */
export interface ReportContext {
  message: Message;
  conversation: Conversation;
  thread: Message[];
  decision: ModerationDecision | null;
}

// One round trip for a batch: each distinct message with its conversation, its whole thread and the
// filter's latest decision, as JSON rows of their tables. The ids come as a JSON array: with `= ANY($1::uuid[])`
// PostgreSQL saw how many there were and planned the prepared statement afresh on every call.
const CONTEXTS = `
SELECT to_jsonb(m) AS message, to_jsonb(c) AS conversation,
  (SELECT jsonb_agg(to_jsonb(t) ORDER BY t.created_at) FROM messages t WHERE t.conversation_id = m.conversation_id) AS thread,
  (SELECT to_jsonb(d) FROM moderation_decisions d WHERE d.message_id = m.id ORDER BY d.created_at DESC LIMIT 1) AS decision
FROM messages m JOIN conversations c ON c.id = m.conversation_id
WHERE m.id IN (SELECT id::uuid FROM jsonb_array_elements_text($1::jsonb) AS wanted(id))`;

type ContextRow = {
  message: Record<string, unknown>;
  conversation: Record<string, unknown>;
  thread: Record<string, unknown>[];
  decision: Record<string, unknown> | null;
};

/** Loads the context of many reported messages in one query; a message that does not exist gets null. */
async function loadContexts(manager: EntityManager, messageIds: string[]): Promise<(ReportContext | null)[]> {
  const rows = await preparedQuery<ContextRow>(manager.connection, 'report-contexts', CONTEXTS, [
    JSON.stringify([...new Set(messageIds)]),
  ]);
  const byMessage = new Map(
    rows.map((row): [string, ReportContext] => {
      const message = hydrate(manager, Message, row.message);
      return [
        message.id,
        {
          message,
          conversation: hydrate(manager, Conversation, row.conversation),
          thread: row.thread.map((m) => hydrate(manager, Message, m)),
          decision: row.decision && hydrate(manager, ModerationDecision, row.decision),
        },
      ];
    }),
  );
  // PostgreSQL writes UUIDs in lower case; a request may not.
  return messageIds.map((id) => byMessage.get(id.toLowerCase()) ?? null);
}

/**
 * Report submissions arriving together load their messages' contexts together. Callers share the
 * returned objects: read them, do not change them.
 */
export function reportContextLoader(manager: EntityManager): Batcher<string, ReportContext | null> {
  return new Batcher((messageIds) => loadContexts(manager, messageIds));
}
