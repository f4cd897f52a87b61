import { bearerToken } from './bearer-token';

/** A request with no credentials, or none this service reads. */
export interface AnonymousActor {
  readonly kind: 'anonymous';
}

/**
 * A request that presented a session token. Whether it names a live session is the user
 * module's answer (`ActorSessions`), asked only by a rule that needs it: most code requests
 * never do, and pay no database read for a token they ignore.
 */
export interface SessionActor {
  readonly kind: 'session';
  readonly sessionToken: string;
}

/**
 * Who makes a request, as its edge (a controller, the `/1.1` layer) read it from the
 * request's credentials, so that nothing below the edge reads headers. One per request.
 */
export type Actor = AnonymousActor | SessionActor;

export const ANONYMOUS_ACTOR: AnonymousActor = Object.freeze({ kind: 'anonymous' });

/** The caller of a session token, or anonymous without one. */
export function sessionActor(sessionToken: string | undefined): Actor {
  return sessionToken === undefined ? ANONYMOUS_ACTOR : { kind: 'session', sessionToken };
}

/**
 * `Authorization: Bearer <token>`: the caller of that token. No header, another scheme or
 * a malformed one: anonymous, so a rule that needs a session refuses it as having none.
 */
export function actorFromAuthorization(authorization: string | string[] | undefined): Actor {
  return sessionActor(bearerToken(authorization));
}
