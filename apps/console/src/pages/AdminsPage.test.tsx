import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { useSession } from '../session';
import { type Call, fakeServiceEachTest, json, renderSignedIn } from '../testing/fake-service';
import { AdminsPage } from './AdminsPage';

const OWNER = {
  id: '0b7f3c1e-0000-4000-8000-000000000001',
  username: 'olga',
  role: 'owner',
  totpEnabled: false,
  disabled: false,
  createdAt: '2026-12-01T08:00:00.000Z',
};
const OPERATOR = {
  id: '0b7f3c1e-0000-4000-8000-000000000002',
  username: 'oscar',
  role: 'operator',
  totpEnabled: true,
  disabled: false,
  createdAt: '2026-12-01T09:00:00.000Z',
};

/** Whether the fake service has an owner besides olga (one the list does not show). */
const service = { otherOwner: false };

/**
 * The session and accounts routes of a service with one owner (olga, signed in) and one
 * operator: unless `service.otherOwner`, olga is the last owner, so it refuses to demote or
 * disable her (AdminLastOwner); `olga` is taken without regard to case.
 */
function answer({ method, url, body }: Call): Response {
  if (url === '/v1/admin/session')
    return json(200, { admin: { ...OWNER, disabled: undefined }, csrfToken: 'c' });
  if (url === '/v1/admin/accounts' && method === 'GET')
    return json(200, { items: [OWNER, OPERATOR] });
  if (url === '/v1/admin/accounts' && method === 'POST') {
    if (String(body?.username).toLowerCase() === 'olga')
      return json(409, {
        statusCode: 409,
        code: 'AdminUsernameTaken',
        message: 'An admin has this username (usernames are compared without case)',
      });
    return json(201, { ...OPERATOR, id: 'new', ...body, password: undefined });
  }
  const target = [OWNER, OPERATOR].find((account) => url.includes(account.id));
  if (method === 'PATCH' && target) {
    const locksOut = body?.disabled === true || (body?.role ?? 'owner') !== 'owner';
    if (target === OWNER && locksOut && !service.otherOwner)
      return json(409, {
        statusCode: 409,
        code: 'AdminLastOwner',
        message: 'This is the last enabled owner: make another owner first',
      });
    return json(200, { ...target, ...body });
  }
  if (method === 'PUT' && target) return json(200, target);
  return json(404, { statusCode: 404, code: 'NotFound', message: 'no route' });
}

