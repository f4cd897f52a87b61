import { Queue } from 'bullmq';
import Fastify, { type FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { Pool } from 'pg';
// The product's own scripts and pure helpers, so the floor does exactly the product's Redis work.
import { reserveSendScript, verifyCodeScript } from '../../libs/codes/src/store/code-store.scripts';
import { DAILY_COUNTER_TTL_MS, utcDayKey } from '../../libs/codes/src/store/daily-window';
import { generateCode, hashCode } from '../../libs/codes/src/store/verification-code';
import { normalizeCaptchaAnswer } from '../../libs/captcha/src/captcha-answer';
import {
  CAPTCHA_DEFAULT_HEIGHT,
  CAPTCHA_DEFAULT_WIDTH,
  randomCaptchaText,
  renderCaptchaPng,
} from '../../libs/captcha/src/image';
import { signStandardWebhook } from '../../libs/common/src/webhooks/standard-webhook-signature';
import { RedisScript } from '../../libs/redis/src/redis-script';
import { hashSessionToken, newSessionToken } from '../../libs/user/src/sessions/session-token';

/**
 * The floor: a bare Fastify + ioredis server doing the product's Redis work for the send
 * and verify paths (the per-IP throttle hit, then the reserve script; the verify script
 * counting that hit first, as the product's verify routes do) and, on a send, the same durable
 * writes around the provider call (the code's delayed job before it, its record's job after,
 * on a BullMQ queue with the product's job options) and the provider call to the same
 * webhook, with no framework, validation or logging, and no worker; for
 * GET /v1/users/me the throttle hit and the one indexed read of the session and its user that
 * the product makes (node-postgres, no ORM); for a log-in with a code (POST /v1/sessions) the
 * account's read, the verify script, the password-attempts reset and the session's transaction
 * as the product writes it (the account locked, its expired sessions dropped, the session, the
 * cap, the `user.signed_in` event); for POST /v1/captcha the per-IP captcha counter, the
 * product's renderer and the answer's HMAC stored in Redis. Not part of the product;
 * `npm run bench` measures the API against it.
 */

const env = process.env;
const PORT = Number(env.PORT);
const PREFIX = env.REDIS_KEY_PREFIX ?? 'floor:';
const WEBHOOK = new URL(required('SMS_WEBHOOK_URL'));
const WEBHOOK_SECRET = required('SMS_WEBHOOK_SECRET');
const CODE_SECRET = Buffer.from('floor-code-secret-0123456789abcdef');
const CODE_TTL_MS = 10 * 60_000;
const RESEND_MS = Number(env.SMS_RESEND_INTERVAL_SECONDS ?? 60) * 1000;
const LIMITS = {
  phone: Number(env.SMS_PHONE_DAILY_LIMIT ?? 10),
  ip: Number(env.SMS_IP_DAILY_LIMIT ?? 100),
  service: Number(env.SMS_DAILY_LIMIT ?? 10000),
  throttle: Number(env.THROTTLE_LIMIT ?? 100),
  throttleTtlMs: Number(env.THROTTLE_TTL_SECONDS ?? 60) * 1000,
};
/** SMS_CODE_DAILY_WRONG_LIMIT's default. */
const DAILY_WRONG_LIMIT = 15;
const EXPIRED_CODE_MEMORY_MS = 24 * 60 * 60 * 1000;
const SESSION_TTL_MS = Number(env.USER_SESSION_TTL_DAYS ?? 30) * 24 * 60 * 60 * 1000;
const MAX_SESSIONS = Number(env.USER_MAX_SESSIONS ?? 20);
const CAPTCHA = {
  limit: Number(env.CAPTCHA_RATE_LIMIT ?? 30),
  windowMs: Number(env.CAPTCHA_RATE_TTL_SECONDS ?? 60) * 1000,
  ttlMs: 5 * 60_000,
  secret: Buffer.from('floor-captcha-secret-0123456789ab'),
};
const REJECTIONS = [
  '',
  'TooFrequent',
  'DailyLimitExceeded',
  'IpLimitExceeded',
  'ServiceLimitExceeded',
];

// The same fixed-window hit as the per-IP throttler's (countInFixedWindow in libs/redis).
const throttleHit = new RedisScript(`
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return { hits, ttl }
`);

const redis = new Redis(required('REDIS_URL'), {
  enableOfflineQueue: false,
  // As the product's connections: one socket write for the commands of one turn.
  enableAutoPipelining: true,
  maxRetriesPerRequest: 1,
});
const webhookAgent = new Agent({ keepAlive: true });
// The product's queue, on its own prefix: what libs/delivery/src/queue/message-queue.ts adds.
const messages = new Queue('messages', {
  connection: {
    url: required('REDIS_URL'),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    enableAutoPipelining: true,
  },
  prefix: `${PREFIX}queue`,
  skipVersionCheck: true,
});
const TAKEOVER_DELAY_MS = 15_000;
const db = new Pool({ connectionString: required('DATABASE_URL'), max: 10 });
const app = Fastify({ logger: false });

interface CodeBody {
  phone: string;
  code?: string;
  purpose?: string;
}

async function throttled(ip: string, reply: FastifyReply): Promise<boolean> {
  const key = `${PREFIX}throttle:default:default:${ip}`;
  const [hits] = (await throttleHit.run(redis, [key], [LIMITS.throttleTtlMs])) as [number, number];
  if (hits <= LIMITS.throttle) return false;
  void reply.code(429).send({ statusCode: 429, code: 'TooManyRequests', message: 'Too many' });
  return true;
}

app.post<{ Body: CodeBody }>('/v1/sms/codes', async (req, reply) => {
  if (await throttled(req.ip, reply)) return reply;
  const phone = req.body.phone;
  const purpose = req.body.purpose ?? 'operation';
  const now = Date.now();
  const day = utcDayKey(now);
  const code = generateCode(6);
  const codeHash = hashCode(CODE_SECRET, purpose, phone, code);
  const id = randomUUID();
  const keys = [
    `${PREFIX}sms:resend:${phone}`,
    `${PREFIX}sms:day:${day}:phone:${phone}`,
    `${PREFIX}sms:day:${day}:ip:${req.ip}`,
    `${PREFIX}sms:day:${day}:service`,
    `${PREFIX}sms:code:${purpose}:${phone}`,
  ];
  const [outcome] = (await reserveSendScript.run(redis, keys, [
    RESEND_MS,
    LIMITS.phone,
    LIMITS.ip,
    LIMITS.service,
    DAILY_COUNTER_TTL_MS,
    codeHash,
    now,
    now + CODE_TTL_MS,
    CODE_TTL_MS + EXPIRED_CODE_MEMORY_MS,
    id,
  ])) as [number, number];
  if (outcome !== 0) {
    return reply
      .code(429)
      .header('Retry-After', '60')
      .send({ statusCode: 429, code: REJECTIONS[outcome], message: 'Refused', retryAfter: 60 });
  }
  const sms = {
    id,
    phone,
    content: `【Floor】Your verification code is ${code}. It expires in 10 minutes.`,
    purpose,
    variables: { code, ttl: '10' },
  };
  await messages.add(
    'code',
    { sms, expiresAt: now + CODE_TTL_MS, queuedAt: now },
    {
      jobId: `code-${id}`,
      delay: TAKEOVER_DELAY_MS,
      attempts: 5,
      backoff: { type: 'records' },
      removeOnComplete: true,
      removeOnFail: { age: 604800 },
    },
  );
  await postWebhook(id, sms);
  const record = { id, phone, purpose, status: 'sent', provider: 'webhook', content: sms.content };
  await messages.add(
    'record',
    { record, sentAt: Date.now() },
    {
      jobId: `record-${id}`,
      attempts: 100_000,
      backoff: { type: 'records' },
      removeOnComplete: true,
      removeOnFail: { age: 604800 },
    },
  );
  return reply.code(202).send({ expiresIn: CODE_TTL_MS / 1000, retryAfter: RESEND_MS / 1000 });
});

app.post<{ Body: CodeBody }>('/v1/sms/codes/verify', async (req, reply) => {
  const { phone, code = '' } = req.body;
  const purpose = req.body.purpose ?? 'operation';
  // The product's verify: the per-IP throttle hit counted first in the same script, the phone's
  // wrong-guess counter of the day, then the code's key.
  const now = Date.now();
  let refused = false;
  const throttleHit = {
    key: `${PREFIX}throttle:default:default:${req.ip}`,
    windowMs: LIMITS.throttleTtlMs,
    limit: LIMITS.throttle,
    claim: () => undefined,
    settle: ({ hits }: { hits: number }) => {
      refused = hits > LIMITS.throttle;
    },
  };
  const [outcome] = (await verifyCodeScript.run(
    redis,
    [`${PREFIX}sms:day:${utcDayKey(now)}:wrong:${phone}`, `${PREFIX}sms:code:${purpose}:${phone}`],
    [
      now,
      5,
      1,
      DAILY_WRONG_LIMIT,
      DAILY_COUNTER_TTL_MS,
      hashCode(CODE_SECRET, purpose, phone, code),
    ],
    throttleHit,
  )) as [number, string];
  if (refused) {
    return reply.code(429).send({ statusCode: 429, code: 'TooManyRequests', message: 'Too many' });
  }
  if (outcome === 0) return reply.send({ verified: true });
  return reply.code(400).send({ statusCode: 400, code: 'CodeIsError', message: 'Wrong code' });
});

interface SessionRow {
  expires_at: Date;
  disabled: boolean;
  id: string;
  phone: string;
  username: string | null;
  mobile_phone_verified: boolean;
  created_at: Date;
  updated_at: Date;
}

app.get('/v1/users/me', async (req, reply) => {
  if (await throttled(req.ip, reply)) return reply;
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const { rows } = token
    ? await db.query<SessionRow>(
        `SELECT s.expires_at, u.disabled, u.id, u.phone, u.username, u.mobile_phone_verified,
                u.created_at, u.updated_at
           FROM sessions s JOIN users u ON u.id = s.user_id
          WHERE s.token_hash = $1`,
        [hashSessionToken(token)],
      )
    : { rows: [] };
  const row = rows[0];
  if (!row || row.expires_at.getTime() <= Date.now() || row.disabled) {
    return reply.code(401).send({ statusCode: 401, code: 'SessionInvalid', message: 'No session' });
  }
  return reply.send({
    id: row.id,
    phone: row.phone,
    username: row.username,
    mobilePhoneVerified: row.mobile_phone_verified,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
});

interface AccountRow {
  id: string;
  phone: string;
  username: string | null;
  mobile_phone_verified: boolean;
  disabled: boolean;
  created_at: Date;
  updated_at: Date;
}

app.post<{ Body: CodeBody }>('/v1/sessions', async (req, reply) => {
  if (await throttled(req.ip, reply)) return reply;
  const { phone, code = '' } = req.body;
  const { rows } = await db.query<AccountRow>(
    `SELECT id, phone, username, mobile_phone_verified, disabled, created_at, updated_at
       FROM users WHERE phone = $1`,
    [phone],
  );
  const user = rows[0];
  if (!user || user.disabled) {
    return reply.code(404).send({ statusCode: 404, code: 'UserNotFound', message: 'No user' });
  }
  const now = Date.now();
  const [outcome] = (await verifyCodeScript.run(
    redis,
    [`${PREFIX}sms:day:${utcDayKey(now)}:wrong:${phone}`, `${PREFIX}sms:code:login:${phone}`],
    [
      now,
      5,
      1,
      DAILY_WRONG_LIMIT,
      DAILY_COUNTER_TTL_MS,
      hashCode(CODE_SECRET, 'login', phone, code),
    ],
  )) as [number, string];
  if (outcome !== 0) {
    return reply.code(400).send({ statusCode: 400, code: 'CodeIsError', message: 'Wrong code' });
  }
  await redis.del(`${PREFIX}user:password-attempts:${phone}`);
  const token = newSessionToken();
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT 1 FROM users WHERE id = $1::uuid FOR NO KEY UPDATE', [user.id]);
    const openedAt = new Date();
    await client.query('DELETE FROM sessions WHERE user_id = $1::uuid AND expires_at <= $2', [
      user.id,
      openedAt,
    ]);
    const sessionId = randomUUID();
    await client.query(
      `INSERT INTO sessions (id, user_id, token_hash, created_at, last_used_at, expires_at,
         client_ip, user_agent) VALUES ($1, $2, $3, $4, $4, $5, $6, $7)`,
      [
        sessionId,
        user.id,
        hashSessionToken(token),
        openedAt,
        new Date(openedAt.getTime() + SESSION_TTL_MS),
        req.ip,
        req.headers['user-agent'] ?? null,
      ],
    );
    await client.query(
      `DELETE FROM sessions WHERE user_id = $1::uuid AND id IN (
         SELECT id FROM sessions WHERE user_id = $1::uuid AND id <> $2::uuid
          ORDER BY created_at DESC, id DESC OFFSET $3) RETURNING id::text`,
      [user.id, sessionId, MAX_SESSIONS - 1],
    );
    await client.query(
      `INSERT INTO lifecycle_events ("type", "payload") VALUES ('user.signed_in', $1::jsonb)`,
      [JSON.stringify({ userId: user.id, method: 'sms' })],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
  return reply.code(201).send({
    sessionToken: token,
    user: {
      id: user.id,
      phone: user.phone,
      username: user.username,
      mobilePhoneVerified: true,
      createdAt: user.created_at,
      updatedAt: user.updated_at,
    },
  });
});

app.post('/v1/captcha', async (req, reply) => {
  if (await throttled(req.ip, reply)) return reply;
  const [hits] = (await throttleHit.run(
    redis,
    [`${PREFIX}captcha:rate:issue:${req.ip}`],
    [CAPTCHA.windowMs],
  )) as [number, number];
  if (hits > CAPTCHA.limit) {
    return reply.code(429).send({ statusCode: 429, code: 'TooManyRequests', message: 'Slow' });
  }
  const answer = randomCaptchaText();
  const png = renderCaptchaPng(answer, {
    width: CAPTCHA_DEFAULT_WIDTH,
    height: CAPTCHA_DEFAULT_HEIGHT,
  });
  const token = randomBytes(24).toString('base64url');
  const digest = createHash('sha256').update(token).digest('hex');
  const answerHash = createHmac('sha256', CAPTCHA.secret)
    .update(`${digest}:${normalizeCaptchaAnswer(answer)}`)
    .digest('hex');
  await redis.set(`${PREFIX}captcha:challenge:${digest}`, answerHash, 'PX', CAPTCHA.ttlMs);
  return reply
    .code(201)
    .header('cache-control', 'no-store')
    .send({
      captchaToken: token,
      image: `data:image/png;base64,${png.toString('base64')}`,
      expiresIn: CAPTCHA.ttlMs / 1000,
    });
});

app.get('/health', (_req, reply) => reply.send({ status: 'ok' }));

function postWebhook(id: string, payload: object): Promise<void> {
  const body = JSON.stringify(payload);
  const webhookId = `msg_${id}`;
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      WEBHOOK,
      {
        method: 'POST',
        agent: webhookAgent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'webhook-id': webhookId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signStandardWebhook(WEBHOOK_SECRET, webhookId, timestamp, body),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () =>
          response.statusCode !== undefined && response.statusCode < 300
            ? resolve()
            : reject(new Error(`webhook answered ${response.statusCode}`)),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function required(name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function main(): Promise<void> {
  await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
  await app.listen({ port: PORT, host: '127.0.0.1' });
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => Promise.all([redis.quit(), db.end(), messages.close()]))
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`floor: ${String(error)}\n`);
  process.exit(1);
});
