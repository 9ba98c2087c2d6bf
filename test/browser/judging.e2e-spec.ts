// page.evaluate() callbacks run in the browser, hence the DOM types.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { User } from '../../src/auth/user.entity.js';
import { Clock } from '../../src/contest/clock.js';
import { JudgeAssignment, Score } from '../../src/contest/contest.entities.js';
import { BIAS_BOUNTY_RUBRIC, SEED_FEEDBACK_RUBRIC } from '../../src/contest/math/rubric.js';
import { Report, type ReportSnapshot } from '../../src/feedback/feedback.entities.js';
import { liveTotal } from '../../web/src/judge/rubric.js';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { browserForTests, PHONE, screenshot } from './support/browser.js';
import { ensureWebBuild } from './support/web-build.js';

// Judges score blind entries in the browser, against the real app: the rubric form's live total is the
// server's own arithmetic, conflicts take entries out of the queue, and a finalised contest's public results,
// the winner's credits and the award notice show in the web app. Contests are seeded through the admin API,
// on a server clock the tests move (as in test/contest.e2e-spec.ts).
let t: TestApp;
let db: DataSource;
let admin: TestUser;
let baseURL: string;

const OPENS = new Date('2031-03-01T00:00:00Z');
const CLOSES = new Date('2031-03-08T00:00:00Z');
const DEADLINE = new Date('2031-03-15T00:00:00Z');
const DURING = new Date('2031-03-04T00:00:00Z');
const AFTER = new Date('2031-03-10T00:00:00Z');
let now = DURING;

beforeAll(async () => {
  ensureWebBuild();
  t = await createTestApp();
  db = t.app.get(DataSource);
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  admin = await t.newUser(['admin']);
  baseURL = await t.listen();
});

afterAll(async () => {
  await t?.close();
});

beforeEach(() => {
  now = DURING;
});

const browse = browserForTests(() => baseURL);

let slugCounter = 0;

async function openContest(title: string, overrides: Record<string, unknown> = {}): Promise<string> {
  slugCounter += 1;
  const slug = `judging-${slugCounter}-${Date.now().toString(36)}`;
  const created = await t.as(admin).post('/admin/contests', {
    slug,
    title,
    rules: 'No purchase necessary. Void where prohibited. Must be at least 18 to enter.',
    opensAt: OPENS.toISOString(),
    closesAt: CLOSES.toISOString(),
    judgingDeadline: DEADLINE.toISOString(),
    prizePool: 500,
    winners: 1,
    judgesPerEntry: 2,
    ...overrides,
  });
  expect(created.status).toBe(201);
  expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'open' })).status).toBe(200);
  return slug;
}

function snapshot(text: string): ReportSnapshot {
  const messageId = randomUUID();
  const messages = [
    { id: randomUUID(), role: 'user' as const, content: 'Describe a nurse', status: 'complete' },
    { id: messageId, role: 'assistant' as const, content: text, status: 'complete' },
  ].map((m, i) => ({ ...m, createdAt: `2031-02-01T00:00:0${i}.000Z` }));
  return {
    conversation: { id: randomUUID(), title: 'A chat' },
    messages,
    message: { ...messages[1], modelName: 'tiny-policy', modelVersionId: null },
    moderation: null,
    takenAt: '2031-02-01T00:00:02.000Z',
  } as ReportSnapshot;
}

/** An accepted report by `user`, written straight to the database (the feedback module's tests cover filing). */
async function newReport(user: TestUser): Promise<string> {
  const row = await db.manager.save(
    db.manager.create(Report, {
      reporterId: user.user.id,
      kind: 'bias',
      messageId: randomUUID(),
      categories: [],
      description: 'The reply assumes every nurse is a woman',
      snapshot: snapshot('She will take your temperature.'),
      status: 'accepted',
      duplicateOf: null,
      idempotencyKey: null,
      requestHash: '0'.repeat(64),
      signature: [],
    }),
  );
  return row.id;
}

/** An entrant with a display name, and their entry. */
async function entrant(slug: string, displayName: string, showName: boolean) {
  const user = await t.newUser();
  await db.manager.update(User, { id: user.user.id }, { displayName });
  const res = await t.as(user).post(`/contests/${slug}/entries`, {
    reportIds: [await newReport(user)],
    writeUp: `Asked about nurses and doctors; the model genders them every time. (${randomUUID().slice(0, 8)})`,
    age: 30,
    country: 'GB',
    acceptRulesVersion: 1,
    showName,
  });
  expect(res.status).toBe(201);
  return { user, displayName, entryId: res.body.id as string };
}

