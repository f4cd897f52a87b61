import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app reads: SHA-1, 6 digits, 30 s. */
const PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(issuer: string, username: string, secret: string): string {
  return generateURI({ issuer, label: username, secret, period: PERIOD_SECONDS });
}

/**
 * The time step `code` belongs to when it is the secret's code now or one period either side
 * (clocks drift), else undefined. The step lets the caller refuse a code used once already.
 */
export async function totpStepOf(secret: string, code: string): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({ secret, token: code, epochTolerance: PERIOD_SECONDS });
  // TOTP's answer names the step it matched in (HOTP's, the other half of the type, does not).
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}
