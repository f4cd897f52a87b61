import { CanActivate, RequestMethod, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { AdminGuard, ROUTE_ACCESS, RouteAccess } from '@app/common';
import { MetricsTokenGuard } from '@app/metrics';
import { SessionGuard } from '@app/user';
import { startTestApp, TestApp } from './support/test-app';

interface Route {
  method: string;
  path: string;
  handler: string;
  access: RouteAccess | undefined;
  guards: Array<Type<CanActivate>>;
}

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

function controllerRoutes(service: TestApp): Route[] {
  const reflector = service.app.get(Reflector);
  const routes: Route[] = [];
  for (const module of service.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<object> | null;
      if (!controller) continue;
      const prefixes = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const methodPaths = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        if (methodPaths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const guards = [
          ...((Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as Array<Type<CanActivate>>),
          ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as Array<Type<CanActivate>>),
        ];
        const access = reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
          handler,
          controller,
        ]);
        for (const prefix of prefixes) {
          for (const methodPath of pathsOf(methodPaths)) {
            routes.push({
              method,
              path: joinPath(prefix, methodPath),
              handler: `${controller.name}.${name}`,
              access,
              guards,
            });
          }
        }
      }
    }
  }
  return routes;
}

function pathsOf(metadata: unknown): string[] {
  if (Array.isArray(metadata)) return metadata.map(String);
  return [typeof metadata === 'string' ? metadata : ''];
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .map((part) => part.replace(/^\/+|\/+$/g, ''))
    .filter((part) => part.length > 0)
    .join('/');
  return `/${joined}`;
}

function asFastifyRoute(route: Route): { method: 'GET'; url: string } {
  return { method: route.method as 'GET', url: route.path };
}
