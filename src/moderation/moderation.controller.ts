import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiRateLimit } from '../common/rate-limit.guard.js';
import { categoryRecord } from '../ml/classifier/categories.js';
import { CreateRuleDto, ModerationRequestDto, SetThresholdsDto } from './dto/moderation.dto.js';
import { ModerationPolicyService } from './moderation-policy.service.js';
import { ModerationService } from './moderation.service.js';

@ApiTags('moderation')
@Controller('moderation')
export class ModerationController {
  constructor(
    private readonly moderation: ModerationService,
    private readonly policy: ModerationPolicyService,
  ) {}

  @Get('thresholds')
  @Roles('admin', 'operator', 'trainer')
  async thresholds() {
    return { ...this.moderation.describe(), thresholds: await this.moderation.thresholds() };
  }

  @Put('thresholds')
  @Roles('admin')
  async setThresholds(@CurrentPrincipal() principal: Principal, @Body() body: SetThresholdsDto) {
    await this.policy.setThresholds(body.thresholds, principal.userId);
    return { ...this.moderation.describe(), thresholds: await this.moderation.thresholds() };
  }

  @Get('rules')
  @Roles('admin')
  async rules() {
    return { data: await this.policy.listRules() };
  }

  @Post('rules')
  @Roles('admin')
  addRule(@CurrentPrincipal() principal: Principal, @Body() body: CreateRuleDto) {
    return this.policy.addRule(body.category, body.term, principal.userId);
  }

  @Delete('rules/:id')
  @Roles('admin')
  @HttpCode(204)
  async removeRule(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string) {
    if (!(await this.policy.removeRule(id, principal.userId))) throw new NotFoundException('Rule not found');
  }
}

/** OpenAI-compatible `POST /v1/moderations`. */
@ApiTags('openai')
@Controller('v1/moderations')
@Roles('user')
export class OpenAiModerationController {
  constructor(private readonly moderation: ModerationService) {}

  @Post()
  @HttpCode(200)
  @ApiRateLimit('v1')
  async create(@Body() body: ModerationRequestDto) {
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const results = await this.moderation.check(inputs);
    return {
      id: `modr-${randomUUID().replaceAll('-', '')}`,
      model: this.moderation.describe().model,
      results: results.map((r) => ({
        flagged: r.action !== 'allow',
        categories: categoryRecord((c) => r.categories.includes(c)),
        category_scores: r.scores,
        category_applied_input_types: categoryRecord(() => ['text']),
      })),
    };
  }
}
