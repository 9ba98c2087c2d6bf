// page.evaluate() callbacks run in the browser, hence the DOM types.
/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { browserForTests, PHONE, screenshot } from './support/browser.js';
import { startScriptedModel, type ScriptedModel } from './support/scripted-model.js';
import { ensureWebBuild } from './support/web-build.js';

// Feedback in a real browser against the real app: rating and reporting replies, entering a report into an
// open contest, and following reports on "My reports and entries". Replies come from a scripted model
// through the app's remote provider; the content filter is the app's own, its thresholds set by an admin.
let model: ScriptedModel;
let t: TestApp;
let baseURL: string;
let admin: TestUser;
let trainer: TestUser;
let contestSlug: string;
const CONTEST_TITLE = 'Spring feedback contest';
const RULES =
  'No purchase necessary. Void where prohibited. Entrants must be at least 18 years old. Each entry is one to ten of your own reports.\n\nJudges score entries blind on a rubric; twenty winners share the prize pool as API credits.';
const THREAT = 'I will hurt you if you come back here';

beforeAll(async () => {
  ensureWebBuild();
  model = await startScriptedModel();
  t = await createTestApp({
    MODEL_PROVIDER: 'openai-compatible',
    MODEL_BASE_URL: model.url,
    MODEL_NAME: model.name,
  });
  baseURL = await t.listen();
  [admin, trainer] = await Promise.all([t.newUser(['admin']), t.newUser(['trainer'])]);
  contestSlug = await openContest();
});

afterAll(async () => {
  await t?.close();
  await model?.close();
});

/** A contest open for entries now (created and opened by the admin through the API). */
async function openContest(): Promise<string> {
  const slug = `spring-${Date.now().toString(36)}`;
  const hour = 3600_000;
  const created = await t.as(admin.cookie).post('/admin/contests', {
    slug,
    title: CONTEST_TITLE,
    rules: RULES,
    opensAt: new Date(Date.now() - hour).toISOString(),
    closesAt: new Date(Date.now() + 7 * 24 * hour).toISOString(),
    judgingDeadline: new Date(Date.now() + 14 * 24 * hour).toISOString(),
    prizePool: 10_000,
    winners: 20,
    judgesPerEntry: 2,
  });
  expect(created.status).toBe(201);
  expect((await t.as(admin.cookie).post(`/admin/contests/${slug}/status`, { status: 'open' })).status).toBe(
    200,
  );
  return slug;
}

const browse = browserForTests(() => baseURL);

/** The browser's own session cookie, to check through the API what the pages did. */
async function cookieOf(page: Page): Promise<string> {
  const cookies = await page.context().cookies();
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });
const lastReply = (page: Page) => page.locator('.msg--assistant').last();

/** Sends a message and waits for the reply to finish streaming; returns the reply's item. */
async function chat(page: Page, text: string): Promise<Locator> {
  const before = await page.locator('.msg--assistant .msg__meta').count();
  await composer(page).fill(text);
  await composer(page).press('Enter');
  await page.locator('.msg--assistant:not([data-status="streaming"]) .msg__meta').nth(before).waitFor();
  return lastReply(page);
}

async function startChat(page: Page, maxTokens = 20): Promise<void> {
  await page.goto('/chat');
  await page.getByRole('button', { name: 'Reply settings' }).click();
  await page.getByLabel('Max tokens').fill(String(maxTokens));
  await page.getByRole('button', { name: 'Reply settings' }).click();
}

/** Runs `fn` with these filter thresholds (set by the admin through the API), then puts the earlier ones back. */
async function withThresholds<T>(
  warn: number,
  block: number,
  categories: string[] | 'all',
  fn: () => Promise<T>,
): Promise<T> {
  const current = (await t.as(admin.cookie).get('/moderation/thresholds')).body.thresholds as Record<
    string,
    { warn: number; block: number }
  >;
  const set = (list: { category: string; warn: number; block: number }[]) =>
    t.as(admin.cookie).put('/moderation/thresholds', { thresholds: list });
  const names = categories === 'all' ? Object.keys(current) : categories;
  expect((await set(names.map((category) => ({ category, warn, block })))).status).toBe(200);
  try {
    return await fn();
  } finally {
    await set(Object.entries(current).map(([category, v]) => ({ category, ...v })));
  }
}

