import {
  CallHandler,
  ExecutionContext,
  HttpException,
  Injectable,
  Logger,
  RequestMethod,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, Observable, throwError } from 'rxjs';
import {
  AdminAudit,
  AdminPrincipal,
  adminPrincipalOf,
  AppError,
  AUDITED_OBJECT,
  type AuditedObjectDeclaration,
  type AuditTarget,
  isReadMethod,
} from '@app/common';
import { AdminAuditRepository, AuditRecord } from './admin-audit.repository';
import { AuditedObjects } from './audited-objects';
import { auditedBody } from './mask-secrets';

/**
 * Writes one audit entry per admin change (a state-changing call that AdminGuard let through,
 * by key or by session) once the handler is done, before the answer leaves: who, the route,
 * the object before and after the change (read by the route's `@AuditedObject` reader), the
 * masked body, the answer or the error's status, the client's address. Reads are not logged.
 * A failed write is logged loudly and does not undo the change.
 */
@Injectable()
export class AdminAuditTrail extends AdminAudit {
  private readonly logger = new Logger(AdminAuditTrail.name);

  constructor(
    private readonly audit: AdminAuditRepository,
    private readonly objects: AuditedObjects,
    private readonly reflector: Reflector,
  ) {
    super();
  }

  around(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = adminPrincipalOf(request);
    if (principal === undefined || isReadMethod(request.method)) return next.handle();
    const declaration = this.reflector.getAllAndOverride<AuditedObjectDeclaration | undefined>(
      AUDITED_OBJECT,
      [context.getHandler(), context.getClass()],
    );
    const target: AuditTarget = {
      params: (request.params ?? {}) as AuditTarget['params'],
      body: request.body,
      admin: principal,
    };
    const successStatus = successStatusOf(context, request.method);
    // Guards ran, pipes have not: the object is read as it is before anything of the route.
    let before: unknown = null;
    const finish = async (status: number, answer: unknown): Promise<void> => {
      const after = await this.objects.after(declaration, target, answer);
      await this.write(entryOf(request, principal, status, answer, { before, after }));
    };
    return from(this.objects.before(declaration, target)).pipe(
      mergeMap((read) => {
        before = read;
        return next.handle();
      }),
      mergeMap((result: unknown) => from(finish(successStatus, result).then(() => result))),
      catchError((error: unknown) =>
        from(finish(errorStatusOf(error), undefined)).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }

  private async write(entry: AuditRecord): Promise<void> {
    try {
      await this.audit.record(entry);
    } catch (error) {
      this.logger.error(
        `audit entry not written: ${entry.method} ${entry.route} by ${entry.adminUsername ?? entry.actor}: ${String(error)}`,
      );
    }
  }
}

function entryOf(
  request: FastifyRequest,
  principal: AdminPrincipal,
  status: number,
  result: unknown,
  object: { before: unknown; after: unknown },
): AuditRecord {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const resultId = (result as { id?: unknown } | undefined)?.id;
  const objectId =
    typeof params.id === 'string' ? params.id : typeof resultId === 'string' ? resultId : null;
  return {
    actor: principal.kind,
    adminId: principal.kind === 'session' ? principal.adminId : null,
    adminUsername: principal.kind === 'session' ? principal.username : null,
    method: request.method,
    route: request.routeOptions.url ?? request.url,
    path: request.url.split('?')[0],
    objectId,
    status,
    requestBody: auditedBody(request.body),
    responseBody: auditedBody(result),
    before: auditedBody(object.before),
    after: auditedBody(object.after),
    clientIp: request.ip,
  };
}

/** The status Nest answers a handler's result with: its @HttpCode, else 201 for POST, else 200. */
function successStatusOf(context: ExecutionContext, method: string): number {
  const declared = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as
    number | undefined;
  return declared ?? (method === RequestMethod[RequestMethod.POST] ? 201 : 200);
}

function errorStatusOf(error: unknown): number {
  if (error instanceof AppError) return error.status;
  if (error instanceof HttpException) return error.getStatus();
  return 500;
}
