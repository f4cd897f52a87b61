import type { SmsProvider } from './sms-provider';
import { VoiceProviderRouter } from './voice-provider-router';

const provider = (name: string, regions?: string[]): SmsProvider => ({
  name,
  channel: 'voice',
  regions,
  send: () => Promise.resolve({ status: 'accepted' }),
});

describe('VoiceProviderRouter', () => {
  const tencent = provider('tencent', ['CN']);
  const aliyun = provider('aliyun', ['CN']);
  const webhook = provider('webhook');

  it('gives the default list in order, without the providers that cannot call the region', () => {
    const router = new VoiceProviderRouter([tencent, webhook, aliyun]);

    expect(router.providersFor('CN')).toEqual([tencent, webhook, aliyun]);
    expect(router.providersFor('US')).toEqual([webhook]);
  });

  it("takes the region's route, else the * route, before the default list", () => {
    const router = new VoiceProviderRouter([webhook], { CN: [aliyun, tencent], '*': [tencent] });

    expect(router.providersFor('CN')).toEqual([aliyun, tencent]);
    expect(router.providersFor('US')).toEqual([]);
  });

  it('reaches a region only while some configured provider can call it', () => {
    expect(new VoiceProviderRouter([]).canReach('CN')).toBe(false);
    const mainlandOnly = new VoiceProviderRouter([tencent, aliyun]);
    expect(mainlandOnly.canReach('CN')).toBe(true);
    expect(mainlandOnly.canReach('HK')).toBe(false);
    expect(new VoiceProviderRouter([], { US: [webhook] }).canReach('US')).toBe(true);
    expect(new VoiceProviderRouter([], { US: [webhook] }).canReach('CN')).toBe(false);
  });

  it('counts the longest configured route for the dispatch bound', () => {
    expect(new VoiceProviderRouter([], { CN: [tencent, aliyun] }).longestRoute).toBe(2);
    expect(new VoiceProviderRouter([]).longestRoute).toBe(0);
  });
});
