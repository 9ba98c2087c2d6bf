import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { MODERATION_CATEGORIES } from '../src/ml/classifier/categories.js';
import { ModerationDecision } from '../src/moderation/moderation.entities.js';
import { parseSse } from './support/sse.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

let t: TestApp;
let alice: TestUser;
let admin: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  alice = await t.newUser();
  admin = await t.newUser(['admin']);
});
afterAll(() => t.close());

const THREAT = 'I will hurt you if you come back here';
const sampling = { temperature: 1, maxTokens: 12, seed: 42 };

async function conversation() {
  return (await t.http().post('/conversations').set('Cookie', alice.cookie).send({})).body.id as string;
}

/** Sets every category's thresholds (the shipped defaults come back after each test). */
async function setAll(warn: number, block: number) {
  const thresholds = MODERATION_CATEGORIES.map((category) => ({ category, warn, block }));
  const res = await t.http().put('/moderation/thresholds').set('Cookie', admin.cookie).send({ thresholds });
  expect(res.status).toBe(200);
}

describe('the content filter in chat', () => {
  let defaults: { category: string; warn: number; block: number }[];
  beforeAll(async () => {
    const res = await t.http().get('/moderation/thresholds').set('Cookie', admin.cookie);
    expect(res.body.provider).toBe('local');
    defaults = Object.entries(res.body.thresholds as Record<string, { warn: number; block: number }>).map(([category, v]) => ({ category, ...v }));
  });
  afterEach(async () => {
    await t.http().put('/moderation/thresholds').set('Cookie', admin.cookie).send({ thresholds: defaults });
  });

  it('blocks a threatening message before the model sees it, says why, and stores the decision', async () => {
    const id = await conversation();
    const res = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: THREAT, sampling });
    expect(res.status).toBe(201);
    expect(res.body.assistantMessage).toBeNull();
    expect(res.body.userMessage).toMatchObject({ status: 'blocked', moderation: { action: 'block', categories: expect.arrayContaining(['harassment/threatening']) } });
    expect(res.body.userMessage.moderation.notice).toMatch(/not sent to the model.*harassment/);
    const decision = await t.app.get(DataSource).manager.findOneByOrFail(ModerationDecision, { messageId: res.body.userMessage.id });
    expect(decision).toMatchObject({ target: 'input', provider: 'local', modelVersion: 'moderation-default', action: 'block' });
    expect(decision.scores['harassment/threatening']).toBeGreaterThan(0.5);

    const read = await t.http().get(`/conversations/${id}`).set('Cookie', alice.cookie);
    expect(read.body.messages.filter((m: { role: string }) => m.role === 'assistant')).toHaveLength(0);
  });

  it('lets an ordinary message through to the model', async () => {
    const id = await conversation();
    const res = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'How many days are in a week?', sampling });
    expect(res.body.userMessage.status).toBe('complete');
    expect(res.body.assistantMessage).not.toBeNull();
  });

  it('shows a warned reply with its notice', async () => {
    await setAll(0, 1);
    const id = await conversation();
    const res = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'Tell me something', sampling });
    expect(res.body.assistantMessage.status).toBe('complete');
    expect(res.body.assistantMessage.moderation).toMatchObject({ action: 'warn', notice: expect.stringMatching(/flagged this reply as possibly/) });
    expect(res.body.assistantMessage.content.length).toBeGreaterThan(0);
  });

  it('withholds a blocked reply, also while streaming, keeping it for reviewers', async () => {
    const id = await conversation();
    // Block every reply, but let the question through (it is checked before the thresholds change).
    const question = 'Tell me a story';
    await setAll(0, 0);
    const stream = await t
      .http()
      .post(`/conversations/${id}/messages`)
      .set('Cookie', alice.cookie)
      .send({ content: question, stream: true, sampling });
    const events = parseSse(stream.text);
    const done = events.find((e) => e.event === 'done');
    // With every threshold at 0 the question itself is blocked too: nothing reaches the model.
    expect(JSON.parse(done!.data).assistantMessage).toBeNull();

    await setAll(0.99, 0.995);
    const allowed = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: question, sampling });
    await setAll(0, 0);
    const regenerated = await t
      .http()
      .post(`/conversations/${id}/messages/${allowed.body.assistantMessage.id}/regenerate`)
      .set('Cookie', alice.cookie)
      .send({ stream: true, sampling: { ...sampling, seed: 2 } });
    const regenEvents = parseSse(regenerated.text);
    expect(regenEvents.filter((e) => e.event === 'delta')).toHaveLength(0);
    const withheld = JSON.parse(regenEvents.find((e) => e.event === 'done')!.data).assistantMessage;
    expect(withheld).toMatchObject({ status: 'withheld', content: '', finishReason: 'content_filter', moderation: { action: 'block' } });
    expect(withheld.moderation.notice).toMatch(/reply was withheld/);
  });

  it('the model never sees earlier blocked messages', async () => {
    const id = await conversation();
    await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: THREAT, sampling });
    const next = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'What is two plus two?', sampling });
    const alone = await t.http().post(`/conversations/${await conversation()}/messages`).set('Cookie', alice.cookie).send({ content: 'What is two plus two?', sampling });
    // Same seed, and the prompt the model saw is the same: the blocked message was left out.
    expect(next.body.assistantMessage.promptTokens).toBe(alone.body.assistantMessage.promptTokens);
    expect(next.body.assistantMessage.content).toBe(alone.body.assistantMessage.content);
  });
});

