import { refusalReason } from './token-expectations';

describe('refusalReason', () => {
  const ours = { hostnames: ['app.example.com', 'www.example.com'] };

  it('passes any hostname and action when nothing is expected', () => {
    expect(refusalReason({ hostname: 'elsewhere.test', action: 'x' }, { hostnames: [] })).toBe(
      undefined,
    );
    expect(refusalReason({}, { hostnames: [] })).toBe(undefined);
  });

  it('passes a token solved on one of the expected hostnames, whatever its case', () => {
    expect(refusalReason({ hostname: 'www.example.com' }, ours)).toBe(undefined);
    expect(refusalReason({ hostname: 'App.Example.COM' }, ours)).toBe(undefined);
  });

  it.each([
    ['another site', 'evil.test'],
    ['a subdomain', 'x.app.example.com'],
    ['a parent domain', 'example.com'],
    ['a suffix trick', 'app.example.com.evil.test'],
  ])('refuses a token solved on %s, naming where', (_case, hostname) => {
    expect(refusalReason({ hostname }, ours)).toBe(
      `solved on hostname "${hostname}", expected one of app.example.com, www.example.com`,
    );
  });

  it('refuses a token whose answer names no hostname when hostnames are expected', () => {
    expect(refusalReason({ action: 'sms' }, ours)).toBe('siteverify named no hostname');
  });

  it('checks the action exactly when one is expected', () => {
    const expected = { hostnames: [], action: 'sms_code' };
    expect(refusalReason({ action: 'sms_code' }, expected)).toBe(undefined);
    expect(refusalReason({ action: 'login' }, expected)).toBe(
      'solved for action "login", expected "sms_code"',
    );
    expect(refusalReason({ action: 'SMS_CODE' }, expected)).toBe(
      'solved for action "SMS_CODE", expected "sms_code"',
    );
    expect(refusalReason({}, expected)).toBe('solved for action "", expected "sms_code"');
  });

  it('checks both: the hostname first', () => {
    const expected = { hostnames: ['app.example.com'], action: 'sms_code' };
    expect(refusalReason({ hostname: 'app.example.com', action: 'sms_code' }, expected)).toBe(
      undefined,
    );
    expect(refusalReason({ hostname: 'evil.test', action: 'sms_code' }, expected)).toMatch(
      /^solved on hostname "evil.test"/,
    );
    expect(refusalReason({ hostname: 'app.example.com', action: 'other' }, expected)).toMatch(
      /^solved for action "other"/,
    );
  });
});
