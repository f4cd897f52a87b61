import { AUDITED_OBJECT, type AuditedObjectDeclaration, isReadMethod } from '@app/common';
import { ControllerRoute, controllerRoutes } from '../support/controller-routes';
import { startTestApp, TestApp } from '../support/test-app';

const name = (route: ControllerRoute): string => `${route.method} ${route.path}`;

/**
 * The state-changing routes under /v1/admin that no admin calls: signing in and creating the
 * first owner, before there is a principal to record. Every other one is audited.
 */
const UNAUDITED = ['POST /v1/admin/session', 'POST /v1/admin/setup'];

/**
 * Walks every route of the running app's router: each state-changing admin route declares the
 * object it changes (`@AuditedObject`, read before and after the change) or that it creates
 * (`@AuditedCreation`), so that a new route cannot leave "before" out of the audit log.
 */
describe('Audited objects of the admin routes', () => {
  let service: TestApp;
  let changing: ControllerRoute[];

  beforeAll(async () => {
    service = await startTestApp();
    changing = controllerRoutes(service).filter(
      (route) => route.path.startsWith('/v1/admin/') && !isReadMethod(route.method),
    );
  });

  afterAll(() => service.close());

  it('finds the state-changing admin routes of every library', () => {
    expect(changing.map(name)).toEqual(
      expect.arrayContaining([
        'PATCH /v1/admin/accounts/:id',
        'DELETE /v1/admin/session/totp',
        'PATCH /v1/admin/users/:id',
        'PATCH /v1/admin/sms/templates/:id',
        'POST /v1/admin/sms/signatures/:id/approve',
        'DELETE /v1/admin/sms/suppressions/:id',
        'POST /v1/admin/campaigns/:id/recipients',
        'DELETE /v1/admin/webhooks/:id',
        'POST /v1/admin/fraud/clear',
        'DELETE /v1/admin/fraud/rules/:id',
      ]),
    );
    expect(changing.length).toBeGreaterThan(35);
  });

  it('every state-changing admin route declares the object it changes, or that it creates', () => {
    const undeclared = changing
      .filter((route) => route.access === 'admin')
      .filter((route) => route.metadata<AuditedObjectDeclaration>(AUDITED_OBJECT) === undefined)
      .map((route) => route.handler);
    expect(undeclared).toEqual([]);
  });

  it('only signing in and the first owner’s setup change state under /v1/admin without an admin', () => {
    const open = changing.filter((route) => route.access !== 'admin').map(name);
    expect(open.sort()).toEqual(UNAUDITED);
  });

  it('every declared reader is a provider of the app', () => {
    for (const route of changing) {
      const declaration = route.metadata<AuditedObjectDeclaration>(AUDITED_OBJECT);
      if (declaration?.kind !== 'reads') continue;
      const reader = service.app.get<unknown>(declaration.reader, { strict: false });
      expect({ route: route.handler, reader: reader instanceof declaration.reader }).toEqual({
        route: route.handler,
        reader: true,
      });
    }
  });
});
