import { randomInt } from 'node:crypto';
import { startAliyunVmsFake } from '../fakes/aliyun-vms.fake';
import type { AliyunVmsFake } from '../fakes/aliyun-vms.fake';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { uniqueCnPhone } from '../support/phones';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { AdminApi, adminApi, approvedTemplate } from './catalog-api';

const ALIYUN = { accessKeyId: 'LTAIvoicetemplates', accessKeySecret: 'aliyun-template-secret' };
/** A US number: the webhook calls it (Aliyun, routed for CN, calls the mainland only). */
const uniqueUsPhone = (): string => `+1650255${String(randomInt(10_000)).padStart(4, '0')}`;
const spelled = (code: string) => code.split('').join(' ');

describe('Admin: voice templates, with the voice rules, through the template API', () => {
  const receiver = new WebhookReceiver();
  let aliyun: AliyunVmsFake;
  let database: IsolatedDatabase;
  let service: TestApp;
  let admin: AdminApi;

  beforeAll(async () => {
    await receiver.start();
    aliyun = await startAliyunVmsFake({
      ...ALIYUN,
      approvedTemplates: {
        TTS_100001: { variables: ['code'], voiceCode: true },
        TTS_200002: { variables: ['code'], voiceCode: true },
      },
    });
    database = await createIsolatedDatabase();
    service = await startTestApp({
      DATABASE_URL: database.url,
      ...receiver.settings,
      SMS_DEFAULT_LOCALE: 'zh-CN',
      // A US phone too: only the default region is open by default.
      SMS_ALLOWED_REGIONS: '*',
      VOICE_PROVIDER: 'webhook',
      VOICE_ROUTES: 'CN=aliyun',
      ALIYUN_ACCESS_KEY_ID: ALIYUN.accessKeyId,
      ALIYUN_ACCESS_KEY_SECRET: ALIYUN.accessKeySecret,
      ALIYUN_VOICE_TTS_CODE: 'TTS_100001',
      ALIYUN_VOICE_ENDPOINT: aliyun.url,
    });
    admin = adminApi(service);
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([aliyun.close(), receiver.stop()]);
    await database.drop();
  });

  const base = '/v1/admin/sms/templates';
  let sequence = 0;
  const uniqueName = () => `voice_${++sequence}`;
  const voice = (fields: Record<string, unknown> = {}) => ({
    name: uniqueName(),
    kind: 'verification',
    channel: 'voice',
    purpose: 'operation',
    content: '您的验证码是{{code}}，{{ttl}}分钟内有效。再说一遍，{{code}}。',
    ...fields,
  });
  const problemsOf = async (body: Record<string, unknown>) => {
    const refused = await admin.post(base, body).expect(400);
    expect(refused.body.code).toBe('TemplateInvalid');
    return refused.body.errors.map((error: { message: string }) => error.message);
  };

  it('creates a voice template, shown and listed under channel voice', async () => {
    const created = await admin.post(base, voice({ name: 'call_code' })).expect(201);

    expect(created.body).toMatchObject({
      name: 'call_code',
      kind: 'verification',
      channel: 'voice',
      purpose: 'operation',
      locale: 'zh-CN',
      variables: ['code', 'ttl'],
      status: 'pending',
    });
    await admin.get(`${base}/${created.body.id}`).expect(200, created.body);
    const voiceList = await admin.get(base, { channel: 'voice' }).expect(200);
    expect(voiceList.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
    expect(
      voiceList.body.items.every((item: { channel: string }) => item.channel === 'voice'),
    ).toBe(true);
    const smsList = await admin.get(base, { channel: 'sms' }).expect(200);
    expect(smsList.body.items.map((item: { id: string }) => item.id)).not.toContain(
      created.body.id,
    );
  });

  it('checks the voice rules: a code read out, no caller variable, signature or link', async () => {
    expect(await problemsOf(voice({ content: '您好，{{name}}' }))).toEqual([
      'A verification template must contain {{code}}',
    ]);
    expect(await problemsOf(voice({ content: '验证码{{code}}，订单{{order}}' }))).toEqual([
      '{{order}} cannot be read out: a voice template takes only {{code}}, {{ttl}}, {{name}}',
    ]);
    expect(await problemsOf(voice({ content: '{{sign}}验证码{{code}}' }))).toEqual([
      '{{sign}} cannot be read out: a voice template takes only {{code}}, {{ttl}}, {{name}}',
    ]);
    expect(await problemsOf(voice({ content: '【示例商城】验证码{{code}}' }))).toEqual([
      'A voice template has no signature: the content may not contain 【 or 】',
    ]);
    expect(
      await problemsOf(voice({ content: '验证码{{code}}，详见 https://example.test/x' })),
    ).toEqual(['A voice template may not contain a link']);
    expect(
      await problemsOf(
        voice({ kind: 'notification', purpose: undefined, content: '您的包裹已到' }),
      ),
    ).toEqual(['A voice template is a verification template: a call reads a code only']);
    expect(await problemsOf(voice({ content: `${'验'.repeat(340)}{{code}}` }))).toEqual([
      'Read out with the longest code the text would be 355 characters; at most 350 are allowed',
    ]);
  });

  it('refuses a Tencent id on a voice template and an unknown channel, field by field', async () => {
    const tencentId = await admin
      .post(base, voice({ providerTemplateIds: { tencent: '1110' } }))
      .expect(400);
    expect(tencentId.body.code).toBe('InValidParam');
    expect(tencentId.body.errors).toEqual([
      { field: 'providerTemplateIds.tencent', message: expect.stringMatching(/SendCodeVoice/) },
    ]);
    const unknown = await admin.post(base, voice({ channel: 'fax' })).expect(400);
    expect(unknown.body.code).toBe('InValidParam');
    expect(unknown.body.errors).toEqual([{ field: 'channel', message: expect.any(String) }]);
    const listed = await admin.get(base, { channel: 'fax' }).expect(400);
    expect(listed.body.code).toBe('InValidParam');
  });

  it('edits a voice template under the voice rules; a new text or channel is reviewed again', async () => {
    const template = await approvedTemplate(admin, voice({ purpose: 'login' }));

    const refused = await admin
      .patch(`${base}/${template.id}`, { content: '验证码{{code}} {{order}}' })
      .expect(400);
    expect(refused.body.code).toBe('TemplateInvalid');
    const edited = await admin
      .patch(`${base}/${template.id}`, { content: '{{name}}的验证码是{{code}}' })
      .expect(200);
    expect(edited.body).toMatchObject({ channel: 'voice', status: 'pending' });

    const sms = await approvedTemplate(admin, {
      name: uniqueName(),
      kind: 'verification',
      purpose: 'login',
      content: '验证码{{code}}，订单{{order}}',
    });
    const toVoice = await admin.patch(`${base}/${sms.id}`, { channel: 'voice' }).expect(400);
    expect(toVoice.body.code).toBe('TemplateInvalid');
    const moved = await admin
      .patch(`${base}/${sms.id}`, { channel: 'voice', content: '验证码{{code}}' })
      .expect(200);
    expect(moved.body).toMatchObject({ channel: 'voice', status: 'pending' });
  });

  it('reads the approved voice template in a call, billed as one call however long, and leaves SMS codes to SMS templates', async () => {
    const warning =
      ' Nobody from our team will ever ask you for this code: do not tell it to anyone who calls' +
      ' you, and hang up if someone does. If you did not ask for it, you can ignore this call.';
    const template = await approvedTemplate(
      admin,
      voice({
        purpose: 'signup',
        locale: 'en',
        content: `Your {{name}} code: {{code}}. Again: {{code}}.${warning}`,
      }),
    );
    expect(template.status).toBe('approved');
    const phone = uniqueUsPhone();

    await service
      .http()
      .post('/v1/sms/codes')
      .send({ phone, channel: 'voice', purpose: 'signup' })
      .expect(202);

    const [call] = receiver.messagesTo(phone);
    expect(call.channel).toBe('voice');
    const { code } = call.variables;
    expect(call.content.startsWith('Your ')).toBe(true);
    expect(
      call.content.endsWith(`code: ${spelled(code)}. Again: ${spelled(code)}.${warning}`),
    ).toBe(true);
    // Over 200 characters, 3 SMS segments' worth: a call is billed once.
    expect(call.content.length).toBeGreaterThan(200);
    const records = await admin.get('/v1/admin/sms/messages', { phone }).expect(200);
    expect(records.body.items[0]).toMatchObject({ channel: 'voice', segments: 1 });

    const smsPhone = uniqueUsPhone();
    await service
      .http()
      .post('/v1/sms/codes')
      .send({ phone: smsPhone, purpose: 'signup' })
      .expect(202);
    const [sms] = receiver.messagesTo(smsPhone);
    expect(sms.channel).toBe('sms');
    expect(sms.content).not.toContain('Again:');
  });

  it("calls with the voice template's own Aliyun TTS template", async () => {
    await approvedTemplate(
      admin,
      voice({
        purpose: 'signup',
        content: '您的验证码是{{code}}',
        providerTemplateIds: { aliyun: 'TTS_200002' },
      }),
    );
    const phone = uniqueCnPhone();

    await service
      .http()
      .post('/v1/sms/codes')
      .send({ phone, channel: 'voice', purpose: 'signup' })
      .expect(202);

    const call = aliyun.calls.find((placed) => placed.calledNumber === phone.slice(3));
    expect(call).toMatchObject({ ttsCode: 'TTS_200002' });
    expect(call?.ttsParam.code).toMatch(/^\d{6}$/);
  });

  it('keeps the only approved voice template of a purpose, whatever the SMS ones', async () => {
    await approvedTemplate(admin, {
      name: uniqueName(),
      kind: 'verification',
      purpose: 'operation',
      content: '验证码{{code}}',
    });
    const only = await approvedTemplate(admin, voice({ purpose: 'operation' }));

    const refused = await admin.delete(`${base}/${only.id}`).expect(409);

    expect(refused.body.code).toBe('TemplateInUse');
    expect(refused.body.message).toMatch(/only approved voice template/);
    await approvedTemplate(admin, voice({ purpose: 'operation' }));
    await admin.delete(`${base}/${only.id}`).expect(204);
  });
});
