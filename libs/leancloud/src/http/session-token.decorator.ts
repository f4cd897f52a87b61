import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { readSessionToken } from '../auth/leancloud-headers';

/** The raw `X-LC-Session`, on routes where a session is optional. */
export const LeanCloudSessionToken = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    readSessionToken(context.switchToHttp().getRequest<FastifyRequest>()),
);
