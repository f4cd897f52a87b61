import { Alert, Button, Drawer, Popconfirm, Space, Table } from 'antd';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { useLoad } from '../useLoad';
import { useAction } from './review';

type User = Schemas['AdminUserDto'];
type UserSession = Schemas['UserSessionDto'];

/**
 * One app user's live sessions (a lost phone, a suspected takeover). Operators revoke one or
 * all: the tokens stop working at once. Viewers see the list without the buttons.
 */
export function UserSessionsDrawer({
  user,
  onClose,
}: {
  user: User | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  return (
    <Drawer
      open={user !== undefined}
      size="large"
      title={user && `${t('userSessions')}: ${user.phone}`}
      onClose={onClose}
      destroyOnHidden
    >
      {user && <UserSessions user={user} />}
    </Drawer>
  );
}

function UserSessions({ user }: { user: User }) {
  const { t, formatDateTime } = useI18n();
  const { canChange } = useSession();
  const act = useAction();
  const path = { id: user.id };
  const sessions = useLoad(
    () => ok(api.GET('/v1/admin/users/{id}/sessions', { params: { path } })),
    [user.id],
  );
  const revoke = (sessionId: string) =>
    act(
      () =>
        ok(
          api.DELETE('/v1/admin/users/{id}/sessions/{sessionId}', {
            params: { path: { ...path, sessionId } },
          }),
        ),
      sessions.reload,
    );
  const revokeAll = () =>
    act(
      () => ok(api.DELETE('/v1/admin/users/{id}/sessions', { params: { path } })),
      sessions.reload,
    );

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {sessions.error && (
        <Alert type="error" title={t('loadFailed')} description={sessions.error} />
      )}
      {canChange && (
        <Popconfirm title={t('revokeAllSessionsConfirm')} onConfirm={() => void revokeAll()}>
          <Button danger disabled={!sessions.data?.items.length}>
            {t('revokeAllSessions')}
          </Button>
        </Popconfirm>
      )}
      <Table<UserSession>
        rowKey="id"
        size="small"
        loading={sessions.loading}
        dataSource={sessions.data?.items}
        pagination={false}
        locale={{ emptyText: t('noSessions') }}
        columns={[
          { title: t('createdAt'), dataIndex: 'createdAt', render: formatDateTime },
          { title: t('sessionLastUsed'), dataIndex: 'lastUsedAt', render: formatDateTime },
          { title: t('sessionExpires'), dataIndex: 'expiresAt', render: formatDateTime },
          { title: t('clientIp'), dataIndex: 'clientIp', render: (ip: string | null) => ip ?? '—' },
          {
            title: t('userAgent'),
            dataIndex: 'userAgent',
            render: (agent: string | null) => agent ?? '—',
          },
          ...(canChange
            ? [
                {
                  title: t('actions'),
                  render: (_: unknown, session: UserSession) => (
                    <Popconfirm
                      title={t('revokeSessionConfirm')}
                      onConfirm={() => void revoke(session.id)}
                    >
                      <Button
                        size="small"
                        type="link"
                        danger
                        aria-label={`${t('revokeSession')} ${session.id}`}
                      >
                        {t('revokeSession')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
