import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { ROUTE_ACCESS, RouteAccess } from '@app/common';
import { SessionInvalidError } from '../user.errors';
import { sessionOf } from './session-context';
import { SessionGuard } from './session.guard';
import type { AuthenticatedSession } from './session.service';

const SESSION_ACCESS: RouteAccess = 'session';

/** Only with `Authorization: Bearer <sessionToken>` of a live session. */
export const SessionRequired = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, SESSION_ACCESS),
    UseGuards(SessionGuard),
    ApiBearerAuth('session'),
  );

/** The caller's session, on routes behind `@SessionRequired()`. */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthenticatedSession => {
    const session = sessionOf(context.switchToHttp().getRequest<object>());
    // Only reachable if a route forgot @SessionRequired(): refuse rather than act unauthenticated.
    if (session === undefined) throw new SessionInvalidError();
    return session;
  },
);
