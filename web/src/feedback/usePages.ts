import { useCallback, useEffect, useState } from 'react';
import { isAbort, type Page } from '../lib/api';

interface PagesState<T> {
  items: T[];
  next: string | null;
  status: 'loading' | 'ok' | 'error';
  error: unknown;
  loadingMore: boolean;
}

/**
 * A list read a page at a time (`nextCursor`), with local replacement of an item after an edit.
 * `load` must not change meaning between renders; `reload()` reads the first page again.
 */
export function usePages<T>(load: (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>) {
  const [state, setState] = useState<PagesState<T>>({
    items: [],
    next: null,
    status: 'loading',
    error: null,
    loadingMore: false,
  });
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    load(null, abort.signal).then(
      (page) =>
        setState({ items: page.data, next: page.nextCursor, status: 'ok', error: null, loadingMore: false }),
      (error: unknown) => !isAbort(error) && setState((s) => ({ ...s, status: 'error', error })),
    );
    return () => abort.abort();
    // `load` is a fresh closure each render; only a reload asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  const more = async () => {
    if (!state.next || state.loadingMore) return;
    setState((s) => ({ ...s, loadingMore: true, error: null }));
    try {
      const page = await load(state.next);
      setState((s) => ({
        ...s,
        items: [...s.items, ...page.data],
        next: page.nextCursor,
        loadingMore: false,
      }));
    } catch (error) {
      setState((s) => ({ ...s, loadingMore: false, error }));
    }
  };

  return {
    ...state,
    more: () => void more(),
    reload: useCallback(() => {
      setState((s) => ({ ...s, status: 'loading' }));
      setVersion((v) => v + 1);
    }, []),
    replace: useCallback((match: (item: T) => boolean, item: T) => {
      setState((s) => ({ ...s, items: s.items.map((i) => (match(i) ? item : i)) }));
    }, []),
  };
}
