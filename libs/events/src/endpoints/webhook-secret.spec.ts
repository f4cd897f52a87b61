import { newWebhookSecret, WEBHOOK_SECRET_PATTERN } from './webhook-secret';

describe('webhook secrets', () => {
  it('generates a whsec_ key of 32 random bytes, different each time', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(WEBHOOK_SECRET_PATTERN);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it('takes a base64 key of 24 bytes or more and nothing else', () => {
    const key = (bytes: number) => `whsec_${Buffer.alloc(bytes, 7).toString('base64')}`;
    expect(key(24)).toMatch(WEBHOOK_SECRET_PATTERN);
    expect(key(64)).toMatch(WEBHOOK_SECRET_PATTERN);
    expect(key(12)).not.toMatch(WEBHOOK_SECRET_PATTERN);
    expect(`${key(24).slice(6)}`).not.toMatch(WEBHOOK_SECRET_PATTERN);
    expect('whsec_' + 'not base64 at all!'.repeat(3)).not.toMatch(WEBHOOK_SECRET_PATTERN);
  });
});