describe('thresholds and rules (admin)', () => {
  it('an exact rule flags its term on word boundaries only', async () => {
    const rule = await t.http().post('/moderation/rules').set('Cookie', admin.cookie).send({ category: 'illicit', term: 'moonshine' });
    expect(rule.status).toBe(201);
    const id = await conversation();
    const hit = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'Where can I buy Moonshine?', sampling });
    expect(hit.body.userMessage.moderation.action).toBe('block');
    const miss = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'moonshines of the night sky', sampling });
    expect(miss.body.userMessage.status).toBe('complete');
    expect((await t.http().delete(`/moderation/rules/${rule.body.id}`).set('Cookie', admin.cookie)).status).toBe(204);
  });

  it.each([
    [{ thresholds: [{ category: 'gossip', warn: 0.1, block: 0.2 }] }, /category must be one of/],
    [{ thresholds: [{ category: 'hate', warn: 1.5, block: 0.2 }] }, /thresholds.0.warn must not be greater than 1/],
    [{ thresholds: [{ category: 'hate', warn: 0.6, block: 0.2 }] }, /block \(0.2\) must not be below warn/],
    [{ thresholds: [] }, /thresholds must contain at least 1 elements/],
  ])('refuses bad thresholds %j', async (body, message) => {
    const res = await t.http().put('/moderation/thresholds').set('Cookie', admin.cookie).send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });
});

describe('POST /v1/moderations with the official client', () => {
  it('scores a string or an array, flagging the threat', async () => {
    const base = await t.listen();
    const client = new OpenAI({ apiKey: await t.newApiKey(alice.user.id), baseURL: `${base}/v1`, maxRetries: 0 });
    const one = await client.moderations.create({ input: THREAT });
    expect(one.results).toHaveLength(1);
    expect(one.results[0].flagged).toBe(true);
    expect(one.results[0].categories['harassment/threatening']).toBe(true);
    expect(Object.keys(one.results[0].category_scores)).toHaveLength(13);
    const many = await client.moderations.create({ input: [THREAT, 'What time does the library open?'] });
    expect(many.results.map((r) => r.flagged)).toEqual([true, false]);
    await expect(client.moderations.create({ input: 42 as unknown as string })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('answers a blocked chat input with finish_reason content_filter and a refusal', async () => {
    const base = await t.listen();
    const client = new OpenAI({ apiKey: await t.newApiKey(alice.user.id), baseURL: `${base}/v1`, maxRetries: 0 });
    const model = (await client.models.list()).data[0].id;
    const res = await client.chat.completions.create({ model, messages: [{ role: 'user', content: THREAT }] });
    expect(res.choices[0].finish_reason).toBe('content_filter');
    expect(res.choices[0].message.content).toBeNull();
    expect(res.choices[0].message.refusal).toMatch(/content filter/);
    expect(res.usage!.completion_tokens).toBe(0);
  });
});
