import { Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { NewAdminModal, SetPasswordModal } from './AdminFormModals';
import { useRoleOptions } from './admin-roles';
import { useAction } from './review';

type Account = Schemas['AdminAccountDto'];

/**
 * The named admins (owners only: the menu shows the page to owners, the service refuses
 * others): create one, change its role, disable or enable it, set a new password. A change
 * the service refuses, such as leaving no enabled owner (AdminLastOwner), is shown with its code.
 */
export function AdminsPage() {
  const { t, formatDateTime } = useI18n();
  const { state, adminChanged } = useSession();
  const act = useAction();
  const roles = useRoleOptions();
  const [creating, setCreating] = useState(false);
  const [settingPassword, setSettingPassword] = useState<Account>();
  const list = useLoad(() => ok(api.GET('/v1/admin/accounts')), []);
  const selfId = state.status === 'signedIn' ? state.admin.id : undefined;

  const update = (account: Account, body: Schemas['UpdateAdminDto']) =>
    act(async () => {
      const changed = await ok(
        api.PATCH('/v1/admin/accounts/{id}', { params: { path: { id: account.id } }, body }),
      );
      // An owner who made itself an operator loses this page: the menu follows at once.
      if (changed.id === selfId) adminChanged(changed);
    }, list.reload);

  return (
    <Card
      title={t('navAdmins')}
      extra={
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('newAdmin')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('adminsIntro')}</Typography.Paragraph>
      <Table<Account>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={false}
        columns={[
          {
            title: t('username'),
            dataIndex: 'username',
            render: (username: string, account) => (
              <Space>
                {username}
                {account.id === selfId && <Tag color="blue">{t('you')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('role'),
            render: (_, account) => (
              <Select
                aria-label={`${t('roleOf')} ${account.username}`}
                value={account.role}
                options={roles}
                style={{ width: 130 }}
                onChange={(role) => void update(account, { role })}
              />
            ),
          },
          {
            title: t('twoFactor'),
            dataIndex: 'totpEnabled',
            render: (on: boolean) =>
              on ? <Tag color="green">{t('totpOn')}</Tag> : <Tag>{t('totpOff')}</Tag>,
          },
          {
            title: t('state'),
            dataIndex: 'disabled',
            render: (disabled: boolean) =>
              disabled ? (
                <Tag color="red">{t('disabled')}</Tag>
              ) : (
                <Tag color="green">{t('accountEnabled')}</Tag>
              ),
          },
          { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('actions'),
            render: (_, account) => (
              <Space>
                <Button
                  size="small"
                  type="link"
                  danger={!account.disabled}
                  aria-label={`${account.disabled ? t('enable') : t('disable')} ${account.username}`}
                  onClick={() => void update(account, { disabled: !account.disabled })}
                >
                  {account.disabled ? t('enable') : t('disable')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  aria-label={`${t('setPassword')} ${account.username}`}
                  onClick={() => setSettingPassword(account)}
                >
                  {t('setPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <NewAdminModal
        open={creating}
        onClose={(saved) => {
          setCreating(false);
          if (saved) list.reload();
        }}
      />
      <SetPasswordModal account={settingPassword} onClose={() => setSettingPassword(undefined)} />
    </Card>
  );
}
