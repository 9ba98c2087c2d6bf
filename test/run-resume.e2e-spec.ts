import { jest } from '@jest/globals';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity.js';
import { OPTIMIZER_FILE } from '../src/ml/checkpoint/optimizer-state.js';
import { RunMetric, TrainingRun } from '../src/retrain/runs/training-run.entity.js';
import { COMPILED_WORKER, ensureServerBuild } from './support/server-build.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

jest.setTimeout(300_000);

let t: TestApp;
let trainer: TestUser;
let operator: TestUser;
const workers: ChildProcess[] = [];
const output: string[] = [];

beforeAll(async () => {
  ensureServerBuild();
  // This process serves HTTP only: the runs are worked by the separate worker processes below.
  t = await createTestApp({ WORKER: 'separate' });
  [trainer, operator] = await Promise.all([t.newUser(['trainer']), t.newUser(['operator'])]);
});
afterAll(async () => {
  for (const worker of workers)
    if (worker.exitCode === null && worker.signalCode === null) worker.kill('SIGKILL');
  await t.close();
});

/** `npm run worker` as its own process, on the test database and data folder. */
function startWorker(name: string, env: Record<string, string> = {}): ChildProcess {
  const worker = spawn(process.execPath, [COMPILED_WORKER], {
    env: {
      ...process.env,
      DATABASE_URL: t.databaseUrl,
      DATA_DIR: t.config.dataDir,
      POLICY_CHECKPOINT: t.config.model.policyCheckpoint!,
      SESSION_SECRET: t.config.sessionSecret,
      TFJS_BACKEND: 'cpu',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [worker.stdout!, worker.stderr!])
    stream.on('data', (chunk: Buffer) => output.push(`[${name}] ${chunk.toString()}`));
  workers.push(worker);
  return worker;
}

async function until<T>(what: () => Promise<T | undefined>, ms: number, label: string): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    const value = await what();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${label}: not done within ${ms} ms\n${output.join('').slice(-4000)}`);
}

/** The row itself: the checkpoint folder is not part of the API's view. */
const readRun = (id: string) => t.app.get(DataSource).manager.findOneByOrFail(TrainingRun, { id });

describe('a run whose worker is killed', () => {
  it('is resumed by another worker from its last checkpoint, with its optimizer state, and finishes with gapless metrics', async () => {
    for (let i = 0; i < 6; i++) {
      await t
        .http()
        .post('/retrain/demonstrations')
        .set('Cookie', trainer.cookie)
        .send({
          prompt: [{ role: 'user', content: `Question number ${i}?` }],
          content: `The answer is ${i * 7}.`,
        })
        .expect(201);
    }
    await t
      .http()
      .post('/retrain/datasets')
      .set('Cookie', operator.cookie)
      .send({ name: 'resume' })
      .expect(201);
    // 5 training examples a batch each: 5 steps an epoch, 200 steps, a checkpoint every 10.
    const started = await t
      .http()
      .post('/runs')
      .set('Cookie', operator.cookie)
      .send({ kind: 'sft', params: { epochs: 40, batchSize: 1, learningRate: 1e-3, checkpointEvery: 10 } });
    expect(started.status).toBe(202);
    const id: string = started.body.id;

    const first = startWorker('worker-1');
    const checkpointed = await until(
      async () => {
        const run = await readRun(id);
        const at = Number(/checkpoint-(\d+)$/.exec(run.checkpointPath ?? '')?.[1] ?? 0);
        return at > 0 && run.step > at ? { run, at } : undefined;
      },
      120_000,
      'first checkpoint',
    );
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const killed = await readRun(id);
    const fromStep = Number(/checkpoint-(\d+)$/.exec(killed.checkpointPath ?? '')?.[1]);
    expect(fromStep).toBeGreaterThanOrEqual(checkpointed.at);
    expect(killed).toMatchObject({ status: 'running', attempts: 1 });
    expect(killed.step).toBeGreaterThan(fromStep); // steps after the checkpoint were logged and are now lost
    expect(killed.step).toBeLessThan(killed.totalSteps!);
    expect(existsSync(join(killed.checkpointPath!, OPTIMIZER_FILE))).toBe(true);

    // The second worker presumes the run lost once its heartbeat is a second old, and resumes it.
    startWorker('worker-2', { RUN_STALE_SECONDS: '1' });
    await until(
      async () =>
        ['succeeded', 'failed', 'cancelled'].includes((await readRun(id)).status) ? true : undefined,
      240_000,
      'resumed run',
    );
    const finished = (await t.http().get(`/runs/${id}`).set('Cookie', operator.cookie)).body;
    expect(finished.error).toBeNull();
    expect(finished).toMatchObject({ status: 'succeeded', attempts: 2, step: 200, totalSteps: 200 });
    expect(finished.summary.lossAfter).toBeLessThan(finished.summary.lossBefore);

    const db = t.app.get(DataSource);
    const resumes = await db.manager.findBy(AuditLog, { entityId: id, action: 'run.resume' });
    expect(resumes).toHaveLength(1);
    expect(resumes[0].data).toMatchObject({
      fromStep,
      attempt: 2,
      checkpointPath: killed.checkpointPath,
      droppedMetrics: killed.step - fromStep,
    });

    // Every step logged once, in order; the steps up to the checkpoint were not run again (logged before
    // the resume), the ones after it were (logged after).
    const metrics = await db.manager.find(RunMetric, { where: { runId: id }, order: { id: 'ASC' } });
    expect(metrics.map((m) => m.step)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    const resumedAt = resumes[0].createdAt.getTime();
    expect(metrics.filter((m) => m.step <= fromStep).every((m) => m.createdAt.getTime() < resumedAt)).toBe(
      true,
    );
    expect(metrics.filter((m) => m.step > fromStep).every((m) => m.createdAt.getTime() > resumedAt)).toBe(
      true,
    );

    const version = (
      await t.http().get('/models/versions?kind=policy').set('Cookie', operator.cookie)
    ).body.data.find((v: { id: string }) => v.id === finished.modelVersionId);
    expect(version).toMatchObject({ status: 'candidate', trainingRunId: id });
  });
});
