import { Injectable } from '@nestjs/common';
import { storable } from '../../common/storable.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ModelService } from '../../model/model.service.js';
import { Demonstration, type PromptMessage } from '../data/retrain.entities.js';
import type { CreateDemonstrationDto } from './dto/demonstration.dto.js';

/** Demonstrations: trainers write the ideal reply, starting from a model-written suggestion if they like. */
@Injectable()
export class DemonstrationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly models: ModelService,
  ) {}

  async suggest(prompt: PromptMessage[], maxTokens = 64): Promise<{ suggestion: string; modelVersionId: string | null }> {
    const reply = await this.models.provider.complete(prompt, { maxTokens, temperature: 0.7, topP: 0.95 }, () => undefined);
    return { suggestion: storable(reply.text), modelVersionId: this.models.provider.modelVersionId };
  }

  create(authorId: string, input: CreateDemonstrationDto): Promise<Demonstration> {
    const suggestion = input.suggestion ?? null;
    return this.dataSource.manager.save(
      this.dataSource.manager.create(Demonstration, {
        authorId,
        prompt: input.prompt.map(({ role, content }) => ({ role, content })),
        content: input.content,
        suggestion,
        suggestionAccepted: suggestion !== null && suggestion === input.content,
      }),
    );
  }
}
