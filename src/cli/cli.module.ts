import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { UsersService } from '../auth/users.service.js';
import { ConfigModule } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { dataSourceOptions } from '../database/data-source.js';

/** Only what the operator commands need: no HTTP, no model, no jobs. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl), migrationsRun: true }),
        AuditModule,
      ],
      providers: [UsersService, ApiKeysService],
      exports: [UsersService, ApiKeysService],
    };
  }
}
