import { BadGatewayException } from '@nestjs/common';
import OpenAI from 'openai';
import { categoryRecord, type CategoryScores } from '../../ml/classifier/categories.js';
import type { ModerationProvider } from './moderation-provider.js';

/** OpenAI's moderation endpoint, or any server that speaks it. */
export class OpenAiModerationProvider implements ModerationProvider {
  readonly name = 'openai';
  private readonly client: OpenAI;

  constructor(
    private readonly baseUrl: string | undefined,
    apiKey: string | undefined,
    readonly modelVersion: string,
  ) {
    this.client = new OpenAI({ baseURL: baseUrl, apiKey: apiKey ?? 'not-needed', maxRetries: 1, timeout: 30_000 });
  }

  async score(texts: string[]): Promise<CategoryScores[]> {
    try {
      const res = await this.client.moderations.create({ model: this.modelVersion, input: texts });
      return res.results.map((r) => {
        const scores = r.category_scores as unknown as Record<string, number>;
        return categoryRecord((category) => scores[category] ?? 0);
      });
    } catch (error) {
      throw new BadGatewayException(`the moderation server answered: ${(error as Error).message}`);
    }
  }
}
