import type { Response } from 'supertest';
import { TEST_ADMIN_KEY, TestApp } from './test-app';

/** A named admin signed in to the console: its cookie and CSRF token. */
export interface ConsoleSession {
  cookie: string;
  csrfToken: string;
  adminId: string;
}

export const OWNER_PASSWORD = 'owner-password-long-enough';

/** `admin_session=<token>` out of a response's Set-Cookie, and the header as sent. */
export function sessionCookieOf(response: Response): { cookie: string; header: string } {
  const headers = ([] as string[]).concat(response.headers['set-cookie'] ?? []);
  const header = headers.find((value) => value.startsWith('admin_session='));
  if (header === undefined)
    throw new Error(`no admin_session cookie in ${JSON.stringify(headers)}`);
  return { cookie: header.split(';')[0], header };
}

export function sessionOf(response: Response): ConsoleSession {
  const body = response.body as { admin: { id: string }; csrfToken: string };
  return {
    cookie: sessionCookieOf(response).cookie,
    csrfToken: body.csrfToken,
    adminId: body.admin.id,
  };
}

/** Creates the first owner of a fresh database (an isolated one: setup is once per database). */
export async function setUpFirstOwner(
  service: TestApp,
  username = 'owner',
): Promise<ConsoleSession> {
  const response = await service
    .http()
    .post('/v1/admin/setup')
    .send({ apiKey: TEST_ADMIN_KEY, username, password: OWNER_PASSWORD })
    .expect(201);
  return sessionOf(response);
}

export async function signIn(
  service: TestApp,
  username: string,
  password: string,
): Promise<ConsoleSession> {
  const response = await service
    .http()
    .post('/v1/admin/session')
    .send({ username, password })
    .expect(200);
  return sessionOf(response);
}

/** Creates an admin of `role` with the key and signs it in. */
export async function consoleAdmin(
  service: TestApp,
  username: string,
  role: 'owner' | 'operator' | 'viewer',
): Promise<ConsoleSession> {
  const password = `${username}-password-long-enough`;
  await service
    .http()
    .post('/v1/admin/accounts')
    .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
    .send({ username, password, role })
    .expect(201);
  return signIn(service, username, password);
}
