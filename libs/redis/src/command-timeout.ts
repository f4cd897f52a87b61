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