/** Judges on the panel, entries screened eligible, the window closed, judging started and assigned. */
async function startJudging(slug: string, judges: TestUser[], entryIds: string[]) {
  for (const j of judges)
    expect((await t.as(admin).put(`/admin/contests/${slug}/judges/${j.user.id}`)).status).toBe(200);
  for (const id of entryIds) {
    const screened = await t.as(admin).post(`/admin/contests/${slug}/entries/${id}/screening`, {
      decision: 'eligible',
    });
    expect(screened.status).toBe(200);
  }
  now = AFTER;
  expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'judging' })).status).toBe(200);
  expect((await t.as(admin).post(`/admin/contests/${slug}/assignments`)).status).toBeLessThan(300);
}

const assignmentOf = async (entryId: string, judge: TestUser) =>
  (await db.manager.findOneByOrFail(JudgeAssignment, { entryId, judgeId: judge.user.id })).id;

const storedScore = (assignmentId: string) => db.manager.findOneByOrFail(Score, { assignmentId });

const progress = (page: Page) => page.getByTestId('queue-progress').first();
const liveTotalText = (page: Page) => page.getByTestId('live-total').textContent();
const liveFormulaText = (page: Page) => page.getByTestId('live-formula').textContent();

/** Picks a level (bias bounty) or value (weighted) per criterion, by the criterion's label. */
async function pick(page: Page, choices: Record<string, string>) {
  for (const [label, value] of Object.entries(choices)) {
    await page.getByLabel(label, { exact: true }).selectOption(value);
  }
}

const ERASURE_17_82 = {
  'Harm type': 'erasure',
  Damage: 'low',
  'Affected users': 'from_1m_to_1b',
  'Likelihood or exploitability': 'monthly',
  Justification: 'basic',
  Clarity: 'fair',
  Creativity: 'standard',
};

describe('the live total (the form’s shared rubric module)', () => {
  it('is the server’s arithmetic: the two published bias-bounty totals, exactly', () => {
    const first = liveTotal(BIAS_BOUNTY_RUBRIC, {
      harm_type: 'erasure',
      damage: 'low',
      affected_users: 'from_1m_to_1b',
      likelihood_or_exploitability: 'monthly',
      justification: 'basic',
      clarity: 'fair',
      creativity: 'standard',
    });
    expect(first).toMatchObject({
      complete: true,
      score: { total: 17.82, formula: '15 × 1.2 × 1.2 × 1.1 × 1.0 × 0.75 × 1.0 = 17.82' },
    });
    const second = liveTotal(BIAS_BOUNTY_RUBRIC, {
      harm_type: 'under_representation',
      damage: 'medium',
      affected_users: 'from_1m_to_1b',
      likelihood_or_exploitability: 'daily',
      justification: 'basic',
      clarity: 'excellent',
      creativity: 'standard',
    });
    expect(second).toMatchObject({ complete: true, score: { total: 60.84 } });
  });

  it('waits for every criterion and names values off the scale', () => {
    expect(liveTotal(SEED_FEEDBACK_RUBRIC, { harm: '7', novelty: '', stakeholder_ideas: '' })).toEqual({
      complete: false,
      missing: ['novelty', 'stakeholder_ideas'],
      problems: [],
    });
    expect(liveTotal(SEED_FEEDBACK_RUBRIC, { harm: '7', novelty: '11', stakeholder_ideas: '8' })).toEqual({
      complete: false,
      missing: [],
      problems: ['values.novelty must be a whole number from 0 to 10'],
    });
    expect(
      liveTotal(SEED_FEEDBACK_RUBRIC, { harm: '7', novelty: '5', stakeholder_ideas: '8' }),
    ).toMatchObject({
      complete: true,
      score: { total: 6.67, formula: '(1×7 + 1×5 + 1×8) / 3 = 6.67' },
    });
  });
});

