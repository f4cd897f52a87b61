import { render } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { SessionProvider } from '../session';

/** One call the page made, its JSON body parsed. */
export interface Call {
  method: string;
  url: string;
  body: Record<string, unknown> | undefined;
}

export const json = (status: number, value: unknown): Response =>
  new Response(JSON.stringify(value), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * The service as a component test fakes it: every fetch of the typed client (one Request) is
 * recorded in `calls` and answered by `answer`. antd's selects, modals and popovers measure
 * themselves, and jsdom has no ResizeObserver: a silent one stands in.
 */
export function fakeService(calls: Call[], answer: (call: Call) => Response): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const text = await request.text();
      const call: Call = {
        method: request.method,
        url: new URL(request.url).pathname,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      };
      calls.push(call);
      return answer(call);
    }),
  );
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
}

/**
 * For each test of the describe block it is called in: a fresh fake service (`fakeService`)
 * and the console in English. The calls of the running test, in order.
 */
export function fakeServiceEachTest(answer: (call: Call) => Response): Call[] {
  const calls: Call[] = [];
  beforeEach(() => {
    calls.length = 0;
    localStorage.setItem('smsauth.console.locale', 'en');
    fakeService(calls, answer);
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });
  return calls;
}

/** `page` as the console renders it for the signed-in admin the fake service answers. */
export function renderSignedIn(page: ReactElement) {
  return render(
    <I18nProvider>
      <AntApp>
        <SessionProvider>{page}</SessionProvider>
      </AntApp>
    </I18nProvider>,
  );
}
