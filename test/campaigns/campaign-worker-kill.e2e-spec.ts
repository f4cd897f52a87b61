import { AppProcess, startAppProcess, WORKER_APP } from '../support/app-process';
import { ensureBuiltApp } from '../support/built-app';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';
import { campaignWhen, createCampaign, csvOf, upload } from './campaign-api';

const RECIPIENTS = 20_000;

/**
 * `kill -9` of the only worker half-way through a 20,000-recipient campaign, then a new worker:
 * the campaign goes on by itself and ends with every recipient sent once, except the few the
 * dead worker had at the provider, which are recorded `unknown` and never sent again. Counted
 * at the provider (the webhook receiver).
 */
describe('A campaign whose worker is killed half-way', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let api: TestApp;
  let admin: AdminApi;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    ensureBuiltApp();
    await receiver.start();
    database = await createIsolatedDatabase();
    api = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      WORKER_EMBEDDED: 'false',
      SMS_PROVIDER_TIMEOUT_MS: '2000',
    });
    admin = adminApi(api);
    await approvedSignature(admin, { name: 'shop', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'greeting',
      kind: 'notification',
      content: '{{surname}}先生/女士，新春快乐',
    });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await api?.close();
    await receiver.stop();
    await database?.drop();
  });

  it('sends no recipient twice and skips none', async () => {
    const phones = Array.from({ length: RECIPIENTS }, () => uniqueCnPhone());
    const campaign = await createCampaign(admin, {
      name: 'big',
      kind: 'notification',
      template: 'greeting',
    });
    const rows = phones.map((phone, i) => [phone, `S${i}`]);
    const uploaded = await upload(
      api,
      campaign.id,
      csvOf([['phone', 'surname'], ...rows]),
      'l.csv',
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ accepted: RECIPIENTS, rejected: 0 });

    // Slow enough that the kill finds sends at the provider.
    receiver.setMode({ delayMs: 30 });
    const workerSettings = { ...api.settings, LOG_LEVEL: 'info' };
    workers.push(await startAppProcess(workerSettings, WORKER_APP));
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    await receiver.waitForCount(RECIPIENTS / 2, 120_000);
    await workers[0].kill();
    const atKill = receiver.received.length;
    expect(atKill).toBeLessThan(RECIPIENTS);

    workers.push(await startAppProcess(workerSettings, WORKER_APP));
    const done = await campaignWhen(admin, campaign.id, (c) => c.status === 'completed', 180_000);

    const timesSent = new Map<string, number>();
    for (const sms of receiver.received)
      timesSent.set(sms.phone, (timesSent.get(sms.phone) ?? 0) + 1);
    const twice = [...timesSent].filter(([, times]) => times > 1);
    expect(twice).toEqual([]);
    const report = await admin.get(`/v1/admin/campaigns/${campaign.id}/report.csv`).expect(200);
    const statusOf = new Map(
      report.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((line) => line.split(','))
        .map(([, phone, status]) => [phone, status]),
    );
    const unknown = phones.filter((phone) => statusOf.get(phone) === 'unknown');
    // At most the chunk the dead worker held; every other recipient reached the provider.
    expect(unknown.length).toBeLessThanOrEqual(200);
    const skipped = phones.filter(
      (phone) => !timesSent.has(phone) && statusOf.get(phone) !== 'unknown',
    );
    expect(skipped).toEqual([]);
    expect(phones.filter((phone) => statusOf.get(phone) === 'sent')).toHaveLength(
      RECIPIENTS - unknown.length,
    );
    expect(done.progress).toMatchObject({
      sent: RECIPIENTS - unknown.length,
      unknown: unknown.length,
      queued: 0,
    });
  }, 420_000);
});
