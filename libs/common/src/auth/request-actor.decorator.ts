import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor, actorFromAuthorization } from './actor';

/** The caller of a `/v1` route, from `Authorization: Bearer <sessionToken>` (see `Actor`). */
export const RequestActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor =>
    actorFromAuthorization(
      context.switchToHttp().getRequest<FastifyRequest>().headers.authorization,
    ),
);
