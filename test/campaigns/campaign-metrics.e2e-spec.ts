import { bearer } from '../support/accounts';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { parsePrometheusText, Sample, valueOf } from '../support/prometheus-text';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';
import { campaignWhen, createCampaign, csvOf, upload } from './campaign-api';

const TOKEN = 'campaign-metrics-token-0123456789abcdef';
const GREETING = '{{surname}}先生/女士，新春快乐';

/**
 * The campaign counters on GET /metrics, as an operator reads them: campaigns by the state
 * they moved to, their messages by outcome, uploaded rows by result; never a campaign's id.
 * Its own database: the signature it approves would be the default of every other suite's.
 */
describe('Campaign metrics', () => {
  const receiver = new WebhookReceiver();
  let service: TestApp;
  let admin: AdminApi;
  let database: IsolatedDatabase;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      METRICS_TOKEN: TOKEN,
    });
    admin = adminApi(service);
    await approvedSignature(admin, { name: 'shop', content: '示例商城' });
    await approvedTemplate(admin, { name: 'greeting', kind: 'notification', content: GREETING });
  });

  afterAll(async () => {
    await service?.close();
    await database?.drop();
    await receiver.stop();
  });

  const scrape = async (): Promise<Sample[]> => {
    const response = await service
      .http()
      .get('/metrics')
      .set('Authorization', bearer(TOKEN))
      .expect(200);
    return parsePrometheusText(response.text);
  };
  const counts = (samples: Sample[]) => ({
    campaigns: Object.fromEntries(
      ['created', 'started', 'completed', 'cancelled', 'failed'].map((state) => [
        state,
        valueOf(samples, 'smsauth_campaigns_total', { state }),
      ]),
    ),
    messages: Object.fromEntries(
      ['sent', 'failed', 'unknown', 'suppressed', 'retry'].map((outcome) => [
        outcome,
        valueOf(samples, 'smsauth_campaign_messages_total', { outcome }),
      ]),
    ),
    uploaded: Object.fromEntries(
      ['accepted', 'duplicate', 'suppressed', 'rejected'].map((result) => [
        result,
        valueOf(samples, 'smsauth_campaign_recipients_uploaded_total', { result }),
      ]),
    ),
  });
  const delta = (
    before: ReturnType<typeof counts>,
    after: ReturnType<typeof counts>,
  ): ReturnType<typeof counts> => {
    const minus = (a: Record<string, number>, b: Record<string, number>) =>
      Object.fromEntries(Object.entries(a).map(([key, value]) => [key, value - b[key]]));
    return {
      campaigns: minus(after.campaigns, before.campaigns),
      messages: minus(after.messages, before.messages),
      uploaded: minus(after.uploaded, before.uploaded),
    };
  };

  it('counts a completed campaign: created, started, completed, its uploaded rows and its sends', async () => {
    const suppressed = uniqueCnPhone();
    await admin
      .post('/v1/admin/sms/suppressions', { signature: 'shop', phone: suppressed })
      .expect(201);
    const [a, b, c] = [uniqueCnPhone(), uniqueCnPhone(), uniqueCnPhone()];
    const before = counts(await scrape());

    const campaign = await createCampaign(admin, {
      name: 'counted',
      kind: 'notification',
      template: 'greeting',
      signature: 'shop',
    });
    const file = csvOf([
      ['phone', 'surname'],
      [a, '王'],
      [b, '李'],
      [c, '张'],
      [a, '王'],
      ['not-a-phone', '赵'],
      [suppressed, '刘'],
    ]);
    const uploaded = await upload(service, campaign.id, file, 'list.csv');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ accepted: 3, duplicate: 1, suppressed: 1, rejected: 1 });
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    await campaignWhen(admin, campaign.id, (view) => view.status === 'completed');

    const after = await scrape();
    expect(delta(before, counts(after))).toEqual({
      campaigns: { created: 1, started: 1, completed: 1, cancelled: 0, failed: 0 },
      messages: { sent: 3, failed: 0, unknown: 0, suppressed: 0, retry: 0 },
      uploaded: { accepted: 3, duplicate: 1, suppressed: 1, rejected: 1 },
    });
    // Low cardinality: no series names a campaign.
    const campaignSeries = after.filter((sample) => sample.name.startsWith('smsauth_campaign'));
    expect(campaignSeries.length).toBeGreaterThan(0);
    for (const sample of campaignSeries) {
      expect(Object.keys(sample.labels)).toHaveLength(1);
      expect(JSON.stringify(sample.labels)).not.toContain(campaign.id);
    }
  });

  it('counts a cancelled campaign, and one that failed at its start (its template rejected)', async () => {
    const withdrawn = await approvedTemplate(admin, {
      name: 'withdrawn',
      kind: 'notification',
      content: GREETING,
    });
    const before = counts(await scrape());

    const cancelled = await createCampaign(admin, {
      name: 'cancelled',
      kind: 'notification',
      template: 'greeting',
    });
    await upload(
      service,
      cancelled.id,
      csvOf([
        ['phone', 'surname'],
        [uniqueCnPhone(), '王'],
      ]),
      'l.csv',
    ).expect(201);
    await admin.post(`/v1/admin/campaigns/${cancelled.id}/cancel`).expect(200);

    // Scheduled past the template catalogue's cache (5 s), so its worker reads the rejection.
    const failing = await createCampaign(admin, {
      name: 'failing',
      kind: 'notification',
      template: 'withdrawn',
      scheduledAt: new Date(Date.now() + 7000).toISOString(),
    });
    await upload(
      service,
      failing.id,
      csvOf([
        ['phone', 'surname'],
        [uniqueCnPhone(), '李'],
      ]),
      'l.csv',
    ).expect(201);
    await admin.post(`/v1/admin/campaigns/${failing.id}/confirm`).expect(200);
    await admin
      .post(`/v1/admin/sms/templates/${withdrawn.id}/reject`, { reason: 'withdrawn' })
      .expect(200);
    await campaignWhen(admin, failing.id, (view) => view.status === 'failed', 30_000);

    expect(delta(before, counts(await scrape()))).toEqual({
      campaigns: { created: 2, started: 1, completed: 0, cancelled: 1, failed: 1 },
      messages: { sent: 0, failed: 0, unknown: 0, suppressed: 0, retry: 0 },
      uploaded: { accepted: 2, duplicate: 0, suppressed: 0, rejected: 0 },
    });
  }, 60_000);
});
