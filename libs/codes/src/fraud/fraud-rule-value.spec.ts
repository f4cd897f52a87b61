import { readFraudRuleValue } from './fraud-rule-value';

describe('readFraudRuleValue', () => {
  it.each([
    ['cn', { match: 'country', value: 'CN' }],
    ['+86170', { match: 'prefix', value: '+86170' }],
    [' +8613800138000 ', { match: 'number', value: '+8613800138000' }],
    ['203.0.113.0/24', { match: 'cidr', value: '203.0.113.0/24' }],
    ['203.0.113.9', { match: 'cidr', value: '203.0.113.9/32' }],
    ['2001:db8::/48', { match: 'cidr', value: '2001:db8::/48' }],
  ])('reads %p', (text, expected) => expect(readFraudRuleValue(text)).toEqual(expected));

  it.each(['', 'China', '8613800138000', '+0123', 'CN, GB', '203.0.113.0/40'])(
    'refuses %p',
    (text) => expect(readFraudRuleValue(text)).toBeUndefined(),
  );
});
