import { parseFraudCeilings, parseFraudRuleEntry, parseFraudRules } from './fraud-rules.parser';

describe('parseFraudRules', () => {
  it('reads networks, countries and prefixes, in any order', () => {
    expect(parseFraudRules(' 10.0.0.0/8, cn, +86170, 2001:db8::/32, 192.0.2.1 ,')).toEqual({
      networks: [
        { address: '10.0.0.0', prefix: 8, family: 'ipv4' },
        { address: '2001:db8::', prefix: 32, family: 'ipv6' },
        { address: '192.0.2.1', prefix: 32, family: 'ipv4' },
      ],
      countries: ['CN'],
      prefixes: ['+86170'],
    });
  });

  it.each(['China', '86170', '10.0.0.0/33', '10.0.0/8', '+0123', '10.0.0.0/8/1'])(
    'refuses %s',
    (text) => expect(parseFraudRules(text)).toBeUndefined(),
  );
});

describe('parseFraudRuleEntry', () => {
  it('reads one entry in the form the guard matches it', () => {
    expect(parseFraudRuleEntry(' gb ')).toEqual({ match: 'country', value: 'GB' });
    expect(parseFraudRuleEntry('+8613800138000')).toEqual({
      match: 'prefix',
      value: '+8613800138000',
    });
    expect(parseFraudRuleEntry('192.0.2.1')).toEqual({
      match: 'cidr',
      value: '192.0.2.1/32',
      network: { address: '192.0.2.1', prefix: 32, family: 'ipv4' },
    });
    expect(parseFraudRuleEntry('2001:DB8::/32')).toMatchObject({ value: '2001:db8::/32' });
  });

  it.each(['', 'China', '86170', '+86 170', 'CN,GB', '10.0.0.0/33', '10.0.0.0/x'])(
    'refuses %p',
    (text) => expect(parseFraudRuleEntry(text)).toBeUndefined(),
  );
});

describe('parseFraudCeilings', () => {
  const kinds = ['country', 'ip'] as const;
  it('reads kind=number pairs', () => {
    expect(parseFraudCeilings('country=5000, ip = 50', kinds)).toEqual({ country: 5000, ip: 50 });
  });
  it.each(['planet=1', 'ip=0', 'ip=-1', 'ip', 'ip=1=2'])('refuses %s', (text) =>
    expect(parseFraudCeilings(text, kinds)).toBeUndefined(),
  );
});
