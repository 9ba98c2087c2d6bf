import { jest } from '@jest/globals';
import type { Response } from 'supertest';
import { train } from '../src/cli/train-command.js';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity.js';
import { RunWorker } from '../src/retrain/runs/run-worker.js';
import { RunMetric, TrainingRun } from '../src/retrain/runs/training-run.entity.js';
import { ConversationSampling } from '../src/retrain/tasks/conversation-sampling.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

jest.setTimeout(120_000);

let t: TestApp;
let alice: TestUser;
let bob: TestUser; // a trainer who also reports
let carol: TestUser; // a trainer
let operator: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  [alice, bob, carol, operator] = await Promise.all([t.newUser(), t.newUser(['trainer']), t.newUser(['trainer']), t.newUser(['operator'])]);
});
afterAll(() => t.close());

async function reportAccepted(user: TestUser, content: string, kind: 'harmful_output' | 'bias'): Promise<string> {
  const conversation = (await t.http().post('/conversations').set('Cookie', user.cookie).send({})).body.id;
  const sent = await t.http().post(`/conversations/${conversation}/messages`).set('Cookie', user.cookie).send({ content, sampling: { maxTokens: 4 } });
  const report = await t.http().post('/reports').set('Cookie', user.cookie).send({ kind, messageId: sent.body.assistantMessage.id, description: 'a bad reply' });
  expect(report.status).toBe(201);
  const triager = user.user.id === carol.user.id ? bob : carol;
  await t.http().post(`/triage/reports/${report.body.id}/decisions`).set('Cookie', triager.cookie).send({ decision: 'accepted' }).expect(200);
  return report.body.id;
}

