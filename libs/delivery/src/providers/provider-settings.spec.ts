import { Test } from '@nestjs/testing';
import {
  AppConfigModule,
  AppConfigService,
  InvalidConfigurationError,
  validateEnvironment,
} from '@app/config';
import { DELIVERY_SETTINGS } from '../delivery.settings';
import { createProviderRouter, createVoiceProviderRouter } from './sms-providers.factory';

// Moved here from libs/config (sms-gateway.settings.spec.ts, validate-environment.spec.ts) with
// the settings they test; validated as the app does, with DELIVERY_SETTINGS.

const required = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/smsauth',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ADMIN_API_KEY: 'an-admin-key-of-some-length',
};

const tencent = {
  TENCENT_SECRET_ID: 'AKIDexample',
  TENCENT_SECRET_KEY: 'secret',
  TENCENT_SMS_SDK_APP_ID: '1400006666',
};

const aliyun = { ALIYUN_ACCESS_KEY_ID: 'LTAIexample', ALIYUN_ACCESS_KEY_SECRET: 'secret' };

const webhook = {
  SMS_WEBHOOK_URL: 'http://sms-gateway:8080/send',
  SMS_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
};

const validate = (settings: Record<string, string | undefined>) =>
  validateEnvironment(settings, DELIVERY_SETTINGS) as Record<string, unknown>;

