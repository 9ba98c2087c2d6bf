import { Module } from '@nestjs/common';
import { ModelRegistryController } from './model-registry.controller.js';
import { ModelRegistryService } from './model-registry.service.js';
import { ModelService } from './model.service.js';

@Module({
  controllers: [ModelRegistryController],
  providers: [ModelRegistryService, ModelService],
  exports: [ModelRegistryService, ModelService],
})
export class ModelModule {}
