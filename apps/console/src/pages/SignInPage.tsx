import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { type SignInForm, useSession } from '../session';
import { AuthCard } from './AuthCard';

/** Answers of the sign-in route that mean "ask for (again) the authenticator code". */
const TOTP_CODES = new Set(['AdminTotpRequired', 'AdminTotpInvalid']);

export function SignInPage() {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [error, setError] = useState<string>();
  const [askTotp, setAskTotp] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (form: SignInForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await signIn(form);
    } catch (caught) {
      if (caught instanceof ApiError && caught.body?.code && TOTP_CODES.has(caught.body.code)) {
        setAskTotp(true);
        // A code was sent and refused: say so, or the form looks as if nothing happened.
        if (caught.body.code === 'AdminTotpInvalid') setError(caught.message);
      } else {
        setError(caught instanceof Error ? caught.message : String(caught));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthCard title={t('signIn')}>
      <Form<SignInForm>
        layout="vertical"
        onFinish={(form) => void submit(form)}
        requiredMark={false}
      >
        <Form.Item
          name="username"
          label={t('username')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('password')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {askTotp && (
          <Form.Item
            name="totp"
            label={t('totp')}
            extra={t('totpNeeded')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('totpNeeded') }]}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Form.Item>
        )}
        {error && (
          <Alert
            type="error"
            title={t('signInFailed')}
            description={error}
            className="form-alert"
          />
        )}
        <Button type="primary" htmlType="submit" loading={busy} block>
          {t('signIn')}
        </Button>
      </Form>
    </AuthCard>
  );
}
