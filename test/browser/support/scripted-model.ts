import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in model server speaking OpenAI's streaming chat.completions, for the app's remote provider.
 * It writes readable, known text one word (= one token) every `delayMs`, so a browser test can watch a reply
 * stream, stop it half-way, and tell regenerated replies apart, without the timing or the raw bytes of a
 * random-weight model. Each request gets the next reply of REPLIES; max_tokens ≥ 200 asks for an endless one.
 */
const REPLIES = [
  'Reinforcement learning from human feedback trains a reward model on people’s rankings of replies, then tunes the chat model to write replies that score well, while a KL penalty keeps it close to where it started.',
  'Here is another way to put it: people compare answers, a reward model learns their taste, and the policy is nudged towards answers they would pick.',
  'In short: collect preferences, fit a reward model, optimise the policy with PPO, and check the result before it serves anyone.',
  'Feedback is the signal. Every rating and report you give becomes data the next model version learns from.',
];
const ENDLESS = 'This reply keeps going so that it can be stopped half-way through its sentence.';

export interface ScriptedModel {
  /** Base URL for MODEL_BASE_URL (…/v1). */
  url: string;
  name: string;
  /** Requests seen, newest last. */
  requests: { messages: { role: string; content: string }[]; max_tokens?: number }[];
  close(): Promise<void>;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body ? (JSON.parse(body) as Record<string, unknown>) : {};
}

export async function startScriptedModel({
  delayMs = 12,
  name = 'scripted-model',
} = {}): Promise<ScriptedModel> {
  const requests: ScriptedModel['requests'] = [];
  let served = 0;
  const server: Server = createServer(async (req, res) => {
    if (req.method === 'GET' && req.url?.endsWith('/models')) {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          object: 'list',
          data: [{ id: name, object: 'model', created: 0, owned_by: 'test' }],
        }),
      );
      return;
    }
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    const body = (await readJson(req)) as ScriptedModel['requests'][number] & { stream?: boolean };
    requests.push(body);
    const maxTokens = body.max_tokens ?? 128;
    const words = (
      maxTokens >= 200
        ? Array.from({ length: 100 }, () => ENDLESS).join(' ')
        : REPLIES[served++ % REPLIES.length]
    )
      .split(' ')
      .map((w, i) => (i === 0 ? w : ` ${w}`));
    const count = Math.min(words.length, maxTokens);
    const prompt = body.messages.reduce((n, m) => n + m.content.split(/\s+/).length + 2, 0);
    const id = `chatcmpl-${Date.now()}`;
    const chunk = (choices: unknown[], extra: object = {}) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: name, choices, ...extra })}\n\n`;

    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
    });
    let closed = false;
    res.on('close', () => (closed = true));
    res.write(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
    for (let i = 0; i < count && !closed; i++) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      res.write(chunk([{ index: 0, delta: { content: words[i] }, finish_reason: null }]));
    }
    if (closed) return;
    res.write(chunk([{ index: 0, delta: {}, finish_reason: count < words.length ? 'length' : 'stop' }]));
    res.write(
      chunk([], { usage: { prompt_tokens: prompt, completion_tokens: count, total_tokens: prompt + count } }),
    );
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    name,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
