import { ApiError, errorFromResponse, isAbort, NETWORK_ERROR, send, type ErrorBody } from '../lib/api';
import { readEvents } from '../lib/sse';
import type { ReplyMessages } from './api';

export interface ReplyHandlers {
  /** The request was accepted: the user's message (null on regenerate) and the empty reply, with their ids. */
  onStart: (messages: ReplyMessages) => void;
  onDelta: (text: string) => void;
}

/** How a streamed reply ended. */
export type ReplyOutcome =
  | { kind: 'done'; messages: ReplyMessages }
  /** Refused before anything was written (validation, not found, offline…): nothing was stored. */
  | { kind: 'refused'; error: ApiError }
  /** The server reported a failure part-way (the `error` event). */
  | { kind: 'failed'; error: ApiError; started: ReplyMessages }
  /** The connection broke part-way: no `done` and no `error`. */
  | { kind: 'cut'; started: ReplyMessages | null }
  /** We cancelled it (signal). */
  | { kind: 'aborted'; started: ReplyMessages | null };

/**
 * POSTs with `stream: true` and follows the event stream: `message`, `delta`…, then `done` or `error`.
 * Never throws: every ending is an outcome the page can show.
 */
export async function streamReply(
  path: string,
  body: Record<string, unknown>,
  handlers: ReplyHandlers,
  signal: AbortSignal,
): Promise<ReplyOutcome> {
  let res: Response;
  try {
    res = await send('POST', path, {
      body: { ...body, stream: true },
      signal,
      headers: { Accept: 'text/event-stream' },
    });
  } catch (error) {
    if (isAbort(error) || signal.aborted) return { kind: 'aborted', started: null };
    return { kind: 'refused', error: error instanceof ApiError ? error : new ApiError(NETWORK_ERROR) };
  }
  if (!res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
    // A JSON answer where a stream was asked for: read it as an error if it is one.
    return { kind: 'refused', error: await errorFromResponse(res) };
  }

  let started: ReplyMessages | null = null;
  try {
    for await (const event of readEvents(res.body)) {
      if (event.event === 'message') {
        started = JSON.parse(event.data) as ReplyMessages;
        handlers.onStart(started);
      } else if (event.event === 'delta') {
        handlers.onDelta((JSON.parse(event.data) as { text: string }).text);
      } else if (event.event === 'done') {
        return { kind: 'done', messages: JSON.parse(event.data) as ReplyMessages };
      } else if (event.event === 'error') {
        const error = new ApiError(JSON.parse(event.data) as ErrorBody);
        return started ? { kind: 'failed', error, started } : { kind: 'refused', error };
      }
    }
  } catch (error) {
    if (isAbort(error) || signal.aborted) return { kind: 'aborted', started };
    return { kind: 'cut', started };
  }
  return signal.aborted ? { kind: 'aborted', started } : { kind: 'cut', started };
}
