import { applyDecorators, SetMetadata, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import {
  AdminRoleForbiddenError,
  CsrfTokenInvalidError,
  UnauthorizedError,
} from '../errors/common.errors';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { AdminAuditInterceptor } from './admin-audit';
import { AdminGuard } from './admin.guard';

/**
 * Every route declares who may call it; a test walks all controllers to check. `metrics`:
 * Prometheus' scraper, with METRICS_TOKEN (libs/metrics).
 */
export type RouteAccess = 'public' | 'admin' | 'session' | 'metrics';
export const ROUTE_ACCESS = 'routeAccess';

/** Open to any client (still rate-limited). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(ROUTE_ACCESS, 'public');

/**
 * Only with `Authorization: Bearer <ADMIN_API_KEY>`, or a named admin's console session whose
 * role is enough (see AdminGuard; the role by method unless `@AdminRole`). Their changes are
 * audited.
 */
export const AdminOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ROUTE_ACCESS, 'admin'),
    UseGuards(AdminGuard),
    // Records the route's changes (AdminAudit, libs/admin).
    UseInterceptors(AdminAuditInterceptor),
    ApiBearerAuth('admin'),
    ApiErrors(UnauthorizedError, AdminRoleForbiddenError, CsrfTokenInvalidError),
  );
