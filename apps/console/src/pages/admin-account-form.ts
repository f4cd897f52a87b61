import type { FormRule } from 'antd';
import { ADMIN_PASSWORD_MIN_LENGTH } from '../../../../libs/admin/src/dto/admin-password-length';
import { PASSWORD_MAX_LENGTH } from '../../../../libs/user/src/passwords/password-limits';
import { USERNAME_PATTERN } from '../../../../libs/user/src/users/username';
import { apiFieldErrors, type FieldError } from '../api/field-errors';
import type { MessageKey } from '../i18n/en';

/** The fields of the new-admin and set-password forms. */
export type AdminAccountField = 'username' | 'password' | 'role';

const FIELDS: readonly AdminAccountField[] = ['username', 'password', 'role'];

type Translate = (key: MessageKey) => string;

/** The username as the service takes it (USERNAME_PATTERN of libs/user). */
export function usernameRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t('required') },
    { pattern: USERNAME_PATTERN, message: t('adminUsernameRule') },
  ];
}

/** A new admin password: the service's length limits (libs/admin, libs/user). */
export function newPasswordRules(t: Translate): FormRule[] {
  const message = t('adminPasswordRule')
    .replace('{min}', String(ADMIN_PASSWORD_MIN_LENGTH))
    .replace('{max}', String(PASSWORD_MAX_LENGTH));
  return [
    { required: true, message: t('required') },
    { min: ADMIN_PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH, message },
  ];
}

/**
 * What the service said about the form, by field: its validation messages, and a taken
 * username under the username. Other errors (AdminLastOwner, AdminNotFound…) give none: the
 * page shows them as a message with their code.
 */
export function adminFieldErrors(error: unknown): Array<FieldError<AdminAccountField>> {
  return apiFieldErrors(error, FIELDS, { AdminUsernameTaken: 'username' });
}

/** The repeat field of a new password: the same as the `password` field. */
export function passwordRepeatRules(t: Translate): FormRule[] {
  return [
    { required: true, message: t('required') },
    ({ getFieldValue }) => ({
      validator: (_, value) =>
        value === getFieldValue('password')
          ? Promise.resolve()
          : Promise.reject(new Error(t('passwordsDiffer'))),
    }),
  ];
}
