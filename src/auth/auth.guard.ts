import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeysService } from './api-keys.service.js';
import { AuthedRequest, PUBLIC_KEY, ROLES_KEY, SESSION_ONLY_KEY } from './decorators.js';
import type { Principal } from './principal.js';
import type { Role } from './roles.js';
import { SessionsService } from './sessions.service.js';

export const SESSION_COOKIE = 'rlhf_session';

/**
 * The one global guard: resolves the caller from the session cookie or `Authorization: Bearer <api key>`
 * and enforces the route's @Roles. Routes that declare neither @Roles nor @Public are refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    request.principal = (await this.resolvePrincipal(request)) ?? undefined;

    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles) {
      this.logger.error(`${request.method} ${request.path} declares no @Roles or @Public: refused`);
      throw new ForbiddenException('This route is not available');
    }
    const principal = request.principal;
    if (!principal) throw new UnauthorizedException('Sign in or send an API key');
    if (this.reflector.getAllAndOverride<boolean>(SESSION_ONLY_KEY, targets) && principal.via !== 'session') {
      throw new ForbiddenException('This action needs a signed-in session, not an API key');
    }
    if (!roles.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenException(`This action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  private async resolvePrincipal(request: AuthedRequest): Promise<Principal | null> {
    const header = request.headers.authorization;
    if (header) {
      const [scheme, secret] = header.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !secret) throw new UnauthorizedException('Use Authorization: Bearer <api key>');
      const found = await this.apiKeys.resolve(secret.trim());
      if (!found) throw new UnauthorizedException('Invalid or revoked API key');
      const { user, key } = found;
      return { userId: user.id, email: user.email, roles: user.roles, via: 'api_key', apiKeyId: key.id };
    }
    const token = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (!token) return null;
    const found = await this.sessions.resolve(token);
    if (!found) return null;
    const { user, session } = found;
    return { userId: user.id, email: user.email, roles: user.roles, via: 'session', sessionId: session.id };
  }
}
