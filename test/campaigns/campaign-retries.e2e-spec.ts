import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';
import { campaignWhen, createCampaign, csvOf, upload } from './campaign-api';

const FIRST_RETRY_MS = 300;

/**
 * A failure that may pass (the provider down, rate limited) is tried again with a growing
 * delay until the provider is back; a refusal is final for its recipient, recorded with the
 * provider's reason. Counted at the provider (the webhook receiver).
 */
describe('Campaign retries and refusals', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      SMS_NOTIFICATION_ATTEMPTS: '8',
      SMS_NOTIFICATION_RETRY_DELAY_MS: String(FIRST_RETRY_MS),
    });
    admin = adminApi(service);
    await approvedSignature(admin, { name: 'shop', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'greeting',
      kind: 'notification',
      content: '{{surname}}先生/女士，新春快乐',
    });
  });

  afterEach(() => receiver.setMode('ok'));

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  const confirmed = async (phones: string[]) => {
    const campaign = await createCampaign(admin, {
      name: 'retries',
      kind: 'notification',
      template: 'greeting',
    });
    const list = csvOf([['phone', 'surname'], ...phones.map((phone, i) => [phone, `S${i}`])]);
    await upload(service, campaign.id, list, 'list.csv').expect(201);
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    return campaign.id;
  };

  it.each([503, 429])(
    'tries again with a growing delay while the provider answers %i, and sends each once it is back',
    async (status) => {
      const phones = Array.from({ length: 4 }, () => uniqueCnPhone());
      receiver.setMode({ status });
      const before = receiver.received.length;
      const id = await confirmed(phones);

      // Every recipient tried at least twice while the provider fails.
      await receiver.waitForCount(before + phones.length * 2, 20_000);
      const meanwhile = await admin.get(`/v1/admin/campaigns/${id}`).expect(200);
      expect(meanwhile.body.status).toBe('sending');
      expect(meanwhile.body.progress).toMatchObject({ sent: 0, failed: 0 });
      receiver.setMode('ok');

      const done = await campaignWhen(admin, id, (c) => c.status === 'completed', 30_000);
      expect(done.progress).toMatchObject({ sent: phones.length, failed: 0, unknown: 0 });
      for (const phone of phones) {
        expect(receiver.acceptedTo(phone)).toHaveLength(1);
        const tries = receiver.messagesTo(phone).map((sms) => sms.receivedAt);
        expect(tries.length).toBeGreaterThanOrEqual(2);
        // At least the first delay, then at least double it.
        expect(tries[1] - tries[0]).toBeGreaterThanOrEqual(FIRST_RETRY_MS - 20);
        if (tries.length > 2) {
          expect(tries[2] - tries[1]).toBeGreaterThanOrEqual(2 * FIRST_RETRY_MS - 20);
        }
      }
    },
    60_000,
  );

  it("records a refusal failed for good with the provider's reason, never tried again", async () => {
    const phones = Array.from({ length: 3 }, () => uniqueCnPhone());
    receiver.setMode({ status: 400 });
    const id = await confirmed(phones);

    const done = await campaignWhen(admin, id, (c) => c.status === 'completed', 30_000);
    expect(done.progress).toMatchObject({ sent: 0, failed: phones.length });
    for (const phone of phones) expect(receiver.messagesTo(phone)).toHaveLength(1);
    const report = await admin.get(`/v1/admin/campaigns/${id}/report.csv`).expect(200);
    const rows = report.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(','));
    expect(rows.map(([, phone, status, , , errorCode]) => [phone, status, errorCode])).toEqual(
      phones.map((phone) => [phone, 'failed', 'HTTP400']),
    );
  }, 60_000);
});
