import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsFQDN,
  IsIn,
  IsInt,
  IsIP,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsNotTheWellKnownKeyInProduction } from './admin-key';
import { IsAes256Key } from './encryption-key';
import { NotEqualToSetting } from './not-equal-to-setting';
import { FraudGuardSettings } from './fraud-guard.settings';
import { OnlyWithRedisCluster } from './redis-cluster';
import { IsRedisTlsPemFile } from './redis-tls';
import { splitList, toBoolean, toLowerCaseList } from './setting-transforms';

export const CAPTCHA_PROVIDER_NAMES = ['image', 'turnstile'] as const;
export type CaptchaProviderName = (typeof CAPTCHA_PROVIDER_NAMES)[number];

/** USER_PHONE_CHANGE_PROOF's values. */
export const PHONE_CHANGE_PROOFS = ['password_or_old_phone', 'none'] as const;
export type PhoneChangeProofSetting = (typeof PHONE_CHANGE_PROOFS)[number];

export enum LogLevel {
  fatal = 'fatal',
  error = 'error',
  warn = 'warn',
  info = 'info',
  debug = 'debug',
  trace = 'trace',
  silent = 'silent',
}

const toUpperCaseList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? splitList(value.toUpperCase()) : value;

const leanCloudConfigured = (env: {
  LEANCLOUD_APP_ID?: string;
  LEANCLOUD_APP_KEY?: string;
  LEANCLOUD_MASTER_KEY?: string;
}): boolean =>
  env.LEANCLOUD_APP_ID !== undefined ||
  env.LEANCLOUD_APP_KEY !== undefined ||
  env.LEANCLOUD_MASTER_KEY !== undefined;

/**
 * Every setting the service reads, with its default and its bounds, but for the parts other
 * libraries own and hand to `validateEnvironment` (the SMS providers' settings, beside their
 * adapters in `@app/delivery`). This is the only description of these settings: `AppConfig`
 * derives its types from it. The names are public: operators script against them.
 */
export class Environment extends FraudGuardSettings {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgresql:// URL' })
  DATABASE_URL: string;

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL: string;

  /** PEM file of the CA(s) that signed a `rediss://` server's certificate (default: Node's roots). */
  @IsOptional()
  @IsRedisTlsPemFile()
  REDIS_TLS_CA_FILE?: string;

  /** PEM client certificate for a Redis that asks for one (`tls-auth-clients`); with its key. */
  @ValidateIf(
    (settings: Environment) =>
      settings.REDIS_TLS_CERT_FILE !== undefined || settings.REDIS_TLS_KEY_FILE !== undefined,
  )
  @IsString({ message: 'REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE go together' })
  @IsRedisTlsPemFile()
  REDIS_TLS_CERT_FILE?: string;

  /** PEM private key of REDIS_TLS_CERT_FILE. */
  @ValidateIf(
    (settings: Environment) =>
      settings.REDIS_TLS_CERT_FILE !== undefined || settings.REDIS_TLS_KEY_FILE !== undefined,
  )
  @IsString({ message: 'REDIS_TLS_CERT_FILE and REDIS_TLS_KEY_FILE go together' })
  @IsRedisTlsPemFile()
  REDIS_TLS_KEY_FILE?: string;

  /** Prefix of every Redis key, so several deployments (or test runs) can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, {
    message: 'REDIS_KEY_PREFIX may hold letters, digits, ":", "_" and "-"',
  })
  REDIS_KEY_PREFIX = 'smsauth:';

  /**
   * A Redis command unanswered after this many milliseconds fails (503): a Redis that hangs
   * (frozen, swapping, stuck on a slow command) cannot hang the requests waiting on it.
   */
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(60000)
  REDIS_COMMAND_TIMEOUT_MS = 1000;

  /**
   * REDIS_URL is one node of a Redis Cluster: the service connects with ioredis' Cluster client
   * (it learns the other nodes from that one), each script's keys share a hash slot, and the
   * limits that span slots are checked step by step (README, "Redis Cluster").
   */
  @Transform(toBoolean)
  @IsBoolean()
  REDIS_CLUSTER = false;

