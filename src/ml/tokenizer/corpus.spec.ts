import { readFileSync } from 'node:fs';
import { trainBpe } from './bpe.js';
import type { ChatMessage } from './chat-template.js';

/** data/corpus/dialogues.jsonl: the format its README promises, and a tokenizer trained on it. */
interface Dialogue {
  split: 'train' | 'heldout';
  messages: ChatMessage[];
}

const file = new URL('../../../data/corpus/dialogues.jsonl', import.meta.url);
const dialogues = readFileSync(file, 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => JSON.parse(line) as Dialogue);
const contents = (split: Dialogue['split']) =>
  dialogues.filter((d) => d.split === split).flatMap((d) => d.messages.map((m) => m.content));

describe('demonstration corpus', () => {
  it('has a few hundred dialogues, the last 10 % held out', () => {
    expect(dialogues.length).toBeGreaterThanOrEqual(400);
    expect(dialogues.length).toBeLessThanOrEqual(600);
    const firstHeldout = dialogues.findIndex((d) => d.split === 'heldout');
    expect(firstHeldout).toBe(Math.round(dialogues.length * 0.9));
    expect(dialogues.slice(firstHeldout).every((d) => d.split === 'heldout')).toBe(true);
  });

  it('alternates user and assistant after an optional system message, with 1-3 user turns', () => {
    for (const { messages } of dialogues) {
      const turns = messages[0].role === 'system' ? messages.slice(1) : messages;
      expect(turns.length % 2).toBe(0);
      expect(turns.length / 2).toBeGreaterThanOrEqual(1);
      expect(turns.length / 2).toBeLessThanOrEqual(3);
      turns.forEach((m, i) => expect(m.role).toBe(i % 2 === 0 ? 'user' : 'assistant'));
      for (const m of messages) expect(m.content.trim()).not.toBe('');
    }
  });

  it('states only correct sums, differences and products', () => {
    const claim = /(?<![\d./-])(\d+) ([+\-×]) (\d+) = (-?\d+)(?![\d/]|\.\d)/g;
    let checked = 0;
    for (const text of [...contents('train'), ...contents('heldout')]) {
      for (const [, a, op, b, r] of text.matchAll(claim)) {
        const [x, y] = [Number(a), Number(b)];
        expect(Number(r)).toBe(op === '+' ? x + y : op === '-' ? x - y : x * y);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('trains a 2048-token BPE that compresses held-out dialogues', () => {
    const tok = trainBpe(contents('train'), 2048);
    expect(tok.vocabSize).toBe(2048);
    const heldout = contents('heldout');
    const chars = heldout.reduce((n, t) => n + t.length, 0);
    const tokens = heldout.reduce((n, t) => n + tok.encode(t).length, 0);
    expect(tokens / chars).toBeLessThan(0.4);
    for (const text of heldout) expect(tok.decode(tok.encode(text))).toBe(text);
  });
});
