import { pushAliyunReceipts, pushTencentReceipts } from '../fakes/sms-receipt-push';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { AdminApi, adminApi } from '../templates/catalog-api';
import { ProviderFixture } from '../templates/provider-fixture';
import { sendShippedCampaign } from './campaign-api';

const RECEIPT_TOKEN = 'batch-receipts-token';

/**
 * Receipts of a campaign's batch requests reach each recipient's own message: Tencent gives
 * every number of a multi-number SendSms its own SerialNo; Aliyun's SendBatchSms one BizId for
 * the whole batch, its receipts told apart by `phone_number`.
 */
describe('Receipts of batched campaign messages', () => {
  const fixture = new ProviderFixture();

  beforeAll(() => fixture.start(), 120_000);
  afterAll(() => fixture.close());

  /** Each recipient's final status, from the campaign's report. */
  const statusesOf = async (admin: AdminApi, campaignId: string) => {
    const report = await admin.get(`/v1/admin/campaigns/${campaignId}/report.csv`).expect(200);
    const rows = report.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','));
    return new Map(rows.map(([, phone, status]) => [phone, status]));
  };

  /** Receipts pushed for the first five phones (delivered, undelivered, ...), the last none. */
  const expectEachMarked = async (service: TestApp, campaignId: string, phones: string[]) => {
    const admin = adminApi(service);
    const statuses = await statusesOf(admin, campaignId);
    expect(phones.map((phone) => statuses.get(phone))).toEqual([
      'delivered',
      'undelivered',
      'delivered',
      'undelivered',
      'delivered',
      'sent',
    ]);
    const view = await admin.get(`/v1/admin/campaigns/${campaignId}`).expect(200);
    expect(view.body.progress).toMatchObject({ sent: 1, delivered: 3, undelivered: 2 });
  };

  /** An app sending through `provider` first; `receiptUrl` is its receipt callback's URL. */
  const withApp = async (
    provider: string,
    use: (service: TestApp, receiptUrl: (vendor: string) => string) => Promise<void>,
  ) => {
    const service = await startTestApp(
      fixture.settings({ SMS_PROVIDER: provider, SMS_RECEIPT_TOKEN: RECEIPT_TOKEN }),
    );
    try {
      const base = await service.listen();
      await use(service, (vendor) => `${base}/v1/sms/receipts/${vendor}?token=${RECEIPT_TOKEN}`);
    } finally {
      await service.close();
    }
  };

  it('marks each number of a Tencent multi-number SendSms by its own SerialNo', async () => {
    await withApp('tencent,aliyun', async (service, receiptUrl) => {
      const phones = Array.from({ length: 6 }, () => uniqueCnPhone());
      const before = fixture.tencent.requests.length;

      const { id: campaignId } = await sendShippedCampaign(
        service,
        phones.map((phone): [string, string] => [phone, 'GIFT']),
      );

      const requests = fixture.tencent.requests.slice(before);
      expect(requests.map((request) => (request.body?.PhoneNumberSet as string[]).length)).toEqual([
        6,
      ]);
      const sent = phones.map((phone) => fixture.tencentSentTo(phone)[0]);
      expect(new Set(sent.map((message) => message.serialNo)).size).toBe(6);
      // Delivered, undelivered, ..., the last number's receipt not come yet.
      const pushed = await pushTencentReceipts(
        receiptUrl('tencent'),
        sent.slice(0, 5).map((message, i) => ({ message, delivered: i % 2 === 0 })),
      );
      expect(pushed.accepted).toBe(true);

      await expectEachMarked(service, campaignId, phones);
    });
  }, 90_000);

  it('marks each number of an Aliyun SendBatchSms (one BizId) by its phone_number', async () => {
    await withApp('aliyun,tencent', async (service, receiptUrl) => {
      const phones = Array.from({ length: 6 }, () => uniqueCnPhone());
      const before = fixture.aliyun.requests.length;

      const { id: campaignId } = await sendShippedCampaign(
        service,
        phones.map((phone, i): [string, string] => [phone, `B${i}`]),
      );

      const requests = fixture.aliyun.requests.slice(before);
      expect(requests.map((request) => request.headers['x-acs-action'])).toEqual(['SendBatchSms']);
      const sent = phones.map((phone) => fixture.aliyunSentTo(phone)[0]);
      expect(new Set(sent.map((message) => message.bizId)).size).toBe(1);
      // In another order than sent, the last number's receipt not come yet.
      const receipts = sent.slice(0, 5).map((message, i) => ({ message, delivered: i % 2 === 0 }));
      const pushed = await pushAliyunReceipts(receiptUrl('aliyun'), receipts.reverse());
      expect(pushed.accepted).toBe(true);

      await expectEachMarked(service, campaignId, phones);
    });
  }, 90_000);
});
