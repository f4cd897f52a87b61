import { createHmac, randomInt } from 'node:crypto';

/** `length` random decimal digits from a cryptographic source. */
export function generateCode(length: number): string {
  let code = '';
  for (let i = 0; i < length; i++) code += String(randomInt(10));
  return code;
}

/**
 * Codes are stored only as a keyed HMAC bound to the phone and purpose, so a
 * Redis dump reveals nothing and a hash cannot be replayed under another key.
 */
export function hashCode(secret: Buffer, purpose: string, phone: string, code: string): string {
  return createHmac('sha256', secret).update(`${purpose}\n${phone}\n${code}`).digest('hex');
}
