/**
 * Prompts for the simulation from the project's demonstration corpus (data/corpus, the data the
 * default policy was fine-tuned on): the opening of each dialogue up to its first user turn, rendered
 * for generation. The corpus's `heldout` split gives the evaluation prompts; `train` the rest.
 */
import { readFile } from 'node:fs/promises';
import { ChatMessage, renderChat } from '../tokenizer/chat-template.js';
import type { Tokenizer } from '../tokenizer/tokenizer.js';

export interface PromptSet {
  train: number[][];
  heldout: number[][];
  /** Train prompts followed by their demonstrated first reply (for normalising the reward model). */
  demonstrations: number[][];
}

interface Dialogue {
  split?: 'train' | 'heldout';
  messages: ChatMessage[];
}

/** `maxTokens` drops prompts too long to leave room for a reply. */
export async function corpusPrompts(
  path: string,
  tokenizer: Tokenizer,
  maxTokens: number,
): Promise<PromptSet> {
  const dialogues = (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Dialogue);
  const set: PromptSet = { train: [], heldout: [], demonstrations: [] };
  for (const d of dialogues) {
    const user = d.messages.findIndex((m) => m.role === 'user');
    if (user < 0) continue;
    const prompt = renderChat(tokenizer, d.messages.slice(0, user + 1), { addGenerationPrompt: true }).ids;
    if (prompt.length > maxTokens) continue;
    if (d.split === 'heldout') {
      set.heldout.push(prompt);
      continue;
    }
    set.train.push(prompt);
    const reply = d.messages[user + 1];
    if (reply?.role === 'assistant')
      set.demonstrations.push(renderChat(tokenizer, d.messages.slice(0, user + 2)).ids);
  }
  if (set.train.length === 0 || set.heldout.length === 0)
    throw new Error(`${path}: needs dialogues in both the train and the heldout split`);
  return set;
}
