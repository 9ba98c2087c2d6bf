import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity.js';
import { CreditBalance, CreditLedgerEntry } from '../src/credits/credit.entities.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

let t: TestApp;
let db: DataSource;
let admin: TestUser;
let baseURL: string;
let model: string;

beforeAll(async () => {
  t = await createTestApp();
  db = t.app.get(DataSource);
  admin = await t.newUser(['admin']);
  baseURL = `${await t.listen()}/v1`;
  const { user } = await t.newUser();
  model = (await new OpenAI({ apiKey: await t.newApiKey(user.id), baseURL, maxRetries: 0 }).models.list())
    .data[0].id;
});
afterAll(() => t.close());

const grant = (userId: string, body: object, key?: string) => {
  const req = t.http().post(`/admin/credits/users/${userId}/grants`).set('Cookie', admin.cookie);
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
};
const adjust = (userId: string, body: object) =>
  t.http().post(`/admin/credits/users/${userId}/adjustments`).set('Cookie', admin.cookie).send(body);
const setPrice = (pricePer1kTokens: number) =>
  t.http().put('/admin/credits/prices').set('Cookie', admin.cookie).send({ model, pricePer1kTokens });

async function ledgerSumsToBalance(userId: string) {
  const entries = await db.manager.findBy(CreditLedgerEntry, { userId });
  const balance = (await db.manager.findOneBy(CreditBalance, { userId }))?.balanceMicro ?? 0;
  expect(entries.reduce((s, e) => s + e.amountMicro, 0)).toBe(balance);
  // Each entry records the balance right after it, in order.
  const ordered = entries.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  let running = 0;
  for (const e of ordered) {
    running += e.amountMicro;
    expect(e.balanceAfterMicro).toBe(running);
  }
}

describe('balances and the ledger', () => {
  it('an admin grants and adjusts with a reason (audited); the user sees balance and ledger', async () => {
    const alice = await t.newUser();
    expect((await t.http().get('/credits/balance').set('Cookie', alice.cookie)).body).toEqual({
      userId: alice.user.id,
      balance: 0,
      unit: 'credits',
    });
    const granted = await grant(alice.user.id, { amount: 12.5, reason: 'Thanks for the bug report' });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({
      kind: 'grant',
      amount: 12.5,
      balanceAfter: 12.5,
      reason: 'Thanks for the bug report',
    });
    const adjusted = await adjust(alice.user.id, { amount: -2.25, reason: 'Correction' });
    expect(adjusted.body).toMatchObject({ kind: 'adjustment', amount: -2.25, balanceAfter: 10.25 });
    expect((await t.http().get('/credits/balance').set('Cookie', alice.cookie)).body.balance).toBe(10.25);
    const ledger = await t.http().get('/credits/ledger?limit=1').set('Cookie', alice.cookie);
    expect(ledger.body.data).toEqual([
      expect.objectContaining({ kind: 'adjustment', amount: -2.25, reason: 'Correction' }),
    ]);
    expect(ledger.body.nextCursor).toEqual(expect.any(String));
    const audit = await db.manager.find(AuditLog, {
      where: { entityType: 'credit_ledger', actorId: admin.user.id },
    });
    expect(
      audit.filter((a) => a.data.userId === alice.user.id).map((a) => [a.action, a.data.reason]),
    ).toEqual(
      expect.arrayContaining([
        ['credits.grant', 'Thanks for the bug report'],
        ['credits.adjustment', 'Correction'],
      ]),
    );
    const view = await t.http().get(`/admin/credits/users/${alice.user.id}`).set('Cookie', admin.cookie);
    expect(view.body).toMatchObject({
      balance: 10.25,
      ledger: { data: [{ kind: 'adjustment' }, { kind: 'grant' }] },
    });
    await ledgerSumsToBalance(alice.user.id);
  });

  it('posts a retried grant once (Idempotency-Key) and refuses the key for a different grant', async () => {
    const bob = await t.newUser();
    const first = await grant(bob.user.id, { amount: 5, reason: 'Welcome credits' }, 'welcome-bob');
    const again = await grant(bob.user.id, { amount: 5, reason: 'Welcome credits' }, 'welcome-bob');
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    expect((await grant(bob.user.id, { amount: 6, reason: 'Welcome credits' }, 'welcome-bob')).status).toBe(
      409,
    );
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => grant(bob.user.id, { amount: 1, reason: 'Once only' }, 'once')),
    );
    expect(concurrent.filter((r) => r.status === 201)).toHaveLength(1);
    expect(new Set(concurrent.map((r) => r.body.id)).size).toBe(1);
    expect((await t.http().get('/credits/balance').set('Cookie', bob.cookie)).body.balance).toBe(6);
    await ledgerSumsToBalance(bob.user.id);
  });

  it('refuses bad amounts, missing reasons, overdrafts and unknown users, writing nothing', async () => {
    const carol = await t.newUser();
    const cases: [object, string][] = [
      [{ amount: 0, reason: 'nothing' }, 'amount must be above 0'],
      [{ amount: -5, reason: 'negative' }, 'amount must be above 0'],
      [{ amount: 1.0000001, reason: 'too precise' }, 'amount must be a number with at most 6 decimals'],
      [{ amount: 5 }, 'reason must be between 3 and 500 characters'],
      [{ amount: '5', reason: 'a string' }, 'amount must be a number with at most 6 decimals'],
    ];
    for (const [body, message] of cases) {
      const res = await grant(carol.user.id, body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(message);
    }
    const overdraw = await adjust(carol.user.id, { amount: -1, reason: 'take back' });
    expect(overdraw.status).toBe(409);
    expect(overdraw.body.message).toMatch(/would leave a negative balance/);
    expect((await adjust(carol.user.id, { amount: 0, reason: 'zero' })).body.message).toBe(
      'amount must not be 0',
    );
    expect((await grant('00000000-0000-4000-8000-000000000000', { amount: 1, reason: 'ghost' })).status).toBe(
      404,
    );
    expect(await db.manager.countBy(CreditLedgerEntry, { userId: carol.user.id })).toBe(0);
  });
});

