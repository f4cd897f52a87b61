import { App, Button, Flex, Form, Input, QRCode, Space, Typography } from 'antd';
import { api, ok, type Schemas } from '../api/client';
import { apiFieldErrors } from '../api/field-errors';
import { useI18n } from '../i18n/i18n';

type Enrolment = Schemas['TotpEnrolmentDto'];
type Admin = Schemas['AdminDto'];

const CODE_FIELDS = ['code'] as const;

/**
 * A started enrolment: the otpauth URI as a QR code for an authenticator app, the secret to
 * type into one, and the first code that confirms it. Its own form, so a new enrolment (a
 * panel keyed by its secret) starts empty.
 */
export function TotpEnrolmentPanel({
  enrolment,
  onConfirmed,
}: {
  enrolment: Enrolment;
  onConfirmed: (admin: Admin) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ code: string }>();

  const confirm = async ({ code }: { code: string }) => {
    try {
      onConfirmed(await ok(api.POST('/v1/admin/session/totp/confirm', { body: { code } })));
    } catch (caught) {
      // A wrong code goes under the field, with the service's message; the rest as a message.
      const fields = apiFieldErrors(caught, CODE_FIELDS, { AdminTotpInvalid: 'code' });
      if (fields.length > 0) form.setFields(fields);
      else void message.error(caught instanceof Error ? caught.message : String(caught));
    }
  };

  return (
    <Flex gap="large" wrap align="flex-start">
      <div role="img" aria-label={t('totpQrCode')}>
        <QRCode value={enrolment.otpauthUri} type="svg" size={200} />
      </div>
      <Space orientation="vertical">
        <Typography.Paragraph style={{ maxWidth: 420 }}>{t('totpScan')}</Typography.Paragraph>
        <Space>
          {t('totpSecret')}
          <Typography.Text code copyable={{ text: enrolment.secret }} data-testid="totp-secret">
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
  );
}
