import { performance } from 'node:perf_hooks';
import { fakeClock } from '../support/clock';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import type { TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import type { AdminApi } from '../templates/catalog-api';
import { campaignWhen, createCampaign, csvOf, startMarketingService, upload } from './campaign-api';

/** A marketing campaign is held to 08:00–22:00 Beijing time: the clock is moved, not waited for. */
describe('Campaign send window', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    ({ service, admin } = await startMarketingService(receiver, database.url));
  });

  afterAll(async () => {
    jest.useRealTimers();
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  // One receiver per suite: it has received nothing before this test.
  it('holds messages that would go out after 22:00 until 08:00, then sends them', async () => {
    const phones = Array.from({ length: 20 }, () => uniqueCnPhone());
    fakeClock();
    // 21:59:57 in Beijing.
    jest.setSystemTime(new Date('2027-02-05T13:59:57Z'));
    const campaign = await createCampaign(admin, {
      name: 'evening',
      kind: 'marketing',
      template: 'sale',
      rate: 2,
    });
    const rows = phones.map((phone) => [phone, '王']);
    await upload(service, campaign.id, csvOf([['phone', 'surname'], ...rows]), 'l.csv').expect(201);
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    await realTimeUntil(() => receiver.received.length >= 2, 10_000);

    // 22:00 strikes: nothing more goes out, however long the night lasts.
    jest.setSystemTime(new Date('2027-02-05T14:00:00Z'));
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the chunk in flight ends
    const before22 = phones.filter((phone) => receiver.messagesTo(phone).length > 0).length;
    jest.setSystemTime(new Date('2027-02-05T23:59:00Z')); // 07:59 next morning
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const atDawn = phones.filter((phone) => receiver.messagesTo(phone).length > 0).length;
    expect(atDawn).toBe(before22);
    expect(before22).toBeLessThan(phones.length);
    const held = await admin.get(`/v1/admin/campaigns/${campaign.id}`).expect(200);
    expect(held.body).toMatchObject({
      status: 'sending',
      progress: { queued: phones.length - before22 },
    });

    jest.setSystemTime(new Date('2027-02-06T00:00:01Z')); // 08:00:01
    const done = await campaignWhen(admin, campaign.id, (c) => c.status === 'completed', 30_000);
    expect(done.progress).toMatchObject({ sent: phones.length, queued: 0 });
    for (const phone of phones) expect(receiver.messagesTo(phone)).toHaveLength(1);
  }, 90_000);
});

/** Waits on the monotonic clock (Date is frozen here). */
async function realTimeUntil(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
