import { startAliyunSmsFake } from '../fakes/aliyun-sms.fake';
import type { AliyunFakeSentMessage, AliyunSmsFake } from '../fakes/aliyun-sms.fake';
import { startTencentSmsFake } from '../fakes/tencent-sms.fake';
import type { TencentFakeSentMessage, TencentSmsFake } from '../fakes/tencent-sms.fake';
import { pushAliyunReplies, pushTencentReply, tencentReplyBody } from '../fakes/sms-reply-push';
import { SuppressionList } from '@app/delivery';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { parsePrometheusText, Sample, valueOf } from '../support/prometheus-text';
import { startTestApp, TEST_ADMIN_KEY, TestApp } from '../support/test-app';
import {
  AdminApi,
  adminApi,
  approvedSignature,
  approvedTemplate,
  CatalogEntry,
  notifyAndSettle,
  settledMessage,
} from './catalog-api';

const RECEIPT_TOKEN = 'reply-token-0123456789';
const METRICS_TOKEN = 'opt-out-metrics-token-0123456789abcdef';
const TENCENT = { secretId: 'AKIDoptout', secretKey: 'tencent-secret', sdkAppId: '1400006666' };
const ALIYUN = { accessKeyId: 'LTAIoptout', accessKeySecret: 'aliyun-secret' };
const MAIN = '示例商城';
const OTHER = '另一品牌';

