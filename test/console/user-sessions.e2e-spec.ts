import type { Browser, Locator, Page } from 'playwright-core';
import { Accounts, ADMIN, bearer, SignedUp } from '../support/accounts';
import { setUpFirstOwner } from '../support/admin-console';
import { launchChromium, watchedPage, type WatchedPage } from '../support/chromium';
import { ensureConsoleBuilt } from '../support/console-build';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const OPERATOR = { username: 'operator', password: 'operator password 123456', role: 'operator' };
const VIEWER = { username: 'viewer', password: 'viewer password 123456', role: 'viewer' };
const PHONE_APP = 'phone-app/4.2 (console e2e)';

/**
 * An app user's sessions in the console, in Chromium against the real service: the user signs
 * in over the API, an operator finds the session in the user's drawer and revokes it (the
 * user's token is refused from then on), a viewer sees the sessions without any revoke
 * button, and the operator revokes the rest. Apart from console-scenario so that each stays
 * one story; its own database, for its own admin accounts.
 */
describe('Console: an app user’s sessions', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let accounts: Accounts;
  let user: SignedUp;
  let phoneAppToken: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({ ...receiver.settings, DATABASE_URL: database.url });
    [baseUrl, browser] = await Promise.all([service.listen(), launchChromium()]);
    // Past the setup page, which the console shows while no owner exists.
    await setUpFirstOwner(service);
    for (const admin of [OPERATOR, VIEWER]) {
      await service
        .http()
        .post('/v1/admin/accounts')
        .set('Authorization', ADMIN)
        .send(admin)
        .expect(201);
    }
    accounts = new Accounts(service, receiver);
    user = await accounts.signUp({ password: 'user password 123' });
    const logIn = await service
      .http()
      .post('/v1/sessions')
      .set('User-Agent', PHONE_APP)
      .send({ phone: user.phone, password: user.password })
      .expect(201);
    phoneAppToken = logIn.body.sessionToken as string;
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.drop();
    await receiver.stop();
  });

  const row = (within: Page | Locator, text: string) =>
    within.locator('tr.ant-table-row', { hasText: text });
  const me = (token: string) =>
    service.http().get('/v1/users/me').set('Authorization', bearer(token));
  /** Signs `admin` in on a new page and opens the user's sessions drawer. */
  async function openDrawerAs(admin: typeof OPERATOR): Promise<WatchedPage> {
    const watched = await watchedPage(browser);
    const { page } = watched;
    await page.goto(`${baseUrl}/console`);
    await page.getByLabel('Username').fill(admin.username);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-admin').getByText(admin.username).first().waitFor();
    await page.goto(`${baseUrl}/console#/users`);
    await page.getByLabel('Phone').fill(user.phone);
    await page.getByRole('button', { name: 'Search' }).click();
    await row(page, user.phone).waitFor();
    await page.getByRole('button', { name: `Sessions ${user.phone}` }).click();
    await page.locator('.ant-drawer').getByText(`Sessions: ${user.phone}`).waitFor();
    return watched;
  }

  it('lets an operator revoke the session the user opened, whose token is then refused', async () => {
    const target = await accounts.sessionIdOf(phoneAppToken);
    const operator = await openDrawerAs(OPERATOR);
    const drawer = operator.page.locator('.ant-drawer');
    await row(drawer, PHONE_APP).getByText('127.0.0.1').waitFor();
    expect(await drawer.locator('tr.ant-table-row').count()).toBe(2);

    await drawer.getByRole('button', { name: `Revoke ${target}` }).click();
    await operator.page.getByRole('button', { name: 'OK', exact: true }).click();
    await row(drawer, PHONE_APP).waitFor({ state: 'detached' });

    expect((await me(phoneAppToken).expect(401)).body.code).toBe('SessionInvalid');
    // Only that one: the session of the sign-up lives on, and is still listed.
    await me(user.sessionToken).expect(200);
    expect(await drawer.locator('tr.ant-table-row').count()).toBe(1);
    expect(operator.problems).toEqual([]);
    await operator.page.close();
  }, 120_000);

  it('shows a viewer the sessions without a revoke button', async () => {
    const viewer = await openDrawerAs(VIEWER);
    const drawer = viewer.page.locator('.ant-drawer');
    await drawer.locator('tr.ant-table-row').first().waitFor();
    expect(await drawer.locator('tr.ant-table-row').count()).toBe(1);
    expect(await drawer.getByRole('button', { name: /^Revoke/ }).count()).toBe(0);
    expect(viewer.problems).toEqual([]);
    await viewer.page.close();
    await me(user.sessionToken).expect(200);
  }, 120_000);

  it('lets an operator revoke every session of the user at once', async () => {
    const operator = await openDrawerAs(OPERATOR);
    const drawer = operator.page.locator('.ant-drawer');
    await drawer.locator('tr.ant-table-row').first().waitFor();

    await drawer.getByRole('button', { name: 'Revoke all sessions' }).click();
    await operator.page.getByRole('button', { name: 'OK', exact: true }).click();
    await drawer.getByText('No live session').waitFor();

    expect((await me(user.sessionToken).expect(401)).body.code).toBe('SessionInvalid');
    expect(await drawer.getByRole('button', { name: 'Revoke all sessions' }).isDisabled()).toBe(
      true,
    );
    expect(operator.problems).toEqual([]);
    await operator.page.close();
  }, 120_000);
});
