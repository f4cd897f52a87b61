import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ROUTE_ACCESS, RouteAccess } from '@app/common';
import { AuthenticatedSession, SessionService } from '@app/user';
import { LeanCloudError } from '../errors/leancloud-error';
import { readSessionToken } from './leancloud-headers';

/** The session of an `X-LC-Session` header, and the token itself (LeanCloud echoes it). */
export interface LeanCloudSession extends AuthenticatedSession {
  token: string;
}

const SESSION = Symbol('leanCloudSession');
type WithSession = FastifyRequest & { [SESSION]?: LeanCloudSession };
const SESSION_ACCESS: RouteAccess = 'session';

/**
 * Lets a request through with the `X-LC-Session` of a live session: the user module's
 * sessions, read from LeanCloud's header. Missing or unknown: 211, as LeanCloud answered.
 */
@Injectable()
export class LeanCloudSessionGuard implements CanActivate {
  constructor(private readonly sessions: SessionService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WithSession>();
    const token = readSessionToken(request);
    if (token === undefined) throw new LeanCloudError(211);
    request[SESSION] = { ...(await this.sessions.authenticate(token)), token };
    return true;
  }
}

/** Routes that act for the signed-in user. Other routes ignore a stale `X-LC-Session`. */
export const LeanCloudSessionRequired = (): MethodDecorator =>
  applyDecorators(SetMetadata(ROUTE_ACCESS, SESSION_ACCESS), UseGuards(LeanCloudSessionGuard));

/** The caller's session, on routes behind `@LeanCloudSessionRequired()`. */
export const CurrentLeanCloudSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): LeanCloudSession => {
    const session = context.switchToHttp().getRequest<WithSession>()[SESSION];
    if (session === undefined) throw new LeanCloudError(211);
    return session;
  },
);
