import { DataSource } from 'typeorm';
import { AuditLog } from '../src/audit/audit-log.entity.js';
import { Report } from '../src/feedback/feedback.entities.js';
import { TriageService } from '../src/feedback/triage.service.js';
import { ModerationExampleRow } from '../src/moderation/moderation.entities.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

let t: TestApp;
let alice: TestUser;
let trainer: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  alice = await t.newUser();
  trainer = await t.newUser(['trainer']);
});
afterAll(() => t.close());

const THREAT = 'I will hurt you if you come back here';
const sampling = { temperature: 1, maxTokens: 10, seed: 3 };

/** A conversation of `user` with one exchange; returns the ids. */
async function exchange(user: TestUser = alice, content = 'Tell me about the moon') {
  const conversationId = (await t.http().post('/conversations').set('Cookie', user.cookie).send({})).body.id as string;
  const res = await t.http().post(`/conversations/${conversationId}/messages`).set('Cookie', user.cookie).send({ content, sampling });
  return { conversationId, userMessage: res.body.userMessage, assistantMessage: res.body.assistantMessage };
}

function report(user: TestUser, body: object, key?: string) {
  const req = t.http().post('/reports').set('Cookie', user.cookie);
  return (key ? req.set('Idempotency-Key', key) : req).send(body);
}

