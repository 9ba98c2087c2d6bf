import { Injectable } from '@nestjs/common';
import { invalidCredentials } from './auth.errors.js';
import { decoyPasswordHash, verifyPassword } from './secrets.js';
import { SessionsService } from './sessions.service.js';
import { User } from './user.entity.js';
import { NewUser, UsersService } from './users.service.js';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
  ) {}

  async register(input: Omit<NewUser, 'roles'>) {
    const user = await this.users.create(input);
    return { user, ...(await this.sessions.create(user.id)) };
  }

  async login(email: string, password: string): Promise<{ user: User; token: string; expiresAt: Date }> {
    const user = await this.users.findByEmail(email);
    // Verify against a decoy when the email is unknown, so both failures take the same time.
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    if (!user || !ok) throw invalidCredentials();
    return { user, ...(await this.sessions.create(user.id)) };
  }

  logout(sessionId: string): Promise<void> {
    return this.sessions.revoke(sessionId);
  }
}
