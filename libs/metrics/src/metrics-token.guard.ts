import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bearerToken, ThrottleExemption, UnauthorizedError } from '@app/common';
import { AppConfigService } from '@app/config';
import { MetricsNotExposedError } from './metrics.errors';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * `GET /metrics` on the public port: only with `Authorization: Bearer <METRICS_TOKEN>`, and
 * nothing at all (404) while METRICS_TOKEN is unset. A scraper with the right token is spared
 * the per-IP throttler; a wrong token is throttled like any request.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate, ThrottleExemption {
  private readonly expected?: Buffer;

  constructor(config: AppConfigService) {
    const token = config.get('METRICS_TOKEN');
    this.expected = token === undefined ? undefined : digest(token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.expected === undefined) throw new MetricsNotExposedError();
    if (!this.exempts(context.switchToHttp().getRequest<FastifyRequest>())) {
      throw new UnauthorizedError('Metrics need Authorization: Bearer <METRICS_TOKEN>');
    }
    return true;
  }

  exempts(request: FastifyRequest): boolean {
    if (this.expected === undefined) return false;
    const token = bearerToken(request.headers.authorization);
    // Comparing digests keeps the comparison constant-time whatever the token's length.
    return token !== undefined && timingSafeEqual(digest(token), this.expected);
  }
}
