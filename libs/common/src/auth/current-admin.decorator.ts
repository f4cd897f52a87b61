import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AdminPrincipal, adminPrincipalOf } from './admin-principal';

/** The caller AdminGuard let through (on an `@AdminOnly()` route). */
export const CurrentAdmin = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AdminPrincipal => {
    const principal = adminPrincipalOf(context.switchToHttp().getRequest<FastifyRequest>());
    if (principal === undefined) throw new Error('@CurrentAdmin() on a route without AdminGuard');
    return principal;
  },
);
