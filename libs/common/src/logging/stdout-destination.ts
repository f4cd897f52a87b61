import pino from 'pino';

/** Lines are held until this many bytes are waiting... */
const BATCH_BYTES = 4096;
/** ...or until this long has passed, so a quiet service's lines are late by this much at most. */
const FLUSH_EVERY_MS = 250;

/**
 * Standard output for the JSON log lines, written in batches and without blocking. One write
 * per request line cost a tenth of the API's CPU on the hot routes (the bench's profile of
 * verifying a code), as much blocking or not: it is the count of writes that costs. pino
 * writes what is still held when the process exits, through `process.exit` too; only a
 * SIGKILL or a crash of the machine loses the last quarter-second of lines.
 */
export function stdoutLogDestination(): pino.DestinationStream {
  return pino.destination({
    dest: 1,
    sync: false,
    minLength: BATCH_BYTES,
    periodicFlush: FLUSH_EVERY_MS,
  });
}
