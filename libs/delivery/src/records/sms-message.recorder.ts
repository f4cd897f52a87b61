import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MessageQueue } from '../queue/message-queue';
import { BatchWriter } from './batch-writer';
import { GroupCommit } from './group-commit';
import type { SmsMessageRecord } from './sms-message-record';
import { SmsMessageRepository } from './sms-message.repository';

/** How long shutdown waits for the sends in flight. */
const SHUTDOWN_WAIT_MS = 10_000;
/** A verified mark that found no record yet (its record job not run yet) is tried again. */
const MARK_RETRY_MS = 2000;
const MARK_TRIES = 10;

/**
 * Send records. They are written from the queue (`write`, by the worker that runs a record
 * job, in bulk under load) and never lost: a record job completes only once its row is in.
 * Reads that must see the sends answered before them (the admin list, statistics, receipts)
 * wait for `flushed()`. Verified marks are statistics, written in bulk after the answer (the
 * verify path waits for Redis only and does not touch the queue).
 */
@Injectable()
export class SmsMessageRecorder implements OnApplicationShutdown {
  private readonly logger = new Logger(SmsMessageRecorder.name);
  private readonly rows: GroupCommit<SmsMessageRecord & { createdAt: Date }>;
  private readonly marks: BatchWriter<{ id: string; at: Date; tries: number }>;
  private sendsInFlight = 0;
  private onSendsDone?: () => void;

  constructor(
    repository: SmsMessageRepository,
    private readonly queue: MessageQueue,
  ) {
    this.rows = new GroupCommit((records) => repository.upsertMany(records));
    this.marks = new BatchWriter({
      insert: async (marks) => {
        const missing = new Set(await repository.markVerified(marks));
        for (const mark of marks) {
          if (missing.has(mark.id) && mark.tries + 1 < MARK_TRIES) this.markAgainLater(mark);
        }
      },
      onLoss: (count, reason) =>
        this.logger.warn(`Could not mark ${count} messages verified: ${reason}`),
    });
  }

  /** Writes one record (idempotent by message id); settles once it is in PostgreSQL. */
  write(record: SmsMessageRecord, createdAt: Date): Promise<void> {
    return this.rows.write({ ...record, createdAt });
  }

  /** Resolves once the records this process queued before the call are written (bounded). */
  async flushed(): Promise<void> {
    await this.queue.recordsWritten();
    await this.marks.flushed();
  }

  /** Runs one send; shutdown waits for the sends it is running. */
  async whileSending<T>(send: () => Promise<T>): Promise<T> {
    this.sendsInFlight++;
    try {
      return await send();
    } finally {
      if (--this.sendsInFlight === 0) this.onSendsDone?.();
    }
  }

  /** Marks the message whose code was verified, after the response. */
  markVerifiedLater(messageId: string, verifiedAt = new Date()): void {
    this.marks.write({ id: messageId, at: verifiedAt, tries: 0 });
  }

  private markAgainLater(mark: { id: string; at: Date; tries: number }): void {
    setTimeout(() => this.marks.write({ ...mark, tries: mark.tries + 1 }), MARK_RETRY_MS).unref();
  }

  /** After the HTTP server has closed, before Redis and PostgreSQL do. */
  async onApplicationShutdown(): Promise<void> {
    if (this.sendsInFlight > 0) {
      const done = new Promise<void>((resolve) => (this.onSendsDone = resolve));
      if (!(await within(done, Date.now() + SHUTDOWN_WAIT_MS))) {
        this.logger.error(`Shutting down with ${this.sendsInFlight} sends in flight`);
      }
    }
    await within(this.marks.flushed(), Date.now() + SHUTDOWN_WAIT_MS);
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
