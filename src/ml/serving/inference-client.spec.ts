import { writeTinyPolicy } from '../../../test/support/tiny-policy.js';
import { InferenceClient, PromptTooLongInWorkerError, QueueFullError } from './inference-client.js';

const sampling = { maxTokens: 24, temperature: 1, topP: 1, seed: 11 };
const hello = [{ role: 'user' as const, content: 'Hello there' }];

describe('InferenceClient (worker thread)', () => {
  let dir: string;
  let client: InferenceClient;
  beforeAll(async () => {
    dir = await writeTinyPolicy({ contextLength: 64 });
    client = new InferenceClient(dir, { maxQueue: 1, backend: 'cpu' });
    await client.load();
  });
  afterAll(() => client.close());

  it('streams deltas that add up to the reply, reproducibly for a seed', async () => {
    const deltas: string[] = [];
    const first = await client.generate(hello, sampling, (d) => deltas.push(d));
    const again = await client.generate(hello, sampling, () => undefined);
    expect(deltas.join('')).toBe(first.text);
    expect(again.text).toBe(first.text);
    expect(first.completionTokens).toBeGreaterThan(0);
    expect(first.promptTokens).toBeGreaterThan(2);
    expect(client.policyInfo).toMatchObject({ backend: 'cpu', contextLength: 64 });
  });

  it('keeps the event loop free while generating', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = Date.now();
    await client.generate(hello, { ...sampling, maxTokens: 30, seed: 3 }, () => undefined);
    clearInterval(timer);
    const elapsed = Date.now() - started;
    // Nearly every 5 ms tick fires: the model does not run on this thread.
    expect(ticks).toBeGreaterThanOrEqual(Math.floor(elapsed / 5 / 3));
  });

  it('refuses a request beyond the queue bound at once', async () => {
    const running = client.generate(hello, { ...sampling, seed: 1 }, () => undefined);
    const queued = client.generate(hello, { ...sampling, seed: 2 }, () => undefined);
    await expect(client.generate(hello, sampling, () => undefined)).rejects.toThrow(QueueFullError);
    await Promise.all([running, queued]);
  });

  it('stops a generation when its signal aborts', async () => {
    const controller = new AbortController();
    const reply = client.generate(hello, { ...sampling, maxTokens: 60, seed: 5 }, () => controller.abort(), controller.signal);
    await expect(reply).resolves.toMatchObject({ finishReason: expect.stringMatching(/abort|stop/) });
    const settled = await reply;
    expect(settled.completionTokens).toBeLessThan(60);
  });

  it('drops the oldest turns when the history outgrows the context, and says how many', async () => {
    const long = Array.from({ length: 12 }, (_, i) => ({ role: (i % 2 ? 'assistant' : 'user') as 'user', content: `turn ${i} says hello` }));
    const reply = await client.generate([{ role: 'system' as 'user', content: 'Be brief.' }, ...long], { ...sampling, maxTokens: 8 }, () => undefined);
    expect(reply.droppedMessages).toBeGreaterThan(0);
    expect(reply.promptTokens).toBeLessThanOrEqual(64 - 8);
  });

  it('reports a last message that cannot fit', async () => {
    const huge = [{ role: 'user' as const, content: 'word '.repeat(200) }];
    await expect(client.generate(huge, sampling, () => undefined)).rejects.toThrow(PromptTooLongInWorkerError);
  });
});
