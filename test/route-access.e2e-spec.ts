import { CanActivate, Type } from '@nestjs/common';
import { AdminGuard, RouteAccess } from '@app/common';
import { MetricsTokenGuard } from '@app/metrics';
import { SessionGuard } from '@app/user';
import { ControllerRoute as Route, controllerRoutes } from './support/controller-routes';
import { startTestApp, TestApp } from './support/test-app';

interface OpenApiOperation {
  summary?: string;
  security?: Array<Record<string, string[]>>;
}

const ACCESS: RouteAccess[] = ['public', 'admin', 'session', 'metrics'];
const GUARD_OF: Partial<Record<RouteAccess, Type<CanActivate>>> = {
  admin: AdminGuard,
  session: SessionGuard,
  metrics: MetricsTokenGuard,
};
const UNAUTHORIZED_CODE: Record<Exclude<RouteAccess, 'public'>, string> = {
  admin: 'Unauthorized',
  session: 'SessionInvalid',
  metrics: 'Unauthorized',
};

/**
 * Walks every controller route of the running app: each declares who may call it, the
 * declaration is enforced by its guard, and OpenAPI documents it with the same scheme.
 */
describe('Route access', () => {
  let service: TestApp;
  let routes: Route[];

  beforeAll(async () => {
    service = await startTestApp({ METRICS_TOKEN: 'route-access-metrics-token-of-32-chars' });
    routes = controllerRoutes(service);
  });

  afterAll(() => service.close());

  it('finds the routes of every module', () => {
    expect(routes.length).toBeGreaterThan(15);
    const fastify = service.app.getHttpAdapter().getInstance();
    for (const route of routes) {
      expect({ route: route.handler, registered: fastify.hasRoute(asFastifyRoute(route)) }).toEqual(
        { route: route.handler, registered: true },
      );
    }
    expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining([
        'GET /health',
        'GET /health/live',
        'GET /health/ready',
        'POST /v1/users',
        'GET /v1/admin/users',
        'GET /v1/admin/queues',
        'GET /v1/captcha/config',
        'GET /v1/sessions',
        'DELETE /v1/sessions/:id',
        'GET /metrics',
      ]),
    );
  });

  it('every route declares public, admin, session or metrics access', () => {
    const undeclared = routes.filter((route) => !ACCESS.includes(route.access as RouteAccess));
    expect(undeclared.map((route) => route.handler)).toEqual([]);
  });

  it('admin, session and metrics routes carry their guard, public routes none', () => {
    for (const route of routes) {
      const expected = route.access === undefined ? undefined : GUARD_OF[route.access];
      const authGuards = route.guards.filter(
        (guard) => guard === AdminGuard || guard === SessionGuard || guard === MetricsTokenGuard,
      );
      expect({ route: route.handler, guards: authGuards }).toEqual({
        route: route.handler,
        guards: expected === undefined ? [] : [expected],
      });
    }
  });

  it('admin, session and metrics routes refuse a request without credentials', async () => {
    const guarded = routes.filter((route) => route.access !== 'public');
    expect(guarded.length).toBeGreaterThan(0);
    for (const route of guarded) {
      const response = await service
        .http()
        [route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](
          route.path.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000'),
        )
        .send({});
      expect({ route: route.handler, status: response.status, code: response.body.code }).toEqual({
        route: route.handler,
        status: 401,
        code: UNAUTHORIZED_CODE[route.access as Exclude<RouteAccess, 'public'>],
      });
    }
  });

  it('OpenAPI documents every route with a summary and its security scheme', async () => {
    const document = (await service.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, OpenApiOperation>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual([
      'admin',
      'metrics',
      'session',
    ]);
    for (const route of routes) {
      const path = route.path.replace(/:([^/]+)/g, '{$1}');
      const operation = document.paths[path]?.[route.method.toLowerCase()];
      expect({ route: route.handler, documented: operation !== undefined }).toEqual({
        route: route.handler,
        documented: true,
      });
      expect({ route: route.handler, summary: typeof operation?.summary }).toEqual({
        route: route.handler,
        summary: 'string',
      });
      const security = route.access === 'public' ? undefined : [{ [route.access as string]: [] }];
      expect({ route: route.handler, security: operation?.security }).toEqual({
        route: route.handler,
        security,
      });
    }
  });
});

function asFastifyRoute(route: Route): { method: 'GET'; url: string } {
  return { method: route.method as 'GET', url: route.path };
}
