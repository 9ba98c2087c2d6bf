import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiKeysService } from './api-keys.service.js';
import type { Principal } from './principal.js';
import { SessionsService } from './sessions.service.js';

export const SESSION_COOKIE = 'rlhf_session';

/** The value of cookie `name` in a Cookie header (the first one, URL-decoded), as cookie parsers read it. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/** Who sends a request: an API key (`Authorization: Bearer …`), else the session cookie, else nobody. */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async resolve(headers: IncomingHttpHeaders): Promise<Principal | null> {
    const header = headers.authorization;
    if (header) {
      const [scheme, secret] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !secret) throw new UnauthorizedException('Use Authorization: Bearer <api key>');
      const found = await this.apiKeys.resolve(secret.trim());
      if (!found) throw new UnauthorizedException('Invalid or revoked API key');
      const { user, key } = found;
      return { userId: user.id, email: user.email, roles: user.roles, via: 'api_key', apiKeyId: key.id };
    }
    const token = cookieValue(headers.cookie, SESSION_COOKIE);
    if (!token) return null;
    const found = await this.sessions.resolve(token);
    if (!found) return null;
    const { user, session } = found;
    return { userId: user.id, email: user.email, roles: user.roles, via: 'session', sessionId: session.id };
  }
}
