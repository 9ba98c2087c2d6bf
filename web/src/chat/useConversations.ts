import { useCallback, useEffect, useState } from 'react';
import { errorMessage, isAbort } from '../lib/api';
import { conversationsApi, type Conversation } from './api';

interface ListState {
  items: Conversation[];
  nextCursor: string | null;
  status: 'loading' | 'ok' | 'error';
  error?: string;
  loadingMore: boolean;
}

/** The person's conversations, newest activity first, a page at a time. */
export function useConversations() {
  const [state, setState] = useState<ListState>({
    items: [],
    nextCursor: null,
    status: 'loading',
    loadingMore: false,
  });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    conversationsApi.list(null, abort.signal).then(
      (page) => setState({ items: page.data, nextCursor: page.nextCursor, status: 'ok', loadingMore: false }),
      (error: unknown) =>
        !isAbort(error) &&
        setState((s) => ({ ...s, status: 'error', error: errorMessage(error), loadingMore: false })),
    );
    return () => abort.abort();
  }, [version]);

  const loadMore = useCallback(async () => {
    if (!state.nextCursor || state.loadingMore) return;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await conversationsApi.list(state.nextCursor);
      setState((s) => {
        const known = new Set(s.items.map((c) => c.id));
        return {
          ...s,
          items: [...s.items, ...page.data.filter((c) => !known.has(c.id))],
          nextCursor: page.nextCursor,
          loadingMore: false,
        };
      });
    } catch (error) {
      setState((s) => ({ ...s, loadingMore: false, error: errorMessage(error) }));
    }
  }, [state.nextCursor, state.loadingMore]);

  return {
    ...state,
    reload: useCallback(() => {
      setState((s) => ({ ...s, status: 'loading' }));
      setVersion((v) => v + 1);
    }, []),
    loadMore,
    /** Puts a conversation at the top (new, or with new activity). */
    touch: useCallback((conversation: Partial<Conversation> & { id: string }) => {
      setState((s) => {
        const existing = s.items.find((c) => c.id === conversation.id);
        if (!existing && !conversation.title) return s;
        const updated = { ...existing, ...conversation, updatedAt: new Date().toISOString() } as Conversation;
        return { ...s, items: [updated, ...s.items.filter((c) => c.id !== conversation.id)] };
      });
    }, []),
    replace: useCallback((conversation: Conversation) => {
      setState((s) => ({ ...s, items: s.items.map((c) => (c.id === conversation.id ? conversation : c)) }));
    }, []),
    remove: useCallback((id: string) => {
      setState((s) => ({ ...s, items: s.items.filter((c) => c.id !== id) }));
    }, []),
  };
}

export type ConversationList = ReturnType<typeof useConversations>;
