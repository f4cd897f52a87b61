import { startTencentSmsFake } from '../fakes/tencent-sms.fake';
import type { TencentSmsFake } from '../fakes/tencent-sms.fake';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import {
  AdminApi,
  adminApi,
  approvedSignature,
  approvedTemplate,
  eventually,
  notifyAndSettle,
} from './catalog-api';

const TENCENT = { secretId: 'AKIDstats', secretKey: 'tencent-secret', sdkAppId: '1400006666' };
const TEST_NUMBER = '+8613800000055';
const RECEIPT_TOKEN = 'stats-receipt-token-0123';

interface Group {
  key: string | null;
  [count: string]: unknown;
}

describe('Statistics: counts, segments and the code conversion rate', () => {
  const receiver = new WebhookReceiver();
  let tencent: TencentSmsFake;
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  const stats = (query: Record<string, string>) => admin.get('/v1/admin/sms/stats', query);
  const groupsBy = async (groupBy: string): Promise<Group[]> =>
    (await stats({ groupBy }).expect(200)).body.groups;
  const group = (groups: Group[], key: string | null) => groups.find((g) => g.key === key);

  beforeAll(async () => {
    await receiver.start();
    tencent = await startTencentSmsFake({
      ...TENCENT,
      approvedSignNames: ['示例商城'],
      approvedTemplates: { '1110': { paramCount: 1, verificationCode: true } },
    });
    database = await createIsolatedDatabase();
    service = await startTestApp({
      // International numbers below: SMS_ALLOWED_REGIONS defaults to SMS_DEFAULT_REGION only.
      SMS_ALLOWED_REGIONS: '*',
      ...receiver.settings,
      DATABASE_URL: database.url,
      SMS_ROUTES: 'US=tencent',
      // Log-in codes go to phones that have no account yet.
      USER_SMS_SIGNUP_ON_LOGIN: 'true',
      SMS_TEST_NUMBERS: `${TEST_NUMBER}:111111`,
      SMS_RECEIPT_TOKEN: RECEIPT_TOKEN,
      TENCENT_SECRET_ID: TENCENT.secretId,
      TENCENT_SECRET_KEY: TENCENT.secretKey,
      TENCENT_SMS_SDK_APP_ID: TENCENT.sdkAppId,
      TENCENT_SMS_ENDPOINT: tencent.url,
    });
    admin = adminApi(service);

    await approvedSignature(admin, { name: 'main', content: '示例商城' });
    await approvedSignature(admin, { name: 'brand', content: 'Brand' });
    await approvedTemplate(admin, {
      name: 'login_code',
      kind: 'verification',
      purpose: 'login',
      content: '您的登录验证码是{{code}}',
      providerTemplateIds: { tencent: '1110' },
    });
    await approvedTemplate(admin, { name: 'shipped', kind: 'notification', content: '已发货' });

    const sendCode = (body: Record<string, unknown>) =>
      service
        .http()
        .post('/v1/sms/codes')
        .send({ purpose: 'login', ...body });
    const verify = (phone: string, code: string) =>
      service
        .http()
        .post('/v1/sms/codes/verify')
        .send({ phone, purpose: 'login', code })
        .expect(200);

    // Three login codes through the webhook, two verified.
    const [a, b, c] = [uniqueCnPhone(), uniqueCnPhone(), uniqueCnPhone()];
    for (const phone of [a, b, c]) await sendCode({ phone }).expect(202);
    await verify(a, receiver.lastCodeFor(a));
    await verify(b, receiver.lastCodeFor(b));
    // An operation code (built-in text) with another signature, never verified.
    await sendCode({ phone: uniqueCnPhone(), purpose: 'operation', signature: 'brand' }).expect(
      202,
    );
    // A send every provider failed.
    receiver.setMode({ status: 500 });
    await sendCode({ phone: uniqueCnPhone() }).expect(502);
    receiver.setMode('ok');
    // A notification.
    await notifyAndSettle(admin, { phone: uniqueCnPhone(), template: 'shipped' });
    // A US login code through Tencent, delivered and verified.
    const us = '+16502530123';
    await sendCode({ phone: us }).expect(202);
    const [toUs] = tencent.sent;
    await service
      .http()
      .post('/v1/sms/receipts/tencent')
      .query({ token: RECEIPT_TOKEN })
      .send([{ sid: toUs.serialNo, report_status: 'SUCCESS', errmsg: 'DELIVRD' }])
      .expect(200);
    await verify(us, toUs.templateParams[0]);
    // A test number: recorded, but not counted.
    await sendCode({ phone: TEST_NUMBER }).expect(202);
  });

  afterAll(async () => {
    await service.close();
    await receiver.stop();
    await tencent.close();
    await database.drop();
  });

  it('totals every message except test numbers, with the conversion rate', async () => {
    await eventually(async () => {
      const report = await stats({}).expect(200);
      expect(report.body.totals).toEqual({
        messages: 7,
        sent: 5,
        delivered: 1,
        undelivered: 0,
        unknown: 0,
        failed: 1,
        segments: 6,
        codesSent: 5,
        codesVerified: 3,
        conversionRate: 0.6,
        optOuts: 0,
        deliveryRate: 0.1667,
        optOutRate: 0,
      });
    });
  });

  it('groups by day (UTC) by default', async () => {
    const report = await stats({}).expect(200);
    expect(report.body.groupBy).toBe('day');
    expect(report.body.groups).toEqual([
      expect.objectContaining({ key: new Date().toISOString().slice(0, 10), messages: 7 }),
    ]);
    expect(new Date(report.body.to).getTime() - new Date(report.body.from).getTime()).toBe(
      30 * 24 * 3600 * 1000,
    );
  });

  it('groups by template, the built-in text under null', async () => {
    const groups = await groupsBy('template');
    expect(groups.map((g) => g.key)).toEqual(['login_code', 'shipped', null]);
    expect(group(groups, 'login_code')).toMatchObject({
      messages: 5,
      failed: 1,
      codesSent: 4,
      codesVerified: 3,
      conversionRate: 0.75,
    });
    expect(group(groups, null)).toMatchObject({ messages: 1, codesSent: 1, conversionRate: 0 });
    expect(group(groups, 'shipped')).toMatchObject({
      messages: 1,
      codesSent: 0,
      conversionRate: null,
    });
  });

  it('groups by signature, provider, status and region', async () => {
    const signatures = await groupsBy('signature');
    expect(group(signatures, '示例商城')).toMatchObject({ messages: 6 });
    expect(group(signatures, 'Brand')).toMatchObject({ messages: 1 });

    const providers = await groupsBy('provider');
    expect(group(providers, 'webhook')).toMatchObject({ messages: 6, failed: 1, segments: 5 });
    expect(group(providers, 'tencent')).toMatchObject({ messages: 1, delivered: 1 });
    expect(group(providers, 'test')).toBeUndefined();

    const statuses = await groupsBy('status');
    expect(Object.fromEntries(statuses.map((g) => [g.key, g.messages]))).toEqual({
      sent: 5,
      failed: 1,
      delivered: 1,
    });

    const regions = await groupsBy('region');
    expect(Object.fromEntries(regions.map((g) => [g.key, g.messages]))).toEqual({ CN: 6, US: 1 });
  });

  it('counts nothing outside the range', async () => {
    const from = new Date(Date.now() + 3600_000).toISOString();
    const to = new Date(Date.now() + 7200_000).toISOString();
    const report = await stats({ from, to, groupBy: 'provider' }).expect(200);
    expect(report.body.groups).toEqual([]);
    expect(report.body.totals).toMatchObject({ messages: 0, conversionRate: null });
  });

  it.each([
    ['from after to', { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }],
    ['a range over 366 days', { from: '2024-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }],
    ['an unknown grouping', { groupBy: 'phone' }],
    ['a date that is not ISO 8601', { from: 'last week' }],
    ['an unknown parameter', { sort: 'desc' }],
  ])('refuses %s with InValidParam', async (_case, query) => {
    expect((await stats(query).expect(400)).body.code).toBe('InValidParam');
  });

  it('is for admins only', async () => {
    await service.http().get('/v1/admin/sms/stats').expect(401);
  });
});
