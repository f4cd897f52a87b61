import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '@app/common';
import { attachSession } from './session-context';
import { SessionService } from './session.service';

/** Lets a request through only with `Authorization: Bearer <sessionToken>` of a live session. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly sessions: SessionService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const session = await this.sessions.authenticate(bearerToken(request.headers.authorization));
    attachSession(request, session);
    return true;
  }
}
