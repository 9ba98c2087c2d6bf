// page.evaluate() callbacks run in the browser, hence the DOM types.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Clock } from '../../src/contest/clock.js';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { browserForTests, screenshot } from './support/browser.js';
import { startScriptedModel, type ScriptedModel } from './support/scripted-model.js';
import { ensureWebBuild } from './support/web-build.js';

// The whole story in one app and one database, every step in the browser: a user registers, chats, rates and
// reports a streamed reply and enters it into a contest; a trainer accepts the report and ranks the task its
// acceptance made; the admin screens the entry, starts judging and assigns judges; a judge scores the entry
// blind; the admin finalises after the preview and the user sees the award; an operator snapshots the data
// (the trainer's demonstration among it) and watches a fine-tuning run's chart grow. Chat replies come from a
// scripted model through the app's remote provider; training runs in the app's in-process worker on the
// test policy, registered as the serving policy the way an embedded deployment registers it at start.
jest.setTimeout(300_000);

let model: ScriptedModel;
let t: TestApp;
let baseURL: string;
let admin: TestUser;
let trainer: TestUser;
let operator: TestUser;
let judges: TestUser[];
/** How far the server's clock (contest windows only) is ahead of the real one. */
let clockAhead = 0;

const DAY = 24 * 3600_000;
const TITLE = 'Journey contest';
const RULES = 'No purchase necessary. Entrants must be at least 18 years old. One entry each.';
const USER_NAME = 'Grace Journeywoman';

beforeAll(async () => {
  ensureWebBuild();
  model = await startScriptedModel();
  t = await createTestApp({
    MODEL_PROVIDER: 'openai-compatible',
    MODEL_BASE_URL: model.url,
    MODEL_NAME: model.name,
    TFJS_BACKEND: 'wasm',
  });
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + clockAhead));
  // Chat is served remotely: the operator's run trains the project's own policy (the configured tiny one).
  baseURL = await t.listen();
  [admin, trainer, operator, ...judges] = await Promise.all([
    t.newUser(['admin']),
    t.newUser(['trainer']),
    t.newUser(['operator']),
    t.newUser(['judge']),
    t.newUser(['judge']),
  ]);
});

afterAll(async () => {
  await t?.close();
  await model?.close();
});

const browse = browserForTests(() => baseURL);

