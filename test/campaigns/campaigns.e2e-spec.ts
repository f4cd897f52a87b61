import ExcelJS from 'exceljs';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';
import { campaignWhen, createCampaign, csvOf, upload, xlsxOf } from './campaign-api';

/** An admin's campaign from a list to the phones, through the webhook provider. */
describe('Campaigns', () => {
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
      SMS_PRICE_PER_SEGMENT: '0.045',
      SMS_PRICE_CURRENCY: 'CNY',
      SMS_NOTIFICATION_RETRY_DELAY_MS: '100',
    });
    admin = adminApi(service);
    await approvedSignature(admin, { name: 'shop', content: '示例商城' });
    await approvedTemplate(admin, {
      name: 'greeting',
      kind: 'notification',
      content: '尊敬的{{title}}{{surname}}，新春快乐！您的会员号{{member}}',
    });
    await approvedTemplate(admin, {
      name: 'spring_sale',
      kind: 'marketing',
      content: '{{surname}}您好，春节特惠全场八折，拒收请回复R',
    });
  });

  afterEach(() => receiver.setMode('ok'));

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  it('sends a CSV list with per-row variables at its scheduled time, each recipient once', async () => {
    const phones = [uniqueCnPhone(), uniqueCnPhone(), uniqueCnPhone()];
    const scheduledAt = new Date(Date.now() + 3000);
    const campaign = await createCampaign(admin, {
      name: 'Spring Festival 2027',
      kind: 'notification',
      template: 'greeting',
      signature: 'shop',
      scheduledAt: scheduledAt.toISOString(),
    });
    expect(campaign).toMatchObject({ status: 'draft', signature: '示例商城', window: null });

    const form = await admin
      .get(`/v1/admin/campaigns/${campaign.id}/recipients/template.csv`)
      .expect(200);
    expect(form.headers['content-type']).toMatch(/^text\/csv/);
    expect(form.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toBe('phone,title,surname,member');

    const csv = csvOf([
      ['phone', 'title', 'surname', 'member'],
      [phones[0], '先生', '王', 'A001'],
      [phones[1].replace('+86', ''), '女士', '李', 'A002'],
      ['12345', '先生', '赵', 'A003'],
      [phones[2], '女士', '', 'A004'],
      [phones[0], '先生', '王', 'A001'],
      [phones[2], '女士', '陈', 'A005'],
    ]);
    const uploaded = await upload(service, campaign.id, csv, 'list.csv').expect(201);
    expect(uploaded.body).toEqual({
      upload: 1,
      rows: 6,
      accepted: 3,
      duplicate: 1,
      suppressed: 0,
      rejected: 2,
    });
    const report = await admin
      .get(`/v1/admin/campaigns/${campaign.id}/recipients/report`)
      .expect(200);
    expect(report.body.rejectedRows).toEqual([
      expect.objectContaining({ upload: 1, rowNumber: 4, code: 'PhoneInvalid', phone: '12345' }),
      expect.objectContaining({ upload: 1, rowNumber: 5, code: 'TemplateVariableMissing' }),
    ]);

    const preview = await admin
      .get(`/v1/admin/campaigns/${campaign.id}/preview`, { row: 2 })
      .expect(200);
    expect(preview.body).toEqual({
      row: 2,
      phone: phones[1],
      content: '【示例商城】尊敬的女士李，新春快乐！您的会员号A002',
      segments: 1,
      recipients: 3,
      totalSegments: 3,
      estimatedCost: { amount: 0.135, currency: 'CNY', perSegment: 0.045 },
    });

    const confirmed = await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'scheduled' });
    const done = await campaignWhen(admin, campaign.id, (c) => c.status === 'completed');

    expect(done.progress).toMatchObject({ queued: 0, sent: 3, failed: 0, unknown: 0 });
    expect(done.progress?.byProvider).toEqual([{ provider: 'webhook', status: 'sent', count: 3 }]);
    const contents = phones.map((phone) => receiver.acceptedTo(phone).map((sms) => sms.content));
    expect(contents).toEqual([
      ['【示例商城】尊敬的先生王，新春快乐！您的会员号A001'],
      ['【示例商城】尊敬的女士李，新春快乐！您的会员号A002'],
      ['【示例商城】尊敬的女士陈，新春快乐！您的会员号A005'],
    ]);
    for (const phone of phones) {
      expect(receiver.messagesTo(phone)[0].receivedAt).toBeGreaterThanOrEqual(
        scheduledAt.getTime(),
      );
    }
    expect(receiver.messagesTo(phones[0])[0].receivedAt).toBeLessThan(scheduledAt.getTime() + 3000);

    const messages = await admin
      .get(`/v1/admin/campaigns/${campaign.id}/messages`, { status: 'sent', pageSize: 2 })
      .expect(200);
    expect(messages.body).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(messages.body.items[0]).toMatchObject({ campaignId: campaign.id, kind: 'notification' });

    const stats = await admin.get('/v1/admin/sms/stats', { groupBy: 'campaign' }).expect(200);
    const ofCampaign = (stats.body.groups as Array<{ key: string | null }>).find(
      (group) => group.key === campaign.id,
    );
    // No receipt yet: taken by the provider, none delivered; nobody opted out.
    expect(ofCampaign).toMatchObject({ messages: 3, sent: 3, deliveryRate: 0, optOutRate: 0 });

    const csvReport = await admin.get(`/v1/admin/campaigns/${campaign.id}/report.csv`).expect(200);
    const lines = csvReport.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('row,phone,status,provider,provider_message_id,error_code,message_id');
    expect(lines.slice(1).map((line) => line.split(',').slice(1, 4))).toEqual([
      [phones[0], 'sent', 'webhook'],
      [phones[1], 'sent', 'webhook'],
      [phones[2], 'sent', 'webhook'],
    ]);
  });

  it('sends an XLSX list (first sheet, phones as numbers) at once, uploads adding up', async () => {
    const phones = [uniqueCnPhone(), uniqueCnPhone(), uniqueCnPhone()];
    const campaign = await createCampaign(admin, {
      name: 'members',
      kind: 'notification',
      template: 'greeting',
    });
    const form = await service
      .http()
      .get(`/v1/admin/campaigns/${campaign.id}/recipients/template.xlsx`)
      .set('Authorization', `Bearer test-admin-key-0123456789abcdef`)
      .buffer(true)
      .parse((res, callback) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(form.body);
    expect(workbook.worksheets[0].getRow(1).values).toEqual([
      undefined,
      'phone',
      'title',
      'surname',
      'member',
    ]);

    const first = await xlsxOf([
      ['phone', 'title', 'surname', 'member'],
      [Number(phones[0].replace('+86', '')), '先生', '张', 7],
      [phones[1], '女士', '刘', 'B2'],
    ]);
    await upload(service, campaign.id, first, 'a.xlsx').expect(201);
    const second = await xlsxOf([
      ['phone', 'member', 'surname', 'title'],
      [phones[1], 'B2', '刘', '女士'],
      [phones[2], 'B3', '周', '先生'],
    ]);
    const added = await upload(service, campaign.id, second, 'b.xlsx').expect(201);
    expect(added.body).toMatchObject({ upload: 2, rows: 2, accepted: 1, duplicate: 1 });

    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    const done = await campaignWhen(admin, campaign.id, (c) => c.status === 'completed');
    expect(done.recipients).toEqual({ accepted: 3, duplicate: 1, suppressed: 0, rejected: 0 });
    expect(receiver.acceptedTo(phones[0]).map((sms) => sms.content)).toEqual([
      '【示例商城】尊敬的先生张，新春快乐！您的会员号7',
    ]);
    expect(receiver.acceptedTo(phones[2]).map((sms) => sms.content)).toEqual([
      '【示例商城】尊敬的先生周，新春快乐！您的会员号B3',
    ]);
    expect(receiver.acceptedTo(phones[1])).toHaveLength(1);
  });

  it('pauses, resumes and cancels, never sending a recipient twice', async () => {
    const phones = Array.from({ length: 30 }, () => uniqueCnPhone());
    const campaign = await createCampaign(admin, {
      name: 'slow',
      kind: 'notification',
      template: 'greeting',
      rate: 5,
    });
    const rows = phones.map((phone, i) => [phone, '先生', '王', `M${i}`]);
    await upload(
      service,
      campaign.id,
      csvOf([['phone', 'title', 'surname', 'member'], ...rows]),
      'l.csv',
    ).expect(201);
    await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    await receiver.waitForCount(receiver.received.length + 5, 5000);

    const paused = await admin.post(`/v1/admin/campaigns/${campaign.id}/pause`).expect(200);
    expect(paused.body.status).toBe('paused');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // a chunk in flight may end
    const sentWhilePausing = phones.filter((phone) => receiver.messagesTo(phone).length > 0).length;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sentPaused = phones.filter((phone) => receiver.messagesTo(phone).length > 0).length;
    expect(sentPaused).toBe(sentWhilePausing);
    expect(sentPaused).toBeLessThan(30);
    const again = await admin.post(`/v1/admin/campaigns/${campaign.id}/pause`).expect(409);
    expect(again.body.code).toBe('CampaignStateConflict');

    await admin.post(`/v1/admin/campaigns/${campaign.id}/resume`).expect(200);
    await receiver.waitForCount(receiver.received.length + 5, 5000);
    const cancelled = await admin.post(`/v1/admin/campaigns/${campaign.id}/cancel`).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 1500));

    const view = await admin.get(`/v1/admin/campaigns/${campaign.id}`).expect(200);
    const sent = phones.filter((phone) => receiver.messagesTo(phone).length > 0).length;
    expect(sent).toBeGreaterThan(sentPaused);
    expect(view.body.progress.sent + view.body.progress.cancelled).toBe(30);
    expect(view.body.progress.sent).toBe(sent);
    for (const phone of phones) expect(receiver.messagesTo(phone).length).toBeLessThanOrEqual(1);
    await admin.post(`/v1/admin/campaigns/${campaign.id}/resume`).expect(409);
  });

  it('refuses what cannot be a campaign, with stable codes', async () => {
    const tooFar = new Date(Date.now() + 32 * 24 * 3600 * 1000).toISOString();
    const far = await admin
      .post('/v1/admin/campaigns', {
        name: 'x',
        kind: 'notification',
        template: 'greeting',
        scheduledAt: tooFar,
      })
      .expect(400);
    expect(far.body.code).toBe('InValidParam');
    const wrongKind = await admin
      .post('/v1/admin/campaigns', { name: 'x', kind: 'marketing', template: 'greeting' })
      .expect(404);
    expect(wrongKind.body.code).toBe('TemplateNotFound');

    const campaign = await createCampaign(admin, {
      name: 'empty',
      kind: 'marketing',
      template: 'spring_sale',
    });
    expect(campaign.window).toEqual({ start: '08:00', end: '22:00', timeZone: 'Asia/Shanghai' });
    const empty = await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(409);
    expect(empty.body.code).toBe('CampaignHasNoRecipients');
    const notAFile = await upload(service, campaign.id, Buffer.from('hello'), 'list.txt').expect(
      400,
    );
    expect(notAFile.body.code).toBe('RecipientFileInvalid');
    const badXlsx = await upload(
      service,
      campaign.id,
      Buffer.from('not a zip'),
      'list.xlsx',
    ).expect(400);
    expect(badXlsx.body.code).toBe('RecipientFileInvalid');
  });
});