describe('/v1 usage draws on credits', () => {
  const hello = [{ role: 'user' as const, content: 'Hello there' }];

  it('is free while the model has no price, whatever the balance', async () => {
    await setPrice(0);
    const { user } = await t.newUser();
    const client = new OpenAI({ apiKey: await t.newApiKey(user.id), baseURL, maxRetries: 0 });
    const res = await client.chat.completions.create({ model, messages: hello, max_tokens: 3 });
    expect(res.choices).toHaveLength(1);
    expect(await db.manager.countBy(CreditLedgerEntry, { userId: user.id })).toBe(0);
  });

  it('charges prompt + completion tokens × the price until the credits run out, then 429 insufficient_quota', async () => {
    const prices = await setPrice(10);
    expect(prices.body).toMatchObject({ model, pricePer1kTokens: 10 });
    expect((await t.http().get('/credits/prices').set('Cookie', admin.cookie)).body.data).toEqual([
      expect.objectContaining({ model, pricePer1kTokens: 10 }),
    ]);
    const dave = await t.newUser();
    const client = new OpenAI({ apiKey: await t.newApiKey(dave.user.id), baseURL, maxRetries: 0 });

    // No credits: refused before any generation, streaming or not.
    const broke = await client.chat.completions
      .create({ model, messages: hello, max_tokens: 3 })
      .catch((e) => e);
    expect(broke).toBeInstanceOf(OpenAI.RateLimitError);
    expect(broke).toMatchObject({ status: 429, code: 'insufficient_quota', type: 'insufficient_quota' });
    expect(broke.message).toMatch(/no credits left/);
    await expect(
      client.chat.completions.create({ model, messages: hello, max_tokens: 3, stream: true }),
    ).rejects.toBeInstanceOf(OpenAI.RateLimitError);

    // 0.5 credits at 10 credits / 1k tokens = 50 tokens' worth.
    await grant(dave.user.id, { amount: 0.5, reason: 'trial' });
    const first = await client.chat.completions.create({ model, messages: hello, max_tokens: 4 });
    const tokens = first.usage!.prompt_tokens + first.usage!.completion_tokens;
    const [charge] = await db.manager.find(CreditLedgerEntry, {
      where: { userId: dave.user.id, kind: 'usage' },
    });
    expect(charge).toMatchObject({
      amountMicro: -Math.ceil((tokens * 10_000_000) / 1000),
      details: {
        model,
        promptTokens: first.usage!.prompt_tokens,
        completionTokens: first.usage!.completion_tokens,
        pricePer1kMicro: 10_000_000,
      },
    });
    let calls = 1;
    let refused: unknown;
    while (calls < 30) {
      try {
        await client.chat.completions.create({ model, messages: hello, max_tokens: 4 });
        calls += 1;
      } catch (error) {
        refused = error;
        break;
      }
    }
    expect(refused).toBeInstanceOf(OpenAI.RateLimitError);
    expect(refused).toMatchObject({ code: 'insufficient_quota' });
    expect(calls).toBeGreaterThan(1);
    expect(await db.manager.countBy(CreditLedgerEntry, { userId: dave.user.id, kind: 'usage' })).toBe(calls);
    // The call that ran the credits out was charged what was left, never more: the balance ends at zero.
    const balance = (await t.http().get('/credits/balance').set('Cookie', dave.cookie)).body.balance;
    expect(balance).toBe(0);
    const [last] = await db.manager.find(CreditLedgerEntry, {
      where: { userId: dave.user.id, kind: 'usage' },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 1,
    });
    expect(last.balanceAfterMicro).toBe(0);
    expect(last.amountMicro).toBeGreaterThanOrEqual(last.details.requestedMicro as number);
    await ledgerSumsToBalance(dave.user.id);
    await setPrice(0);
  });

  it('refuses bad prices with a message naming the field', async () => {
    const res = await t
      .http()
      .put('/admin/credits/prices')
      .set('Cookie', admin.cookie)
      .send({ model, pricePer1kTokens: -1 });
    expect([res.status, res.body.message]).toEqual([400, 'pricePer1kTokens must not be negative']);
  });
});
