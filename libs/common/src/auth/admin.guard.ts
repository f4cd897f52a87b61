import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppConfigService } from '@app/config';
import {
  AdminRoleForbiddenError,
  AdminSessionRequiredError,
  CsrfTokenInvalidError,
  UnauthorizedError,
} from '../errors/common.errors';
import {
  AdminPrincipal,
  AdminRoleName,
  AdminSessionResolver,
  API_KEY_PRINCIPAL,
  roleSuffices,
  setAdminPrincipal,
} from './admin-principal';
import { ADMIN_ROLE, ADMIN_SESSION_ONLY, isReadMethod, neededRole } from './admin-role.decorator';
import { bearerToken } from './bearer-token';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export const CSRF_HEADER = 'x-csrf-token';

/**
 * Admin routes: `Authorization: Bearer <ADMIN_API_KEY>` (automation; acts as an owner, needs no
 * CSRF token since no browser sends it by itself), or a named admin's console session cookie,
 * whose state-changing calls carry the session's X-CSRF-Token. Then the route's role.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(
    config: AppConfigService,
    private readonly reflector: Reflector,
    @Optional() private readonly sessions?: AdminSessionResolver,
  ) {
    this.expected = digest(config.get('ADMIN_API_KEY'));
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.principalOf(request);
    const targets = [context.getHandler(), context.getClass()];
    if (principal.kind === 'api-key') {
      if (this.reflector.getAllAndOverride<boolean>(ADMIN_SESSION_ONLY, targets)) {
        throw new AdminSessionRequiredError();
      }
    } else if (!isReadMethod(request.method) && !this.csrfMatches(request, principal.csrfToken)) {
      throw new CsrfTokenInvalidError();
    }
    const declared = this.reflector.getAllAndOverride<AdminRoleName | undefined>(
      ADMIN_ROLE,
      targets,
    );
    const needed = neededRole(declared, request.method);
    if (!roleSuffices(principal.role, needed)) throw new AdminRoleForbiddenError(needed);
    setAdminPrincipal(request, principal);
    return true;
  }

  private async principalOf(request: FastifyRequest): Promise<AdminPrincipal> {
    const token = bearerToken(request.headers.authorization);
    // Comparing digests keeps the comparison constant-time whatever the token's length.
    if (token !== undefined && timingSafeEqual(digest(token), this.expected)) {
      return API_KEY_PRINCIPAL;
    }
    const session = token === undefined ? await this.sessions?.resolve(request) : undefined;
    if (session === undefined) {
      throw new UnauthorizedError(
        'Admin routes need Authorization: Bearer <ADMIN_API_KEY> or a console session',
      );
    }
    return session;
  }

  private csrfMatches(request: FastifyRequest, expected: string): boolean {
    const sent = request.headers[CSRF_HEADER];
    return typeof sent === 'string' && timingSafeEqual(digest(sent), digest(expected));
  }
}
