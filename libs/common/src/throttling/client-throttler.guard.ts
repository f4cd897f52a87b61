import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { DEFAULT_IPV6_SUBNET_PREFIX, normalizeIp } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfigService } from '@app/config';
import { countInFixedWindow, RedisService } from '@app/redis';
import { PendingClientHit } from './pending-client-hit';
import { RouteThrottles } from './route-throttles';

/**
 * `THROTTLE_LIMIT` requests per client address per `THROTTLE_TTL_SECONDS` on every route, one
 * budget across all routes, answered with our `TooManyRequests`. A fixed window in Redis, so N
 * API instances share it; fails closed: when Redis is down the request is refused. A route
 * marked @ThrottledInScript counts the hit in its own script (pending-client-hit.ts).
 */
@Injectable()
export class ClientThrottlerGuard implements CanActivate {
  private readonly limit: number;
  private readonly windowMs: number;
  // The key @nestjs/throttler's guard and storage built (throttler `default`, key
  // `default:<client>`): counts carry over an upgrade, and instances of both versions share them.
  private readonly keyPrefix: string;
  private readonly routes: RouteThrottles;

  constructor(
    config: AppConfigService,
    private readonly redis: RedisService,
    reflector: Reflector,
    moduleRef: ModuleRef,
  ) {
    this.limit = config.get('THROTTLE_LIMIT');
    this.windowMs = config.get('THROTTLE_TTL_SECONDS') * 1000;
    this.keyPrefix = redis.key('throttle', 'default', 'default:');
    this.routes = new RouteThrottles(reflector, (exemption) =>
      moduleRef.get(exemption, { strict: false }),
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = this.routes.of(context.getClass(), context.getHandler());
    if (!route.counted) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (route.exemption?.exempts(request)) return true;

    const hit = new PendingClientHit(
      this.keyPrefix + clientOf(request),
      this.windowMs,
      this.limit,
      http.getResponse<FastifyReply>(),
      this.redis,
    );
    if (route.inScript) {
      hit.leaveOn(request);
      return true;
    }
    hit.settle(await countInFixedWindow(this.redis, hit.key, hit.windowMs));
    return true;
  }
}

/** The client's address; the hosts of one IPv6 /64 are one client (one end site's prefix). */
const clientOf = (request: FastifyRequest): string =>
  normalizeIp(request.ip, DEFAULT_IPV6_SUBNET_PREFIX);
