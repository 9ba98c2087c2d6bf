import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Principal } from './principal.js';
import type { Role } from './roles.js';

export const ROLES_KEY = 'rlhf:roles';
export const PUBLIC_KEY = 'rlhf:public';
export const SESSION_ONLY_KEY = 'rlhf:session-only';

/**
 * Declares who may call a route; the global guard refuses routes that declare nothing.
 * Any one of the roles is enough. Also documents the requirement in OpenAPI.
 */
export function Roles(...roles: [Role, ...Role[]]) {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiCookieAuth(),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in' }),
    ApiForbiddenResponse({ description: `Needs one of the roles: ${roles.join(', ')}` }),
  );
}

/** The route is open to anyone, signed in or not. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only a browser session may call this route, never an API key (e.g. minting more keys). */
export const SessionOnly = () => SetMetadata(SESSION_ONLY_KEY, true);

export type AuthedRequest = Request & { principal?: Principal };

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without @Roles');
  return principal;
});
