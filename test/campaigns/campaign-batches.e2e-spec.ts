import { uniqueCnPhone } from '../support/phones';
import { startTestApp } from '../support/test-app';
import { ProviderFixture } from '../templates/provider-fixture';
import { sendShippedCampaign as sendCampaign } from './campaign-api';

/** Rows that render alike go in the providers' batch requests; the rest one request each. */
describe('Campaigns through the batch APIs', () => {
  const fixture = new ProviderFixture();

  beforeAll(() => fixture.start(), 120_000);
  afterAll(() => fixture.close());

  it('sends one Tencent SendSms for the numbers of one content, singles for the others', async () => {
    const same = Array.from({ length: 5 }, () => uniqueCnPhone());
    const others = [uniqueCnPhone(), uniqueCnPhone()];
    const before = fixture.tencent.requests.length;

    const done = await sendCampaign(fixture.service, [
      ...same.map((phone): [string, string] => [phone, 'GIFT']),
      [others[0], 'A1'],
      [others[1], 'A2'],
    ]);

    expect(done.progress).toMatchObject({ sent: 7, failed: 0, unknown: 0 });
    const requests = fixture.tencent.requests.slice(before);
    const numberSets = requests.map((request) => (request.body?.PhoneNumberSet as string[]).length);
    expect(numberSets.sort()).toEqual([1, 1, 5]);
    for (const phone of [...same, ...others]) expect(fixture.tencentSentTo(phone)).toHaveLength(1);
    expect(fixture.tencentSentTo(others[1])[0].templateParams).toEqual(['A2']);
  }, 60_000);

  it('sends one Aliyun SendBatchSms with every number its own variables', async () => {
    const service = await startTestApp(fixture.settings({ SMS_PROVIDER: 'aliyun,tencent' }));
    try {
      const phones = Array.from({ length: 4 }, () => uniqueCnPhone());
      const before = fixture.aliyun.requests.length;

      const done = await sendCampaign(
        service,
        phones.map((phone, i): [string, string] => [phone, `B${i}`]),
      );

      expect(done.progress).toMatchObject({ sent: 4, failed: 0 });
      const requests = fixture.aliyun.requests.slice(before);
      expect(requests.map((request) => request.headers['x-acs-action'])).toEqual(['SendBatchSms']);
      expect(phones.map((phone) => fixture.aliyunSentTo(phone).length)).toEqual([1, 1, 1, 1]);
    } finally {
      await service.close();
    }
  }, 90_000);
});
