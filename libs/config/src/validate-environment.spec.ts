import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateIf } from 'class-validator';
import { LOCAL_DEVELOPMENT_ADMIN_KEY } from './admin-key';
import type { SettingsSchema } from './settings-schema';
import { InvalidConfigurationError, validateEnvironment } from './validate-environment';

const required = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/smsauth',
  REDIS_URL: 'redis://127.0.0.1:6379',
  ADMIN_API_KEY: 'an-admin-key-of-some-length',
};

function problemsOf(
  settings: Record<string, string | undefined>,
  sections: readonly SettingsSchema[] = [],
): string[] {
  try {
    validateEnvironment(settings, sections);
  } catch (error) {
    if (error instanceof InvalidConfigurationError) return error.problems;
    throw error;
  }
  return [];
}

describe('validateEnvironment', () => {
  it('fills the documented defaults', () => {
    const env = validateEnvironment(required);
    expect(env).toMatchObject({
      PORT: 3000,
      TRUST_PROXY: false,
      SMS_DEFAULT_REGION: 'CN',
      SMS_ALLOWED_REGIONS: [],
      SMS_CODE_LENGTH: 6,
      SMS_CODE_TTL_MINUTES: 10,
      SMS_CODE_MAX_ATTEMPTS: 5,
      SMS_CODE_DAILY_WRONG_LIMIT: 15,
      SMS_RESEND_INTERVAL_SECONDS: 60,
      SMS_PHONE_DAILY_LIMIT: 10,
      SMS_IP_DAILY_LIMIT: 100,
      SMS_DAILY_LIMIT: 10000,
      SMS_VOICE_RESEND_INTERVAL_SECONDS: 30,
      SMS_VOICE_PHONE_HOURLY_LIMIT: 3,
      SMS_VOICE_PHONE_DAILY_LIMIT: 5,
      SMS_VOICE_DAILY_LIMIT: 1000,
      THROTTLE_LIMIT: 100,
      THROTTLE_TTL_SECONDS: 60,
      USER_PASSWORD_MIN_LENGTH: 8,
      USER_MAX_SESSIONS: 20,
      USER_PHONE_CHANGE_PROOF: 'password_or_old_phone',
    });
  });

  it('refuses voice limits out of range', () => {
    const problems = problemsOf({
      ...required,
      SMS_VOICE_PHONE_HOURLY_LIMIT: '0',
      SMS_VOICE_RESEND_INTERVAL_SECONDS: '3601',
    });
    expect(problems).toEqual([
      expect.stringContaining('SMS_VOICE_RESEND_INTERVAL_SECONDS'),
      expect.stringContaining('SMS_VOICE_PHONE_HOURLY_LIMIT'),
    ]);
  });

  it("reads the fraud decisions' retention: 90 days by default, 1 to 36500", () => {
    expect(validateEnvironment(required).SMS_FRAUD_DECISION_RETENTION_DAYS).toBe(90);
    expect(
      validateEnvironment({ ...required, SMS_FRAUD_DECISION_RETENTION_DAYS: '7' })
        .SMS_FRAUD_DECISION_RETENTION_DAYS,
    ).toBe(7);
    for (const wrong of ['0', '36501', '1.5', 'a week']) {
      expect(problemsOf({ ...required, SMS_FRAUD_DECISION_RETENTION_DAYS: wrong })).toEqual([
        expect.stringContaining('SMS_FRAUD_DECISION_RETENTION_DAYS'),
      ]);
    }
  });

  it('reads the account session cap and the phone-change proof of /1.1', () => {
    const env = validateEnvironment({
      ...required,
      USER_MAX_SESSIONS: '3',
      USER_PHONE_CHANGE_PROOF: ' None ',
    });
    expect(env).toMatchObject({ USER_MAX_SESSIONS: 3, USER_PHONE_CHANGE_PROOF: 'none' });
  });

  it('reads numbers, booleans and lists from strings', () => {
    const env = validateEnvironment({
      ...required,
      PORT: '8080',
      TRUST_PROXY: 'true',
      SMS_ALLOWED_REGIONS: 'cn, hk ,',
    });
    expect(env).toMatchObject({
      PORT: 8080,
      TRUST_PROXY: true,
      SMS_ALLOWED_REGIONS: ['CN', 'HK'],
    });
  });

  it.each([
    ['DATABASE_URL', { DATABASE_URL: undefined }],
    ['REDIS_URL', { REDIS_URL: 'http://localhost' }],
    ['ADMIN_API_KEY', { ADMIN_API_KEY: 'short' }],
    ['SMS_CODE_LENGTH', { SMS_CODE_LENGTH: '9' }],
    ['SMS_CODE_LENGTH', { SMS_CODE_LENGTH: 'six' }],
    ['SMS_CODE_TTL_MINUTES', { SMS_CODE_TTL_MINUTES: '31' }],
    ['PORT', { PORT: '70000' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'maybe' }],
    ['SMS_ALLOWED_REGIONS', { SMS_ALLOWED_REGIONS: 'CN,China' }],
    ['USER_PASSWORD_MIN_LENGTH', { USER_PASSWORD_MIN_LENGTH: '5' }],
    ['USER_PASSWORD_MIN_LENGTH', { USER_PASSWORD_MIN_LENGTH: '129' }],
    ['USER_MAX_SESSIONS', { USER_MAX_SESSIONS: '0' }],
    ['USER_MAX_SESSIONS', { USER_MAX_SESSIONS: '1001' }],
    ['USER_PHONE_CHANGE_PROOF', { USER_PHONE_CHANGE_PROOF: 'password' }],
    ['METRICS_TOKEN', { METRICS_TOKEN: 'too-short-for-a-token' }],
    ['METRICS_TOKEN', { METRICS_TOKEN: 'a token of more than thirty-two characters' }],
    ['METRICS_PORT', { METRICS_PORT: '3000' }],
    ['METRICS_PORT', { METRICS_PORT: '0' }],
    ['METRICS_HOST', { METRICS_HOST: 'localhost' }],
    ['ADMIN_TOTP_ENCRYPTION_KEY', { ADMIN_TOTP_ENCRYPTION_KEY: 'a passphrase, not a key' }],
    ['ADMIN_TOTP_ENCRYPTION_KEY', { ADMIN_TOTP_ENCRYPTION_KEY: 'ab'.repeat(16) }],
  ])('stops on a bad %s and names it', (name, override) => {
    const problems = problemsOf({ ...required, ...override });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${name} `))]),
    );
  });

  describe("docker-compose.yml's well-known admin key", () => {
    const wellKnown = { ...required, ADMIN_API_KEY: LOCAL_DEVELOPMENT_ADMIN_KEY };

    it('is refused with NODE_ENV=production, and the message says what to do', () => {
      expect(problemsOf({ ...wellKnown, NODE_ENV: 'production' })).toEqual([
        expect.stringMatching(/^ADMIN_API_KEY is invalid: .*well-known.*openssl rand -hex 32/),
      ]);
    });

    it.each([['development'], [undefined]])(
      'is accepted with NODE_ENV=%s (a local try)',
      (nodeEnv) => {
        expect(validateEnvironment({ ...wellKnown, NODE_ENV: nodeEnv }).ADMIN_API_KEY).toBe(
          LOCAL_DEVELOPMENT_ADMIN_KEY,
        );
      },
    );

    it('does not touch another key in production', () => {
      expect(validateEnvironment({ ...required, NODE_ENV: 'production' }).ADMIN_API_KEY).toBe(
        required.ADMIN_API_KEY,
      );
    });
  });

  describe('the LeanCloud layer', () => {
    const leanCloud = {
      LEANCLOUD_APP_ID: 'FFnN2hso42Wego3pWq4X5qlu',
      LEANCLOUD_APP_KEY: 'UtOCzqb67d3sN12Kts4URwy8',
      LEANCLOUD_MASTER_KEY: 'DyJegPlemooo4X1tg94gQkw1',
    };

    it('is off by default and reads its settings when the app is configured', () => {
      expect(validateEnvironment(required).LEANCLOUD_APP_ID).toBeUndefined();
      const env = validateEnvironment({
        ...required,
        ...leanCloud,
        LEANCLOUD_WEB_ORIGINS: 'https://app.example.com/, http://localhost:8080',
      });
      expect(env).toMatchObject({
        ...leanCloud,
        LEANCLOUD_MASTER_SIGN_MAX_SKEW_SECONDS: 300,
        LEANCLOUD_WEB_ORIGINS: ['https://app.example.com', 'http://localhost:8080'],
      });
    });

    it.each([
      ['LEANCLOUD_APP_KEY', { ...leanCloud, LEANCLOUD_APP_KEY: undefined }],
      ['LEANCLOUD_MASTER_KEY', { ...leanCloud, LEANCLOUD_MASTER_KEY: undefined }],
      ['LEANCLOUD_APP_ID', { ...leanCloud, LEANCLOUD_APP_ID: undefined }],
      ['LEANCLOUD_APP_ID', { ...leanCloud, LEANCLOUD_APP_ID: 'not an id!' }],
      ['LEANCLOUD_APP_KEY', { ...leanCloud, LEANCLOUD_APP_KEY: 'has,comma-in-it' }],
      ['LEANCLOUD_WEB_ORIGINS', { ...leanCloud, LEANCLOUD_WEB_ORIGINS: 'app.example.com' }],
    ])('stops on a bad or missing %s', (name, override) => {
      expect(problemsOf({ ...required, ...override })).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^${name} `))]),
      );
    });
  });

  it('fills the captcha defaults: image captcha, not required before SMS', () => {
    expect(validateEnvironment(required)).toMatchObject({
      SMS_REQUIRE_CAPTCHA: false,
      SMS_CAPTCHA_AFTER: 0,
      CAPTCHA_PROVIDER: 'image',
      CAPTCHA_TTL_SECONDS: 120,
      CAPTCHA_VALIDATE_TTL_SECONDS: 300,
      CAPTCHA_RATE_LIMIT: 30,
      CAPTCHA_RATE_TTL_SECONDS: 60,
      TURNSTILE_VERIFY_URL: 'https://challenges.cloudflare.com/turnstile/v0/siteverify',
    });
  });

  it('reads the turnstile provider with its secret', () => {
    const env = validateEnvironment({
      ...required,
      CAPTCHA_PROVIDER: 'Turnstile',
      TURNSTILE_SECRET_KEY: '0x4AAAAAAAsecret',
      TURNSTILE_SITE_KEY: '0x4AAAAAAAsiteKey',
      SMS_REQUIRE_CAPTCHA: 'yes',
      SMS_CAPTCHA_AFTER: '3',
    });
    expect(env).toMatchObject({
      CAPTCHA_PROVIDER: 'turnstile',
      TURNSTILE_SECRET_KEY: '0x4AAAAAAAsecret',
      TURNSTILE_SITE_KEY: '0x4AAAAAAAsiteKey',
      TURNSTILE_EXPECTED_HOSTNAMES: [],
      SMS_REQUIRE_CAPTCHA: true,
      SMS_CAPTCHA_AFTER: 3,
    });
  });

  it('reads the expected Turnstile hostnames (lower-cased) and action', () => {
    const env = validateEnvironment({
      ...required,
      TURNSTILE_EXPECTED_HOSTNAMES: ' App.Example.com, www.example.com ,localhost',
      TURNSTILE_EXPECTED_ACTION: 'sms_code-1',
    });
    expect(env).toMatchObject({
      TURNSTILE_EXPECTED_HOSTNAMES: ['app.example.com', 'www.example.com', 'localhost'],
      TURNSTILE_EXPECTED_ACTION: 'sms_code-1',
    });
    const longest = 'a'.repeat(32);
    expect(validateEnvironment({ ...required, TURNSTILE_EXPECTED_ACTION: longest })).toMatchObject({
      TURNSTILE_EXPECTED_ACTION: longest,
    });
  });

  it.each([
    ['CAPTCHA_PROVIDER', { CAPTCHA_PROVIDER: 'recaptcha' }],
    ['TURNSTILE_SECRET_KEY', { CAPTCHA_PROVIDER: 'turnstile' }],
    ['TURNSTILE_SITE_KEY', { CAPTCHA_PROVIDER: 'turnstile', TURNSTILE_SECRET_KEY: '0x4AAAAAAAs' }],
    ['TURNSTILE_SITE_KEY', { TURNSTILE_SITE_KEY: '<script>' }],
    ['TURNSTILE_EXPECTED_HOSTNAMES', { TURNSTILE_EXPECTED_HOSTNAMES: 'https://app.example.com' }],
    ['TURNSTILE_EXPECTED_HOSTNAMES', { TURNSTILE_EXPECTED_HOSTNAMES: 'app.example.com:443' }],
    [
      'TURNSTILE_EXPECTED_HOSTNAMES',
      { TURNSTILE_EXPECTED_HOSTNAMES: 'ok.example.com,*.example.com' },
    ],
    ['TURNSTILE_EXPECTED_HOSTNAMES', { TURNSTILE_EXPECTED_HOSTNAMES: 'app.example.com/login' }],
    ['TURNSTILE_EXPECTED_ACTION', { TURNSTILE_EXPECTED_ACTION: 'a'.repeat(33) }],
    ['TURNSTILE_EXPECTED_ACTION', { TURNSTILE_EXPECTED_ACTION: 'sms code' }],
    ['TURNSTILE_EXPECTED_ACTION', { TURNSTILE_EXPECTED_ACTION: 'sms.code' }],
    ['TURNSTILE_VERIFY_URL', { TURNSTILE_VERIFY_URL: 'ftp://example.com/verify' }],
    ['SMS_CAPTCHA_AFTER', { SMS_CAPTCHA_AFTER: '-1' }],
    ['SMS_REQUIRE_CAPTCHA', { SMS_REQUIRE_CAPTCHA: 'sometimes' }],
    ['CAPTCHA_TTL_SECONDS', { CAPTCHA_TTL_SECONDS: '601' }],
    ['CAPTCHA_VALIDATE_TTL_SECONDS', { CAPTCHA_VALIDATE_TTL_SECONDS: '0' }],
    ['CAPTCHA_SECRET', { CAPTCHA_SECRET: 'too-short' }],
    ['CAPTCHA_RATE_LIMIT', { CAPTCHA_RATE_LIMIT: '0' }],
  ])('stops on a bad captcha setting %s and names it', (name, override) => {
    expect(problemsOf({ ...required, ...override })).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${name} `))]),
    );
  });

  it('reads the metrics settings: off by default, the port on loopback unless told', () => {
    const defaults = validateEnvironment(required);
    expect([defaults.METRICS_TOKEN, defaults.METRICS_PORT, defaults.METRICS_HOST]).toEqual([
      undefined,
      undefined,
      '127.0.0.1',
    ]);
    const set = validateEnvironment({
      ...required,
      METRICS_TOKEN: 'm'.repeat(32),
      METRICS_PORT: '9464',
      METRICS_HOST: '0.0.0.0',
    });
    expect([set.METRICS_TOKEN, set.METRICS_PORT, set.METRICS_HOST]).toEqual([
      'm'.repeat(32),
      9464,
      '0.0.0.0',
    ]);
  });

  it('treats an empty value as unset', () => {
    expect(validateEnvironment({ ...required, PORT: '' }).PORT).toBe(3000);
  });

  describe('sections other libraries own', () => {
    class Limits {
      @Type(() => Number)
      @IsInt()
      @Min(1)
      LIMIT_PER_SECOND = 10;

      /** Required while LIMIT_PER_SECOND, as parsed by this schema, is above 100. */
      @ValidateIf((settings: Limits) => settings.LIMIT_PER_SECOND > 100)
      @IsString({ message: 'LIMIT_REASON is required above 100 per second' })
      LIMIT_REASON?: string;
    }

    class Burst {
      /** Reads the section before it as validated: a number, not the raw text. */
      @ValidateIf((settings: { LIMIT_PER_SECOND?: unknown }) => settings.LIMIT_PER_SECOND === 500)
      @IsString({ message: 'BURST_NOTE is required at 500 per second' })
      BURST_NOTE?: string;
    }

    it('validates them with the rest, into one object with their defaults', () => {
      const env = validateEnvironment({ ...required, PORT: '8080' }, [Limits, Burst]);
      expect(env).toMatchObject({ PORT: 8080, LIMIT_PER_SECOND: 10 });
      expect(env.LIMIT_REASON).toBeUndefined();
      const raised = validateEnvironment(
        { ...required, LIMIT_PER_SECOND: '500', LIMIT_REASON: 'a launch', BURST_NOTE: 'ok' },
        [Limits, Burst],
      );
      expect(raised).toMatchObject({ LIMIT_PER_SECOND: 500, LIMIT_REASON: 'a launch' });
    });

    it("reports every part's problems at once, a later section seeing the parsed values", () => {
      expect(
        problemsOf({ ...required, PORT: '70000', LIMIT_PER_SECOND: '500' }, [Limits, Burst]),
      ).toEqual([
        expect.stringMatching(/^PORT is invalid: /),
        expect.stringMatching(/^LIMIT_REASON is missing: .*above 100/),
        expect.stringMatching(/^BURST_NOTE is missing: .*500 per second/),
      ]);
      expect(problemsOf({ ...required, LIMIT_PER_SECOND: '0' }, [Limits])).toEqual([
        expect.stringMatching(/^LIMIT_PER_SECOND is invalid: /),
      ]);
    });

    it('are unknown to a validation that was not handed them', () => {
      expect(problemsOf({ ...required, LIMIT_PER_SECOND: '0' })).toEqual([]);
    });
  });
});
