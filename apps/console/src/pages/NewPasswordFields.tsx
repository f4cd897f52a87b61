import { Form, Input } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { newPasswordRules, passwordRepeatRules } from './admin-account-form';

/**
 * A new admin password typed twice (setup, a new admin, a reset), within the service's limits:
 * the fields `password` and `passwordRepeat` of the form around it.
 */
export function NewPasswordFields({ label, extra }: { label: string; extra?: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name="password" label={label} extra={extra} rules={newPasswordRules(t)}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="passwordRepeat"
        label={t('passwordRepeat')}
        dependencies={['password']}
        rules={passwordRepeatRules(t)}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