describe('Opt-out: replies, the suppression lists, and what they hold back', () => {
  let tencent: TencentSmsFake;
  let aliyun: AliyunSmsFake;
  let database: IsolatedDatabase;
  let service: TestApp;
  let baseUrl: string;
  let admin: AdminApi;
  let main: CatalogEntry;

  beforeAll(async () => {
    const templates = {
      '1110': { paramCount: 1, verificationCode: true },
      '2001': { paramCount: 0 },
    };
    tencent = await startTencentSmsFake({
      ...TENCENT,
      approvedSignNames: [MAIN, OTHER],
      approvedTemplates: templates,
    });
    aliyun = await startAliyunSmsFake({
      ...ALIYUN,
      approvedSignNames: [MAIN, OTHER],
      approvedTemplates: { SMS_1: { variables: ['code'] }, SMS_2: { variables: [] } },
    });
    database = await createIsolatedDatabase();
    service = await startTestApp({
      DATABASE_URL: database.url,
      SMS_PROVIDER: 'tencent,aliyun',
      SMS_RECEIPT_TOKEN: RECEIPT_TOKEN,
      METRICS_TOKEN,
      SMS_NOTIFICATION_RETRY_DELAY_MS: '200',
      TENCENT_SECRET_ID: TENCENT.secretId,
      TENCENT_SECRET_KEY: TENCENT.secretKey,
      TENCENT_SMS_SDK_APP_ID: TENCENT.sdkAppId,
      TENCENT_SMS_ENDPOINT: tencent.url,
      ALIYUN_ACCESS_KEY_ID: ALIYUN.accessKeyId,
      ALIYUN_ACCESS_KEY_SECRET: ALIYUN.accessKeySecret,
      ALIYUN_SMS_ENDPOINT: aliyun.url,
    });
    baseUrl = await service.listen();
    admin = adminApi(service);
    main = await approvedSignature(admin, { name: 'main', content: MAIN });
    await approvedSignature(admin, { name: 'other', content: OTHER });
    await approvedTemplate(admin, {
      name: 'code',
      kind: 'verification',
      purpose: 'operation',
      content: '验证码{{code}}',
      providerTemplateIds: { tencent: '1110', aliyun: 'SMS_1' },
    });
    await approvedTemplate(admin, {
      name: 'sale',
      kind: 'marketing',
      purpose: 'promotion',
      content: '双十一全场八折。拒收请回复R',
      providerTemplateIds: { tencent: '2001', aliyun: 'SMS_2' },
    });
    await approvedTemplate(admin, {
      name: 'shipped',
      kind: 'notification',
      content: '您的订单已发出',
      providerTemplateIds: { tencent: '2001', aliyun: 'SMS_2' },
    });
    // Two fakes, an app and five catalogue entries: slow on a loaded machine.
  }, 90_000);

  afterAll(async () => {
    await service.close();
    await Promise.all([tencent.close(), aliyun.close()]);
    await database.drop();
  });

  const replyUrl = (provider: string, token = RECEIPT_TOKEN) =>
    `${baseUrl}/v1/sms/replies/${provider}?token=${encodeURIComponent(token)}`;
  const postReply = (provider: string, body: unknown, query: Record<string, string> = {}) =>
    service
      .http()
      .post(`/v1/sms/replies/${provider}`)
      .query({ token: RECEIPT_TOKEN, ...query })
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body));
  const marketing = (phone: string, signature = 'main') =>
    admin.post('/v1/admin/sms/messages', { phone, template: 'sale', signature });
  const repliesOf = async (phone: string) =>
    (await admin.get('/v1/admin/sms/replies', { phone }).expect(200)).body.items;
  const suppressionsOf = async (phone: string) =>
    (await admin.get('/v1/admin/sms/suppressions', { phone }).expect(200)).body.items;
  const upload = (csv: string, signature = 'main') =>
    service
      .http()
      .post('/v1/admin/sms/suppressions/import')
      .query({ signature })
      .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
      .attach('file', Buffer.from(csv, 'utf8'), { filename: 'list.csv', contentType: 'text/csv' });
  const scrape = async (): Promise<Sample[]> =>
    parsePrometheusText(
      (
        await service
          .http()
          .get('/metrics')
          .set('Authorization', `Bearer ${METRICS_TOKEN}`)
          .expect(200)
      ).text,
    );

  /** A marketing message through Tencent, as the fake got it. */
  const marketingThroughTencent = async (phone: string): Promise<TencentFakeSentMessage> => {
    const record = await notifyAndSettle(admin, { phone, template: 'sale' });
    expect(record).toMatchObject({ status: 'sent', provider: 'tencent' });
    const sent = tencent.sent.find((message) => message.phoneNumber === phone);
    if (!sent) throw new Error('Tencent fake got no message');
    return sent;
  };

  /** A marketing message through Aliyun (Tencent answering 500, so the send fails over). */
  const marketingThroughAliyun = async (phone: string): Promise<AliyunFakeSentMessage> => {
    tencent.setMode('error500');
    try {
      const record = await notifyAndSettle(admin, { phone, template: 'sale' });
      expect(record).toMatchObject({ status: 'sent', provider: 'aliyun' });
    } finally {
      tencent.setMode('ok');
    }
    const sent = aliyun.sent.find((message) => `+86${message.phoneNumbers}` === phone);
    if (!sent) throw new Error('Aliyun fake got no message');
    return sent;
  };

  describe('replies through the vendors’ callbacks', () => {
    it('Tencent: an "R" reply suppresses the number for that signature only; codes and notifications still go out', async () => {
      const phone = uniqueCnPhone();
      const sent = await marketingThroughTencent(phone);
      const pushed = await tencent.pushReply(replyUrl('tencent'), sent, { text: ' r ' });
      expect(pushed).toEqual({ status: 200, body: { result: 0, errmsg: 'OK' }, accepted: true });

      const [reply] = await repliesOf(phone);
      const message = (await admin.get('/v1/admin/sms/messages', { phone }).expect(200)).body
        .items[0];
      expect(reply).toMatchObject({
        provider: 'tencent',
        phone,
        signatureId: main.id,
        signature: 'main',
        signName: MAIN,
        text: ' r ',
        optOut: true,
        messageId: message.id,
      });
      expect(await suppressionsOf(phone)).toEqual([
        expect.objectContaining({
          signatureId: main.id,
          signature: 'main',
          phone,
          reason: 'reply',
          replyId: reply.id,
        }),
      ]);

      const refused = await marketing(phone).expect(409);
      expect(refused.body).toMatchObject({ code: 'PhoneSuppressed' });
      // Another brand's marketing, a notification and a verification code are not held back.
      await marketing(phone, 'other').expect(202);
      await admin.post('/v1/admin/sms/messages', { phone, template: 'shipped' }).expect(202);
      await service.http().post('/v1/sms/codes').send({ phone }).expect(202);
    });

    it('Tencent: the same reply pushed twice is recorded once', async () => {
      const phone = uniqueCnPhone();
      const sent = await marketingThroughTencent(phone);
      const time = Math.floor(Date.now() / 1000);
      for (let push = 0; push < 2; push++) {
        expect(
          (await tencent.pushReply(replyUrl('tencent'), sent, { text: 'TD', time })).accepted,
        ).toBe(true);
      }
      expect(await repliesOf(phone)).toHaveLength(1);
      expect(await suppressionsOf(phone)).toHaveLength(1);
    });

    it('Aliyun: one SmsUp batch in both documented variants; only the opt-out suppresses', async () => {
      const optingOut = uniqueCnPhone();
      const asking = uniqueCnPhone();
      const first = await marketingThroughAliyun(optingOut);
      const second = await marketingThroughAliyun(asking);
      const pushed = await aliyun.pushReplies(replyUrl('aliyun'), [
        // The current page's variant: no sign_name, sequence_id a string; full-width letters.
        { message: first, content: 'ＴＤ' },
        // The older variant: sign_name, a numeric sequence_id, a compact time.
        {
          message: second,
          content: '什么时候发货？',
          withSignName: true,
          sequenceId: Date.now(),
          timeFormat: 'compact',
        },
      ]);
      expect(pushed).toEqual({ status: 200, body: { code: 0, msg: '接收成功' }, accepted: true });

      // No sign_name: the signature is the one of the message the reply answers.
      expect((await repliesOf(optingOut))[0]).toMatchObject({
        provider: 'aliyun',
        signature: 'main',
        optOut: true,
        messageId: expect.any(String),
      });
      expect((await suppressionsOf(optingOut))[0]).toMatchObject({
        reason: 'reply',
        signature: 'main',
      });
      await marketing(optingOut).expect(409);

      expect((await repliesOf(asking))[0]).toMatchObject({
        signName: MAIN,
        signature: 'main',
        text: '什么时候发货？',
        optOut: false,
      });
      expect(await suppressionsOf(asking)).toEqual([]);
      await marketing(asking).expect(202);
    });

    it('records a reply it cannot match to a signature, suppressing nothing', async () => {
      const phone = uniqueCnPhone();
      const pushed = await pushAliyunReplies(replyUrl('aliyun'), [{ phone, content: '退订' }]);
      expect(pushed.accepted).toBe(true);
      expect((await repliesOf(phone))[0]).toMatchObject({ optOut: true, text: '退订' });
      expect((await repliesOf(phone))[0].signatureId).toBeUndefined();
      expect(await suppressionsOf(phone)).toEqual([]);
    });

    it('lets the admin read the other replies, filtered', async () => {
      const phone = uniqueCnPhone();
      await pushTencentReply(replyUrl('tencent'), { phone, sign: MAIN, text: '谢谢' });
      await pushTencentReply(replyUrl('tencent'), { phone, sign: MAIN, text: 'N' });
      const others = await admin
        .get('/v1/admin/sms/replies', { phone, optOut: 'false', signature: 'main' })
        .expect(200);
      expect(others.body).toMatchObject({ total: 1, items: [{ text: '谢谢', optOut: false }] });
      const optOuts = await admin
        .get('/v1/admin/sms/replies', { phone, optOut: 'true', signature: main.id })
        .expect(200);
      expect(optOuts.body).toMatchObject({ total: 1, items: [{ text: 'N', optOut: true }] });
    });

    it('refuses callbacks without the receipt token', async () => {
      const body = tencentReplyBody({ phone: uniqueCnPhone(), sign: MAIN, text: 'R' });
      for (const provider of ['tencent', 'aliyun']) {
        const none = await service
          .http()
          .post(`/v1/sms/replies/${provider}`)
          .send(body)
          .expect(401);
        expect(none.body.code).toBe('Unauthorized');
        const wrong = await postReply(provider, body, { token: 'not-the-token-at-all' }).expect(
          401,
        );
        expect(wrong.body.code).toBe('Unauthorized');
      }
      expect(
        (
          await pushTencentReply(replyUrl('tencent', 'wrong-token-0123456789'), {
            phone: uniqueCnPhone(),
            sign: MAIN,
            text: 'R',
          })
        ).accepted,
      ).toBe(false);
    });

    it.each([
      ['tencent', 'an array', [{ mobile: '13800138000' }]],
      ['tencent', 'no mobile', { nationcode: '86', sign: MAIN, text: 'R', time: 1796150800 }],
      [
        'tencent',
        'time as text',
        { mobile: '13800138000', nationcode: '86', sign: MAIN, text: 'R', time: 'now' },
      ],
      [
        'tencent',
        'a number of no served region',
        { mobile: '12345', nationcode: '86', sign: MAIN, text: 'R', time: 1796150800 },
      ],
      ['aliyun', 'an object', { phone_number: '13800138000', content: 'R' }],
      ['aliyun', 'nothing readable', [{ content: 'R' }, 'garbage']],
      ['aliyun', 'a bare string', 'R'],
    ])(
      'refuses a %s callback with %s: 400 ReplyCallbackInvalid, nothing recorded',
      async (provider, _case, body) => {
        const response = await postReply(provider, body).expect(400);
        expect(response.body).toMatchObject({ statusCode: 400, code: 'ReplyCallbackInvalid' });
      },
    );

    it('takes an Aliyun batch with some unreadable entries, recording the readable ones', async () => {
      const phone = uniqueCnPhone();
      await postReply('aliyun', [
        { phone_number: phone.slice(3), content: 'hello', sequence_id: `${Date.now()}1` },
        { content: 'no phone' },
      ]).expect(200, { code: 0, msg: '接收成功' });
      expect(await repliesOf(phone)).toHaveLength(1);
    });
  });

  describe('by the admin', () => {
    it('adds, lists, and removes a number; the list decides marketing sends', async () => {
      const phone = uniqueCnPhone();
      const added = await admin
        .post('/v1/admin/sms/suppressions', { signature: 'main', phone: phone.slice(3) })
        .expect(201);
      expect(added.body).toMatchObject({
        phone,
        signature: 'main',
        signatureId: main.id,
        reason: 'admin',
      });
      const again = await admin
        .post('/v1/admin/sms/suppressions', { signature: main.id, phone })
        .expect(409);
      expect(again.body.code).toBe('PhoneAlreadySuppressed');

      const listed = await admin
        .get('/v1/admin/sms/suppressions', { signature: main.id, reason: 'admin', pageSize: 100 })
        .expect(200);
      expect(listed.body.items.map((entry: { phone: string }) => entry.phone)).toContain(phone);
      await marketing(phone).expect(409);

      await admin.delete(`/v1/admin/sms/suppressions/${added.body.id}`).expect(204);
      const gone = await admin.delete(`/v1/admin/sms/suppressions/${added.body.id}`).expect(404);
      expect(gone.body.code).toBe('SuppressionNotFound');
      await marketing(phone).expect(202);
    });

    it('refuses an unknown signature and a bad phone with their codes', async () => {
      const unknown = await admin
        .post('/v1/admin/sms/suppressions', { signature: 'nobody', phone: uniqueCnPhone() })
        .expect(404);
      expect(unknown.body.code).toBe('SignatureNotFound');
      const bad = await admin
        .post('/v1/admin/sms/suppressions', { signature: 'main', phone: '12345' })
        .expect(400);
      expect(bad.body.code).toBe('PhoneInvalid');
    });

    it('drops a queued marketing message whose number opts out before it goes out', async () => {
      const phone = uniqueCnPhone();
      tencent.setMode('error500');
      aliyun.setMode('error500');
      try {
        const queued = await marketing(phone).expect(202);
        await admin.post('/v1/admin/sms/suppressions', { signature: 'main', phone }).expect(201);
        tencent.setMode('ok');
        aliyun.setMode('ok');
        const record = await settledMessage(admin, queued.body.id as string);
        expect(record).toMatchObject({ status: 'failed', errorCode: 'PhoneSuppressed' });
      } finally {
        tencent.setMode('ok');
        aliyun.setMode('ok');
      }
      expect(tencent.sent.some((message) => message.phoneNumber === phone)).toBe(false);
    });
  });

  describe('by CSV import', () => {
    it('imports a streamed CSV, reporting rejected rows with their row and reason', async () => {
      const [first, second, third] = [uniqueCnPhone(), uniqueCnPhone(), uniqueCnPhone()];
      await admin
        .post('/v1/admin/sms/suppressions', { signature: 'main', phone: third })
        .expect(201);
      const csv = [
        'name,phone',
        `Ann,${first}`,
        `Bob,${second.slice(3)}`,
        'Cat,12345',
        'Dan,',
        `Eve,${first}`,
        `Fay,${third}`,
        'Gus,+8613800１38000',
      ].join('\r\n');
      const response = await upload(csv).expect(200);
      expect(response.body).toEqual({
        accepted: 4,
        added: 2,
        alreadySuppressed: 2,
        rejected: 3,
        rejectedRows: [
          { row: 4, value: '12345', code: 'PhoneInvalid', reason: expect.any(String) },
          { row: 5, value: '', code: 'PhoneMissing', reason: 'No phone in this row' },
          { row: 8, value: '+8613800１38000', code: 'PhoneInvalid', reason: expect.any(String) },
        ],
      });
      for (const phone of [first, second]) {
        expect(await suppressionsOf(phone)).toEqual([
          expect.objectContaining({ reason: 'import', signature: 'main' }),
        ]);
      }
      expect((await suppressionsOf(third))[0].reason).toBe('admin');
      await marketing(second).expect(409);
    });

    it('reads the first column when there is no header, and rejects a malformed row', async () => {
      const [first, second, third] = [uniqueCnPhone(), uniqueCnPhone(), uniqueCnPhone()];
      // An unclosed quote leaves the parser in the quote up to the end: the last row is lost.
      const csv = `${first}\n\n${second}\n${third}\n"+86138001380`;
      const response = await upload(csv, 'other').expect(200);
      expect(response.body).toEqual({
        accepted: 3,
        added: 3,
        alreadySuppressed: 0,
        rejected: 1,
        rejectedRows: [{ row: 5, value: '', code: 'CsvUnreadable', reason: expect.any(String) }],
      });
      expect((await suppressionsOf(third))[0]).toMatchObject({
        signature: 'other',
        reason: 'import',
      });
    });

    it('refuses an import without a file, for an unknown signature, or not multipart', async () => {
      const noFile = await service
        .http()
        .post('/v1/admin/sms/suppressions/import')
        .query({ signature: 'main' })
        .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
        .field('note', 'no file here')
        .expect(400);
      expect(noFile.body.code).toBe('SuppressionImportInvalid');
      const unknown = await upload(`${uniqueCnPhone()}\n`, 'nobody').expect(404);
      expect(unknown.body.code).toBe('SignatureNotFound');
      const json = await admin
        .post('/v1/admin/sms/suppressions/import?signature=main', {})
        .expect(415);
      expect(json.body.code).toBe('UnsupportedMediaType');
      const elsewhere = await service
        .http()
        .post('/v1/admin/sms/suppressions')
        .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
        .attach('file', Buffer.from('x'), 'list.csv')
        .expect(415);
      expect(elsewhere.body.code).toBe('UnsupportedMediaType');
      const noKey = await service
        .http()
        .post('/v1/admin/sms/suppressions/import')
        .query({ signature: 'main' })
        .attach('file', Buffer.from(`${uniqueCnPhone()}\n`), 'list.csv')
        .expect(401);
      expect(noKey.body.code).toBe('Unauthorized');
    });
  });

  // The interface campaigns read the list through: no HTTP route, so it is asked directly.
  it("SuppressionList answers which numbers of a chunk are on a signature's list", async () => {
    const list = service.app.get(SuppressionList);
    const phones = Array.from({ length: 1000 }, () => uniqueCnPhone());
    const other = (
      await admin.get('/v1/admin/sms/signatures', { pageSize: 100 }).expect(200)
    ).body.items.find((signature: CatalogEntry) => signature.name === 'other') as CatalogEntry;
    await upload(['phone', phones[3], phones[500], phones[999]].join('\n'), 'main').expect(200);
    await admin
      .post('/v1/admin/sms/suppressions', { signature: 'other', phone: phones[4] })
      .expect(201);

    expect(await list.suppressedAmong(main.id, phones)).toEqual(
      new Set([phones[3], phones[500], phones[999]]),
    );
    expect(await list.suppressedAmong(other.id, phones)).toEqual(new Set([phones[4]]));
    expect(await list.suppressedAmong(main.id, [])).toEqual(new Set());
    expect(await list.isSuppressed(main.id, phones[500])).toBe(true);
    expect(await list.isSuppressed(main.id, phones[4])).toBe(false);
  });

  it('counts replies, suppressions and held-back messages in /metrics', async () => {
    const before = await scrape();
    const phone = uniqueCnPhone();
    const sent = await marketingThroughTencent(phone);
    await tencent.pushReply(replyUrl('tencent'), sent, { text: 'STOP' });
    await tencent.pushReply(replyUrl('tencent'), sent, { text: 'hi', time: 1796150800 });
    await tencent.pushReply(replyUrl('tencent'), sent, { text: 'hi', time: 1796150800 });
    await postReply('tencent', []).expect(400);
    await marketing(phone).expect(409);
    const csvPhone = uniqueCnPhone();
    await upload(`phone\n${csvPhone}\n`).expect(200);
    const added = await admin
      .post('/v1/admin/sms/suppressions', { signature: 'other', phone })
      .expect(201);
    await admin.delete(`/v1/admin/sms/suppressions/${added.body.id}`).expect(204);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string> = {}) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);
    expect(delta('smsauth_replies_total', { provider: 'tencent', kind: 'opt_out' })).toBe(1);
    expect(delta('smsauth_replies_total', { provider: 'tencent', kind: 'other' })).toBe(1);
    expect(delta('smsauth_replies_total', { provider: 'tencent', kind: 'duplicate' })).toBe(1);
    expect(delta('smsauth_replies_total', { provider: 'tencent', kind: 'unreadable' })).toBe(1);
    expect(delta('smsauth_suppressions_added_total', { reason: 'reply' })).toBe(1);
    expect(delta('smsauth_suppressions_added_total', { reason: 'import' })).toBe(1);
    expect(delta('smsauth_suppressions_added_total', { reason: 'admin' })).toBe(1);
    expect(delta('smsauth_suppressions_removed_total')).toBe(1);
    expect(delta('smsauth_messages_suppressed_total')).toBe(1);
  });
});
