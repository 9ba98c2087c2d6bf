import { jest } from '@jest/globals';
import { parseSse } from './support/sse.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

jest.setTimeout(180_000);

let t: TestApp;
let alice: TestUser;
let trainer: TestUser;
let operator: TestUser;
let admin: TestUser;
let aliceKey: string;
beforeAll(async () => {
  t = await createTestApp();
  [alice, trainer, operator, admin] = await Promise.all([t.newUser(), t.newUser(['trainer']), t.newUser(['operator']), t.newUser(['admin'])]);
  aliceKey = await t.newApiKey(alice.user.id);
});
afterAll(() => t.close());

const BENIGN = 'The band is going to blow up the charts with their new album tonight';

async function scores(text: string): Promise<{ flagged: boolean; scores: Record<string, number> }> {
  const res = await t.http().post('/v1/moderations').set('Authorization', `Bearer ${aliceKey}`).send({ input: text });
  return { flagged: res.body.results[0].flagged, scores: res.body.results[0].category_scores };
}

async function waitForRun(id: string) {
  for (;;) {
    const run = (await t.http().get(`/runs/${id}`).set('Cookie', operator.cookie)).body;
    if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 300));
  }
}

describe('closing the filter loop', () => {
  it('an accepted false-positive report changes the filter decision on that text after retraining', async () => {
    // Make the filter wrongly flag a harmless sentence: its highest category's warn threshold just below its score.
    const before = await scores(BENIGN);
    const [category, score] = Object.entries(before.scores).sort((a, b) => b[1] - a[1])[0];
    const thresholds = (await t.http().get('/moderation/thresholds').set('Cookie', admin.cookie)).body.thresholds;
    await t
      .http()
      .put('/moderation/thresholds')
      .set('Cookie', admin.cookie)
      .send({ thresholds: [{ category, warn: score * 0.9, block: Math.max(thresholds[category].block, 0.99) }] })
      .expect(200);
    expect((await scores(BENIGN)).flagged).toBe(true);

    const conversation = (await t.http().post('/conversations').set('Cookie', alice.cookie).send({})).body.id;
    const sent = await t.http().post(`/conversations/${conversation}/messages`).set('Cookie', alice.cookie).send({ content: BENIGN, sampling: { maxTokens: 4 } });
    expect(sent.body.userMessage.moderation.action).toBe('warn');
    const report = await t
      .http()
      .post('/reports')
      .set('Cookie', alice.cookie)
      .send({ kind: 'filter_false_positive', messageId: sent.body.userMessage.id, description: 'It is about music charts' });
    await t.http().post(`/triage/reports/${report.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'accepted' }).expect(200);

    const started = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'moderation' });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'moderation', status: 'queued', params: { epochs: expect.any(Number), correctionWeight: 20 } });

    const events = await t.http().get(`/runs/${started.body.id}/events`).set('Cookie', operator.cookie);
    const parsed = parseSse(events.text);
    expect(parsed.filter((e) => e.event === 'metric').length).toBe(started.body.params.epochs);
    expect(JSON.parse(parsed.at(-1)!.data).status).toBe('succeeded');

    const run = await waitForRun(started.body.id);
    const brief = (e: { macroF1: number; falsePositiveRate: number; falseNegativeRate: number }) => [e.macroF1, e.falsePositiveRate, e.falseNegativeRate];
    console.log(JSON.stringify({ gate: run.summary.gate, c: brief(run.summary.candidate), s: brief(run.summary.serving) }));
    expect(run.summary).toMatchObject({ promoted: true, corrections: 1, gate: { promote: true } });
    expect(run.summary.candidate).toEqual(expect.objectContaining({ macroF1: expect.any(Number), falsePositiveRate: expect.any(Number), falseNegativeRate: expect.any(Number) }));
    const versions = (await t.http().get('/models/versions?kind=moderation').set('Cookie', operator.cookie)).body.data;
    expect(versions.find((v: { status: string }) => v.status === 'serving').id).toBe(run.modelVersionId);

    const after = await scores(BENIGN);
    expect(after.scores[category]).toBeLessThan(score * 0.9);
    expect(after.flagged).toBe(false);
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
  });
});

describe('runs', () => {
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
