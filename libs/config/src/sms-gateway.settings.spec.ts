import { InvalidConfigurationError, validateEnvironment } from './validate-environment';

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

function problemsOf(settings: Record<string, string | undefined>): string[] {
  try {
    validateEnvironment(settings);
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('SMS gateway settings', () => {
  it('has no routes, test numbers or receipt token by default', () => {
    expect(validateEnvironment(required)).toMatchObject({
      SMS_ROUTES: {},
      SMS_TEST_NUMBERS: {},
      SMS_RECEIPT_TOKEN: undefined,
      SMS_DEFAULT_LOCALE: 'zh-CN',
      TENCENT_SMS_REGION: 'ap-guangzhou',
    });
  });

  it('reads a failover list of real providers with their credentials', () => {
    const env = validateEnvironment({
      ...required,
      ...tencent,
      ...aliyun,
      SMS_PROVIDER: 'Tencent, aliyun',
    });
    expect(env.SMS_PROVIDER).toEqual(['tencent', 'aliyun']);
  });

  it('parses per-region routes', () => {
    const env = validateEnvironment({
      ...required,
      ...tencent,
      ...aliyun,
      SMS_ROUTES: 'cn = tencent, aliyun ; *=aliyun;',
    });
    expect(env.SMS_ROUTES).toEqual({ CN: ['tencent', 'aliyun'], '*': ['aliyun'] });
  });

  it('parses test numbers with their fixed codes', () => {
    const env = validateEnvironment({
      ...required,
      SMS_TEST_NUMBERS: '+8613800000000:123456, +14155550100:1234',
    });
    expect(env.SMS_TEST_NUMBERS).toEqual({ '+8613800000000': '123456', '+14155550100': '1234' });
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
    ['SMS_ROUTES', { SMS_ROUTES: 'CN:tencent' }],
    ['SMS_ROUTES', { SMS_ROUTES: 'CN=pigeon' }],
    ['SMS_ROUTES', { SMS_ROUTES: 'China=console' }],
    ['SMS_ROUTES', { SMS_ROUTES: 'CN=console;CN=webhook' }],
    ['SMS_ROUTES', { SMS_ROUTES: 'CN=' }],
    ['SMS_TEST_NUMBERS', { SMS_TEST_NUMBERS: '13800000000:123456' }],
    ['SMS_TEST_NUMBERS', { SMS_TEST_NUMBERS: '+8613800000000:12' }],
    ['SMS_TEST_NUMBERS', { SMS_TEST_NUMBERS: '+8613800000000' }],
    ['SMS_RECEIPT_TOKEN', { SMS_RECEIPT_TOKEN: 'short' }],
    ['SMS_RECEIPT_TOKEN', { SMS_RECEIPT_TOKEN: 'has spaces and is long enough' }],
    ['SMS_DEFAULT_LOCALE', { SMS_DEFAULT_LOCALE: 'Chinese' }],
    ['TENCENT_SMS_ENDPOINT', { TENCENT_SMS_ENDPOINT: 'not a url' }],
    ['ALIYUN_SMS_ENDPOINT', { ALIYUN_SMS_ENDPOINT: 'ftp://example.com' }],
  ])('stops on a bad %s and names it', (name, override) => {
    expect(problemsOf({ ...required, ...override })).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${name} `))]),
    );
  });
});
