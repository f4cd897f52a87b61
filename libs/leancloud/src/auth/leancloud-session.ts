import {
  applyDecorators,
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Actor, ROUTE_ACCESS, RouteAccess } from '@app/common';
import {
  ActorSessions,
  AuthenticatedSession,
  SessionInvalidError,
  SessionService,
} from '@app/user';
import { LeanCloudError } from '../errors/leancloud-error';
import { readSessionToken } from './leancloud-headers';

/** The session of an `X-LC-Session` header, and the token itself (LeanCloud echoes it). */
export interface LeanCloudSession extends AuthenticatedSession {
  token: string;
}

const SESSION = Symbol('leanCloudSession');
type WithSession = FastifyRequest & { [SESSION]?: LeanCloudSession };
const SESSION_ACCESS: RouteAccess = 'session';
const SESSION_QUERY_PARAMETER = 'leanCloudSessionQueryParameter';

/**
 * The token a request asks about: the query parameter when the route takes one and it is
 * given (even empty, which then matches no session), else `X-LC-Session`. The query wins
 * because clients that send it (Python's `User.become` and `is_authenticated`, JS SDK 2.x
 * `become`) also send their current user's header: the query names the user asked about.
 */
export function sessionTokenOf(
  request: FastifyRequest,
  queryParameter: string | undefined,
): string | undefined {
  if (queryParameter !== undefined) {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const given = query[queryParameter];
    if (Array.isArray(given)) {
      throw new LeanCloudError(107, `${queryParameter} is given more than once.`);
    }
    if (typeof given === 'string') return given;
  }
  return readSessionToken(request);
}

/**
 * Lets a request through with the `X-LC-Session` of a live session: the user module's
 * sessions, read from LeanCloud's header. Missing or unknown: 211, as LeanCloud answered.
 */
@Injectable()
export class LeanCloudSessionGuard implements CanActivate {
  constructor(
    private readonly sessions: SessionService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WithSession>();
    const queryParameter = this.reflector.get<string | undefined>(
      SESSION_QUERY_PARAMETER,
      context.getHandler(),
    );
    const token = sessionTokenOf(request, queryParameter);
    if (token === undefined) throw new LeanCloudError(211);
    request[SESSION] = { ...(await this.sessions.authenticate(token)), token };
    return true;
  }
}

/**
 * The session of a token on routes where one is optional: undefined without a token or for
 * one that matches no live session (the SDK sends its cached user's token, stale or not).
 * A disabled account still answers as such.
 */
export async function findLeanCloudSession(
  sessions: SessionService,
  token: string | undefined,
): Promise<LeanCloudSession | undefined> {
  if (token === undefined) return undefined;
  const session = await unlessInvalid(sessions.authenticate(token));
  return session === undefined ? undefined : { ...session, token };
}

/** The same for a request's actor, whose session the later steps then find remembered. */
export function findActorSession(
  actors: ActorSessions,
  actor: Actor,
): Promise<AuthenticatedSession | undefined> {
  return unlessInvalid(actors.sessionOf(actor));
}

async function unlessInvalid(
  lookup: Promise<AuthenticatedSession>,
): Promise<AuthenticatedSession | undefined> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof SessionInvalidError) return undefined;
    throw error;
  }
}

/**
 * Routes that act for the signed-in user. Other routes ignore a stale `X-LC-Session`.
 * `queryParameter`: the route also takes the token in the query, which then wins.
 */
export const LeanCloudSessionRequired = (
  options: { queryParameter?: string } = {},
): MethodDecorator =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, SESSION_ACCESS),
    SetMetadata(SESSION_QUERY_PARAMETER, options.queryParameter),
    UseGuards(LeanCloudSessionGuard),
  );

/** The caller's session, on routes behind `@LeanCloudSessionRequired()`. */
export const CurrentLeanCloudSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): LeanCloudSession => {
    const session = context.switchToHttp().getRequest<WithSession>()[SESSION];
    if (session === undefined) throw new LeanCloudError(211);
    return session;
  },
);