  /**
   * More nodes to start from, comma-separated `redis://host:port` (same scheme as REDIS_URL),
   * so that a start does not depend on REDIS_URL's node being up.
   */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? splitList(value) : value,
  )
  @OnlyWithRedisCluster()
  @Matches(/^rediss?:\/\/[^/\s]+\/?$/, {
    each: true,
    message: 'REDIS_CLUSTER_NODES must be comma-separated redis://host:port URLs',
  })
  REDIS_CLUSTER_NODES?: string[];

  /**
   * Bound of one SQL statement, both on the server (`statement_timeout`) and in the client
   * (a server that stops answering); either way the request answers 503.
   */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(600000)
  DATABASE_QUERY_TIMEOUT_MS = 5000;

  /**
   * On SIGTERM or SIGINT: milliseconds during which readiness fails while requests are still
   * served, so that load balancers stop routing here before the server stops accepting.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300000)
  SHUTDOWN_DRAIN_MS = 5000;

  /**
   * How far V8 lets the heap grow past what a full collection left alive, in percent (0: V8's
   * own choice, up to 4x). Under load the live heap is ~80 MB and V8 let it reach 330 MB before
   * collecting, which with its pooled pages made a 500 MB process; 30 kept it near 290 MB with
   * CPU per request unchanged within the noise (`npm run bench`, README).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300)
  HEAP_GROWTH_PERCENT = 30;

  /**
   * The API process also works the queues (messages, maintenance), so one process serves a
   * small deployment. Off when `apps/worker` processes do it (docker-compose.yml).
   */
  @Transform(toBoolean)
  @IsBoolean()
  WORKER_EMBEDDED = true;

  /**
   * On SIGTERM or SIGINT, milliseconds the workers get to finish their active jobs; jobs still
   * running then are left to BullMQ's stalled-job check, which hands them to another worker.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(300000)
  WORKER_STOP_TIMEOUT_MS = 10000;

  /**
   * Seconds between two runs of each periodic job (expired sessions, old records), one run per
   * period across all processes. 0: this process schedules none (its workers still run those
   * that another process schedules).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(7 * 86400)
  MAINTENANCE_INTERVAL_SECONDS = 3600;

  /**
   * Seconds between two folds of the stats' pending changes into their daily rollup (job
   * fold-sms-stats; the stats are exact either way, folding keeps what they read small). 0:
   * folded every MAINTENANCE_INTERVAL_SECONDS instead.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(86400)
  SMS_STATS_FOLD_INTERVAL_SECONDS = 60;

  /** Message records older than this many days are deleted by the periodic job. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36500)
  SMS_RECORD_RETENTION_DAYS = 180;

  /** Inbound replies (上行) received more than this many days ago are deleted by a periodic job. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(36500)
  SMS_REPLY_RETENTION_DAYS = 180;

  /**
   * The bearer token `GET /metrics` on the public port asks for. Unset: the route answers 404
   * there and nothing is exposed on PORT (METRICS_PORT may still serve the metrics).
   */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{32,}$/, {
    message: 'METRICS_TOKEN must be at least 32 printable characters, without spaces',
  })
  METRICS_TOKEN?: string;

  /** A port of its own for `GET /metrics`, without a token (for a scraper on a private network). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  @NotEqualToSetting('PORT', { message: 'METRICS_PORT must differ from PORT' })
  METRICS_PORT?: number;

  /** The address METRICS_PORT is bound to: loopback unless the operator opens it. */
  @IsIP(undefined, { message: 'METRICS_HOST must be an IP address, e.g. 0.0.0.0 or 127.0.0.1' })
  METRICS_HOST = '127.0.0.1';

  /**
   * `production` (the image's default) refuses the well-known ADMIN_API_KEY of docker-compose.yml;
   * nothing else in the service depends on it (libraries may: Prisma shortens its error messages).
   */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;

  @IsString()
  @MinLength(16, { message: 'ADMIN_API_KEY must be at least 16 characters' })
  @IsNotTheWellKnownKeyInProduction()
  ADMIN_API_KEY: string;

  /**
   * Minutes a console session of a named admin lives after its last request (sliding expiry).
   * Short by default: an admin session can change everything the admin's role allows.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  ADMIN_SESSION_IDLE_MINUTES = 60;

  /**
   * Key (32 bytes, hex or base64) under which named admins' TOTP secrets are encrypted at rest
   * (AES-256-GCM). Derived from ADMIN_API_KEY when unset, so that existing set-ups keep working:
   * then a new ADMIN_API_KEY makes the enrolled secrets unreadable (set this before rotating it).
   */
  @IsOptional()
  @IsAes256Key()
  ADMIN_TOTP_ENCRYPTION_KEY?: string;

  @IsString()
  @MinLength(1)
  APP_NAME = 'SMS Auth';

  @Transform(toBoolean)
  @IsBoolean()
  TRUST_PROXY = false;

  @IsEnum(LogLevel)
  LOG_LEVEL: LogLevel = LogLevel.info;

  /** Largest accepted request body, in bytes. */
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(10 * 1024 * 1024)
  BODY_LIMIT_BYTES = 16 * 1024;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60000)
  /** Any provider's call slower than this fails over (each provider's own settings: its folder). */
  SMS_PROVIDER_TIMEOUT_MS = 5000;

  /** Tries of a notification or marketing message whose send may pass later (then `failed`). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  SMS_NOTIFICATION_ATTEMPTS = 8;

  /** The delay before a notification's first retry; each next one doubles. */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  SMS_NOTIFICATION_RETRY_DELAY_MS = 30_000;

  /** What one SMS segment costs, for a campaign's estimate (e.g. `0.045`); unset, no estimate. */
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ maxDecimalPlaces: 6 })
  @Min(0)
  @Max(1000)
  SMS_PRICE_PER_SEGMENT?: number;

  /** The currency of SMS_PRICE_PER_SEGMENT (ISO 4217, e.g. `CNY`). */
  @ValidateIf((env: { SMS_PRICE_PER_SEGMENT?: number }) => env.SMS_PRICE_PER_SEGMENT !== undefined)
  @Matches(/^[A-Z]{3}$/, {
    message:
      'SMS_PRICE_CURRENCY must be an ISO 4217 code such as CNY, given with SMS_PRICE_PER_SEGMENT',
  })
  SMS_PRICE_CURRENCY?: string;

  /** Jobs of the `messages` queue one worker process runs at once (sends wait on providers). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  DELIVERY_WORKER_CONCURRENCY = 50;

  /** Key for the HMAC under which codes are stored; derived from ADMIN_API_KEY when unset. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'SMS_CODE_SECRET must be at least 32 characters' })
  SMS_CODE_SECRET?: string;

  @IsString()
  @Matches(/^[A-Z]{2}$/, {
    message: 'SMS_DEFAULT_REGION must be an ISO 3166 alpha-2 code, e.g. CN',
  })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  SMS_DEFAULT_REGION = 'CN';

  /**
   * Regions codes may be sent to. Unset or empty: SMS_DEFAULT_REGION only (international SMS
   * is opt-in, as LeanCloud shipped it); `*`: every region.
   */
  @Transform(toUpperCaseList)
  @Matches(/^(?:[A-Z]{2}|\*)$/, {
    each: true,
    message: 'SMS_ALLOWED_REGIONS must be comma-separated ISO 3166 alpha-2 codes, e.g. CN,HK, or *',
  })
  SMS_ALLOWED_REGIONS: string[] = [];

  @Type(() => Number)
  @IsInt()
  @Min(4)
  @Max(8)
  SMS_CODE_LENGTH = 6;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  SMS_CODE_TTL_MINUTES = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  SMS_CODE_MAX_ATTEMPTS = 5;

  /** Wrong codes per phone per UTC day, across its codes and purposes, before all are refused. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SMS_CODE_DAILY_WRONG_LIMIT = 15;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  SMS_RESEND_INTERVAL_SECONDS = 60;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SMS_PHONE_DAILY_LIMIT = 10;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SMS_IP_DAILY_LIMIT = 100;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SMS_DAILY_LIMIT = 10000;

  /** Voice codes (calls) have limits of their own; LeanCloud's: 1 per 30 s, 3 an hour, 5 a day. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  SMS_VOICE_RESEND_INTERVAL_SECONDS = 30;

  /** Calls per phone in any rolling hour. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SMS_VOICE_PHONE_HOURLY_LIMIT = 3;

  /** Calls per phone in any rolling 24 hours. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SMS_VOICE_PHONE_DAILY_LIMIT = 5;

  /** A fuse for the whole service's calls per UTC day (calls cost more than SMS). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  SMS_VOICE_DAILY_LIMIT = 1000;

  /** Log-in with phone and code (`POST /v1/sessions` with `code`); false answers SmsLoginDisabled. */
  @Transform(toBoolean)
  @IsBoolean()
  USER_SMS_LOGIN = true;

  /** Log-in with a code for a phone with no account creates a verified account. */
  @Transform(toBoolean)
  @IsBoolean()
  USER_SMS_SIGNUP_ON_LOGIN = false;

  /** An account whose phone is not verified cannot log in with phone and password. */
  @Transform(toBoolean)
  @IsBoolean()
  USER_BLOCK_UNVERIFIED_LOGIN = false;

  /** Reset the password by SMS even when the account's phone is not verified. */
  @Transform(toBoolean)
  @IsBoolean()
  USER_ALLOW_UNVERIFIED_RESET = false;

  /**
   * The fewest characters a new password may have (sign-up, change, reset; `/v1` and `/1.1`).
   * The floor, 6, is what LeanCloud apps commonly allowed; below it a password is PIN-sized and
   * falls to online guessing despite the lock-out. The top is the fixed maximum of 128.
   */
  @Type(() => Number)
  @IsInt()
  @Min(6)
  @Max(128)
  USER_PASSWORD_MIN_LENGTH = 8;

  /** Days a session lives after its last use (sliding expiry). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  USER_SESSION_TTL_DAYS = 30;

  /**
   * Sessions an account may have at once; opening one more revokes the oldest. Bounds what a
   * leaked password (or a script logging in in a loop) leaves behind, and the rows per account.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  USER_MAX_SESSIONS = 20;

  /**
   * What `POST /1.1/changePhoneNumber` asks besides the session and the new phone's code:
   * `password_or_old_phone`, the proof `/v1` always asks (the current password, or a code sent
   * to the current phone when the account has none), or `none`, LeanCloud's behaviour, for apps
   * whose LeanCloud SDKs cannot send a proof. `/v1` is not affected: it always asks.
   */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsIn(PHONE_CHANGE_PROOFS, {
    message: `USER_PHONE_CHANGE_PROOF must be one of: ${PHONE_CHANGE_PROOFS.join(', ')}`,
  })
  USER_PHONE_CHANGE_PROOF: PhoneChangeProofSetting = 'password_or_old_phone';

  /**
   * The LeanCloud-compatible API under `/1.1`: the app's ID, App Key and Master Key as the
   * LeanCloud console showed them. The layer is off while LEANCLOUD_APP_ID is unset; when it is
   * set, the two keys are required.
   */
  @ValidateIf(leanCloudConfigured)
  @IsString({ message: 'LEANCLOUD_APP_ID is required with the LeanCloud keys' })
  @Matches(/^[A-Za-z0-9-]{1,64}$/, {
    message: 'LEANCLOUD_APP_ID must be the app ID of the LeanCloud console (letters, digits, "-")',
  })
  LEANCLOUD_APP_ID?: string;

  @ValidateIf(leanCloudConfigured)
  @IsString({ message: 'LEANCLOUD_APP_KEY is required with LEANCLOUD_APP_ID' })
  @Matches(/^[\x21-\x2b\x2d-\x7e]{8,128}$/, {
    message: 'LEANCLOUD_APP_KEY must be 8 to 128 printable characters without "," or spaces',
  })
  LEANCLOUD_APP_KEY?: string;

  @ValidateIf(leanCloudConfigured)
  @IsString({ message: 'LEANCLOUD_MASTER_KEY is required with LEANCLOUD_APP_ID' })
  @Matches(/^[\x21-\x2b\x2d-\x7e]{8,128}$/, {
    message: 'LEANCLOUD_MASTER_KEY must be 8 to 128 printable characters without "," or spaces',
  })
  LEANCLOUD_MASTER_KEY?: string;

  /**
   * How far (seconds) the timestamp of an `X-LC-Sign` made with the Master Key may be from
   * the server's clock. Signatures made with the App Key are not time-checked (see
   * docs/leancloud-migration.md).
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(86400)
  LEANCLOUD_MASTER_SIGN_MAX_SKEW_SECONDS = 300;

  /**
   * Browser origins allowed to call `/1.1` (LeanCloud's "Web security domains"), e.g.
   * `https://app.example.com`. Empty: any origin.
   */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string'
      ? splitList(value).map((origin) => origin.replace(/\/+$/, ''))
      : value,
  )
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { each: true, message: 'LEANCLOUD_WEB_ORIGINS must be comma-separated http(s) origins' },
  )
  LEANCLOUD_WEB_ORIGINS: string[] = [];

  /**
   * LeanCloud's "send verification SMS when users register or change phone numbers from
   * clients" (on by default there): `POST /1.1/users` sends a `verify_phone` code to the new
   * account's phone.
   */
  @Transform(toBoolean)
  @IsBoolean()
  LEANCLOUD_VERIFY_PHONE_ON_SIGNUP = true;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  THROTTLE_LIMIT = 100;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  THROTTLE_TTL_SECONDS = 60;

  // Captcha ------------------------------------------------------------------------------------

  /** Every request for a code needs a captcha validate token. */
  @Transform(toBoolean)
  @IsBoolean()
  SMS_REQUIRE_CAPTCHA = false;

  /** Adaptive mode: requests for a code an IP may make per UTC day without a captcha; 0 = off. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SMS_CAPTCHA_AFTER = 0;

  /** `image` draws the captcha here; `turnstile` checks Cloudflare Turnstile tokens instead. */
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsIn(CAPTCHA_PROVIDER_NAMES, {
    message: `CAPTCHA_PROVIDER must be one of: ${CAPTCHA_PROVIDER_NAMES.join(', ')}`,
  })
  CAPTCHA_PROVIDER: CaptchaProviderName = 'image';

  /** Seconds an image captcha may be answered in. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(600)
  CAPTCHA_TTL_SECONDS = 120;

  /** Seconds a validate token (a solved captcha) stays good for its one request for a code. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  CAPTCHA_VALIDATE_TTL_SECONDS = 300;

  /** Key for the HMAC under which captcha answers are stored; derived from ADMIN_API_KEY when unset. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'CAPTCHA_SECRET must be at least 32 characters' })
  CAPTCHA_SECRET?: string;

  /** Per client IP and window, counted apart for `POST /v1/captcha` and `/v1/captcha/verify`. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  CAPTCHA_RATE_LIMIT = 30;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  CAPTCHA_RATE_TTL_SECONDS = 60;

  /** A hosted captcha's verify call slower than this fails closed (503 CaptchaUnavailable). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(60000)
  CAPTCHA_PROVIDER_TIMEOUT_MS = 5000;

  @ValidateIf(
    (env: Environment) =>
      env.CAPTCHA_PROVIDER === 'turnstile' || env.TURNSTILE_SECRET_KEY !== undefined,
  )
  @IsString()
  @MinLength(1, { message: 'TURNSTILE_SECRET_KEY is required by the turnstile captcha provider' })
  TURNSTILE_SECRET_KEY?: string;

  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'TURNSTILE_VERIFY_URL must be an http(s) URL' },
  )
  TURNSTILE_VERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

  /** The widget's site key: public, handed to clients by `GET /v1/captcha/config`. */
  @ValidateIf(
    (env: Environment) =>
      env.CAPTCHA_PROVIDER === 'turnstile' || env.TURNSTILE_SITE_KEY !== undefined,
  )
  @IsString({ message: 'TURNSTILE_SITE_KEY is required by the turnstile captcha provider' })
  @Matches(/^[A-Za-z0-9_-]{1,128}$/, {
    message:
      'TURNSTILE_SITE_KEY must be the site key of the Cloudflare dashboard (letters, digits)',
  })
  TURNSTILE_SITE_KEY?: string;

  /**
   * Hostnames a Turnstile token may have been solved on (siteverify's `hostname`), e.g.
   * `app.example.com,www.example.com`; a token solved elsewhere is refused. Empty: not checked.
   */
  @Transform(toLowerCaseList)
  @IsFQDN(
    { require_tld: false },
    {
      each: true,
      message:
        'TURNSTILE_EXPECTED_HOSTNAMES must be comma-separated hostnames, e.g. app.example.com',
    },
  )
  TURNSTILE_EXPECTED_HOSTNAMES: string[] = [];

  /** The `action` the widget is rendered with; a token carrying another is refused. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, {
    message: 'TURNSTILE_EXPECTED_ACTION may hold up to 32 letters, digits, "_" and "-"',
  })
  TURNSTILE_EXPECTED_ACTION?: string;
}

/** The validated configuration, typed from `Environment`. */
export type AppConfig = Readonly<Environment>;
