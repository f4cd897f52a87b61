import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { type Call, fakeServiceEachTest, json, renderSignedIn } from '../testing/fake-service';
import { SecurityPage } from './SecurityPage';

const ADMIN = { id: 'a1', username: 'olga', role: 'viewer', totpEnabled: false };
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const RIGHT_CODE = '246810';

/** The session and TOTP routes: a viewer without TOTP; `RIGHT_CODE` confirms the enrolment. */
function answer({ method, url, body }: Call): Response {
  if (url === '/v1/admin/session') return json(200, { admin: ADMIN, csrfToken: 'c' });
  if (url === '/v1/admin/session/totp' && method === 'POST')
    return json(200, {
      secret: SECRET,
      otpauthUri: `otpauth://totp/SMS%20Auth:olga?secret=${SECRET}&period=30&issuer=SMS%20Auth`,
    });
  if (url === '/v1/admin/session/totp/confirm')
    return body?.code === RIGHT_CODE
      ? json(200, { ...ADMIN, totpEnabled: true })
      : json(401, {
          statusCode: 401,
          code: 'AdminTotpInvalid',
          message: 'The TOTP code is wrong or has expired',
        });
  if (url === '/v1/admin/session/totp' && method === 'DELETE')
    return new Response(null, { status: 204 });
  return json(404, { statusCode: 404, code: 'NotFound', message: 'no route' });
}

describe('SecurityPage', () => {
  const calls = fakeServiceEachTest(answer);

  const renderPage = () => renderSignedIn(<SecurityPage />);

  it('enrols: the QR code and the secret, a wrong code refused under the field, then on', async () => {
    const user = userEvent.setup();
    renderPage();
    const state = await screen.findByTestId('totp-state');
    expect(within(state).getByText('Off')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Set up two-factor sign-in' }));

    const qr = await screen.findByRole('img', { name: 'QR code for the authenticator app' });
    expect(qr.querySelector('svg')).toBeTruthy();
    expect(screen.getByTestId('totp-secret').textContent).toContain(SECRET);

    const code = screen.getByLabelText('Authenticator code');
    await user.type(code, '12345');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(
      await screen.findByText('Enter the 6-digit code of your authenticator app.'),
    ).toBeTruthy();
    await user.type(code, '6');
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByText('The TOTP code is wrong or has expired')).toBeTruthy();

    await user.clear(code);
    await user.type(code, RIGHT_CODE);
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(within(state).getByText('On')).toBeTruthy());
    expect(screen.queryByTestId('totp-secret')).toBeNull();
    expect(calls.filter((call) => call.url.endsWith('/confirm')).map((call) => call.body)).toEqual([
      { code: '123456' },
      { code: RIGHT_CODE },
    ]);
  });

  it('turns the second factor off after a confirmation', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: 'Set up two-factor sign-in' }));
    await user.type(await screen.findByLabelText('Authenticator code'), RIGHT_CODE);
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    await user.click(await screen.findByRole('button', { name: 'Turn off' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    await user.click(await screen.findByRole('button', { name: 'OK' }));
    const state = screen.getByTestId('totp-state');
    await waitFor(() => expect(within(state).getByText('Off')).toBeTruthy());
    expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual([
      '/v1/admin/session/totp',
    ]);
  });
});
