import type { AddressInfo } from 'node:net';
import { Browser, chromium, Page } from 'playwright-core';
import { CHROMIUM } from '../support/chromium';
import { bearer } from '../support/accounts';
import { TURNSTILE_FAKE_SITE_KEY, TurnstileFake } from '../fakes/turnstile.fake';
import { CaptchaAnswers } from '../support/captcha-answers';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';

interface ListeningApp {
  service: TestApp;
  baseUrl: string;
}

interface OpenedPage {
  page: Page;
  /** Script errors and CSP violations: must stay empty. */
  problems: string[];
  /** `<status> <method> <path>` of every API answer of 400 or more. */
  failures: string[];
}

/** Where the page loads Turnstile from; never reached: each test serves or refuses it. */
const TURNSTILE_SCRIPT = 'https://challenges.cloudflare.com/turnstile/v0/api.js?render=explicit';

/**
 * A stand-in for Cloudflare's api.js with its explicit-render API (`render`, `reset`): it draws
 * a box recording the options the page rendered it with, and hands the page's callback the
 * next token, as the real widget does once solved.
 */
function fakeTurnstileScript(tokens: string[]): string {
  return `'use strict';
(() => {
  const tokens = ${JSON.stringify(tokens)};
  let options;
  let box;
  let solved = 0;
  const solve = () =>
    setTimeout(() => {
      options.callback(tokens.shift());
      box.dataset.solved = String(++solved);
    }, 10);
  window.turnstile = {
    render(container, given) {
      options = given;
      box = document.createElement('div');
      box.id = 'fake-turnstile';
      box.dataset.sitekey = given.sitekey;
      box.dataset.action = given.action || '';
      box.textContent = 'Success!';
      document.querySelector(container).appendChild(box);
      solve();
      return 'fake-widget';
    },
    reset(widgetId) {
      if (widgetId !== 'fake-widget') throw new Error('reset of an unknown widget');
      solve();
    },
  };
})();`;
}

