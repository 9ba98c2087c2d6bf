import { useCallback, useEffect, useState } from 'react';
import { isAbort } from './api';

export type AsyncState<T> =
  | { status: 'loading'; data?: T; error?: undefined }
  | { status: 'ok'; data: T; error?: undefined }
  | { status: 'error'; data?: T; error: unknown };

/**
 * Loads data for a page: re-runs when `key` changes, cancels the previous load, and keeps the last data
 * while reloading so the page does not flash. `reload()` fetches again; `setData` applies a local change.
 */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, key: string) {
  const [state, setState] = useState<AsyncState<T> & { key: string; version: number }>({
    status: 'loading',
    key,
    version: 0,
  });
  const [version, setVersion] = useState(0);
  // A new key starts in "loading" at once (no stale data of another key shown).
  const current: AsyncState<T> = state.key === key ? state : { status: 'loading' };

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ status: 'ok', data, key, version }),
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState((prev) => ({
          status: 'error',
          error,
          data: prev.key === key ? prev.data : undefined,
          key,
          version,
        }));
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure each render; `key` says when what it loads has changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const setData = useCallback(
    (update: (data: T) => T) =>
      setState((prev) =>
        prev.data === undefined ? prev : ({ ...prev, data: update(prev.data) } as typeof prev),
      ),
    [],
  );
  return { ...current, reload, setData };
}
