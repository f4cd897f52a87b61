import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  QRCode,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { api, ok, type Schemas } from '../api/client';
import { apiFieldErrors } from '../api/field-errors';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';

type Enrolment = Schemas['TotpEnrolmentDto'];

const CODE_FIELDS = ['code'] as const;

/**
 * The signed-in admin's own second factor, whatever its role: start an enrolment (the
 * otpauth URI as a QR code, and the secret to type in), confirm it with a first code, or
 * turn it off. Sign-in asks codes only once a code confirmed the secret.
 */
export function SecurityPage() {
  const { t } = useI18n();
  const { state, adminChanged } = useSession();
  const { message } = App.useApp();
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [form] = Form.useForm<{ code: string }>();
  if (state.status !== 'signedIn') return null;
  const { admin } = state;

  const failed = (caught: unknown) =>
    void message.error(caught instanceof Error ? caught.message : String(caught));

  const start = async () => {
    try {
      setEnrolment(await ok(api.POST('/v1/admin/session/totp')));
      form.resetFields();
    } catch (caught) {
      failed(caught);
    }
  };

  const confirm = async ({ code }: { code: string }) => {
    try {
      adminChanged(await ok(api.POST('/v1/admin/session/totp/confirm', { body: { code } })));
      setEnrolment(undefined);
      void message.success(t('saved'));
    } catch (caught) {
      // A wrong code goes under the field, with the service's message; the rest as a message.
      const fields = apiFieldErrors(caught, CODE_FIELDS, { AdminTotpInvalid: 'code' });
      if (fields.length > 0) form.setFields(fields);
      else failed(caught);
    }
  };

  const turnOff = async () => {
    try {
      await ok(api.DELETE('/v1/admin/session/totp'));
      adminChanged({ ...admin, totpEnabled: false });
      setEnrolment(undefined);
      void message.success(t('saved'));
    } catch (caught) {
      failed(caught);
    }
  };

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
          <Flex gap="large" wrap align="flex-start">
            <div role="img" aria-label={t('totpQrCode')}>
              <QRCode value={enrolment.otpauthUri} type="svg" size={200} />
            </div>
            <Space orientation="vertical">
              <Typography.Paragraph style={{ maxWidth: 420 }}>{t('totpScan')}</Typography.Paragraph>
              <Space>
                {t('totpSecret')}
                <Typography.Text
                  code
                  copyable={{ text: enrolment.secret }}
                  data-testid="totp-secret"
                >
                  {enrolment.secret}
                </Typography.Text>
              </Space>
              <Form form={form} layout="inline" onFinish={(values) => void confirm(values)}>
                <Form.Item
                  name="code"
                  label={t('totp')}
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t('totpNeeded') }]}
                >
                  <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
                </Form.Item>
                <Button type="primary" htmlType="submit">
                  {t('totpTurnOn')}
                </Button>
              </Form>
            </Space>
          </Flex>
        )}
      </Space>
    </Card>
  );
}
