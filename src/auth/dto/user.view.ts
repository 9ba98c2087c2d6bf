import type { ApiKey } from '../api-key.entity.js';
import type { User } from '../user.entity.js';

/** What the API shows of a user: never the password hash. */
export function userView(user: User) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    createdAt: user.createdAt.toISOString(),
  };
}

/** What the API shows of a key: never its digest. */
export function apiKeyView(key: ApiKey) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}