function problemsOf(settings: Record<string, string | undefined>): string[] {
  try {
    validate(settings);
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

async function configFor(settings: Record<string, string | undefined>) {
  const moduleRef = await Test.createTestingModule({
    imports: [AppConfigModule.forRoot(validateEnvironment(settings, DELIVERY_SETTINGS))],
  }).compile();
  return moduleRef.get(AppConfigService);
}

/** The router the app would build from these settings (through the real config module). */
async function routerFor(settings: Record<string, string | undefined>) {
  return createProviderRouter(await configFor(settings));
}

async function voiceRouterFor(settings: Record<string, string | undefined>) {
  return createVoiceProviderRouter(await configFor(settings));
}

describe('provider settings', () => {
  it('sends to the console, with no routes and no rate limits, by default', () => {
    expect(validate(required)).toMatchObject({
      SMS_PROVIDER: ['console'],
      SMS_ROUTES: {},
      TENCENT_SMS_REGION: 'ap-guangzhou',
      TENCENT_MAX_PER_SECOND: undefined,
      ALIYUN_MAX_PER_SECOND: undefined,
      SMS_WEBHOOK_MAX_PER_SECOND: undefined,
    });
  });

  it('reads a failover list of real providers with their credentials', () => {
    const env = validate({ ...required, ...tencent, ...aliyun, SMS_PROVIDER: 'Tencent, aliyun' });
    expect(env.SMS_PROVIDER).toEqual(['tencent', 'aliyun']);
  });

  it('reads the webhook provider', () => {
    expect(validate({ ...required, ...webhook, SMS_PROVIDER: 'webhook' })).toMatchObject({
      SMS_PROVIDER: ['webhook'],
      ...webhook,
    });
  });

  it('parses per-region routes', () => {
    const env = validate({
      ...required,
      ...tencent,
      ...aliyun,
      SMS_ROUTES: 'cn = tencent, aliyun ; *=aliyun;',
    });
    expect(env.SMS_ROUTES).toEqual({ CN: ['tencent', 'aliyun'], '*': ['aliyun'] });
  });

  it.each([
    ['TENCENT_SECRET_ID', { SMS_PROVIDER: 'tencent', ...tencent, TENCENT_SECRET_ID: undefined }],
    ['TENCENT_SECRET_KEY', { SMS_PROVIDER: 'tencent', ...tencent, TENCENT_SECRET_KEY: undefined }],
    [
      'TENCENT_SMS_SDK_APP_ID',
      { SMS_PROVIDER: 'tencent', ...tencent, TENCENT_SMS_SDK_APP_ID: undefined },
    ],
    ['ALIYUN_ACCESS_KEY_ID', { SMS_PROVIDER: 'console', SMS_ROUTES: 'CN=aliyun' }],
    [
      'ALIYUN_ACCESS_KEY_SECRET',
      { SMS_PROVIDER: 'aliyun', ...aliyun, ALIYUN_ACCESS_KEY_SECRET: undefined },
    ],
    ['SMS_WEBHOOK_URL', { SMS_ROUTES: '*=webhook' }],
  ])('names the missing %s of a provider in use', (name, override) => {
    const problems = problemsOf({ ...required, ...override });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${name} is missing: .*provider`)),
      ]),
    );
  });

  it('needs no credentials for providers that are not named', () => {
    expect(problemsOf({ ...required, SMS_PROVIDER: 'console' })).toEqual([]);
  });

  it.each([
    ['SMS_PROVIDER', { SMS_PROVIDER: 'carrier-pigeon' }],
    ['SMS_ROUTES', { SMS_ROUTES: 'CN:tencent' }],
    ['SMS_ROUTES', { SMS_ROUTES: 'CN=pigeon' }],
    ['SMS_ROUTES', { SMS_ROUTES: 'China=console' }],
    ['SMS_ROUTES', { SMS_ROUTES: 'CN=console;CN=webhook' }],
    ['SMS_ROUTES', { SMS_ROUTES: 'CN=' }],
    ['TENCENT_SMS_ENDPOINT', { TENCENT_SMS_ENDPOINT: 'not a url' }],
    ['ALIYUN_SMS_ENDPOINT', { ALIYUN_SMS_ENDPOINT: 'ftp://example.com' }],
    [
      'SMS_WEBHOOK_URL',
      { SMS_PROVIDER: 'webhook', SMS_WEBHOOK_SECRET: webhook.SMS_WEBHOOK_SECRET },
    ],
    ['SMS_WEBHOOK_SECRET', { SMS_PROVIDER: 'webhook', SMS_WEBHOOK_URL: 'http://gw/send' }],
    ['SMS_WEBHOOK_SECRET', { SMS_WEBHOOK_SECRET: 'plain-secret' }],
    ['TENCENT_MAX_PER_SECOND', { TENCENT_MAX_PER_SECOND: '0' }],
    ['TENCENT_MAX_PER_SECOND', { TENCENT_MAX_PER_SECOND: '-5' }],
    ['ALIYUN_MAX_PER_SECOND', { ALIYUN_MAX_PER_SECOND: '2.5' }],
    ['ALIYUN_MAX_PER_SECOND', { ALIYUN_MAX_PER_SECOND: 'fast' }],
    ['SMS_WEBHOOK_MAX_PER_SECOND', { SMS_WEBHOOK_MAX_PER_SECOND: '0' }],
  ])('stops on a bad %s and names it', (name, override) => {
    expect(problemsOf({ ...required, ...override })).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${name} `))]),
    );
  });

  it('hands each provider its rate, none where it is unset', async () => {
    const router = await routerFor({
      ...required,
      ...tencent,
      ...aliyun,
      ...webhook,
      SMS_PROVIDER: 'webhook,console',
      SMS_ROUTES: 'CN=tencent,aliyun',
      TENCENT_MAX_PER_SECOND: '20',
      SMS_WEBHOOK_MAX_PER_SECOND: '300',
    });
    const rates = (region: string) =>
      router.providersFor(region).map(({ name, maxPerSecond }) => [name, maxPerSecond]);
    expect(rates('CN')).toEqual([
      ['tencent', 20],
      ['aliyun', undefined],
    ]);
    expect(rates('US')).toEqual([
      ['webhook', 300],
      ['console', undefined],
    ]);
  });

  it('makes one instance per provider, shared by the routes that name it', async () => {
    const router = await routerFor({
      ...required,
      ...aliyun,
      SMS_PROVIDER: 'aliyun',
      SMS_ROUTES: 'CN=aliyun',
    });
    expect(router.providersFor('CN')[0]).toBe(router.providersFor('US')[0]);
  });
});

