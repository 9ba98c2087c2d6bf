import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysController } from './api-keys.controller.js';
import { ApiKeysService } from './api-keys.service.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AdminSeeder } from './admin-seeder.js';
import { AuthService } from './auth.service.js';
import { PrincipalResolver } from './principal-resolver.js';
import { SessionsService } from './sessions.service.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  controllers: [AuthController, ApiKeysController, UsersController],
  providers: [UsersService, SessionsService, ApiKeysService, AuthService, AdminSeeder, PrincipalResolver, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [UsersService, ApiKeysService, PrincipalResolver],
})
export class AuthModule {}
