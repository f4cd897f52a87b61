import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { Metrics } from '@app/metrics';
import { QUEUES } from '@app/queue';
import type { SmsMessageRecord } from '../records/sms-message-record';
import {
  CodeJobData,
  ConversionJobData,
  conversionJobId,
  MESSAGE_JOBS,
  NotificationJobData,
  codeJobId,
  RecordJobData,
  recordJobId,
} from './message-jobs';
import { RecordsInFlight } from './records-in-flight';

/** Beyond the longest dispatch, before a worker takes over the code of a process that died. */
const TAKEOVER_MARGIN_MS = 10_000;

/** Failed jobs are kept this long for `retry` and for the admins to read. */
const KEEP_FAILED_SECONDS = 7 * 24 * 3600;

/** The tries of a conversion report; see `enqueueConversion`. */
export const CONVERSION_ATTEMPTS = 8;

/** A record job retried while PostgreSQL is away: every 1 s, 2 s, 4 s... then every minute. */
const RECORD_ATTEMPTS = 100_000;

export interface NotificationRetryPolicy {
  attempts: number;
  /** The first retry's delay; each next one doubles. */
  firstDelayMs: number;
}

/**
 * The producer side of the `messages` queue (see message-jobs.ts for what each job is).
 * Each call is one round trip to Redis.
 */
@Injectable()
export class MessageQueue {
  constructor(
    @InjectQueue(QUEUES.messages) private readonly queue: Queue,
    private readonly recordsInFlight: RecordsInFlight,
    private readonly metrics: Metrics,
  ) {}

  /**
   * Makes a code durable before it is dispatched: a delayed job a worker runs only if this
   * process has not recorded the outcome by then (it died mid-send).
   */
  async holdCode(data: CodeJobData, longestDispatchMs: number): Promise<void> {
    await this.queue.add(MESSAGE_JOBS.code, data, {
      jobId: codeJobId(data.sms.id),
      delay: longestDispatchMs + TAKEOVER_MARGIN_MS,
      // A takeover that failed on Redis or PostgreSQL is tried again (a code may go twice).
      attempts: 5,
      backoff: { type: 'records' },
      removeOnComplete: true,
      removeOnFail: { age: KEEP_FAILED_SECONDS },
    });
  }

  /** Removes a held code that will not be sent (its dispatch failed before any provider). */
  async dropHeldCode(messageId: string): Promise<void> {
    await this.queue.remove(codeJobId(messageId));
  }

  /** Queues the outcome of a dispatch to be written to PostgreSQL (which may be away). */
  async recordOutcome(record: SmsMessageRecord, sentAt: Date): Promise<void> {
    this.metrics.messageFinished(record.provider, record.status);
    const data: RecordJobData = { record, sentAt: sentAt.getTime() };
    const jobId = recordJobId(record.id);
    this.recordsInFlight.track(jobId);
    try {
      await this.queue.add(MESSAGE_JOBS.record, data, { jobId, ...RECORD_JOB_OPTIONS });
    } catch (error) {
      this.recordsInFlight.settle(jobId);
      throw error;
    }
  }

  async enqueueNotification(
    data: NotificationJobData,
    retry: NotificationRetryPolicy,
  ): Promise<void> {
    await this.queue.add(MESSAGE_JOBS.notification, data, {
      jobId: data.sms.id,
      attempts: retry.attempts,
      backoff: { type: 'exponential', delay: retry.firstDelayMs },
      removeOnComplete: true,
      removeOnFail: { age: KEEP_FAILED_SECONDS },
    });
  }

  /**
   * Queues a conversion report. Tries 1 s, 2 s, 4 s ... apart, 8 in all (about 4 minutes):
   * a report is worth little later, and a provider down must not pile them up.
   */
  async enqueueConversion(data: ConversionJobData): Promise<void> {
    await this.queue.add(MESSAGE_JOBS.conversion, data, {
      jobId: conversionJobId(data.messageId),
      attempts: CONVERSION_ATTEMPTS,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: { age: 24 * 3600 },
    });
  }

  /**
   * Sends a failed notification again: true when its job was failed and is queued again, false
   * when there is no failed job for it (never queued here, sent, still queued, or expired).
   */
  async retryNotification(messageId: string): Promise<boolean> {
    const job = await this.queue.getJob(messageId);
    if (job?.name !== MESSAGE_JOBS.notification) return false;
    if ((await job.getState()) !== 'failed') return false;
    await job.updateData({ ...(job.data as NotificationJobData), inFlight: undefined });
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    return true;
  }

  /**
   * The notification job of message `id` while it waits or runs: not once it completed (gone)
   * or failed (kept for `retry`, its record says how it ended).
   */
  async notification(
    messageId: string,
  ): Promise<{ data: NotificationJobData; tries: number } | undefined> {
    const job = await this.queue.getJob(messageId);
    if (job?.name !== MESSAGE_JOBS.notification) return undefined;
    const state = await job.getState();
    if (state === 'failed' || state === 'completed') return undefined;
    return { data: job.data as NotificationJobData, tries: job.attemptsMade };
  }

  /** The record of message `id` while its record job waits to be written (PostgreSQL away or behind). */
  async pendingRecord(messageId: string): Promise<RecordJobData | undefined> {
    const job = await this.queue.getJob(recordJobId(messageId));
    return job === undefined ? undefined : (job.data as RecordJobData);
  }

  /** Resolves once the records this process queued before the call are written (bounded). */
  recordsWritten(): Promise<void> {
    return this.recordsInFlight.settled((jobId) => this.isDone(jobId));
  }

  /** A record job is done once it is gone (removed on completion) or completed. */
  private async isDone(jobId: string): Promise<boolean> {
    const state = await this.queue.getJobState(jobId);
    return state === 'unknown' || state === 'completed';
  }
}

export const RECORD_JOB_OPTIONS: JobsOptions = {
  attempts: RECORD_ATTEMPTS,
  backoff: { type: 'records' },
  removeOnComplete: true,
  removeOnFail: { age: KEEP_FAILED_SECONDS },
};

/** The backoff of record jobs (registered on the worker): doubling from 1 s, at most a minute. */
export function recordBackoffMs(attemptsMade: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.min(attemptsMade - 1, 6));
}
