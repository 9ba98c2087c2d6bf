import OpenAI from 'openai';
import { DataSource } from 'typeorm';
import { UsageRecord } from '../src/chat/usage-record.entity.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let client: OpenAI;
let baseURL: string;
let model: string;
let keyId: string;

beforeAll(async () => {
  t = await createTestApp();
  baseURL = `${await t.listen()}/v1`;
  const { user } = await t.newUser();
  const apiKey = await t.newApiKey(user.id);
  keyId = (await t.http().get('/auth/api-keys').set('Authorization', `Bearer ${apiKey}`)).body.data[0].id;
  client = new OpenAI({ apiKey, baseURL, maxRetries: 0 });
  model = (await client.models.list()).data[0].id;
});
afterAll(() => t.close());

const hello = [{ role: 'user' as const, content: 'Hello there' }];

describe('the official openai client', () => {
  it('lists the served model', async () => {
    const models = await client.models.list();
    expect(models.data).toEqual([{ id: expect.stringMatching(/^tiny-policy/), object: 'model', created: expect.any(Number), owned_by: 'rlhf-portal' }]);
  });

  it('creates a completion with usage, reproducibly for a seed', async () => {
    const a = await client.chat.completions.create({ model, messages: hello, max_tokens: 10, seed: 5, temperature: 1 });
    expect(a.object).toBe('chat.completion');
    expect(a.id).toMatch(/^chatcmpl-/);
    expect(a.choices).toHaveLength(1);
    expect(a.choices[0].message.role).toBe('assistant');
    expect(typeof a.choices[0].message.content).toBe('string');
    expect(['stop', 'length']).toContain(a.choices[0].finish_reason);
    expect(a.usage!.prompt_tokens).toBeGreaterThan(2);
    expect(a.usage!.total_tokens).toBe(a.usage!.prompt_tokens + a.usage!.completion_tokens);
    const b = await client.chat.completions.create({ model, messages: hello, max_tokens: 10, seed: 5, temperature: 1 });
    expect(b.choices[0].message.content).toBe(a.choices[0].message.content);
  });

  it('streams chunks ending with [DONE], with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model,
      messages: hello,
      max_tokens: 12,
      seed: 9,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    const finish = chunks.map((c) => c.choices[0]?.finish_reason).filter(Boolean);
    expect(finish).toHaveLength(1);
    expect(chunks.at(-1)!.usage!.completion_tokens).toBeGreaterThan(0);
    const whole = await client.chat.completions.create({ model, messages: hello, max_tokens: 12, seed: 9 });
    expect(text).toBe(whole.choices[0].message.content);
  });

  it('returns n choices', async () => {
    const res = await client.chat.completions.create({ model, messages: hello, max_tokens: 6, n: 3, seed: 1 });
    expect(res.choices.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it('records usage per request with the key and model', async () => {
    const before = await t.app.get(DataSource).manager.countBy(UsageRecord, { apiKeyId: keyId, source: 'api' });
    const res = await client.chat.completions.create({ model, messages: hello, max_tokens: 4 });
    const rows = await t.app.get(DataSource).manager.find(UsageRecord, { where: { apiKeyId: keyId, source: 'api' }, order: { createdAt: 'DESC' } });
    expect(rows).toHaveLength(before + 1);
    expect(rows[0]).toMatchObject({ model, promptTokens: res.usage!.prompt_tokens, completionTokens: res.usage!.completion_tokens });
  });
});

describe('errors as the openai client expects them', () => {
  it('raises AuthenticationError for a bad key', async () => {
    const bad = new OpenAI({ apiKey: 'rk_nonsense', baseURL, maxRetries: 0 });
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('raises NotFoundError for an unknown model', async () => {
    const error = await client.chat.completions.create({ model: 'gpt-17', messages: hello }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error.code).toBe('model_not_found');
    expect(error.param).toBe('model');
  });

  it.each([
    ['empty messages', { messages: [] }, 'messages', /messages must contain at least one message/],
    ['an unknown role', { messages: [{ role: 'wizard', content: 'hi' }] }, 'messages.0.role', /role must be one of/],
    ['temperature 5', { messages: hello, temperature: 5 }, 'temperature', /temperature must not be greater than 2/],
    ['max_tokens 0', { messages: hello, max_tokens: 0 }, 'max_tokens', /max_tokens must not be less than 1/],
    ['a 10 MB prompt', { messages: [{ role: 'user', content: 'x'.repeat(10 * 1024 * 1024) }] }, 'messages.0.content', /content must be at most/],
    ['an unknown field', { messages: hello, wizardry: true }, 'wizardry', /property wizardry should not exist/],
  ])('raises BadRequestError for %s, naming the field', async (_, body, param, message) => {
    const error = await client.chat.completions.create({ model, ...body } as never).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
    expect(error.type).toBe('invalid_request_error');
  });

  it('raises RateLimitError beyond API_RATE_LIMIT', async () => {
    const limited = await createTestApp({ API_RATE_LIMIT: '2' });
    try {
      const { user } = await limited.newUser();
      const c = new OpenAI({ apiKey: await limited.newApiKey(user.id), baseURL: `${await limited.listen()}/v1`, maxRetries: 0 });
      const m = (await c.models.list()).data[0].id;
      await c.chat.completions.create({ model: m, messages: hello, max_tokens: 2 });
      await c.chat.completions.create({ model: m, messages: hello, max_tokens: 2 });
      await expect(c.chat.completions.create({ model: m, messages: hello, max_tokens: 2 })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    } finally {
      await limited.close();
    }
  });

  it('answers 503 with Retry-After when the inference queue is full, never hangs', async () => {
    const busy = await createTestApp({ INFERENCE_QUEUE_SIZE: '0' });
    try {
      const { user } = await busy.newUser();
      const key = await busy.newApiKey(user.id);
      const m = (await busy.http().get('/v1/models').set('Authorization', `Bearer ${key}`)).body.data[0].id;
      const ask = () =>
        busy.http().post('/v1/chat/completions').set('Authorization', `Bearer ${key}`).send({ model: m, messages: hello, max_tokens: 100, temperature: 0 });
      const answers = await Promise.all([ask(), ask(), ask()]);
      const statuses = answers.map((r) => r.status);
      expect(statuses).toContain(200);
      expect(statuses).toContain(503);
      const refused = answers.find((r) => r.status === 503)!;
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.body.error).toMatchObject({ type: 'server_error', code: 'overloaded', message: expect.stringMatching(/busy/) });
    } finally {
      await busy.close();
    }
  });
});
