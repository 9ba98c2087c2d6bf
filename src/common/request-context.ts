import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const storage = new AsyncLocalStorage<{ requestId: string }>();

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

const VALID_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Gives every request an id (kept from X-Request-Id when sane), echoed back and put on every log line.
 * Works on plain Node requests, so routes served ahead of Express log the same way.
 */
export function requestContext(log: (entry: Record<string, unknown>) => void) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && VALID_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    const path = (req.url ?? '/').split('?')[0];
    storage.run({ requestId }, () => {
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        storage.run({ requestId }, () => log({ msg: 'request', method: req.method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }));
      });
      next();
    });
  };
}
