/** The share of a retry's delay BullMQ may take off at random (its exponential `jitter`). */
export const RETRY_JITTER = 0.1;

/** The delay before the try after `attemptsMade` tries, at most (BullMQ's exponential backoff). */
export function retryDelayMs(attemptsMade: number, firstDelayMs: number): number {
  return 2 ** (attemptsMade - 1) * firstDelayMs;
}

/** From the first try to the last, at most, for a delivery of `attempts` tries. */
export function retryWindowMs(attempts: number, firstDelayMs: number): number {
  let total = 0;
  for (let made = 1; made < attempts; made++) total += retryDelayMs(made, firstDelayMs);
  return total;
}
