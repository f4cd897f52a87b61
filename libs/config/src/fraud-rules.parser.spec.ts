import { parseFraudCeilings, parseFraudRules } from './fraud-rules.parser';

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

describe('parseFraudCeilings', () => {
  const kinds = ['country', 'ip'] as const;
  it('reads kind=number pairs', () => {
    expect(parseFraudCeilings('country=5000, ip = 50', kinds)).toEqual({ country: 5000, ip: 50 });
  });
  it.each(['planet=1', 'ip=0', 'ip=-1', 'ip', 'ip=1=2'])('refuses %s', (text) =>
    expect(parseFraudCeilings(text, kinds)).toBeUndefined(),
  );
});
