import type { CodeLogInPolicy } from '@app/user';

/**
 * LeanCloud's log-in by code, whatever USER_SMS_SIGNUP_ON_LOGIN says (that setting is `/v1`'s):
 * its routes did not agree with one another, and its clients rely on each.
 */

/**
 * `POST /1.1/login` with `smsCode`, and `requestLoginSmsCode` before it: only an account whose
 * phone is verified ("已验证手机号码的用户，允许以短信验证码登录"); 213 for a phone with no
 * account, 215 for an unverified one, no account created. Android, Python and PHP apps log in
 * with a `requestLoginSmsCode` code, others with one of `requestSmsCode`: both are taken.
 */
export const LEANCLOUD_SMS_LOG_IN: CodeLogInPolicy = {
  purposes: ['login', 'operation'],
  unknownPhone: 'refuse',
  unverifiedPhone: 'refuse',
};

/**
 * `POST /1.1/usersByMobilePhone`: signs up a phone with no account, else logs in; the code
 * proves the phone, so an unverified account is taken over by its holder. Its guide pairs it
 * with `requestSmsCode`, the account guide with `requestLoginSmsCode`: both are taken.
 */
export const LEANCLOUD_SIGN_UP_OR_LOG_IN: CodeLogInPolicy = {
  purposes: ['operation', 'login'],
  unknownPhone: 'signUp',
  unverifiedPhone: 'claim',
};
