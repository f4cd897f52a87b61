import type { Browser } from 'playwright-core';
import { launchChromium, watchedPage } from '../support/chromium';
import { ensureConsoleBuilt } from '../support/console-build';
import { startTestApp, TestApp } from '../support/test-app';

const nonceOf = (policy: string): string | undefined => /'nonce-([^']+)'/.exec(policy)?.[1];

describe('The console page as the service serves it', () => {
  let service: TestApp;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    ensureConsoleBuilt();
    service = await startTestApp();
    [baseUrl, browser] = await Promise.all([service.listen(), launchChromium()]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it('serves /console with a strict policy and a fresh style nonce on every request', async () => {
    const first = await service.http().get('/console').expect(200);
    const second = await service.http().get('/console').expect(200);
    // As people type it.
    const typed = await service.http().get('/console/').expect(308);
    expect(typed.headers.location).toBe('/console');
    expect(first.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers['cache-control']).toBe('no-store');
    const policy: string = first.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    const nonce = nonceOf(policy);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers['content-security-policy'])).not.toBe(nonce);
    expect(first.text).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
    expect(first.text).not.toContain('__CSP_NONCE__');
    // No inline script: the only one is the bundle, from this origin.
    expect(first.text.match(/<script[^>]*>/g)).toEqual([
      expect.stringMatching(
        /^<script type="module" crossorigin src="\/console\/assets\/index-[\w-]+\.js"/,
      ),
    ]);
  });

  it('serves the built files with their type, cached for good, and nothing else', async () => {
    const page = await service.http().get('/console').expect(200);
    const script = /src="\/console\/assets\/([^"]+\.js)"/.exec(page.text)?.[1];
    const style = /href="\/console\/assets\/([^"]+\.css)"/.exec(page.text)?.[1];
    const js = await service.http().get(`/console/assets/${script}`).expect(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await service
      .http()
      .get(`/console/assets/${style}`)
      .expect(200)
      .expect('Content-Type', 'text/css; charset=utf-8');
    for (const name of ['missing.js', '..%2Fapps%2Fapi%2Fsrc%2Fmain.js', '%2E%2E%2Findex.html']) {
      const missing = await service.http().get(`/console/assets/${name}`).expect(404);
      expect(missing.body.code).toBe('ConsoleAssetNotFound');
    }
  });

  it('renders in Chromium with no CSP violation or script error, antd styles under the nonce', async () => {
    const { page, problems } = await watchedPage(browser);
    const opened = await page.goto(`${baseUrl}/console`);
    const nonce = nonceOf(opened?.headers()['content-security-policy'] ?? '');
    await page.getByRole('button', { name: /Sign in|登录|Create owner|创建所有者/ }).waitFor();
    const styles = await page.$$eval('style', (tags) => tags.map((tag) => tag.nonce));
    expect(styles.length).toBeGreaterThan(0);
    expect(new Set(styles)).toEqual(new Set([nonce]));
    expect(problems).toEqual([]);
    await page.close();
  });
});
