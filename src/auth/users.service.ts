import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { emailTaken, userNotFound } from './auth.errors.js';
import type { Role } from './roles.js';
import { hashPassword } from './secrets.js';
import { User } from './user.entity.js';

export interface NewUser {
  email: string;
  password: string;
  displayName?: string | null;
  roles?: Role[];
}

const UNIQUE_VIOLATION = '23505';

function isUniqueViolation(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === UNIQUE_VIOLATION;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: NewUser, actorId: string | null = null): Promise<User> {
    const roles = Array.from(new Set<Role>(['user', ...(input.roles ?? [])]));
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await manager.save(
          manager.create(User, {
            email: input.email.trim().toLowerCase(),
            passwordHash,
            displayName: input.displayName ?? null,
            roles,
          }),
        );
        await this.audit.record(
          { actorId, action: 'user.create', entityType: 'user', entityId: user.id, data: { roles } },
          manager,
        );
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw emailTaken();
      throw error;
    }
  }

  findByEmail(email: string): Promise<User | null> {
    return this.dataSource.manager.findOneBy(User, { email: email.trim().toLowerCase() });
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource.manager.findOneBy(User, { id });
    if (!user) throw userNotFound();
    return user;
  }

  list(limit: number, offset: number): Promise<[User[], number]> {
    return this.dataSource.manager.findAndCount(User, { order: { createdAt: 'ASC' }, take: limit, skip: offset });
  }

  grantRole(userId: string, role: Role, actorId: string | null): Promise<User> {
    return this.changeRoles(userId, actorId, 'role.grant', role, (roles) => [...new Set([...roles, role])]);
  }

  revokeRole(userId: string, role: Role, actorId: string | null): Promise<User> {
    // Everyone keeps the base role: it is what "signed in" means.
    if (role === 'user') return this.get(userId);
    return this.changeRoles(userId, actorId, 'role.revoke', role, (roles) => roles.filter((r) => r !== role));
  }

  private changeRoles(
    userId: string,
    actorId: string | null,
    action: string,
    role: Role,
    change: (roles: Role[]) => Role[],
  ): Promise<User> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw userNotFound();
      const before = user.roles;
      user.roles = change(before);
      if (before.length !== user.roles.length) {
        await manager.update(User, { id: userId }, { roles: user.roles });
        await this.audit.record(
          { actorId, action, entityType: 'user', entityId: userId, data: { role, before, after: user.roles } },
          manager,
        );
      }
      return user;
    });
  }
}
