import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/decorators.js';
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

  @Get('serving')
  async serving() {
    const policy = await this.registry.serving('policy');
    return { policy: policy ? modelVersionView(policy) : null, provider: this.models.provider.describe() };
  }
}
