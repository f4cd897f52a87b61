import { CanActivate, RequestMethod, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ROUTE_ACCESS, RouteAccess } from '@app/common';
import { LeanCloudTestApp, signedHeaders, startLeanCloudApp } from '../support/leancloud';

interface Route {
  method: 'get' | 'post' | 'put';
  path: string;
  handler: string;
  access: RouteAccess | undefined;
  guards: string[];
}

/** The image an `<img>` loads cannot carry headers: it is keyed by its unguessable token. */
const WITHOUT_APP_KEY = ['LeanCloudCaptchaImageController.image'];

/**
 * The `/1.1` routes of the running app: each declares its access, each but the captcha image
 * sits behind the App Key check, and session routes refuse a request without a session.
 */
describe('LeanCloud /1.1: route access', () => {
  let lc: LeanCloudTestApp;
  let routes: Route[];

  beforeAll(async () => {
    lc = await startLeanCloudApp();
    routes = leanCloudRoutes(lc);
  });

  afterAll(() => lc.close());

  const concrete = (path: string): string => path.replace(/:[^/]+/g, '5f1b2c3d4e5f6a7b8c9d0e1f');

  it('finds every /1.1 route', () => {
    expect(routes.length).toBe(18);
  });

  it('every route declares public or session access', () => {
    const undeclared = routes.filter(
      (route) => !['public', 'session'].includes(route.access ?? ''),
    );
    expect(undeclared.map((route) => route.handler)).toEqual([]);
  });

  it('every route but the captcha image checks the App ID and key', async () => {
    for (const route of routes) {
      const expected = WITHOUT_APP_KEY.includes(route.handler) ? [] : ['LeanCloudAuthGuard'];
      expect({
        route: route.handler,
        guards: route.guards.filter((g) => g === 'LeanCloudAuthGuard'),
      }).toEqual({
        route: route.handler,
        guards: expected,
      });
      if (expected.length === 0) continue;
      const response = await lc.service.http()[route.method](concrete(route.path)).send({});
      expect({ route: route.handler, status: response.status, body: response.body }).toEqual({
        route: route.handler,
        status: 401,
        body: { code: 401, error: 'Unauthorized.' },
      });
    }
  });

  it('session routes refuse a request with the App Key but no session (206 or 211)', async () => {
    const sessionRoutes = routes.filter((route) => route.access === 'session');
    expect(sessionRoutes.length).toBe(5);
    for (const route of sessionRoutes) {
      const response = await lc.service
        .http()
        [route.method](concrete(route.path))
        .set(signedHeaders())
        .send({
          mobilePhoneNumber: '+8613800138000',
          code: '123456',
          old_password: 'x',
          new_password: 'yyyyyyyy',
        });
      expect({ route: route.handler, status: response.status }).toEqual({
        route: route.handler,
        status: 400,
      });
      // LeanCloud's order on changePhoneNumber: the (here wrong) code is told before the session.
      const refusals = route.handler === 'LeanCloudPhoneController.changePhone' ? [603] : [206, 211];
      expect(refusals).toContain(response.body.code);
    }
  });
});

function leanCloudRoutes(lc: LeanCloudTestApp): Route[] {
  const reflector = lc.service.app.get(Reflector);
  const routes: Route[] = [];
  for (const module of lc.service.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<object> | null;
      if (!controller || Reflect.getMetadata(PATH_METADATA, controller) !== '1.1') continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const guards = [
          ...((Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as Array<Type<CanActivate>>),
          ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as Array<Type<CanActivate>>),
        ].map((guard) => guard.name);
        routes.push({
          method: method.toLowerCase() as Route['method'],
          path: `/1.1/${path}`,
          handler: `${controller.name}.${name}`,
          access: reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
            handler,
            controller,
          ]),
          guards,
        });
      }
    }
  }
  return routes;
}
