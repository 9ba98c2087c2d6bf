import { pathTo } from '../chat/message-tree.js';
import type { ReportSnapshot } from './feedback.entities.js';
import type { ReportContext } from './report-context.js';

/** What the reporter saw, less when: the thread up to the message, the model, and the filter's decision. */
function buildSnapshot({
  conversation,
  thread,
  message,
  decision,
}: ReportContext): Omit<ReportSnapshot, 'takenAt'> {
  return {
    conversation: { id: conversation.id, title: conversation.title },
    messages: pathTo(thread, message.id).map((m) => ({
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
  };
}

/** A loaded context's snapshot without its time, with its JSON: what every report on that message freezes. */
export interface FrozenContext {
  snapshot: Omit<ReportSnapshot, 'takenAt'>;
  json: string;
}

const frozenContexts = new WeakMap<ReportContext, FrozenContext>();

/**
 * The snapshot of `context` less `takenAt`, built and serialised once per loaded context: a burst of reports
 * on one message (a bad reply shared widely) shares a batch's context, and its snapshot is most of a report.
 */
export function frozenContext(context: ReportContext): FrozenContext {
  let frozen = frozenContexts.get(context);
  if (!frozen) {
    const snapshot = buildSnapshot(context);
    frozen = { snapshot, json: JSON.stringify(snapshot) };
    frozenContexts.set(context, frozen);
  }
  return frozen;
}
