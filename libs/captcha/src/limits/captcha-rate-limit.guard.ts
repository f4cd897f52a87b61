import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiErrors, TooManyRequestsError } from '@app/common';
import { AppConfigService } from '@app/config';
import { countInFixedWindow, RedisService } from '@app/redis';

/** The routes counted apart: drawing images, checking answers, reading the public settings. */
export type CaptchaRateBucket = 'issue' | 'verify' | 'config';

const RATE_BUCKET = 'captchaRateBucket';

/**
 * `CAPTCHA_RATE_LIMIT` requests per client IP per `CAPTCHA_RATE_TTL_SECONDS` on one captcha
 * route, on top of the global per-IP rate: drawing images costs CPU, and answers must not be
 * tried in bulk. State is in Redis (shared by all instances); without Redis it fails closed.
 */
@Injectable()
export class CaptchaRateLimitGuard implements CanActivate {
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(
    private readonly reflector: Reflector,
    private readonly redis: RedisService,
    config: AppConfigService,
  ) {
    this.limit = config.get('CAPTCHA_RATE_LIMIT');
    this.windowMs = config.get('CAPTCHA_RATE_TTL_SECONDS') * 1000;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket = this.reflector.get<CaptchaRateBucket | undefined>(
      RATE_BUCKET,
      context.getHandler(),
    );
    if (!bucket) throw new Error('CaptchaRateLimitGuard needs @CaptchaRateLimited(bucket)');
    const ip = context.switchToHttp().getRequest<FastifyRequest>().ip;
    const { hits, remainingMs } = await countInFixedWindow(
      this.redis,
      this.redis.key('captcha', 'rate', bucket, ip),
      this.windowMs,
    );
    if (hits > this.limit)
      throw new TooManyRequestsError(Math.max(1, Math.ceil(remainingMs / 1000)));
    return true;
  }
}

/** Counts the route against the client's captcha budget for `bucket`. */
export const CaptchaRateLimited = (bucket: CaptchaRateBucket): MethodDecorator =>
  applyDecorators(
    SetMetadata(RATE_BUCKET, bucket),
    UseGuards(CaptchaRateLimitGuard),
    // Also the per-IP rate's code, documented for every route: CAPTCHA_RATE_LIMIT per
    // CAPTCHA_RATE_TTL_SECONDS per IP.
    ApiErrors(TooManyRequestsError),
  );
