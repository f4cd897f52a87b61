import { Button, Card, Form, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { serverPages } from '../components/table-pages';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { useAction } from './review';
import { UserSessionsDrawer } from './UserSessionsDrawer';

type User = Schemas['AdminUserDto'];

const PAGE_SIZE = 20;

/**
 * App users: search by phone, disable (which ends their sessions) or enable, mark verified, and
 * see or revoke one user's sessions in a drawer.
 */
export function UsersPage() {
  const { t, formatDateTime } = useI18n();
  const { canChange } = useSession();
  const act = useAction();
  const [phone, setPhone] = useState<string>();
  const [page, setPage] = useState(1);
  const [sessionsOf, setSessionsOf] = useState<User>();
  const list = useLoad(
    () =>
      ok(
        api.GET('/v1/admin/users', {
          params: { query: { page, pageSize: PAGE_SIZE, phone: phone || undefined } },
        }),
      ),
    [phone, page],
  );
  const update = (user: User, body: Schemas['UpdateUserByAdminDto']) =>
    act(
      () => ok(api.PATCH('/v1/admin/users/{id}', { params: { path: { id: user.id } }, body })),
      list.reload,
    );

  return (
    <Card title={t('navUsers')}>
      <Form<{ phone?: string }>
        layout="inline"
        className="page-toolbar"
        onFinish={(values) => {
          setPage(1);
          setPhone(values.phone?.trim());
        }}
      >
        <Form.Item name="phone" label={t('phone')}>
          <Input placeholder="+8613800138000" allowClear />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('search')}
        </Button>
      </Form>
      <Table<User>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        pagination={serverPages(page, PAGE_SIZE, list.data?.total, setPage)}
        columns={[
          { title: t('phone'), dataIndex: 'phone' },
          {
            title: t('username'),
            dataIndex: 'username',
            render: (name: string | null) => name ?? '—',
          },
          {
            title: t('state'),
            render: (_, user) => (
              <Space>
                {user.mobilePhoneVerified ? (
                  <Tag color="green">{t('phoneVerified')}</Tag>
                ) : (
                  <Tag color="gold">{t('phoneUnverified')}</Tag>
                )}
                {user.disabled && <Tag color="red">{t('disabled')}</Tag>}
              </Space>
            ),
          },
          { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          {
            title: t('actions'),
            render: (_, user) => (
              <Space>
                <Button
                  size="small"
                  type="link"
                  aria-label={`${t('userSessions')} ${user.phone}`}
                  onClick={() => setSessionsOf(user)}
                >
                  {t('userSessions')}
                </Button>
                <Button
                  size="small"
                  type="link"
                  danger={!user.disabled}
                  disabled={!canChange}
                  aria-label={`${user.disabled ? t('enable') : t('disable')} ${user.phone}`}
                  onClick={() => void update(user, { disabled: !user.disabled })}
                >
                  {user.disabled ? t('enable') : t('disable')}
                </Button>
                {!user.mobilePhoneVerified && (
                  <Button
                    size="small"
                    type="link"
                    disabled={!canChange}
                    aria-label={`${t('markVerified')} ${user.phone}`}
                    onClick={() => void update(user, { mobilePhoneVerified: true })}
                  >
                    {t('markVerified')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <UserSessionsDrawer user={sessionsOf} onClose={() => setSessionsOf(undefined)} />
    </Card>
  );
}