describe('The /demo page in a real browser', () => {
  const receiver = new WebhookReceiver();
  const turnstile = new TurnstileFake();
  const apps: TestApp[] = [];
  let browser: Browser;
  /** Image captcha available, not required (the defaults). */
  let standard: ListeningApp;

  /** The page needs a real port: the browser is another process. */
  async function listeningApp(overrides: Record<string, string> = {}): Promise<ListeningApp> {
    const service = await startTestApp({ ...receiver.settings, ...overrides });
    apps.push(service);
    await service.app.listen(0, '127.0.0.1');
    const { port } = service.app.getHttpServer().address() as AddressInfo;
    return { service, baseUrl: `http://127.0.0.1:${port}` };
  }

  beforeAll(async () => {
    await Promise.all([receiver.start(), turnstile.start()]);
    [standard, browser] = await Promise.all([listeningApp(), chromium.launch(CHROMIUM)]);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(apps.map((service) => service.close()));
    await Promise.all([receiver.stop(), turnstile.stop()]);
  });

  /** `prepare` runs before the page loads, e.g. to route Cloudflare's script. */
  async function openDemo(
    app: ListeningApp,
    prepare: (page: Page) => Promise<unknown> = async () => {},
  ): Promise<OpenedPage> {
    const page = await browser.newPage();
    await prepare(page);
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
    const opened = await page.goto(`${app.baseUrl}/demo`);
    const policy = opened?.headers()['content-security-policy'] ?? '';
    // Cloudflare's origin is allowed only where Turnstile is the captcha.
    expect(policy.includes('https://challenges.cloudflare.com')).toBe(
      app.service.settings.CAPTCHA_PROVIDER === 'turnstile',
    );
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

  async function signUp(page: Page, phone: string, code: string): Promise<void> {
    await page.fill('#code', code);
    await page.fill('#password', 'correct horse');
    await page.click('#submit');
    await page.waitForSelector('#signed-in', { state: 'visible' });
  }

  it('signs up with a code from the SMS and shows the signed-in account', async () => {
    const { page, problems, failures } = await openDemo(standard);
    const phone = uniqueCnPhone();
    // The image captcha is offered; with SMS_REQUIRE_CAPTCHA off it need not be answered.
    expect(await page.isVisible('#captcha')).toBe(true);
    expect(await page.getAttribute('#captcha-image', 'src')).toMatch(/^data:image\/png;base64,/);

    await signUp(page, phone, await sendCode(page, phone));

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
    const me = await standard.service
      .http()
      .get('/v1/users/me')
      .set('Authorization', bearer(token ?? ''))
      .expect(200);
    expect(me.body.phone).toBe(phone);

    // Logging out revokes that session on the server.
    await page.click('#log-out');
    await page.waitForSelector('#signed-out', { state: 'visible' });
    await standard.service
      .http()
      .get('/v1/users/me')
      .set('Authorization', bearer(token ?? ''))
      .expect(401);
    expect(problems).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });

  it('logs in with the password, and shows the API error code when it is wrong', async () => {
    const { page, problems, failures } = await openDemo(standard);
    const phone = uniqueCnPhone();
    await signUp(page, phone, await sendCode(page, phone));
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
    expect(failures).toEqual(['401 POST /v1/sessions']);
    await page.close();
  });

  it('with SMS_REQUIRE_CAPTCHA, asks for the captcha and sends the code once it is solved', async () => {
    const strict = await listeningApp({ SMS_REQUIRE_CAPTCHA: 'true' });
    const answers = new CaptchaAnswers(strict.service.app);
    const { page, problems, failures } = await openDemo(strict);
    const phone = uniqueCnPhone();

    await page.fill('#phone', phone);
    await page.click('#send-code');
    await statusStartsWith(page, 'CaptchaRequired');
    expect(receiver.messagesTo(phone)).toHaveLength(0);

    const shown = await page.getAttribute('#captcha-image', 'src');
    await page.fill('#captcha-answer', answers.last.toLowerCase());
    const code = await sendCode(page, phone);
    // The solved captcha is spent: a new picture replaces it.
    // A selector, not a string predicate: the page's Content-Security-Policy forbids eval.
    await page.waitForSelector(`#captcha-image:not([src=${JSON.stringify(shown)}])`);
    await signUp(page, phone, code);
    expect(await page.textContent('#user-phone')).toBe(phone);
    expect(problems).toEqual([]);
    expect(failures).toEqual(['403 POST /v1/sms/codes']);
    await page.close();
  });

  it('with Turnstile, draws its widget and sends the token it gives through /v1/captcha/verify', async () => {
    const hosted = await listeningApp({
      ...turnstile.settings,
      SMS_REQUIRE_CAPTCHA: 'true',
      TURNSTILE_EXPECTED_HOSTNAMES: 'demo.example.test',
      TURNSTILE_EXPECTED_ACTION: 'demo_sms',
      // So that the page's "Send code" is not held back for the second code.
      SMS_RESEND_INTERVAL_SECONDS: '0',
    });
    // What the real widget would give on the page's hostname, for the action it was told.
    const tokens = [1, 2].map(() => turnstile.solvedOn('demo.example.test', 'demo_sms'));
    const scriptRequests: string[] = [];
    const { page, problems, failures } = await openDemo(hosted, (page) =>
      page.route('https://challenges.cloudflare.com/**', (route) => {
        scriptRequests.push(route.request().url());
        return route.fulfill({
          status: 200,
          contentType: 'text/javascript',
          body: fakeTurnstileScript(tokens),
        });
      }),
    );
    const verifyBodies: unknown[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/v1/captcha/verify') {
        verifyBodies.push(request.postDataJSON());
      }
    });

    // The page asked Cloudflare for the widget, and rendered it as /v1/captcha/config said.
    expect(scriptRequests).toEqual([TURNSTILE_SCRIPT]);
    const widget = page.locator('#turnstile-widget #fake-turnstile[data-solved="1"]');
    await widget.waitFor();
    expect(await widget.getAttribute('data-sitekey')).toBe(TURNSTILE_FAKE_SITE_KEY);
    expect(await widget.getAttribute('data-action')).toBe('demo_sms');
    expect(await page.isVisible('#captcha')).toBe(true);
    expect(await page.isHidden('#captcha-picture')).toBe(true);

    const phone = uniqueCnPhone();
    const code = await sendCode(page, phone);
    // The widget's token went to the service, and from it to siteverify.
    expect(verifyBodies).toEqual([{ captchaToken: tokens[0] }]);
    expect(turnstile.calls.map((call) => call.form.response)).toContain(tokens[0]);
    expect(receiver.messagesTo(phone)).toHaveLength(1);
    await signUp(page, phone, code);
    expect(await page.textContent('#user-phone')).toBe(phone);

    // The token is spent; the widget was reset and its next token buys the next code.
    await page.click('#log-out');
    await page.waitForSelector('#signed-out', { state: 'visible' });
    await page.waitForSelector('#fake-turnstile[data-solved="2"]');
    const other = uniqueCnPhone();
    await sendCode(page, other);
    expect(verifyBodies).toEqual([{ captchaToken: tokens[0] }, { captchaToken: tokens[1] }]);
    expect(turnstile.calls.map((call) => call.form.response)).toContain(tokens[1]);
    expect(problems).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });

  it('with Turnstile out of reach, says so and still sends codes that need no captcha', async () => {
    const hosted = await listeningApp(turnstile.settings);
    const { page, problems, failures } = await openDemo(hosted, (page) =>
      page.route('https://challenges.cloudflare.com/**', (route) => route.abort()),
    );
    expect(await page.textContent('#status')).toMatch(/^Could not load the Turnstile captcha/);
    expect(await page.isHidden('#captcha-picture')).toBe(true);

    const phone = uniqueCnPhone();
    await signUp(page, phone, await sendCode(page, phone));
    expect(await page.textContent('#user-phone')).toBe(phone);
    expect(problems).toEqual([]);
    expect(failures).toEqual([]);
    await page.close();
  });
});
