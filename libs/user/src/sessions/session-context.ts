import type { AuthenticatedSession } from './session.service';

/** The session SessionGuard found for a request, until the request is gone. */
const sessionsByRequest = new WeakMap<object, AuthenticatedSession>();

export function attachSession(request: object, session: AuthenticatedSession): void {
  sessionsByRequest.set(request, session);
}

export function sessionOf(request: object): AuthenticatedSession | undefined {
  return sessionsByRequest.get(request);
}
