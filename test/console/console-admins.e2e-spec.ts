import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { OWNER_PASSWORD, setUpFirstOwner } from '../support/admin-console';
import { launchChromium, watchedPage, type WatchedPage } from '../support/chromium';
import { createAdminOnPage } from '../support/console-admins-page';
import { ensureConsoleBuilt } from '../support/console-build';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { totpCode, wrongTotpCode } from '../support/totp-codes';

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'console');
const OPERATOR = { username: 'opal', password: 'operator password 123' };
const VIEWER = { username: 'vic', password: 'viewer password 12345' };

/**
 * Owners manage admins on the Admins page, and every admin turns on its own second factor, in
 * Chromium against the real service (PostgreSQL, Redis): the owner creates an operator and a
 * viewer, who do not see the page (and the service refuses them its routes); the owner enrols
 * TOTP from the secret the page shows, and signing in asks the code from then on. Its own
 * database: the first owner is created once per database.
 */
describe('The Admins page and two-factor sign-in in a real browser', () => {
  let database: IsolatedDatabase;
  let service: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let owner: WatchedPage;

  beforeAll(async () => {
    ensureConsoleBuilt();
    database = await createIsolatedDatabase();
    service = await startTestApp({ DATABASE_URL: database.url });
    [baseUrl, browser] = await Promise.all([service.listen(), launchChromium()]);
    await setUpFirstOwner(service, 'owner');
    owner = await watchedPage(browser);
    await owner.page.setViewportSize({ width: 1440, height: 900 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.drop();
  });

  afterEach(() => {
    // Every step: no script error and no refusal of the Content-Security-Policy.
    expect(owner.problems).toEqual([]);
  });

  const go = (page: Page, path: string) => page.goto(`${baseUrl}/console#${path}`);
  const row = (page: Page, text: string) => page.locator('tr.ant-table-row', { hasText: text });
  const adminsMenuItem = (page: Page) => page.getByRole('menuitem', { name: 'Admins' });

  const signInWithPassword = async (page: Page, username: string, password: string) => {
    await page.goto(`${baseUrl}/console`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  /** Status and code of a call the page makes itself, with its session and CSRF token. */
  const callFromPage = (page: Page, method: string, path: string) =>
    page.evaluate(
      async ({ method, path }) => {
        const answer = await fetch(path, {
          method,
          headers: { 'Content-Type': 'application/json' },
        });
        return { status: answer.status, code: ((await answer.json()) as { code: string }).code };
      },
      { method, path },
    );

  it('shows the owner the Admins page, and the service’s refusal to disable its last owner', async () => {
    const { page } = owner;
    await signInWithPassword(page, 'owner', OWNER_PASSWORD);
    await page.getByText('Codes sent and verified per day').waitFor();
    await adminsMenuItem(page).click();
    await row(page, 'owner').getByText('you', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Disable owner' }).click();
    await page.getByText(/AdminLastOwner: This is the last enabled owner/).waitFor();
    await row(page, 'owner').getByText('Enabled', { exact: true }).waitFor();
  }, 120_000);

  it('creates an operator and a viewer, with the service’s rules and refusals under the fields', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: 'New admin' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Username').fill('OWNER');
    await dialog.getByLabel('Password', { exact: true }).fill('too short');
    await dialog.getByLabel('Repeat the password').fill('too short');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await dialog.getByText('12 to 128 characters').waitFor();
    await dialog.getByLabel('Password', { exact: true }).fill(OPERATOR.password);
    await dialog.getByLabel('Repeat the password').fill(OPERATOR.password);
    await dialog.getByRole('button', { name: 'Create' }).click();
    // Usernames are unique without regard to case: the service says so under the field.
    await dialog.getByText(/usernames are compared without case/).waitFor();
    await dialog.getByLabel('Username').fill(OPERATOR.username);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await row(page, OPERATOR.username).getByText('Operator').waitFor();

    await createAdminOnPage(page, { ...VIEWER, role: 'viewer' });

    const { body } = await service
      .http()
      .get('/v1/admin/accounts')
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .expect(200);
    expect(
      (body.items as { username: string; role: string }[]).map(({ username, role }) => ({
        username,
        role,
      })),
    ).toEqual([
      { username: 'owner', role: 'owner' },
      { username: OPERATOR.username, role: 'operator' },
      { username: VIEWER.username, role: 'viewer' },
    ]);
  }, 120_000);

  it('shows neither the operator nor the viewer the Admins page, and the service refuses them', async () => {
    for (const admin of [OPERATOR, VIEWER]) {
      const other = await watchedPage(browser);
      const { page } = other;
      await signInWithPassword(page, admin.username, admin.password);
      await page.getByRole('menuitem', { name: 'Users' }).waitFor();
      expect(await adminsMenuItem(page).count()).toBe(0);
      // Typed in by hand, the page is not there either: the console shows the overview.
      await go(page, '/admins');
      await page.getByText('Codes sent and verified per day').waitFor();
      expect(await page.getByRole('button', { name: 'New admin' }).count()).toBe(0);
      expect(await callFromPage(page, 'GET', '/v1/admin/accounts')).toEqual({
        status: 403,
        code: 'AdminRoleForbidden',
      });
      expect(other.problems).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it('sets a new password for the operator, which ends its sessions', async () => {
    const operator = await watchedPage(browser);
    await signInWithPassword(operator.page, OPERATOR.username, OPERATOR.password);
    await operator.page.getByRole('menuitem', { name: 'Users' }).waitFor();

    const { page } = owner;
    const newPassword = 'operator new password 1';
    await page.getByRole('button', { name: `Set password ${OPERATOR.username}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('New password').fill(newPassword);
    await dialog.getByLabel('Repeat the password').fill(newPassword);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The operator's open console is signed out at its next call.
    await operator.page.reload();
    await operator.page.getByRole('button', { name: 'Sign in' }).waitFor();
    await signInWithPassword(operator.page, OPERATOR.username, newPassword);
    await operator.page.getByRole('menuitem', { name: 'Users' }).waitFor();
    expect(operator.problems).toEqual([]);
    await operator.page.close();
  }, 120_000);

  it('enrols the owner in TOTP from the secret the page shows; a wrong code is refused', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: 'Security' }).click();
    await page.getByTestId('totp-state').getByText('Off', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await page
      .getByRole('img', { name: 'QR code for the authenticator app' })
      .locator('svg')
      .waitFor();
    const secret = (await page.getByTestId('totp-secret').locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    const code = page.getByLabel('Authenticator code');
    await code.fill(await wrongTotpCode(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByText('The TOTP code is wrong or has expired').waitFor();
    await code.fill(await totpCode(secret));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await page.getByTestId('totp-state').getByText('On', { exact: true }).waitFor();
    expect(await page.getByTestId('totp-secret').count()).toBe(0);
    await go(page, '/admins');
    await row(page, 'owner').getByText('On', { exact: true }).waitFor();

    // Signed out, the owner is asked for the code after the password, and a wrong one is refused.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill('owner');
    await page.getByLabel('Password').fill(OWNER_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const signInCode = page.getByLabel('Authenticator code');
    await signInCode.fill(await wrongTotpCode(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/AdminTotpInvalid/).waitFor();
    expect(await page.getByTestId('signed-in-admin').count()).toBe(0);
    // The code that confirmed the enrolment is spent: the app's next one signs in.
    await signInCode.fill(await totpCode(secret, 1));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('signed-in-admin').getByText('owner').first().waitFor();
    await row(page, 'owner').getByText('On', { exact: true }).waitFor();
    // The picture for the README: the list loaded, no toast over it.
    await page.locator('.ant-table .ant-spin-spinning').first().waitFor({ state: 'detached' });
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached' });
    await page.screenshot({ path: join(SCREENSHOTS, 'admins.png'), fullPage: true });
  }, 120_000);

  it('turns TOTP off again: signing in asks the password only', async () => {
    const { page } = owner;
    await page.getByRole('button', { name: 'Security' }).click();
    await page.getByTestId('totp-state').getByText('On', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('totp-state').getByText('Off', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await signInWithPassword(page, 'owner', OWNER_PASSWORD);
    await page.getByTestId('signed-in-admin').getByText('owner').first().waitFor();
  }, 120_000);
});
