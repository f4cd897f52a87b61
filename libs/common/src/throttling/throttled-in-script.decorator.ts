import { SetMetadata } from '@nestjs/common';

export const THROTTLED_IN_SCRIPT = 'throttledInScript';

/**
 * The route counts the per-IP throttler's hit in its own Redis script (one round trip for
 * both): the guard leaves the hit on the request (@ClientHit) instead of counting it. The
 * route's handler must pass it to that script on every path that reaches Redis; a request that
 * ends first (a refusal, a validation error) has it counted by the error filter.
 */
export const ThrottledInScript = (): MethodDecorator => SetMetadata(THROTTLED_IN_SCRIPT, true);
