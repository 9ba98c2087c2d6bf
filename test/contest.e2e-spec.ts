import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import OpenAI from 'openai';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity.js';
import { User } from '../src/auth/user.entity.js';
import { Clock } from '../src/contest/clock.js';
import { ContestEntry, JudgeAssignment, Notification, Score } from '../src/contest/contest.entities.js';
import { CreditBalance, CreditLedgerEntry } from '../src/credits/credit.entities.js';
import { Report, type ReportSnapshot } from '../src/feedback/feedback.entities.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

let t: TestApp;
let db: DataSource;
let admin: TestUser;

// The server's clock, moved by the tests; clients can never send a time.
const OPENS = new Date('2031-03-01T00:00:00Z');
const CLOSES = new Date('2031-03-08T00:00:00Z');
const DEADLINE = new Date('2031-03-15T00:00:00Z');
const BEFORE = new Date('2031-02-20T00:00:00Z');
const DURING = new Date('2031-03-04T00:00:00Z');
const AFTER = new Date('2031-03-10T00:00:00Z');
const PAST_DEADLINE = new Date('2031-03-16T00:00:00Z');
let now = DURING;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.get(DataSource);
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  admin = await t.newUser(['admin']);
});
afterAll(() => t.close());
beforeEach(() => {
  now = DURING;
});

let slugCounter = 0;

/** A contest created by the admin and opened, with the entry window OPENS–CLOSES. */
async function openContest(overrides: Record<string, unknown> = {}, open = true): Promise<string> {
  slugCounter += 1;
  const slug = `contest-${slugCounter}-${Date.now().toString(36)}`;
  const created = await t.as(admin).post('/admin/contests', {
    slug,
    title: `Contest ${slugCounter}`,
    rules: 'No purchase necessary. Void where prohibited. Must be at least 18 to enter.',
    opensAt: OPENS.toISOString(),
    closesAt: CLOSES.toISOString(),
    judgingDeadline: DEADLINE.toISOString(),
    prizePool: 1000,
    winners: 3,
    judgesPerEntry: 2,
    ...overrides,
  });
  expect(created.status).toBe(201);
  if (open)
    expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'open' })).status).toBe(200);
  return slug;
}

function snapshot(text: string): ReportSnapshot {
  const messageId = randomUUID();
  return {
    conversation: { id: randomUUID(), title: 'A chat' },
    messages: [
      {
        id: randomUUID(),
        role: 'user',
        content: 'Describe a nurse',
        status: 'complete',
        createdAt: '2031-02-01T00:00:00.000Z',
      },
      {
        id: messageId,
        role: 'assistant',
        content: text,
        status: 'complete',
        createdAt: '2031-02-01T00:00:01.000Z',
      },
    ],
    message: {
      id: messageId,
      role: 'assistant',
      content: text,
      status: 'complete',
      modelName: 'tiny-policy',
      modelVersionId: null,
    },
    moderation: null,
    takenAt: '2031-02-01T00:00:02.000Z',
  };
}

/** A report filed by `user`, written straight to the database (the feedback module's own tests cover filing). */
async function newReport(user: TestUser, extra: Partial<Report> = {}): Promise<string> {
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
      ...extra,
    }),
  );
  return row.id;
}

const entryBody = (reportIds: string[], extra: object = {}) => ({
  reportIds,
  writeUp: 'Asked about nurses and doctors; the model genders them every time.',
  age: 30,
  country: 'GB',
  acceptRulesVersion: 1,
  ...extra,
});

async function enter(user: TestUser, slug: string, extra: object = {}): Promise<string> {
  const res = await t.as(user).post(`/contests/${slug}/entries`, entryBody([await newReport(user)], extra));
  expect(res.status).toBe(201);
  return res.body.id;
}

async function judgePanel(slug: string, count: number): Promise<TestUser[]> {
  const judges = await Promise.all(Array.from({ length: count }, () => t.newUser(['judge'])));
  for (const j of judges)
    expect((await t.as(admin).put(`/admin/contests/${slug}/judges/${j.user.id}`)).status).toBe(200);
  return judges;
}

async function startJudging(slug: string, entryIds: string[]) {
  for (const id of entryIds) {
    expect(
      (await t.as(admin).post(`/admin/contests/${slug}/entries/${id}/screening`, { decision: 'eligible' }))
        .status,
    ).toBe(200);
  }
  now = AFTER;
  expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'judging' })).status).toBe(200);
}

/** The judge's assignment for an entry (found through the admin's view of who judges what). */
async function assignmentOf(entryId: string, judge: TestUser): Promise<string> {
  const row = await db.manager.findOneByOrFail(JudgeAssignment, { entryId, judgeId: judge.user.id });
  return row.id;
}

