import { explainConnectionFailure, redisAddress } from './connection-failure';

const withCode = (message: string, code: string): Error =>
  Object.assign(new Error(message), { code });

describe('explainConnectionFailure', () => {
  const url = 'rediss://smsauth:s3cret@redis.internal:6380/0';

  it('names a refused log-in as permanent, without the password', () => {
    const failure = explainConnectionFailure(
      new Error('WRONGPASS invalid username-password pair or user is disabled.'),
      url,
    );
    expect(failure.permanent).toBe(true);
    expect(failure.message).toMatch(/^Redis at rediss:\/\/redis\.internal:6380 refused the log-in/);
    expect(failure.message).toContain('REDIS_URL');
    expect(failure.message).not.toContain('s3cret');
  });

  it('names an untrusted certificate as permanent and points at REDIS_TLS_CA_FILE', () => {
    const failure = explainConnectionFailure(
      withCode('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'),
      url,
    );
    expect(failure).toMatchObject({ permanent: true });
    expect(failure.message).toContain('REDIS_TLS_CA_FILE');
    expect(failure.message).toContain('SELF_SIGNED_CERT_IN_CHAIN');
  });

  it('leaves a refused connection to the retries', () => {
    const failure = explainConnectionFailure(withCode('connect ECONNREFUSED', 'ECONNREFUSED'), url);
    expect(failure).toEqual({
      message: 'Redis at rediss://redis.internal:6380: connect ECONNREFUSED',
      permanent: false,
    });
  });

  it('shows the address of any URL without credentials', () => {
    expect(redisAddress('redis://:pw@127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
    expect(redisAddress('not a url')).toBe('REDIS_URL');
  });
});
