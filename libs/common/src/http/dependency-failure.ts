// What ioredis and the PostgreSQL driver raise when their server is out of reach, or hangs
// past REDIS_COMMAND_TIMEOUT_MS / DATABASE_QUERY_TIMEOUT_MS.
const UNAVAILABLE_MESSAGES = [
  "Stream isn't writeable",
  'Connection is closed',
  'Reached the max retries per request limit',
  'Command timed out',
  'Query read timeout',
  'canceling statement due to statement timeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  "Can't reach database server",
  'Server has closed the connection',
];
const UNAVAILABLE_NAMES = new Set(['MaxRetriesPerRequestError', 'PrismaClientInitializationError']);

/**
 * True when an error means Redis or PostgreSQL is unreachable. Such requests fail
 * closed with 503 (no Redis, no code) rather than an opaque 500.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    if (UNAVAILABLE_NAMES.has(current.name)) return true;
    const { message } = current;
    if (UNAVAILABLE_MESSAGES.some((text) => message.includes(text))) return true;
    const code = (current as { code?: unknown }).code;
    // P1001: the database server cannot be reached; P1017: it closed the connection.
    if (code === 'ECONNREFUSED' || code === 'P1001' || code === 'P1017') return true;
    current = current.cause;
  }
  return false;
}
