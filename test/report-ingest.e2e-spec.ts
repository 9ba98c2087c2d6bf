import { DataSource } from 'typeorm';
import { Report, ReportEvent } from '../src/feedback/feedback.entities.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

// Plain JSON submissions to POST /reports are answered ahead of Express (src/common/fast-route.ts); with a
// query string, the same request goes through Express and Nest. Both must answer alike.
let t: TestApp;
let alice: TestUser;
let messageId: string;
let othersMessageId: string;

/** A new conversation of `user` with one exchange; returns the id of the model's reply. */
async function modelReply(user: TestUser, content: string): Promise<string> {
  const conversationId = (await t.http().post('/conversations').set('Cookie', user.cookie).send({})).body.id as string;
  const res = await t
    .http()
    .post(`/conversations/${conversationId}/messages`)
    .set('Cookie', user.cookie)
    .send({ content, sampling: { temperature: 1, maxTokens: 10, seed: 3 } });
  return res.body.assistantMessage.id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  alice = await t.newUser();
  messageId = await modelReply(alice, 'Tell me about the moon');
  othersMessageId = await modelReply(await t.newUser(), 'Tell me about the sea');
});
afterAll(() => t.close());

const count = (where: object) => t.app.get(DataSource).manager.countBy(Report, where);

type Send = (path: string) => ReturnType<ReturnType<TestApp['http']>['post']>;

