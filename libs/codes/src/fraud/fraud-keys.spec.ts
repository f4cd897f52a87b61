import { networkOf, watchedValues } from './fraud-keys';

describe('watchedValues', () => {
  it('watches the country, the carrier range, the prefix, the IP and its /24', () => {
    expect(watchedValues('+8613812345678', 'CN', '203.0.113.9')).toEqual({
      country: 'CN',
      range: '+86138',
      prefix: '+861381234',
      ip: '203.0.113.9',
      network: '203.0.113.0/24',
    });
  });

  it('takes 4 digits of a UK range, 3 of a North American one', () => {
    expect(watchedValues('+447400123456', 'GB', '::1').range).toBe('+447400');
    expect(watchedValues('+12015550123', 'US', '::1').range).toBe('+1201');
  });
});

describe('networkOf', () => {
  it('is the /48 of an IPv6 address, written one way', () => {
    expect(networkOf('2001:db8:abcd:12::1')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:0db8:ABCD:0012:0:0:0:1')).toBe('2001:db8:abcd::/48');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0::/48');
  });

  it('reads an IPv4-mapped address as IPv4', () => {
    expect(networkOf('::ffff:198.51.100.7')).toBe('198.51.100.0/24');
  });
});