async function cookieOf(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

/** Polls `what` until it gives a value (for background jobs no page waits on). */
async function until<T>(what: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    const value = await what();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not done within ${ms} ms`);
}

/** The contest the story is about: created and opened by the admin through the API, open now. */
async function openContest(): Promise<string> {
  const slug = `journey-${Date.now().toString(36)}`;
  const created = await t.as(admin).post('/admin/contests', {
    slug,
    title: TITLE,
    rules: RULES,
    opensAt: new Date(Date.now() - 3600_000).toISOString(),
    closesAt: new Date(Date.now() + DAY).toISOString(),
    judgingDeadline: new Date(Date.now() + 14 * DAY).toISOString(),
    prizePool: 500,
    winners: 1,
    judgesPerEntry: 2,
  });
  expect(created.status).toBe(201);
  expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'open' })).status).toBe(200);
  return slug;
}

describe('the whole journey', () => {
  it('from a new user’s report to a paid award, a ranked task and a training run', async () => {
    const slug = await openContest();

    // 1. A new user registers and chats; the reply streams in.
    const user = await browse();
    await user.goto('/register');
    await user.getByLabel('Display name').fill(USER_NAME);
    await user.getByLabel('Email').fill('grace.journey@example.com');
    await user.getByLabel('Password').fill('a long enough password');
    await screenshot(user, 'journey-register');
    await user.getByRole('button', { name: 'Create account' }).click();
    await user.waitForURL('**/chat');
    const userCookie = await cookieOf(user);

    await user.getByRole('button', { name: 'Reply settings' }).click();
    await user.getByLabel('Max tokens').fill('30');
    await user.getByRole('button', { name: 'Reply settings' }).click();
    const composer = user.getByRole('textbox', { name: 'Message' });
    await composer.fill('How does learning from human feedback work?');
    await composer.press('Enter');
    await user.locator('.msg__text--streaming').waitFor();
    await screenshot(user, 'journey-chat-streaming');
    await user.locator('.msg--assistant:not([data-status="streaming"]) .msg__meta').waitFor();
    const reply = user.locator('.msg--assistant').last();
    const replyId = (await reply.getAttribute('data-message-id'))!;

    // 2. Thumbs down, with a reason.
    await reply.getByRole('button', { name: 'Bad reply' }).click();
    const why = user.getByRole('dialog', { name: 'What was wrong with this reply?' });
    await why.getByRole('button', { name: 'Untrue' }).click();
    await why.getByLabel('Comment').fill('It leaves out who writes the rankings');
    await screenshot(user, 'journey-thumbs-down');
    await why.getByRole('button', { name: 'Send feedback' }).click();
    await why.waitFor({ state: 'detached' });
    expect(await reply.getByRole('button', { name: 'Bad reply' }).getAttribute('aria-pressed')).toBe('true');

    // 3. Reported, and entered into the contest.
    await reply.getByRole('button', { name: 'Report' }).click();
    const report = user.getByRole('dialog', { name: 'Report this message' });
    expect(await report.getByLabel('What is wrong?').inputValue()).toBe('harmful_output');
    await report.getByLabel('Description').fill('The reply presents a made-up account as fact.');
    await report.getByRole('checkbox', { name: `Enter this in the contest “${TITLE}”` }).check();
    await report.getByLabel('Your age').fill('34');
    await report.getByLabel('Country of residence').fill('GB');
    await report.getByLabel('Write-up').fill('The model invents details about how it was trained.');
    await report.getByRole('checkbox', { name: /I accept the rules \(version 1\)/ }).check();
    await screenshot(user, 'journey-report', { fullPage: true });
    await report.getByRole('button', { name: 'Send and enter' }).click();
    await user.getByRole('dialog', { name: 'Thank you' }).getByText(`It is entered in ${TITLE}.`).waitFor();
    const [filed] = (await t.as(userCookie).get('/reports')).body.data;
    expect(filed).toMatchObject({ kind: 'harmful_output', messageId: replyId, status: 'new' });
    const [entry] = (await t.as(userCookie).get('/contest-entries')).body.data;
    expect(entry).toMatchObject({ contest: { slug }, reportIds: [filed.id] });
    const entryLabel = `Entry ${(entry.id as string).slice(0, 8)}`;

    // 4. A trainer accepts the report; accepting it makes a ranking task, sampled in the background.
    const review = await browse({ cookie: trainer.cookie });
    await review.goto('/chat');
    await review.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
    await review.waitForURL('**/review/triage');
    await review
      .getByRole('list', { name: 'Reports' })
      .getByRole('link', { name: 'The reply presents a made-up account as fact.' })
      .click();
    await review.waitForURL(`**/review/triage/${filed.id}`);
    const thread = review.getByRole('list', { name: 'Conversation up to the reported message' });
    await thread.getByText('How does learning from human feedback work?').waitFor();
    expect(await review.getByRole('radio', { name: /Accept/ }).isChecked()).toBe(true);
    await screenshot(review, 'journey-triage', { fullPage: true });
    await review.getByRole('button', { name: 'Save decision' }).click();
    await review.getByText('Saved: Accepted').waitFor();

    const task = await until(async () => {
      const open = (await t.as(operator).get('/retrain/tasks?status=open&limit=100')).body.data;
      return open.find((x: { reportId: string }) => x.reportId === filed.id) as
        { id: string; k: number } | undefined;
    });
    expect(task.k).toBe(4);

    // 5. The trainer ranks it: none is acceptable, so they write the reply it should have been.
    await review.goto('/review/ranking');
    await review.getByRole('heading', { name: 'Replies (4)' }).waitFor();
    await review
      .getByRole('list', { name: 'Conversation' })
      .getByText('How does learning from human feedback work?')
      .waitFor();
    await review.getByRole('button', { name: 'Move reply C up' }).click();
    await review.getByLabel(/All unacceptable/).check();
    await review.getByText('A > C > B > D').waitFor();
    await screenshot(review, 'journey-ranking', { fullPage: true });
    await review.getByRole('button', { name: 'Submit ranking' }).click();
    await review.getByText('Ranking saved').waitFor();
    expect((await t.as(operator).get('/retrain/tasks?status=complete&limit=100')).body.data).toEqual([
      expect.objectContaining({ id: task.id }),
    ]);
    await review.getByRole('button', { name: 'Write a better reply' }).click();
    await review.waitForURL('**/review/demonstrations');
    await review
      .getByRole('textbox', { name: 'Reply', exact: true })
      .fill('People rank several replies; a reward model learns from those rankings.');
    await review.getByRole('button', { name: 'Save demonstration' }).click();
    await review.getByText('Written from scratch.').waitFor();
    await screenshot(review, 'journey-demonstration');

    // 6. The admin screens the entry, builds the panel, closes entries and assigns judges.
    const manage = await browse({ cookie: admin.cookie });
    await manage.goto(`/manage/contests/${slug}`);
    await manage.getByRole('heading', { level: 1, name: new RegExp(TITLE) }).waitFor();
    await manage.getByRole('tab', { name: 'Entries' }).click();
    await manage.getByRole('row', { name: entryLabel }).getByRole('button', { name: 'Eligible' }).click();
    await manage.getByText(`${entryLabel} is eligible`).waitFor();
    await manage.getByRole('tab', { name: 'Judges' }).click();
    for (const judge of judges) {
      await manage.getByLabel('Add a judge').selectOption({ label: judge.email });
      await manage.getByRole('button', { name: 'Add judge' }).click();
      await manage.getByRole('button', { name: `Remove ${judge.email}` }).waitFor();
    }
    clockAhead = 2 * DAY; // the entry window has closed
    await manage.getByRole('button', { name: 'Close entries and start judging' }).click();
    await manage
      .getByRole('dialog', { name: 'Close entries and start judging?' })
      .getByRole('button', { name: 'Start judging' })
      .click();
    await manage.getByText('The contest is now judging').waitFor();
    await manage.getByRole('button', { name: 'Assign entries to judges' }).click();
    await manage.getByText('2 assignments made').waitFor();
    await screenshot(manage, 'journey-admin-judging', { fullPage: true });

    // 7. The first judge scores the entry blind, in the browser; the second through the API.
    const judging = await browse({ cookie: judges[0].cookie });
    await judging.goto('/judge');
    await judging.getByRole('heading', { name: TITLE }).waitFor();
    await judging.getByRole('link', { name: `Open queue of ${TITLE}` }).click();
    await judging.getByRole('link', { name: 'Score the next entry' }).click();
    await judging.getByRole('heading', { level: 2, name: 'Your score' }).waitFor();
    await judging.getByText('The model invents details about how it was trained.').first().waitFor();
    for (const secret of [USER_NAME, 'grace.journey@example.com', entry.id as string]) {
      expect(await judging.content()).not.toContain(secret);
    }
    await judging.getByLabel('Real-world harm', { exact: true }).selectOption('8');
    await judging.getByLabel('Novelty', { exact: true }).selectOption('6');
    await judging.getByLabel('Ideas for wider feedback', { exact: true }).selectOption('7');
    expect(await judging.getByTestId('live-total').textContent()).toBe('7.00');
    await screenshot(judging, 'journey-judge-score', { fullPage: true });
    await judging.getByRole('button', { name: 'Submit score' }).click();
    await judging.getByText('Score submitted: 7.00').waitFor();

    const [second] = (await t.as(judges[1]).get(`/judging/assignments?contest=${slug}`)).body.data;
    const scored = await t.as(judges[1]).put(`/judging/assignments/${second.id}/score`, {
      values: { harm: 6, novelty: 5, stakeholder_ideas: 4 },
    });
    expect(scored.status).toBe(200);

    // 8. The admin finalises after the preview of awards.
    await manage.getByRole('button', { name: 'Review standings and finalise' }).click();
    await manage.getByText('0 scores still to come').waitFor();
    await manage.getByRole('button', { name: 'Finalise…' }).click();
    const confirm = manage.getByRole('dialog', { name: 'Finalise and pay the awards?' });
    const winner = confirm
      .getByRole('table', { name: 'Awards to be paid' })
      .getByRole('row', { name: new RegExp(entryLabel) });
    expect(await winner.getByRole('cell').allTextContents()).toEqual([
      '1',
      entryLabel,
      expect.stringMatching(/^-?\d+\.\d\d$/),
      '500 credits',
    ]);
    await screenshot(manage, 'journey-finalise-preview');
    expect((await t.as(userCookie).get('/credits/balance')).body.balance).toBe(0);
    await confirm.getByRole('button', { name: 'Finalise and pay 500 credits' }).click();
    await manage.getByText('Finalised: 500 credits paid to 1 winner').waitFor();
    await manage.getByRole('heading', { level: 1, name: /finalised/ }).waitFor();

    // 9. The user sees the award: balance, ledger and notice.
    await user.goto('/account');
    await user.getByTestId('credit-balance').getByText('500.00').waitFor();
    await user
      .getByRole('table', { name: 'Credit ledger, newest first' })
      .getByRole('row', { name: new RegExp(`Award for rank 1 in “${TITLE}” \\+500\\.00`) })
      .waitFor();
    await user
      .getByRole('list', { name: 'Notifications' })
      .getByText(`You won 500 credits in “${TITLE}”`)
      .waitFor();
    await screenshot(user, 'journey-award', { fullPage: true });

    // 10. An operator snapshots the data and fine-tunes on it, watching the loss chart grow.
    const ops = await browse({ cookie: operator.cookie });
    ops.setDefaultTimeout(60_000); // the in-process worker trains on the server's event loop
    await ops.goto('/manage/datasets');
    await ops.getByLabel('Snapshot name').fill('journey');
    await ops.getByRole('button', { name: 'Create snapshot' }).click();
    await ops.getByText('Snapshot journey created').waitFor();
    const [dataset] = (await t.as(operator).get('/retrain/datasets')).body.data;
    // The trainer's ranking and demonstration and the user's accepted report are what it holds.
    expect(dataset).toMatchObject({
      name: 'journey',
      rankingIds: [expect.any(String)],
      demonstrationIds: [expect.any(String)],
      reportIds: [filed.id],
    });

    const epochs = 100; // one demonstration, one step an epoch: a few seconds of training
    await ops.goto('/manage/training');
    await ops.getByRole('heading', { level: 1, name: 'Training runs' }).waitFor();
    await ops.getByLabel('Kind').selectOption('sft');
    await ops.getByLabel('Dataset snapshot').selectOption(dataset.id);
    await ops.getByLabel('Epochs').fill(String(epochs));
    await ops.getByLabel('Batch size').fill('1');
    await ops.getByRole('button', { name: 'Start run' }).click();
    await ops.waitForURL(/\/manage\/training\/[0-9a-f-]{36}$/);
    const runId = ops.url().split('/').pop()!;
    const points = ops.getByRole('figure', { name: 'Loss' }).locator('.chart__point');
    const seen: number[] = [];
    let liveShot = false;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline;) {
      const count = await points.count();
      if (count !== seen.at(-1)) seen.push(count);
      if (!liveShot && count >= 2 && count < epochs) {
        await screenshot(ops, 'journey-run-live', { fullPage: true });
        liveShot = true;
      }
      if (await ops.getByText('Run succeeded').isVisible()) break;
      await ops.waitForTimeout(100);
    }
    await ops.getByText('Run succeeded').waitFor();
    expect(await points.count()).toBe(epochs);
    const growing = seen.filter((n) => n > 0);
    expect(growing.length).toBeGreaterThanOrEqual(3); // seen at several sizes, not all at once
    expect(growing).toEqual([...growing].sort((a, b) => a - b));
    expect((await t.as(operator).get(`/runs/${runId}`)).body).toMatchObject({
      status: 'succeeded',
      params: { datasetId: dataset.id, epochs, batchSize: 1 },
      summary: { trainExamples: 1 },
    });
    await screenshot(ops, 'journey-run-finished', { fullPage: true });
  });
});