async function enterContest(dialog: Locator, { age, country }: { age: string; country: string }) {
  await dialog.getByRole('checkbox', { name: `Enter this in the contest “${CONTEST_TITLE}”` }).check();
  await dialog.getByText(RULES.split('\n\n')[0], { exact: true }).waitFor(); // the rules summary
  await dialog.getByText('Open to entrants aged 18 or over.').waitFor();
  await dialog.getByLabel('Your age').fill(age);
  await dialog.getByLabel('Country of residence').fill(country);
  await dialog.getByLabel('Write-up').fill('The reply states a made-up fact with confidence.');
  await dialog.getByRole('checkbox', { name: /I accept the rules \(version 1\)/ }).check();
}

describe('feedback in the browser', () => {
  it('a new user chats, thumbs a streamed reply down with a reason, reports it and enters it into the contest', async () => {
    const page = await browse();
    await page.goto('/register');
    await page.getByLabel('Display name').fill('Grace');
    await page.getByLabel('Email').fill('grace@example.com');
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/chat');
    const cookie = await cookieOf(page);

    await startChat(page, 30);
    await composer(page).fill('When was the telescope invented?');
    await composer(page).press('Enter');
    await page.locator('.msg__text--streaming').waitFor(); // it streams in
    await screenshot(page, 'feedback-chat-streaming');
    await page.locator('.msg--assistant:not([data-status="streaming"]) .msg__meta').waitFor();
    const reply = lastReply(page);
    const replyId = (await reply.getAttribute('data-message-id'))!;

    await reply.getByRole('button', { name: 'Bad reply' }).click();
    const why = page.getByRole('dialog', { name: 'What was wrong with this reply?' });
    await why.getByRole('button', { name: 'Untrue' }).click();
    expect(await why.getByRole('button', { name: 'Untrue' }).getAttribute('aria-pressed')).toBe('true');
    await why.getByLabel('Comment').fill('It gave the wrong century');
    await screenshot(page, 'feedback-thumbs-down-reasons');
    await why.getByRole('button', { name: 'Send feedback' }).click();
    await why.waitFor({ state: 'detached' });
    expect(await reply.getByRole('button', { name: 'Bad reply' }).getAttribute('aria-pressed')).toBe('true');
    expect((await t.as(cookie).get(`/messages/${replyId}/rating`)).body).toMatchObject({
      value: 'down',
      reasons: ['untrue'],
      comment: 'It gave the wrong century',
    });
    // Loaded again, the thumbs show the saved rating; the conversation's ratings come in one request.
    const ratingRequests: string[] = [];
    page.on('request', (r) => {
      const { pathname } = new URL(r.url());
      if (/\/ratings?$/.test(pathname)) ratingRequests.push(pathname);
    });
    await page.reload();
    await lastReply(page).getByRole('button', { name: 'Bad reply', pressed: true }).waitFor();
    expect(
      await lastReply(page).getByRole('button', { name: 'Good reply' }).getAttribute('aria-pressed'),
    ).toBe('false');
    const conversationId = new URL(page.url()).pathname.split('/').at(-1);
    expect(ratingRequests).toEqual([`/conversations/${conversationId}/ratings`]);

    await reply.getByRole('button', { name: 'Report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report this message' });
    expect(await dialog.getByLabel('What is wrong?').inputValue()).toBe('harmful_output');
    await dialog.getByLabel('Description').fill('The reply invents a date and presents it as fact.');
    await enterContest(dialog, { age: '34', country: 'gb' });
    expect(await dialog.getByLabel('Country of residence').inputValue()).toBe('GB');
    await screenshot(page, 'feedback-report-contest', { fullPage: true });
    await dialog.getByRole('button', { name: 'Send and enter' }).click();
    const thanks = page.getByRole('dialog', { name: 'Thank you' });
    await thanks.getByText(`It is entered in ${CONTEST_TITLE}.`).waitFor();
    await screenshot(page, 'feedback-report-sent');

    const reports = (await t.as(cookie).get('/reports')).body.data;
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ kind: 'harmful_output', messageId: replyId, status: 'new' });
    expect(reports[0].snapshot.message.id).toBe(replyId);
    const entries = (await t.as(cookie).get('/contest-entries')).body.data;
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      contest: { slug: contestSlug },
      reportIds: [reports[0].id],
      country: 'GB',
      rulesVersion: 1,
    });

    await thanks.getByRole('link', { name: 'My reports and entries' }).click();
    await page.waitForURL('**/account/reports');
    await page.getByRole('listitem', { name: 'Harmful or untrue reply, Waiting for review' }).waitFor();
    await screenshot(page, 'feedback-my-reports');
    await page.getByRole('tab', { name: 'Contest entries' }).click();
    await page.waitForURL('**/account/entries');
    const entry = page.getByRole('listitem', { name: `${CONTEST_TITLE}, Submitted` });
    await entry.getByText('Waiting to be screened').waitFor();
    await screenshot(page, 'feedback-my-entries');
  });

  it('reports a warned reply as wrongly flagged and a let-through reply as one that should have been, with snapshots; a blocked message says why', async () => {
    const user = await t.newUser();
    const page = await browse({ cookie: user.cookie });
    await startChat(page);

    // Every text is "possibly harassment", and nothing is blocked.
    const warned = await withThresholds(0, 1, ['harassment'], () => chat(page, 'Tell me about feedback'));
    await warned.getByText('The content filter flagged this reply as possibly harassment.').waitFor();
    const warnedId = (await warned.getAttribute('data-message-id'))!;
    await warned.getByRole('button', { name: 'This was wrongly flagged' }).click();
    const fp = page.getByRole('dialog', { name: 'Report this message' });
    expect(await fp.getByLabel('What is wrong?').inputValue()).toBe('filter_false_positive');
    expect(await fp.getByRole('checkbox', { name: 'harassment', exact: true }).isChecked()).toBe(true);
    await fp.getByLabel('Description').fill('A friendly explanation, nothing harassing in it.');
    await screenshot(page, 'feedback-wrongly-flagged');
    await fp.getByRole('button', { name: 'Send report' }).click();
    await page
      .getByRole('dialog', { name: 'Thank you' })
      .getByRole('button', { name: 'Close' })
      .last()
      .click();

    // Nothing is flagged (whatever the small shipped classifier thinks of the scripted text).
    const allowed = await withThresholds(0.99, 0.995, 'all', () => chat(page, 'And what is a reward model?'));
    const allowedId = (await allowed.getAttribute('data-message-id'))!;
    expect(await allowed.getByRole('button', { name: 'This was wrongly flagged' }).count()).toBe(0);
    await allowed.getByRole('button', { name: 'This should have been flagged' }).click();
    const fn = page.getByRole('dialog', { name: 'Report this message' });
    expect(await fn.getByLabel('What is wrong?').inputValue()).toBe('filter_false_negative');
    await fn.getByLabel('Description').fill('It demeans a group of people.');
    await fn.getByRole('button', { name: 'Send report' }).click();
    await fn.getByText('Choose at least one category the filter should have flagged.').waitFor(); // checked first
    await fn.getByRole('checkbox', { name: 'hate', exact: true }).check();
    await fn.getByRole('button', { name: 'Send report' }).click();
    await page
      .getByRole('dialog', { name: 'Thank you' })
      .getByRole('button', { name: 'Close' })
      .last()
      .click();

    const reports = (await t.as(user.cookie).get('/reports')).body.data as {
      kind: string;
      messageId: string;
      categories: string[];
      snapshot: {
        message: { id: string; content: string };
        moderation: { action: string; categories: string[] };
      };
    }[];
    const byKind = Object.fromEntries(reports.map((r) => [r.kind, r]));
    expect(byKind.filter_false_positive).toMatchObject({ messageId: warnedId, categories: ['harassment'] });
    expect(byKind.filter_false_positive.snapshot.message.id).toBe(warnedId);
    expect(byKind.filter_false_positive.snapshot.moderation).toMatchObject({
      action: 'warn',
      categories: expect.arrayContaining(['harassment']),
    });
    expect(byKind.filter_false_negative).toMatchObject({ messageId: allowedId, categories: ['hate'] });
    expect(byKind.filter_false_negative.snapshot.message.content).toBe(
      await allowed.locator('.msg__text').textContent(),
    );
    expect(byKind.filter_false_negative.snapshot.moderation.action).toBe('allow');

    // A blocked message never reaches the model, and the chat says why; it too can be reported as wrongly flagged.
    await composer(page).fill(THREAT);
    await composer(page).press('Enter');
    const blocked = page.locator('.msg--user[data-status="blocked"]');
    await blocked
      .getByText(/Your message was not sent to the model: the content filter flagged it as .*harassment/)
      .waitFor();
    await blocked.getByRole('button', { name: 'This was wrongly flagged' }).waitFor();
    await screenshot(page, 'feedback-blocked-input');
  });

  it('answers a reviewer’s "needs info" request from My reports', async () => {
    const user = await t.newUser();
    const conversation = (await t.as(user.cookie).post('/conversations')).body.id;
    const sent = await t.as(user.cookie).post(`/conversations/${conversation}/messages`, {
      content: 'Describe a nurse',
      sampling: { maxTokens: 12 },
    });
    const report = await t.as(user.cookie).post('/reports', {
      kind: 'bias',
      messageId: sent.body.assistantMessage.id,
      description: 'The reply assumes the nurse is a woman.',
    });
    expect(report.status).toBe(201);
    const decision = await t.as(trainer.cookie).post(`/triage/reports/${report.body.id}/decisions`, {
      decision: 'needs_info',
      note: 'Which sentence assumes it? Please quote it.',
    });
    expect(decision.status).toBe(200);

    const page = await browse({ cookie: user.cookie });
    await page.goto('/account/reports');
    const item = page.getByRole('listitem', { name: 'Biased reply, Needs more information' });
    await item.getByText('A reviewer asked for more information').waitFor(); // opened by itself
    await item.getByText('Which sentence assumes it? Please quote it.').waitFor();
    await item.getByRole('button', { name: 'Send answer' }).click();
    await item.getByText('Write your answer first.').waitFor();
    await item.getByLabel('Your answer').fill('The second sentence: "She takes your temperature."');
    await screenshot(page, 'feedback-needs-info');
    await item.getByRole('button', { name: 'Send answer' }).click();

    const answered = page.getByRole('listitem', { name: 'Biased reply, Waiting for review' });
    await answered.getByText('You answered').waitFor();
    await answered.getByText('The second sentence: "She takes your temperature."').waitFor();
    expect(await answered.getByLabel('Your answer').count()).toBe(0);
    await screenshot(page, 'feedback-answered');
    const detail = (await t.as(user.cookie).get(`/reports/${report.body.id}`)).body;
    expect(detail.status).toBe('new');
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['submitted', 'decision', 'answer']);

    // The same page on a phone, in the dark theme.
    const phone = await browse({ cookie: user.cookie, viewport: PHONE, colorScheme: 'dark' });
    await phone.goto('/account/reports');
    await phone.getByRole('listitem', { name: 'Biased reply, Waiting for review' }).waitFor();
    await screenshot(phone, 'phone-dark-feedback-my-reports');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)).toBe(false);
  });

  it('shows the server’s refusal of an ineligible attestation and keeps the form to correct it', async () => {
    const user = await t.newUser();
    const page = await browse({ cookie: user.cookie });
    await startChat(page);
    const reply = await chat(page, 'Who invented the printing press?');
    await reply.getByRole('button', { name: 'Report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report this message' });
    await dialog.getByLabel('Description').fill('Names the wrong inventor.');
    await enterContest(dialog, { age: '16', country: 'NZ' });
    await dialog.getByRole('button', { name: 'Send and enter' }).click();
    await dialog
      .getByRole('alert')
      .getByText(
        'Your report was sent, but the contest entry was not: Not eligible (rule: minimum_age): entrants must be at least 18 years old',
      )
      .waitFor();
    await screenshot(page, 'feedback-ineligible');
    expect(await dialog.getByLabel('Your age').inputValue()).toBe('16');
    expect(await dialog.getByLabel('Write-up').inputValue()).toBe(
      'The reply states a made-up fact with confidence.',
    );
    expect(await dialog.getByLabel('Description').isDisabled()).toBe(true); // the report is filed as it was

    await dialog.getByLabel('Your age').fill('19');
    await dialog.getByRole('button', { name: 'Enter the contest' }).click();
    await page
      .getByRole('dialog', { name: 'Thank you' })
      .getByText(`It is entered in ${CONTEST_TITLE}.`)
      .waitFor();
    expect((await t.as(user.cookie).get('/reports')).body.data).toHaveLength(1);
    const entries = (await t.as(user.cookie).get('/contest-entries')).body.data;
    expect(entries).toHaveLength(1);
    expect(entries[0].country).toBe('NZ');
  });

  it('keeps the form and says why when sending fails; the retry files one report', async () => {
    const user = await t.newUser();
    const page = await browse({ cookie: user.cookie, viewport: PHONE, colorScheme: 'dark' });
    await startChat(page);
    const reply = await chat(page, 'What is PPO?');
    await reply.getByRole('button', { name: 'Report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Report this message' });
    await dialog.getByLabel('What is wrong?').selectOption('bias');
    await dialog.getByLabel('Description').fill('Only mentions work by one lab.');

    // The server files the report, but the answer never arrives.
    await page.route('**/reports', async (route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await dialog
      .getByRole('alert')
      .getByText(/^Your report was not sent: Could not reach the server/)
      .waitFor();
    await screenshot(page, 'phone-dark-feedback-send-failed');
    expect(await dialog.getByLabel('Description').inputValue()).toBe('Only mentions work by one lab.');
    expect(await dialog.getByLabel('What is wrong?').inputValue()).toBe('bias');

    await page.unroute('**/reports');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await page.getByRole('dialog', { name: 'Thank you' }).waitFor();
    const reports = (await t.as(user.cookie).get('/reports')).body.data;
    expect(reports).toHaveLength(1); // the same Idempotency-Key: the retry got the first report back
    expect(reports[0]).toMatchObject({ kind: 'bias', description: 'Only mentions work by one lab.' });
  });
  it('edits and withdraws a contest entry from My entries, and says so when the list cannot load', async () => {
    const user = await t.newUser();
    const conversation = (await t.as(user.cookie).post('/conversations')).body.id;
    const sent = await t.as(user.cookie).post(`/conversations/${conversation}/messages`, {
      content: 'Describe an engineer',
      sampling: { maxTokens: 12 },
    });
    const report = await t.as(user.cookie).post('/reports', {
      kind: 'bias',
      messageId: sent.body.assistantMessage.id,
      description: 'Assumes the engineer is a man.',
    });
    const entered = await t.as(user.cookie).post(`/contests/${contestSlug}/entries`, {
      reportIds: [report.body.id],
      writeUp: 'First draft',
      age: 40,
      country: 'DE',
      acceptRulesVersion: 1,
    });
    expect(entered.status).toBe(201);

    const page = await browse({ cookie: user.cookie });
    await page.route('**/contest-entries?*', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          statusCode: 503,
          error: 'Service Unavailable',
          message: 'The database is restarting',
        }),
      }),
    );
    await page.goto('/account/entries');
    const failed = page.getByRole('alert').filter({ hasText: 'Could not load your contest entries' });
    await failed.getByText('The database is restarting').waitFor();
    await page.unroute('**/contest-entries?*');
    await failed.getByRole('button', { name: 'Retry' }).click();

    const item = page.getByRole('listitem', { name: `${CONTEST_TITLE}, Submitted` });
    await item.getByText('First draft').waitFor();
    await item.getByRole('button', { name: 'Edit entry' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit entry' });
    await dialog.getByLabel('Write-up').fill('Every engineer in the reply is a man; every nurse a woman.');
    await dialog.getByRole('checkbox', { name: 'Show my name in the public results' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await item.getByText('Every engineer in the reply is a man; every nurse a woman.').waitFor();
    await item.getByText(/name shown in results/).waitFor();

    await item.getByRole('button', { name: 'Withdraw entry' }).click();
    await page
      .getByRole('dialog', { name: 'Withdraw this entry?' })
      .getByRole('button', { name: 'Withdraw' })
      .click();
    const withdrawn = page.getByRole('listitem', { name: `${CONTEST_TITLE}, Withdrawn` });
    await withdrawn.getByText('Withdrawn', { exact: true }).last().waitFor();
    expect(await withdrawn.getByRole('button', { name: 'Withdraw entry' }).count()).toBe(0);
    await screenshot(page, 'feedback-entry-withdrawn');
    const after = (await t.as(user.cookie).get(`/contest-entries/${entered.body.id}`)).body;
    expect(after).toMatchObject({
      status: 'withdrawn',
      writeUp: 'Every engineer in the reply is a man; every nurse a woman.',
      showName: true,
    });
  });
});