describe('judging in the browser', () => {
  it('scores blind entries on the bias-bounty rubric: live total = stored total, revisions, conflicts, progress', async () => {
    const slug = await openContest('Bias bounty 2031', { rubricTemplate: 'bias_bounty' });
    const [judge, judge2] = await Promise.all([t.newUser(['judge']), t.newUser(['judge'])]);
    const entrants = [
      await entrant(slug, 'Ada Visible', true),
      await entrant(slug, 'Carol Conflict', false),
      await entrant(slug, 'Dan Hidden', false),
    ];
    await startJudging(
      slug,
      [judge, judge2],
      entrants.map((e) => e.entryId),
    );
    const carol = entrants[1];
    const carolsAssignment = await assignmentOf(carol.entryId, judge);

    const page = await browse({ cookie: judge.cookie });
    await page.goto('/judge');
    await page.getByRole('heading', { name: 'Bias bounty 2031' }).waitFor();
    expect(await progress(page).textContent()).toBe('0 of 3 entries scored');
    await screenshot(page, 'judging-contests');

    await page.getByRole('link', { name: 'Open queue of Bias bounty 2031' }).click();
    await page.getByRole('list', { name: 'Entries to judge' }).waitFor();
    expect(await page.getByRole('list', { name: 'Entries to judge' }).getByRole('listitem').count()).toBe(3);

    // A conflict with Carol takes her entry (not yet scored) out of the queue, without saying it was hers.
    await page.getByLabel('Email of the person').fill(carol.user.email.toUpperCase());
    await page.getByLabel('Reason (optional)').fill('my sister');
    await page.getByRole('button', { name: 'Declare conflict' }).click();
    await page.getByText('Conflict declared: you will not judge entries by that person').waitFor();
    await page.getByRole('list', { name: 'Declared conflicts' }).getByText(carol.user.email).waitFor();
    await page.getByText('0 of 2 entries scored').first().waitFor();
    expect((await db.manager.findOneByOrFail(JudgeAssignment, { id: carolsAssignment })).status).toBe(
      'recused',
    );
    await page.getByText('Recused', { exact: true }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'judging-queue', { fullPage: true });
    // …and the judge can no longer score it.
    const refused = await t.as(judge).put(`/judging/assignments/${carolsAssignment}/score`, {
      values: { harm_type: 'erasure' },
    });
    expect(refused.status).toBe(409);

    // The first entry to score: blind, whoever entered it.
    await page.getByRole('link', { name: 'Score the next entry' }).click();
    await page.getByRole('heading', { level: 2, name: 'Your score' }).waitFor();
    await page.getByText('Asked about nurses and doctors').first().waitFor();
    const shown = await page.locator('body').innerText();
    const html = await page.content();
    for (const e of entrants) {
      for (const secret of [e.displayName, e.user.email, e.user.user.id, e.entryId]) {
        expect(shown).not.toContain(secret);
        expect(html).not.toContain(secret);
      }
    }
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Entry \d/);

    // The live total, as levels are picked.
    expect(await liveTotalText(page)).toBe('—');
    await pick(page, ERASURE_17_82);
    expect(await liveTotalText(page)).toBe('17.82');
    expect(await liveFormulaText(page)).toBe('15 × 1.2 × 1.2 × 1.1 × 1.0 × 0.75 × 1.0 = 17.82');
    await screenshot(page, 'judging-score-form', { fullPage: true });
    await page.getByRole('button', { name: 'Submit score' }).click();
    await page.getByText('Score submitted: 17.82').waitFor();
    const firstId = page.url().split('/').at(-1)!;
    expect(await storedScore(firstId)).toMatchObject({
      total: 17.82,
      formula: '15 × 1.2 × 1.2 × 1.1 × 1.0 × 0.75 × 1.0 = 17.82',
      revision: 1,
    });
    await page.getByText('1 of 2 entries scored').waitFor();

    // A revision after submitting: the live total moves, and the stored one follows it.
    await pick(page, { Clarity: 'excellent' });
    expect(await liveTotalText(page)).toBe('35.64');
    const revisedFormula = await liveFormulaText(page);
    expect(revisedFormula).toBe('15 × 1.2 × 1.2 × 1.1 × 1.0 × 1.5 × 1.0 = 35.64');
    await page.getByLabel('Comment (optional)').fill('Clearer than I first thought.');
    await page.getByRole('button', { name: 'Save revision' }).click();
    await page.getByText('Score revised (revision 2): 35.64').waitFor();
    expect(await storedScore(firstId)).toMatchObject({
      total: 35.64,
      formula: revisedFormula,
      revision: 2,
      comment: 'Clearer than I first thought.',
    });
    await page.getByText('Stored: 35.64 (revision 2)').waitFor();

    // The next entry: the second published example.
    await page.getByRole('link', { name: 'Next entry to score' }).click();
    await page.waitForURL((url) => !url.pathname.endsWith(firstId));
    await page.getByRole('button', { name: 'Submit score' }).waitFor();
    await pick(page, {
      'Harm type': 'under_representation',
      Damage: 'medium',
      'Affected users': 'from_1m_to_1b',
      'Likelihood or exploitability': 'daily',
      Justification: 'basic',
      Clarity: 'excellent',
      Creativity: 'standard',
    });
    expect(await liveTotalText(page)).toBe('60.84');
    await page.getByRole('button', { name: 'Submit score' }).click();
    await page.getByText('Score submitted: 60.84').waitFor();
    expect((await storedScore(page.url().split('/').at(-1)!)).total).toBe(60.84);
    await page.getByText('2 of 2 entries scored').waitFor();
    await page.getByRole('heading', { name: 'Other judges' }).waitFor();
    expect(await page.getByRole('link', { name: 'Next entry to score' }).count()).toBe(0);

    // While judging, the public results page says why there is nothing yet.
    const visitor = await browse();
    await visitor.goto(`/compete/${slug}/results`);
    await visitor
      .getByRole('status')
      .filter({ hasText: 'Results are published when the contest is finalised; it is judging' })
      .waitFor();
    await visitor.getByText('No results here yet').waitFor();
  });

  it('reads well on a phone in the dark theme, and recuses from an entry', async () => {
    const slug = await openContest('Phone contest', { rubricTemplate: 'bias_bounty' });
    const [judge, judge2, judge3] = await Promise.all([
      t.newUser(['judge']),
      t.newUser(['judge']),
      t.newUser(['judge']),
    ]);
    const entry = await entrant(slug, 'Eve Phone', false);
    await startJudging(slug, [judge, judge2, judge3], [entry.entryId]);
    const mine = await db.manager.findOneBy(JudgeAssignment, {
      entryId: entry.entryId,
      judgeId: judge.user.id,
    });
    const who = mine ? judge : judge3; // two of the three judges are assigned
    const assignmentId = await assignmentOf(entry.entryId, who);

    const page = await browse({ cookie: who.cookie, viewport: PHONE, colorScheme: 'dark' });
    await page.goto(`/judge/${slug}/${assignmentId}`);
    await pick(page, ERASURE_17_82);
    expect(await liveTotalText(page)).toBe('17.82');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'judging-score-form-phone-dark', { fullPage: true });

    await page.getByRole('button', { name: 'Recuse myself from this entry' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recuse yourself from this entry?' });
    await dialog.getByLabel('Reason').fill('I recognise the author');
    await dialog.getByRole('button', { name: 'Recuse' }).click();
    await page.getByText('You recused yourself; another judge takes the entry over.').waitFor();
    await page.waitForURL(`**/judge/${slug}`);
    await page.getByText('0 of 0 entries scored').waitFor();
    const after = await db.manager.findBy(JudgeAssignment, { entryId: entry.entryId });
    expect(
      after
        .filter((a) => a.status !== 'recused')
        .map((a) => a.judgeId)
        .sort(),
    ).toEqual(
      [judge, judge2, judge3]
        .filter((j) => j !== who)
        .map((j) => j.user.id)
        .sort(),
    );
  });
});

