import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../../auth/decorators.js';
import type { Principal } from '../../auth/principal.js';
import type { Demonstration } from '../data/retrain.entities.js';
import { DemonstrationsService } from './demonstrations.service.js';
import { CreateDemonstrationDto, SuggestDto } from './dto/demonstration.dto.js';

function demonstrationView(d: Demonstration) {
  return { id: d.id, authorId: d.authorId, prompt: d.prompt, content: d.content, suggestion: d.suggestion, suggestionAccepted: d.suggestionAccepted, createdAt: d.createdAt.toISOString() };
}

@ApiTags('retrain')
@Controller('retrain/demonstrations')
@Roles('trainer')
export class DemonstrationsController {
  constructor(private readonly demonstrations: DemonstrationsService) {}

  /** A model-written reply to start from; accept it as is or edit it. */
  @Post('suggestions')
  @HttpCode(200)
  suggest(@Body() body: SuggestDto) {
    return this.demonstrations.suggest(body.prompt);
  }

  @Post()
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateDemonstrationDto) {
    return demonstrationView(await this.demonstrations.create(principal.userId, body));
  }
}
