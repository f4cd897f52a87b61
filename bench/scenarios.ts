import type { ChildServer } from './support/child-server';
import { fire, type Workload } from './support/load';
import type { RssSampler } from './support/process-stats';
import type { BenchSmsReceiver, ReceivedCode } from './support/sms-receiver';

/** The API under test, or the floor it is compared with. */
export interface Target {
  kind: 'api' | 'floor';
  url: string;
  server: ChildServer;
  sampler: RssSampler;
  /** The API's REDIS_KEY_PREFIX: its queue is settled before each window. */
  redisKeyPrefix?: string;
  /** A worker process beside the API (`--worker separate`, the compose topology). */
  worker?: { server: ChildServer; sampler: RssSampler };
}

export interface BenchContext {
  receiver: BenchSmsReceiver;
  connections: number;
  /** Users seeded for the log-in scenario. */
  loginPool: number;
  /** Codes to have in hand for the verify scenario. */
  verifyPool: number;
}

export interface Scenario {
  id: number;
  key: string;
  title: string;
  /** Also measured on the floor server. */
  onFloor: boolean;
  /** Non-2xx statuses that are the expected answer here (not errors). */
  expectedNon2xx: number[];
  /** A reason to skip, e.g. the route does not exist yet. */
  probe(target: Target): Promise<string | undefined>;
  /** Seeds what the scenario needs, then returns its workload (warm-up and run share it). */
  prepare(target: Target, bench: BenchContext): Promise<Workload>;
}

const json = JSON.stringify;

/** A Chinese mobile number: `+86` + a 3-digit prefix + 8 digits of `n`. */
export function cnPhone(prefix: string, n: number): string {
  return `+86${prefix}${String(n % 100_000_000).padStart(8, '0')}`;
}

/** A code of the same length that is certainly wrong. */
function wrongCode(code: string): string {
  return code.replace(/\d/g, (digit) => String((Number(digit) + 1) % 10));
}

// Numbers each scenario sends to, per target, so no two scenarios share a phone.
const counters = new Map<string, number>();
function nextNumber(name: string): number {
  const n = counters.get(name) ?? 0;
  counters.set(name, n + 1);
  return n;
}

const SEND_PREFIX = '139';
const REJECTED_FRESH_PREFIX = '138';
const HAMMERED_PHONE = '+8613700000000';
const LOGIN_PREFIX = '150';
const ME_PREFIX = '186';
/** Session tokens the API opened for scenario 4, reused by the floor. */
let meTokens: string[] = [];

function sendWorkload(target: Target): Workload {
  return {
    method: 'POST',
    path: '/v1/sms/codes',
    next: () => ({
      body: json({ phone: cnPhone(SEND_PREFIX, nextNumber(`send:${target.kind}`)) }),
    }),
  };
}

/** 404 with our `NotFound` code: no such route (a domain 404 has its own code). */
async function missingRoute(
  target: Target,
  method: string,
  path: string,
): Promise<string | undefined> {
  const response = await fetch(`${target.url}${path}`, {
    method,
    headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
    body: method === 'POST' ? '{}' : undefined,
  });
  const body = (await response.json().catch(() => ({}))) as { code?: string };
  if (response.status === 404 && body.code === 'NotFound') {
    return `${method} ${path} answers 404 NotFound: the route does not exist yet`;
  }
  return undefined;
}

async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: json(body),
  });
  return {
    status: response.status,
    body: (await response.json().catch(() => ({}))) as Record<string, unknown>,
  };
}

/** Sends `bodies` (in order) with autocannon, `connections` at a time; every answer must be `status`. */
async function seed(
  target: Target,
  bench: BenchContext,
  path: string,
  bodies: unknown[],
  status: number,
): Promise<void> {
  let index = 0;
  const result = await fire(
    { method: 'POST', path, next: () => ({ body: json(bodies[index++ % bodies.length]) }) },
    {
      url: target.url,
      connections: Math.min(bench.connections, bodies.length),
      amount: bodies.length,
    },
  );
  const other = Object.entries(result.statuses).filter(([code]) => Number(code) !== status);
  if (other.length > 0 || result.socketErrors + result.timeouts > 0) {
    throw new Error(
      `seeding ${path}: expected ${bodies.length} x ${status}, got ${json(result.statuses)}, ` +
        `${result.socketErrors} socket errors, ${result.timeouts} timeouts`,
    );
  }
}

function codesFor(
  bench: BenchContext,
  target: Target,
  phones: string[],
  purpose: string,
): ReceivedCode[] {
  const received = bench.receiver.codesFrom(target.kind);
  return phones.map((phone) => {
    const entry = received.get(phone);
    if (!entry || entry.purpose !== purpose)
      throw new Error(`no ${purpose} code received for ${phone}`);
    return entry;
  });
}

