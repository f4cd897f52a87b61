import { CallHandler, ExecutionContext, Injectable, NestInterceptor, Optional } from '@nestjs/common';
import type { Observable } from 'rxjs';

/**
 * What records admin changes around a route's handler (libs/admin provides it). Without it (an
 * app without named admins' audit) admin routes run unrecorded.
 */
export abstract class AdminAudit {
  abstract around(context: ExecutionContext, next: CallHandler): Observable<unknown>;
}

/**
 * The interceptor `@AdminOnly()` puts on admin routes, and on them only: an interceptor of the
 * whole app would put every request (the public hot paths too) through Nest's interceptor
 * pipeline to find nothing to record.
 */
@Injectable()
export class AdminAuditInterceptor implements NestInterceptor {
  constructor(@Optional() private readonly audit?: AdminAudit) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return this.audit ? this.audit.around(context, next) : next.handle();
  }
}
