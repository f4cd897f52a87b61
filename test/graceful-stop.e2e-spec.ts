import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { ensureBuiltApp } from './support/built-app';
import { uniqueCnPhone } from './support/phones';
import { TEST_ADMIN_KEY } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

// The default drain: long enough for the probes below to land inside it on a loaded machine.
const DRAIN_MS = 5000;
// Sends take this long (the SMS webhook answers late), so some are in flight when the server
// stops accepting: they must be finished, not cut.
const PROVIDER_DELAY_MS = 600;
const WORKERS = 12;

interface Answer {
  path: string;
  sentAt: number;
  status?: number;
  body?: Record<string, unknown>;
  error?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** One HTTP request on a keep-alive agent, as a load balancer or an SDK would hold it. */
function send(
  agent: Agent,
  port: number,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const sentAt = Date.now();
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: payload ? { 'content-type': 'application/json' } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Record<string, unknown> | undefined;
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = { unparsed: text };
          }
          resolve({ path, sentAt, status: res.statusCode, body: parsed });
        });
        res.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ path, sentAt, error: error.code ?? error.message }),
        );
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ path, sentAt, error: error.code ?? error.message }),
    );
    req.end(payload);
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/**
 * SIGTERM to the real process (the built service, started as the image starts it) under load:
 * readiness fails first while requests are still served, then the server stops accepting and
 * finishes what is in flight. Every request either gets its normal answer or a 503 in the error
 * model; none is cut off.
 */
describe('Graceful stop (SIGTERM under load)', () => {
  let receiver: WebhookReceiver;
  let child: ChildProcess | undefined;
  let output = '';

  beforeAll(async () => {
    ensureBuiltApp();
    receiver = await new WebhookReceiver().start();
    receiver.setMode({ delayMs: PROVIDER_DELAY_MS });
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await exited(child);
    }
    await receiver?.stop();
  });

  it.each([
    ['fails readiness first, serves, drains, then exits', DRAIN_MS],
    // No drain: the server closes while the clients' keep-alive connections are busy.
    ['without a drain, closes at once and cuts nothing in flight', 0],
  ])(
    '%s; every answer is normal or the error model',
    async (_name, drainMs) => {
      const port = await freePort();
      child = spawn(process.execPath, [ensureBuiltApp()], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: process.env.DATABASE_URL,
          REDIS_URL: process.env.REDIS_URL,
          REDIS_KEY_PREFIX: `test:${randomBytes(6).toString('hex')}:`,
          ADMIN_API_KEY: TEST_ADMIN_KEY,
          PORT: String(port),
          LOG_LEVEL: 'warn',
          THROTTLE_LIMIT: '1000000',
          SMS_IP_DAILY_LIMIT: '1000000',
          // The load is one IP sending codes nobody verifies: the pumping defence would
          // challenge it, as it should; this suite is about the stop.
          SMS_FRAUD_GUARD: 'off',
          SHUTDOWN_DRAIN_MS: String(drainMs),
          ...receiver.settings,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exit = exited(child);

      const probe = new Agent({ keepAlive: true });
      const startDeadline = Date.now() + 60_000;
      while ((await send(probe, port, 'GET', '/health/ready')).status !== 200) {
        if (Date.now() > startDeadline || child.exitCode !== null) {
          throw new Error(`The service did not become ready:\n${output}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }

      const answers: Answer[] = [];
      let stopLoad = false;
      const worker = async (index: number): Promise<void> => {
        const agent = new Agent({ keepAlive: true, maxSockets: 1 });
        for (let round = 0; !stopLoad; round++) {
          const answer =
            (index + round) % 3 === 0
              ? await send(agent, port, 'POST', '/v1/sms/codes/verify', {
                  phone: uniqueCnPhone(),
                  code: '000000',
                })
              : await send(agent, port, 'POST', '/v1/sms/codes', { phone: uniqueCnPhone() });
          answers.push(answer);
          // Refused: the server no longer accepts; this client goes elsewhere.
          if (answer.error === 'ECONNREFUSED') break;
        }
        agent.destroy();
      };
      const load = Array.from({ length: WORKERS }, (_, index) => worker(index));
      await new Promise((resolve) => setTimeout(resolve, 800));

      const signalledAt = Date.now();
      child.kill('SIGTERM');
      if (drainMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        // Draining: readiness fails in the error model, other requests are still served.
        const ready = await send(probe, port, 'GET', '/health/ready');
        const live = await send(probe, port, 'GET', '/health/live');
        expect(Date.now() - signalledAt).toBeLessThan(drainMs);
        expect(ready.status).toBe(503);
        expect(ready.body).toMatchObject({
          statusCode: 503,
          code: 'ServiceUnavailable',
          message: 'Shutting down',
          status: 'unavailable',
        });
        expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
      }

      const exitCode = await Promise.race([
        exit,
        new Promise<'hung'>((resolve) => setTimeout(resolve, DRAIN_MS + 20_000, 'hung')),
      ]);
      stopLoad = true;
      await Promise.all(load);
      probe.destroy();
      expect({ exitCode, output: exitCode === 0 ? '' : output }).toEqual({
        exitCode: 0,
        output: '',
      });

      const afterSignal = answers.filter((answer) => answer.sentAt >= signalledAt);
      const answered = answers.filter((answer) => answer.status !== undefined);
      // Requests sent during the drain were served as usual.
      if (drainMs > 0) {
        expect(
          afterSignal.some((answer) => answer.path === '/v1/sms/codes' && answer.status === 202),
        ).toBe(true);
      }
      for (const answer of answered) {
        const normal =
          (answer.path === '/v1/sms/codes' && answer.status === 202) ||
          (answer.path === '/v1/sms/codes/verify' &&
            answer.status === 400 &&
            answer.body?.code === 'CodeIsError');
        if (normal) continue;
        expect({ path: answer.path, status: answer.status, body: answer.body }).toEqual({
          path: answer.path,
          status: 503,
          body: { statusCode: 503, code: 'ServiceUnavailable', message: expect.any(String) },
        });
      }
      // Never cut: a request either got its answer, or was sent once the server was closing
      // and refused unread (refused, or reset: it reached a connection being closed, which
      // read nothing of it, so a client may send it again elsewhere).
      const failures = answers.filter((answer) => answer.error !== undefined);
      const unread = ['ECONNREFUSED', 'ECONNRESET'];
      expect(failures.filter((answer) => !unread.includes(answer.error ?? ''))).toEqual([]);
      for (const failure of failures)
        expect(failure.sentAt).toBeGreaterThanOrEqual(signalledAt + drainMs);
      // Every send answered 202 went out: none was dropped half-way.
      const accepted = answered.filter(
        (answer) => answer.path === '/v1/sms/codes' && answer.status === 202,
      );
      expect(receiver.received.length).toBeGreaterThanOrEqual(accepted.length);
      expect(answered.length).toBeGreaterThan(WORKERS);
    },
    120_000,
  );
});