describe('voice provider settings', () => {
  const tencentVoice = {
    TENCENT_SECRET_ID: 'AKIDexample',
    TENCENT_SECRET_KEY: 'secret',
    TENCENT_VMS_SDK_APP_ID: '1400007777',
  };
  const aliyunVoice = { ...aliyun, ALIYUN_VOICE_TTS_CODE: 'TTS_100001' };

  it('places no calls by default', async () => {
    expect(validate(required)).toMatchObject({
      VOICE_PROVIDER: [],
      VOICE_ROUTES: {},
      TENCENT_VMS_REGION: 'ap-guangzhou',
      TENCENT_VMS_PLAY_TIMES: 2,
      ALIYUN_VOICE_TTS_PARAM: 'code',
      ALIYUN_VOICE_PLAY_TIMES: 2,
    });
    const router = await voiceRouterFor(required);
    expect(router.canReach('CN')).toBe(false);
    expect(router.longestRoute).toBe(0);
  });

  it('reads voice providers and routes, each with the regions it can call', async () => {
    const settings = {
      ...required,
      ...tencentVoice,
      ...aliyunVoice,
      ...webhook,
      VOICE_PROVIDER: 'Tencent, aliyun',
      VOICE_ROUTES: 'us=webhook',
    };
    expect(validate(settings)).toMatchObject({
      VOICE_PROVIDER: ['tencent', 'aliyun'],
      VOICE_ROUTES: { US: ['webhook'] },
    });
    const router = await voiceRouterFor(settings);
    const names = (region: string) => router.providersFor(region).map(({ name }) => name);
    expect(names('CN')).toEqual(['tencent', 'aliyun']);
    expect(router.providersFor('CN').every(({ channel }) => channel === 'voice')).toBe(true);
    expect(names('US')).toEqual(['webhook']);
    // Tencent's and Aliyun's voice codes reach the mainland only.
    expect(names('HK')).toEqual([]);
    expect(router.canReach('HK')).toBe(false);
  });

  it('needs the voice settings of a vendor only for voice, and its credentials for either', () => {
    // Voice only: no SMS app id needed, the account's credentials and the VMS app id are.
    expect(problemsOf({ ...required, ...tencentVoice, VOICE_PROVIDER: 'tencent' })).toEqual([]);
    expect(problemsOf({ ...required, ...aliyunVoice, VOICE_ROUTES: 'CN=aliyun' })).toEqual([]);
    // SMS only: the voice settings are not asked for.
    expect(problemsOf({ ...required, ...tencent, SMS_PROVIDER: 'tencent' })).toEqual([]);
  });

  it.each([
    [
      'TENCENT_VMS_SDK_APP_ID',
      { VOICE_PROVIDER: 'tencent', ...tencentVoice, TENCENT_VMS_SDK_APP_ID: undefined },
    ],
    [
      'TENCENT_SECRET_ID',
      { VOICE_PROVIDER: 'tencent', ...tencentVoice, TENCENT_SECRET_ID: undefined },
    ],
    ['ALIYUN_VOICE_TTS_CODE', { VOICE_ROUTES: 'CN=aliyun', ...aliyun }],
    [
      'ALIYUN_ACCESS_KEY_SECRET',
      { VOICE_PROVIDER: 'aliyun', ...aliyunVoice, ALIYUN_ACCESS_KEY_SECRET: undefined },
    ],
    ['SMS_WEBHOOK_URL', { VOICE_PROVIDER: 'webhook' }],
  ])('names the missing %s of a voice provider in use', (name, override) => {
    expect(problemsOf({ ...required, ...override })).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${name} is missing: .*provider`)),
      ]),
    );
  });

  it.each([
    ['VOICE_PROVIDER', { VOICE_PROVIDER: 'carrier-pigeon' }],
    ['VOICE_ROUTES', { VOICE_ROUTES: 'CN:tencent' }],
    ['VOICE_ROUTES', { VOICE_ROUTES: 'CN=pigeon' }],
    [
      'TENCENT_VMS_SDK_APP_ID',
      { VOICE_PROVIDER: 'tencent', ...tencentVoice, TENCENT_VMS_SDK_APP_ID: 'app' },
    ],
    ['TENCENT_VMS_PLAY_TIMES', { TENCENT_VMS_PLAY_TIMES: '4' }],
    ['TENCENT_VMS_ENDPOINT', { TENCENT_VMS_ENDPOINT: 'not a url' }],
    [
      'ALIYUN_VOICE_TTS_CODE',
      { VOICE_PROVIDER: 'aliyun', ...aliyunVoice, ALIYUN_VOICE_TTS_CODE: 'SMS_1' },
    ],
    ['ALIYUN_VOICE_TTS_PARAM', { ALIYUN_VOICE_TTS_PARAM: 'the code' }],
    ['ALIYUN_VOICE_CALLED_SHOW_NUMBER', { ALIYUN_VOICE_CALLED_SHOW_NUMBER: '+86-571' }],
    ['ALIYUN_VOICE_PLAY_TIMES', { ALIYUN_VOICE_PLAY_TIMES: '0' }],
    ['ALIYUN_VOICE_MAX_PER_SECOND', { ALIYUN_VOICE_MAX_PER_SECOND: '0' }],
  ])('stops on a bad %s and names it', (name, override) => {
    expect(problemsOf({ ...required, ...override })).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${name} `))]),
    );
  });

  it("validates the webhook's settings once when both channels use it", () => {
    const problems = problemsOf({
      ...required,
      SMS_PROVIDER: 'webhook',
      VOICE_PROVIDER: 'webhook',
    });
    expect(problems.filter((problem) => problem.startsWith('SMS_WEBHOOK_URL '))).toHaveLength(1);
  });
});