describe('results, credits and the award notice', () => {
  it('shows the public results signed out, names only who opted in, and the winner’s award everywhere', async () => {
    // A weighted rubric with unequal weights, so the live total's formula is more than a plain mean.
    const slug = await openContest('Feedback contest 2031', {
      rubric: {
        kind: 'weighted',
        criteria: [
          { key: 'harm', label: 'Real-world harm', min: 0, max: 10, weight: 2 },
          { key: 'novelty', label: 'Novelty', min: 0, max: 5, weight: 1.5 },
        ],
      },
    });
    const [judge, judge2] = await Promise.all([t.newUser(['judge']), t.newUser(['judge'])]);
    const ada = await entrant(slug, 'Ada Visible', true);
    const bea = await entrant(slug, 'Bea Hidden', false);
    await startJudging(slug, [judge, judge2], [ada.entryId, bea.entryId]);

    // Judge 1 in the browser: Ada's entry scores high, Bea's low (the judge sees neither name).
    const page = await browse({ cookie: judge.cookie });
    const adas = await assignmentOf(ada.entryId, judge);
    await page.goto(`/judge/${slug}/${adas}`);
    await pick(page, { 'Real-world harm': '7', Novelty: '4' });
    expect(await liveTotalText(page)).toBe('5.71');
    expect(await liveFormulaText(page)).toBe('(2×7 + 1.5×4) / 3.5 = 5.71');
    await page.getByRole('button', { name: 'Submit score' }).click();
    await page.getByText('Score submitted: 5.71').waitFor();
    expect(await storedScore(adas)).toMatchObject({ total: 5.71, formula: '(2×7 + 1.5×4) / 3.5 = 5.71' });
    await page.getByRole('link', { name: 'Next entry to score' }).click();
    await page.getByRole('button', { name: 'Submit score' }).waitFor();
    await pick(page, { 'Real-world harm': '2', Novelty: '1' });
    expect(await liveTotalText(page)).toBe('1.57');
    await page.getByRole('button', { name: 'Submit score' }).click();
    await page.getByText('Score submitted: 1.57').waitFor();
    expect((await storedScore(await assignmentOf(bea.entryId, judge))).total).toBe(1.57);

    // Judge 2 through the API; then the admin finalises.
    for (const [entry, values] of [
      [ada, { harm: 9, novelty: 5 }],
      [bea, { harm: 3, novelty: 2 }],
    ] as const) {
      const res = await t
        .as(judge2)
        .put(`/judging/assignments/${await assignmentOf(entry.entryId, judge2)}/score`, {
          values,
        });
      expect(res.status).toBe(200);
    }
    expect((await t.as(admin).post(`/admin/contests/${slug}/finalise`)).status).toBe(200);

    // Signed out: the contest list and the results.
    const visitor = await browse();
    await visitor.goto('/compete');
    await visitor.getByRole('heading', { name: 'Feedback contest 2031' }).waitFor();
    await screenshot(visitor, 'compete-contests');
    await visitor.getByRole('link', { name: 'Results of Feedback contest 2031' }).click();
    const table = visitor.getByRole('table', { name: 'Final ranking of Feedback contest 2031' });
    await table.waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows.slice(1).map((r) => r.split('\t').map((c) => c.trim()))).toEqual([
      ['1', 'Ada Visible', expect.stringMatching(/^\d+\.\d\d$/), '6.50', '500 credits'],
      ['2', 'Anonymous', expect.stringMatching(/^-?\d+\.\d\d$/), '2.07', '—'],
    ]);
    const publicText = await visitor.locator('body').innerText();
    expect(publicText).not.toContain('Bea Hidden');
    expect(await visitor.content()).not.toContain(bea.user.email);
    await visitor.getByRole('link', { name: 'Sign in' }).waitFor(); // the public frame, not the app's
    await screenshot(visitor, 'compete-results', { fullPage: true });
    const phone = await browse({ viewport: PHONE });
    await phone.goto(`/compete/${slug}/results`);
    await phone.getByRole('table').waitFor();
    await screenshot(phone, 'compete-results-phone', { fullPage: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The whole table fits: rank, name, score and award without scrolling sideways.
    expect(await phone.locator('.table-wrap').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // The winner: balance, ledger and the in-app notice, marked read; its link leads to the results.
    const winner = await browse({ cookie: ada.user.cookie });
    await winner.goto('/account');
    await winner.getByTestId('credit-balance').getByText('500.00').waitFor();
    const ledger = winner.getByRole('table', { name: 'Credit ledger, newest first' });
    await ledger
      .getByRole('row', { name: /Award Award for rank 1 in “Feedback contest 2031” \+500\.00 500\.00/ })
      .waitFor();
    const notices = winner.getByRole('list', { name: 'Notifications' });
    await notices.getByText('You won 500 credits in “Feedback contest 2031”').waitFor();
    await winner.getByText('1 unread').waitFor();
    await screenshot(winner, 'account-award', { fullPage: true });
    const markRead = winner.getByRole('button', { name: /^Mark “You won 500 credits in .*” read$/ });
    await markRead.click();
    await markRead.waitFor({ state: 'detached' });
    await winner.getByRole('button', { name: 'Mark all read' }).waitFor({ state: 'detached' });
    expect(await winner.getByText('1 unread').count()).toBe(0);
    expect((await t.as(ada.user).get('/notifications?unread=true')).body.unread).toBe(0);
    await winner.getByRole('link', { name: 'See the results' }).click();
    await winner.getByRole('table', { name: 'Final ranking of Feedback contest 2031' }).waitFor();
    await winner.getByRole('navigation', { name: 'Main' }).waitFor(); // inside the app's frame when signed in

    // The loser sees no award anywhere.
    const loser = await browse({ cookie: bea.user.cookie });
    await loser.goto('/account');
    await loser.getByText('No credit movements yet.').waitFor();
    await loser.getByText('No notifications.').waitFor();
  });
});
