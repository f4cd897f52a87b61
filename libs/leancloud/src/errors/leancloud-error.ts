/**
 * LeanCloud's error numbers used by this layer, with the messages LeanCloud answered them
 * with (its public error-code page). Apps compare the numbers; the texts reach their users.
 */
export const LEANCLOUD_MESSAGES = {
  1: 'Internal server error. No information available.',
  101: 'Object not found.',
  107: 'Malformed json object. A json dictionary is expected.',
  119: "That operation isn't allowed for clients.",
  127: 'The mobile phone number was invalid.',
  200: 'Username is missing or empty',
  201: 'Password is missing or empty.',
  202: 'Username has already been taken.',
  206: 'The user cannot be altered by a client without the session.',
  210: 'The username and password mismatch.',
  211: 'Could not find user.',
  212: 'The mobile phone number is missing, and must be specified.',
  213: 'A user with the specified mobile phone number was not found.',
  214: 'Mobile phone number has already been taken.',
  215: "Mobile phone number isn't verified.",
  219: '登录失败次数超过限制，请稍候再试，或者通过忘记密码重设密码。',
  401: 'Unauthorized.',
  429: 'Too many requests.',
  600: 'Invalid SMS signature.',
  601: "Can't send SMS too frequently.",
  602: 'Fails to send message.',
  603: 'Invalid SMS code.',
  604: 'SMS template not found.',
  605: 'SMS template not verified.',
  606: 'Fails to render SMS template.',
  608: 'Missing validate token.',
} as const;

export type LeanCloudCode = keyof typeof LEANCLOUD_MESSAGES;

/** HTTP statuses that are not 400 (LeanCloud answered most client errors with 400). */
const STATUS_BY_CODE: Partial<Record<LeanCloudCode, number>> = { 101: 404, 401: 401, 429: 429 };

/**
 * An error answered on `/1.1` as `{ code, error }`. The compatible layer raises it where the
 * number depends on the request (a phone log-in's unknown user is 213, a username's is 211);
 * everything else is mapped from our domain errors by the exception filter.
 */
export class LeanCloudError extends Error {
  readonly status: number;

  constructor(
    readonly code: LeanCloudCode,
    message: string = LEANCLOUD_MESSAGES[code],
    status?: number,
  ) {
    super(message);
    this.name = 'LeanCloudError';
    this.status = status ?? STATUS_BY_CODE[code] ?? 400;
  }
}

/** The body of every `/1.1` error. */
export interface LeanCloudErrorBody {
  code: number;
  error: string;
}
