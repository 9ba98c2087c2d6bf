import { rankingPairs } from '../../ml/rl/ranking.js';
import type { PromptMessage } from '../data/retrain.entities.js';

export const EXPORT_FORMATS = ['trl', 'hh', 'openai'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface RankedExample {
  prompt: PromptMessage[];
  candidates: string[];
  ranks: number[];
}

export interface DemonstrationExample {
  prompt: PromptMessage[];
  content: string;
}

/** Every strictly ordered pair of a ranking, as (chosen, rejected) texts. */
function pairs(example: RankedExample): { chosen: string; rejected: string }[] {
  return rankingPairs(example.ranks).map(({ chosen, rejected }) => ({ chosen: example.candidates[chosen], rejected: example.candidates[rejected] }));
}

/** TRL preference format, conversational: {prompt: [messages], chosen: [assistant], rejected: [assistant]}. */
export function trlPreference(examples: readonly RankedExample[]): object[] {
  return examples.flatMap((e) =>
    pairs(e).map((p) => ({
      prompt: e.prompt,
      chosen: [{ role: 'assistant', content: p.chosen }],
      rejected: [{ role: 'assistant', content: p.rejected }],
    })),
  );
}

const HH_ROLE: Record<PromptMessage['role'], string> = { system: 'Human', user: 'Human', assistant: 'Assistant' };

function hhTranscript(prompt: readonly PromptMessage[], reply: string): string {
  return prompt.map((m) => `\n\n${HH_ROLE[m.role]}: ${m.content}`).join('') + `\n\nAssistant: ${reply}`;
}

/** Anthropic HH-RLHF format: {chosen, rejected}, each the whole transcript ending with the reply. */
export function anthropicHh(examples: readonly RankedExample[]): object[] {
  return examples.flatMap((e) => pairs(e).map((p) => ({ chosen: hhTranscript(e.prompt, p.chosen), rejected: hhTranscript(e.prompt, p.rejected) })));
}

/** OpenAI chat fine-tuning format: {messages: [...prompt, {role: 'assistant', content}]}. */
export function openaiChat(demonstrations: readonly DemonstrationExample[]): object[] {
  return demonstrations.map((d) => ({ messages: [...d.prompt, { role: 'assistant', content: d.content }] }));
}

export function toJsonl(rows: readonly object[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : '');
}
