import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, as CI installs it (`.ci/run`). */
export const CHROMIUM = {
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

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

export interface WatchedPage {
  page: Page;
  /** Script errors, console errors and CSP violations: must stay empty. */
  problems: string[];
  /** `<status> <method> <path>` of every answer of 400 or more. */
  failures: string[];
}

/** A new page whose script errors, CSP violations and failed requests are collected. */
export async function watchedPage(browser: Browser): Promise<WatchedPage> {
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
  // The browser reports each refusal of the Content-Security-Policy as this event.
  await page.exposeBinding('reportCspViolation', (_source, text: string) => problems.push(text));
  // A string: the project's TypeScript has no DOM types; this runs in the page.
  await page.addInitScript(`document.addEventListener('securitypolicyviolation', (event) =>
    window.reportCspViolation('csp: ' + event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sample));`);
  return { page, problems, failures };
}
