import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderInConsole } from '../render-in-console';
import { FraudRulesTab } from './FraudRulesTab';

interface Call {
  method: string;
  url: string;
  body: unknown;
}

const CONFIG_RULE = {
  id: null,
  source: 'config',
  kind: 'deny',
  match: 'country',
  value: 'GB',
  note: '',
  createdByKind: null,
  createdBy: null,
  createdAt: null,
};
const ADMIN_RULE = {
  id: '6f1c2a52-4b7e-4c1e-9a53-3f0c1e2d4b5a',
  source: 'admin',
  kind: 'deny',
  match: 'prefix',
  value: '+86170',
  note: 'pumped',
  createdByKind: 'session',
  createdBy: 'olga',
  createdAt: '2026-12-01T16:30:00.000Z',
};

/** The session and rules routes: a signed-in admin of `role`, and a service that refuses `China`. */
function fakeRoutes(role: string, calls: Call[]) {
  const json = (status: number, value: unknown) =>
    new Response(JSON.stringify(value), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  return vi.fn(async (request: Request) => {
    const url = new URL(request.url).pathname;
    const text = await request.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    calls.push({ method: request.method, url, body });
    if (url === '/v1/admin/session')
      return json(200, {
        admin: { id: 'a1', username: 'olga', role, totpEnabled: false },
        csrfToken: 'c',
      });
    if (url === '/v1/admin/fraud/rules' && request.method === 'GET')
      return json(200, { items: [CONFIG_RULE, ADMIN_RULE] });
    if (url === '/v1/admin/fraud/rules' && request.method === 'POST') {
      if ((body as { value: string }).value === 'China')
        return json(400, {
          statusCode: 400,
          code: 'FraudRuleInvalid',
          message: 'value must be one ISO 3166 country (CN), an E.164 prefix or number',
          field: 'value',
        });
      return json(201, { ...ADMIN_RULE, id: 'b2', value: (body as { value: string }).value });
    }
    if (request.method === 'DELETE') return json(200, ADMIN_RULE);
    return json(404, { statusCode: 404, code: 'NotFound', message: 'no route' });
  });
}

describe('FraudRulesTab', () => {
  const calls: Call[] = [];
  beforeEach(() => {
    calls.length = 0;
    localStorage.setItem('smsauth.console.locale', 'en');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  const renderTab = (role: string) => renderInConsole(<FraudRulesTab />, fakeRoutes(role, calls));

  it('shows both sources, with who made a rule, and no form or delete to a viewer', async () => {
    renderTab('viewer');
    expect(await screen.findByText('+86170')).toBeTruthy();
    expect(screen.getByText('From configuration')).toBeTruthy();
    expect(screen.getByText('olga')).toBeTruthy();
    expect(screen.getByText('Number prefix')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Add rule' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull();
  });

  it('shows the service’s message under the value, then adds a rule an operator enters', async () => {
    const user = userEvent.setup();
    renderTab('operator');
    await screen.findByText('+86170');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Add rule' })).toBeTruthy());
    const value = screen.getByLabelText('Value');
    await user.type(value, 'China');
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByText(/value must be one ISO 3166 country/)).toBeTruthy();

    await user.clear(value);
    await user.type(value, '+86171');
    await user.type(screen.getByLabelText('Note'), 'burst');
    await user.click(screen.getByRole('button', { name: 'Add rule' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'POST').map((call) => call.body)).toEqual([
        { kind: 'deny', value: 'China' },
        { kind: 'deny', value: '+86171', note: 'burst' },
      ]),
    );
  });

  it('deletes an admin’s rule after a confirmation, and offers none for the configuration’s', async () => {
    const user = userEvent.setup();
    renderTab('owner');
    await screen.findByText('+86170');
    const rows = await screen.findAllByRole('row');
    const configRow = rows.find((row) => within(row).queryByText('GB'))!;
    expect(within(configRow).queryByRole('button', { name: /Delete/ })).toBeNull();
    await user.click(await screen.findByRole('button', { name: 'Delete deny +86170' }));
    expect(calls.some((call) => call.method === 'DELETE')).toBe(false);
    await user.click(await screen.findByRole('button', { name: 'OK' }));
    await waitFor(() =>
      expect(calls.filter((call) => call.method === 'DELETE').map((call) => call.url)).toEqual([
        `/v1/admin/fraud/rules/${ADMIN_RULE.id}`,
      ]),
    );
  });
});
