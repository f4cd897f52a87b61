import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService, type FraudKeyKind } from '@app/config';
import { PrismaService } from '@app/prisma';
import { RedisScript, RedisService } from '@app/redis';
import { FraudKeys, INDEXED_KINDS } from './fraud-keys';
import { RecordedCode, seedBuckets } from './fraud-seed';

const DAY_MS = 86_400_000;
/** How often a process looks for the seeded mark (gone after a Redis flush). */
const CHECK_EVERY_MS = 60_000;
/** One seeder at a time across processes; it must finish (or the lock lapse) within this. */
const LOCK_MS = 5 * 60_000;
/** Records read per query, and the most read (a bound on the seed's memory). */
const PAGE = 5000;
const MAX_RECORDS = 2_000_000;

/** Adds to some fields and raises others to a value, and keeps the key 15 days. */
const seedKeyScript = new RedisScript(`
local adds = tonumber(ARGV[1])
for n = 1, adds do
  redis.call('HINCRBY', KEYS[1], ARGV[1 + 2 * n - 1], ARGV[1 + 2 * n])
end
for n = 2 + 2 * adds, #ARGV, 2 do
  if tonumber(ARGV[n + 1]) > tonumber(redis.call('HGET', KEYS[1], ARGV[n]) or '0') then
    redis.call('HSET', KEYS[1], ARGV[n], ARGV[n + 1])
  end
end
redis.call('PEXPIRE', KEYS[1], 15 * 86400000)
return 0
`);

/**
 * Rebuilds the fraud guard's budgets from the records (sms_messages) when Redis has lost them:
 * at start and whenever the seeded mark is gone (a flush, a new Redis). Without it, a restart
 * on an empty Redis would leave every key at its floor: real traffic of a busy country
 * challenged until it verified again. Sends counted live between the flush and the seed are
 * counted twice (the safe side: stricter for a minute).
 */
@Injectable()
export class FraudBudgetSeeder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(FraudBudgetSeeder.name);
  private readonly enabled: boolean;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    private readonly prisma: PrismaService,
    private readonly redis: RedisService,
    private readonly keys: FraudKeys,
    config: AppConfigService,
  ) {
    this.enabled = config.get('SMS_FRAUD_GUARD') !== 'off';
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.timer = setInterval(() => void this.seedIfNeeded(), CHECK_EVERY_MS).unref();
    void this.seedIfNeeded();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Seeds when the mark is missing and no other process is seeding; resolves when done. */
  seedIfNeeded(now = Date.now()): Promise<void> {
    this.running ??= this.trySeed(now)
      .catch((error: unknown) => this.logger.warn(`Fraud budgets not rebuilt: ${String(error)}`))
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async trySeed(now: number): Promise<void> {
    if (await this.redis.client.exists(this.keys.seeded())) return;
    const locked = await this.redis.client.set(
      this.keys.seedLock(),
      String(now),
      'PX',
      LOCK_MS,
      'NX',
    );
    if (locked !== 'OK') return;
    const records = await this.readRecords(now);
    await this.write(seedBuckets(records, now), now);
    await this.redis.client.set(this.keys.seeded(), String(now));
    this.logger.log(`Fraud budgets rebuilt from ${records.length} records`);
  }

  private async readRecords(now: number): Promise<RecordedCode[]> {
    const records: RecordedCode[] = [];
    let after: { createdAt: Date; id: string } | undefined;
    while (records.length < MAX_RECORDS) {
      const page = await this.prisma.smsMessage.findMany({
        where: {
          createdAt: { gte: new Date(now - 14 * DAY_MS), lt: new Date(now) },
          kind: 'verification',
          channel: 'sms',
          testNumber: false,
          region: { not: null },
          status: { in: ['sent', 'delivered', 'undelivered', 'unknown'] },
          ...(after
            ? {
                OR: [
                  { createdAt: { gt: after.createdAt } },
                  { createdAt: after.createdAt, id: { gt: after.id } },
                ],
              }
            : {}),
        },
        select: {
          id: true,
          phone: true,
          purpose: true,
          region: true,
          clientIp: true,
          createdAt: true,
          verifiedAt: true,
        },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: PAGE,
      });
      for (const row of page) records.push({ ...row, region: row.region ?? '' });
      if (page.length < PAGE) break;
      after = page[page.length - 1];
    }
    return records;
  }

  private async write(buckets: ReturnType<typeof seedBuckets>, now: number): Promise<void> {
    const writes: Array<Promise<unknown>> = [];
    const indexed = new Set<string>(INDEXED_KINDS);
    for (const [name, fields] of buckets) {
      const [kind, value] = name.split('\u0000') as [FraudKeyKind, string];
      const args = [fields.add.size, ...[...fields.add].flat(), ...[...fields.max].flat()];
      writes.push(seedKeyScript.run(this.redis.client, [this.keys.watched(kind, value)], args));
      const seenToday = [...fields.add.keys()].some((field) => field.startsWith('s'));
      if (indexed.has(kind) && seenToday) {
        const index = this.keys.index(kind as (typeof INDEXED_KINDS)[number]);
        writes.push(this.redis.client.zadd(index, 'GT', now, value));
      }
      // The connection pipelines these (auto-pipelining); a bounded number in flight at once.
      if (writes.length >= 1000) await Promise.all(writes.splice(0));
    }
    await Promise.all(writes);
  }
}
