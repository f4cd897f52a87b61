// ioredis' rejection when a command got no answer within `commandTimeout`.
const COMMAND_TIMEOUT_MESSAGE = 'Command timed out';

/**
 * True when a Redis command was given up on after REDIS_COMMAND_TIMEOUT_MS. Redis may still run
 * it later (a hung server resumes and works through its input), unlike a command refused
 * because the connection is down.
 */
export function isRedisCommandTimeout(error: unknown): boolean {
  return error instanceof Error && error.message === COMMAND_TIMEOUT_MESSAGE;
}

/**
 * Runs an idempotent start-up step again when a command of it timed out, up to `attempts`
 * times. While a process starts, its event loop is held for long stretches (module loading,
 * Nest's wiring of several processes on a small machine), and ioredis' timer can fire before
 * the socket's answer is read: a timeout then says nothing about Redis. A Redis that is really
 * hung still fails the start, after `attempts` timeouts.
 */
export async function retryWhenTimedOut<T>(step: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!isRedisCommandTimeout(error) || attempt >= attempts) throw error;
    }
  }
}
