import type { Tokenizer } from './tokenizer.js';

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/**
 * `specials`: <|system|>text<|end|><|user|>text<|end|><|assistant|>text<|end|>…
 * `plain`, for models whose embedding lacks the chat tokens (GPT-2 imports, 50257 rows):
 * "System: text\nUser: text\nAssistant: text<|endoftext|>…". Plain text cannot keep a user from
 * typing "\nAssistant:" into a message; only `specials` separates turns out of band.
 */
export type ChatFormat = 'specials' | 'plain';

export interface RenderOptions {
  /** End with the opening of an assistant turn, for generation. */
  addGenerationPrompt?: boolean;
  format?: ChatFormat;
}

export interface RenderedChat {
  ids: number[];
  /** True for the tokens SFT learns: assistant content and the `end` that closes it. */
  assistantMask: boolean[];
}

/** Untuned plain-format models rarely emit `end`; generation should also stop at these. */
export const PLAIN_STOP_TEXTS: readonly string[] = ['\nUser:', '\nSystem:'];

const PLAIN_LABEL: Record<ChatRole, string> = {
  system: 'System:',
  user: 'User:',
  assistant: 'Assistant:',
};

/**
 * Content goes through plain encode(), so special-token strings inside it stay text. Each message
 * is rendered on its own (the ids of a chat are the concatenation of its messages' ids), which
 * lets truncateToContext cost messages one at a time.
 */
export function renderChat(
  tok: Tokenizer,
  messages: readonly ChatMessage[],
  opts: RenderOptions = {},
): RenderedChat {
  const format = opts.format ?? 'specials';
  const out: RenderedChat = { ids: [], assistantMask: [] };
  const append = (ids: number[], learn: boolean) => {
    for (const id of ids) {
      out.ids.push(id);
      out.assistantMask.push(learn);
    }
  };
  for (const { role, content } of messages) {
    const learn = role === 'assistant';
    if (format === 'specials') {
      append([tok.special[role]], false);
      append(tok.encode(content), learn);
      append([tok.special.end], learn);
    } else if (learn) {
      append(tok.encode(PLAIN_LABEL.assistant), false);
      append(tok.encode(` ${content}`), true); // GPT-2 words carry their leading space
      append([tok.special.end], true);
    } else {
      append(tok.encode(`${PLAIN_LABEL[role]} ${content}\n`), false);
    }
  }
  if (opts.addGenerationPrompt) {
    append(format === 'specials' ? [tok.special.assistant] : tok.encode(PLAIN_LABEL.assistant), false);
  }
  return out;
}

/**
 * Which format a model can use: `specials` when its embedding has a row for every id, `plain`
 * when it lacks only the system/user/assistant ids (a GPT-2 import).
 */
export function chatFormatFor(tok: Tokenizer, embeddingRows: number): ChatFormat {
  if (embeddingRows >= tok.vocabSize) return 'specials';
  const { system, user, assistant, end } = tok.special;
  if (embeddingRows > end && embeddingRows <= Math.min(system, user, assistant)) return 'plain';
  throw new Error(
    `model has ${embeddingRows} embedding rows; its ${tok.kind} tokenizer needs ${tok.vocabSize}`,
  );
}

export interface TruncateOptions {
  format?: ChatFormat;
  /** Count the generation prompt in the budget (default true). */
  addGenerationPrompt?: boolean;
}

export interface Truncated {
  messages: ChatMessage[];
  /** Messages removed from the start of the history. */
  dropped: number;
  /** Prompt length after truncation. */
  tokens: number;
  /** False when even system messages plus the last message exceed the budget. */
  fits: boolean;
}

/**
 * Drops the oldest non-system messages until the rendered prompt fits in `maxPromptTokens`. System
 * messages and the last message are always kept, and the kept history never starts with an
 * assistant reply whose question was dropped.
 */
export function truncateToContext(
  messages: readonly ChatMessage[],
  tok: Tokenizer,
  maxPromptTokens: number,
  opts: TruncateOptions = {},
): Truncated {
  const render = { format: opts.format };
  const cost = messages.map((m) => renderChat(tok, [m], render).ids.length);
  const promptCost = renderChat(tok, [], { ...render, addGenerationPrompt: opts.addGenerationPrompt ?? true })
    .ids.length;
  let tokens = cost.reduce((a, b) => a + b, promptCost);
  const keep = messages.map(() => true);
  const droppable = messages.flatMap((m, i) => (m.role !== 'system' && i < messages.length - 1 ? [i] : []));
  let dropped = 0;
  for (const i of droppable) {
    const orphanReply = messages[i].role === 'assistant' && dropped > 0;
    if (tokens <= maxPromptTokens && !orphanReply) break;
    keep[i] = false;
    tokens -= cost[i];
    dropped++;
  }
  return { messages: messages.filter((_, i) => keep[i]), dropped, tokens, fits: tokens <= maxPromptTokens };
}
