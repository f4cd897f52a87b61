import type { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { bearer } from '../support/accounts';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

/** Debian's Chromium, as CI installs it (`.ci/run`). */
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

describe('The /demo page in a real browser', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    await receiver.start();
    service = await startTestApp(receiver.settings);
    await service.app.listen(0, '127.0.0.1');
    const { port } = service.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
    browser = await chromium.launch(CHROMIUM);
  });

  afterAll(async () => {
    await browser?.close();
    await service.close();
    await receiver.stop();
  });

  interface OpenedPage {
    page: Page;
    /** Script errors and CSP violations: must stay empty. */
    problems: string[];
    /** `<status> <method> <path>` of every API answer of 400 or more. */
    failures: string[];
  }

  async function openDemo(): Promise<OpenedPage> {
    const page = await browser.newPage();
    const problems: string[] = [];
    const failures: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      // Failed requests are logged as console errors too; `failures` tracks them with their URL.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 400) {
        const { pathname } = new URL(response.url());
        failures.push(`${response.status()} ${response.request().method()} ${pathname}`);
      }
    });
    await page.goto(`${baseUrl}/demo`);
    await page.waitForSelector('body[data-ready="true"]');
    return { page, problems, failures };
  }

  /** Waits until the status line starts with `prefix` (an API error code, or a message). */
  async function statusStartsWith(page: Page, prefix: string): Promise<void> {
    await page.locator('#status', { hasText: new RegExp(`^${prefix}`) }).waitFor();
  }

  async function sendCode(page: Page, phone: string): Promise<string> {
    await page.fill('#phone', phone);
    await page.click('#send-code');
    await statusStartsWith(page, 'Code sent');
    return receiver.lastCodeFor(phone);
  }

  it('signs up with a code from the SMS and shows the signed-in account', async () => {
    const { page, problems, failures } = await openDemo();
    const phone = uniqueCnPhone();
    // No captcha module in this build: POST /v1/captcha answers 404, so none is shown.
    expect(await page.isHidden('#captcha')).toBe(true);

    const code = await sendCode(page, phone);
    await page.fill('#code', code);
    await page.fill('#password', 'correct horse');
    await page.click('#submit');
    await page.waitForSelector('#signed-in', { state: 'visible' });

    expect(await page.textContent('#user-phone')).toBe(phone);
    expect(await page.textContent('#user-verified')).toBe('yes');
    expect(await page.isHidden('#signed-out')).toBe(true);
    expect(await page.textContent('#status')).toBe('Account created');

    // The session survives a reload, and is the server's: GET /v1/users/me accepts it.
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.isVisible('#signed-in')).toBe(true);
    // A string, evaluated in the page: this project compiles without the DOM types.
    const token = await page.evaluate<string | null>(
      "sessionStorage.getItem('smsauth.demo.sessionToken')",
    );
    const me = await service
      .http()
      .get('/v1/users/me')
      .set('Authorization', bearer(token ?? ''))
      .expect(200);
    expect(me.body.phone).toBe(phone);

    // Logging out revokes that session on the server.
    await page.click('#log-out');
    await page.waitForSelector('#signed-out', { state: 'visible' });
    await service
      .http()
      .get('/v1/users/me')
      .set('Authorization', bearer(token ?? ''))
      .expect(401);
    expect(problems).toEqual([]);
    expect(new Set(failures)).toEqual(new Set(['404 POST /v1/captcha']));
    await page.close();
  });

  it('logs in with the password, and shows the API error code when it is wrong', async () => {
    const { page, problems, failures } = await openDemo();
    const phone = uniqueCnPhone();
    const code = await sendCode(page, phone);
    await page.fill('#code', code);
    await page.fill('#password', 'correct horse');
    await page.click('#submit');
    await page.waitForSelector('#signed-in', { state: 'visible' });
    await page.click('#log-out');
    await page.waitForSelector('#signed-out', { state: 'visible' });

    await page.click('#mode-login');
    await page.fill('#phone', phone);
    await page.fill('#password', 'wrong horse');
    await page.click('#submit');
    await statusStartsWith(page, 'InvalidCredentials');
    expect(await page.isHidden('#signed-in')).toBe(true);

    await page.fill('#password', 'correct horse');
    await page.click('#submit');
    await page.waitForSelector('#signed-in', { state: 'visible' });
    expect(await page.textContent('#user-phone')).toBe(phone);
    expect(await page.textContent('#status')).toBe('Logged in');
    expect(problems).toEqual([]);
    expect(new Set(failures)).toEqual(new Set(['404 POST /v1/captcha', '401 POST /v1/sessions']));
    await page.close();
  });

  it('shows a captcha where the service has one, and sends its validateToken with the code request', async () => {
    // This build has no captcha module, so the browser answers the captcha routes with the
    // contract the captcha module serves, and the code request is captured, not sent.
    const page = await browser.newPage();
    const image =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
    const verifyBodies: unknown[] = [];
    const codeBodies: unknown[] = [];
    await page.route('**/v1/captcha', (route) =>
      route.fulfill({ status: 201, json: { captchaToken: 'captcha-1', image, expiresIn: 120 } }),
    );
    await page.route('**/v1/captcha/verify', (route) => {
      verifyBodies.push(route.request().postDataJSON());
      return route.fulfill({ status: 200, json: { validateToken: 'validate-1' } });
    });
    await page.route('**/v1/sms/codes', (route) => {
      codeBodies.push(route.request().postDataJSON());
      return route.fulfill({ status: 202, json: { expiresIn: 600, retryAfter: 60 } });
    });
    await page.goto(`${baseUrl}/demo`);
    await page.waitForSelector('body[data-ready="true"]');

    expect(await page.isVisible('#captcha')).toBe(true);
    expect(await page.getAttribute('#captcha-image', 'src')).toBe(image);
    const phone = uniqueCnPhone();
    await page.fill('#phone', phone);
    await page.fill('#captcha-answer', ' ab12 ');
    await page.click('#send-code');
    await statusStartsWith(page, 'Code sent');

    expect(verifyBodies).toEqual([{ captchaToken: 'captcha-1', answer: 'ab12' }]);
    expect(codeBodies).toEqual([{ phone, purpose: 'signup', validateToken: 'validate-1' }]);
    expect(await page.textContent('#send-code')).toMatch(/^Send again in \d+s$/);
    await page.close();
  });
});
