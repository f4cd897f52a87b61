import { render } from '@testing-library/react';
import { App as AntApp } from 'antd';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { I18nProvider } from './i18n/i18n';
import { SessionProvider } from './session';

/**
 * For component tests: renders `ui` within the console's providers (the texts, antd's App,
 * the admin's session), with `fetch` standing in for the service. Not part of the build:
 * nothing main.tsx imports uses it.
 */
export function renderInConsole(ui: ReactElement, fetch: (request: Request) => Promise<Response>) {
  vi.stubGlobal('fetch', fetch);
  // antd's popovers and drawers measure themselves; jsdom has no ResizeObserver.
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      unobserve() {}
      disconnect() {}
    },
  );
  return render(
    <I18nProvider>
      <AntApp>
        <SessionProvider>{ui}</SessionProvider>
      </AntApp>
    </I18nProvider>,
  );
}
