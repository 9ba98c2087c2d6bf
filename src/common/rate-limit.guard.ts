import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable, SetMetadata, UseGuards, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/config.js';

const WINDOW_MS = 60_000;
const BUCKET_KEY = 'rlhf:rate-limit-bucket';

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
    const bucket = this.reflector.get<string>(BUCKET_KEY, context.getHandler()) ?? 'default';
    const req = context.switchToHttp().getRequest<Request>();
    const res = context.switchToHttp().getResponse<Response>();
    const limit = this.config.authRateLimitPerMinute;
    const now = Date.now();
    const key = `${bucket}:${req.ip}`;
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

/** Limits a route to AUTH_RATE_LIMIT calls a minute per client IP, counted per bucket. */
export const RateLimit = (bucket: string) => applyDecorators(SetMetadata(BUCKET_KEY, bucket), UseGuards(RateLimitGuard));
