import { Queue } from 'bullmq';
import { Client } from 'pg';

export interface MessageRow {
  id: string;
  phone: string;
  status: string;
  provider: string;
  errorCode: string | null;
  kind: string;
  createdAt: Date;
}

/** Every final status a message record may end with. */
export const FINAL_STATUSES = ['sent', 'failed', 'unknown', 'expired', 'delivered', 'undelivered'];

/** The send records of a database, straight from PostgreSQL (thousands: no paging). */
export async function readMessageRows(databaseUrl: string): Promise<MessageRow[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<MessageRow>(
      `SELECT id, phone, status, provider, error_code AS "errorCode", kind,
              created_at AS "createdAt"
         FROM sms_messages`,
    );
    return rows;
  } catch (error) {
    throw new Error(`Could not read sms_messages: ${String(error)}`, { cause: error });
  } finally {
    await client.end();
  }
}

/**
 * The jobs of the `messages` queue not done yet (waiting, running, delayed), read from the
 * Redis of a deployment whose REDIS_KEY_PREFIX is `redisKeyPrefix`: the service's own
 * backlog, which is empty once every message has settled.
 */
export class MessageBacklog {
  private readonly queue: Queue;

  constructor(redisUrl: string, redisKeyPrefix: string) {
    this.queue = new Queue('messages', {
      connection: { url: redisUrl, maxRetriesPerRequest: 1 },
      prefix: `${redisKeyPrefix}queue`,
    });
  }

  async counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children');
  }

  /** Jobs that failed for good (kept for the admins): none should, in these tests. */
  failed(): Promise<number> {
    return this.queue.getFailedCount();
  }

  async isEmpty(): Promise<boolean> {
    const counts = await this.counts();
    return Object.values(counts).every((count) => count === 0);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
