import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chatFormatFor, type ChatFormat, renderChat } from '../../ml/tokenizer/chat-template.js';
import { loadTokenizer, type SavableTokenizer, TOKENIZER_FILE } from '../../ml/tokenizer/load.js';
import type { PromptMessage } from '../data/retrain.entities.js';

/** Turns conversations and replies into the token ids a policy checkpoint's model reads. */
export class ChatEncoding {
  private constructor(
    readonly tokenizer: SavableTokenizer,
    readonly format: ChatFormat,
    private readonly contextLength: number,
  ) {}

  static async load(checkpointDir: string, vocabSize: number, contextLength: number): Promise<ChatEncoding> {
    const tokenizer = await loadTokenizer(checkpointDir);
    return new ChatEncoding(tokenizer, chatFormatFor(tokenizer, vocabSize), contextLength);
  }

  get endId(): number {
    return this.tokenizer.special.end;
  }

  /** The prompt ending with the opening of an assistant turn; keeps its last tokens so `room` tokens fit after it. */
  prompt(messages: readonly PromptMessage[], room = 0): number[] {
    const ids = renderChat(this.tokenizer, messages, { addGenerationPrompt: true, format: this.format }).ids;
    const keep = Math.max(1, this.contextLength - room - 1);
    return ids.length > keep ? ids.slice(ids.length - keep) : ids;
  }

  /** The reply's ids as the model would emit them after `prompt` (its closing `end` included). */
  reply(messages: readonly PromptMessage[], text: string): number[] {
    const open = renderChat(this.tokenizer, messages, { addGenerationPrompt: true, format: this.format }).ids.length;
    return renderChat(this.tokenizer, [...messages, { role: 'assistant', content: text }], { format: this.format }).ids.slice(open);
  }

  decodeReply(ids: readonly number[]): string {
    return this.tokenizer.decode(ids.filter((id) => id !== this.endId));
  }
}

/** Model folders carry their tokenizer so they can be served on their own. */
export async function copyTokenizer(fromDir: string, toDir: string): Promise<void> {
  await copyFile(join(fromDir, TOKENIZER_FILE), join(toDir, TOKENIZER_FILE));
}
