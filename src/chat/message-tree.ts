import type { ChatMessage } from '../ml/tokenizer/chat-template.js';
import type { Message } from './message.entity.js';

/** The messages from the root down to `leafId`, in order. */
export function pathTo(messages: Message[], leafId: string | null): Message[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const path: Message[] = [];
  for (let node = leafId ? byId.get(leafId) : undefined; node; node = node.parentId ? byId.get(node.parentId) : undefined) {
    path.push(node);
  }
  return path.reverse();
}

/** What the model sees: each turn's text, leaving out empty (failed) replies and what the filter blocked. */
export function toPrompt(path: Message[]): ChatMessage[] {
  return path
    .filter((m) => m.content.length > 0 && m.status !== 'blocked' && m.status !== 'withheld')
    .map((m) => ({ role: m.role, content: m.content }));
}
