import { Module } from '@nestjs/common';
import { ModelRegistryController } from './model-registry.controller.js';
import { ModelRegistryService } from './model-registry.service.js';
import { ModelService } from './model.service.js';
import { ServingWatcher } from './serving-watcher.js';

@Module({
  controllers: [ModelRegistryController],
  providers: [ModelRegistryService, ModelService, ServingWatcher],
  exports: [ModelRegistryService, ModelService],
})
export class ModelModule {}
