import { randomBytes } from 'node:crypto';

/** `whsec_` and a base64 key of 24 bytes or more, as Standard Webhooks libraries read it. */
export const WEBHOOK_SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

/** A new Standard Webhooks secret: 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
