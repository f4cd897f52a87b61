import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { callerOf } from './leancloud-auth.guard';
import type { LeanCloudCaller as Caller } from './leancloud-credentials';

/** Whether the request came with the App Key or the Master Key. */
export const LeanCloudCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller =>
    callerOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
