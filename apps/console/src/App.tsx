import { App as AntdApp, ConfigProvider, Spin } from 'antd';
import { HashRouter } from 'react-router-dom';
import { I18nProvider, useI18n } from './i18n/i18n';
import { ConsoleLayout } from './ConsoleLayout';
import { SessionProvider, useSession } from './session';
import { SetupPage } from './pages/SetupPage';
import { SignInPage } from './pages/SignInPage';

/**
 * The console: antd's styles carry the page's CSP nonce (`csp`), so the policy allows them
 * without 'unsafe-inline'. A hash router: every console URL is /console itself, so the API
 * serves one page and deep links still work.
 */
export function App({ nonce }: { nonce?: string }) {
  return (
    <I18nProvider>
      <Themed nonce={nonce} />
    </I18nProvider>
  );
}

function Themed({ nonce }: { nonce?: string }) {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider csp={{ nonce }} locale={antdLocale}>
      <AntdApp>
        <SessionProvider>
          <HashRouter>
            <Gate />
          </HashRouter>
        </SessionProvider>
      </AntdApp>
    </ConfigProvider>
  );
}

function Gate() {
  const { state } = useSession();
  switch (state.status) {
    case 'loading':
      return <Spin fullscreen />;
    case 'setup':
      return <SetupPage />;
    case 'signedOut':
      return <SignInPage />;
    case 'signedIn':
      return <ConsoleLayout admin={state.admin} />;
  }
}
