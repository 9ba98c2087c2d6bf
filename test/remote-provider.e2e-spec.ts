import OpenAI from 'openai';
import { createTestApp, type TestApp } from './support/test-app.js';

// The remote provider, tested for real: instance B serves chat from instance A's own /v1 API.
let upstream: TestApp;
let upstreamUrl: string;
let upstreamKey: string;
let upstreamModel: string;

beforeAll(async () => {
  upstream = await createTestApp();
  upstreamUrl = `${await upstream.listen()}/v1`;
  const { user } = await upstream.newUser();
  upstreamKey = await upstream.newApiKey(user.id);
  upstreamModel = (await new OpenAI({ apiKey: upstreamKey, baseURL: upstreamUrl }).models.list()).data[0].id;
});
afterAll(() => upstream.close());

const hello = [{ role: 'user' as const, content: 'Hello there' }];

async function proxy(apiKey: string) {
  return createTestApp({ MODEL_PROVIDER: 'openai-compatible', MODEL_BASE_URL: upstreamUrl, MODEL_API_KEY: apiKey, MODEL_NAME: upstreamModel });
}

describe('MODEL_PROVIDER=openai-compatible', () => {
  it('passes completions and streams through, token for token', async () => {
    const b = await proxy(upstreamKey);
    try {
      const { user } = await b.newUser();
      const client = new OpenAI({ apiKey: await b.newApiKey(user.id), baseURL: `${await b.listen()}/v1`, maxRetries: 0 });
      expect((await client.models.list()).data[0].id).toBe(upstreamModel);

      // A seed whose reply is long enough that the content filter releases it in several pieces.
      const upstreamClient = new OpenAI({ apiKey: upstreamKey, baseURL: upstreamUrl });
      let seed = 0;
      let direct = '';
      while (direct.length < 100 && seed < 50) {
        seed += 1;
        const res = await upstreamClient.chat.completions.create({ model: upstreamModel, messages: hello, max_tokens: 100, seed, temperature: 1 });
        direct = res.choices[0].message.content ?? '';
      }
      const stream = await client.chat.completions.create({ model: upstreamModel, messages: hello, max_tokens: 100, seed, temperature: 1, stream: true });
      let text = '';
      let pieces = 0;
      for await (const chunk of stream) {
        const piece = chunk.choices[0]?.delta.content;
        if (piece) {
          text += piece;
          pieces++;
        }
      }
      expect(direct.length).toBeGreaterThanOrEqual(100);
      expect(text).toBe(direct);
      expect(pieces).toBeGreaterThan(1);

      const health = await b.http().get('/health');
      expect(health.body.model).toEqual({ provider: 'openai-compatible', model: upstreamModel, baseUrl: upstreamUrl });
    } finally {
      await b.close();
    }
  });

  it('serves the chat API too, recording the remote model', async () => {
    const b = await proxy(upstreamKey);
    try {
      const alice = await b.newUser();
      const conversation = (await b.http().post('/conversations').set('Cookie', alice.cookie).send({})).body.id;
      const res = await b.http().post(`/conversations/${conversation}/messages`).set('Cookie', alice.cookie).send({ content: 'hi', sampling: { maxTokens: 5 } });
      expect(res.status).toBe(201);
      expect(res.body.assistantMessage).toMatchObject({ modelName: upstreamModel, modelVersionId: null, status: 'complete' });
      expect(res.body.assistantMessage.completionTokens).toBeGreaterThan(0);
    } finally {
      await b.close();
    }
  });

  it('turns upstream errors into clear 502s', async () => {
    const b = await proxy('rk_wrong-key');
    try {
      const alice = await b.newUser();
      const conversation = (await b.http().post('/conversations').set('Cookie', alice.cookie).send({})).body.id;
      const res = await b.http().post(`/conversations/${conversation}/messages`).set('Cookie', alice.cookie).send({ content: 'hi' });
      expect(res.status).toBe(502);
      expect(res.body.message).toMatch(new RegExp(`the model server at ${upstreamUrl} answered 401`));

      const { user } = await b.newUser();
      const client = new OpenAI({ apiKey: await b.newApiKey(user.id), baseURL: `${await b.listen()}/v1`, maxRetries: 0 });
      const error = await client.chat.completions.create({ model: upstreamModel, messages: hello }).catch((e) => e);
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect(error.status).toBe(502);
    } finally {
      await b.close();
    }
  });

  it('says when the model server cannot be reached', async () => {
    const unreachable = await createTestApp({
      MODEL_PROVIDER: 'openai-compatible',
      MODEL_BASE_URL: 'http://127.0.0.1:9/v1',
      MODEL_NAME: 'nothing',
    });
    try {
      const alice = await unreachable.newUser();
      const conversation = (await unreachable.http().post('/conversations').set('Cookie', alice.cookie).send({})).body.id;
      const res = await unreachable.http().post(`/conversations/${conversation}/messages`).set('Cookie', alice.cookie).send({ content: 'hi' });
      expect(res.status).toBe(502);
      expect(res.body.message).toBe('could not reach the model server at http://127.0.0.1:9/v1');
    } finally {
      await unreachable.close();
    }
  });
});
