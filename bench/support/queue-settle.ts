import { Queue } from 'bullmq';
import { queueKeyPrefix } from '../../libs/queue/src/queue-connection';
import { QUEUES } from '../../libs/queue/src/queue-names';

const SETTLE_TIMEOUT_MS = 180_000;

/**
 * Waits until the API's `messages` queue has no job left to work: the records of the sends a
 * scenario's seeding and warm-up made are written before its window opens, so the window
 * measures the scenario, not the worker catching up on what came before it. Resolves with how
 * long that took.
 */
export async function settleMessageQueue(
  redisUrl: string,
  redisKeyPrefix: string,
): Promise<number> {
  const queue = new Queue(QUEUES.messages, {
    connection: { url: redisUrl, maxRetriesPerRequest: 1 },
    prefix: queueKeyPrefix(redisKeyPrefix),
    skipVersionCheck: true,
  });
  const started = Date.now();
  try {
    for (;;) {
      const counts = await queue.getJobCounts('wait', 'active', 'delayed', 'prioritized');
      const left = Object.values(counts).reduce((sum, n) => sum + n, 0);
      if (left === 0) return Date.now() - started;
      if (Date.now() - started > SETTLE_TIMEOUT_MS) {
        throw new Error(
          `the messages queue still holds ${JSON.stringify(counts)} after ${SETTLE_TIMEOUT_MS} ms`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await queue.close();
  }
}
