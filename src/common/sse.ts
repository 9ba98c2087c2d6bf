import type { Response } from 'express';

/** Server-sent events written by hand: NestJS's @Sse is GET-only, and chat streams answer POSTs. */
export class SseStream {
  private started = false;
  readonly disconnected: AbortSignal;

  constructor(private readonly res: Response) {
    const controller = new AbortController();
    this.disconnected = controller.signal;
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
  }

  get isOpen(): boolean {
    return this.started;
  }

  open(): void {
    if (this.started) return;
    this.started = true;
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-cache, no-transform');
    this.res.setHeader('Connection', 'keep-alive');
    this.res.setHeader('X-Accel-Buffering', 'no');
    this.res.flushHeaders();
  }

  /** `event:` line only when named; the OpenAI stream uses bare `data:` frames. */
  send(data: unknown, event?: string): void {
    this.open();
    const payload = typeof data === 'string' ? data : JSON.stringify(data);
    this.res.write(`${event ? `event: ${event}\n` : ''}data: ${payload}\n\n`);
  }

  end(): void {
    this.res.end();
  }
}
