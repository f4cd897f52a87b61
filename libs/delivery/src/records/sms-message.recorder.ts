import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { BatchWriter } from './batch-writer';
import type { SmsMessageRecord } from './sms-message-record';
import { SmsMessageRepository } from './sms-message.repository';

/** How long shutdown waits for the sends in flight and the last writes. */
const SHUTDOWN_WAIT_MS = 10_000;

/**
 * The one place send records are written. Recording never fails a send, and never holds its
 * answer: a record is queued with the time of its send and written just behind the response,
 * in bulk under load (BatchWriter). Reads that must see the sends answered before them
 * (the admin list, statistics, receipts, verified marks) wait for `flushed()`. At shutdown the
 * sends still in flight finish and everything queued is written before PostgreSQL is closed.
 */
@Injectable()
export class SmsMessageRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(SmsMessageRecorder.name);
  private readonly writer: BatchWriter<SmsMessageRecord & { createdAt: Date }>;
  private readonly marks: BatchWriter<{ id: string; at: Date }>;
  private sendsInFlight = 0;
  private onSendsDone?: () => void;

  constructor(repository: SmsMessageRepository) {
    this.writer = new BatchWriter({
      insert: (records) => repository.insertMany(records),
      onLoss: (count, reason) => this.logger.error(`Could not record ${count} messages: ${reason}`),
    });
    this.marks = new BatchWriter({
      // After the records queued before them: a code may be verified before its record is in.
      insert: async (marks) => {
        await this.writer.flushed();
        await repository.markVerified(marks);
      },
      onLoss: (count, reason) =>
        this.logger.warn(`Could not mark ${count} messages verified: ${reason}`),
    });
  }

  /** Queues the message and its attempts; written within moments. */
  record(message: SmsMessageRecord): void {
    this.writer.write({ ...message, createdAt: new Date() });
  }

  /** Resolves once every record and mark queued before the call is written (or given up on). */
  async flushed(): Promise<void> {
    await Promise.all([this.writer.flushed(), this.marks.flushed()]);
  }

  /** Runs one send; shutdown waits for the sends it is running before the last write. */
  async whileSending<T>(send: () => Promise<T>): Promise<T> {
    this.sendsInFlight++;
    try {
      return await send();
    } finally {
      if (--this.sendsInFlight === 0) this.onSendsDone?.();
    }
  }

  /**
   * Marks the message whose code was verified, after the response: the verify path waits
   * for Redis only. Marks are written in bulk, like the records.
   */
  markVerifiedLater(messageId: string, verifiedAt = new Date()): void {
    this.marks.write({ id: messageId, at: verifiedAt });
  }

  /** After the HTTP server has closed, before PostgreSQL does (PrismaModule is global: last). */
  async onApplicationShutdown(): Promise<void> {
    const deadline = Date.now() + SHUTDOWN_WAIT_MS;
    if (this.sendsInFlight > 0) {
      await within(new Promise<void>((resolve) => (this.onSendsDone = resolve)), deadline);
    }
    const done = this.flushed();
    if (!(await within(done, deadline))) {
      this.logger.error(`Shutting down with ${this.writer.pending} send records not written`);
    }
  }
}

/** Whether `promise` settled before `deadline`. */
async function within(promise: Promise<void>, deadline: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
