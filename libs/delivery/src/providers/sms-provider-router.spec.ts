import type { SmsProvider } from './sms-provider';
import { SmsProviderRouter } from './sms-provider-router';

const provider = (name: string): SmsProvider => ({
  name,
  channel: 'sms',
  send: () => Promise.resolve({ status: 'accepted' }),
});

describe('SmsProviderRouter', () => {
  const tencent = provider('tencent');
  const aliyun = provider('aliyun');
  const webhook = provider('webhook');

  it('uses the route of the phone region', () => {
    const router = new SmsProviderRouter([webhook], { CN: [tencent, aliyun], '*': [aliyun] });
    expect(router.providersFor('CN')).toEqual([tencent, aliyun]);
  });

  it('uses the * route for other regions', () => {
    const router = new SmsProviderRouter([webhook], { CN: [tencent], '*': [aliyun] });
    expect(router.providersFor('US')).toEqual([aliyun]);
  });

  it('uses SMS_PROVIDER when no route matches', () => {
    const router = new SmsProviderRouter([webhook, tencent], { CN: [tencent] });
    expect(router.providersFor('US')).toEqual([webhook, tencent]);
    expect(new SmsProviderRouter([webhook]).providersFor('CN')).toEqual([webhook]);
  });
});
