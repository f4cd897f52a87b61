/**
 * What a code is for. A code only verifies for the purpose it was sent for, so
 * a log-in code cannot reset a password.
 */
export const SMS_PURPOSES = [
  'operation',
  'signup',
  'login',
  'reset_password',
  'verify_phone',
  'change_phone',
  /** Sent to the account's current phone: proof of the account for a phone change. */
  'change_phone_confirm',
] as const;

export type SmsPurpose = (typeof SMS_PURPOSES)[number];

export const DEFAULT_SMS_PURPOSE: SmsPurpose = 'operation';
