import { App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { TotpEnrolmentPanel } from './TotpEnrolmentPanel';

type Enrolment = Schemas['TotpEnrolmentDto'];

/**
 * The signed-in admin's own second factor, whatever its role: start an enrolment, confirm it
 * with a first code (sign-in asks codes only from then on), or turn it off, which the service
 * allows a signed-in admin without more proof.
 */
export function SecurityPage() {
  const { t } = useI18n();
  const { state, adminChanged } = useSession();
  const { message } = App.useApp();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  if (state.status !== 'signedIn') return null;
  const { admin } = state;

  const run = async (change: () => Promise<void>) => {
    try {
      await change();
    } catch (caught) {
      void message.error(caught instanceof Error ? caught.message : String(caught));
    }
  };
  const start = () => run(async () => setEnrolment(await ok(api.POST('/v1/admin/session/totp'))));
  const turnOff = () =>
    run(async () => {
      await ok(api.DELETE('/v1/admin/session/totp'));
      adminChanged({ ...admin, totpEnabled: false });
      setEnrolment(undefined);
      void message.success(t('saved'));
    });

  return (
    <Card title={t('totpTitle')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space data-testid="totp-state">
          {admin.totpEnabled ? <Tag color="green">{t('totpOn')}</Tag> : <Tag>{t('totpOff')}</Tag>}
          <Typography.Text>{admin.totpEnabled ? t('totpIsOn') : t('totpIsOff')}</Typography.Text>
        </Space>
        <Space>
          <Button type={admin.totpEnabled ? 'default' : 'primary'} onClick={() => void start()}>
            {admin.totpEnabled ? t('totpRestart') : t('totpStart')}
          </Button>
          {admin.totpEnabled && (
            <Popconfirm title={t('totpTurnOffConfirm')} onConfirm={() => void turnOff()}>
              <Button danger>{t('totpTurnOff')}</Button>
            </Popconfirm>
          )}
        </Space>
        {enrolment && (
          <TotpEnrolmentPanel
            key={enrolment.secret}
            enrolment={enrolment}
            onConfirmed={(confirmed) => {
              adminChanged(confirmed);
              setEnrolment(undefined);
              void message.success(t('saved'));
            }}
          />
        )}
      </Space>
    </Card>
  );
}
