import { CanActivate, RequestMethod, Type } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import { ROUTE_ACCESS, RouteAccess } from '@app/common';
import {
  LEANCLOUD_APP,
  LeanCloudTestApp,
  signedHeaders,
  startLeanCloudApp,
} from '../support/leancloud';

interface Route {
  method: 'get' | 'post' | 'put';
  path: string;
  handler: string;
  access: RouteAccess | undefined;
  guards: string[];
}

/**
 * Routes open without the App Key: the image an `<img>` loads cannot carry headers (it is
 * keyed by its unguessable token), and the server clock, which the Python SDK and LeanCloud's
 * setup guides ask for with no X-LC-* header at all.
 */
const WITHOUT_APP_KEY = ['LeanCloudCaptchaImageController.image', 'LeanCloudDateController.date'];

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
    expect(routes.length).toBe(24);
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
      expect({ route: route.path, status: response.status, body: response.body }).toEqual({
        route: route.path,
        status: 401,
        body: { code: 401, error: 'Unauthorized.' },
      });
    }
  });

  it('session routes refuse a request with the App Key but no session (206 or 211)', async () => {
    const sessionRoutes = routes.filter((route) => route.access === 'session');
    expect(sessionRoutes.length).toBe(9);
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
      expect({ route: route.path, status: response.status }).toEqual({
        route: route.path,
        status: 400,
      });
      // LeanCloud's order on changePhoneNumber: the (here wrong) code is told before the session.
      const refusals = route.handler === 'LeanCloudPhoneController.changePhone' ? [603] : [206, 211];
      expect(refusals).toContain(response.body.code);
    }
  });

  it('the routes open without the App Key answer only what needs no key', async () => {
    const open = routes.filter((route) => WITHOUT_APP_KEY.includes(route.handler));
    expect(open.map((route) => route.path).sort()).toEqual(['/1.1/captchaImage', '/1.1/date']);
    // No X-LC-* header at all, as the Python SDK's get_server_time sends it.
    const date = await lc.service.http().get('/1.1/date').expect(200);
    expect(date.body).toEqual({ __type: 'Date', iso: expect.any(String) });
    // The image needs this app's ID in its URL and a live captcha token.
    const noApp = await lc.service.http().get('/1.1/captchaImage?appId=anotherApp&token=x');
    expect({ status: noApp.status, body: noApp.body }).toEqual({
      status: 401,
      body: { code: 401, error: 'Unauthorized.' },
    });
    const noCaptcha = await lc.service
      .http()
      .get(`/1.1/captchaImage?appId=${LEANCLOUD_APP.appId}&token=x`);
    expect({ status: noCaptcha.status, code: noCaptcha.body.code }).toEqual({
      status: 404,
      code: 1,
    });
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
        const declared = Reflect.getMetadata(PATH_METADATA, handler) as
          string | string[] | undefined;
        if (declared === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const guards = [
          ...((Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as Array<Type<CanActivate>>),
          ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as Array<Type<CanActivate>>),
        ].map((guard) => guard.name);
        const access = reflector.getAllAndOverride<RouteAccess | undefined>(ROUTE_ACCESS, [
          handler,
          controller,
        ]);
        // A handler may serve several paths (`_User` as /classes/_User/:id and /users/:id).
        for (const path of Array.isArray(declared) ? declared : [declared]) {
          routes.push({
            method: method.toLowerCase() as Route['method'],
            path: `/1.1/${path}`,
            handler: `${controller.name}.${name}`,
            access,
            guards,
          });
        }
      }
    }
  }
  return routes;
}