describe('a whole contest, draft to finalised: three judges, a dozen entries', () => {
  it('runs end to end, blind, and pays the winners in credits that /v1 usage draws on', async () => {
    now = BEFORE;
    // Every judge scores every entry, so identical scores normalise identically and the expected order is exact.
    const slug = await openContest({ judgesPerEntry: 3 }, false);
    // A draft is not public, and cannot skip to judging.
    expect((await t.http().get(`/contests/${slug}`)).status).toBe(404);
    const skip = await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'judging' });
    expect(skip.status).toBe(409);
    expect(skip.body.message).toMatch(/cannot move from draft to judging/);
    expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'open' })).body.status).toBe(
      'open',
    );
    expect((await t.http().get(`/contests/${slug}`)).body).toMatchObject({
      status: 'open',
      acceptingEntries: false,
      rulesVersion: 1,
    });

    now = DURING;
    expect((await t.http().get(`/contests/${slug}`)).body.acceptingEntries).toBe(true);
    const entrants = await Promise.all(Array.from({ length: 12 }, () => t.newUser()));
    await db.manager.update(User, { id: entrants[0].user.id }, { displayName: 'Ada Visible' });
    await db.manager.update(User, { id: entrants[1].user.id }, { displayName: 'Bea Hidden' });
    const entryIds: string[] = [];
    for (const [i, entrant] of entrants.entries())
      entryIds.push(await enter(entrant, slug, { showName: i === 0 }));
    const judges = await judgePanel(slug, 3);

    // The window closes by the server clock: judging cannot start before.
    const early = await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'judging' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/after the entry window closes at 2031-03-08T00:00:00.000Z/);
    await startJudging(slug, entryIds);
    expect((await t.as(admin).post(`/admin/contests/${slug}/assignments`)).body).toEqual({ created: 36 });
    // Topping up again assigns nothing new.
    expect((await t.as(admin).post(`/admin/contests/${slug}/assignments`)).body).toEqual({ created: 0 });

    // Entry i has quality i: every judge gives it min(10, i) on every criterion.
    const quality = (entryIndex: number) => Math.min(10, entryIndex);
    const judgeResponses: unknown[] = [];
    judgeResponses.push((await t.as(judges[0]).get('/judging/contests')).body);
    let checkedOthers = false;
    for (const judge of judges) {
      const list = await t.as(judge).get(`/judging/assignments?contest=${slug}&limit=100`);
      judgeResponses.push(list.body);
      expect(list.body.data).toHaveLength(12);
      for (const summary of list.body.data) {
        const detail = await t.as(judge).get(`/judging/assignments/${summary.id}`);
        judgeResponses.push(detail.body);
        const row = await db.manager.findOneByOrFail(JudgeAssignment, { id: summary.id });
        const value = quality(entryIds.indexOf(row.entryId));
        const othersBefore = await db.manager.countBy(JudgeAssignment, {
          entryId: row.entryId,
          status: 'submitted',
        });
        const scored = await t.as(judge).put(`/judging/assignments/${summary.id}/score`, {
          values: { harm: value, novelty: value, stakeholder_ideas: value },
        });
        expect(scored.status).toBe(200);
        judgeResponses.push(scored.body);
        expect(scored.body.myScore).toMatchObject({
          total: value,
          formula: `(1×${value} + 1×${value} + 1×${value}) / 3 = ${value}.00`,
          revision: 1,
        });
        // Other judges' scores of this entry show only once this judge has submitted, without naming them.
        if (!checkedOthers && othersBefore > 0) {
          expect(detail.body.otherScores).toBeNull();
          expect(scored.body.otherScores).toEqual([
            expect.objectContaining({ judge: 'Judge 1', total: value }),
          ]);
          checkedOthers = true;
        }
      }
    }
    expect(checkedOthers).toBe(true);

    // A revision is kept, counted and audited.
    const firstAssignment = (await t.as(judges[0]).get('/judging/assignments')).body.data[0].id;
    const revised = await t.as(judges[0]).put(`/judging/assignments/${firstAssignment}/score`, {
      values: { harm: 1, novelty: 1, stakeholder_ideas: 1 },
      comment: 'on reflection',
    });
    judgeResponses.push(revised.body);
    expect(revised.body.myScore).toMatchObject({ revision: 2, total: 1, comment: 'on reflection' });
    const restoredValue = quality(
      entryIds.indexOf((await db.manager.findOneByOrFail(JudgeAssignment, { id: firstAssignment })).entryId),
    );
    await t.as(judges[0]).put(`/judging/assignments/${firstAssignment}/score`, {
      values: { harm: restoredValue, novelty: restoredValue, stakeholder_ideas: restoredValue },
    });
    const scoreAudit = await db.manager.find(AuditLog, {
      where: { entityType: 'judge_assignment', entityId: firstAssignment },
      order: { createdAt: 'ASC' },
    });
    expect(scoreAudit.map((a) => [a.action, a.data.revision])).toEqual([
      ['score.submit', 1],
      ['score.revise', 2],
      ['score.revise', 3],
    ]);

    // Blind: no judge-facing response names or points at an entrant.
    const seen = JSON.stringify(judgeResponses);
    for (const entrant of entrants) {
      expect(seen).not.toContain(entrant.user.id);
      expect(seen).not.toContain(entrant.email);
    }
    expect(seen).not.toContain('Ada Visible');
    expect(seen).not.toContain('Bea Hidden');
    for (const id of entryIds) expect(seen).not.toContain(id);

    const standings = await t.as(admin).get(`/admin/contests/${slug}/standings`);
    expect(standings.body.pendingScores).toBe(0);
    expect(standings.body.standings).toHaveLength(12);
    expect(standings.body.agreement).toBeGreaterThan(0.9);

    const finalised = await t.as(admin).post(`/admin/contests/${slug}/finalise`);
    expect(finalised.status).toBe(200);
    expect(finalised.body.alreadyFinalised).toBe(false);
    const results = (await t.http().get(`/contests/${slug}/results`)).body;
    expect(results.results.map((r: { rank: number }) => r.rank)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    // Entries 10 and 11 both got 10s everywhere: the tie breaks by the earlier submission (entry 10).
    const byRank = finalised.body.results.map((r: { entryId: string }) => entryIds.indexOf(r.entryId));
    expect(byRank.slice(0, 3)).toEqual([10, 11, 9]);
    expect(byRank.at(-1)).toBe(0);
    expect(results.results.slice(0, 4).map((r: { award: number }) => r.award)).toEqual([333, 333, 333, 0]);
    // Display names only where the entrant opted in (entrant 0, ranked last).
    expect(results.results.at(-1).name).toBe('Ada Visible');
    expect(results.results.filter((r: { name: string | null }) => r.name !== null)).toHaveLength(1);
    expect(JSON.stringify(results)).not.toContain(entrants[0].user.id);

    // Winners: credits in the ledger, and an in-app notice.
    const winner = entrants[10];
    expect((await t.as(winner).get('/credits/balance')).body).toMatchObject({ balance: 333 });
    const notices = await t.as(winner).get('/notifications');
    expect(notices.body).toMatchObject({
      unread: 1,
      data: [{ kind: 'contest_award', data: { rank: 1, award: 333, contestSlug: slug } }],
    });
    expect((await t.as(winner).post(`/notifications/${notices.body.data[0].id}/read`)).body.readAt).toEqual(
      expect.any(String),
    );
    expect((await t.as(winner).get('/notifications?unread=true')).body).toMatchObject({
      unread: 0,
      data: [],
    });
    const entry = await t.as(winner).get(`/contest-entries/${entryIds[10]}`);
    expect(entry.body.result).toMatchObject({ rank: 1, award: 333 });

    // Every status move is audited, in order.
    const history = (await t.as(admin).get(`/admin/contests/${slug}`)).body.history;
    const moves = history.filter(
      (h: { action: string }) => h.action === 'contest.create' || h.action === 'contest.status',
    );
    expect(moves.map((h: { action: string; data: { to?: string } }) => h.data.to ?? h.action)).toEqual([
      'contest.create',
      'open',
      'judging',
      'finalised',
    ]);
    expect(moves.every((h: { actorId: string }) => h.actorId === admin.user.id)).toBe(true);
    // Finalised is final.
    expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'cancelled' })).status).toBe(
      409,
    );
    expect(
      (
        await t.as(judges[0]).put(`/judging/assignments/${firstAssignment}/score`, {
          values: { harm: 1, novelty: 1, stakeholder_ideas: 1 },
        })
      ).status,
    ).toBe(409);

    // The award pays for /v1 calls at the model's price until it runs out, then 429 insufficient_quota.
    const baseURL = `${await t.listen()}/v1`;
    const client = new OpenAI({ apiKey: await t.newApiKey(winner.user.id), baseURL, maxRetries: 0 });
    const model = (await client.models.list()).data[0].id;
    // 25 credits per 1k tokens: a call of a dozen or so tokens costs ~0.3 credits; 333 credits is a lot of calls,
    // so the admin first takes most of it back to keep the test short (an audited adjustment).
    expect((await t.as(admin).put('/admin/credits/prices', { model, pricePer1kTokens: 25 })).status).toBe(
      200,
    );
    await t.as(admin).post(`/admin/credits/users/${winner.user.id}/adjustments`, {
      amount: -332.5,
      reason: 'test: keep half a credit',
    });
    let calls = 0;
    let refused: unknown;
    while (calls < 20) {
      try {
        await client.chat.completions.create({
          model,
          messages: [{ role: 'user', content: 'Hello there' }],
          max_tokens: 4,
        });
        calls += 1;
      } catch (error) {
        refused = error;
        break;
      }
    }
    expect(calls).toBeGreaterThan(0);
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(refused).toMatchObject({ code: 'insufficient_quota', type: 'insufficient_quota' });
    const ledger = await db.manager.find(CreditLedgerEntry, { where: { userId: winner.user.id } });
    expect(ledger.filter((e) => e.kind === 'usage')).toHaveLength(calls);
    const balance = await db.manager.findOneByOrFail(CreditBalance, { userId: winner.user.id });
    expect(ledger.reduce((s, e) => s + e.amountMicro, 0)).toBe(balance.balanceMicro);
    expect(balance.balanceMicro).toBeLessThanOrEqual(0);
  });
});

