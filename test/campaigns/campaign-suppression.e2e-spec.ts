import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import type { TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, approvedSignature } from '../templates/catalog-api';
import { campaignWhen, createCampaign, csvOf, startMarketingService, upload } from './campaign-api';

/** `HH:MM` in UTC, `hours` from now. */
const utcClock = (hours: number) =>
  new Date(Date.now() + hours * 3_600_000).toISOString().slice(11, 16);

/**
 * A marketing campaign never sends to a number suppressed for its signature: one suppressed
 * before the upload is counted apart by the upload, one suppressed after it is skipped at the
 * send; both show as suppressed. A suppression for another signature holds back nothing.
 */
describe('Campaigns and the suppression list', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    ({ service, admin } = await startMarketingService(receiver, database.url));
    await approvedSignature(admin, { name: 'travel', content: '示例旅行' });
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  const suppress = (signature: string, phone: string) =>
    admin.post('/v1/admin/sms/suppressions', { signature, phone }).expect(201);

  it('counts a number suppressed before the upload apart, and never sends to one suppressed after it', async () => {
    const [before, after, otherSignature, plain] = [1, 2, 3, 4].map(() => uniqueCnPhone());
    await suppress('shop', before);
    await suppress('travel', otherSignature);

    const campaign = await createCampaign(admin, {
      name: 'Spring sale',
      kind: 'marketing',
      template: 'sale',
      signature: 'shop',
      // Open now, whenever the suite runs (the carriers' default window is 08:00–22:00 Beijing).
      window: { start: utcClock(-1), end: utcClock(2), timeZone: 'UTC' },
    });
    const csv = csvOf([
      ['phone', 'surname'],
      [before, '王'],
      [after, '李'],
      [otherSignature, '赵'],
      [plain, '陈'],
    ]);
    const uploaded = await upload(service, campaign.id, csv, 'list.csv').expect(201);
    expect(uploaded.body).toEqual({
      upload: 1,
      rows: 4,
      accepted: 3,
      duplicate: 0,
      suppressed: 1,
      rejected: 0,
    });
    const report = await admin
      .get(`/v1/admin/campaigns/${campaign.id}/recipients/report`)
      .expect(200);
    expect(report.body).toMatchObject({ accepted: 3, suppressed: 1, rejected: 0, uploads: 1 });

    await suppress('shop', after);
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    const done = await campaignWhen(admin, campaign.id, (c) => c.status === 'completed');

    expect(done.progress).toMatchObject({ queued: 0, sent: 2, failed: 0, suppressed: 2 });
    expect(
      [before, after, otherSignature, plain].map((p) => receiver.messagesTo(p).length),
    ).toEqual([0, 0, 1, 1]);
    expect(receiver.acceptedTo(plain).map((sms) => sms.content)).toEqual([
      '【示例商城】陈您好，春节特惠全场八折，拒收请回复R',
    ]);

    const lines = (
      await admin.get(`/v1/admin/campaigns/${campaign.id}/report.csv`).expect(200)
    ).text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const statusOf = (phone: string) =>
      lines.map((line) => line.split(',')).find((cells) => cells[1] === phone)?.[2];
    expect([before, after, otherSignature, plain].map(statusOf)).toEqual([
      'suppressed',
      'suppressed',
      'sent',
      'sent',
    ]);
  });
});
