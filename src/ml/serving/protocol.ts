import type { ChatMessage } from '../tokenizer/chat-template.js';
import type { ChatReply, ChatSampling } from './chat-policy.js';

/** Messages between the HTTP process and the inference worker thread. */
export type ToWorker =
  | { type: 'generate'; id: number; messages: ChatMessage[]; sampling: ChatSampling }
  | { type: 'abort'; id: number }
  | { type: 'load'; id: number; checkpointDir: string };

export interface PolicyInfo {
  backend: string;
  contextLength: number;
  checkpointDir: string;
}

export type FromWorker =
  | { type: 'delta'; id: number; text: string }
  | { type: 'done'; id: number; reply: ChatReply }
  | { type: 'loaded'; id: number; info: PolicyInfo }
  | { type: 'error'; id: number; message: string; kind: 'prompt_too_long' | 'internal' };

export interface WorkerInput {
  checkpointDir: string;
  backend?: string;
}