describe('the entry window, by the server clock', () => {
  it('refuses entries before and after the window and edits after it closes', async () => {
    const slug = await openContest();
    const alice = await t.newUser();
    const reportId = await newReport(alice);
    now = BEFORE;
    const before = await t.as(alice).post(`/contests/${slug}/entries`, entryBody([reportId]));
    expect(before.status).toBe(409);
    expect(before.body.message).toBe('The entry window opens at 2031-03-01T00:00:00.000Z');
    now = DURING;
    const during = await t.as(alice).post(`/contests/${slug}/entries`, entryBody([reportId]));
    expect(during.status).toBe(201);
    expect(during.body).toMatchObject({
      status: 'submitted',
      screening: 'pending',
      rulesVersion: 1,
      contest: { slug },
    });
    const edited = await t.as(alice).patch(`/contest-entries/${during.body.id}`, {
      writeUp: 'A better write-up.',
    });
    expect(edited.body.writeUp).toBe('A better write-up.');
    now = AFTER;
    const late = await t.as(alice).post(`/contests/${slug}/entries`, entryBody([await newReport(alice)]));
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('The entry window closed at 2031-03-08T00:00:00.000Z');
    expect(
      (await t.as(alice).patch(`/contest-entries/${during.body.id}`, { writeUp: 'Too late' })).status,
    ).toBe(409);
    expect((await t.as(alice).post(`/contest-entries/${during.body.id}/withdraw`)).status).toBe(409);
    expect((await t.as(alice).get(`/contest-entries/${during.body.id}`)).body.writeUp).toBe(
      'A better write-up.',
    );
  });

  it('lets entrants withdraw while open, freeing their reports, and is idempotent on create', async () => {
    const slug = await openContest();
    const alice = await t.newUser();
    const reportId = await newReport(alice);
    const first = await t
      .as(alice)
      .post(`/contests/${slug}/entries`, entryBody([reportId]))
      .set('Idempotency-Key', 'entry-1');
    expect(first.status).toBe(201);
    const retry = await t
      .http()
      .post(`/contests/${slug}/entries`)
      .set('Cookie', alice.cookie)
      .set('Idempotency-Key', 'entry-1')
      .send(entryBody([reportId]));
    expect(retry.status).toBe(200);
    expect(retry.body.id).toBe(first.body.id);
    // Without a key, the same entry sent again is found by its reports.
    const again = await t.as(alice).post(`/contests/${slug}/entries`, entryBody([reportId]));
    expect([again.status, again.body.id]).toEqual([200, first.body.id]);
    const reused = await t
      .http()
      .post(`/contests/${slug}/entries`)
      .set('Cookie', alice.cookie)
      .set('Idempotency-Key', 'entry-1')
      .send(entryBody([reportId], { writeUp: 'different' }));
    expect(reused.status).toBe(409);
    expect(await db.manager.countBy(ContestEntry, { entrantId: alice.user.id })).toBe(1);

    const withdrawn = await t.as(alice).post(`/contest-entries/${first.body.id}/withdraw`);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', withdrawnAt: expect.any(String) });
    const reentered = await t
      .as(alice)
      .post(`/contests/${slug}/entries`, entryBody([reportId], { writeUp: 'Second try' }));
    expect(reentered.status).toBe(201);
    expect(
      (await t.as(alice).get('/contest-entries')).body.data.map((e: { status: string }) => e.status),
    ).toEqual(['submitted', 'withdrawn']);
  });

  it('refuses a cancelled contest and moves status only forward', async () => {
    const slug = await openContest();
    expect(
      (await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'cancelled' })).body.status,
    ).toBe('cancelled');
    const back = await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'open' });
    expect(back.status).toBe(409);
    expect(back.body.message).toMatch(/cannot move from cancelled to open/);
    const alice = await t.newUser();
    const closed = await t.as(alice).post(`/contests/${slug}/entries`, entryBody([await newReport(alice)]));
    expect(closed.status).toBe(409);
    expect(closed.body.message).toMatch(/This contest is cancelled/);
    expect((await t.as(admin).post(`/admin/contests/${slug}/status`, { status: 'finalised' })).status).toBe(
      400,
    );
  });
});

