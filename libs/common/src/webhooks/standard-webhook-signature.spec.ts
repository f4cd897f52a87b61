import { signStandardWebhook } from './standard-webhook-signature';

describe('signStandardWebhook', () => {
  it('matches the reference library on the published vector', () => {
    expect(
      signStandardWebhook(
        'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        'msg_p5jXN8AQM9LWM0D4loKWxJek',
        1614265330,
        '{"test": 2432232314}',
      ),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('changes with the body, the id and the timestamp', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const base = signStandardWebhook(secret, 'msg_1', 1, '{}');
    expect(signStandardWebhook(secret, 'msg_1', 1, '{ }')).not.toBe(base);
    expect(signStandardWebhook(secret, 'msg_2', 1, '{}')).not.toBe(base);
    expect(signStandardWebhook(secret, 'msg_1', 2, '{}')).not.toBe(base);
  });
});
