import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { PromoteDto, RollbackDto } from './dto/promotion.dto.js';
import { ModelVersionQueryDto } from './dto/model-version-query.dto.js';
import { modelVersionView } from './dto/model-version.view.js';
import { ModelRegistryService } from './model-registry.service.js';
import { ModelService } from './model.service.js';

@ApiTags('models')
@Controller('models')
@Roles('operator', 'admin')
export class ModelRegistryController {
  constructor(
    private readonly registry: ModelRegistryService,
    private readonly models: ModelService,
  ) {}

  @Get('versions')
  async list(@Query() query: ModelVersionQueryDto) {
    return { data: (await this.registry.list(query.kind)).map(modelVersionView) };
  }

  /** Serves this version now (one transaction, audited, hot reload of a policy). */
  @Post('versions/:id/promote')
  @HttpCode(200)
  async promote(@CurrentPrincipal() principal: Principal, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: PromoteDto) {
    const version = await this.registry.promote(id, principal.userId, body.reason);
    const reloaded = version.kind === 'policy' && (await this.models.reloadPolicy(version));
    return { ...modelVersionView(version), reloaded };
  }

  /** Serves again the version that served before the current one. */
  @Post('rollback')
  @HttpCode(200)
  async rollback(@CurrentPrincipal() principal: Principal, @Body() body: RollbackDto) {
    const version = await this.registry.rollback(body.kind ?? 'policy', principal.userId, body.reason);
    const reloaded = version.kind === 'policy' && (await this.models.reloadPolicy(version));
    return { ...modelVersionView(version), reloaded };
  }

  @Get('serving')
  async serving() {
    const policy = await this.registry.serving('policy');
    return { policy: policy ? modelVersionView(policy) : null, provider: this.models.provider.describe() };
  }
}
