import type { Role } from './roles.js';

/** Who is calling: resolved once per request by the auth guard. */
export interface Principal {
  userId: string;
  email: string;
  roles: Role[];
  via: 'session' | 'api_key';
  apiKeyId?: string;
  sessionId?: string;
}
