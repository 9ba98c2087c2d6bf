import { jest } from '@jest/globals';
import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { ModerationExampleRow } from '../src/moderation/moderation.entities.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

jest.setTimeout(300_000);

/** Benign, but the shipped classifier flags it as violence (models/moderation-default/README.md). */
const BENIGN = 'the band is going to blow up the charts';
const THREAT = 'I will hurt you if you come back here';

let t: TestApp;
let alice: TestUser;
let trainer: TestUser;
let operator: TestUser;
let client: OpenAI;
beforeAll(async () => {
  t = await createTestApp();
  [alice, trainer, operator] = await Promise.all([t.newUser(), t.newUser(['trainer']), t.newUser(['operator'])]);
  client = new OpenAI({ apiKey: await t.newApiKey(alice.user.id), baseURL: `${await t.listen()}/v1`, maxRetries: 0 });
});
afterAll(() => t.close());

async function waitForRun(id: string) {
  for (;;) {
    const run = (await t.http().get(`/runs/${id}`).set('Cookie', operator.cookie)).body;
    if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function flagged(text: string) {
  const { results } = await client.moderations.create({ input: text });
  return results[0];
}

describe('closing the filter loop', () => {
  it('retrains from the serving version unless told to start from scratch, and refuses other starts', async () => {
    const bad = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'moderation', params: { from: 'yesterday' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('params.from must be one of serving, scratch');
  });

  it('an accepted false-positive report changes the classifier’s decision on that text after retraining', async () => {
    // The user's message is flagged as it is sent.
    const conversation = (await t.http().post('/conversations').set('Cookie', alice.cookie).send({})).body.id;
    const sent = await t
      .http()
      .post(`/conversations/${conversation}/messages`)
      .set('Cookie', alice.cookie)
      .send({ content: BENIGN, sampling: { temperature: 1, maxTokens: 8, seed: 1 } });
    expect(sent.status).toBe(201);
    expect(sent.body.userMessage.moderation).toMatchObject({ action: 'warn', categories: ['violence'] });
    const before = await flagged(BENIGN);
    expect(before.categories.violence).toBe(true);

    // Reported as a false positive, accepted by a trainer: a corrected label on the training side.
    const report = await t
      .http()
      .post('/reports')
      .set('Cookie', alice.cookie)
      .send({ kind: 'filter_false_positive', messageId: sent.body.userMessage.id, description: 'A song going up the charts is not violence' });
    expect(report.status).toBe(201);
    await t.http().post(`/triage/reports/${report.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'accepted' }).expect(200);
    const example = await t.app.get(DataSource).manager.findOneByOrFail(ModerationExampleRow, { reportId: report.body.id });
    expect(example).toMatchObject({ text: BENIGN, labels: [], split: 'train', source: 'report' });

    // An operator retrains; the gate compares candidate and serving version on the held-out split.
    const started = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'moderation', params: {} });
    expect(started.status).toBe(202);
    expect(started.body.params).toEqual({ from: 'serving', epochs: 1, correctionWeight: 20, seed: 1 });
    const run = await waitForRun(started.body.id);
    expect(run.status).toBe('succeeded');
    expect(run.summary).toMatchObject({ promoted: true, corrections: 1, gate: { promote: true } });
    for (const side of ['candidate', 'serving'] as const) {
      const evaluation = run.summary[side];
      expect(evaluation.examples).toBeGreaterThan(900);
      expect(evaluation.falsePositiveRate).toBeGreaterThanOrEqual(0);
      expect(evaluation.falseNegativeRate).toBeGreaterThanOrEqual(0);
      expect(Object.keys(evaluation.perCategory)).toHaveLength(13);
      expect(evaluation.perCategory.violence).toEqual({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number) });
    }
    // Not worse on any check (the gate's tolerance is 0.01).
    expect(run.summary.candidate.macroF1).toBeGreaterThanOrEqual(run.summary.serving.macroF1 - 0.01);
    expect(run.summary.candidate.falsePositiveRate).toBeLessThanOrEqual(run.summary.serving.falsePositiveRate + 0.01);
    expect(run.summary.candidate.falseNegativeRate).toBeLessThanOrEqual(run.summary.serving.falseNegativeRate + 0.01);

    // The promoted version serves, with its evaluation visible through the API.
    const versions = (await t.http().get('/models/versions?kind=moderation').set('Cookie', operator.cookie)).body.data;
    const promoted = versions.find((v: { id: string }) => v.id === run.modelVersionId);
    expect(promoted).toMatchObject({ status: 'serving', trainingRunId: run.id, metrics: { gate: { promote: true } } });
    expect(promoted.metrics.candidate.perCategory.violence.f1).toBe(run.summary.candidate.perCategory.violence.f1);

    // The same text is no longer flagged; a real threat still is.
    const after = await flagged(BENIGN);
    expect(after.flagged).toBe(false);
    expect(after.category_scores.violence).toBeLessThan(before.category_scores.violence);
    expect((await flagged(THREAT)).flagged).toBe(true);
    const again = await t
      .http()
      .post(`/conversations/${conversation}/messages`)
      .set('Cookie', alice.cookie)
      .send({ content: BENIGN, sampling: { temperature: 1, maxTokens: 8, seed: 1 } });
    expect(again.body.userMessage.moderation).toMatchObject({ action: 'allow', categories: [], notice: null });
  });
});
