import { BadRequestException } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveAheadOfExpress } from './fast-route.js';

let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  // Stands in for Express: records what reached it.
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`express ${req.method} ${req.url}`);
    res.end('from express');
  });
  serveAheadOfExpress(
    server,
    [
      {
        method: 'POST',
        path: '/things',
        async handle(req, body) {
          seen.push(`fast ${req.url}`);
          if ((body as { bad?: boolean }).bad) throw new BadRequestException('bad is not allowed');
          return { status: 201, body: { echo: body } };
        },
      },
    ],
    {
      middlewares: [(_req, res, next) => (res.setHeader('X-First', 'yes'), next()), (_req, res, next) => (res.setHeader('X-Second', 'yes'), next())],
      bodyLimitBytes: 64,
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => seen.splice(0));

const post = (path: string, body: string, type = 'application/json', headers: Record<string, string> = {}) =>
  fetch(base + path, { method: 'POST', body, headers: { 'content-type': type, ...headers } });

describe('serveAheadOfExpress', () => {
  it('answers a plain JSON request to its path itself, after the middlewares', async () => {
    const res = await post('/things', '{"a":1}');
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ echo: { a: 1 } });
    expect(res.headers.get('x-first')).toBe('yes');
    expect(res.headers.get('x-second')).toBe('yes');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(seen).toEqual(['fast /things']);
  });

  it.each([
    ['another path', () => post('/other', '{}')],
    ['a query string', () => post('/things?x=1', '{}')],
    ['another method', () => fetch(`${base}/things`)],
    ['another content type', () => post('/things', 'a=1', 'application/x-www-form-urlencoded')],
    ['another charset', () => post('/things', '{}', 'application/json; charset=latin1')],
    ['a compressed body', () => post('/things', '{}', 'application/json', { 'content-encoding': 'gzip' })],
  ])('leaves %s to Express', async (_, send) => {
    const res = await send();
    expect(await res.text()).toBe('from express');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^express /);
  });

  it('answers errors with the error filter body: thrown, not JSON, too large', async () => {
    const thrown = await post('/things', '{"bad":true}');
    expect(thrown.status).toBe(400);
    expect(await thrown.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'bad is not allowed' });
    const broken = await post('/things', '{"a":');
    expect([broken.status, (await broken.json()).message]).toEqual([400, 'Request body is not valid JSON']);
    const large = await post('/things', JSON.stringify({ text: 'x'.repeat(100) }));
    expect([large.status, (await large.json()).message]).toEqual([413, 'Request body is larger than the limit of 64 bytes']);
    expect(seen).toEqual(['fast /things']);
  });

  it('reads an empty body as {} and takes charset=utf-8', async () => {
    const res = await post('/things', '', 'application/json; charset=UTF-8');
    expect(await res.json()).toEqual({ echo: {} });
  });
});
