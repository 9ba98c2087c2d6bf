import { jest } from '@jest/globals';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config/config.js';
import { ModelRegistryService } from '../src/model/model-registry.service.js';
import type { ModelVersion } from '../src/model/model-version.entity.js';
import { ServingWatcher } from '../src/model/serving-watcher.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';
import { writeTinyPolicy } from './support/tiny-policy.js';

jest.setTimeout(120_000);

// Two API processes on one database, as behind a load balancer. `a` hears promotions only through
// PostgreSQL NOTIFY (its periodic check is an hour away); `b` also checks every second.
let a: TestApp;
let b: NestExpressApplication;
let operator: TestUser;
let alice: TestUser;
let next: ModelVersion;
let third: ModelVersion;

beforeAll(async () => {
  a = await createTestApp({ WORKER: 'separate', MODEL_SERVING_CHECK_SECONDS: '3600' });
  const config = loadConfig({
    DATA_DIR: a.config.dataDir,
    SESSION_SECRET: a.config.sessionSecret,
    LOG_LEVEL: 'silent',
    POLICY_CHECKPOINT: a.config.model.policyCheckpoint!,
    TFJS_BACKEND: 'cpu',
    WORKER: 'separate',
    MODEL_SERVING_CHECK_SECONDS: '1',
  });
  b = await createApp({ config, databaseUrl: a.databaseUrl });
  await b.init();
  [operator, alice] = await Promise.all([a.newUser(['operator']), a.newUser()]);
  const registry = a.app.get(ModelRegistryService);
  const candidate = async (name: string) =>
    registry.registerCandidate({
      kind: 'policy',
      name,
      checkpointPath: await writeTinyPolicy(),
      parentId: null,
      metrics: {},
      trainingRunId: null,
    });
  [next, third] = [await candidate('policy-next'), await candidate('policy-third')];
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const http = (app: NestExpressApplication) => request(app.getHttpServer());
const servedBy = async (app: NestExpressApplication): Promise<string> =>
  (await http(app).get('/models/serving').set('Cookie', operator.cookie)).body.provider.model;

async function until(app: NestExpressApplication, model: string, ms = 10_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if ((await servedBy(app)) === model) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`still serving ${await servedBy(app)}, not ${model}, after ${ms} ms`);
}

async function chatVersion(app: NestExpressApplication): Promise<string> {
  const conversation = (await http(app).post('/conversations').set('Cookie', alice.cookie).send({})).body.id;
  const sent = await http(app)
    .post(`/conversations/${conversation}/messages`)
    .set('Cookie', alice.cookie)
    .send({ content: 'Hello', sampling: { maxTokens: 2 } });
  expect(sent.status).toBe(201);
  return sent.body.assistantMessage.modelVersionId;
}

describe('hot reload across API processes', () => {
  it('a promotion or rollback in one process is served by the other at once, without restart', async () => {
    expect(await servedBy(a.app)).toMatch(/^tiny-policy/);
    const promoted = await http(b)
      .post(`/models/versions/${next.id}/promote`)
      .set('Cookie', operator.cookie)
      .send({ reason: 'better' });
    expect(promoted.body).toMatchObject({ status: 'serving', reloaded: true });
    expect(await until(a.app, 'policy-next', 5_000)).toBeLessThan(5_000);
    expect(await chatVersion(a.app)).toBe(next.id);

    // As a worker's PPO gate does: the registry promotes, nobody in this process reloads by hand.
    await b.get(ModelRegistryService).promote(third.id, null, 'gate passed');
    await until(a.app, 'policy-third', 5_000);
    await until(b, 'policy-third', 5_000);
    expect(await chatVersion(b)).toBe(third.id);

    const rolled = await http(a.app)
      .post('/models/rollback')
      .set('Cookie', operator.cookie)
      .send({ reason: 'third was worse' });
    expect(rolled.body).toMatchObject({ id: next.id, status: 'serving', reloaded: true });
    await until(b, 'policy-next', 5_000);
    expect(await chatVersion(b)).toBe(next.id);
  });

  it('a change nobody announced is picked up by the periodic check', async () => {
    // A serving swap written straight to the database sends no notification.
    await a.app.get(DataSource).transaction(async (manager) => {
      await manager.query(`UPDATE model_versions SET status = 'retired' WHERE id = $1`, [next.id]);
      await manager.query(`UPDATE model_versions SET status = 'serving', promoted_at = now() WHERE id = $1`, [
        third.id,
      ]);
    });
    await until(b, 'policy-third', 5_000);
    expect(await servedBy(a.app)).toBe('policy-next'); // a's next check is an hour away …
    await a.app.get(ServingWatcher).check(); // … what it does then:
    expect(await servedBy(a.app)).toBe('policy-third');
    expect(await chatVersion(a.app)).toBe(third.id);
  });
});
