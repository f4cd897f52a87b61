import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LeanCloudError } from '../errors/leancloud-error';
import { LeanCloudSettings } from '../leancloud-settings';
import { authenticateLeanCloud, LeanCloudCaller } from './leancloud-credentials';
import { readAuthHeaders } from './leancloud-headers';

const CALLER = Symbol('leanCloudCaller');
type WithCaller = FastifyRequest & { [CALLER]?: LeanCloudCaller };

/** Lets a `/1.1` request through with the app's ID and its App Key or Master Key. */
@Injectable()
export class LeanCloudAuthGuard implements CanActivate {
  constructor(private readonly settings: LeanCloudSettings) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<WithCaller>();
    const caller = authenticateLeanCloud(readAuthHeaders(request), this.settings.keys, Date.now());
    if (caller === undefined) throw new LeanCloudError(401);
    request[CALLER] = caller;
    return true;
  }
}

/** Who the guard let in; `app` if it did not run (it runs on every `/1.1` route). */
export function callerOf(request: FastifyRequest): LeanCloudCaller {
  return (request as WithCaller)[CALLER] ?? 'app';
}
