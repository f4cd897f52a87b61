import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { SessionOrigin } from '../sessions/session.service';

/** The client address (see @ClientIp) and User-Agent a new session is recorded with. */
export const RequestOrigin = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionOrigin => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const userAgent = request.headers['user-agent'];
    return {
      clientIp: request.ip,
      userAgent: typeof userAgent === 'string' ? userAgent : undefined,
    };
  },
);
