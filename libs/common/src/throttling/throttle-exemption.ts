import { SetMetadata, Type } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * A provider that tells whether a request is spared the per-IP throttler (a metrics scraper
 * with the right token), resolved from the app when a route names it.
 */
export interface ThrottleExemption {
  exempts(request: FastifyRequest): boolean;
}

export const THROTTLE_EXEMPTION = 'throttleExemption';

/**
 * The route is throttled like any other, but for the requests `exemption` spares: a wrong
 * credential still spends the client's budget (and is answered 429 past it).
 */
export const ThrottledUnless = (exemption: Type<ThrottleExemption>): MethodDecorator =>
  SetMetadata(THROTTLE_EXEMPTION, exemption);
