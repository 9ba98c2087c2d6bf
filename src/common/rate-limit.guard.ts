import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/decorators.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';

const WINDOW_MS = 60_000;
const RULE_KEY = 'rlhf:rate-limit';

interface RateLimitRule {
  bucket: string;
  /** Calls allowed per minute. */
  limit: (config: AppConfig) => number;
  /** Count per client IP (sign-in routes) or per signed-in caller (the API). */
  by: 'ip' | 'caller';
}

/**
 * Fixed one-minute window per client IP and bucket, in this process's memory: enough to stop password
 * guessing against one instance. Behind several instances, put a shared limiter in front as well.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<RateLimitRule>(RULE_KEY, [context.getHandler(), context.getClass()]);
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const limit = rule.limit(this.config);
    const now = Date.now();
    const who = rule.by === 'caller' && req.principal ? req.principal.userId : req.ip;
    const key = `${rule.bucket}:${who}`;
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      this.sweep(now);
      window = { count: 0, resetAt: now + WINDOW_MS };
      this.windows.set(key, window);
    }
    window.count += 1;
    const retryAfter = Math.ceil((window.resetAt - now) / 1000);
    res.setHeader('X-RateLimit-Limit', limit);
    res.setHeader('X-RateLimit-Remaining', Math.max(0, limit - window.count));
    if (window.count > limit) {
      res.setHeader('Retry-After', retryAfter);
      throw new HttpException(`Too many attempts: wait ${retryAfter} s and try again`, HttpStatus.TOO_MANY_REQUESTS);
    }
    return true;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/** Sign-in routes: AUTH_RATE_LIMIT calls a minute per client IP, each route counted apart. */
export const AuthRateLimit = (bucket: string) =>
  applyDecorators(
    SetMetadata(RULE_KEY, { bucket, limit: (c: AppConfig) => c.authRateLimitPerMinute, by: 'ip' } satisfies RateLimitRule),
    UseGuards(RateLimitGuard),
  );

/** The API: API_RATE_LIMIT calls a minute per signed-in caller. */
export const ApiRateLimit = (bucket: string) =>
  applyDecorators(
    SetMetadata(RULE_KEY, { bucket, limit: (c: AppConfig) => c.model.apiRateLimitPerMinute, by: 'caller' } satisfies RateLimitRule),
    UseGuards(RateLimitGuard),
  );
