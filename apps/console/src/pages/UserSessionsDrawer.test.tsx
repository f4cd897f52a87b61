import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Schemas } from '../api/client';
import { useSession } from '../session';
import { UserSessionsDrawer } from './UserSessionsDrawer';
import { renderInConsole } from '../render-in-console';

interface Call {
  method: string;
  url: string;
  csrf: string | null;
}

const USER: Schemas['AdminUserDto'] = {
  id: '0b6c3c1e-8f0a-4d5e-9b1f-2a3c4d5e6f70',
  phone: '+8613800138000',
  username: null,
  mobilePhoneVerified: true,
  createdAt: '2026-12-01T08:00:00.000Z',
  updatedAt: '2026-12-01T08:00:00.000Z',
  disabled: false,
  hasPassword: true,
};
const session = (id: string, userAgent: string) => ({
  id,
  createdAt: '2026-12-01T08:00:00.000Z',
  lastUsedAt: '2026-12-01T09:00:00.000Z',
  expiresAt: '2026-12-31T09:00:00.000Z',
  clientIp: '203.0.113.7',
  userAgent,
});
const SESSIONS = [
  session('5a0e7f1c-1b2d-4c3e-8f4a-5b6c7d8e9f01', 'phone-app/4.2'),
  session('6b1f8a2d-2c3e-4d4f-9a5b-6c7d8e9f0a12', 'laptop/1.0'),
];

/** The session route (a signed-in admin of `role`) and the user's sessions routes. */
function fakeRoutes(role: string, calls: Call[]) {
  const json = (status: number, value?: unknown) =>
    new Response(value === undefined ? null : JSON.stringify(value), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  const answer = (request: Request): Response => {
    const url = new URL(request.url).pathname;
    calls.push({ method: request.method, url, csrf: request.headers.get('X-CSRF-Token') });
    if (url === '/v1/admin/session')
      return json(200, {
        admin: { id: 'a1', username: 'olga', role, totpEnabled: false },
        csrfToken: 'the-csrf-token',
      });
    if (url.startsWith(`/v1/admin/users/${USER.id}/sessions`)) {
      return request.method === 'GET' ? json(200, { items: SESSIONS }) : json(204);
    }
    return json(404, { statusCode: 404, code: 'NotFound', message: 'no route' });
  };
  return vi.fn((request: Request) => Promise.resolve(answer(request)));
}

/** The signed-in admin's role once the console knows it, so a test can wait for it. */
function SignedInRole() {
  const { state } = useSession();
  return <span data-testid="role">{state.status === 'signedIn' ? state.admin.role : ''}</span>;
}

describe('UserSessionsDrawer', () => {
  const calls: Call[] = [];
  beforeEach(() => {
    calls.length = 0;
    localStorage.setItem('smsauth.console.locale', 'en');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  const renderDrawer = (role: string) =>
    renderInConsole(
      <>
        <SignedInRole />
        <UserSessionsDrawer user={USER} onClose={() => undefined} />
      </>,
      fakeRoutes(role, calls),
    );
  const deletes = () =>
    calls.filter((call) => call.method === 'DELETE').map(({ url, csrf }) => ({ url, csrf }));

  it('shows a viewer the sessions with their origin, and no revoke button', async () => {
    renderDrawer('viewer');
    expect(await screen.findByText('phone-app/4.2')).toBeTruthy();
    expect(screen.getByText('laptop/1.0')).toBeTruthy();
    expect(screen.getAllByText('203.0.113.7')).toHaveLength(2);
    expect(screen.getByText(`Sessions: ${USER.phone}`)).toBeTruthy();
    // Nothing can be changed before the role is known either: wait for it before looking.
    await waitFor(() => expect(screen.getByTestId('role').textContent).toBe('viewer'));
    expect(screen.queryByRole('button', { name: /Revoke/ })).toBeNull();
  });

  it('revokes one session after a confirmation, with the CSRF token, and lists them again', async () => {
    const user = userEvent.setup();
    renderDrawer('operator');
    await user.click(await screen.findByRole('button', { name: `Revoke ${SESSIONS[1].id}` }));
    expect(deletes()).toEqual([]);
    await user.click(await screen.findByRole('button', { name: 'OK' }));
    await waitFor(() =>
      expect(deletes()).toEqual([
        { url: `/v1/admin/users/${USER.id}/sessions/${SESSIONS[1].id}`, csrf: 'the-csrf-token' },
      ]),
    );
    await waitFor(() =>
      expect(
        calls.filter((call) => call.method === 'GET' && call.url.endsWith('/sessions')),
      ).toHaveLength(2),
    );
  });

  it('revokes every session at once after a confirmation', async () => {
    const user = userEvent.setup();
    renderDrawer('operator');
    await screen.findByText('phone-app/4.2');
    await user.click(await screen.findByRole('button', { name: 'Revoke all sessions' }));
    await user.click(await screen.findByRole('button', { name: 'OK' }));
    await waitFor(() =>
      expect(deletes()).toEqual([
        { url: `/v1/admin/users/${USER.id}/sessions`, csrf: 'the-csrf-token' },
      ]),
    );
  });
});
