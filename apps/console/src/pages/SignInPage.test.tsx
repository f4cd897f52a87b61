import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { SessionProvider, useSession } from '../session';
import { SignInPage } from './SignInPage';

interface Call {
  method: string;
  url: string;
  body: unknown;
}

/** A fake of the session routes: no session yet, a TOTP-protected owner. */
function fakeSessionRoutes(calls: Call[]) {
  // The typed client (openapi-fetch) calls fetch with one Request.
  return vi.fn(async (request: Request) =>
    answer(new URL(request.url).pathname, { method: request.method, body: await request.text() }),
  );

  function answer(url: string, init?: RequestInit): Response {
    const method = init?.method ?? 'GET';
    const body: unknown =
      typeof init?.body === 'string' && init.body ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body });
    const json = (status: number, value: unknown) =>
      new Response(JSON.stringify(value), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    if (url === '/v1/admin/session' && method === 'GET')
      return json(401, { statusCode: 401, code: 'AdminSessionInvalid', message: 'No session' });
    if (url === '/v1/admin/setup') return json(200, { needed: false });
    const form = body as { password?: string; totp?: string };
    if (form.password !== 'right password')
      return json(401, {
        statusCode: 401,
        code: 'AdminInvalidCredentials',
        message: 'Wrong username or password',
      });
    if (!form.totp)
      return json(401, {
        statusCode: 401,
        code: 'AdminTotpRequired',
        message: 'The TOTP code is required',
      });
    if (form.totp !== '123456')
      return json(401, {
        statusCode: 401,
        code: 'AdminTotpInvalid',
        message: 'The TOTP code is wrong or has expired',
      });
    return json(201, {
      admin: { id: 'a1', username: 'alice', role: 'owner', totpEnabled: true },
      csrfToken: 'csrf-1',
    });
  }
}

function SignedInProbe() {
  const { state } = useSession();
  return state.status === 'signedIn' ? <p>Signed in as {state.admin.username}</p> : <SignInPage />;
}

describe('SignInPage', () => {
  const calls: Call[] = [];

  beforeEach(() => {
    calls.length = 0;
    localStorage.setItem('smsauth.console.locale', 'en');
    vi.stubGlobal('fetch', fakeSessionRoutes(calls));
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  const renderPage = () =>
    render(
      <I18nProvider>
        <SessionProvider>
          <SignedInProbe />
        </SessionProvider>
      </I18nProvider>,
    );

  it('shows the error code of a wrong password and asks no TOTP', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/AdminInvalidCredentials/)).toBeTruthy();
    expect(screen.queryByLabelText('Authenticator code')).toBeNull();
  });

  it('asks for the authenticator code when the account has TOTP, then signs in with it', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'right password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.type(await screen.findByLabelText('Authenticator code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Signed in as alice')).toBeTruthy();
    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.body)).toEqual([
      { username: 'alice', password: 'right password' },
      { username: 'alice', password: 'right password', totp: '123456' },
    ]);
  });

  it('says a wrong authenticator code was refused, and keeps asking for it', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'right password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await user.type(await screen.findByLabelText('Authenticator code'), '654321');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/AdminTotpInvalid/)).toBeTruthy();
    expect(screen.getByLabelText('Authenticator code')).toBeTruthy();
    expect(screen.queryByText(/Signed in as/)).toBeNull();
  });

  it('switches to Chinese', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByText('中文'));
    await waitFor(() => expect(screen.getByRole('button', { name: /登\s*录/ })).toBeTruthy());
    expect(localStorage.getItem('smsauth.console.locale')).toBe('zh-CN');
  });
});
