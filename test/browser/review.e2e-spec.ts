// page.evaluate() callbacks run in the browser, hence the DOM types.
/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { describeRanking, move, ranksOf } from '../../web/src/review/ranking.js';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { browserForTests, type PageOptions, PHONE, screenshot } from './support/browser.js';
import { ensureWebBuild } from './support/web-build.js';

// The trainer's console in a real browser against the real app and its embedded random-weight model:
// triage (filters, the snapshot, similar reports, each decision, the refusal of one's own report), ranking
// (drag, keyboard, ties, "all unacceptable", read back from the database) and demonstrations.
let t: TestApp;
let baseURL: string;
let alice: TestUser; // reports replies
let tom: TestUser; // a trainer who also reports
let tia: TestUser; // a trainer
let operator: TestUser;

beforeAll(async () => {
  ensureWebBuild();
  t = await createTestApp();
  baseURL = await t.listen();
  [alice, tom, tia, operator] = await Promise.all([
    t.newUser(),
    t.newUser(['trainer']),
    t.newUser(['trainer']),
    t.newUser(['operator']),
  ]);
});

afterAll(async () => {
  await t?.close();
});

const openPageOnApp = browserForTests(() => baseURL);
const browse = (user: TestUser, options: PageOptions = {}) =>
  openPageOnApp({ cookie: user.cookie, ...options });

/** One exchange with the model; returns the reply's id. */
async function reply(user: TestUser, content: string): Promise<string> {
  const conversation = (await t.http().post('/conversations').set('Cookie', user.cookie).send({})).body.id;
  const sent = await t
    .http()
    .post(`/conversations/${conversation}/messages`)
    .set('Cookie', user.cookie)
    .send({ content, sampling: { maxTokens: 4, seed: 1 } });
  expect(sent.status).toBe(201);
  return sent.body.assistantMessage.id;
}

async function fileReport(
  user: TestUser,
  body: { kind: string; messageId: string; description: string; categories?: string[] },
) {
  const res = await t.http().post('/reports').set('Cookie', user.cookie).send(body);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

const triaged = async (id: string) =>
  (await t.http().get(`/triage/reports/${id}`).set('Cookie', tia.cookie)).body;

async function until<T>(what: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    const value = await what();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`not done within ${ms} ms`);
}

/** An accepted report of alice's, turned into a ranking task of 4 replies; resolves once it is open. */
async function openTask(prompt: string): Promise<string> {
  const reportId = await fileReport(alice, {
    kind: 'harmful_output',
    messageId: await reply(alice, prompt),
    description: 'bad reply',
  });
  await t
    .http()
    .post(`/triage/reports/${reportId}/decisions`)
    .set('Cookie', tom.cookie)
    .send({ decision: 'accepted' })
    .expect(200);
  await t
    .http()
    .post('/retrain/tasks/from-reports')
    .set('Cookie', operator.cookie)
    .send({ k: 4, maxTokens: 4 })
    .expect(202);
  return until(async () => {
    const tasks = (await t.http().get('/retrain/tasks?status=open&limit=100').set('Cookie', operator.cookie))
      .body.data;
    return tasks.find((x: { reportId: string }) => x.reportId === reportId)?.id as string | undefined;
  });
}

