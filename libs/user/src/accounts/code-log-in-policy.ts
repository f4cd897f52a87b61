import type { SmsPurpose } from '@app/codes';

/** The code purposes a log-in by code may take. */
export type CodeLogInPurpose = Extract<SmsPurpose, 'login' | 'operation'>;

/**
 * How a log-in by code treats the phone it is given. `/v1` has one rule, set by the USER_*
 * settings; the LeanCloud layer follows LeanCloud, whose routes differed from one another.
 */
export interface CodeLogInPolicy {
  /** The purposes whose codes log in; a code of any of them verifies, once, in one step. */
  readonly purposes: readonly CodeLogInPurpose[];
  /**
   * A phone with no account: `signUp` creates a verified account, `refuse` answers
   * UserNotFound, `bySetting` does what USER_SMS_SIGNUP_ON_LOGIN says.
   */
  readonly unknownPhone: 'signUp' | 'refuse' | 'bySetting';
  /**
   * An account whose phone is not verified: `claim` lets the code prove the phone (and take
   * the account over, see LogInService), `refuse` answers PhoneNotVerified.
   */
  readonly unverifiedPhone: 'claim' | 'refuse';
}

/** `/v1`: `login` codes; sign-up on log-in as USER_SMS_SIGNUP_ON_LOGIN says. */
export const V1_CODE_LOG_IN: CodeLogInPolicy = {
  purposes: ['login'],
  unknownPhone: 'bySetting',
  unverifiedPhone: 'claim',
};
