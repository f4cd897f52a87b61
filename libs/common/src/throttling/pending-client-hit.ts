import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { countPendingHit, type PendingWindowHit, RedisService, type WindowCount } from '@app/redis';
import { TooManyRequestsError } from '../errors/common.errors';

const PENDING_HIT = Symbol('pendingClientHit');

type RequestWithHit = FastifyRequest & { [PENDING_HIT]?: PendingClientHit };

/**
 * The per-IP throttler's hit on a route that counts it in its own script (@ThrottledInScript):
 * the guard leaves it on the request, the route's script counts it (settle), and whatever ends
 * the request before that counts it apart (the error filters, the response hook), so every
 * request spends the client's budget exactly once.
 */
export class PendingClientHit implements PendingWindowHit {
  /** Until it was sent to Redis, by the route's script or apart. */
  private owedStill = true;

  constructor(
    readonly key: string,
    readonly windowMs: number,
    readonly limit: number,
    private readonly reply: FastifyReply,
    private readonly redis: RedisService,
  ) {}

  get owed(): boolean {
    return this.owedStill;
  }

  claim(): void {
    this.owedStill = false;
  }

  /** As the guard would have: past the limit, TooManyRequests; else the X-RateLimit headers. */
  settle({ hits, remainingMs }: WindowCount): void {
    this.owedStill = false;
    const resetSeconds = Math.max(1, Math.ceil(remainingMs / 1000));
    // Retry-After is the error filter's, as for every retryable error.
    if (hits > this.limit) throw new TooManyRequestsError(resetSeconds);
    void this.reply
      .header('X-RateLimit-Limit', this.limit)
      .header('X-RateLimit-Remaining', Math.max(0, this.limit - hits))
      .header('X-RateLimit-Reset', resetSeconds);
  }

  /** Counts it on its own round trip; rejects with the refusal past the limit. */
  countApart(): Promise<void> {
    return countPendingHit(this.redis, this);
  }

  leaveOn(request: FastifyRequest): void {
    (request as RequestWithHit)[PENDING_HIT] = this;
  }
}

/** The hit the request still owes, if any. */
export function owedClientHitOf(request: FastifyRequest): PendingClientHit | undefined {
  const hit = (request as RequestWithHit)[PENDING_HIT];
  return hit?.owed === true ? hit : undefined;
}

/**
 * For the error filters: answers `error` once the hit the request still owes, if any, is
 * counted, or the refusal instead when that hit was past the limit (as the guard would have
 * refused the request before it failed), or Redis's failure.
 */
export function answerOnceCounted(
  request: FastifyRequest,
  error: unknown,
  answer: (error: unknown) => void,
): void {
  const hit = owedClientHitOf(request);
  if (hit === undefined) {
    answer(error);
    return;
  }
  hit.countApart().then(
    () => answer(error),
    (refusal: unknown) => answer(refusal),
  );
}

/**
 * The route's pending per-IP hit, for its script to count (undefined when the request is not
 * counted: an exempt client). Only on routes marked @ThrottledInScript.
 */
export const ClientHit = createParamDecorator(
  (_data: unknown, context: ExecutionContext): PendingWindowHit | undefined =>
    owedClientHitOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
