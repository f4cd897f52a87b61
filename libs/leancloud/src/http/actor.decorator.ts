import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Actor, sessionActor } from '@app/common';
import { readSessionToken } from '../auth/leancloud-headers';

/** The caller of a `/1.1` route where a session is optional, from `X-LC-Session` (see `Actor`). */
export const LeanCloudActor = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Actor =>
    sessionActor(readSessionToken(context.switchToHttp().getRequest<FastifyRequest>())),
);
