import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startAliyunSmsFake } from '../fakes/aliyun-sms.fake';
import type { AliyunFakeSentMessage, AliyunSmsFake } from '../fakes/aliyun-sms.fake';
import { startTencentSmsFake } from '../fakes/tencent-sms.fake';
import type { TencentFakeSentMessage, TencentSmsFake } from '../fakes/tencent-sms.fake';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { AdminApi, adminApi, approvedSignature, approvedTemplate } from './catalog-api';

const TENCENT = { secretId: 'AKIDtemplates', secretKey: 'tencent-secret', sdkAppId: '1400006666' };
const ALIYUN = { accessKeyId: 'LTAItemplates', accessKeySecret: 'aliyun-secret' };

/**
 * The Tencent and Aliyun fakes, a database of its own and an app sending through
 * `tencent,aliyun`, with a catalogue both fakes know:
 * - signature `main` (示例商城, approved by both fakes) and `unfiled` (未备案, by neither);
 * - `login_code` (login; Tencent 1110, Aliyun SMS_1), `reset_code` (operation; Aliyun
 *   SMS_3 only), `shipped` (notification; Tencent 2220, Aliyun SMS_2).
 */
export class ProviderFixture {
  tencent: TencentSmsFake;
  aliyun: AliyunSmsFake;
  database: IsolatedDatabase;
  service: TestApp;
  admin: AdminApi;

  async start(): Promise<void> {
    this.tencent = await startTencentSmsFake({
      ...TENCENT,
      approvedSignNames: ['示例商城'],
      approvedTemplates: {
        '1110': { paramCount: 2, verificationCode: true },
        '2220': { paramCount: 1 },
      },
    });
    this.aliyun = await startAliyunSmsFake({
      ...ALIYUN,
      approvedSignNames: ['示例商城'],
      approvedTemplates: {
        SMS_1: { variables: ['ttl', 'code'] },
        SMS_2: { variables: ['order'] },
        SMS_3: { variables: ['code'] },
      },
    });
    this.database = await createIsolatedDatabase();
    this.service = await startTestApp(this.settings());
    this.admin = adminApi(this.service);
    await this.fillCatalogue();
  }

  /** Settings of an app on this fixture's database and fakes. */
  settings(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      // The suites send to US numbers too: SMS_ALLOWED_REGIONS defaults to the default region.
      SMS_ALLOWED_REGIONS: '*',
      DATABASE_URL: this.database.url,
      SMS_PROVIDER: 'tencent,aliyun',
      SMS_PROVIDER_TIMEOUT_MS: '500',
      TENCENT_SECRET_ID: TENCENT.secretId,
      TENCENT_SECRET_KEY: TENCENT.secretKey,
      TENCENT_SMS_SDK_APP_ID: TENCENT.sdkAppId,
      TENCENT_SMS_ENDPOINT: this.tencent.url,
      ALIYUN_ACCESS_KEY_ID: ALIYUN.accessKeyId,
      ALIYUN_ACCESS_KEY_SECRET: ALIYUN.accessKeySecret,
      ALIYUN_SMS_ENDPOINT: this.aliyun.url,
      // Log-in codes go to phones that have no account yet.
      USER_SMS_SIGNUP_ON_LOGIN: 'true',
      ...overrides,
    };
  }

  resetModes(): void {
    this.tencent.setMode('ok');
    this.aliyun.setMode('ok');
  }

  async close(): Promise<void> {
    await this.service.close();
    await Promise.all([this.tencent.close(), this.aliyun.close()]);
    await this.database.drop();
  }

  sendCode(phone: string, fields: Record<string, unknown> = {}, app: TestApp = this.service) {
    return app
      .http()
      .post('/v1/sms/codes')
      .send({ phone, purpose: 'login', ...fields });
  }

  /**
   * The newest record of messages to `phone`, once its outcome is written: records are
   * written from the queue's state after the send's answer, so a read may come first.
   */
  async recordOf(phone: string, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const page = await this.admin.get('/v1/admin/sms/messages', { phone }).expect(200);
      const [record] = page.body.items;
      if ((record && record.status !== 'queued') || Date.now() > deadline) return record;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  tencentSentTo(phone: string): TencentFakeSentMessage[] {
    return this.tencent.sent.filter((message) => message.phoneNumber === phone);
  }

  aliyunSentTo(phone: string): AliyunFakeSentMessage[] {
    return this.aliyun.sent.filter(
      (message) => `+86${message.phoneNumbers}` === phone || `+${message.phoneNumbers}` === phone,
    );
  }

  async templateId(name: string): Promise<string> {
    const page = await this.admin.get('/v1/admin/sms/templates', { name }).expect(200);
    return page.body.items[0].id;
  }

  private async fillCatalogue(): Promise<void> {
    await approvedSignature(this.admin, { name: 'main', content: '示例商城' });
    await approvedSignature(this.admin, { name: 'unfiled', content: '未备案' });
    await approvedTemplate(this.admin, {
      name: 'login_code',
      kind: 'verification',
      purpose: 'login',
      content: '{{ttl}}分钟内有效，验证码{{code}}',
      providerTemplateIds: { tencent: '1110', aliyun: 'SMS_1' },
    });
    await approvedTemplate(this.admin, {
      name: 'reset_code',
      kind: 'verification',
      // A purpose that needs no account, so codes can go to fresh phones.
      purpose: 'operation',
      content: '重置密码验证码{{code}}',
      providerTemplateIds: { aliyun: 'SMS_3' },
    });
    await approvedTemplate(this.admin, {
      name: 'shipped',
      kind: 'notification',
      content: '订单{{order}}已发货',
      providerTemplateIds: { tencent: '2220', aliyun: 'SMS_2' },
    });
  }
}

/** A URL of a port nothing listens on: connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
