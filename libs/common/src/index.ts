export { AdminAudit, AdminAuditInterceptor } from './auth/admin-audit';
export {
  AUDITED_OBJECT,
  AuditedCreation,
  AuditedObject,
  AuditedObjectById,
  type AuditedObjectDeclaration,
  type AuditedObjectRead,
  type AuditTarget,
} from './auth/audited-object';
export { AdminGuard, CSRF_HEADER } from './auth/admin.guard';
export { CurrentAdmin } from './auth/current-admin.decorator';
export {
  adminPrincipalOf,
  type AdminPrincipal,
  type AdminRoleName,
  AdminSessionResolver,
  API_KEY_PRINCIPAL,
  roleSuffices,
} from './auth/admin-principal';
export {
  ADMIN_ROLE,
  ADMIN_SESSION_ONLY,
  AdminRole,
  AdminSessionOnly,
  isReadMethod,
  neededRole,
} from './auth/admin-role.decorator';
export {
  type Actor,
  actorFromAuthorization,
  ANONYMOUS_ACTOR,
  type AnonymousActor,
  type SessionActor,
  sessionActor,
} from './auth/actor';
export { bearerToken } from './auth/bearer-token';
export { RequestActor } from './auth/request-actor.decorator';
export { AdminOnly, Public, ROUTE_ACCESS, RouteAccess } from './auth/route-access';
export { AppError, RetryableAppError } from './errors/app-error';
export {
  AdminRoleForbiddenError,
  AdminSessionRequiredError,
  CsrfTokenInvalidError,
  FieldError,
  InvalidParamError,
  ServiceUnavailableError,
  TooManyRequestsError,
  UnauthorizedError,
} from './errors/common.errors';
export { AppExceptionFilter, PrefixErrorFormat } from './http/app-exception.filter';
export { JsonLogger } from './logging/json-logger';
export { stdoutLogDestination } from './logging/stdout-destination';
export { deadline } from './runtime/deadline';
export { limitHeapGrowth } from './runtime/heap-growth';
export { MAX_JSON_DEPTH, useDepthCheckedJsonParser } from './http/json-body-parser';
export {
  MultipartUpload,
  UnsupportedMediaTypeError,
  useMultipartUploads,
} from './http/multipart-uploads';
export { ClientIp } from './http/client-ip.decorator';
export { codeForStatus, HttpErrorBody } from './http/http-error-body';
export { createValidationPipe } from './http/validation.pipe';
export { ThrottlingModule } from './throttling/throttling.module';
export { PageQueryDto } from './http/page-query.dto';
export { asciiDigits } from './text/ascii-digits';
export { ApiErrors, AppErrorClass, DocumentedError } from './openapi/api-errors.decorator';
export { documentErrorResponses } from './openapi/document-error-responses';
export { ERROR_BODY_SCHEMA_NAME } from './openapi/error-response.schema';
export {
  THROTTLE_EXEMPTION,
  ThrottledUnless,
  type ThrottleExemption,
} from './throttling/throttle-exemption';
export { Unthrottled } from './throttling/unthrottled.decorator';
export {
  answerOnceCounted,
  ClientHit,
  owedClientHitOf,
  PendingClientHit,
} from './throttling/pending-client-hit';
export { ThrottledInScript } from './throttling/throttled-in-script.decorator';
export { signStandardWebhook } from './webhooks/standard-webhook-signature';