describe('AdminsPage', () => {
  const calls = fakeServiceEachTest(answer);
  beforeEach(() => {
    service.otherOwner = false;
  });
  const sent = (method: string) =>
    calls.filter((call) => call.method === method).map(({ url, body }) => ({ url, body }));

  const renderPage = () => renderSignedIn(<AdminsPage />);
  const rowOf = async (username: string) =>
    (await screen.findByText(username)).closest('tr') as HTMLElement;

  it('lists the admins with their role, second factor and state, and marks the signed-in one', async () => {
    renderPage();
    const olga = await rowOf('olga');
    expect(within(olga).getByText('you')).toBeTruthy();
    expect(within(olga).getByText('Owner')).toBeTruthy();
    expect(within(olga).getByText('Off')).toBeTruthy();
    const oscar = await rowOf('oscar');
    expect(within(oscar).queryByText('you')).toBeNull();
    expect(within(oscar).getByText('Operator')).toBeTruthy();
    expect(within(oscar).getByText('On')).toBeTruthy();
    expect(within(oscar).getByText('Enabled')).toBeTruthy();
  });

  it('checks a new admin as the service does, shows a taken username under it, then creates', async () => {
    const user = userEvent.setup();
    renderPage();
    await rowOf('olga');
    await user.click(screen.getByRole('button', { name: 'New admin' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('Username'), 'no spaces');
    await user.type(within(dialog).getByLabelText('Password'), 'short');
    await user.type(within(dialog).getByLabelText('Repeat the password'), 'shorter');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(
      await within(dialog).findByText(
        '3 to 32 letters, digits, _ . or -, starting with a letter or digit',
      ),
    ).toBeTruthy();
    expect(within(dialog).getByText('12 to 128 characters')).toBeTruthy();
    expect(within(dialog).getByText('The passwords differ')).toBeTruthy();
    expect(sent('POST')).toEqual([]);

    const username = within(dialog).getByLabelText('Username');
    await user.clear(username);
    await user.type(username, 'Olga');
    for (const label of ['Password', 'Repeat the password']) {
      await user.clear(within(dialog).getByLabelText(label));
      await user.type(within(dialog).getByLabelText(label), 'a long enough password');
    }
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText(/usernames are compared without case/)).toBeTruthy();

    await user.clear(username);
    await user.type(username, 'vera');
    await user.click(within(dialog).getByLabelText('Role'));
    await user.click(await screen.findByTitle('Viewer'));
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() =>
      expect(sent('POST').map((call) => call.body)).toEqual([
        { username: 'Olga', password: 'a long enough password', role: 'operator' },
        { username: 'vera', password: 'a long enough password', role: 'viewer' },
      ]),
    );
    // The list is read again with the new admin.
    await waitFor(() =>
      expect(calls.filter((call) => call.url === '/v1/admin/accounts').length).toBe(4),
    );
  });

  it('disables and re-roles another admin, and shows the service’s refusal to lock out the last owner', async () => {
    const user = userEvent.setup();
    renderPage();
    await rowOf('oscar');
    await user.click(screen.getByRole('button', { name: 'Disable oscar' }));
    await user.click(screen.getByRole('button', { name: 'Disable olga' }));
    expect(await screen.findByText(/AdminLastOwner: This is the last enabled owner/)).toBeTruthy();
    await user.click(screen.getByLabelText('Role of oscar'));
    await user.click(await screen.findByTitle('Viewer'));
    await waitFor(() =>
      expect(sent('PATCH')).toEqual([
        { url: `/v1/admin/accounts/${OPERATOR.id}`, body: { disabled: true } },
        { url: `/v1/admin/accounts/${OWNER.id}`, body: { disabled: true } },
        { url: `/v1/admin/accounts/${OPERATOR.id}`, body: { role: 'viewer' } },
      ]),
    );
  });

  it('sets a new password of the service’s length, typed twice', async () => {
    const user = userEvent.setup();
    renderPage();
    await rowOf('oscar');
    await user.click(screen.getByRole('button', { name: 'Set password oscar' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/sessions end/)).toBeTruthy();
    await user.type(within(dialog).getByLabelText('New password'), 'a new long password');
    await user.type(within(dialog).getByLabelText('Repeat the password'), 'a new long password');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(sent('PUT')).toEqual([
        {
          url: `/v1/admin/accounts/${OPERATOR.id}/password`,
          body: { password: 'a new long password' },
        },
      ]),
    );
  });

  it('takes the page away at once from an owner who made itself an operator', async () => {
    service.otherOwner = true;
    const user = userEvent.setup();
    renderSignedIn(
      <>
        <AdminsPage />
        <OwnerProbe />
      </>,
    );
    await rowOf('olga');
    expect(screen.getByText('owner: yes')).toBeTruthy();
    await user.click(screen.getByLabelText('Role of olga'));
    // The option of the open list (oscar's select shows 'Operator' too).
    await user.click(
      await waitFor(() => document.querySelector('.ant-select-item-option[title="Operator"]')!),
    );
    expect(await screen.findByText('owner: no')).toBeTruthy();
    expect(sent('PATCH')).toEqual([
      { url: `/v1/admin/accounts/${OWNER.id}`, body: { role: 'operator' } },
    ]);
  });
});

/** What the console's menu follows: whether the signed-in admin is an owner. */
function OwnerProbe() {
  const { isOwner } = useSession();
  return <p>owner: {isOwner ? 'yes' : 'no'}</p>;
}
