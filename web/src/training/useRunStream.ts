import { useCallback, useEffect, useState } from 'react';
import { isAbort } from '../lib/api';
import { FINISHED, followRun, trainingApi, type Run, type RunMetric } from './api';

export type StreamState = 'connecting' | 'live' | 'ended' | 'reconnecting';

const RETRY_MS = 2000;

/**
 * A run and its logged steps, live: loads the run, then follows its event stream (which replays every
 * step logged so far, then each new one) until the run ends. A dropped stream is reopened.
 */
export function useRunStream(id: string) {
  const [run, setRun] = useState<Run | null>(null);
  const [metrics, setMetrics] = useState<RunMetric[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [stream, setStream] = useState<StreamState>('connecting');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let finished = false;
    let loaded = false;
    const addMetric = (metric: RunMetric) =>
      setMetrics((list) => (list.some((m) => m.id === metric.id) ? list : [...list, metric]));
    const updateRun = (next: Run) => {
      finished = FINISHED.includes(next.status);
      setRun(next);
    };

    (async () => {
      try {
        updateRun(await trainingApi.run(id, signal));
        loaded = true;
        setLoadError(null);
        setStream('live');
        await followRun(id, { onRun: updateRun, onMetric: addMetric }, signal);
        if (finished) setStream('ended');
        else throw new Error('the stream ended before the run did');
      } catch (error) {
        if (isAbort(error) || signal.aborted) return;
        if (!loaded) {
          setLoadError(error); // not found, no access, offline: the page says so and offers Retry
          return;
        }
        setStream('reconnecting');
        setTimeout(() => !signal.aborted && setAttempt((n) => n + 1), RETRY_MS);
      }
    })();
    return () => controller.abort();
  }, [id, attempt]);

  const retry = useCallback(() => {
    setLoadError(null);
    setAttempt((n) => n + 1);
  }, []);

  return { run, setRun, metrics, loadError, stream, retry };
}