/** Polls `read` until it gives `want` (or time runs out); returns the last value read, for the assertion. */
async function settled<T>(read: () => Promise<T>, want: T, ms = 10_000): Promise<T> {
  let value = await read();
  for (
    const deadline = Date.now() + ms;
    JSON.stringify(value) !== JSON.stringify(want) && Date.now() < deadline;
  ) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** The open task whose conversation the ranking page shows (each test's prompts differ). */
async function taskOnScreen(
  page: Page,
): Promise<{ id: string; prompt: { role: string; content: string }[] }> {
  const last = await page
    .getByRole('list', { name: 'Conversation' })
    .locator('.snapshot__text')
    .last()
    .textContent();
  const tasks = (await t.http().get('/retrain/tasks?status=open&limit=100').set('Cookie', operator.cookie))
    .body.data;
  const shown = tasks.filter((x: { prompt: { content: string }[] }) => x.prompt.at(-1)?.content === last);
  expect(shown).toHaveLength(1);
  return shown[0];
}

const cardOrder = (page: Page) =>
  page.locator('.rank-card').evaluateAll((cards) => cards.map((c) => (c as HTMLElement).dataset.candidate));

describe('the trainer console', () => {
  it('triages reports: filters, the snapshot, similar reports, each decision, and not one’s own', async () => {
    const violent = await reply(alice, 'Describe a fight');
    const first = await fileReport(alice, {
      kind: 'harmful_output',
      messageId: violent,
      categories: ['violence'],
      description: 'Describes violence in detail',
    });
    const again = await fileReport(alice, {
      kind: 'harmful_output',
      messageId: violent,
      description: 'Same reply, reported again',
    });
    const unclear = await fileReport(alice, {
      kind: 'bias',
      messageId: await reply(alice, 'Who makes a good nurse?'),
      description: 'It is biased',
    });
    const own = await fileReport(tom, {
      kind: 'harmful_output',
      messageId: await reply(tom, 'Hello'),
      description: 'My own report',
    });

    const page = await browse(tom);
    await page.goto('/chat');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review' }).click();
    await page.waitForURL('**/review/triage');
    const items = page.getByRole('list', { name: 'Reports' }).getByRole('link');
    await items.first().waitFor();
    expect(await items.allTextContents()).toEqual([
      'Describes violence in detail',
      'Same reply, reported again',
      'It is biased',
      'My own report',
    ]);
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Same reply, reported again' })
      .getByText('1 similar')
      .waitFor();
    await screenshot(page, 'review-triage-queue', { fullPage: true });

    await page.getByLabel('Kind').selectOption('bias');
    await page.waitForURL('**/review/triage?kind=bias');
    expect(await settled(() => items.allTextContents(), ['It is biased'])).toEqual(['It is biased']);
    await page.getByLabel('Kind').selectOption('');
    await page.getByLabel('Category').selectOption('violence');
    await page.waitForURL('**/review/triage?category=violence');
    expect(await settled(() => items.allTextContents(), ['Describes violence in detail'])).toEqual([
      'Describes violence in detail',
    ]);
    await page.getByLabel('Status').selectOption('accepted');
    await page.getByText('No accepted reports match these filters.').waitFor();
    await page.getByLabel('Status').selectOption('new');

    // Accept: the snapshot shows what the reporter saw.
    await items.first().click();
    await page.waitForURL(`**/review/triage/${first}`);
    await page.getByRole('heading', { name: 'Harmful output report' }).waitFor();
    const thread = page.getByRole('list', { name: 'Conversation up to the reported message' });
    expect(await thread.getByRole('listitem').count()).toBe(2);
    await thread.getByText('Describe a fight').waitFor();
    await thread.getByRole('listitem').last().getByText('reported').waitFor();
    await page.getByText('No earlier report looks like this one.').waitFor();
    await screenshot(page, 'review-triage-report', { fullPage: true });
    expect(await page.getByRole('radio', { name: /Accept/ }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Saved: Accepted').waitFor();
    expect((await triaged(first)).status).toBe('accepted');

    // Duplicate: picked from the similar reports.
    await page.goto(`/review/triage/${again}`);
    const similar = page.getByRole('list', { name: 'Similar earlier reports' });
    await similar.getByText('Same message').waitFor();
    await similar.getByRole('button', { name: `Mark as duplicate of ${first.slice(0, 8)}` }).click();
    expect(await page.getByRole('radio', { name: /Duplicate/ }).isChecked()).toBe(true);
    expect(await page.getByLabel('Earlier report ID').inputValue()).toBe(first);
    await screenshot(page, 'review-triage-duplicate', { fullPage: true });
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Saved: Duplicate').waitFor();
    expect(await triaged(again)).toMatchObject({ status: 'duplicate', duplicateOf: first });

    // Needs info: the question is required, and reaches the report's history.
    await page.goto(`/review/triage/${unclear}`);
    await page.getByRole('radio', { name: /Needs info/ }).check();
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Write the question the reporter should answer.').waitFor();
    await page.getByLabel('Question for the reporter').fill('Which part of the reply is biased?');
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByText('Saved: Needs info').waitFor();
    await page.getByText('Which part of the reply is biased?').waitFor(); // in the history
    const asked = await triaged(unclear);
    expect(asked.status).toBe('needs_info');
    expect(asked.events.at(-1)).toMatchObject({
      toStatus: 'needs_info',
      note: 'Which part of the reply is biased?',
    });

    // One's own report: the server refuses, and says why.
    await page.goto(`/review/triage/${own}`);
    await page.getByText('You filed this report; another reviewer has to decide it.').waitFor();
    await page.getByRole('button', { name: 'Save decision' }).click();
    await page.getByRole('alert').filter({ hasText: 'You cannot triage your own report' }).waitFor();
    await screenshot(page, 'review-triage-own-refused', { fullPage: true });
    expect((await triaged(own)).status).toBe('new');

    // A phone, in the dark.
    const phone = await browse(tia, { viewport: PHONE, colorScheme: 'dark' });
    await phone.goto(`/review/triage/${again}`);
    await phone.getByText('This report was already decided: Duplicate.').waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'review-triage-report-phone-dark', { fullPage: true });
  });

  it('ranks a task by dragging and by keyboard, with a tie and "all unacceptable", as the server stores it', async () => {
    await openTask('Tell me something rude');
    const page = await browse(tia);
    await page.goto('/review/ranking');
    await page.getByRole('heading', { name: 'Replies (4)' }).waitFor();
    expect(await cardOrder(page)).toEqual(['A', 'B', 'C', 'D']);
    const shown = await taskOnScreen(page);

    await page.locator('[data-candidate="D"]').dragTo(page.locator('[data-candidate="A"]'));
    expect(await cardOrder(page)).toEqual(['D', 'A', 'B', 'C']);

    const a = page.getByRole('listitem', { name: /^Reply A, position 2 of 4/ });
    await a.focus();
    await page.keyboard.press('Alt+ArrowDown');
    expect(await cardOrder(page)).toEqual(['D', 'B', 'A', 'C']);
    await page.getByRole('status').filter({ hasText: 'Reply A moved to position 3 of 4.' }).waitFor();
    await page.keyboard.press('Alt+ArrowDown'); // the moved card keeps the focus
    expect(await cardOrder(page)).toEqual(['D', 'B', 'C', 'A']);
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.candidate)).toBe('A');

    await page.getByRole('button', { name: 'Move reply C up' }).click();
    expect(await cardOrder(page)).toEqual(['D', 'C', 'B', 'A']);
    // The pressed button keeps the focus, so it can be pressed again.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Move reply C up',
    );
    await page.locator('[data-candidate="B"]').getByLabel('Tie with reply C above').check();
    await page.getByLabel(/All unacceptable/).check();
    await page.getByText('D > C = B > A').waitFor();
    await screenshot(page, 'review-ranking', { fullPage: true });

    await page.getByRole('button', { name: 'Submit ranking' }).click();
    await page.getByText('Ranking saved').waitFor();
    await screenshot(page, 'review-ranking-saved');
    // Ranks are per candidate in the task's order (A, B, C, D), 0 best.
    const stored = await t.app
      .get(DataSource)
      .query('SELECT ranks, all_unacceptable FROM task_rankings WHERE task_id = $1 AND trainer_id = $2', [
        shown.id,
        tia.user.id,
      ]);
    expect(stored).toEqual([{ ranks: [2, 1, 1, 0], all_unacceptable: true }]);

    // All unacceptable: write the reply it should have been, starting from the model's suggestion.
    await page.getByRole('button', { name: 'Write a better reply' }).click();
    await page.waitForURL('**/review/demonstrations');
    expect(await page.getByLabel('Message 1', { exact: true }).inputValue()).toBe(shown.prompt[0].content);
    const suggested = page.waitForResponse('**/retrain/demonstrations/suggestions');
    await page.getByRole('button', { name: 'Suggest a reply' }).click();
    const suggestion = ((await (await suggested).json()) as { suggestion: string }).suggestion.replace(
      /\r\n?/g,
      '\n',
    );
    await page.getByRole('button', { name: 'Suggest another' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Reply', exact: true }).inputValue()).toBe(suggestion);
    await page
      .getByRole('textbox', { name: 'Reply', exact: true })
      .fill('I would rather not be rude. Can I help with something else?');
    await screenshot(page, 'review-demonstration');
    await page.getByRole('button', { name: 'Save demonstration' }).click();
    await page.getByText('You improved on the model’s suggestion.').waitFor();
    const demos = await t.app
      .get(DataSource)
      .query(
        'SELECT prompt, content, suggestion, suggestion_accepted FROM demonstrations WHERE author_id = $1',
        [tia.user.id],
      );
    expect(demos).toEqual([
      {
        prompt: shown.prompt,
        content: 'I would rather not be rude. Can I help with something else?',
        suggestion,
        suggestion_accepted: false,
      },
    ]);
  });

  it('lets admins triage, while ranking and demonstrations stay with trainers', async () => {
    const admin = await t.newUser(['admin']);
    const page = await browse(admin);
    await page.goto('/review/triage');
    await page.getByRole('heading', { name: 'Triage' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Review' }).count()).toBe(0);
    await page.goto('/review/ranking');
    await page.getByRole('heading', { name: "You don't have access to this page" }).waitFor();
  });

  it('shows the server’s refusal when the task was completed meanwhile', async () => {
    await openTask('Say something mean');
    const page = await browse(tia, { viewport: PHONE });
    await page.goto('/review/ranking');
    await page.getByRole('button', { name: 'Submit ranking' }).waitFor();
    const shown = await taskOnScreen(page);
    // Another trainer completes it first (one ranking is all it needs).
    await t
      .http()
      .post(`/retrain/tasks/${shown.id}/rankings`)
      .set('Cookie', tom.cookie)
      .send({ ranks: [0, 1, 2, 3] })
      .expect(201);
    await page.getByRole('button', { name: 'Move reply B down' }).click();
    await page.getByRole('button', { name: 'Submit ranking' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'This task is complete, not open for ranking' })
      .waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'review-ranking-refused-phone', { fullPage: true });
    const after = (await t.http().get('/retrain/tasks/next').set('Cookie', tia.cookie)).body.task;
    expect(after?.id).not.toBe(shown.id);
    await page.getByRole('button', { name: 'Next task' }).click();
    await (
      after
        ? page
            .getByRole('list', { name: 'Conversation' })
            .getByText(after.prompt.at(-1).content, { exact: true })
        : page.getByText('No ranking task is waiting for you.')
    ).waitFor();
  });
});

describe('the ranking sent to the API', () => {
  it('gives each candidate, in the task’s order, its place best first; ties share a rank', () => {
    expect(ranksOf({ order: [0, 1, 2, 3], tied: {} })).toEqual([0, 1, 2, 3]);
    // Shown D, C, B, A with B tied to C: D best, then C and B together, then A.
    expect(ranksOf({ order: [3, 2, 1, 0], tied: { 1: true } })).toEqual([2, 1, 1, 0]);
    // A tie flag on the card at the top means nothing: nothing is above it.
    expect(ranksOf({ order: [2, 0, 1], tied: { 2: true, 1: true } })).toEqual([1, 1, 0]);
    expect(describeRanking([2, 0, 1], [1, 1, 0])).toBe('C > A = B');
  });

  it('moves one card, keeping the others in order', () => {
    expect(move([0, 1, 2, 3], 3, 0)).toEqual([3, 0, 1, 2]);
    expect(move([0, 1, 2, 3], 0, 2)).toEqual([1, 2, 0, 3]);
    expect(move([0, 1, 2, 3], 1, 9)).toEqual([0, 2, 3, 1]);
  });
});
