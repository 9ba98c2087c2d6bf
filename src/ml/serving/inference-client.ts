import { Worker } from 'node:worker_threads';
import type { ChatMessage } from '../tokenizer/chat-template.js';
import type { ChatReply, ChatSampling } from './chat-policy.js';
import type { FromWorker, PolicyInfo, ToWorker, WorkerInput } from './protocol.js';

export class QueueFullError extends Error {}
export class PromptTooLongInWorkerError extends Error {}

interface Job {
  id: number;
  messages: ChatMessage[];
  sampling: ChatSampling;
  onDelta: (text: string) => void;
  signal?: AbortSignal;
  resolve: (reply: ChatReply) => void;
  reject: (error: Error) => void;
}

type Waiter = { resolve: (value: never) => void; reject: (error: Error) => void; onDelta?: (text: string) => void };

/** Compiled code starts the .js worker; from source (the test runner) the .ts one runs through tsx. */
function startWorker(input: WorkerInput): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./inference.worker.js', import.meta.url), { workerData: input });
  const tsEntry = new URL('./inference.worker.ts', import.meta.url).href;
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { ...input, tsEntry } });
}

/**
 * The HTTP side of the inference worker: one generation runs at a time, at most `maxQueue` wait,
 * and a request beyond that fails at once with QueueFullError (the API answers 503 + Retry-After).
 */
export class InferenceClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly queue: Job[] = [];
  private running: Job | undefined;
  private readonly waiters = new Map<number, Waiter>();
  private info: PolicyInfo | undefined;

  constructor(
    private checkpointDir: string,
    private readonly options: { maxQueue: number; backend?: string },
  ) {}

  get pending(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  /** Loads (or swaps to) a checkpoint; resolves once the worker serves it. */
  async load(checkpointDir: string = this.checkpointDir): Promise<PolicyInfo> {
    this.checkpointDir = checkpointDir;
    const id = this.nextId++;
    this.info = await this.call<PolicyInfo>({ type: 'load', id, checkpointDir });
    return this.info;
  }

  get policyInfo(): PolicyInfo | undefined {
    return this.info;
  }

  generate(messages: ChatMessage[], sampling: ChatSampling, onDelta: (text: string) => void, signal?: AbortSignal): Promise<ChatReply> {
    if (this.running && this.queue.length >= this.options.maxQueue) {
      return Promise.reject(new QueueFullError(`the model is busy: ${this.pending} requests ahead`));
    }
    return new Promise<ChatReply>((resolve, reject) => {
      const job: Job = { id: this.nextId++, messages, sampling, onDelta, signal, resolve, reject };
      signal?.addEventListener('abort', () => this.abort(job), { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.resolve({ text: '', finishReason: 'abort', promptTokens: 0, completionTokens: 0, droppedMessages: 0, seed: job.sampling.seed ?? 0 });
    } else if (this.running === job) {
      this.post({ type: 'abort', id: job.id });
    }
  }

  private pump(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    this.running = job;
    const finish = () => {
      this.running = undefined;
      this.pump();
    };
    this.call<ChatReply>({ type: 'generate', id: job.id, messages: job.messages, sampling: job.sampling }, job.onDelta).then(
      (reply) => (finish(), job.resolve(reply)),
      (error: Error) => (finish(), job.reject(error)),
    );
  }

  private call<T>(message: ToWorker, onDelta?: (text: string) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiters.set(message.id, { resolve: resolve as (value: never) => void, reject, onDelta });
      this.post(message);
    });
  }

  private post(message: ToWorker): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker({ checkpointDir: this.checkpointDir, backend: this.options.backend });
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    // A crashed worker fails what it was doing; the next request starts a fresh one.
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiters.values()) waiter.reject(error);
      this.waiters.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => code !== 0 && fail(new Error(`inference worker exited with code ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onMessage(message: FromWorker): void {
    const waiter = this.waiters.get(message.id);
    if (!waiter) return;
    if (message.type === 'delta') {
      waiter.onDelta?.(message.text);
      return;
    }
    this.waiters.delete(message.id);
    if (message.type === 'error') {
      waiter.reject(message.kind === 'prompt_too_long' ? new PromptTooLongInWorkerError(message.message) : new Error(message.message));
    } else {
      waiter.resolve((message.type === 'done' ? message.reply : message.info) as never);
    }
  }
}
