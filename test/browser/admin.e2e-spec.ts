// page.evaluate() callbacks run in the browser, hence the DOM types.
/// <reference lib="dom" />
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/contest/clock.js';
import { JudgeAssignment } from '../../src/contest/contest.entities.js';
import { Report } from '../../src/feedback/feedback.entities.js';
import { previewAwards } from '../../web/src/admin/contests/awards.js';
import { createTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import { browserForTests, type PageOptions, PHONE, screenshot } from './support/browser.js';
import { ensureWebBuild } from './support/web-build.js';

// The admin console in a real browser against the real app: a contest from draft to finalised (created, edited,
// opened, screened, judged and paid in the browser; entries and scores come through the API as entrants and
// judges would send them), the content filter's thresholds, and credit grants. The server's clock is moved by
// the test (contest windows are checked against it only); the browser types local times in the same years.
let t: TestApp;
let db: DataSource;
let baseURL: string;
let admin: TestUser;

const BEFORE = new Date('2031-02-20T00:00:00Z');
const DURING = new Date('2031-03-04T00:00:00Z');
const AFTER = new Date('2031-03-10T00:00:00Z');
let now = BEFORE;

beforeAll(async () => {
  ensureWebBuild();
  t = await createTestApp();
  db = t.app.get(DataSource);
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  baseURL = await t.listen();
  admin = await t.newUser(['admin']);
});

afterAll(async () => {
  await t?.close();
});

const openPageOnApp = browserForTests(() => baseURL);
/** A page signed in as the admin unless the options say otherwise. */
const browse = (options: PageOptions = {}) => openPageOnApp({ cookie: admin.cookie, ...options });

/** A report filed by `user`, written straight to the database (the feedback module's tests cover filing). */
async function newReport(user: TestUser): Promise<string> {
  const messageId = randomUUID();
  const message = {
    id: messageId,
    role: 'assistant' as const,
    content: 'She will take your temperature.',
    status: 'complete',
    createdAt: '2031-02-01T00:00:01.000Z',
  };
  const row = await db.manager.save(
    db.manager.create(Report, {
      reporterId: user.user.id,
      kind: 'bias',
      messageId,
      categories: [],
      description: 'The reply assumes every nurse is a woman',
      snapshot: {
        conversation: { id: randomUUID(), title: 'A chat' },
        messages: [message],
        message: { ...message, modelName: 'tiny-policy', modelVersionId: null },
        moderation: null,
        takenAt: '2031-02-01T00:00:02.000Z',
      },
      status: 'accepted',
      duplicateOf: null,
      idempotencyKey: null,
      requestHash: '0'.repeat(64),
      signature: [],
    } as Partial<Report>),
  );
  return row.id;
}

async function enter(user: TestUser, slug: string, rulesVersion: number): Promise<string> {
  const res = await t.as(user).post(`/contests/${slug}/entries`, {
    reportIds: [await newReport(user)],
    writeUp: `Asked about nurses; the model genders them every time (${user.email}).`,
    age: 30,
    country: 'GB',
    acceptRulesVersion: rulesVersion,
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

const balance = async (user: TestUser) => (await t.as(user).get('/credits/balance')).body.balance;

/** Saves the thresholds and waits for the server's answer (the toast of an earlier save may still be up). */
async function saveThresholds(page: Page): Promise<void> {
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/moderation/thresholds') && r.request().method() === 'PUT',
  );
  await page.getByRole('button', { name: 'Save thresholds' }).click();
  expect((await saved).status()).toBe(200);
  await page.getByText('Saved the thresholds of 1 category').first().waitFor();
}

describe('the admin console', () => {
  it('runs a contest from draft to finalised, and the winner is paid', async () => {
    now = BEFORE;
    const slug = `nurses-${Date.now().toString(36)}`;
    const page = await browse();
    await page.goto('/manage/users');
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Contests' }).click();
    await page.getByRole('heading', { level: 1, name: 'Contests' }).waitFor();
    await page.getByRole('button', { name: 'New contest' }).click();

    const dialog = page.getByRole('dialog', { name: 'New contest' });
    await dialog.getByLabel('Slug').fill(slug);
    await dialog.getByLabel('Title').fill('Nurses and doctors');
    await dialog.getByLabel('Rules').fill('Enter reports of gendered replies. Must be 18 or older.');
    await dialog.getByLabel('Opens at').fill('2031-03-01T00:00');
    await dialog.getByLabel('Closes at').fill('2031-02-25T00:00'); // before it opens
    await dialog.getByLabel('Judging deadline').fill('2031-03-15T00:00');
    await dialog.getByLabel('Prize pool').fill('1000');
    await dialog.getByLabel('Maximum award').fill('600');
    await dialog.getByLabel('Winners').fill('1');
    await dialog.getByLabel('Judges per entry').fill('2');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    // The server's own validation message, readable in the form.
    await dialog.getByRole('alert').filter({ hasText: 'closesAt must be after opensAt' }).waitFor();
    await screenshot(page, 'admin-contest-create-error');
    await dialog.getByLabel('Closes at').fill('2031-03-08T00:00');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(`**/manage/contests/${slug}`);
    await page.getByRole('heading', { level: 1, name: /Nurses and doctors/ }).waitFor();
    expect((await t.as(admin).get(`/admin/contests/${slug}`)).body).toMatchObject({
      status: 'draft',
      prizePool: 1000,
      maxAward: 600,
      winners: 1,
      judgesPerEntry: 2,
      blind: true,
      rubric: { kind: 'weighted' },
    });

    // Edit the rules: saved, and the version entrants accept goes up.
    await page
      .getByLabel('Rules')
      .fill('Enter reports of gendered replies. Must be 18 or older. One entry each.');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved; the rules are now version 2').waitFor();
    expect((await t.as(admin).get(`/admin/contests/${slug}`)).body.rulesVersion).toBe(2);

    // Only the moves a draft allows are offered; opening is confirmed first.
    expect(await page.getByRole('button', { name: 'Close entries and start judging' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Open for entries' }).click();
    await page
      .getByRole('dialog', { name: 'Open for entries?' })
      .getByRole('button', { name: 'Open contest' })
      .click();
    await page.getByText('The contest is now open').waitFor();
    await page.getByRole('button', { name: 'Close entries and start judging' }).waitFor();
    expect(await page.getByRole('button', { name: 'Open for entries' }).count()).toBe(0);
    await screenshot(page, 'admin-contest-open', { fullPage: true });

    // Entrants enter, through the API, while the window is open by the server's clock.
    now = DURING;
    const [ada, bea, cal] = await Promise.all([t.newUser(), t.newUser(), t.newUser()]);
    const adaEntry = await enter(ada, slug, 2);
    const beaEntry = await enter(bea, slug, 2);
    const calEntry = await enter(cal, slug, 2);
    const [judgeOne, judgeTwo] = await Promise.all([t.newUser(['judge']), t.newUser(['judge'])]);
    expect((await t.as(admin).put(`/admin/contests/${slug}/judges/${judgeOne.user.id}`)).status).toBe(200);

    // Screening: two eligible, one disqualified with a reason.
    await page.getByRole('tab', { name: 'Entries' }).click();
    const row = (id: string) => page.getByRole('row', { name: `Entry ${id.slice(0, 8)}` });
    await row(adaEntry).getByRole('button', { name: 'Eligible' }).click();
    await page.getByText(`Entry ${adaEntry.slice(0, 8)} is eligible`).waitFor();
    await row(beaEntry).getByRole('button', { name: 'Eligible' }).click();
    await page.getByText(`Entry ${beaEntry.slice(0, 8)} is eligible`).waitFor();
    await row(calEntry).getByRole('button', { name: 'Disqualify' }).click();
    const disqualify = page.getByRole('dialog', { name: `Disqualify Entry ${calEntry.slice(0, 8)}?` });
    await disqualify.getByLabel('Reason').fill('The report is about a different model');
    await disqualify.getByRole('button', { name: 'Disqualify' }).click();
    await row(calEntry).getByText('disqualified', { exact: true }).waitFor();
    await screenshot(page, 'admin-contest-entries', { fullPage: true });

    // The second judge joins the panel in the browser.
    await page.getByRole('tab', { name: 'Judges' }).click();
    await page.getByLabel('Add a judge').selectOption({ label: judgeTwo.email });
    await page.getByRole('button', { name: 'Add judge' }).click();
    await page.getByText('Judge added').waitFor();
    expect((await t.as(admin).get(`/admin/contests/${slug}/judges`)).body.data).toHaveLength(2);

    // Judging cannot start while the window is open: the server says why.
    await page.getByRole('button', { name: 'Close entries and start judging' }).click();
    const startJudging = page.getByRole('dialog', { name: 'Close entries and start judging?' });
    await startJudging.getByRole('button', { name: 'Start judging' }).click();
    await startJudging
      .getByRole('alert')
      .filter({ hasText: 'Judging starts after the entry window closes' })
      .waitFor();
    now = AFTER;
    await startJudging.getByRole('button', { name: 'Start judging' }).click();
    await page.getByText('The contest is now judging').waitFor();
    expect(await page.getByRole('button', { name: 'Open for entries' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Assign entries to judges' }).click();
    await page.getByText('4 assignments made').waitFor();

    // The judges score through the API: Ada's entry well, Bea's poorly.
    for (const judge of [judgeOne, judgeTwo]) {
      const list = await t.as(judge).get(`/judging/assignments?contest=${slug}`);
      expect(list.body.data).toHaveLength(2);
      for (const { id } of list.body.data) {
        const { entryId } = await db.manager.findOneByOrFail(JudgeAssignment, { id });
        const value = entryId === adaEntry ? 9 : 3;
        const scored = await t.as(judge).put(`/judging/assignments/${id}/score`, {
          values: { harm: value, novelty: value, stakeholder_ideas: value },
        });
        expect(scored.status).toBe(200);
      }
    }

    // The preview of awards, then finalising once it is confirmed.
    expect(await balance(ada)).toBe(0);
    await page.getByRole('button', { name: 'Review standings and finalise' }).click();
    await page.getByText('0 scores still to come').waitFor();
    await page.getByRole('button', { name: 'Finalise…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Finalise and pay the awards?' });
    const awards = confirm.getByRole('table', { name: 'Awards to be paid' });
    const winner = awards.getByRole('row', { name: new RegExp(`Entry ${adaEntry.slice(0, 8)}`) });
    expect(await winner.getByRole('cell').allTextContents()).toEqual([
      '1',
      `Entry ${adaEntry.slice(0, 8)}`,
      expect.stringMatching(/^\d+\.\d\d$/),
      '600 credits',
    ]);
    await confirm.getByText('600 of 1000 credits').waitFor();
    // Blind judging: the preview names entries, never the people behind them.
    expect(await confirm.textContent()).not.toContain(ada.email);
    await screenshot(page, 'admin-contest-finalise-preview');
    expect(await balance(ada)).toBe(0); // nothing is paid before the confirmation

    await confirm.getByRole('button', { name: 'Finalise and pay 600 credits' }).click();
    await page.getByText('Finalised: 600 credits paid to 1 winner').waitFor();
    await page.getByRole('heading', { level: 1, name: /finalised/ }).waitFor();
    expect(await page.getByRole('button', { name: 'Cancel contest' }).count()).toBe(0);
    await screenshot(page, 'admin-contest-finalised', { fullPage: true });
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByText('Edited: rules (now version 2)').waitFor();
    await page.getByText('Moved from judging to finalised').waitFor();
    const phone = await browse({ viewport: PHONE });
    await phone.goto(`/manage/contests/${slug}`);
    await phone.getByRole('tab', { name: 'Standings' }).click();
    await phone.getByText('600 of 1000 credits in the pool paid').waitFor();
    await screenshot(phone, 'admin-contest-phone', { fullPage: true });

    expect(await balance(ada)).toBe(600);
    expect(await balance(bea)).toBe(0);
    expect((await t.as(ada).get(`/contest-entries/${adaEntry}`)).body.result).toMatchObject({
      rank: 1,
      award: 600,
    });
  });

  it('edits a bias bounty rubric, and sends a flagged entry to an extra judge', async () => {
    now = BEFORE;
    const slug = `bounty-${Date.now().toString(36)}`;
    const created = await t.as(admin).post('/admin/contests', {
      slug,
      title: 'Bias bounty',
      rules: 'Find a bias in the model.',
      opensAt: '2031-03-01T00:00:00Z',
      closesAt: '2031-03-08T00:00:00Z',
      judgingDeadline: '2031-03-15T00:00:00Z',
      prizePool: 500,
      winners: 1,
      judgesPerEntry: 2,
      rubricTemplate: 'bias_bounty',
    });
    expect(created.status).toBe(201);

    // A rubric the server cannot use is refused with its reason; one that does not parse, before sending.
    const page = await browse();
    await page.goto(`/manage/contests/${slug}`);
    const rubric = page.getByLabel('Rubric (JSON)');
    expect(JSON.parse(await rubric.inputValue())).toMatchObject({ kind: 'bias_bounty' });
    await rubric.fill('{"kind": "bias_bounty", "factors": []}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'rubric.factors must be an array of 2 to 12 factors' })
      .waitFor();
    await rubric.fill('{"kind": ');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').filter({ hasText: 'The rubric is not valid JSON' }).waitFor();
    await screenshot(page, 'admin-contest-rubric-error');
    expect((await t.as(admin).get(`/admin/contests/${slug}`)).body.rubric.factors).toHaveLength(7);

    // Two judges who disagree completely about two entries.
    expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'open' })).status).toBe(200);
    now = DURING;
    const [eve, fay] = await Promise.all([t.newUser(), t.newUser()]);
    const entries = [await enter(eve, slug, 1), await enter(fay, slug, 1)];
    const judges = await Promise.all([t.newUser(['judge']), t.newUser(['judge']), t.newUser(['judge'])]);
    for (const judge of judges.slice(0, 2))
      expect((await t.as(admin).put(`/admin/contests/${slug}/judges/${judge.user.id}`)).status).toBe(200);
    for (const id of entries)
      expect(
        (await t.as(admin).post(`/admin/contests/${slug}/entries/${id}/screening`, { decision: 'eligible' }))
          .status,
      ).toBe(200);
    now = AFTER;
    expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'judging' })).status).toBe(
      200,
    );
    expect((await t.as(admin).post(`/admin/contests/${slug}/assignments`)).body).toEqual({ created: 4 });
    const high = {
      harm_type: 'under_representation',
      damage: 'high',
      affected_users: 'over_1b',
      likelihood_or_exploitability: 'daily',
      justification: 'excellent',
      clarity: 'excellent',
      creativity: 'exceptional',
    };
    const low = {
      harm_type: 'economic_harm',
      damage: 'low',
      affected_users: 'under_1m',
      likelihood_or_exploitability: 'rare',
      justification: 'basic',
      clarity: 'poor',
      creativity: 'standard',
    };
    for (const [j, judge] of judges.slice(0, 2).entries()) {
      for (const { id } of (await t.as(judge).get(`/judging/assignments?contest=${slug}`)).body.data) {
        const { entryId } = await db.manager.findOneByOrFail(JudgeAssignment, { id });
        const likes = (entryId === entries[0]) === (j === 0);
        expect(
          (await t.as(judge).put(`/judging/assignments/${id}/score`, { values: likes ? high : low })).status,
        ).toBe(200);
      }
    }
    // The third judge joins, and the admin sends them the first flagged entry.
    expect((await t.as(admin).put(`/admin/contests/${slug}/judges/${judges[2].user.id}`)).status).toBe(200);
    await page.reload();
    await page.getByRole('tab', { name: 'Standings' }).click();
    const flagged = page.getByRole('row').filter({ hasText: 'judges disagree' });
    await flagged.first().waitFor();
    expect(await flagged.count()).toBe(2);
    await screenshot(page, 'admin-contest-disagreement');
    const label = (await flagged.first().getByRole('cell').nth(1).textContent())!.trim();
    await flagged.first().getByRole('button', { name: 'Add a judge' }).click();
    await page.getByText(`Another judge was assigned to ${label}`).waitFor();
    const entryId = entries.find((id) => label === `Entry ${id.slice(0, 8)}`)!;
    expect(await db.manager.findBy(JudgeAssignment, { entryId, judgeId: judges[2].user.id })).toEqual([
      expect.objectContaining({ extra: true, status: 'assigned' }),
    ]);
  });

  it('changes the content filter thresholds, which change its decisions', async () => {
    const text = 'Thank you, that recipe for lemon cake was lovely.';
    const check = async () =>
      (await t.as(admin).post('/v1/moderations', { input: text })).body.results[0] as {
        flagged: boolean;
        categories: Record<string, boolean>;
      };
    expect(await check()).toMatchObject({ flagged: false });
    const original = (await t.as(admin).get('/moderation/thresholds')).body.thresholds.harassment;

    const page = await browse();
    await page.goto('/manage/filter');
    await page.getByRole('heading', { level: 1, name: 'Content filter' }).waitFor();
    await page.getByLabel('Text to check').fill(text);
    await page.getByRole('button', { name: 'Check text' }).click();
    await page.getByText(/Decision: allow/).waitFor();

    // Block below warn: refused by the server, with its reason.
    await page.getByLabel('harassment warn').fill('0.5');
    await page.getByLabel('harassment block').fill('0.2');
    await page.getByRole('button', { name: 'Save thresholds' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'harassment: block (0.2) must not be below warn (0.5)' })
      .waitFor();
    await screenshot(page, 'admin-filter-error');

    // Every text scores at least 0, so a harassment threshold of 0 blocks everything.
    await page.getByLabel('harassment warn').fill('0');
    await page.getByLabel('harassment block').fill('0');
    await saveThresholds(page);
    expect(await check()).toMatchObject({ flagged: true, categories: { harassment: true } });
    await page.getByRole('button', { name: 'Check text' }).click();
    await page.getByText(/Decision: block \(harassment/).waitFor();
    await screenshot(page, 'admin-filter', { fullPage: true });

    // Rules: added and removed in the browser.
    await page.getByLabel('Category').selectOption('violence');
    await page.getByLabel('Term').fill('zyzzyva');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByText('Added a violence rule for “zyzzyva”').waitFor();
    expect((await t.as(admin).get('/moderation/rules')).body.data).toEqual([
      expect.objectContaining({ category: 'violence', term: 'zyzzyva' }),
    ]);
    await page.getByRole('button', { name: 'Remove the rule for zyzzyva' }).click();
    await page.getByText('No rules yet.').waitFor();

    // Back as they were: the decision is back too.
    await page.getByLabel('harassment warn').fill(String(original.warn));
    await page.getByLabel('harassment block').fill(String(original.block));
    await saveThresholds(page);
    expect(await check()).toMatchObject({ flagged: false });

    // Readable on a phone, in the dark theme.
    const phone = await browse({ viewport: PHONE, colorScheme: 'dark' });
    await phone.goto('/manage/filter');
    await phone.getByLabel('harassment warn').waitFor();
    await screenshot(phone, 'admin-filter-phone-dark');
  });

  it('grants credits with a reason, which shows in the ledger', async () => {
    const dan = await t.newUser();
    const page = await browse();
    await page.goto('/manage/users');
    await page.getByRole('link', { name: `Credits of ${dan.email}` }).waitFor();
    await screenshot(page, 'admin-users-with-credits');
    await page.getByRole('link', { name: `Credits of ${dan.email}` }).click();
    await page.waitForURL(`**/manage/credits?user=${dan.user.id}`);
    await page.getByText('No credits have moved yet.').waitFor();

    await page.getByLabel('Amount').fill('25');
    await page.getByLabel('Reason').fill('ok');
    await page.getByRole('button', { name: 'Grant credits' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'reason must be between 3 and 500 characters' })
      .waitFor();

    await page.getByLabel('Reason').fill('Thanks for the careful bug report');
    await page.getByRole('button', { name: 'Grant credits' }).click();
    await page.getByText('Granted 25 credits; the balance is 25').waitFor();
    await page.getByRole('cell', { name: 'Thanks for the careful bug report' }).waitFor();

    await page.getByLabel('Kind').selectOption('adjustment');
    await page.getByLabel('Amount').fill('-5');
    await page.getByLabel('Reason').fill('Correction of a double count');
    await page.getByRole('button', { name: 'Post adjustment' }).click();
    await page.getByText('Adjusted by -5 credits; the balance is 20').waitFor();
    await screenshot(page, 'admin-credits', { fullPage: true });

    const { body } = await t.as(admin).get(`/admin/credits/users/${dan.user.id}`);
    expect(body.balance).toBe(20);
    expect(body.ledger.data).toEqual([
      expect.objectContaining({ kind: 'adjustment', amount: -5, reason: 'Correction of a double count' }),
      expect.objectContaining({ kind: 'grant', amount: 25, reason: 'Thanks for the careful bug report' }),
    ]);
    expect((await t.as(dan).get('/credits/ledger')).body.data[1]).toMatchObject({
      reason: 'Thanks for the careful bug report',
    });

    // Prices per model.
    await page.getByLabel('Model', { exact: true }).fill('tiny-policy');
    await page.getByLabel('Credits per 1000 tokens').fill('0.5');
    await page.getByRole('button', { name: 'Set price' }).click();
    await page.getByText('tiny-policy now costs 0.5 credits per 1000 tokens').waitFor();
    expect((await t.as(admin).get('/credits/prices')).body.data).toEqual([
      expect.objectContaining({ model: 'tiny-policy', pricePer1kTokens: 0.5 }),
    ]);

    const phone = await browse({ viewport: PHONE });
    await phone.goto(`/manage/credits?user=${dan.user.id}`);
    await phone.getByRole('cell', { name: 'Thanks for the careful bug report' }).waitFor();
    await screenshot(phone, 'admin-credits-phone', { fullPage: true });
  });
});

describe('the preview of awards shown before finalising', () => {
  it("maps the contest's award rules onto the server's allocation, passing over entries that cannot win", () => {
    const standings = ['first', 'duplicate', 'third'].map((entryId, i) => ({
      entryId,
      awardEligible: i !== 1,
    }));
    const rules = { prizePool: 1000, maxAward: 600, winners: 2 };
    const byRank = previewAwards(standings, { ...rules, awardPolicy: 'rank_order' });
    expect(byRank.rows.map((r) => [r.standing.entryId, r.award])).toEqual([
      ['first', 600],
      ['duplicate', 0],
      ['third', 400],
    ]);
    expect(byRank.total).toBe(1000);
    const equal = previewAwards(standings, { ...rules, awardPolicy: 'equal' });
    expect(equal.rows.map((r) => r.award)).toEqual([500, 0, 500]);
  });
});
