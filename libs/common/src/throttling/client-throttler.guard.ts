import { ExecutionContext, Injectable, Type } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { TooManyRequestsError } from '../errors/common.errors';
import { THROTTLE_EXEMPTION, ThrottleExemption } from './throttle-exemption';

/** The per-IP request rate on every route, answered with our `TooManyRequests`. */
@Injectable()
export class ClientThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {
    super(options, storage, reflector);
  }

  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    const exemption = this.reflector.get<Type<ThrottleExemption> | undefined>(
      THROTTLE_EXEMPTION,
      context.getHandler(),
    );
    if (exemption === undefined) return Promise.resolve(false);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return Promise.resolve(this.moduleRef.get(exemption, { strict: false }).exempts(request));
  }

  protected override generateKey(
    _context: ExecutionContext,
    tracker: string,
    name: string,
  ): string {
    // One budget per client across all routes, as the setting promises.
    return `${name}:${tracker}`;
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new TooManyRequestsError(detail.timeToBlockExpire);
  }
}
