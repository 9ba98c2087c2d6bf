import { Logger } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { toHttpError } from './http-error.filter.js';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** A JSON route answered on the HTTP server itself, ahead of Express. */
export interface FastRoute {
  method: 'POST';
  path: string;
  /** Answers a request whose body parsed as JSON; HttpExceptions become the usual error bodies. */
  handle(req: IncomingMessage, body: unknown): Promise<{ status: number; body: unknown }>;
}

export interface FastRouteOptions {
  /** Run first, in order, as for every other request (request id and log, security headers). */
  middlewares: Middleware[];
  bodyLimitBytes: number;
}

const JSON_TYPE = /^application\/json\s*(;\s*charset="?utf-8"?\s*)?$/i;

/**
 * Only plain JSON requests to the exact path take the fast route; anything else (a query string, another
 * content type or charset, a compressed body) goes to Express, whose answer is the reference.
 */
function takes(route: FastRoute, req: IncomingMessage): boolean {
  const encoding = req.headers['content-encoding'];
  return (
    req.method === route.method &&
    req.url === route.path &&
    JSON_TYPE.test(req.headers['content-type'] ?? '') &&
    (encoding === undefined || encoding.toLowerCase() === 'identity')
  );
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(json));
  res.end(json);
}

/** The body as JSON, with body-parser's errors (the error filter words them) for too large or not JSON. */
function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // Made only when needed: an Error captures a stack trace, which is dear on every request.
    const tooLarge = () => Object.assign(new Error('request entity too large'), { type: 'entity.too.large', limit });
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.length === 0) return resolve({});
      try {
        const body: unknown = JSON.parse(text);
        // As body-parser's strict mode: only an object or an array is a request body.
        if (typeof body === 'object' && body !== null) return resolve(body);
      } catch {
        // answered below
      }
      reject(Object.assign(new Error('invalid JSON'), { type: 'entity.parse.failed' }));
    });
  });
}

/**
 * Serves `routes` before Express sees the request. Express and Nest's router cost more CPU per request than
 * a hot write's own work (bench/ingest.ts measures it), so a route that takes bursts of writes can be answered
 * here, with the same middlewares first and the same error bodies; every other request goes to Express.
 */
export function serveAheadOfExpress(server: Server, routes: FastRoute[], options: FastRouteOptions): void {
  const logger = new Logger('HttpError');
  const [express, ...others] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  if (!express || others.length) throw new Error('serveAheadOfExpress: expected Express as the only request listener');
  server.removeAllListeners('request');

  const answer = async (route: FastRoute, req: IncomingMessage, res: ServerResponse) => {
    try {
      const { status, body } = await route.handle(req, await readJson(req, options.bodyLimitBytes));
      send(res, status, body);
    } catch (error) {
      const body = toHttpError(error, logger);
      if (!res.headersSent) send(res, body.statusCode, body);
    }
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const route = routes.find((r) => takes(r, req));
    if (!route) return express(req, res);
    const chain = options.middlewares.reduceRight<() => void>(
      (next, middleware) => () => middleware(req, res, next),
      () => void answer(route, req, res),
    );
    chain();
  });
}
