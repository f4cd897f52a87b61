import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/**
 * The client's address. With TRUST_PROXY, Fastify takes it from X-Forwarded-For;
 * otherwise it is the socket's peer.
 */
export const ClientIp = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string => {
    return context.switchToHttp().getRequest<FastifyRequest>().ip;
  },
);