async function until<T>(what: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline; ) {
    const value = await what();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not done within ${ms} ms`);
}

const waitForRun = (id: string) =>
  until(async () => {
    const run = (await t.http().get(`/runs/${id}`).set('Cookie', operator.cookie)).body;
    return ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
  });

function jsonl(res: Response): Record<string, unknown>[] {
  return String(res.text ?? res.body)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const exportAs = (id: string, format: string) =>
  t
    .http()
    .get(`/retrain/datasets/${id}/export?format=${format}`)
    .set('Cookie', operator.cookie)
    .buffer(true)
    .parse((res, cb) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => cb(null, text));
    });

describe('the retraining loop', () => {
  let aliceReport: string;
  let bobReport: string;
  let datasetId: string;

  it('turns accepted reports into ranking tasks by themselves, with K candidates sampled in the background', async () => {
    aliceReport = await reportAccepted(alice, 'Tell me something nasty', 'harmful_output');
    bobReport = await reportAccepted(bob, 'Who is better at maths?', 'bias');

    const bad = await t.http().post('/retrain/tasks/from-reports').set('Cookie', operator.cookie).send({ k: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/k must be an integer from 4 to 9/);
    // Accepting made the tasks (in the decision's transaction): the operator endpoint finds none left to make.
    const created = await t.http().post('/retrain/tasks/from-reports').set('Cookie', operator.cookie).send({ k: 4, maxTokens: 6 });
    expect(created.status).toBe(202);
    expect(created.body.data).toEqual([]);

    const open = await until(async () => {
      const page = (await t.http().get('/retrain/tasks?status=open').set('Cookie', operator.cookie)).body.data;
      return page.length === 2 ? page : undefined;
    }, 20_000).catch(async (error: Error) => {
      console.log(JSON.stringify((await t.http().get('/retrain/tasks').set('Cookie', operator.cookie)).body.data.map((x: object) => ({ ...x, prompt: undefined }))));
      throw error;
    });
    expect(open.map((x: { reportId: string }) => x.reportId).sort()).toEqual([aliceReport, bobReport].sort());
    for (const task of open) {
      expect(task).toMatchObject({ source: 'report', k: 4, requiredRankings: 1 });
      expect(task.candidates).toHaveLength(4);
      expect(task.candidates.filter((c: { origin: string }) => c.origin === 'original')).toHaveLength(1);
      expect(task.prompt.at(-1)).toMatchObject({ role: 'user' });
    }
  });

  it('trainers rank tasks, never their own report, ranking every candidate', async () => {
    const forBob = (await t.http().get('/retrain/tasks/next').set('Cookie', bob.cookie)).body.task;
    const all = (await t.http().get('/retrain/tasks?status=open').set('Cookie', operator.cookie)).body.data;
    const bobsOwn = all.find((x: { reportId: string }) => x.reportId === bobReport);
    expect(forBob.id).not.toBe(bobsOwn.id);
    expect(forBob.candidates[0]).not.toHaveProperty('origin');

    const own = await t.http().post(`/retrain/tasks/${bobsOwn.id}/rankings`).set('Cookie', bob.cookie).send({ ranks: [0, 1, 2, 3] });
    expect(own.status).toBe(403);
    const partial = await t.http().post(`/retrain/tasks/${forBob.id}/rankings`).set('Cookie', bob.cookie).send({ ranks: [0, 1] });
    expect(partial.status).toBe(400);
    expect(partial.body.message).toMatch(/ranks must give each of the 4 candidates/);
    expect((await t.http().post(`/retrain/tasks/${forBob.id}/rankings`).set('Cookie', alice.cookie).send({ ranks: [0, 1, 2, 3] })).status).toBe(403);

    const ranked = await t.http().post(`/retrain/tasks/${forBob.id}/rankings`).set('Cookie', bob.cookie).send({ ranks: [0, 1, 2, 3] });
    expect(ranked.status).toBe(201);
    const again = await t.http().post(`/retrain/tasks/${forBob.id}/rankings`).set('Cookie', bob.cookie).send({ ranks: [0, 1, 2, 3] });
    expect(again.status).toBe(409);
    expect((await t.http().get('/retrain/tasks/next').set('Cookie', bob.cookie)).body.task).toBeNull();

    const forCarol = (await t.http().get('/retrain/tasks/next').set('Cookie', carol.cookie)).body.task;
    expect(forCarol.id).toBe(bobsOwn.id);
    const tied = await t.http().post(`/retrain/tasks/${forCarol.id}/rankings`).set('Cookie', carol.cookie).send({ ranks: [0, 0, 1, 2], allUnacceptable: true });
    expect(tied.status).toBe(201);
    expect(tied.body).toMatchObject({ ranks: [0, 0, 1, 2], allUnacceptable: true });
  });

  it('trainers write demonstrations from a model suggestion', async () => {
    const prompt = [{ role: 'user', content: 'Say hello' }];
    const suggested = await t.http().post('/retrain/demonstrations/suggestions').set('Cookie', carol.cookie).send({ prompt });
    expect(suggested.status).toBe(200);
    expect(typeof suggested.body.suggestion).toBe('string');
    const demo = await t
      .http()
      .post('/retrain/demonstrations')
      .set('Cookie', carol.cookie)
      .send({ prompt, suggestion: suggested.body.suggestion, content: 'Hello! How can I help you today?' });
    expect(demo.status).toBe(201);
    expect(demo.body.suggestionAccepted).toBe(suggested.body.suggestion === 'Hello! How can I help you today?');
    const bad = await t.http().post('/retrain/demonstrations').set('Cookie', carol.cookie).send({ prompt: [{ role: 'robot', content: 'x' }], content: '' });
    expect(bad.status).toBe(400);
  });

  it('freezes a dataset snapshot and exports it as TRL, HH and OpenAI JSONL', async () => {
    const snap = await t.http().post('/retrain/datasets').set('Cookie', operator.cookie).send({ name: 'first' });
    expect(snap.status).toBe(201);
    expect(snap.body.rankingIds).toHaveLength(2);
    expect(snap.body.demonstrationIds).toHaveLength(1);
    expect(snap.body.reportIds.sort()).toEqual([aliceReport, bobReport].sort());
    datasetId = snap.body.id;

    const trl = jsonl(await exportAs(datasetId, 'trl'));
    expect(trl).toHaveLength(6 + 5); // [0,1,2,3]: 6 pairs; [0,0,1,2]: 5 (the tie gives none)
    for (const row of trl) {
      expect(row).toEqual({ prompt: expect.any(Array), chosen: [{ role: 'assistant', content: expect.any(String) }], rejected: [{ role: 'assistant', content: expect.any(String) }] });
    }
    const hh = jsonl(await exportAs(datasetId, 'hh'));
    expect(hh).toHaveLength(11);
    expect(String(hh[0].chosen)).toMatch(/^\n\nHuman: .*\n\nAssistant: /s);
    const openai = jsonl(await exportAs(datasetId, 'openai'));
    expect(openai).toEqual([{ messages: [{ role: 'user', content: 'Say hello' }, { role: 'assistant', content: 'Hello! How can I help you today?' }] }]);

    // Immutable: later rows do not enter it.
    await t.http().post('/retrain/demonstrations').set('Cookie', carol.cookie).send({ prompt: [{ role: 'user', content: 'Hi' }], content: 'Hi there.' }).expect(201);
    expect(jsonl(await exportAs(datasetId, 'openai'))).toHaveLength(1);
    expect((await exportAs(datasetId, 'csv')).status).toBe(400);
  });

  let ppoVersionId: string;
  it('trains a reward model on the snapshot, then PPO ends in a gated policy version', async () => {
    const badParam = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'ppo', params: { colour: 'red' } });
    expect(badParam.status).toBe(400);
    expect(badParam.body.message).toBe('params.colour is not a setting of ppo runs');
    const noRm = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'ppo' });
    expect(noRm.body.message).toMatch(/params.rewardModelId/);

    const reward = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'reward', params: { batchSize: 2, heldoutEvery: 2 } });
    expect(reward.status).toBe(202);
    expect(reward.body.params).toMatchObject({ datasetId, epochs: 1 });
    const rewardRun = await waitForRun(reward.body.id);
    expect(rewardRun.error).toBeNull();
    expect(rewardRun.status).toBe('succeeded');
    expect(rewardRun.summary).toMatchObject({ datasetId, heldoutRankings: 1, pairAccuracy: expect.any(Number), normalisation: { shift: expect.any(Number) } });
    const rm = (await t.http().get('/models/versions?kind=reward').set('Cookie', operator.cookie)).body.data[0];
    expect(rm).toMatchObject({ id: rewardRun.modelVersionId, status: 'serving', trainingRunId: reward.body.id });

    const ppo = await t
      .http()
      .post('/runs')
      .set('Cookie', operator.cookie)
      .send({ kind: 'ppo', params: { steps: 2, batchSize: 2, miniBatchSize: 2, ppoEpochs: 1, maxNewTokens: 4, learningRate: 1e-3, heldoutEvery: 2 } });
    expect(ppo.status).toBe(202);
    expect(ppo.body.params).toMatchObject({ rewardModelId: rm.id, datasetId });
    const ppoRun = await waitForRun(ppo.body.id);
    expect(ppoRun.error).toBeNull();
    expect(ppoRun.status).toBe('succeeded');
    expect(ppoRun.summary.gate).toEqual({ promote: expect.any(Boolean), reason: expect.any(String) });
    expect(ppoRun.summary.evaluation).toMatchObject({ winRate: expect.any(Number), redTeamPrompts: 2, candidateFlagRate: expect.any(Number) });
    const metrics = (await t.http().get(`/runs/${ppo.body.id}/metrics`).set('Cookie', operator.cookie)).body;
    const rows = metrics.data ?? metrics;
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows[0])).toMatch(/"kl"/);

    const policies = (await t.http().get('/models/versions?kind=policy').set('Cookie', operator.cookie)).body.data;
    const version = policies.find((v: { id: string }) => v.id === ppoRun.modelVersionId);
    expect(version).toMatchObject({ trainingRunId: ppo.body.id, status: ppoRun.summary.gate.promote ? 'serving' : 'rejected', metrics: { datasetId, rewardModelId: rm.id } });
    expect(version.parentId).toBe(policies.find((v: { trainingRunId: string | null }) => v.trainingRunId === null).id);
    ppoVersionId = version.id;

    const lineage = (await t.http().get(`/models/${ppoVersionId}/lineage`).set('Cookie', operator.cookie)).body;
    expect(lineage.version.trainingRunId).toBe(ppo.body.id);
    expect(lineage.ancestors[0].id).toBe(version.parentId);
    expect(lineage.datasets.map((d: { id: string }) => d.id)).toEqual([datasetId]);
    expect(lineage.reportIds.sort()).toEqual([aliceReport, bobReport].sort());
  });

  it('operators promote and roll back policies by hand, with hot reload', async () => {
    const policies = (await t.http().get('/models/versions?kind=policy').set('Cookie', operator.cookie)).body.data;
    const base = policies.find((v: { trainingRunId: string | null }) => v.trainingRunId === null);
    if (policies.find((v: { id: string }) => v.id === ppoVersionId).status !== 'serving') {
      const promoted = await t.http().post(`/models/versions/${ppoVersionId}/promote`).set('Cookie', operator.cookie).send({ reason: 'looks fine' });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ status: 'serving', reloaded: true });
    }
    expect((await t.http().post(`/models/versions/${ppoVersionId}/promote`).set('Cookie', operator.cookie).send({ reason: 'again' })).status).toBe(409);
    expect((await t.http().post(`/models/versions/${base.id}/promote`).set('Cookie', operator.cookie).send({ reason: 'back to base' })).body.status).toBe('serving');
    expect((await t.http().get('/models/serving').set('Cookie', operator.cookie)).body.provider.model).toBe(base.name);

    const rolled = await t.http().post('/models/rollback').set('Cookie', operator.cookie).send({ reason: 'base was worse' });
    expect(rolled.status).toBe(200);
    expect(rolled.body).toMatchObject({ id: ppoVersionId, status: 'serving', reloaded: true });
    const serving = (await t.http().get('/models/serving').set('Cookie', operator.cookie)).body;
    expect(serving.policy.id).toBe(ppoVersionId);
    expect(serving.provider.model).toBe(rolled.body.name);

    // The reloaded policy answers chat.
    const conversation = (await t.http().post('/conversations').set('Cookie', alice.cookie).send({})).body.id;
    const sent = await t.http().post(`/conversations/${conversation}/messages`).set('Cookie', alice.cookie).send({ content: 'Hello', sampling: { maxTokens: 3 } });
    expect(sent.status).toBe(201);
    expect(sent.body.assistantMessage.modelVersionId).toBe(ppoVersionId);

    expect((await t.http().post('/models/rollback').set('Cookie', operator.cookie).send({})).status).toBe(400);
    expect((await t.http().post('/models/rollback').set('Cookie', carol.cookie).send({ reason: 'x' })).status).toBe(403);
  });

  it('fine-tunes on demonstrations (sft) into a candidate policy', async () => {
    const sft = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'sft', params: { epochs: 3, batchSize: 1, learningRate: 0.01 } });
    expect(sft.status).toBe(202);
    const run = await waitForRun(sft.body.id);
    expect(run.error).toBeNull();
    expect(run.summary).toMatchObject({ datasetId, trainExamples: 1, lossBefore: expect.any(Number), lossAfter: expect.any(Number) });
    expect(run.summary.lossAfter).toBeLessThan(run.summary.lossBefore);
    const version = (await t.http().get('/models/versions?kind=policy').set('Cookie', operator.cookie)).body.data.find((v: { id: string }) => v.id === run.modelVersionId);
    expect(version).toMatchObject({ status: 'candidate', trainingRunId: sft.body.id });
  });

  it('npm run cli -- train queues a run and follows it to the end', async () => {
    const lines: string[] = [];
    const bars: string[] = [];
    const run = await train(t.app, ['reward', '--param', 'batchSize=2', '--param', 'heldoutEvery=2'], (l) => lines.push(l), (b) => bars.push(b), 100);
    expect(run.status).toBe('succeeded');
    expect(lines[0]).toMatch(/^queued reward run .* with \{.*"batchSize":2/);
    expect(lines.at(-1)).toMatch(/^succeeded: /);
    expect(bars.at(-1)).toMatch(/^\[#+\] \d+\/\d+ succeeded$/);
    await expect(train(t.app, ['magic'], () => undefined)).rejects.toThrow(/usage: train/);
    await expect(train(t.app, ['reward', '--param', 'oops'], () => undefined)).rejects.toThrow(/expected key=value/);
    await expect(train(t.app, ['reward', '--param', 'epochs=0'], () => undefined)).rejects.toThrow(/params.epochs must be an integer/);
  });

  it('samples ordinary conversations into tasks that need two trainers, and records their agreement', async () => {
    const created = await t.http().post('/retrain/tasks/from-conversations').set('Cookie', operator.cookie).send({ count: 1, requiredRankings: 2, maxTokens: 4 });
    expect(created.status).toBe(202);
    expect(created.body.data).toEqual([expect.objectContaining({ source: 'sample', reportId: null, requiredRankings: 2, k: 4 })]);
    const id = created.body.data[0].id;
    await until(async () => {
      const page = (await t.http().get('/retrain/tasks?status=open').set('Cookie', operator.cookie)).body.data;
      return page.some((x: { id: string }) => x.id === id) ? true : undefined;
    }, 20_000);
    expect((await t.http().get('/retrain/tasks/next').set('Cookie', bob.cookie)).body.task.id).toBe(id);
    await t.http().post(`/retrain/tasks/${id}/rankings`).set('Cookie', bob.cookie).send({ ranks: [0, 1, 2, 3] }).expect(201);
    let task = (await t.http().get('/retrain/tasks?status=open').set('Cookie', operator.cookie)).body.data.find((x: { id: string }) => x.id === id);
    expect(task.agreement).toBeNull();
    await t.http().post(`/retrain/tasks/${id}/rankings`).set('Cookie', carol.cookie).send({ ranks: [1, 0, 2, 3] }).expect(201);
    task = (await t.http().get('/retrain/tasks?status=complete').set('Cookie', operator.cookie)).body.data.find((x: { id: string }) => x.id === id);
    expect(task.agreement).toBeCloseTo(5 / 6);
  });
  it('makes the task of a report accepted while automatic tasks were off when an operator asks, once', async () => {
    t.config.retrain.autoTasks = false; // as RETRAIN_AUTO_TASKS=false would
    let late: string;
    try {
      late = await reportAccepted(alice, 'Say something rude', 'harmful_output');
    } finally {
      t.config.retrain.autoTasks = true;
    }
    const before = (await t.http().get('/retrain/tasks?limit=100').set('Cookie', operator.cookie)).body.data;
    expect(before.some((x: { reportId: string }) => x.reportId === late)).toBe(false);
    const created = await t.http().post('/retrain/tasks/from-reports').set('Cookie', operator.cookie).send({ k: 5, maxTokens: 4 });
    expect(created.status).toBe(202);
    expect(created.body.data).toEqual([expect.objectContaining({ reportId: late, source: 'report', k: 5 })]);
    expect((await t.http().post('/retrain/tasks/from-reports').set('Cookie', operator.cookie).send({})).body.data).toEqual([]);
  });

  it('samples a share of ordinary conversations into tasks by itself, never the same reply twice nor a reported one', async () => {
    const conversation = (await t.http().post('/conversations').set('Cookie', alice.cookie).send({})).body.id;
    const sent = await t.http().post(`/conversations/${conversation}/messages`).set('Cookie', alice.cookie).send({ content: 'Tell me a fact', sampling: { maxTokens: 4 } });
    const replyId: string = sent.body.assistantMessage.id;
    const sampling = t.app.get(ConversationSampling);
    expect(await sampling.sweep(0)).toEqual([]);

    const created = await sampling.sweep(1);
    expect(created.map((x) => x.messageId)).toContain(replyId);
    expect(created.every((x) => x.source === 'sample' && x.reportId === null && x.k === 4)).toBe(true);
    const all = (await t.http().get('/retrain/tasks?limit=100').set('Cookie', operator.cookie)).body.data;
    const reported = all.filter((x: { reportId: string | null }) => x.reportId).map((x: { messageId: string }) => x.messageId);
    expect(reported.length).toBeGreaterThanOrEqual(3);
    expect(created.some((x) => reported.includes(x.messageId))).toBe(false);
    expect(await sampling.sweep(1)).toEqual([]);

    const task = await until(async () => {
      const page = (await t.http().get('/retrain/tasks?status=open&limit=100').set('Cookie', operator.cookie)).body.data;
      return page.find((x: { messageId: string }) => x.messageId === replyId);
    }, 20_000);
    expect(task.candidates).toHaveLength(4);
    expect(task.prompt).toEqual([{ role: 'user', content: 'Tell me a fact' }]);
  });
  it('a PPO run resumed from its checkpoint continues exactly as the uninterrupted run (weights, value head, Adam state, β)', async () => {
    // minWinRate 1 never promotes, so both runs start from the same serving policy.
    const params = { steps: 4, checkpointEvery: 2, batchSize: 2, miniBatchSize: 1, ppoEpochs: 2, maxNewTokens: 4, learningRate: 1e-3, heldoutEvery: 2, minWinRate: 1 };
    const started = await t.http().post('/runs').set('Cookie', operator.cookie).send({ kind: 'ppo', params });
    expect(started.status).toBe(202);
    const straight = await waitForRun(started.body.id);
    expect(straight.status).toBe('succeeded');
    const metricsOf = async (id: string) => (await t.http().get(`/runs/${id}/metrics`).set('Cookie', operator.cookie)).body.data as { step: number; values: Record<string, number> }[];
    const straightMetrics = await metricsOf(started.body.id);
    expect(straightMetrics.map((m) => m.step)).toEqual([1, 2, 3, 4]);

    // The same run as a worker that died after step 3 leaves it: checkpoint of step 2, no heartbeat for an hour.
    const db = t.app.get(DataSource);
    const original = await db.manager.findOneByOrFail(TrainingRun, { id: started.body.id });
    const orphan = await db.manager.save(
      db.manager.create(TrainingRun, {
        kind: 'ppo',
        status: 'running',
        params: original.params,
        createdBy: operator.user.id,
        step: 3,
        totalSteps: 4,
        attempts: 1,
        checkpointPath: `${original.checkpointPath!.replace(/policy$/, '')}checkpoint-2`,
        heartbeatAt: new Date(Date.now() - 3_600_000),
        startedAt: new Date(Date.now() - 3_600_000),
      }),
    );
    // Meanwhile another policy was promoted: the resumed run still trains from (and against) the one it started from.
    const policies = (await t.http().get('/models/versions?kind=policy').set('Cookie', operator.cookie)).body.data;
    const other = policies.find((v: { status: string; trainingRunId: string | null }) => v.status !== 'serving' && v.trainingRunId === null);
    await t.http().post(`/models/versions/${other.id}/promote`).set('Cookie', operator.cookie).send({ reason: 'meanwhile' }).expect(200);
    expect(await t.app.get(RunWorker).requeueOrphans()).toBe(1);
    const resumed = await waitForRun(orphan.id);
    expect(resumed.error).toBeNull();
    expect(resumed).toMatchObject({ status: 'succeeded', attempts: 2 });
    const [event] = await db.manager.findBy(AuditLog, { entityId: orphan.id, action: 'run.resume' });
    expect(event.data).toMatchObject({ fromStep: 2, attempt: 2 });

    const resumedMetrics = await metricsOf(orphan.id);
    expect(resumedMetrics.map((m) => m.step)).toEqual([3, 4]);
    for (const [i, m] of resumedMetrics.entries()) {
      const expected = straightMetrics[2 + i].values;
      for (const key of ['rewardMean', 'kl', 'beta', 'policyLoss', 'valueLoss', 'entropy', 'approxKl', 'gradNorm']) {
        expect([key, m.values[key]]).toEqual([key, expect.closeTo(expected[key], 5)]);
      }
    }
    expect(resumed.summary.evaluation.candidateReward).toBeCloseTo(straight.summary.evaluation.candidateReward, 5);
    const versions = (await t.http().get('/models/versions?kind=policy').set('Cookie', operator.cookie)).body.data;
    const [straightVersion, resumedVersion] = [straight.modelVersionId, resumed.modelVersionId].map((id) => versions.find((v: { id: string }) => v.id === id));
    expect(resumedVersion.parentId).toBe(straightVersion.parentId);
  });
  it('a run without a checkpoint whose worker died starts over, its earlier metrics dropped', async () => {
    const db = t.app.get(DataSource);
    const lost = await db.manager.save(
      db.manager.create(TrainingRun, {
        kind: 'reward',
        status: 'running',
        params: { datasetId, epochs: 1, batchSize: 2, learningRate: 1e-4, heldoutEvery: 2, seed: 0 },
        createdBy: operator.user.id,
        step: 2,
        totalSteps: 2,
        attempts: 1,
        heartbeatAt: new Date(Date.now() - 3_600_000),
      }),
    );
    await db.manager.insert(RunMetric, [1, 2].map((step) => ({ runId: lost.id, step, values: { loss: 9 } })));
    expect(await t.app.get(RunWorker).requeueOrphans()).toBe(1);
    const run = await waitForRun(lost.id);
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2, error: null });
    const [event] = await db.manager.findBy(AuditLog, { entityId: lost.id, action: 'run.resume' });
    expect(event.data).toMatchObject({ fromStep: 0, checkpointPath: null, droppedMetrics: 2 });
    const metrics = (await t.http().get(`/runs/${lost.id}/metrics`).set('Cookie', operator.cookie)).body.data;
    expect(metrics.map((m: { step: number }) => m.step)).toEqual(Array.from({ length: run.totalSteps }, (_, i) => i + 1));
    expect(metrics.every((m: { values: { loss: number } }) => m.values.loss !== 9)).toBe(true);
  });
});
