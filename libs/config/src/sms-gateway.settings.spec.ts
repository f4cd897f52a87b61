import { InvalidConfigurationError, validateEnvironment } from './validate-environment';

// The providers' settings and SMS_PROVIDER/SMS_ROUTES are tested beside them:
// libs/delivery/src/providers/provider-settings.spec.ts.

const required = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/smsauth',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ADMIN_API_KEY: 'an-admin-key-of-some-length',
};

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
  it('has no test numbers or receipt token by default', () => {
    expect(validateEnvironment(required)).toMatchObject({
      SMS_TEST_NUMBERS: {},
      SMS_RECEIPT_TOKEN: undefined,
      SMS_DEFAULT_LOCALE: 'zh-CN',
    });
  });

  it('parses test numbers with their fixed codes', () => {
    const env = validateEnvironment({
      ...required,
      SMS_TEST_NUMBERS: '+8613800000000:123456, +14155550100:1234',
    });
    expect(env.SMS_TEST_NUMBERS).toEqual({ '+8613800000000': '123456', '+14155550100': '1234' });
  });

  it.each([
    ['SMS_TEST_NUMBERS', { SMS_TEST_NUMBERS: '13800000000:123456' }],
    ['SMS_TEST_NUMBERS', { SMS_TEST_NUMBERS: '+8613800000000:12' }],
    ['SMS_TEST_NUMBERS', { SMS_TEST_NUMBERS: '+8613800000000' }],
    ['SMS_RECEIPT_TOKEN', { SMS_RECEIPT_TOKEN: 'short' }],
    ['SMS_RECEIPT_TOKEN', { SMS_RECEIPT_TOKEN: 'has spaces and is long enough' }],
    ['SMS_DEFAULT_LOCALE', { SMS_DEFAULT_LOCALE: 'Chinese' }],
  ])('stops on a bad %s and names it', (name, override) => {
    expect(problemsOf({ ...required, ...override })).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${name} `))]),
    );
  });
});
