import { consoleAdmin, ConsoleSession, setUpFirstOwner } from '../support/admin-console';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';

type Role = 'viewer' | 'operator' | 'owner';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface AdminRoute {
  method: Method;
  path: string;
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, owner: 2 };
const ROLES: Role[] = ['viewer', 'operator', 'owner'];
const SIGN_OUT = 'delete /v1/admin/session';

/** The routes about the signed-in admin's own session: any role, never the key. */
const isOwnSession = (route: AdminRoute): boolean =>
  route.path === '/v1/admin/session' || route.path.startsWith('/v1/admin/session/');

/** What the issue asks of each admin route, written out here apart from the guard's rules. */
function neededRole(route: AdminRoute): Role {
  if (isOwnSession(route)) return 'viewer';
  if (route.path.startsWith('/v1/admin/accounts')) return 'owner';
  return route.method === 'get' ? 'viewer' : 'operator';
}

/**
 * Walks every admin route of the OpenAPI document for each role of a console session and for
 * the key: a role below the route's is refused with AdminRoleForbidden, one that suffices is
 * let through (whatever the route then answers to an empty request).
 */
describe('Admin roles on every admin route', () => {
  let database: IsolatedDatabase;
  let service: TestApp;
  let routes: AdminRoute[];
  const sessions = {} as Record<Role, ConsoleSession>;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    service = await startTestApp({ DATABASE_URL: database.url });
    sessions.owner = await setUpFirstOwner(service);
    sessions.operator = await consoleAdmin(service, 'an-operator', 'operator');
    sessions.viewer = await consoleAdmin(service, 'a-viewer', 'viewer');
    routes = await adminRoutes(service);
  });

  afterAll(async () => {
    await service.close();
    await database.drop();
  });

  it('finds the admin routes of every module', () => {
    const keys = routes.map((route) => `${route.method} ${route.path}`);
    expect(keys).toEqual(
      expect.arrayContaining([
        'get /v1/admin/users',
        'get /v1/admin/users/{id}/sessions',
        'delete /v1/admin/users/{id}/sessions',
        'delete /v1/admin/users/{id}/sessions/{sessionId}',
        'get /v1/admin/queues',
        'get /v1/admin/audit',
        'get /v1/admin/settings',
        'post /v1/admin/accounts',
        'get /v1/admin/fraud/rules',
        'post /v1/admin/fraud/rules',
        'delete /v1/admin/fraud/rules/{id}',
        SIGN_OUT,
      ]),
    );
    expect(routes.length).toBeGreaterThan(30);
  });

  it.each(ROLES)('lets a %s through exactly the routes its role allows', async (role) => {
    // Signing out ends the session the walk uses: last.
    const ordered = [...routes].sort(
      (a, b) =>
        Number(`${a.method} ${a.path}` === SIGN_OUT) - Number(`${b.method} ${b.path}` === SIGN_OUT),
    );
    const seen: Array<{ route: string; allowed: boolean }> = [];
    const expected: Array<{ route: string; allowed: boolean }> = [];
    for (const route of ordered) {
      const response = await call(route)
        .set('Cookie', sessions[role].cookie)
        .set('X-CSRF-Token', sessions[role].csrfToken)
        .send({});
      const name = `${route.method} ${route.path}`;
      expect({ route: name, status: response.status }).not.toEqual({ route: name, status: 401 });
      seen.push({ route: name, allowed: response.body?.code !== 'AdminRoleForbidden' });
      expected.push({ route: name, allowed: RANK[role] >= RANK[neededRole(route)] });
      if (response.body?.code === 'AdminRoleForbidden') expect(response.status).toBe(403);
    }
    expect(seen).toEqual(expected);
  });

  it('lets the key through every route but those of the own session', async () => {
    for (const route of routes) {
      const response = await call(route).set('Authorization', `Bearer ${TEST_ADMIN_KEY}`).send({});
      const name = `${route.method} ${route.path}`;
      const code = response.body?.code as string | undefined;
      const outcome = isOwnSession(route)
        ? code
        : [401, 403].includes(response.status)
          ? `refused ${code}`
          : 'let through';
      expect({ route: name, outcome }).toEqual({
        route: name,
        outcome: isOwnSession(route) ? 'AdminSessionRequired' : 'let through',
      });
    }
  });

  function call(route: AdminRoute) {
    return service
      .http()
      [route.method](route.path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'));
  }
});

async function adminRoutes(service: TestApp): Promise<AdminRoute[]> {
  const document = (await service.http().get('/docs-json').expect(200)).body as {
    paths: Record<string, Record<string, { security?: Array<Record<string, string[]>> }>>;
  };
  const routes: AdminRoute[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (operation.security?.some((scheme) => 'admin' in scheme)) {
        routes.push({ method: method as Method, path });
      }
    }
  }
  return routes;
}
