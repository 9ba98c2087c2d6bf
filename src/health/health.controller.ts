import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/decorators.js';
import { PACKAGE } from '../common/package-info.js';
import { ModelService } from '../model/model.service.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly models: ModelService,
  ) {}

  /** 200 when the database answers, 503 otherwise. */
  @Get()
  @Public()
  async check(@Res({ passthrough: true }) res: Response) {
    const database = await this.dataSource
      .query('SELECT 1')
      .then(() => 'ok' as const)
      .catch(() => 'down' as const);
    if (database !== 'ok') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: database === 'ok' ? 'ok' : 'degraded',
      version: PACKAGE.version,
      database,
      uptimeSeconds: Math.round(process.uptime()),
      model: this.models.provider.describe(),
    };
  }
}