describe('eligibility and bad input', () => {
  it('refuses ineligible entrants naming the rule, and writes nothing', async () => {
    const slug = await openContest({ excludedCountries: ['xx'], minAge: 18 });
    const alice = await t.newUser();
    const reportId = await newReport(alice);
    const young = await t.as(alice).post(`/contests/${slug}/entries`, entryBody([reportId], { age: 17 }));
    expect(young.status).toBe(403);
    expect(young.body.message).toBe(
      'Not eligible (rule: minimum_age): entrants must be at least 18 years old',
    );
    const excluded = await t
      .as(alice)
      .post(`/contests/${slug}/entries`, entryBody([reportId], { country: 'xx' }));
    expect(excluded.status).toBe(403);
    expect(excluded.body.message).toMatch(/^Not eligible \(rule: excluded_country\): entries from XX/);
    const rules = await t
      .as(alice)
      .post(`/contests/${slug}/entries`, entryBody([reportId], { acceptRulesVersion: 2 }));
    expect(rules.status).toBe(409);
    expect(rules.body.message).toMatch(/rules are at version 1/);
    // A rules change raises the version entrants must accept.
    await t.as(admin).patch(`/admin/contests/${slug}`, {
      rules: 'New rules: must be at least 18. Void where prohibited.',
    });
    const stale = await t.as(alice).post(`/contests/${slug}/entries`, entryBody([reportId]));
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/rules are at version 2/);
    expect(await db.manager.countBy(ContestEntry, { entrantId: alice.user.id })).toBe(0);
    const ok = await t
      .as(alice)
      .post(`/contests/${slug}/entries`, entryBody([reportId], { acceptRulesVersion: 2 }));
    expect(ok.body.rulesVersion).toBe(2);
  });

  it("refuses someone else's report, a report already entered, unknown fields, and malformed ids", async () => {
    const slug = await openContest();
    const alice = await t.newUser();
    const bob = await t.newUser();
    const bobs = await newReport(bob);
    const stolen = await t.as(alice).post(`/contests/${slug}/entries`, entryBody([bobs]));
    expect(stolen.status).toBe(403);
    expect(stolen.body.message).toBe(`Report ${bobs} is not one of your reports`);
    const unknown = await t.as(alice).post(`/contests/${slug}/entries`, entryBody([randomUUID()]));
    expect(unknown.status).toBe(403);
    const malformed = await t.as(alice).post(`/contests/${slug}/entries`, entryBody(['42']));
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toMatch(/each value in reportIds must be a UUID/);
    const extra = await t.as(alice).post(`/contests/${slug}/entries`, {
      ...entryBody([await newReport(alice)]),
      prize: 'all of it',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/property prize should not exist/);
    await enter(bob, slug);
    const bobEntry = await db.manager.findOneByOrFail(ContestEntry, { entrantId: bob.user.id });
    const twice = await t
      .as(bob)
      .post(`/contests/${slug}/entries`, entryBody([bobEntry.reportIds[0], await newReport(bob)]));
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe(
      `Report ${bobEntry.reportIds[0]} is already in an entry: a report can be entered once`,
    );
    // Another contest cannot take it either: one report, one entry.
    const other = await openContest();
    expect(
      (await t.as(bob).post(`/contests/${other}/entries`, entryBody([bobEntry.reportIds[0]]))).status,
    ).toBe(409);
    expect(await db.manager.countBy(ContestEntry, { entrantId: alice.user.id })).toBe(0);
    expect(await db.manager.countBy(ContestEntry, { entrantId: bob.user.id })).toBe(1);
    // Someone else's entry is not found.
    expect((await t.as(alice).get(`/contest-entries/${bobEntry.id}`)).status).toBe(404);
    expect((await t.as(alice).patch(`/contest-entries/${bobEntry.id}`, { writeUp: 'mine now' })).status).toBe(
      404,
    );
  });

  it('refuses bad contests: window order, rubric errors, duplicate slugs, judges per entry below 2', async () => {
    const base = {
      title: 'x',
      rules: 'r',
      prizePool: 1,
      winners: 1,
      opensAt: OPENS.toISOString(),
      closesAt: CLOSES.toISOString(),
      judgingDeadline: DEADLINE.toISOString(),
    };
    const order = await t.as(admin).post('/admin/contests', {
      ...base,
      slug: 'bad-order',
      closesAt: BEFORE.toISOString(),
    });
    expect([order.status, order.body.message]).toEqual([400, 'closesAt must be after opensAt']);
    const rubric = await t.as(admin).post('/admin/contests', {
      ...base,
      slug: 'bad-rubric',
      rubric: { kind: 'weighted', criteria: [{ key: 'a', label: 'A', min: 0, max: 10, weight: -1 }] },
    });
    expect([rubric.status, rubric.body.message]).toEqual([
      400,
      'rubric.criteria.0.weight must be a number above 0 and at most 100, with at most 2 decimals',
    ]);
    expect(
      (await t.as(admin).post('/admin/contests', { ...base, slug: 'one-judge', judgesPerEntry: 1 })).body
        .message,
    ).toBe('judgesPerEntry must be at least 2');
    const slug = await openContest();
    expect((await t.as(admin).post('/admin/contests', { ...base, slug })).status).toBe(409);
  });
});

