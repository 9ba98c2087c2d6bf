import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { UsersService } from './users.service.js';

/** Creates the first admin from ADMIN_EMAIL/ADMIN_PASSWORD when that account does not exist yet. */
@Injectable()
export class AdminSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminSeeder.name);

  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { adminEmail, adminPassword } = this.config;
    if (!adminEmail || !adminPassword) return;
    if (await this.users.findByEmail(adminEmail)) return;
    await this.users.create({ email: adminEmail, password: adminPassword, roles: ['admin'] });
    this.logger.log(`created the first admin ${adminEmail}`);
  }
}
