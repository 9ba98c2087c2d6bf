import type { NestExpressApplication } from '@nestjs/platform-express';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ApiKeysService } from '../../src/auth/api-keys.service.js';
import { SESSION_COOKIE } from '../../src/auth/auth.guard.js';
import type { Role } from '../../src/auth/roles.js';
import { SessionsService } from '../../src/auth/sessions.service.js';
import type { User } from '../../src/auth/user.entity.js';
import { UsersService } from '../../src/auth/users.service.js';
import { createApp } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config/config.js';
import { createTestDatabase } from './test-database.js';
import { writeTinyPolicy } from './tiny-policy.js';

export interface TestUser {
  user: User;
  email: string;
  password: string;
  /** `Cookie` header value of a signed-in session. */
  cookie: string;
}

let counter = 0;
let tinyPolicy: Promise<string> | undefined;

/**
 * The real app, built by the same bootstrap as production, on its own fresh database.
 * Fixture builders create what a test needs instead of relying on seeded globals.
 */
export async function createTestApp(env: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'rlhf-test-data-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: 'silent',
    // A tiny random-weight policy keeps tests fast; tests of the shipped model set their own.
    POLICY_CHECKPOINT: await (tinyPolicy ??= writeTinyPolicy()),
    TFJS_BACKEND: 'cpu',
    ...env,
  });
  const app: NestExpressApplication = await createApp({ config, databaseUrl: database.url });
  await app.init();

  const http = () => request(app.getHttpServer());

  async function newUser(roles: Role[] = [], password = 'correct-horse-battery'): Promise<TestUser> {
    counter += 1;
    const email = `user${counter}-${Date.now()}@example.com`;
    const user = await app.get(UsersService).create({ email, password, roles });
    const { token } = await app.get(SessionsService).create(user.id);
    return { user, email, password, cookie: `${SESSION_COOKIE}=${token}` };
  }

  /** Requests made as a signed-in user (their session cookie on each). */
  function as(who: TestUser | string) {
    const cookie = typeof who === 'string' ? who : who.cookie;
    return {
      get: (path: string) => http().get(path).set('Cookie', cookie),
      post: (path: string, body: object = {}) => http().post(path).set('Cookie', cookie).send(body),
      put: (path: string, body: object = {}) => http().put(path).set('Cookie', cookie).send(body),
      patch: (path: string, body: object = {}) => http().patch(path).set('Cookie', cookie).send(body),
      delete: (path: string) => http().delete(path).set('Cookie', cookie),
    };
  }

  async function newApiKey(userId: string): Promise<string> {
    return (await app.get(ApiKeysService).create(userId, 'test key')).secret;
  }

  /** Starts listening on a free loopback port (for real HTTP clients); returns the base URL. */
  let baseUrl: string | undefined;
  async function listen(): Promise<string> {
    if (baseUrl) return baseUrl;
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    baseUrl = `http://127.0.0.1:${port}`;
    return baseUrl;
  }

  async function close(): Promise<void> {
    await app.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  return { app, config, databaseUrl: database.url, http, as, newUser, newApiKey, listen, close };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