export const SCENARIOS: Scenario[] = [
  {
    id: 1,
    key: 'send',
    title: 'POST /v1/sms/codes, distinct phones',
    onFloor: true,
    expectedNon2xx: [],
    probe: () => Promise.resolve(undefined),
    prepare: (target) => Promise.resolve(sendWorkload(target)),
  },
  {
    id: 2,
    key: 'verify',
    title: 'POST /v1/sms/codes/verify, 3 wrong then 1 right per phone',
    onFloor: true,
    expectedNon2xx: [400],
    probe: () => Promise.resolve(undefined),
    prepare: async (target, bench) => {
      // Codes the receiver saw for scenario 1's phones; more are sent if there are too few.
      const sentPhones = () =>
        [...bench.receiver.codesFrom(target.kind)].filter(([phone]) =>
          phone.startsWith(`+86${SEND_PREFIX}`),
        );
      const missing = bench.verifyPool - sentPhones().length;
      if (missing > 0) {
        const send = sendWorkload(target);
        const bodies = Array.from(
          { length: missing },
          () => JSON.parse(send.next?.().body ?? '{}') as unknown,
        );
        await seed(target, bench, '/v1/sms/codes', bodies, 202);
      }
      const pool = sentPhones();
      let cursor = 0;
      return {
        method: 'POST',
        path: '/v1/sms/codes/verify',
        next: () => {
          // Each phone gets three wrong tries (under the 5 allowed), then its right code. Once the
          // pool is used up it starts again with wrong codes only (answered CodeHasValid).
          const i = cursor++;
          const round = i >> 2;
          const [phone, { code }] = pool[round % pool.length];
          const right = (i & 3) === 3 && round < pool.length;
          return { body: json({ phone, code: right ? code : wrongCode(code) }) };
        },
      };
    },
  },
  {
    id: 3,
    key: 'login',
    title: 'POST /v1/sessions with phone + SMS code (1 wrong, 1 right per user)',
    onFloor: true,
    expectedNon2xx: [400],
    probe: async (target) =>
      (await missingRoute(target, 'POST', '/v1/sessions')) ??
      missingRoute(target, 'POST', '/v1/users'),
    prepare: async (target, bench) => {
      const phones = Array.from({ length: bench.loginPool }, (_, i) => cnPhone(LOGIN_PREFIX, i));
      // The floor logs in to the accounts the API signed up (it reads the API's database).
      if (target.kind === 'api') {
        await seed(
          target,
          bench,
          '/v1/sms/codes',
          phones.map((phone) => ({ phone, purpose: 'signup' })),
          202,
        );
        const signup = codesFor(bench, target, phones, 'signup');
        await seed(
          target,
          bench,
          '/v1/users',
          phones.map((phone, i) => ({ phone, code: signup[i].code })),
          201,
        );
      }
      await seed(
        target,
        bench,
        '/v1/sms/codes',
        phones.map((phone) => ({ phone, purpose: 'login' })),
        202,
      );
      const login = codesFor(bench, target, phones, 'login');
      let cursor = 0;
      return {
        method: 'POST',
        path: '/v1/sessions',
        next: () => {
          // A wrong code, then the right one; after the pool, wrong codes only.
          const i = cursor++;
          const round = i >> 1;
          const n = round % phones.length;
          const right = (i & 1) === 1 && round < phones.length;
          return {
            body: json({
              phone: phones[n],
              code: right ? login[n].code : wrongCode(login[n].code),
            }),
          };
        },
      };
    },
  },
  {
    id: 4,
    key: 'me',
    title: 'GET /v1/users/me with a valid session',
    onFloor: true,
    expectedNon2xx: [],
    probe: (target) => missingRoute(target, 'GET', '/v1/users/me'),
    prepare: async (target, bench) => {
      // The floor reads the API's database: it uses the sessions the API opened.
      const tokens = target.kind === 'floor' ? meTokens : (meTokens = []);
      for (let i = 0; i < (target.kind === 'floor' ? 0 : bench.connections); i++) {
        const phone = cnPhone(ME_PREFIX, i);
        const sent = await postJson(`${target.url}/v1/sms/codes`, { phone, purpose: 'signup' });
        if (sent.status !== 202) throw new Error(`signup code for ${phone}: ${json(sent)}`);
        const [{ code }] = codesFor(bench, target, [phone], 'signup');
        const created = await postJson(`${target.url}/v1/users`, { phone, code });
        const token = created.body.sessionToken;
        if (created.status !== 201 || typeof token !== 'string') {
          throw new Error(`sign-up for ${phone}: ${json(created)}`);
        }
        tokens.push(token);
      }
      let cursor = 0;
      return {
        method: 'GET',
        path: '/v1/users/me',
        next: () => ({ headers: { authorization: `Bearer ${tokens[cursor++ % tokens.length]}` } }),
      };
    },
  },
  {
    id: 5,
    key: 'captcha',
    title: 'POST /v1/captcha (image generation)',
    onFloor: true,
    expectedNon2xx: [],
    probe: (target) => missingRoute(target, 'POST', '/v1/captcha'),
    prepare: () =>
      Promise.resolve({ method: 'POST', path: '/v1/captcha', next: () => ({ body: '{}' }) }),
  },
  {
    id: 6,
    key: 'rejected',
    title: 'POST /v1/sms/codes, 9 in 10 to one hammered phone (429 expected)',
    onFloor: true,
    expectedNon2xx: [429],
    probe: () => Promise.resolve(undefined),
    prepare: (target) => {
      let cursor = 0;
      return Promise.resolve({
        method: 'POST',
        path: '/v1/sms/codes',
        next: () => {
          const fresh = cursor++ % 10 === 9;
          const phone = fresh
            ? cnPhone(REJECTED_FRESH_PREFIX, nextNumber(`rejected:${target.kind}`))
            : HAMMERED_PHONE;
          return { body: json({ phone }) };
        },
      });
    },
  },
];
