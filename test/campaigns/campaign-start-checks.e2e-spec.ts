import { createIsolatedDatabase, IsolatedDatabase, withClient } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';
import { CampaignView, createCampaign, csvOf, SALE_TEMPLATE, upload } from './campaign-api';

/**
 * What a campaign is checked for before it may start: the template's opt-out text, the
 * template and the signature still approved at confirm, and a rate the providers can hold.
 * Each refusal has its own code, the campaign stays a draft and nothing is sent.
 */
describe('Campaign start checks', () => {
  const receiver = new WebhookReceiver();
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;
  let signatureId: string;
  let n = 0;

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    service = await startTestApp({
      ...receiver.settings,
      DATABASE_URL: database.url,
      SMS_WEBHOOK_MAX_PER_SECOND: '50',
    });
    admin = adminApi(service);
    signatureId = (await approvedSignature(admin, { name: 'shop', content: '示例商城' })).id;
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await database.drop();
  });

  /** A marketing draft of a template of its own, with two recipients. */
  const draft = async (): Promise<{ campaign: CampaignView; templateId: string }> => {
    const name = `sale_${++n}`;
    const template = await approvedTemplate(admin, {
      name,
      kind: 'marketing',
      content: SALE_TEMPLATE,
    });
    const campaign = await createCampaign(admin, {
      name: `checks ${n}`,
      kind: 'marketing',
      template: name,
      signature: 'shop',
      window: { start: '00:00', end: '23:59', timeZone: 'UTC' },
    });
    const list = csvOf([
      ['phone', 'surname'],
      [uniqueCnPhone(), '王'],
      [uniqueCnPhone(), '李'],
    ]);
    await upload(service, campaign.id, list, 'list.csv').expect(201);
    return { campaign, templateId: template.id };
  };

  const refusedAtConfirm = async (campaign: CampaignView, status: number, code: string) => {
    const before = receiver.received.length;
    const answer = await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(status);
    expect(answer.body.code).toBe(code);
    const view = await admin.get(`/v1/admin/campaigns/${campaign.id}`).expect(200);
    expect(view.body.status).toBe('draft');
    expect(receiver.received.length).toBe(before);
  };

  it('refuses a marketing campaign whose template lacks the opt-out text (stored before the rule)', async () => {
    const { campaign, templateId } = await draft();
    // The template rule refuses such content today: a row written before it has it.
    await withClient(database.url, (client) =>
      client.query(`UPDATE "sms_templates" SET "content" = $1 WHERE "id" = $2`, [
        '{{surname}}您好，春节特惠全场八折',
        templateId,
      ]),
    );

    await refusedAtConfirm(campaign, 409, 'OptOutTextMissing');
  });

  it('refuses at confirm a template rejected since the campaign was made', async () => {
    const { campaign, templateId } = await draft();
    await admin
      .post(`/v1/admin/sms/templates/${templateId}/reject`, { reason: 'withdrawn by the carrier' })
      .expect(200);

    await refusedAtConfirm(campaign, 409, 'TemplateNotApproved');
  });

  it('refuses at confirm a template deleted since the campaign was made', async () => {
    const { campaign, templateId } = await draft();
    await admin.delete(`/v1/admin/sms/templates/${templateId}`).expect(204);

    await refusedAtConfirm(campaign, 404, 'TemplateNotFound');
  });

  it('refuses at confirm a signature rejected since the campaign was made, and sends once it is approved again', async () => {
    const { campaign } = await draft();
    await admin
      .post(`/v1/admin/sms/signatures/${signatureId}/reject`, { reason: 'withdrawn' })
      .expect(200);
    try {
      await refusedAtConfirm(campaign, 409, 'SignatureNotApproved');
    } finally {
      await admin.post(`/v1/admin/sms/signatures/${signatureId}/approve`).expect(200);
    }

    const confirmed = await admin.post(`/v1/admin/campaigns/${campaign.id}/confirm`).expect(200);
    expect(confirmed.body.status).toBe('sending');
  });

  it('refuses a rate above what the providers take a second, with the most they take', async () => {
    await approvedTemplate(admin, { name: 'rated', kind: 'marketing', content: SALE_TEMPLATE });
    const fields = { name: 'rated', kind: 'marketing', template: 'rated', signature: 'shop' };

    const tooFast = await admin.post('/v1/admin/campaigns', { ...fields, rate: 51 }).expect(400);
    expect(tooFast.body).toMatchObject({
      code: 'CampaignRateAboveProviders',
      maxRate: 50,
    });
    const atMost = await createCampaign(admin, { ...fields, rate: 50 });
    expect(atMost.rate).toBe(50);
  });
});
