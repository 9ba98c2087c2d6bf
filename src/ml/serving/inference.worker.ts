import { parentPort, workerData } from 'node:worker_threads';
import { initBackend } from '../backend.js';
import { ChatPolicy, PromptTooLongError } from './chat-policy.js';
import type { FromWorker, ToWorker, WorkerInput } from './protocol.js';

// Runs the model off the HTTP server's event loop. One policy at a time; the client sends one
// generation at a time and queues the rest, so abort messages are handled between tokens.
const port = parentPort!;
const input = workerData as WorkerInput;
const send = (message: FromWorker) => port.postMessage(message);
const inFlight = new Map<number, AbortController>();

const backend = await initBackend(input.backend);
let policy: ChatPolicy | undefined;
let checkpointDir = '';

async function load(dir: string) {
  const next = await ChatPolicy.load(dir);
  policy?.dispose();
  policy = next;
  checkpointDir = dir;
  return { backend: backend.name, contextLength: next.contextLength, checkpointDir };
}

port.on('message', async (message: ToWorker) => {
  try {
    if (message.type === 'abort') {
      inFlight.get(message.id)?.abort();
    } else if (message.type === 'load') {
      send({ type: 'loaded', id: message.id, info: await load(message.checkpointDir) });
    } else if (message.type === 'generate') {
      if (!policy) await load(input.checkpointDir);
      const controller = new AbortController();
      inFlight.set(message.id, controller);
      try {
        const reply = await policy!.reply(
          message.messages,
          message.sampling,
          (text) => send({ type: 'delta', id: message.id, text }),
          controller.signal,
        );
        send({ type: 'done', id: message.id, reply });
      } finally {
        inFlight.delete(message.id);
      }
    }
  } catch (error) {
    const kind = error instanceof PromptTooLongError ? 'prompt_too_long' : 'internal';
    send({ type: 'error', id: message.id, message: (error as Error).message, kind });
  }
});
