import { jest } from '@jest/globals';
import { parseSse } from './support/sse.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

jest.setTimeout(180_000);

let t: TestApp;
let alice: TestUser;
let operator: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  [alice, operator] = await Promise.all([t.newUser(), t.newUser(['operator'])]);
});
afterAll(() => t.close());

async function waitForRun(id: string) {
  for (;;) {
    const run = (await t.http().get(`/runs/${id}`).set('Cookie', operator.cookie)).body;
    if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('runs', () => {
  it('runs a filter retraining in the worker, streaming its metrics, and records the evaluation and the gate verdict', async () => {
    const started = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'moderation', params: { epochs: 2 } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'moderation', status: 'queued', params: { epochs: 2, correctionWeight: 20, seed: 1 } });

    const events = parseSse((await t.http().get(`/runs/${started.body.id}/events`).set('Cookie', operator.cookie)).text);
    expect(events.filter((e) => e.event === 'metric').map((e) => JSON.parse(e.data).step)).toEqual([1, 2]);
    expect(JSON.parse(events.at(-1)!.data).status).toBe('succeeded');

    const run = await waitForRun(started.body.id);
    for (const side of ['candidate', 'serving']) {
      expect(run.summary[side]).toEqual(
        expect.objectContaining({ macroF1: expect.any(Number), falsePositiveRate: expect.any(Number), falseNegativeRate: expect.any(Number) }),
      );
    }
    expect(typeof run.summary.gate.promote).toBe('boolean');
    const versions = (await t.http().get('/models/versions?kind=moderation').set('Cookie', operator.cookie)).body.data;
    const candidate = versions.find((v: { id: string }) => v.id === run.modelVersionId);
    expect(candidate).toMatchObject({ trainingRunId: run.id, status: run.summary.gate.promote ? 'serving' : 'rejected' });
  });

  it('refuses unknown kinds and settings with a 400 naming them, and non-operators with 403', async () => {
    const kind = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'magic' });
    expect(kind.status).toBe(400);
    expect(kind.body.message).toMatch(/kind must be one of/);
    const param = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'moderation', params: { epochs: 0 } });
    expect(param.status).toBe(400);
    expect(param.body.message).toBe('params.epochs must be an integer from 1 to 100');
    const unknown = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'moderation', params: { colour: 'red' } });
    expect(unknown.body.message).toBe('params.colour is not a setting of moderation runs');
    expect((await t.http().post('/runs').set('Cookie', alice.cookie).send({ kind: 'moderation' })).status).toBe(403);
  });

  it('cancels a run: it stops and says so', async () => {
    const started = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'moderation', params: { epochs: 30 } });
    const cancelled = await t.http().post(`/runs/${started.body.id}/cancel`).set('Cookie', operator.cookie);
    expect(['cancelled', 'cancelling']).toContain(cancelled.body.status);
    const run = await waitForRun(started.body.id);
    expect(run.status).toBe('cancelled');
    expect((await t.http().post(`/runs/${started.body.id}/cancel`).set('Cookie', operator.cookie)).status).toBe(409);
  });
});
