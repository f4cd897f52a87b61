import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { useSession } from '../session';
import { usernameRules } from './admin-account-form';
import { AuthCard } from './AuthCard';
import { NewPasswordFields } from './NewPasswordFields';

interface SetupFields {
  apiKey: string;
  username: string;
  password: string;
  passwordRepeat: string;
}

/** Shown while no admin account exists: the ADMIN_API_KEY creates the first owner. */
export function SetupPage() {
  const { t } = useI18n();
  const { setUp } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ apiKey, username, password }: SetupFields) => {
    setBusy(true);
    setError(undefined);
    try {
      await setUp({ apiKey, username, password });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('required') };
  return (
    <AuthCard title={t('setupTitle')}>
      <Typography.Paragraph type="secondary">{t('setupIntro')}</Typography.Paragraph>
      <Form<SetupFields>
        layout="vertical"
        onFinish={(form) => void submit(form)}
        requiredMark={false}
      >
        <Form.Item name="apiKey" label={t('adminKey')} rules={[required]}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Form.Item name="username" label={t('username')} rules={usernameRules(t)}>
          <Input autoComplete="username" />
        </Form.Item>
        <NewPasswordFields label={t('password')} />
        {error && <Alert type="error" description={error} className="form-alert" />}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('createOwner')}
        </Button>
      </Form>
    </AuthCard>
  );
}
