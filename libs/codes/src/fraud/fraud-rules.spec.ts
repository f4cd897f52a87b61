import { FraudRuleMatcher } from './fraud-rules';

describe('FraudRuleMatcher', () => {
  const matcher = new FraudRuleMatcher({
    networks: [{ address: '192.0.2.0', prefix: 24, family: 'ipv4' }],
    countries: ['GB'],
    prefixes: ['+86170'],
  });
  const send = (e164: string, region: string, clientIp: string) => ({ e164, region, clientIp });

  it('matches a country, a prefix or a client network and names the rule', () => {
    expect(matcher.match(send('+447400123456', 'GB', '203.0.113.1'))).toBe('GB');
    expect(matcher.match(send('+8617012345678', 'CN', '203.0.113.1'))).toBe('+86170');
    expect(matcher.match(send('+8613812345678', 'CN', '192.0.2.77'))).toBe('192.0.2.77');
  });

  it('matches nothing else, and no odd client address', () => {
    expect(matcher.match(send('+8613812345678', 'CN', '203.0.113.1'))).toBeUndefined();
    expect(matcher.match(send('+8613812345678', 'CN', 'unknown'))).toBeUndefined();
  });
});

describe('FraudRuleMatcher of several sources', () => {
  const matcher = new FraudRuleMatcher(
    { networks: [], countries: ['GB'], prefixes: ['+8617012'] },
    {
      networks: [{ address: '2001:db8::', prefix: 32, family: 'ipv6' }],
      countries: [],
      prefixes: ['+86170', '+8613800138000'],
    },
  );
  const send = (e164: string, region: string, clientIp: string) => ({ e164, region, clientIp });

  it('matches the rules of every source, the shortest prefix first', () => {
    expect(matcher.match(send('+447400123456', 'GB', '203.0.113.1'))).toBe('GB');
    expect(matcher.match(send('+8617012345678', 'CN', '203.0.113.1'))).toBe('+86170');
    expect(matcher.match(send('+8613800138000', 'CN', '203.0.113.1'))).toBe('+8613800138000');
    expect(matcher.match(send('+8613800138001', 'CN', '2001:db8::1'))).toBe('2001:db8::1');
    expect(matcher.match(send('+8613800138001', 'CN', '203.0.113.1'))).toBeUndefined();
  });

  it('matches nothing without rules', () => {
    expect(new FraudRuleMatcher().match(send('+8613800138001', 'CN', '10.0.0.1'))).toBeUndefined();
  });
});
