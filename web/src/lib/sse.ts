/**
 * Server-sent events read from a fetch() body. EventSource only does GET; chat replies stream from a POST.
 * Also fits the GET streams to come (training-run metrics), which need the same parsing.
 */

export interface SseEvent {
  /** `message` when the frame names none, as in the EventSource spec. */
  event: string;
  data: string;
  id?: string;
}

/** Splits a buffer into complete frames; returns the frames and what is left over. */
export function splitFrames(buffer: string): { frames: string[]; rest: string } {
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const parts = normalised.split('\n\n');
  const rest = parts.pop() ?? '';
  return { frames: parts, rest };
}

export function parseFrame(frame: string): SseEvent | null {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of frame.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  return data.length ? { event, data: data.join('\n'), id } : null;
}

/**
 * Yields each event as soon as its frame is complete. Ends when the body ends; throws when reading fails
 * (the connection dropped). Stopping early cancels the body.
 */
export async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const { frames, rest } = splitFrames(buffer);
      buffer = rest;
      for (const frame of frames) {
        const event = parseFrame(frame);
        if (event) yield event;
      }
    }
    // A frame cut off by the end of the body is dropped, as EventSource does.
  } finally {
    reader.cancel().catch(() => undefined);
  }
}