describe('POST /reports ahead of Express', () => {
  it('is installed in front of Express', () => {
    const listeners = t.app.getHttpServer().listeners('request');
    expect(listeners).toHaveLength(1);
    expect(listeners[0]).not.toBe(t.app.getHttpAdapter().getInstance());
  });

  const cases: [string, (user: TestUser) => Send][] = [
    ['no credentials', () => (path) => t.http().post(path).send({ kind: 'bias', messageId, description: 'x' })],
    ['an invalid API key', () => (path) => t.http().post(path).set('Authorization', 'Bearer rk_nope').send({ kind: 'bias', messageId, description: 'x' })],
    ['an unknown kind', (u) => (path) => t.http().post(path).set('Cookie', u.cookie).send({ kind: 'gossip', messageId, description: 'x' })],
    ['an unknown field', (u) => (path) => t.http().post(path).set('Cookie', u.cookie).send({ kind: 'bias', messageId, description: 'x', admin: true })],
    ['a message id that is not a UUID', (u) => (path) => t.http().post(path).set('Cookie', u.cookie).send({ kind: 'bias', messageId: 'm1', description: 'x' })],
    ['broken JSON', (u) => (path) => t.http().post(path).set('Cookie', u.cookie).set('Content-Type', 'application/json').send('{"kind":')],
    ['a JSON string as body', (u) => (path) => t.http().post(path).set('Cookie', u.cookie).set('Content-Type', 'application/json').send('"bias"')],
    ['a body over the limit', (u) => (path) => t.http().post(path).set('Cookie', u.cookie).send({ kind: 'bias', messageId, description: 'x'.repeat(1_100_000) })],
    ['a bad Idempotency-Key', (u) => (path) => t.http().post(path).set('Cookie', u.cookie).set('Idempotency-Key', 'with space').send({ kind: 'bias', messageId, description: 'x' })],
    ['a missing message', (u) => (path) => t.http().post(path).set('Cookie', u.cookie).send({ kind: 'bias', messageId: '00000000-0000-4000-8000-000000000000', description: 'x' })],
    ["another user's message", (u) => (path) => t.http().post(path).set('Cookie', u.cookie).send({ kind: 'bias', messageId: othersMessageId, description: 'x' })],
    ["another user's message, without credentials", () => (path) => t.http().post(path).send({ kind: 'bias', messageId: othersMessageId, description: 'x' })],
  ];

  it.each(cases)('answers %s exactly as the Nest route does', async (_, make) => {
    const send = make(alice);
    const [fast, nest] = [await send('/reports'), await send('/reports?via=express')];
    expect(fast.status).toBeGreaterThanOrEqual(400);
    expect(fast.status).toBeLessThan(500);
    expect({ status: fast.status, body: fast.body }).toEqual({ status: nest.status, body: nest.body });
    expect(fast.headers['content-type']).toBe(nest.headers['content-type']);
  });

  it('files the same report either way, with the request id and security headers every response carries', async () => {
    const body = { kind: 'harmful_output', messageId, categories: ['violence'], description: 'Describes hurting someone' };
    const fast = await t.http().post('/reports').set('Cookie', alice.cookie).set('X-Request-Id', 'fast-1').send(body);
    const nest = await t.http().post('/reports?via=express').set('Cookie', alice.cookie).set('X-Request-Id', 'nest-1').send(body);
    expect([fast.status, nest.status]).toEqual([201, 201]);
    const comparable = (b: Record<string, unknown>) => ({ ...b, id: undefined, createdAt: undefined, updatedAt: undefined, snapshot: { ...(b.snapshot as object), takenAt: undefined } });
    expect(comparable(fast.body)).toEqual(comparable(nest.body));
    expect(fast.headers['x-request-id']).toBe('fast-1');
    for (const header of ['x-content-type-options', 'content-security-policy', 'x-frame-options']) {
      expect(fast.headers[header]).toBe(nest.headers[header]);
    }
    expect(fast.headers['x-powered-by']).toBeUndefined();
  });

  it('reads a message id in upper case as the same message either way', async () => {
    const body = { kind: 'bias', messageId: messageId.toUpperCase(), description: 'Upper-case id' };
    for (const path of ['/reports', '/reports?via=express']) {
      const res = await t.http().post(path).set('Cookie', alice.cookie).send(body);
      expect(res.status).toBe(201);
      expect(res.body.messageId).toBe(messageId);
    }
  });

  it('gives a retry its report back after the conversation is deleted, and still refuses the key for another request', async () => {
    const conversationId = (await t.http().post('/conversations').set('Cookie', alice.cookie).send({})).body.id as string;
    const reply = await t
      .http()
      .post(`/conversations/${conversationId}/messages`)
      .set('Cookie', alice.cookie)
      .send({ content: 'Soon deleted', sampling: { temperature: 1, maxTokens: 10, seed: 3 } });
    const body = { kind: 'harmful_output', messageId: reply.body.assistantMessage.id, description: 'Then deleted' };
    const first = await t.http().post('/reports').set('Cookie', alice.cookie).set('Idempotency-Key', 'after-delete').send(body);
    expect(first.status).toBe(201);
    expect((await t.http().delete(`/conversations/${conversationId}`).set('Cookie', alice.cookie)).status).toBeLessThan(300);
    for (const path of ['/reports', '/reports?via=express']) {
      const retry = await t.http().post(path).set('Cookie', alice.cookie).set('Idempotency-Key', 'after-delete').send(body);
      expect({ status: retry.status, id: retry.body.id }).toEqual({ status: 200, id: first.body.id });
      const other = await t.http().post(path).set('Cookie', alice.cookie).set('Idempotency-Key', 'after-delete').send({ ...body, description: 'Changed' });
      expect(other.status).toBe(422);
      const fresh = await t.http().post(path).set('Cookie', alice.cookie).set('Idempotency-Key', `fresh-${path}`).send(body);
      expect(fresh.status).toBe(404);
    }
  });

  it('accepts an API key as the Nest guard does', async () => {
    const key = await t.newApiKey(alice.user.id);
    const res = await t.http().post('/reports').set('Authorization', `Bearer ${key}`).send({ kind: 'bias', messageId, description: 'Assumes the nurse is a woman' });
    expect(res.status).toBe(201);
    const stored = await t.app.get(DataSource).manager.findOneByOrFail(Report, { id: res.body.id });
    expect(stored.reporterId).toBe(alice.user.id);
  });
});

