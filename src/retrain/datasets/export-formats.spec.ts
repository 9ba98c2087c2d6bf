import { anthropicHh, openaiChat, toJsonl, trlPreference } from './export-formats.js';

const example = { prompt: [{ role: 'user' as const, content: 'hi' }], candidates: ['a', 'b', 'c'], ranks: [1, 0, 1] };

describe('export formats', () => {
  it('TRL: one row per strictly ordered pair, ties left out', () => {
    expect(trlPreference([example])).toEqual([
      { prompt: [{ role: 'user', content: 'hi' }], chosen: [{ role: 'assistant', content: 'b' }], rejected: [{ role: 'assistant', content: 'a' }] },
      { prompt: [{ role: 'user', content: 'hi' }], chosen: [{ role: 'assistant', content: 'b' }], rejected: [{ role: 'assistant', content: 'c' }] },
    ]);
  });

  it('HH: transcripts with Human/Assistant turns', () => {
    expect(anthropicHh([example])[0]).toEqual({ chosen: '\n\nHuman: hi\n\nAssistant: b', rejected: '\n\nHuman: hi\n\nAssistant: a' });
  });

  it('OpenAI chat: the prompt plus the demonstrated reply; JSONL one object a line', () => {
    const rows = openaiChat([{ prompt: example.prompt, content: 'hello' }]);
    expect(toJsonl(rows)).toBe('{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}\n');
  });
});
