import { generate } from 'otplib';

/** RFC 6238's period, as libs/admin/src/totp/totp.ts uses it. */
const PERIOD_SECONDS = 30;

/**
 * The code of `secret` `steps` periods from now, as an authenticator app would show it. The
 * service accepts each code once and one period either side of now: a sign-in right after the
 * enrolment's confirmation uses the next period's code, since the current one is spent.
 */
export function totpCode(secret: string, steps = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * PERIOD_SECONDS });
}

/** A 6-digit code the service refuses now: none of the periods it could accept. */
export async function wrongTotpCode(secret: string): Promise<string> {
  const near = await Promise.all([-1, 0, 1, 2].map((steps) => totpCode(secret, steps)));
  return ['000000', '111111', '222222', '333333', '444444'].find((code) => !near.includes(code))!;
}
