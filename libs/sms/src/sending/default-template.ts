/**
 * The built-in verification message, used until managed templates exist.
 * `render` is called twice: with the code for the phone, and masked for the record.
 */
export function renderDefaultVerificationMessage(vars: {
  signature: string;
  code: string;
  ttlMinutes: number;
}): string {
  return `【${vars.signature}】Your verification code is ${vars.code}. It expires in ${vars.ttlMinutes} minutes.`;
}

export function maskCode(code: string): string {
  return '*'.repeat(code.length);
}
