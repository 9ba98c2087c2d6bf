import { Module } from '@nestjs/common';
import { ModelModule } from '../model/model.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [ModelModule], controllers: [HealthController] })
export class HealthModule {}