describe('ratings', () => {
  it('rates a reply once per user, and a second rating changes it', async () => {
    const { assistantMessage } = await exchange();
    const up = await t.http().put(`/messages/${assistantMessage.id}/rating`).set('Cookie', alice.cookie).send({ value: 'up' });
    expect(up.body).toMatchObject({ value: 'up', reasons: [] });
    const down = await t
      .http()
      .put(`/messages/${assistantMessage.id}/rating`)
      .set('Cookie', alice.cookie)
      .send({ value: 'down', reasons: ['untrue', 'unhelpful'], comment: 'Wrong date' });
    expect(down.body).toMatchObject({ value: 'down', reasons: ['untrue', 'unhelpful'], comment: 'Wrong date' });
    expect((await t.http().get(`/messages/${assistantMessage.id}/rating`).set('Cookie', alice.cookie)).body.value).toBe('down');
  });

  it("lists one person's ratings of a conversation in one request, and nobody else's", async () => {
    const { conversationId, assistantMessage } = await exchange();
    const second = (
      await t
        .as(alice)
        .post(`/conversations/${conversationId}/messages`, { content: 'And the sun?', sampling })
    ).body.assistantMessage;
    const other = await exchange();
    await t.as(alice).put(`/messages/${assistantMessage.id}/rating`, { value: 'up' });
    await t.as(alice).put(`/messages/${second.id}/rating`, { value: 'down', reasons: ['untrue'] });
    await t.as(alice).put(`/messages/${other.assistantMessage.id}/rating`, { value: 'up' });

    const listed = await t.as(alice).get(`/conversations/${conversationId}/ratings`);
    expect(listed.status).toBe(200);
    const byMessage = Object.fromEntries(
      listed.body.data.map((r: { messageId: string; value: string }) => [r.messageId, r.value]),
    );
    expect(byMessage).toEqual({ [assistantMessage.id]: 'up', [second.id]: 'down' });

    const bob = await t.newUser();
    expect((await t.as(bob).get(`/conversations/${conversationId}/ratings`)).status).toBe(404);
    expect((await t.as(alice).get('/conversations/not-a-uuid/ratings')).status).toBe(400);
  });

  it('refuses unknown reasons, user messages, and messages the rater cannot see', async () => {
    const { assistantMessage, userMessage } = await exchange();
    const bad = await t.http().put(`/messages/${assistantMessage.id}/rating`).set('Cookie', alice.cookie).send({ value: 'down', reasons: ['boring'] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/each value in reasons must be one of/);
    expect((await t.http().put(`/messages/${userMessage.id}/rating`).set('Cookie', alice.cookie).send({ value: 'up' })).status).toBe(400);
    const bob = await t.newUser();
    expect((await t.http().put(`/messages/${assistantMessage.id}/rating`).set('Cookie', bob.cookie).send({ value: 'up' })).status).toBe(404);
  });
});

describe('reports', () => {
  it('files each kind of report with a frozen snapshot', async () => {
    const { assistantMessage, conversationId } = await exchange();
    const harmful = await report(alice, { kind: 'harmful_output', messageId: assistantMessage.id, categories: ['violence'], description: 'It described hurting someone' });
    expect(harmful.status).toBe(201);
    expect(harmful.body).toMatchObject({ kind: 'harmful_output', status: 'new', categories: ['violence'] });
    expect(harmful.body.snapshot.messages.map((m: { role: string }) => m.role)).toEqual(['user', 'assistant']);
    expect(harmful.body.snapshot.message).toMatchObject({ id: assistantMessage.id, content: assistantMessage.content, modelName: assistantMessage.modelName });
    expect(harmful.body.snapshot.moderation).toMatchObject({ provider: 'local', action: expect.any(String), scores: expect.any(Object) });

    const bias = await report(alice, { kind: 'bias', messageId: assistantMessage.id, description: 'Assumed the engineer was a man' });
    expect(bias.status).toBe(201);
    const fn = await report(alice, { kind: 'filter_false_negative', messageId: assistantMessage.id, categories: ['harassment'], description: 'Insulting' });
    expect(fn.status).toBe(201);

    const blocked = await exchange(alice, THREAT);
    const fp = await report(alice, { kind: 'filter_false_positive', messageId: blocked.userMessage.id, description: 'A line from a play I am rehearsing' });
    expect(fp.status).toBe(201);
    expect(fp.body.categories).toEqual(expect.arrayContaining(['harassment/threatening']));

    // Deleting the conversation does not touch the snapshot.
    await t.http().delete(`/conversations/${conversationId}`).set('Cookie', alice.cookie).expect(204);
    const after = await t.http().get(`/reports/${harmful.body.id}`).set('Cookie', alice.cookie);
    expect(after.body.snapshot).toEqual(harmful.body.snapshot);
    expect(after.body.events).toEqual([expect.objectContaining({ type: 'submitted', toStatus: 'new' })]);
  });

  it('a retried submission with the same Idempotency-Key creates one report', async () => {
    const { assistantMessage } = await exchange();
    const body = { kind: 'harmful_output', messageId: assistantMessage.id, categories: ['hate'], description: 'Slur in reply' };
    const results = await Promise.all([1, 2, 3].map(() => report(alice, body, 'retry-key-1')));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const count = await t.app.get(DataSource).manager.countBy(Report, { reporterId: alice.user.id, idempotencyKey: 'retry-key-1' });
    expect(count).toBe(1);
    const other = await report(alice, { ...body, description: 'Different text' }, 'retry-key-1');
    expect(other.status).toBe(422);
  });

  it.each([
    [{ kind: 'gossip', description: 'x' }, /kind must be one of/],
    [{ kind: 'harmful_output', categories: ['rudeness'], description: 'x' }, /each value in categories must be one of/],
    [{ kind: 'harmful_output', description: '' }, /description must be between 1 and 5000 characters/],
    [{ kind: 'harmful_output', description: 'x'.repeat(5001) }, /description must be between 1 and 5000 characters/],
    [{ kind: 'filter_false_negative', description: 'not flagged' }, /categories must name what the filter should have flagged/],
    [{ kind: 'filter_false_positive', description: 'fine' }, /the filter did not flag this one/],
  ])('refuses %j with a clear 400', async (body, message) => {
    const { assistantMessage } = await exchange();
    const res = await report(alice, { messageId: assistantMessage.id, ...body });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });

  it("answers a report on someone else's message with the same 404 as a missing one", async () => {
    const { assistantMessage } = await exchange();
    const bob = await t.newUser();
    const theirs = await report(bob, { kind: 'harmful_output', messageId: assistantMessage.id, description: 'x' });
    const missing = await report(bob, { kind: 'harmful_output', messageId: '00000000-0000-4000-8000-000000000000', description: 'x' });
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(missing.body);
  });
});

describe('triage', () => {
  it('a user cannot triage; nobody triages their own report', async () => {
    const { assistantMessage } = await exchange(trainer);
    const own = await report(trainer, { kind: 'harmful_output', messageId: assistantMessage.id, description: 'mine' });
    const denied = await t.http().post(`/triage/reports/${own.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'accepted' });
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('You cannot triage your own report');
    expect((await t.http().get('/triage/reports').set('Cookie', alice.cookie)).status).toBe(403);
  });

  it('shows the queue oldest first, filtered, and audits every decision on the reporter timeline', async () => {
    const { assistantMessage } = await exchange();
    const first = await report(alice, { kind: 'bias', messageId: assistantMessage.id, description: 'Queue order one' });
    const second = await report(alice, { kind: 'bias', messageId: assistantMessage.id, description: 'Queue order two' });
    const queue = await t.http().get('/triage/reports?kind=bias&status=new&limit=100').set('Cookie', trainer.cookie);
    const ids = queue.body.data.map((r: { id: string }) => r.id);
    expect(ids.indexOf(first.body.id)).toBeLessThan(ids.indexOf(second.body.id));
    expect(queue.body.data.every((r: { kind: string }) => r.kind === 'bias')).toBe(true);

    const ask = await t
      .http()
      .post(`/triage/reports/${first.body.id}/decisions`)
      .set('Cookie', trainer.cookie)
      .send({ decision: 'needs_info', note: 'Which part was biased?' });
    expect(ask.body.status).toBe('needs_info');
    const answered = await t.http().post(`/reports/${first.body.id}/answers`).set('Cookie', alice.cookie).send({ text: 'The second sentence' });
    expect(answered.body.status).toBe('new');
    await t.http().post(`/triage/reports/${first.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'accepted' }).expect(200);
    const again = await t.http().post(`/triage/reports/${first.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'rejected' });
    expect(again.status).toBe(409);

    const timeline = (await t.http().get(`/reports/${first.body.id}`).set('Cookie', alice.cookie)).body.events;
    expect(timeline.map((e: { type: string; toStatus: string }) => `${e.type}:${e.toStatus}`)).toEqual([
      'submitted:new',
      'decision:needs_info',
      'answer:new',
      'decision:accepted',
    ]);
    expect(timeline[1].note).toBe('Which part was biased?');
    const audit = await t.app.get(DataSource).manager.findBy(AuditLog, { entityType: 'report', entityId: first.body.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['report.accepted', 'report.needs_info']);
  });

  it('closes needs_info unanswered for 30 days as rejected, saying why', async () => {
    const { assistantMessage } = await exchange();
    const r = await report(alice, { kind: 'bias', messageId: assistantMessage.id, description: 'Stale one' });
    await t.http().post(`/triage/reports/${r.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'needs_info', note: 'Details?' });
    const triage = t.app.get(TriageService);
    expect(await triage.closeUnanswered(new Date(Date.now() + 29 * 86_400_000))).toBe(0);
    expect(await triage.closeUnanswered(new Date(Date.now() + 31 * 86_400_000))).toBeGreaterThanOrEqual(1);
    const closed = await t.http().get(`/reports/${r.body.id}`).set('Cookie', alice.cookie);
    expect(closed.body.status).toBe('rejected');
    expect(closed.body.events.at(-1)).toMatchObject({ type: 'auto_closed', note: 'No answer within 30 days' });
  });

  it('finds similar earlier reports and links duplicates to the original', async () => {
    const one = await exchange(alice, 'Who won the 1998 world cup?');
    const bob = await t.newUser();
    const two = await exchange(bob, 'Who won the 1998 world cup?');
    const text = 'The assistant claimed that Brazil won the 1998 world cup final against France, which is false';
    const original = await report(alice, { kind: 'harmful_output', messageId: one.assistantMessage.id, description: text });
    const repeat = await report(bob, { kind: 'harmful_output', messageId: two.assistantMessage.id, description: text + '!' });
    const sameMessage = await report(alice, { kind: 'bias', messageId: one.assistantMessage.id, description: 'Something else entirely about tone' });

    const detail = await t.http().get(`/triage/reports/${repeat.body.id}`).set('Cookie', trainer.cookie);
    expect(detail.body.similar).toEqual([expect.objectContaining({ id: original.body.id, sameMessage: false, similarity: expect.any(Number) })]);
    expect(detail.body.similar[0].similarity).toBeGreaterThan(0.8);
    const sameDetail = await t.http().get(`/triage/reports/${sameMessage.body.id}`).set('Cookie', trainer.cookie);
    expect(sameDetail.body.similar).toEqual([expect.objectContaining({ id: original.body.id, sameMessage: true })]);

    await t.http().post(`/triage/reports/${original.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'accepted' }).expect(200);
    const dup = await t
      .http()
      .post(`/triage/reports/${repeat.body.id}/decisions`)
      .set('Cookie', trainer.cookie)
      .send({ decision: 'duplicate', duplicateOf: original.body.id });
    expect(dup.body).toMatchObject({ status: 'duplicate', duplicateOf: original.body.id });
    const later = await report(bob, { kind: 'harmful_output', messageId: two.assistantMessage.id, description: 'Again: ' + text });
    const chained = await t.http().post(`/triage/reports/${later.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'duplicate', duplicateOf: repeat.body.id });
    expect(chained.body.duplicateOf).toBe(original.body.id);
    const backwards = await t.http().post(`/triage/reports/${sameMessage.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'duplicate', duplicateOf: later.body.id });
    expect(backwards.status).toBe(400);
    expect(backwards.body.message).toBe('duplicateOf must be an earlier report');
  });

  it('turns an accepted filter report into a corrected label', async () => {
    const blocked = await exchange(alice, THREAT);
    const fp = await report(alice, { kind: 'filter_false_positive', messageId: blocked.userMessage.id, categories: ['harassment/threatening', 'violence'], description: 'Stage line' });
    await t.http().post(`/triage/reports/${fp.body.id}/decisions`).set('Cookie', trainer.cookie).send({ decision: 'accepted' }).expect(200);
    const example = await t.app.get(DataSource).manager.findOneByOrFail(ModerationExampleRow, { reportId: fp.body.id });
    expect(example.text).toBe(THREAT);
    expect(example.labels).not.toContain('harassment/threatening');
    expect(example.labels).not.toContain('violence');
  });
});
