import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { ApiKey } from './api-key.entity.js';
import { apiKeyNotFound } from './auth.errors.js';
import { digest, digestsEqual, randomToken } from './secrets.js';
import { User } from './user.entity.js';

const KEY_PREFIX = 'rk_';
const KEY_PATTERN = /^rk_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{32,})$/;

export interface CreatedApiKey {
  key: ApiKey;
  /** The full secret: returned once, never stored. */
  secret: string;
}

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  async create(userId: string, name: string, actorId: string | null = userId): Promise<CreatedApiKey> {
    const id = randomToken(9);
    const prefix = `${KEY_PREFIX}${id}`;
    const secret = `${prefix}_${randomToken(32)}`;
    return this.dataSource.transaction(async (manager) => {
      const key = await manager.save(
        manager.create(ApiKey, { userId, name, prefix, keyHash: this.hash(secret), lastUsedAt: null, revokedAt: null }),
      );
      await this.audit.record({ actorId, action: 'api_key.create', entityType: 'api_key', entityId: key.id }, manager);
      return { key, secret };
    });
  }

  list(userId: string): Promise<ApiKey[]> {
    return this.dataSource.manager.find(ApiKey, { where: { userId }, order: { createdAt: 'DESC' } });
  }

  async revoke(userId: string, keyId: string): Promise<ApiKey> {
    return this.dataSource.transaction(async (manager) => {
      const key = await manager.findOneBy(ApiKey, { id: keyId, userId });
      if (!key) throw apiKeyNotFound();
      if (!key.revokedAt) {
        key.revokedAt = new Date();
        await manager.update(ApiKey, { id: key.id }, { revokedAt: key.revokedAt });
        await this.audit.record({ actorId: userId, action: 'api_key.revoke', entityType: 'api_key', entityId: key.id }, manager);
      }
      return key;
    });
  }

  /** The key's owner when the secret is valid and not revoked. */
  async resolve(secret: string): Promise<{ key: ApiKey; user: User } | null> {
    const match = KEY_PATTERN.exec(secret);
    if (!match) return null;
    const key = await this.dataSource.manager.findOne(ApiKey, {
      where: { prefix: `${KEY_PREFIX}${match[1]}`, revokedAt: IsNull() },
      relations: { user: true },
    });
    if (!key?.user || !digestsEqual(key.keyHash, this.hash(secret))) return null;
    await this.dataSource.manager.update(ApiKey, { id: key.id }, { lastUsedAt: new Date() });
    return { key, user: key.user };
  }

  private hash(secret: string): string {
    return digest(this.config.sessionSecret, `api_key:${secret}`);
  }
}
