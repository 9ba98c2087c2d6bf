import { parseSse } from './support/sse.js';
import { createTestApp, type TestApp, type TestUser } from './support/test-app.js';

let t: TestApp;
let alice: TestUser;
beforeAll(async () => {
  t = await createTestApp();
  alice = await t.newUser();
});
afterAll(() => t.close());

const sampling = { temperature: 1, maxTokens: 12, seed: 42 };

async function newConversation(user: TestUser = alice, body: object = {}) {
  const res = await t.http().post('/conversations').set('Cookie', user.cookie).send(body);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

describe('conversations', () => {
  it('creates, lists a page at a time, reads, renames and deletes', async () => {
    const first = await newConversation(alice, { title: 'First' });
    const second = await newConversation(alice, { title: 'Second' });
    const page = await t.http().get('/conversations?limit=1').set('Cookie', alice.cookie);
    expect(page.body.data).toHaveLength(1);
    const next = await t.http().get(`/conversations?limit=1&cursor=${page.body.nextCursor}`).set('Cookie', alice.cookie);
    expect([page.body.data[0].id, next.body.data[0].id].sort()).toEqual([first, second].sort());

    const renamed = await t.http().patch(`/conversations/${first}`).set('Cookie', alice.cookie).send({ title: 'Renamed' });
    expect(renamed.body.title).toBe('Renamed');
    expect((await t.http().delete(`/conversations/${first}`).set('Cookie', alice.cookie)).status).toBe(204);
    expect((await t.http().get(`/conversations/${first}`).set('Cookie', alice.cookie)).status).toBe(404);
  });

  it("hides other people's conversations behind a 404", async () => {
    const id = await newConversation();
    const bob = await t.newUser();
    expect((await t.http().get(`/conversations/${id}`).set('Cookie', bob.cookie)).status).toBe(404);
    expect((await t.http().post(`/conversations/${id}/messages`).set('Cookie', bob.cookie).send({ content: 'hi' })).status).toBe(404);
  });
});

describe('messages', () => {
  it('answers a message with a reply that records model, sampling, tokens and latency', async () => {
    const id = await newConversation(alice, { systemPrompt: 'Be brief.' });
    const res = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'Hello!', sampling });
    expect(res.status).toBe(201);
    const { userMessage, assistantMessage } = res.body;
    expect(userMessage).toMatchObject({ role: 'user', content: 'Hello!' });
    expect(assistantMessage).toMatchObject({
      role: 'assistant',
      parentId: userMessage.id,
      status: 'complete',
      modelName: expect.stringMatching(/^tiny-policy/),
      modelVersionId: expect.any(String),
      sampling: expect.objectContaining({ temperature: 1, maxTokens: 12, seed: 42 }),
      finishReason: expect.stringMatching(/^(stop|length)$/),
      droppedMessages: 0,
    });
    expect(assistantMessage.promptTokens).toBeGreaterThan(3);
    expect(assistantMessage.completionTokens).toBeGreaterThan(0);
    expect(assistantMessage.latencyMs).toBeGreaterThanOrEqual(0);

    const read = await t.http().get(`/conversations/${id}`).set('Cookie', alice.cookie);
    expect(read.body.messages.map((m: { role: string }) => m.role)).toEqual(['system', 'user', 'assistant']);
  });

  it('fills in the sampling settings a request leaves out', async () => {
    const id = await newConversation();
    const res = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'Hi', sampling: { temperature: 0.5 } });
    expect(res.status).toBe(201);
    expect(res.body.assistantMessage.sampling).toMatchObject({ temperature: 0.5, topP: 0.95, maxTokens: 128 });
  });

  it('repeats a reply exactly for the same seed', async () => {
    const id = await newConversation();
    const ask = () => t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'Same?', sampling, parentId: undefined });
    const a = (await ask()).body.assistantMessage;
    const b = (await t.http().post(`/conversations/${id}/messages/${a.id}/regenerate`).set('Cookie', alice.cookie).send({ sampling })).body
      .assistantMessage;
    expect(b.content).toBe(a.content);
  });

  it('streams a reply token by token over server-sent events', async () => {
    const id = await newConversation();
    const res = await t
      .http()
      .post(`/conversations/${id}/messages`)
      .set('Cookie', alice.cookie)
      .send({ content: 'Stream please', stream: true, sampling: { ...sampling, maxTokens: 10 } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/event-stream/);
    const events = parseSse(res.text);
    expect(events[0].event).toBe('message');
    expect(events.at(-1)!.event).toBe('done');
    const deltas = events.filter((e) => e.event === 'delta').map((e) => JSON.parse(e.data).text as string);
    const done = JSON.parse(events.at(-1)!.data);
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join('')).toBe(done.assistantMessage.content);
  });

  it('regenerates a reply as a sibling under the same user message', async () => {
    const id = await newConversation();
    const first = (await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'Hi', sampling })).body;
    const again = await t
      .http()
      .post(`/conversations/${id}/messages/${first.assistantMessage.id}/regenerate`)
      .set('Cookie', alice.cookie)
      .send({ sampling: { ...sampling, seed: 7 } });
    expect(again.status).toBe(201);
    expect(again.body.assistantMessage.parentId).toBe(first.userMessage.id);
    expect(again.body.assistantMessage.id).not.toBe(first.assistantMessage.id);
    const read = await t.http().get(`/conversations/${id}`).set('Cookie', alice.cookie);
    const siblings = read.body.messages.filter((m: { parentId: string }) => m.parentId === first.userMessage.id);
    expect(siblings).toHaveLength(2);
  });

  it('continues the thread of the newest message, or branches from a chosen parent', async () => {
    const id = await newConversation();
    const one = (await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'one', sampling })).body;
    const two = (await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'two', sampling })).body;
    expect(two.userMessage.parentId).toBe(one.assistantMessage.id);
    const branch = await t
      .http()
      .post(`/conversations/${id}/messages`)
      .set('Cookie', alice.cookie)
      .send({ content: 'edited two', parentId: one.assistantMessage.id, sampling });
    expect(branch.body.userMessage.parentId).toBe(one.assistantMessage.id);
  });

  it('drops the oldest turns of a long conversation and says so', async () => {
    const id = await newConversation(alice, { systemPrompt: 'Stay polite.' });
    let dropped = 0;
    for (let i = 0; i < 8 && dropped === 0; i++) {
      const res = await t
        .http()
        .post(`/conversations/${id}/messages`)
        .set('Cookie', alice.cookie)
        .send({ content: `message number ${i} `.repeat(3), sampling: { ...sampling, maxTokens: 16 } });
      dropped = res.body.assistantMessage.droppedMessages;
    }
    expect(dropped).toBeGreaterThan(0);
  });

  it('stops a generation in flight and keeps what was written', async () => {
    const id = await newConversation();
    const pending = t
      .http()
      .post(`/conversations/${id}/messages`)
      .set('Cookie', alice.cookie)
      .send({ content: 'Go on for a while', stream: true, sampling: { temperature: 1, maxTokens: 200, seed: 3 } })
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', async (chunk: Buffer) => {
          text += chunk.toString();
          const started = parseSse(text).find((e) => e.event === 'message');
          if (started && !text.includes('stop-sent')) {
            text += '\n\nevent: stop-sent\ndata: {}\n\n';
            const assistantId = JSON.parse(started.data).assistantMessage.id;
            await t.http().post(`/conversations/${id}/messages/${assistantId}/stop`).set('Cookie', alice.cookie).send({});
          }
        });
        res.on('end', () => done(null, text));
      });
    const events = parseSse((await pending).body as string);
    const done = JSON.parse(events.find((e) => e.event === 'done')!.data);
    expect(done.assistantMessage.status).toBe('stopped');
    expect(done.assistantMessage.finishReason).toBe('abort');
    expect(done.assistantMessage.completionTokens).toBeLessThan(200);
  });

  it('stores text with a NUL character without failing (PostgreSQL text cannot hold U+0000)', async () => {
    const id = await newConversation();
    const res = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send({ content: 'a\u0000b', sampling });
    expect(res.status).toBe(201);
    expect(res.body.userMessage.content).toBe('ab');
  });

  it.each([
    [{}, /content must be a string/],
    [{ content: '' }, /content must be longer than or equal to 1 characters/],
    [{ content: 'x', sampling: { temperature: 5 } }, /sampling.temperature must not be greater than 2/],
    [{ content: 'x', sampling: { maxTokens: 0 } }, /sampling.maxTokens must not be less than 1/],
    [{ content: 'x', role: 'system' }, /property role should not exist/],
    [{ content: 'x', parentId: 'nope' }, /parentId must be a UUID/],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const id = await newConversation();
    const res = await t.http().post(`/conversations/${id}/messages`).set('Cookie', alice.cookie).send(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(message);
  });
});
