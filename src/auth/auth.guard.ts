import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthedRequest, PUBLIC_KEY, ROLES_KEY, SESSION_ONLY_KEY } from './decorators.js';
import type { Principal } from './principal.js';
import { PrincipalResolver } from './principal-resolver.js';
import type { Role } from './roles.js';

export { SESSION_COOKIE } from './principal-resolver.js';

/** What a route's decorators ask of its callers. */
export interface RouteAccess {
  public: boolean;
  /** Undefined when the route declares none: it is refused. */
  roles?: Role[];
  sessionOnly: boolean;
}

/** Reads @Public, @Roles and @SessionOnly of a handler (first) and its controller. */
export function routeAccess(reflector: Reflector, targets: [Function, Function]): RouteAccess {
  return {
    public: Boolean(reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)),
    roles: reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets),
    sessionOnly: Boolean(reflector.getAllAndOverride<boolean>(SESSION_ONLY_KEY, targets)),
  };
}

/** Throws the 401 or 403 that `principal` gets on a non-public route that declares `roles`. */
export function enforceRoles(access: RouteAccess & { roles: Role[] }, principal: Principal | null | undefined): void {
  if (!principal) throw new UnauthorizedException('Sign in or send an API key');
  if (access.sessionOnly && principal.via !== 'session') {
    throw new ForbiddenException('This action needs a signed-in session, not an API key');
  }
  if (!access.roles.some((role) => principal.roles.includes(role))) {
    throw new ForbiddenException(`This action needs one of the roles: ${access.roles.join(', ')}`);
  }
}

/**
 * The one global guard: resolves the caller from the session cookie or `Authorization: Bearer <api key>`
 * and enforces the route's @Roles. Routes that declare neither @Roles nor @Public are refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    request.principal = (await this.principals.resolve(request.headers)) ?? undefined;

    const access = routeAccess(this.reflector, [context.getHandler(), context.getClass()]);
    if (access.public) return true;
    if (!access.roles) {
      this.logger.error(`${request.method} ${request.path} declares no @Roles or @Public: refused`);
      throw new ForbiddenException('This route is not available');
    }
    enforceRoles({ ...access, roles: access.roles }, request.principal);
    return true;
  }
}
