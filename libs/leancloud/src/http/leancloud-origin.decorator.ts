import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { SessionOrigin } from '@app/user';

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** Where a session is opened from; browser SDKs send their agent as `X-LC-UA`. */
export const LeanCloudOrigin = createParamDecorator(
  (_data: unknown, context: ExecutionContext): SessionOrigin => {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return {
      clientIp: request.ip,
      userAgent: header(request, 'x-lc-ua') ?? header(request, 'user-agent'),
    };
  },
);
