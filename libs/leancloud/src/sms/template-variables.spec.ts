import { templateVariables } from './template-variables';

describe('templateVariables', () => {
  it('keeps the keys LeanCloud read as variables, as text', () => {
    expect(
      templateVariables({
        mobilePhoneNumber: '+8613800138000',
        smsType: 'sms',
        template: 'Order',
        sign: 'Shop',
        name: 'Shop app',
        ttl: 5,
        validate_token: 'v',
        op: '付款',
        order_id: 'A-1',
        amount: 12.5,
        paid: true,
      }),
    ).toEqual({ op: '付款', order_id: 'A-1', amount: '12.5', paid: 'true' });
  });

  it('passes other values on for the SMS module to refuse', () => {
    expect(templateVariables({ nested: { x: 1 }, list: [1] })).toEqual({
      nested: { x: 1 },
      list: [1],
    });
  });
});
