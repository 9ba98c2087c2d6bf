// page.evaluate() callbacks run in the browser, hence the DOM types.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { basename } from 'node:path';
import type { Page } from 'playwright-core';
import { ModelRegistryService } from '../../src/model/model-registry.service.js';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { writeTinyPolicy } from '../support/tiny-policy.js';
import { browserForTests, type PageOptions, PHONE, screenshot } from './support/browser.js';
import { ensureWebBuild } from './support/web-build.js';
import { chartSummary, domainOf, niceDomain, niceTicks } from '../../web/src/training/chart-scale.js';
import { formatTimeLeft, secondsLeft, secondsPerStep } from '../../web/src/training/eta.js';
import { groupMetrics } from '../../web/src/training/metric-groups.js';
import { parseSetting, settingLabel, SETTINGS } from '../../web/src/training/run-settings.js';

// The operator's console in a real browser against the real app: training runs run in the app's own
// in-process worker (fine-tuning the tiny test policy one demonstration a step, and a content-filter
// retraining), their metrics stream to the page over server-sent events, and promotion and rollback change
// what the app serves. The wasm backend trains many times faster than the plain-JS one other tests use.
jest.setTimeout(600_000);

let t: TestApp;
let baseURL: string;
let operator: TestUser;

const openPageOnApp = browserForTests(() => baseURL);

async function browse(options: PageOptions = {}): Promise<Page> {
  const page = await openPageOnApp({ cookie: operator.cookie, ...options });
  // The in-process worker trains on the server's event loop, so answers can wait until an epoch ends.
  page.setDefaultTimeout(90_000);
  return page;
}

async function api(path: string) {
  const res = await t.http().get(path).set('Cookie', operator.cookie);
  expect(res.status).toBe(200);
  return res.body;
}

/** Demonstrations written by a trainer through the API. */
async function addDemonstrations(count: number): Promise<void> {
  const trainer = await t.newUser(['trainer']);
  for (let i = 0; i < count; i++) {
    const res = await t
      .http()
      .post('/retrain/demonstrations')
      .set('Cookie', trainer.cookie)
      .send({ prompt: [{ role: 'user', content: `Question number ${i}?` }], content: `The answer is ${i}.` });
    expect(res.status).toBe(201);
  }
}

/** Demonstrations frozen into a snapshot: what an SFT run learns from. */
async function seedDemonstrations(count: number): Promise<string> {
  await addDemonstrations(count);
  const snapshot = await t
    .http()
    .post('/retrain/datasets')
    .set('Cookie', operator.cookie)
    .send({ name: 'demonstrations' });
  expect(snapshot.status).toBe(201);
  return snapshot.body.id;
}

