import { useCallback, useLayoutEffect, useRef } from 'react';
import type { Message } from './api';
import { MessageItem } from './MessageItem';
import { siblingsOf, type Tree } from './tree';
import type { Generation } from './useChat';

interface Props {
  path: Message[];
  tree: Tree<Message>;
  generation: Generation | null;
  onSelect: (message: Message) => void;
  onRegenerate: (message: Message) => void;
}

/** The branch on screen, kept scrolled to the newest text while the reader is at the bottom. */
export function MessageThread({ path, tree, generation, onSelect, onRegenerate }: Props) {
  const pending = generation?.phase === 'starting' && generation.pendingText ? generation.pendingText : null;
  const streamingId = generation?.assistantId;
  return (
    <ol className="thread" aria-label="Messages">
      {path.map((m) => (
        <MessageItem
          key={m.id}
          message={m}
          siblings={siblingsOf(tree, m)}
          streaming={m.id === streamingId}
          canRegenerate={!generation}
          onSelect={onSelect}
          onRegenerate={onRegenerate}
        />
      ))}
      {pending && (
        <li className="msg msg--user msg--pending">
          <span className="visually-hidden">Sending:</span>
          <div className="msg__bubble">
            <p className="msg__text">{pending}</p>
          </div>
        </li>
      )}
    </ol>
  );
}

/** Keeps a scroll container at the bottom as content grows, unless the reader scrolled up. */
export function useStickToBottom(contentKey: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  const onScroll = useCallback(() => {
    const el = ref.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 80;
  }, []);
  useLayoutEffect(() => {
    const el = ref.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [contentKey]);
  const pin = useCallback(() => {
    pinned.current = true;
  }, []);
  return { scrollRef: ref, onScroll, pin };
}