describe('screening', () => {
  it('disqualifies with a reason the entrant sees; only eligible entries are judged; drafts stay private', async () => {
    const draft = await openContest({}, false);
    const slug = await openContest();
    const listed = (await t.http().get('/contests?limit=100')).body.data.map((c: { slug: string }) => c.slug);
    expect(listed).toContain(slug);
    expect(listed).not.toContain(draft);
    expect(
      (await t.as(admin).get('/admin/contests?status=draft&limit=100')).body.data.map(
        (c: { slug: string }) => c.slug,
      ),
    ).toContain(draft);
    await judgePanel(slug, 2);
    const [alice, bob] = [await t.newUser(), await t.newUser()];
    const kept = await enter(alice, slug);
    const dropped = await enter(bob, slug);
    const noReason = await t.as(admin).post(`/admin/contests/${slug}/entries/${dropped}/screening`, {
      decision: 'disqualified',
    });
    expect([noReason.status, noReason.body.message]).toEqual([
      400,
      'reason is required to disqualify an entry (the entrant sees it)',
    ]);
    const out = await t.as(admin).post(`/admin/contests/${slug}/entries/${dropped}/screening`, {
      decision: 'disqualified',
      reason: 'The report is about a different product',
    });
    expect(out.body).toMatchObject({
      screening: 'disqualified',
      entrant: { id: bob.user.id, email: bob.email },
    });
    expect((await t.as(bob).get(`/contest-entries/${dropped}`)).body).toMatchObject({
      screening: 'disqualified',
      screeningReason: 'The report is about a different product',
    });
    await startJudging(slug, [kept]);
    expect((await t.as(admin).post(`/admin/contests/${slug}/assignments`)).body).toEqual({ created: 2 });
    const entries = (await t.as(admin).get(`/admin/contests/${slug}/entries`)).body.data;
    expect(entries.map((e: { id: string; judging: object }) => [e.id, e.judging])).toEqual([
      [kept, { assigned: 2, submitted: 0 }],
      [dropped, { assigned: 0, submitted: 0 }],
    ]);
  });
});

