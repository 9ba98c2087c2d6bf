import type { CategoryScores } from '../../ml/classifier/categories.js';

/** Scores texts in the 13 OpenAI categories. Rules are applied on top by the service. */
export interface ModerationProvider {
  readonly name: 'local' | 'openai';
  /** Names the model version that scored, stored with every decision. */
  readonly modelVersion: string;
  /** Suggested warn thresholds, when the model knows them. */
  readonly suggestedThresholds?: Partial<CategoryScores>;
  score(texts: string[]): Promise<CategoryScores[]>;
}
