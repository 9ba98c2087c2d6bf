import { StreamingModeration } from './streaming-moderation.js';
import type { ModerationResult } from './moderation.service.js';

const verdict = (action: 'allow' | 'block') => ({ action, categories: action === 'block' ? ['violence'] : [] }) as unknown as ModerationResult;
const blockIfContains = (word: string) => async (text: string) => verdict(text.includes(word) ? 'block' : 'allow');

describe('StreamingModeration', () => {
  it('releases checked text and the rest at the end', async () => {
    const out: string[] = [];
    const stream = new StreamingModeration(blockIfContains('BAD'), (d) => out.push(d), () => undefined, 4);
    for (const piece of ['hello ', 'there ', 'friend']) stream.push(piece);
    const result = await stream.finish('hello there friend');
    expect(result.action).toBe('allow');
    expect(out.join('')).toBe('hello there friend');
  });

  it('never releases text once the reply so far is blocked', async () => {
    const out: string[] = [];
    let blocked = 0;
    const stream = new StreamingModeration(blockIfContains('BAD'), (d) => out.push(d), () => blocked++, 4);
    for (const piece of ['fine text ', 'then BAD ', 'more words']) stream.push(piece);
    const result = await stream.finish('fine text then BAD more words');
    expect(result.action).toBe('block');
    expect(out.join('')).toBe('fine text ');
    expect(out.join('')).not.toContain('BAD');
    expect(blocked).toBe(1);
  });

  it('blocks at the final check even when no intermediate check ran', async () => {
    const out: string[] = [];
    const stream = new StreamingModeration(blockIfContains('BAD'), (d) => out.push(d), () => undefined, 1000);
    stream.push('BAD');
    expect((await stream.finish('BAD')).action).toBe('block');
    expect(out).toEqual([]);
  });
});