describe('judging', () => {
  it('never assigns entrants their own entry or judges with a conflict, and refuses it when asked', async () => {
    const slug = await openContest({ judgesPerEntry: 2 });
    const judges = await judgePanel(slug, 4);
    const [selfJudge, conflicted] = judges;
    const carol = await t.newUser();
    const own = await enter(selfJudge, slug);
    const carols = await enter(carol, slug);
    const others = await Promise.all([t.newUser(), t.newUser()].map(async (u) => enter(await u, slug)));
    // The judge learns nothing about whether Carol entered.
    const declared = await t.as(conflicted).post(`/judging/contests/${slug}/conflicts`, {
      email: carol.email.toUpperCase(),
      reason: 'my sister',
    });
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ email: carol.email, reason: 'my sister' });
    expect((await t.as(conflicted).get(`/judging/contests/${slug}/conflicts`)).body.data).toHaveLength(1);
    await startJudging(slug, [own, carols, ...others]);
    expect((await t.as(admin).post(`/admin/contests/${slug}/assignments`)).body).toEqual({ created: 8 });
    const on = async (entryId: string) =>
      (await db.manager.findBy(JudgeAssignment, { entryId })).map((a) => a.judgeId);
    expect(await on(own)).not.toContain(selfJudge.user.id);
    expect(await on(carols)).not.toContain(conflicted.user.id);

    const self = await t.as(admin).post(`/admin/contests/${slug}/entries/${own}/assignments`, {
      judgeId: selfJudge.user.id,
    });
    expect([self.status, self.body.message]).toEqual([409, 'A judge cannot judge their own entry']);
    const conflict = await t.as(admin).post(`/admin/contests/${slug}/entries/${carols}/assignments`, {
      judgeId: conflicted.user.id,
    });
    expect([conflict.status, conflict.body.message]).toEqual([
      409,
      'This judge declared a conflict of interest with the entrant',
    ]);
    const stranger = await t.newUser(['judge']);
    expect(
      (
        await t.as(admin).post(`/admin/contests/${slug}/entries/${own}/assignments`, {
          judgeId: stranger.user.id,
        })
      ).status,
    ).toBe(409);

    // A judge who recognises an entry recuses; a free judge takes over, never the entrant.
    const [first] = await db.manager.findBy(JudgeAssignment, { entryId: own, status: 'assigned' });
    const judge = judges.find((j) => j.user.id === first.judgeId)!;
    expect(
      (await t.as(judge).post(`/judging/assignments/${first.id}/recuse`, { reason: 'I know who wrote this' }))
        .body,
    ).toEqual({ replaced: true });
    const after = await db.manager.findBy(JudgeAssignment, { entryId: own });
    expect(after.filter((a) => a.status !== 'recused')).toHaveLength(2);
    expect(after.map((a) => a.judgeId)).not.toContain(selfJudge.user.id);
    expect(
      (
        await t.as(judge).put(`/judging/assignments/${first.id}/score`, {
          values: { harm: 1, novelty: 1, stakeholder_ideas: 1 },
        })
      ).status,
    ).toBe(409);
    // Another judge's assignment is not found; non-panel judges see nothing of the contest.
    const notMine = after.find((a) => a.judgeId !== judge.user.id && a.status !== 'recused')!;
    expect((await t.as(judge).get(`/judging/assignments/${notMine.id}`)).status).toBe(404);
    expect((await t.as(stranger).get(`/judging/contests/${slug}/conflicts`)).status).toBe(404);
  });

  it('refuses scores outside the scale, unknown and missing criteria, and writes nothing', async () => {
    const slug = await openContest();
    const [judge, judge2] = await judgePanel(slug, 2);
    const entry = await enter(await t.newUser(), slug);
    await startJudging(slug, [entry]);
    await t.as(admin).post(`/admin/contests/${slug}/assignments`);
    const id = await assignmentOf(entry, judge);
    const audits = await db.manager.count(AuditLog);
    const cases: [object, string][] = [
      [
        { values: { harm: 11, novelty: 5, stakeholder_ideas: 5 } },
        'values.harm must be a whole number from 0 to 10',
      ],
      [
        { values: { harm: 5, novelty: -1, stakeholder_ideas: 5.5 } },
        'values.novelty must be a whole number from 0 to 10; values.stakeholder_ideas must be a whole number from 0 to 10',
      ],
      [
        { values: { harm: 5, novelty: 5, stakeholder_ideas: 5, charm: 9 } },
        'values.charm is not a criterion of this rubric (criteria: harm, novelty, stakeholder_ideas)',
      ],
      [{ values: { harm: 5 } }, 'values.novelty is required; values.stakeholder_ideas is required'],
      [{ values: 'ten' }, 'values must be an object of criterion keys'],
      [
        { values: { harm: 5, novelty: 5, stakeholder_ideas: 5 }, total: 10 },
        'property total should not exist',
      ],
    ];
    for (const [body, message] of cases) {
      const res = await t.as(judge).put(`/judging/assignments/${id}/score`, body);
      expect([res.status, res.body.message]).toEqual([400, message]);
    }
    expect(await db.manager.countBy(Score, { assignmentId: id })).toBe(0);
    expect((await db.manager.findOneByOrFail(JudgeAssignment, { id })).status).toBe('assigned');
    expect(await db.manager.count(AuditLog)).toBe(audits);
    // The judge's list says nothing about other judges' scores either.
    await t.as(judge2).put(`/judging/assignments/${await assignmentOf(entry, judge2)}/score`, {
      values: { harm: 3, novelty: 3, stakeholder_ideas: 3 },
    });
    expect((await t.as(judge).get(`/judging/assignments/${id}`)).body.otherScores).toBeNull();
  });

  it('computes the two published bias-bounty totals exactly and shows the formula', async () => {
    const slug = await openContest({ rubricTemplate: 'bias_bounty' });
    const [judge] = await judgePanel(slug, 2);
    const entries = [await enter(await t.newUser(), slug), await enter(await t.newUser(), slug)];
    expect((await t.http().get(`/contests/${slug}`)).body.rubricFormula).toMatch(
      /^total = Harm type base points × Damage × Affected users/,
    );
    await startJudging(slug, entries);
    await t.as(admin).post(`/admin/contests/${slug}/assignments`);
    const first = await t
      .as(judge)
      .put(`/judging/assignments/${await assignmentOf(entries[0], judge)}/score`, {
        values: {
          harm_type: 'erasure',
          damage: 'low',
          affected_users: 'from_1m_to_1b',
          likelihood_or_exploitability: 'monthly',
          justification: 'basic',
          clarity: 'fair',
          creativity: 'standard',
        },
      });
    expect(first.body.myScore).toMatchObject({
      total: 17.82,
      formula: '15 × 1.2 × 1.2 × 1.1 × 1.0 × 0.75 × 1.0 = 17.82',
    });
    const second = await t
      .as(judge)
      .put(`/judging/assignments/${await assignmentOf(entries[1], judge)}/score`, {
        values: {
          harm_type: 'under_representation',
          damage: 'medium',
          affected_users: 'from_1m_to_1b',
          likelihood_or_exploitability: 'daily',
          justification: 'basic',
          clarity: 'excellent',
          creativity: 'standard',
        },
      });
    expect(second.body.myScore).toMatchObject({
      total: 60.84,
      formula: '20 × 1.3 × 1.2 × 1.3 × 1.0 × 1.5 × 1.0 = 60.84',
    });
    const bad = await t.as(judge).put(`/judging/assignments/${await assignmentOf(entries[1], judge)}/score`, {
      values: {
        harm_type: 'boredom',
        damage: 'medium',
        affected_users: 'from_1m_to_1b',
        likelihood_or_exploitability: 'daily',
        justification: 'basic',
        clarity: 'excellent',
        creativity: 'standard',
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(
      /^values.harm_type must be one of under_representation \(20\), erasure \(15\)/,
    );
  });
});

describe('aggregation and awards', () => {
  /**
   * The hand-worked example of src/contest/math/ranking.spec.ts, through the API: one criterion, judges
   *   A: E1 10, E2 8, E3 9 · B: E2 5, E3 3, E4 4 · C: E1 6, E4 8
   * normalise to E1 (√1.5 − 1)/2 = 0.1124, E2 0, E3 −√1.5/2 = −0.6124, E4 0.5; raw means 8, 6.5, 6, 6.
   * E4 ranks first though its raw mean is lowest but one; E1 and E2 are flagged (spread > 1.5).
   */
  it('normalises per judge, flags disagreement, gets an extra judge, and passes over a duplicate (first reporter wins)', async () => {
    const slug = await openContest({
      rubric: {
        kind: 'weighted',
        criteria: [{ key: 'quality', label: 'Quality', min: 0, max: 10, weight: 1 }],
      },
      prizePool: 600,
      maxAward: 500,
      winners: 2,
      awardPolicy: 'rank_order',
    });
    const [a, b, c, d] = await judgePanel(slug, 4);
    const people = await Promise.all([1, 2, 3, 4].map(() => t.newUser()));
    const [e1, e2, e3] = await Promise.all(people.slice(0, 3).map((p) => enter(p, slug)));
    // E4's report duplicates someone else's earlier report.
    const firstReporter = await t.newUser();
    const original = await newReport(firstReporter);
    const duplicate = await newReport(people[3], { status: 'duplicate', duplicateOf: original });
    const e4 = (await t.as(people[3]).post(`/contests/${slug}/entries`, entryBody([duplicate]))).body.id;
    await startJudging(slug, [e1, e2, e3, e4]);
    const note = (await t.as(people[3]).get(`/contest-entries/${e4}`)).body;
    expect(note).toMatchObject({ screening: 'eligible', awardEligible: false });
    expect(note.awardNote).toBe(
      `Report ${duplicate} duplicates an earlier report (${original}) by another reporter; the first reporter wins, so this entry cannot win an award`,
    );

    // prettier-ignore
    const plan: [TestUser, string, number][] = [
      [a, e1, 10], [a, e2, 8], [a, e3, 9],
      [b, e2, 5], [b, e3, 3], [b, e4, 4],
      [c, e1, 6], [c, e4, 8],
    ];
    for (const [judge, entry] of plan) {
      expect(
        (
          await t.as(admin).post(`/admin/contests/${slug}/entries/${entry}/assignments`, {
            judgeId: judge.user.id,
          })
        ).status,
      ).toBe(201);
    }
    for (const [judge, entry, quality] of plan) {
      expect(
        (
          await t.as(judge).put(`/judging/assignments/${await assignmentOf(entry, judge)}/score`, {
            values: { quality },
          })
        ).status,
      ).toBe(200);
    }
    const standings = (await t.as(admin).get(`/admin/contests/${slug}/standings`)).body;
    const R = Math.sqrt(1.5);
    expect(standings.standings.map((s: { entryId: string }) => s.entryId)).toEqual([e4, e1, e2, e3]);
    expect(standings.standings.map((s: { score: number }) => s.score)).toEqual([0.5, 0.1124, 0, -0.6124]);
    expect(standings.standings.map((s: { rawScore: number }) => s.rawScore)).toEqual([6, 8, 6.5, 6]);
    expect(standings.standings.map((s: { flagged: boolean }) => s.flagged)).toEqual([
      false,
      true,
      true,
      false,
    ]);
    const observed = (2 * ((R + 1) ** 2 + 4 * R ** 2 + R ** 2 + 1)) / 8;
    expect(standings.agreement).toBeCloseTo(1 - observed / (128 / 56), 4);

    // An extra judge for a flagged entry: the only free one is D.
    const extra = await t.as(admin).post(`/admin/contests/${slug}/entries/${e2}/assignments`, {});
    expect(extra.body).toMatchObject({ judgeId: d.user.id, extra: true });
    // Finalising waits for that score until the judging deadline passes.
    const waiting = await t.as(admin).post(`/admin/contests/${slug}/finalise`);
    expect(waiting.status).toBe(409);
    expect(waiting.body.message).toMatch(/1 assigned score is still to come/);
    now = PAST_DEADLINE;
    const done = await t.as(admin).post(`/admin/contests/${slug}/finalise`);
    expect(done.status).toBe(200);
    // E4 ranks first but cannot win: the awards go to E1 and E2 in rank order, within the pool and the cap.
    expect(done.body.results.map((r: { entryId: string; award: number }) => [r.entryId, r.award])).toEqual([
      [e4, 0],
      [e1, 500],
      [e2, 100],
      [e3, 0],
    ]);
    expect(done.body.contest.agreement).toBeCloseTo(1 - observed / (128 / 56), 6);
  });

  it('finalising 100 times at once pays one set of awards; the ledger sums to the balances', async () => {
    const slug = await openContest({ prizePool: 100, winners: 2, maxAward: 40 });
    const [j1, j2] = await judgePanel(slug, 2);
    const people = await Promise.all([1, 2, 3].map(() => t.newUser()));
    const entries = await Promise.all(people.map((p) => enter(p, slug)));
    await startJudging(slug, entries);
    await t.as(admin).post(`/admin/contests/${slug}/assignments`);
    for (const [i, entry] of entries.entries()) {
      for (const judge of [j1, j2]) {
        await t.as(judge).put(`/judging/assignments/${await assignmentOf(entry, judge)}/score`, {
          values: { harm: 3 + 3 * i, novelty: 5, stakeholder_ideas: 5 },
        });
      }
    }
    const base = await t.listen();
    const answers = await Promise.all(
      Array.from({ length: 100 }, () =>
        request(base).post(`/admin/contests/${slug}/finalise`).set('Cookie', admin.cookie),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(answers.filter((r) => r.body.alreadyFinalised === false)).toHaveLength(1);
    for (const r of answers) expect(r.body.results).toEqual(answers[0].body.results);

    const awards = await db.manager.findBy(CreditLedgerEntry, { kind: 'award', refType: 'contest_entry' });
    const mine = awards.filter((a) => entries.includes(a.refId!));
    expect(mine.map((a) => a.amountMicro).sort()).toEqual([40_000_000, 40_000_000]);
    for (const person of people) {
      const ledger = await db.manager.findBy(CreditLedgerEntry, { userId: person.user.id });
      const balance =
        (await db.manager.findOneBy(CreditBalance, { userId: person.user.id }))?.balanceMicro ?? 0;
      expect(ledger.reduce((s, e) => s + e.amountMicro, 0)).toBe(balance);
    }
    expect(await db.manager.countBy(Notification, { userId: people[2].user.id, kind: 'contest_award' })).toBe(
      1,
    );
    const finalMoves = await db.manager.find(AuditLog, {
      where: { action: 'contest.status', entityType: 'contest' },
    });
    expect(
      finalMoves.filter((m) => m.data.to === 'finalised' && answers[0].body.contest.id === m.entityId),
    ).toHaveLength(1);
  });
});
