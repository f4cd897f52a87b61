import { Injectable } from '@nestjs/common';
import type { Actor, SessionActor } from '@app/common';
import { SessionInvalidError } from '../user.errors';
import { AuthenticatedSession, SessionService } from './session.service';

/**
 * The live session of a request's actor, for the rules below the edge that act on the
 * signed-in account. Resolved on first use, not at the edge: the `/v1` code route (in the
 * codes library, which the user module builds on) cannot reach the sessions, and most code
 * requests never need one, so a token they ignore costs no database read. Remembered per
 * actor, so a request looks its session up once however many steps ask (the `/1.1`
 * verification route asks to choose its recipient, then the account check asks again).
 */
@Injectable()
export class ActorSessions {
  private readonly resolved = new WeakMap<SessionActor, Promise<AuthenticatedSession>>();

  constructor(private readonly sessions: SessionService) {}

  /**
   * As `SessionService.authenticate`: SessionInvalid for an anonymous actor or a token of no
   * live session, UserDisabled for a disabled account. A failure is remembered too: the
   * request gets the same answer at every step.
   */
  sessionOf(actor: Actor): Promise<AuthenticatedSession> {
    if (actor.kind === 'anonymous') return Promise.reject(new SessionInvalidError());
    let session = this.resolved.get(actor);
    if (session === undefined) {
      session = this.sessions.authenticate(actor.sessionToken);
      this.resolved.set(actor, session);
    }
    return session;
  }
}
