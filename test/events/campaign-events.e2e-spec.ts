import { EventReceiver } from '../support/event-receiver';
import { eventually, subscribe } from '../support/event-endpoints';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';
import { campaignWhen, createCampaign, csvOf, upload } from '../campaigns/campaign-api';

/**
 * campaign.completed is written in the transaction that moves a campaign to its final state:
 * once per campaign, whether the worker finished it or an admin cancelled it.
 */
describe('Lifecycle events of campaigns', () => {
  const provider = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;
  let events: EventReceiver;

  beforeAll(async () => {
    await provider.start();
    database = await createIsolatedDatabase();
    events = await new EventReceiver().start();
    service = await startTestApp({
      ...provider.settings,
      DATABASE_URL: database.url,
      EVENTS_RELAY_INTERVAL_MS: '50',
    });
    admin = adminApi(service);
    await approvedSignature(admin, { name: 'shop', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'greeting',
      kind: 'notification',
      content: '{{surname}}您好，新春快乐！',
    });
    await subscribe(service, events, ['campaign.completed']);
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([provider.stop(), events.stop()]);
    await database.drop();
  });

  const eventsOf = (campaignId: string) =>
    events.received.filter(
      (event) => event.type === 'campaign.completed' && event.data.campaignId === campaignId,
    );

  /** Waits for the campaign's event; answers what came (once, or the wait fails). */
  const onceFor = (campaignId: string) =>
    eventually(() => {
      const received = eventsOf(campaignId);
      expect(received).toHaveLength(1);
      return Promise.resolve(received);
    });

  /** A draft with `phones` (and one rejected row) uploaded. */
  const draftWith = async (
    name: string,
    phones: string[],
    scheduledAt?: Date,
    template = 'greeting',
  ) => {
    const campaign = await createCampaign(admin, {
      name,
      kind: 'notification',
      template,
      signature: 'shop',
      ...(scheduledAt === undefined ? {} : { scheduledAt: scheduledAt.toISOString() }),
    });
    const rows = [['phone', 'surname'], ...phones.map((phone) => [phone, '王']), ['12345', '李']];
    await upload(service, campaign.id, csvOf(rows), 'list.csv').expect(201);
    return campaign;
  };

  it('tells a subscribed endpoint once, signed, with the counts, when a campaign has sent to every recipient', async () => {
    const phones = [uniqueCnPhone(), uniqueCnPhone(), uniqueCnPhone()];
    const [optedOut, optingOut] = [uniqueCnPhone(), uniqueCnPhone()];
    const suppress = (phone: string) =>
      admin.post('/v1/admin/sms/suppressions', { signature: 'shop', phone }).expect(201);
    await suppress(optedOut);
    const campaign = await draftWith('New year', [...phones, optedOut, optingOut]);
    await suppress(optingOut);
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    const done = await campaignWhen(admin, campaign.id, (c) => c.status === 'completed');
    expect(phones.map((phone) => provider.acceptedTo(phone).length)).toEqual([1, 1, 1]);

    const [event] = await onceFor(campaign.id);
    expect(event.signatureValid).toBe(true);
    expect(event.data).toEqual({
      campaignId: campaign.id,
      name: 'New year',
      kind: 'notification',
      outcome: 'completed',
      failureReason: null,
      finishedAt: done.finishedAt,
      recipients: 5,
      sent: 3,
      failed: 0,
      unknown: 0,
      suppressed: 2,
      suppressedAtUpload: 1,
      cancelled: 0,
      inFlight: 0,
    });
    // Relayed once: no second event turns up later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(eventsOf(campaign.id)).toHaveLength(1);
  });

  it('tells it once when an admin cancels a scheduled campaign, with every recipient cancelled', async () => {
    const phones = [uniqueCnPhone(), uniqueCnPhone()];
    const campaign = await draftWith('Later', phones, new Date(Date.now() + 3_600_000));
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    const cancelled = await admin.post(`/v1/admin/campaigns/${campaign.id}/cancel`).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    // A second cancel changes nothing and tells nothing.
    await admin.post(`/v1/admin/campaigns/${campaign.id}/cancel`).expect(409);

    const [event] = await onceFor(campaign.id);
    expect(event.signatureValid).toBe(true);
    expect(event.data).toMatchObject({
      campaignId: campaign.id,
      outcome: 'cancelled',
      failureReason: null,
      recipients: 2,
      sent: 0,
      cancelled: 2,
      inFlight: 0,
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(eventsOf(campaign.id)).toHaveLength(1);
    expect(phones.map((phone) => provider.messagesTo(phone).length)).toEqual([0, 0]);
  });

  it('tells it once when a campaign fails (its template withdrawn before its time), with why', async () => {
    const template = await approvedTemplate(admin, {
      name: 'withdrawn',
      kind: 'notification',
      content: '{{surname}}您好，元宵快乐！',
    });
    const phones = [uniqueCnPhone(), uniqueCnPhone()];
    const campaign = await draftWith('Lantern', phones, new Date(Date.now() + 1500), 'withdrawn');
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    await admin
      .post(`/v1/admin/sms/templates/${template.id}/reject`, { reason: 'withdrawn by the carrier' })
      .expect(200);
    await campaignWhen(admin, campaign.id, (c) => c.status === 'failed');

    const [event] = await onceFor(campaign.id);
    expect(event.signatureValid).toBe(true);
    expect(event.data).toMatchObject({
      campaignId: campaign.id,
      outcome: 'failed',
      failureReason: expect.stringContaining('TemplateNotApproved'),
      recipients: 2,
      sent: 0,
      cancelled: 2,
    });
    expect(phones.map((phone) => provider.messagesTo(phone).length)).toEqual([0, 0]);
  });
});