describe('group commit of concurrent submissions', () => {
  it('stores each of many concurrent submissions once, with its bands and its event, at distinct instants', async () => {
    const before = await count({ reporterId: alice.user.id });
    const sends = Array.from({ length: 60 }, (_, i) =>
      t.http().post('/reports').set('Cookie', alice.cookie).set('Idempotency-Key', `burst-${i}`).send({ kind: 'bias', messageId, description: `Burst report number ${i}` }),
    );
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(60);
    expect(await count({ reporterId: alice.user.id })).toBe(before + 60);
    const db = t.app.get(DataSource);
    const ids = answers.map((a) => a.body.id as string);
    const [{ bands }] = (await db.query('SELECT sum(cardinality(bands))::int AS bands FROM reports WHERE id = ANY($1)', [ids])) as { bands: number }[];
    expect(bands).toBe(60 * 16);
    expect(await db.manager.countBy(ReportEvent, ids.map((reportId) => ({ reportId, type: 'submitted' })))).toBe(60);
    // Reports of one batch keep distinct instants (in microseconds), so "earlier report" stays meaningful.
    const [{ instants }] = (await db.query('SELECT count(DISTINCT created_at)::int AS instants FROM reports WHERE id = ANY($1)', [ids])) as { instants: number }[];
    expect(instants).toBe(60);
  });

  it('a burst on several messages stores each report with the snapshot of its own message, as answered', async () => {
    const replies = [messageId, await modelReply(alice, 'Tell me about the stars'), await modelReply(alice, 'Tell me about rivers')];
    const sends = Array.from({ length: 30 }, (_, i) =>
      t.http().post('/reports').set('Cookie', alice.cookie).send({ kind: 'bias', messageId: replies[i % 3], description: `Mixed burst ${i}` }),
    );
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    const stored = await t.app.get(DataSource).manager.findBy(Report, answers.map((a) => ({ id: a.body.id as string })));
    const byId = new Map(stored.map((r) => [r.id, r]));
    answers.forEach((answer, i) => {
      const report = byId.get(answer.body.id as string)!;
      expect(report.snapshot.message.id).toBe(replies[i % 3]);
      expect(report.snapshot.messages.at(-1)!.id).toBe(replies[i % 3]);
      expect(report.snapshot).toEqual(answer.body.snapshot);
    });
  });

  it('retries of one key inside a burst make one report; the others get it back', async () => {
    const body = { kind: 'bias', messageId, description: 'Sent many times at once' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.http().post('/reports').set('Cookie', alice.cookie).set('Idempotency-Key', 'burst-same').send(body)),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(19);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await count({ reporterId: alice.user.id, idempotencyKey: 'burst-same' })).toBe(1);
  });

  it('a submission the database refuses fails alone; the rest of its batch is stored', async () => {
    const bob = await t.newUser();
    const bobsMessage = await modelReply(bob, 'Hello there');
    const db = t.app.get(DataSource);
    await db.query(`CREATE FUNCTION test_refuse_report() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.description = 'refused' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$`);
    await db.query('CREATE TRIGGER test_refuse_report BEFORE INSERT ON reports FOR EACH ROW EXECUTE FUNCTION test_refuse_report()');
    try {
      const before = await count({ reporterId: alice.user.id });
      const failing = t.http().post('/reports').set('Cookie', bob.cookie).send({ kind: 'harmful_output', messageId: bobsMessage, description: 'refused' });
      const others = Array.from({ length: 10 }, (_, i) =>
        t.http().post('/reports').set('Cookie', alice.cookie).send({ kind: 'bias', messageId, description: `Neighbour ${i}` }),
      );
      const [bad, ...good] = await Promise.all([failing, ...others]);
      expect(good.map((g) => g.status)).toEqual(good.map(() => 201));
      expect(bad.status).toBe(500);
      expect(bad.body.message).toBe('Internal server error');
      expect(await count({ reporterId: bob.user.id })).toBe(0);
      expect(await count({ reporterId: alice.user.id })).toBe(before + 10);
    } finally {
      await db.query('DROP TRIGGER test_refuse_report ON reports');
      await db.query('DROP FUNCTION test_refuse_report()');
    }
  });
});