/** Starts a fine-tuning run from the form: one demonstration a step, so a run is `epochs` × 5 steps. */
async function startRunInBrowser(page: Page, datasetId: string, epochs: number): Promise<string> {
  await page.goto('/manage/training');
  await page.getByRole('heading', { level: 1, name: 'Training runs' }).waitFor();
  await page.getByLabel('Kind').selectOption('sft');
  await page.getByLabel('Dataset snapshot').selectOption(datasetId);
  await page.getByLabel('Epochs').fill(String(epochs));
  await page.getByLabel('Batch size').fill('1');
  await page.getByRole('button', { name: 'Start run' }).click();
  await page.waitForURL(/\/manage\/training\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

describe('the operator console', () => {
  beforeAll(async () => {
    ensureWebBuild();
    t = await createTestApp({ TFJS_BACKEND: 'wasm' });
    baseURL = await t.listen();
    operator = await t.newUser(['operator']);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('starts a run whose chart grows over server-sent events, then cancels another', async () => {
    const page = await browse();
    const eventStreams: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/events')) eventStreams.push(request.url());
    });
    const datasetId = await seedDemonstrations(6); // 5 to train on, 1 held out
    await page.goto('/manage/training');
    await page.getByText('No runs yet.').waitFor();
    // Settings are checked before anything is sent.
    await page.getByLabel('Kind').selectOption('sft');
    await page.getByLabel('Epochs').fill('0');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByText('Enter a value from 1 to 100.').waitFor();
    await screenshot(page, 'operator-training-start');

    const epochs = 20;
    const steps = epochs * 5;
    const runId = await startRunInBrowser(page, datasetId, epochs);
    const chart = page.getByRole('figure', { name: 'Loss' });
    const points = chart.locator('.chart__point');
    const progress = page.getByRole('progressbar', { name: 'Run progress' });

    // Sample the page while the run goes: the number of plotted points must rise step by step, live.
    const seen: number[] = [];
    const timeLeft: string[] = [];
    let screenshotTaken = false;
    for (const deadline = Date.now() + 400_000; Date.now() < deadline;) {
      const count = await points.count();
      if (count !== seen.at(-1)) seen.push(count);
      const text = (await progress.getAttribute('aria-valuetext')) ?? '';
      if (/left/.test(text)) timeLeft.push(text);
      if (!screenshotTaken && count >= 2 && count < steps) {
        await screenshot(page, 'operator-run-live', { fullPage: true });
        screenshotTaken = true;
      }
      if (await page.getByText('Run succeeded').isVisible()) break;
      await page.waitForTimeout(150);
    }
    await page.getByText('Run succeeded').waitFor({ timeout: 60_000 });
    expect(await points.count()).toBe(steps);
    const growing = seen.filter((n) => n > 0);
    expect(growing.length).toBeGreaterThanOrEqual(3); // seen at several sizes, not all at once
    expect(growing).toEqual([...growing].sort((a, b) => a - b));
    expect(timeLeft.length).toBeGreaterThan(0);
    expect(timeLeft[0]).toMatch(new RegExp(`^Step \\d+ of ${steps}, .*left$`));
    expect(eventStreams).toContain(`${baseURL}/runs/${runId}/events`);
    expect(await progress.getAttribute('aria-valuenow')).toBe(String(steps));

    // The chart is readable without seeing it: a summary and a table of the same numbers.
    const run = await api(`/runs/${runId}`);
    const metrics = (await api(`/runs/${runId}/metrics`)).data as {
      step: number;
      values: { loss: number };
    }[];
    expect(await chart.getByRole('img').getAttribute('aria-label')).toMatch(
      new RegExp(`^Loss\\. loss: ${steps} points, step 1 to ${steps}, latest `),
    );
    await chart.getByText('Data table').click();
    expect(await chart.getByRole('table').getByRole('row').count()).toBe(steps + 1);
    expect(metrics.map((m) => m.step)).toEqual(Array.from({ length: steps }, (_, i) => i + 1));
    await page.getByRole('heading', { name: 'Result' }).waitFor();
    expect(run).toMatchObject({ status: 'succeeded', params: { datasetId, epochs, batchSize: 1 } });
    await screenshot(page, 'operator-run-finished', { fullPage: true });

    // The version it registered, traced back to this run and its snapshot from the models page.
    const versions = (await api('/models/versions?kind=policy')).data as {
      name: string;
      trainingRunId: string;
    }[];
    const trained = versions.find((v) => v.trainingRunId === runId)!;
    await page.getByRole('link', { name: 'see it among the models' }).click();
    await page.getByRole('button', { name: `Lineage of ${trained.name}` }).click();
    const lineage = page.getByRole('dialog', { name: `Lineage of ${trained.name}` });
    await lineage.getByRole('link', { name: `training run ${runId.slice(0, 8)}` }).waitFor();
    await lineage.getByText('demonstrations: 0 rankings, 6 demonstrations, 0 reports').waitFor();
    await screenshot(page, 'operator-lineage-trained');
    await lineage.getByRole('link', { name: `training run ${runId.slice(0, 8)}` }).click();
    await page.waitForURL(`**/manage/training/${runId}`);
    await page.getByText('Run succeeded').waitFor();

    // A long run, cancelled after a confirmation.
    const longRun = await startRunInBrowser(page, datasetId, 100);
    await page.getByRole('button', { name: 'Cancel run' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
    await screenshot(page, 'operator-run-cancel-dialog');
    await dialog.getByRole('button', { name: 'Cancel run' }).click();
    await page.getByText('Run cancelled').waitFor({ timeout: 300_000 });
    expect((await api(`/runs/${longRun}`)).status).toBe('cancelled');
    expect(await page.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);

    // Both runs in the list, newest first.
    await page.getByRole('link', { name: 'Training runs' }).click();
    const rows = page.getByRole('table', { name: 'Training runs, newest first' }).getByRole('row');
    await rows.nth(2).waitFor();
    expect(await rows.nth(1).textContent()).toMatch(/cancelled/);
    expect(await rows.nth(2).textContent()).toMatch(new RegExp(`succeeded${steps} / ${steps}`));
  });

  it('shows a run on a phone in the dark theme, and a missing run as a readable error', async () => {
    const started = await t
      .http()
      .post('/runs')
      .set('Cookie', operator.cookie)
      .send({ kind: 'moderation', params: { epochs: 2 } });
    expect(started.status).toBe(202);
    const page = await browse({ viewport: PHONE, colorScheme: 'dark' });
    await page.goto(`/manage/training/${started.body.id}`);
    await page.getByText('Run succeeded').waitFor({ timeout: 400_000 });
    expect(await page.getByRole('figure', { name: 'Loss' }).locator('.chart__point').count()).toBe(2);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'operator-run-phone-dark', { fullPage: true });

    await page.goto('/manage/training/00000000-0000-4000-8000-000000000000');
    await page.getByRole('alert').filter({ hasText: 'Run not found' }).waitFor();
  });

  it('keeps dataset snapshots with their sizes and growth', async () => {
    const before = (await api('/retrain/datasets')).data.length;
    const page = await browse();
    await page.goto('/manage/datasets');
    await page.getByRole('heading', { level: 1, name: 'Datasets' }).waitFor();
    await page.getByText('Waiting for rankings').waitFor();
    await page.getByRole('button', { name: 'Create snapshot' }).click();
    await page.getByText('Give the snapshot a name.').waitFor();
    await page.getByLabel('Snapshot name').fill('week 1');
    await page.getByRole('button', { name: 'Create snapshot' }).click();
    await page.getByText('Snapshot week 1 created').waitFor();

    await addDemonstrations(2); // the data grows between snapshots
    await page.getByLabel('Snapshot name').fill('week 2');
    await page.getByRole('button', { name: 'Create snapshot' }).click();
    const sizes = async (name: string) =>
      (
        await page
          .getByRole('row', { name: new RegExp(name) })
          .getByRole('cell')
          .allTextContents()
      )
        .slice(0, 3)
        .map(Number);
    await page.getByRole('row', { name: /week 2/ }).waitFor();
    const [week1, week2] = [await sizes('week 1'), await sizes('week 2')];
    expect(week2).toEqual([week1[0], week1[1] + 2, week1[2]]); // rankings, demonstrations, reports

    const listed = (await api('/retrain/datasets')).data as { name: string; demonstrationIds: string[] }[];
    expect(listed.slice(0, 2).map((d) => [d.name, d.demonstrationIds.length])).toEqual([
      ['week 2', week2[1]],
      ['week 1', week1[1]],
    ]);
    const growth = page.getByRole('figure', { name: 'Dataset size' });
    expect(await growth.locator('.chart__point').count()).toBe(3 * (before + 2)); // three series, one point a snapshot
    expect(await growth.getByRole('img').getAttribute('aria-label')).toContain(
      `Demonstrations: ${before + 2} points, snapshot 1 to ${before + 2}, latest ${week2[1]}`,
    );
    await screenshot(page, 'operator-datasets', { fullPage: true });

    const href = await page
      .getByRole('link', { name: 'Export week 2 demonstrations for OpenAI fine-tuning' })
      .getAttribute('href');
    const exported = await t
      .http()
      .get(href!)
      .set('Cookie', operator.cookie)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('application/jsonl');
    expect(String(exported.body).trim().split('\n')).toHaveLength(week2[1]);
  });

  it('shows versions with metrics and lineage, and promotes and rolls back with confirmation', async () => {
    const registry = t.app.get(ModelRegistryService);
    // The policy the app started with (other tests may have trained more).
    const base = (await api('/models/versions?kind=policy')).data.find(
      (v: { trainingRunId: string | null }) => v.trainingRunId === null,
    );
    if (base.status !== 'serving') {
      const promotedBase = await t
        .http()
        .post(`/models/versions/${base.id}/promote`)
        .set('Cookie', operator.cookie)
        .send({ reason: 'first' });
      expect(promotedBase.status).toBe(200);
    }
    const dir = await writeTinyPolicy();
    const candidate = await registry.registerCandidate({
      kind: 'policy',
      name: basename(dir),
      checkpointPath: dir,
      parentId: base.id,
      metrics: { heldoutLoss: 2.5, evaluation: { winRate: 0.625 } },
      trainingRunId: null,
    });

    const page = await browse();
    await page.goto('/manage/models');
    const row = page.getByRole('row', { name: new RegExp(candidate.name) });
    await row.getByText('heldoutLoss').waitFor();
    expect(await row.textContent()).toContain('heldoutLoss 2.500');
    expect(await row.textContent()).toContain('evaluation.winRate 0.625'); // nested metrics, flattened
    expect(await row.textContent()).toContain(`from ${base.name}`);

    await row.getByRole('button', { name: `Lineage of ${candidate.name}` }).click();
    const lineage = page.getByRole('dialog', { name: `Lineage of ${candidate.name}` });
    const chain = lineage.getByRole('list').first();
    await chain.getByText(base.name).waitFor();
    expect((await chain.getByRole('listitem').allTextContents()).map((s) => s.split(' ')[0])).toEqual([
      candidate.name,
      base.name,
    ]);
    await screenshot(page, 'operator-lineage');
    await lineage.getByRole('button', { name: 'Close' }).click();

    await row.getByRole('button', { name: `Promote ${candidate.name}` }).click();
    const promote = page.getByRole('dialog', { name: `Promote ${candidate.name}?` });
    await promote.getByRole('button', { name: 'Promote' }).click();
    await promote.getByText('Say why: it is kept in the audit log.').waitFor();
    expect((await api('/models/serving')).policy.id).toBe(base.id); // nothing changed without confirming
    await promote.getByLabel('Reason').fill('lower held-out loss');
    await screenshot(page, 'operator-promote-dialog');
    await promote.getByRole('button', { name: 'Promote' }).click();
    await page.getByText(`${candidate.name} is now serving`).waitFor();
    const afterPromote = await api('/models/serving');
    expect(afterPromote.policy.id).toBe(candidate.id);
    expect(afterPromote.provider.model).toBe(candidate.name);
    await page.getByRole('region', { name: 'Serving now' }).getByText(candidate.name).first().waitFor(); // policy and model name

    await page.getByRole('button', { name: 'Roll back' }).click();
    const rollback = page.getByRole('dialog', { name: 'Roll back?' });
    expect(await rollback.getByLabel('Model kind').inputValue()).toBe('policy');
    await rollback.getByLabel('Reason').fill('answers got worse');
    await rollback.getByRole('button', { name: 'Roll back' }).click();
    await page.getByText(`Rolled back: ${base.name} is serving again`).waitFor();
    expect((await api('/models/serving')).policy.id).toBe(base.id);
    await screenshot(page, 'operator-models', { fullPage: true });

    // Nothing earlier to go back to for the reward model: the refusal is shown in the dialog.
    await page.getByRole('button', { name: 'Roll back' }).click();
    await rollback.getByLabel('Model kind').selectOption('reward');
    await rollback.getByLabel('Reason').fill('try');
    await rollback.getByRole('button', { name: 'Roll back' }).click();
    await rollback
      .getByRole('alert')
      .filter({ hasText: 'No earlier reward version to roll back to' })
      .waitFor();
    expect((await api('/models/serving')).policy.id).toBe(base.id);
  });
});

// The console's pure logic, run in Node: axes, time left, which metrics share a chart, settings checks.
describe('operator console logic', () => {
  it('puts round ticks on axes, whole numbers for steps and counts', () => {
    expect(niceTicks({ min: 0, max: 1 }, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks({ min: 1, max: 5 }, 8, true)).toEqual([1, 2, 3, 4, 5]);
    expect(niceTicks({ min: 0.0087, max: 0.0111 }, 4)).toEqual([0.009, 0.01, 0.011]);
    expect(domainOf([3, 3])).toEqual({ min: 2.7, max: 3.3 });
    expect(domainOf([0, 0], true)).toEqual({ min: 0, max: 1 });
    expect(domainOf([4, 9], true)).toEqual({ min: 0, max: 9 });
    // Widened to whole tick steps: 5.43..5.57 in steps of 0.05 becomes 5.4..5.6.
    expect(niceDomain({ min: 5.43, max: 5.57 }, 4)).toEqual({ min: 5.4, max: 5.6 });
    expect(niceDomain({ min: 0, max: 9 }, 4, true)).toEqual({ min: 0, max: 10 });
  });

  it('estimates time left from the pace of recent steps', () => {
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    // Steps 1..3 logged 10 s apart after a slow first step: the pace is 10 s a step.
    const steps = [
      { step: 1, at: at(30) },
      { step: 2, at: at(40) },
      { step: 3, at: at(50) },
    ];
    expect(secondsPerStep(steps, at(0))).toBe(10);
    expect(secondsPerStep(steps.slice(0, 1), at(0))).toBe(30); // one step: measured from the start
    expect(secondsPerStep([], at(0))).toBeNull();
    expect(secondsLeft(3, 12, 10)).toBe(90);
    expect(secondsLeft(12, 12, 10)).toBeNull();
    expect([formatTimeLeft(5), formatTimeLeft(42), formatTimeLeft(90), formatTimeLeft(4980)]).toEqual([
      'a few seconds left',
      'about 40 s left',
      'about 2 min left',
      'about 1 h 23 min left',
    ]);
  });

  it('groups metrics into reward, KL, loss and accuracy charts, the rest one chart each', () => {
    const metrics = [1, 2].map((step) => ({
      id: String(step),
      step,
      at: '',
      values: { rewardMean: step, kl: 0.1 * step, policyLoss: 1, valueLoss: 2, accuracy: 0.5, entropy: 3 },
    }));
    const groups = groupMetrics(metrics);
    expect(groups.map((g) => [g.title, g.series.map((s) => s.name)])).toEqual([
      ['Reward', ['rewardMean']],
      ['KL', ['kl']],
      ['Loss', ['policyLoss', 'valueLoss']],
      ['Accuracy', ['accuracy']],
      ['entropy', ['entropy']],
    ]);
    expect(groups[0].series[0].points).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 2 },
    ]);
    expect(chartSummary('Reward', groups[0].series, 'Step')).toBe(
      'Reward. rewardMean: 2 points, step 1 to 2, latest 2, min 1, max 2.',
    );
  });

  it('checks settings against the bounds the server enforces', () => {
    const epochs = SETTINGS.moderation.find((s) => s.key === 'epochs')!;
    expect(parseSetting(epochs, '')).toEqual({});
    expect(parseSetting(epochs, '12')).toEqual({ value: 12 });
    expect(parseSetting(epochs, '0').error).toBe('Enter a value from 1 to 100.');
    expect(parseSetting(epochs, '1.5').error).toBe('Enter a whole number from 1 to 100.');
    const rate = SETTINGS.ppo.find((s) => s.key === 'learningRate')!;
    expect(parseSetting(rate, '1e-5')).toEqual({ value: 1e-5 });
  });

  it("names a run's settings as its form does, and spells out the others", () => {
    expect(settingLabel('ppo', 'learningRate')).toBe(
      SETTINGS.ppo.find((s) => s.key === 'learningRate')!.label,
    );
    expect(settingLabel('sft', 'datasetId')).toBe('Dataset');
    expect(settingLabel('sft', 'heldOutEvery')).toBe('Held out every');
  });
});
