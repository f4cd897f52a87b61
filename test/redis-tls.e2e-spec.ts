import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueCnPhone } from './support/phones';
import { startTestApp, TestApp } from './support/test-app';
import { makeTlsFiles, startTlsRedis, TlsFiles, TlsRedis } from './support/tls-redis';
import { WebhookReceiver } from './support/webhook-receiver';
import { adminApi, notifyAndSettle, shippedNotificationCatalog } from './templates/catalog-api';
import { createIsolatedDatabase, IsolatedDatabase } from './support/isolated-database';

const PASSWORD = randomBytes(12).toString('hex');
const PREFIX = `test:${randomBytes(6).toString('hex')}:`;
/**
 * What RedisService.waitUntilReady says when it gave up at its deadline instead of on the first
 * permanent error. The message, not a wall-clock bound, tells the two apart: under a loaded CI
 * the start itself (before Redis is awaited) took 4.2 s once.
 */
const NOT_AT_ONCE = /Redis not reachable within/;

/** The ACL line of the README, for this run's password and key prefix. */
function documentedAclLine(): string {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
  const line = readme.split('\n').find((text) => text.startsWith('user smsauth on >CHANGE-ME'));
  if (line === undefined) throw new Error('README.md has no `user smsauth on >CHANGE-ME` line');
  return line.replace('>CHANGE-ME', `>${PASSWORD}`).replace('~smsauth:*', `~${PREFIX}*`);
}

/**
 * The service on a Redis that speaks TLS only, logged in as the README's ACL user (only its
 * prefix's keys, no admin commands): the API's connection, the queues and the maintenance jobs
 * all work; a wrong password or an untrusted certificate stops the start, at once, saying why.
 */
describe('Redis over TLS as an ACL user', () => {
  const receiver = new WebhookReceiver();
  let redis: TlsRedis;
  let otherCa: TlsFiles;
  let service: TestApp;
  // Its own database: the catalogue it approves must not reach the other suites.
  let database: IsolatedDatabase;
  const settings = (password: string, caFile: string): Record<string, string> => ({
    ...receiver.settings,
    DATABASE_URL: database.url,
    REDIS_URL: `rediss://smsauth:${password}@localhost:${redis.port}`,
    REDIS_TLS_CA_FILE: caFile,
    REDIS_KEY_PREFIX: PREFIX,
    MAINTENANCE_INTERVAL_SECONDS: '1',
  });

  beforeAll(async () => {
    await receiver.start();
    database = await createIsolatedDatabase();
    redis = await startTlsRedis([documentedAclLine()], { user: 'smsauth', password: PASSWORD });
    otherCa = makeTlsFiles('other-ca');
    service = await startTestApp(settings(PASSWORD, redis.tls.caFile));
  });

  afterAll(async () => {
    await service?.close();
    await redis?.stop();
    await receiver.stop();
    await database?.drop();
    if (otherCa !== undefined) rmSync(otherCa.dir, { recursive: true, force: true });
  });

  it('sends a code that verifies', async () => {
    const phone = uniqueCnPhone();
    await service.http().post('/v1/sms/codes').send({ phone }).expect(202);
    const code = receiver.lastCodeFor(phone);
    await service.http().post('/v1/sms/codes/verify').send({ phone, code }).expect(200, {
      verified: true,
    });
  });

  it('delivers a queued notification, and reports the queues and its health', async () => {
    const admin = adminApi(service);
    await shippedNotificationCatalog(admin);
    const phone = uniqueCnPhone();
    const message = await notifyAndSettle(admin, {
      phone,
      template: 'shipped',
      variables: { order: 'A1' },
    });
    expect(message).toMatchObject({ status: 'sent', provider: 'webhook' });
    expect(receiver.acceptedTo(phone)).toHaveLength(1);
    await admin.get('/v1/admin/queues').expect(200);
    await service.http().get('/health/ready').expect(200);
  });

  it('runs the maintenance jobs as that user', async () => {
    const admin = adminApi(service);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const queues = await admin.get('/v1/admin/queues').expect(200);
      const maintenance = JSON.stringify(queues.body);
      if (/"maintenance"[^}]*"completed":[1-9]/.test(maintenance)) break;
      if (Date.now() > deadline) throw new Error(`No maintenance run: ${maintenance}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  it('stops the start at once on a wrong password, naming the setting', async () => {
    const start = startTestApp(settings('wrong-password', redis.tls.caFile));
    await expect(start).rejects.toThrow(/refused the log-in \(WRONGPASS.*REDIS_URL/);
    await expect(start).rejects.not.toThrow(/wrong-password/);
    await expect(start).rejects.not.toThrow(NOT_AT_ONCE);
  });

  it('stops the start at once on a certificate its CA file does not trust', async () => {
    const start = startTestApp(settings(PASSWORD, otherCa.caFile));
    await expect(start).rejects.toThrow(/certificate is not trusted.*REDIS_TLS_CA_FILE/);
    await expect(start).rejects.not.toThrow(NOT_AT_ONCE);
  });
});
