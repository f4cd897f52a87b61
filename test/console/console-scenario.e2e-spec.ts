import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Accounts, ADMIN } from '../support/accounts';
import { launchChromium, watchedPage, type WatchedPage } from '../support/chromium';
import { createAdminOnPage } from '../support/console-admins-page';
import { ensureConsoleBuilt } from '../support/console-build';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { requestCode } from '../fraud/fraud-support';

const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'console');
const OWNER = { username: 'owner', password: 'correct horse battery staple' };
const VIEWER = { username: 'viewer', password: 'viewer password 123456' };

/**
 * An admin's first day in the console, in Chromium against the real service (PostgreSQL,
 * Redis, the webhook provider): the first owner, the catalogue, a test message, a campaign,
 * a suppressed number, a decision and a deny rule of the pumping defence, an app user
 * disabled, the audit log and the settings, and a viewer who can change nothing. Its own
 * database: the setup page appears only while no admin account exists. Screenshots of the main
 * pages go to docs/console (the README shows them).
 */
describe('The admin console in a real browser', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let owner: WatchedPage;

  beforeAll(async () => {
    ensureConsoleBuilt();
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      TRUST_PROXY: 'true',
      SMS_FRAUD_GUARD: 'enforce',
      SMS_FRAUD_DENY: '+86170',
    });
    [baseUrl, browser] = await Promise.all([service.listen(), launchChromium()]);
    owner = await watchedPage(browser);
    await owner.page.setViewportSize({ width: 1440, height: 900 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await database?.drop();
    await receiver.stop();
  });

  afterEach(() => {
    // Every step: no script error and no refusal of the Content-Security-Policy.
    expect(owner.problems).toEqual([]);
  });

  const go = (page: Page, path: string) => page.goto(`${baseUrl}/console#${path}`);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const row = (page: Page, text: string) => page.locator('tr.ant-table-row', { hasText: text });

  it('creates the first owner with the admin key, then signs in with the password', async () => {
    const { page } = owner;
    await page.goto(`${baseUrl}/console`);
    await page.getByText('Create the first owner').waitFor();
    await shot(page, 'setup');
    await page.getByLabel('Admin API key').fill('not the key');
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
    await page.getByLabel('Repeat the password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create owner' }).click();
    await page.getByText(/AdminSetupKeyWrong/).waitFor();
    await page.getByLabel('Admin API key').fill(TEST_ADMIN_KEY);
    await page.getByRole('button', { name: 'Create owner' }).click();
    await page.getByTestId('signed-in-admin').getByText('owner').first().waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Username').fill(OWNER.username);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(/AdminInvalidCredentials/).waitFor();
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Codes sent and verified per day').waitFor();
  }, 120_000);

  it('creates and approves a signature', async () => {
    const { page } = owner;
    await go(page, '/signatures');
    await page.getByRole('button', { name: 'New signature' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('shop');
    await dialog.getByLabel('Content').fill('示例商城');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await row(page, '示例商城').getByText('pending').waitFor();
    await page.getByRole('button', { name: 'Approve shop' }).click();
    await row(page, '示例商城').getByText('approved').waitFor();
    await shot(page, 'signatures');
  }, 120_000);

  it('creates a template with its live preview and segment count, and approves it', async () => {
    const { page } = owner;
    await go(page, '/templates');
    await page.getByRole('button', { name: 'New template' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('order_shipped');
    await dialog.getByLabel('Content').fill('您的订单{{order}}已发货，感谢您的支持');
    const preview = dialog.getByTestId('preview-text');
    await preview.getByText('【示例商城】您的订单', { exact: false }).waitFor();
    expect(await dialog.getByTestId('preview-segments').textContent()).toBe('1');
    await dialog.getByLabel('Content').fill('您的订单{{order}}已发货，感谢您的支持'.repeat(2));
    await dialog.getByTestId('preview-segments').getByText('2').waitFor();
    await dialog.getByLabel('Content').fill('您的订单{{order}}已发货，感谢您的支持');
    await shot(page, 'template-preview');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await row(page, 'order_shipped').getByText('pending').waitFor();
    await page.getByRole('button', { name: 'Approve order_shipped' }).click();
    await row(page, 'order_shipped').getByText('approved').waitFor();
  }, 120_000);

  it('sends a test message and finds it with its attempts', async () => {
    const { page } = owner;
    const phone = uniqueCnPhone();
    await row(page, 'order_shipped').getByRole('button', { name: 'Send a test message' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Phone').fill(phone);
    await dialog.getByLabel('order').fill('A-1001');
    await dialog.getByRole('button', { name: 'Send' }).click();
    // A worker of the service sends it (WORKER_EMBEDDED): wait for the provider to get it.
    for (
      let waited = 0;
      receiver.messagesTo(phone).length === 0 && waited < 30_000;
      waited += 200
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(receiver.messagesTo(phone).map((sms) => sms.content)).toEqual([
      '【示例商城】您的订单A-1001已发货，感谢您的支持',
    ]);

    await go(page, '/messages');
    await page.getByLabel('Phone').fill(phone);
    await page.getByRole('button', { name: 'Search' }).click();
    await row(page, phone).getByText('order_shipped').waitFor();
    await shot(page, 'messages');
    await row(page, phone).click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('webhook').first().waitFor();
    await drawer.getByText('【示例商城】您的订单A-1001已发货，感谢您的支持').waitFor();
    await drawer.getByRole('button', { name: 'Close' }).click();
  }, 120_000);

  it('runs a small campaign from an uploaded CSV and watches it complete', async () => {
    const { page } = owner;
    const phones = [uniqueCnPhone(), uniqueCnPhone()];
    await go(page, '/campaigns');
    await page.getByRole('button', { name: 'New campaign' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('December shipping');
    await dialog.getByLabel('Kind').click();
    await page.locator('.ant-select-item-option', { hasText: 'notification' }).click();
    await dialog.getByLabel('Template').click();
    await page.locator('.ant-select-item-option', { hasText: 'order_shipped' }).click();
    await dialog.getByLabel('Signature').click();
    await page.locator('.ant-select-item-option', { hasText: '示例商城' }).click();
    await dialog.getByRole('button', { name: 'Next' }).click();

    // Two good rows and one the service rejects, shown with its reason.
    const csv = ['phone,order', `${phones[0]},B-1`, `${phones[1]},B-2`, 'not a phone,B-3'];
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'recipients.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv.join('\n'), 'utf8'),
    });
    const counts = dialog.getByTestId('upload-counts');
    await counts.waitFor();
    expect(await counts.locator('.ant-descriptions-item-content').allTextContents()).toEqual([
      '2',
      '0',
      '0',
      '1',
    ]);
    const rejectedRow = dialog.locator('tr', { hasText: 'not a phone' });
    expect(await rejectedRow.locator('td').first().textContent()).toBe('4');
    await dialog.getByRole('button', { name: 'Next' }).click();
    const totals = dialog.getByTestId('campaign-totals');
    await totals.getByText('2', { exact: true }).first().waitFor();
    await dialog.getByRole('button', { name: 'Confirm and send' }).click();

    await row(page, 'December shipping').getByText('completed').waitFor({ timeout: 60_000 });
    expect(phones.flatMap((phone) => receiver.messagesTo(phone).map((sms) => sms.content))).toEqual(
      [
        '【示例商城】您的订单B-1已发货，感谢您的支持',
        '【示例商城】您的订单B-2已发货，感谢您的支持',
      ],
    );
    await shot(page, 'campaigns');
  }, 120_000);

  it('suppresses a number for the signature', async () => {
    const { page } = owner;
    const phone = uniqueCnPhone();
    await go(page, '/suppressions');
    await page.getByLabel('Signature').click();
    await page.locator('.ant-select-item-option', { hasText: 'shop' }).click();
    await page.getByLabel('Phone', { exact: true }).fill(phone);
    await page.getByRole('button', { name: 'Suppress a number' }).click();
    await row(page, phone).getByText('admin').waitFor();
    await shot(page, 'suppressions');
  }, 120_000);

  it('shows a decision of the pumping defence, and the overview charts', async () => {
    const { page } = owner;
    await requestCode(service, '+8617012340001', '198.51.100.7').expect(403);
    await go(page, '/fraud');
    await row(page, '+8617012340001').getByText('deny').waitFor();
    await shot(page, 'pumping-defence');
    await go(page, '/overview');
    await page.getByRole('img', { name: 'Codes sent and verified per day' }).waitFor();
    await page.getByRole('img', { name: 'Queue depths' }).waitFor();
    await shot(page, 'overview');
  }, 120_000);

  it('adds a deny rule for a prefix on the Rules tab, which refuses a send, then deletes it', async () => {
    const { page } = owner;
    await go(page, '/fraud');
    await page.getByRole('tab', { name: 'Allow and deny rules' }).click();
    await row(page, '+86170').getByText('From configuration').waitFor();
    await page.getByLabel('Value').fill('China');
    await page.getByRole('button', { name: 'Add rule' }).click();
    // The service's own message, under the field.
    await page.getByText(/value must be one ISO 3166 country/).waitFor();
    await page.getByLabel('Value').fill('+8617112');
    await page.getByLabel('Note').fill('pumped from a reseller');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await row(page, '+8617112').getByText('owner').waitFor();
    await row(page, '+8617112').getByText('Number prefix').waitFor();

    const refused = await requestCode(service, '+8617112340001', '198.51.100.8').expect(403);
    expect(refused.body.code).toBe('FraudDenied');

    await page.getByRole('button', { name: 'Delete deny +8617112' }).click();
    await page.getByRole('button', { name: 'OK' }).click();
    await row(page, '+8617112').waitFor({ state: 'detached' });
    await requestCode(service, '+8617112340002', '198.51.100.8').expect(202);
  }, 120_000);

  it('finds an app user, marks the phone verified and disables the account', async () => {
    const { page } = owner;
    const user = await new Accounts(service, receiver).signUpUnverified('user password 123');
    await go(page, '/users');
    await page.getByLabel('Phone').fill(user.phone);
    await page.getByRole('button', { name: 'Search' }).click();
    await row(page, user.phone).getByText('Phone unverified').waitFor();
    await page.getByRole('button', { name: `Mark verified ${user.phone}` }).click();
    await row(page, user.phone).getByText('Phone verified').waitFor();
    await page.getByRole('button', { name: `Disable ${user.phone}` }).click();
    await row(page, user.phone).getByText('Disabled').waitFor();
    const { body } = await service
      .http()
      .get('/v1/admin/users')
      .query({ phone: user.phone })
      .set('Authorization', ADMIN)
      .expect(200);
    expect(body.items).toMatchObject([{ mobilePhoneVerified: true, disabled: true }]);
  }, 120_000);

  it('shows the changes made above in the audit log', async () => {
    const { page } = owner;
    await go(page, '/audit');
    await row(page, '/v1/admin/campaigns/:id/confirm').getByText('owner').waitFor();
    await page.getByLabel('Route').fill('/v1/admin/sms/signatures');
    await page.getByRole('button', { name: 'Search' }).click();
    // Only the signature's creation: its approval's route is another pattern.
    const rows = page.locator('tr.ant-table-row');
    for (let waited = 0; (await rows.count()) !== 1 && waited < 10_000; waited += 100) {
      await page.waitForTimeout(100);
    }
    expect(await rows.count()).toBe(1);
    const created = row(page, '/v1/admin/sms/signatures');
    await created.getByText('POST').waitFor();
    await created.click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('"content": "示例商城"').first().waitFor();
    await drawer.getByRole('button', { name: 'Close' }).click();

    // The user disabled above: the row opens to the fields it changed, before and after.
    await page.getByLabel('Route').fill('/v1/admin/users/:id');
    await page.getByRole('button', { name: 'Search' }).click();
    await rows.filter({ hasText: '/v1/admin/users/:id' }).nth(1).waitFor();
    const disabling = rows.first();
    await disabling.getByRole('button', { name: 'Expand row' }).click();
    const changes = page.locator('tr.ant-table-expanded-row').first();
    const disabled = changes.locator('tr', { hasText: /^disabled/ });
    await disabled.getByText('false', { exact: true }).waitFor();
    await disabled.getByText('true', { exact: true }).waitFor();
    await shot(page, 'audit');
  }, 120_000);

  it('shows the effective settings with the secrets masked', async () => {
    const { page } = owner;
    await go(page, '/settings');
    await row(page, 'ADMIN_API_KEY').getByText('***').waitFor();
    await row(page, 'SMS_FRAUD_DENY').getByText('+86170').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(TEST_ADMIN_KEY);
  }, 120_000);

  it('lets a viewer the owner created on the Admins page read every page but change nothing', async () => {
    await createAdminOnPage(owner.page, { ...VIEWER, role: 'viewer' });
    const viewer = await watchedPage(browser);
    const { page } = viewer;
    await page.goto(`${baseUrl}/console`);
    await page.getByLabel('Username').fill(VIEWER.username);
    await page.getByLabel('Password').fill(VIEWER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Read only: your role cannot change anything.').waitFor();
    await go(page, '/signatures');
    await row(page, '示例商城').waitFor();
    expect(await page.getByRole('button', { name: 'New signature' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Reject shop' }).isDisabled()).toBe(true);
    await go(page, '/suppressions');
    expect(await page.getByRole('button', { name: 'Suppress a number' }).isDisabled()).toBe(true);
    await go(page, '/fraud');
    await page.getByRole('tab', { name: 'Allow and deny rules' }).click();
    await row(page, '+86170').getByText('From configuration').waitFor();
    expect(await page.getByRole('button', { name: 'Add rule' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    // The service refuses a viewer's change even when the page is bypassed.
    const refused = await page.evaluate(async () => {
      const answer = await fetch('/v1/admin/sms/signatures', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x', content: '示例', type: 'company' }),
      });
      return { status: answer.status, body: (await answer.json()) as { code: string } };
    });
    expect(refused.status).toBe(403);
    expect(viewer.problems).toEqual([]);
    await page.close();
  }, 120_000);
});
