import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { Batcher } from '../common/batcher.js';
import { hydrate } from '../database/hydrate.js';
import { preparedQuery } from '../database/prepared-query.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';
import { digest, randomToken } from './secrets.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

// Each distinct token's session with its user, as JSON rows of their tables (hand-written: TypeORM's
// find with a relation cost more CPU than the rest of a report submission's look-ups together).
const SESSIONS_BY_TOKEN_HASH = `
SELECT to_jsonb(s) AS session, to_jsonb(u) AS user
FROM sessions s JOIN users u ON u.id = s.user_id
WHERE s.token_hash = ANY($1::bpchar[])`;

@Injectable()
export class SessionsService {
  /** Every request resolves its session: concurrent look-ups share one query. */
  private readonly lookups = new Batcher<string, Session | null>(async (tokenHashes) => {
    const { manager } = this.dataSource;
    const rows = await preparedQuery<{ session: Record<string, unknown>; user: Record<string, unknown> }>(
      this.dataSource,
      'sessions-by-token-hash',
      SESSIONS_BY_TOKEN_HASH,
      [[...new Set(tokenHashes)]],
    );
    const byHash = new Map(
      rows.map(({ session, user }) => [
        session.token_hash,
        Object.assign(hydrate(manager, Session, session), { user: hydrate(manager, User, user) }),
      ]),
    );
    return tokenHashes.map((hash) => byHash.get(hash) ?? null);
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the cookie token; only its digest is stored. */
  async create(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + this.config.sessionTtlHours * 3600_000);
    await this.dataSource.manager.insert(Session, { userId, tokenHash: this.hash(token), expiresAt });
    return { token, expiresAt };
  }

  async resolve(token: string): Promise<{ session: Session; user: User } | null> {
    const session = await this.lookups.submit(this.hash(token));
    if (!session?.user || session.expiresAt.getTime() <= Date.now()) return null;
    return { session, user: session.user };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.dataSource.manager.delete(Session, { id: sessionId });
  }

  async purgeExpired(): Promise<void> {
    await this.dataSource.manager.delete(Session, { expiresAt: LessThan(new Date()) });
  }

  private hash(token: string): string {
    return digest(this.config.sessionSecret, `session:${token}`);
  }
}
